#include "result_format.h"

#include "number_format.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

namespace newsdex {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put_string(JsonWriter& w, const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void put_facets(JsonWriter& w,
                const std::vector<std::pair<std::string, std::vector<FacetValue>>>& facets) {
    w.StartObject();
    for (const auto& [name, values] : facets) {
        w.Key(name.c_str());
        w.StartArray();
        for (const auto& v : values) {
            w.StartObject();
            w.Key("value");
            put_string(w, v.value);
            w.Key("count");
            w.Uint64(v.count);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
}

const char* kBold = "\x1b[1m";
const char* kDim = "\x1b[2m";
const char* kReset = "\x1b[0m";

}  // namespace

std::string format_text(const SearchResult& r, const TextStyle& style) {
    std::string out;
    char head[160];
    std::snprintf(head, sizeof head, "%s%s %s for \"", r.total_is_exact ? "" : "about ",
                  group_thousands(r.estimated_total).c_str(),
                  r.estimated_total == 1 ? "result" : "results");
    out += head;
    out += r.query;
    std::snprintf(head, sizeof head, "\" (%.1f ms)\n", r.took_ms);
    out += head;
    if (r.relaxed) out += "no article has all the words; showing articles that match the most\n";
    if (!r.suggestion.empty()) out += "did you mean: " + r.suggestion + "\n";
    for (const auto& note : r.notes) out += "note: " + note + "\n";
    const TerminalStyle marks = style.ansi ? TerminalStyle::Ansi : TerminalStyle::Brackets;
    for (const Hit& h : r.hits) {
        out += "\n";
        std::string title =
            h.title_marked.text.empty() ? "(untitled)" : render_terminal(h.title_marked, marks);
        out += std::to_string(h.rank) + ". ";
        if (style.ansi) out += kBold;
        out += title;
        if (style.ansi) out += kReset;
        out += "\n   ";
        if (style.ansi) out += kDim;
        std::string meta;
        if (h.date) meta += format_date(*h.date);
        if (!h.source.empty()) meta += (meta.empty() ? "" : " · ") + h.source;
        meta += (meta.empty() ? "" : " · ") + h.collection + "/" + h.id;
        out += meta;
        if (style.ansi) out += kReset;
        out += "\n";
        if (!h.snippet.text.empty()) out += "   " + render_terminal(h.snippet, marks) + "\n";
    }
    for (const auto& [name, values] : r.facets) {
        out += "\n" + name + ":";
        for (const auto& v : values) out += "  " + v.value + " (" + group_thousands(v.count) + ")";
        out += "\n";
    }
    return out;
}

std::string format_json(const SearchResult& r) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("query");
    put_string(w, r.query);
    w.Key("estimated_total");
    w.Uint64(r.estimated_total);
    w.Key("total_is_exact");
    w.Bool(r.total_is_exact);
    w.Key("took_ms");
    w.Double(r.took_ms);
    w.Key("suggestion");
    if (r.suggestion.empty())
        w.Null();
    else
        put_string(w, r.suggestion);
    w.Key("relaxed");
    w.Bool(r.relaxed);
    w.Key("notes");
    w.StartArray();
    for (const auto& n : r.notes) put_string(w, n);
    w.EndArray();
    w.Key("hits");
    w.StartArray();
    for (const Hit& h : r.hits) {
        w.StartObject();
        w.Key("rank");
        w.Uint(h.rank);
        w.Key("collection");
        put_string(w, h.collection);
        w.Key("id");
        put_string(w, h.id);
        w.Key("title");
        put_string(w, h.title);
        w.Key("title_html");
        put_string(w, h.title_marked.html);
        w.Key("date");
        if (h.date)
            put_string(w, format_date(*h.date));
        else
            w.Null();
        w.Key("source");
        if (h.source.empty())
            w.Null();
        else
            put_string(w, h.source);
        w.Key("url");
        if (h.url.empty())
            w.Null();
        else
            put_string(w, h.url);
        w.Key("lang");
        put_string(w, h.lang);
        w.Key("topics");
        w.StartArray();
        for (const auto& t : h.topics) put_string(w, t);
        w.EndArray();
        w.Key("score");
        w.Double(h.score);
        w.Key("snippet");
        put_string(w, h.snippet.html);
        w.Key("snippet_text");
        put_string(w, h.snippet.text);
        w.Key("highlights");
        w.StartArray();
        for (const auto& [start, end] : h.snippet.highlights) {
            w.StartArray();
            w.Uint(start);
            w.Uint(end);
            w.EndArray();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("facets");
    put_facets(w, r.facets);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string format_article_json(const Article& a) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    auto put_or_null = [&](const std::string& s) {
        if (s.empty())
            w.Null();
        else
            put_string(w, s);
    };
    auto put_list = [&](const std::vector<std::string>& items) {
        w.StartArray();
        for (const auto& item : items) put_string(w, item);
        w.EndArray();
    };
    w.StartObject();
    w.Key("collection");
    put_string(w, a.collection);
    w.Key("id");
    put_string(w, a.id);
    w.Key("title");
    put_string(w, a.title);
    w.Key("date");
    put_or_null(a.date ? format_date(*a.date) : std::string());
    w.Key("source");
    put_or_null(a.source);
    w.Key("url");
    put_or_null(a.url);
    w.Key("lang");
    put_string(w, a.lang);
    w.Key("authors");
    put_list(a.authors);
    w.Key("topics");
    put_list(a.topics);
    w.Key("places");
    put_list(a.places);
    w.Key("body");
    put_string(w, a.body);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string format_info_text(const DatabaseInfo& info) {
    std::string out;
    for (const auto& p : info.paths) out += "database: " + p + "\n";
    out += "articles: " + group_thousands(info.articles) + "\n";
    out += "distinct words: " + group_thousands(info.distinct_words) + "\n";
    out += "words indexed: " + group_thousands(info.total_words) + "\n";
    char size[64];
    std::snprintf(size, sizeof size, "size on disk: %.1f MB\n", double(info.size_bytes) / 1e6);
    out += size;
    out += "dates: " + (info.first_date ? format_date(*info.first_date) : std::string("-")) +
           " .. " + (info.last_date ? format_date(*info.last_date) : std::string("-")) + "\n";
    for (const auto& [name, values] : info.breakdowns) {
        out += (name == "lang" ? std::string("language") : name) + "s:";
        std::size_t shown = 0;
        for (const auto& v : values) {
            if (++shown > 25) {
                out += "  … (" + group_thousands(values.size()) + " in all)";
                break;
            }
            out += "  " + v.value + " (" + group_thousands(v.count) + ")";
        }
        out += "\n";
    }
    return out;
}

std::string format_info_json(const DatabaseInfo& info) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("databases");
    w.StartArray();
    for (const auto& p : info.paths) put_string(w, p);
    w.EndArray();
    w.Key("articles");
    w.Uint64(info.articles);
    w.Key("distinct_words");
    w.Uint64(info.distinct_words);
    w.Key("total_words");
    w.Uint64(info.total_words);
    w.Key("size_bytes");
    w.Uint64(info.size_bytes);
    w.Key("first_date");
    if (info.first_date)
        put_string(w, format_date(*info.first_date));
    else
        w.Null();
    w.Key("last_date");
    if (info.last_date)
        put_string(w, format_date(*info.last_date));
    else
        w.Null();
    w.Key("breakdowns");
    put_facets(w, info.breakdowns);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace newsdex
