#include "api.h"

#include <charconv>
#include <exception>
#include <set>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "analysis/text_sanitizer.h"
#include "date_range.h"
#include "errors.h"
#include "result_format.h"
#include "static_files.h"
#include "url.h"

namespace newsdex::server {

namespace {

/// A request the client got wrong: answered with its status and message.
struct ClientError {
    unsigned status;
    std::string message;
};

std::string json_object(const std::vector<std::pair<std::string, std::string>>& strings,
                        const std::vector<std::pair<std::string, std::uint64_t>>& numbers) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    for (const auto& [k, v] : strings) {
        w.Key(k.c_str());
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    for (const auto& [k, v] : numbers) {
        w.Key(k.c_str());
        w.Uint64(v);
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

/// Text from a URL must be UTF-8 to be searched or echoed in JSON: the
/// analysis pipeline's sanitizer decides, and a repair means the client sent
/// bytes it did not mean.
void require_utf8(const std::string& name, const std::string& value) {
    std::string copy = value;
    if (sanitize_text(copy).invalid_sequences > 0)
        throw ClientError{400, "parameter " + name + " is not valid UTF-8"};
}

unsigned parse_unsigned(const std::string& name, const std::string& value, unsigned max) {
    unsigned out = 0;
    const char* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, out);
    if (value.empty() || ec != std::errc() || ptr != end)
        throw ClientError{400,
                          "parameter " + name + " must be a whole number, not '" + value + "'"};
    if (out > max)
        throw ClientError{400, "parameter " + name + " is at most " + std::to_string(max)};
    return out;
}

bool parse_bool(const std::string& name, const std::string& value) {
    if (value == "1" || value == "true" || value == "on" || value.empty()) return true;
    if (value == "0" || value == "false" || value == "off") return false;
    throw ClientError{400, "parameter " + name + " must be true or false"};
}

/// The language code of `lang=`: what the query's words are stemmed as.
void check_lang(const std::string& value) {
    bool ok = value.size() >= 2 && value.size() <= 3;
    for (char c : value) ok = ok && c >= 'a' && c <= 'z';
    if (!ok) throw ClientError{400, "parameter lang must be a language code such as en or de"};
}

SearchRequest parse_search(const Target& target, const Limits& limits) {
    SearchRequest request;
    std::set<std::string> seen;
    bool have_query = false;
    for (const auto& [name, value] : target.params) {
        if (name != "facet" && !seen.insert(name).second)
            throw ClientError{400, "parameter " + name + " is given twice"};
        require_utf8(name, value);
        if (name == "q") {
            if (value.size() > limits.max_query_bytes)
                throw ClientError{400, "parameter q is longer than " +
                                           std::to_string(limits.max_query_bytes) + " bytes"};
            request.query = value;
            have_query = true;
        } else if (name == "limit") {
            request.limit = parse_unsigned(name, value, limits.max_limit);
        } else if (name == "offset") {
            request.offset = parse_unsigned(name, value, limits.max_offset);
        } else if (name == "sort") {
            auto order = parse_sort_order(value);
            if (!order)
                throw ClientError{400, "parameter sort must be relevance, newest or oldest"};
            request.sort = *order;
        } else if (name == "facet") {
            // facet=topic&facet=source or facet=topic,source
            std::string_view rest(value);
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                const std::string facet(rest.substr(0, comma));
                rest =
                    comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
                if (facet.empty()) continue;
                if (!is_facet_name(facet))
                    throw ClientError{400, "parameter facet must be one of " + facet_name_list() +
                                               ", not '" + facet + "'"};
                if (std::find(request.facets.begin(), request.facets.end(), facet) ==
                    request.facets.end())
                    request.facets.push_back(facet);
            }
        } else if (name == "any") {
            request.any = parse_bool(name, value);
        } else if (name == "lang") {
            check_lang(value);
            request.lang = value;
        } else if (name == "date") {
            if (value.empty()) continue;
            auto range = parse_date_range(value);
            if (!range)
                throw ClientError{400,
                                  "parameter date must be like 1987, 1987-03, "
                                  "1987-03-01..1987-03-31, ..1987-02 or 2024-10.."};
            request.date = range;
        } else {
            throw ClientError{400, "unknown parameter " + name +
                                       " (q, limit, offset, sort, facet, any, lang, date)"};
        }
    }
    if (!have_query ||
        (request.query.find_first_not_of(" \t\n") == std::string::npos && !request.date))
        throw ClientError{400, "parameter q is required (a query, or a date range with date=)"};
    if (request.offset + request.limit > limits.max_offset + limits.max_limit)
        throw ClientError{400, "offset + limit is past the deepest page"};
    return request;
}

void refresh(Worker& worker) {
    // A new revision (a writer committed): search it from now on, and forget
    // what was cached about the old one.
    if (worker.searcher.refresh()) worker.info_json.reset();
}

Response json(std::string body) {
    Response r;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response search(const Target& target, Worker& worker, const Limits& limits,
                std::chrono::steady_clock::time_point received) {
    SearchRequest request = parse_search(target, limits);
    request.deadline = received + limits.request_time;
    // The search reads the newest revision by itself (pinning and reopening
    // once); a refresh() first would do that twice a request.
    Response response = json(format_json(worker.searcher.search(request)));
    if (worker.searcher.revision_changed()) worker.info_json.reset();
    return response;
}

Response article(std::string_view rest, Worker& worker) {
    // {collection}/{id}: a collection name has no '/', an id may (a path), so
    // the id is everything after the first '/', escaped or not.
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size())
        throw ClientError{404, "no such article: use /api/article/{collection}/{id}"};
    auto collection = percent_decode(rest.substr(0, slash), false);
    auto id = percent_decode(rest.substr(slash + 1), false);
    if (!collection || !id) throw ClientError{400, "malformed %-escape in the article path"};
    require_utf8("collection", *collection);
    require_utf8("id", *id);
    refresh(worker);
    auto found = worker.searcher.show(*collection, *id, /*query=*/"");
    if (!found) throw ClientError{404, "no article " + *id + " in collection " + *collection};
    return json(format_article_json(*found));
}

Response info(Worker& worker) {
    refresh(worker);
    // Counting distinct words walks the vocabulary: once per revision.
    if (!worker.info_json) worker.info_json = format_info_json(worker.searcher.info());
    return json(*worker.info_json);
}

Response healthz(Worker& worker) {
    refresh(worker);
    return json(
        json_object({{"status", "ok"}}, {{"articles", worker.searcher.database().get_doccount()}}));
}

Response static_file(std::string_view name) {
    const StaticFile* file = find_static_file(name);
    if (!file) throw ClientError{404, "no such page"};
    Response r;
    r.content_type = std::string(file->content_type);
    r.body = std::string(file->body);
    // The page changes only with the binary: a short cache is safe.
    r.headers.emplace_back("Cache-Control", "public, max-age=300");
    return r;
}

Response route(const std::string& method, const std::string& raw_target, Worker& worker,
               const Limits& limits, std::chrono::steady_clock::time_point received) {
    auto target = parse_target(raw_target);
    if (!target) throw ClientError{400, "malformed request target"};
    if (method != "GET" && method != "HEAD") {
        Response r = error_response(405, "only GET and HEAD are served");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    const std::string& path = target->path;
    if (path == "/api/search") return search(*target, worker, limits, received);
    constexpr std::string_view kArticle = "/api/article/";
    if (path.starts_with(kArticle))
        return article(std::string_view(path).substr(kArticle.size()), worker);
    if (path == "/api/info") return info(worker);
    if (path == "/healthz") return healthz(worker);
    if (path == "/" || path == "/index.html") return static_file("index.html");
    constexpr std::string_view kStatic = "/static/";
    if (path.starts_with(kStatic)) {
        const std::string_view name = std::string_view(path).substr(kStatic.size());
        // Names are looked up in a table, never joined to a directory: "../"
        // is simply not found.
        return static_file(name);
    }
    throw ClientError{404, "no such endpoint"};
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& common_headers() {
    static const std::vector<std::pair<std::string, std::string>> headers = {
        // The page loads only its own script and style and talks only to this
        // server; nothing from a result can run even if escaping failed.
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    };
    return headers;
}

Response error_response(unsigned status, const std::string& message) {
    Response r;
    r.status = status;
    r.body = json_object({{"error", message}}, {{"status", status}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response handle(const std::string& method, const std::string& target, Worker& worker,
                const Limits& limits, std::chrono::steady_clock::time_point received) {
    try {
        return route(method, target, worker, limits, received);
    } catch (const ClientError& e) {
        return error_response(e.status, e.message);
    } catch (const SearchTimeout&) {
        Response r = error_response(503, "the search took longer than " +
                                             std::to_string(limits.request_time.count()) +
                                             " ms and was stopped; narrow the query");
        r.headers.emplace_back("Retry-After", "1");
        return r;
    } catch (const UsageError& e) {
        return error_response(400, e.what());
    } catch (const DatabaseError& e) {
        return error_response(503, std::string("the index cannot be read: ") + e.what());
    } catch (const Xapian::Error& e) {
        return error_response(503, "the index cannot be read: " + e.get_description());
    } catch (const std::exception& e) {
        return error_response(500, std::string("internal error: ") + e.what());
    } catch (...) {
        return error_response(500, "internal error");
    }
}

}  // namespace newsdex::server
