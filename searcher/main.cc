// newsdex-search: query newsdex databases. A thin main over the searcher library.

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "article_lookup.h"
#include "cli_options.h"
#include "errors.h"
#include "result_format.h"
#include "searcher.h"
#include "terminal_text.h"

namespace {

const char* kUsage =
    "usage: newsdex-search [--db DIR]... [--limit N|all] [--offset N]\n"
    "                      [--format text|json|jsonl|tsv|csv] [--json] [--sort "
    "relevance|newest|oldest]\n"
    "                      [--any] [--facet NAME]... [--facet-size N] [--snippet-chars N]\n"
    "                      [--fragments N] [--color auto|always|never] [--brackets]\n"
    "                      [--no-collapse] [--remote-timeout-ms MS] QUERY...\n"
    "       newsdex-search [--db DIR]... --show COLLECTION/ID [--json] [QUERY...]\n"
    "       newsdex-search [--db DIR]... --info [--json]\n"
    "Query language: words (all must match; --any: any), \"exact phrases\", AND OR NOT, -word "
    "+word,\n"
    "( ), a NEAR b, a NEAR/n b, prefix*, title: source: author: topic: lang: collection: id:,\n"
    "place: people: org: exchange: (Reuters PLACES, PEOPLE, ORGS, EXCHANGES),\n"
    "date:1987-03-01..1987-03-31 date:1987 date:..1987-02 date:2024-10..\n"
    "Colour: on a terminal unless NO_COLOR is set or TERM=dumb; piped output is plain text\n"
    "(--brackets marks matches, --color always adds colour).\n"
    "Exit status: 0 (also with no hits), 2 usage error, 3 database missing or unreadable,\n"
    "4 --show of an article no database holds.";

/// Writes to stdout as text is produced, so an export of every match streams.
void write_stdout(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

/// Bounds of the numeric options. A page of 10,000 hits is already more than
/// a terminal or a JSON consumer pages through (--limit all streams instead of
/// collecting a page); offsets stay well inside Xapian's 32-bit document counts.
constexpr std::int64_t kMaxLimit = 10000;
constexpr std::int64_t kMaxFacetSize = 10000;
constexpr std::int64_t kMaxOffset = 1'000'000'000;
constexpr std::int64_t kMaxSnippetChars = 100'000;
constexpr std::int64_t kMaxFragments = 100;

/// Columns of the terminal on stdout ($COLUMNS when set), 0 when not a terminal.
std::size_t terminal_width(bool is_tty) {
    if (!is_tty) return 0;
    if (const char* columns = std::getenv("COLUMNS"))
        if (int n = std::atoi(columns); n > 0) return static_cast<std::size_t>(n);
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
    namespace po = newsdex::cli::po;
    using namespace newsdex;

    cli::DatabaseListOption dbs;
    SearchRequest request;
    std::string sort = "relevance", color = "auto", bm25, limit, format_name, show;
    bool json = false, info = false, no_snippets = false, no_collapse = false, brackets = false;
    ShardOptions shard_options;
    std::int64_t remote_timeout_ms = shard_options.remote_timeout.count();

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("limit,n", po::value(&limit)->value_name("N"),
                       "hits to show, 0..10000 (default 10; 0: counts and facets only; 'all': "
                       "every match, streamed)")(
        "offset", cli::whole_number(&request.offset, 0, kMaxOffset, "offset")->value_name("N"),
        "skip the first N hits (paging)")(
        "format", po::value(&format_name)->value_name("FMT"),
        "text (default), json, jsonl (a hit per line), tsv or csv (rank, collection, id, date, "
        "source, title, url, score, snippet)")("json", po::bool_switch(&json),
                                               "JSON output (--format json)")(
        "sort", po::value(&sort)->value_name("ORDER"), "relevance (default), newest or oldest")(
        "any", po::bool_switch(&request.any),
        "rank articles matching any word (default: all words)")(
        "facet", po::value(&request.facets)->value_name("NAME")->composing(),
        "count hits by source, year, month, topic, lang, collection, place, people, org or "
        "exchange (repeatable)")(
        "facet-size",
        cli::whole_number(&request.facet_size, 1, kMaxFacetSize, "facet-size")->value_name("N"),
        "values listed per facet, 1..10000 (default 20)")(
        "snippet-chars",
        cli::whole_number(&request.snippet.max_chars, 1, kMaxSnippetChars, "snippet-chars")
            ->value_name("N"),
        "snippet length in characters, 1..100000 (default 240)")(
        "fragments",
        cli::whole_number(&request.snippet.fragments, 1, kMaxFragments, "fragments")
            ->value_name("N"),
        "passages per snippet, 1..100 (default 2)")("no-snippets", po::bool_switch(&no_snippets),
                                                    "titles and metadata only")(
        "color", po::value(&color)->value_name("WHEN"),
        "auto (default: on a terminal unless NO_COLOR is set or TERM=dumb), always or never")(
        "brackets", po::bool_switch(&brackets),
        "mark matches with [...] (default: only on a terminal without colour)")(
        "bm25", po::value(&bm25)->value_name("K1,B"),
        "BM25 parameters (default 2.0,0.75, tuned on TIME)")(
        "lang", po::value(&request.lang)->value_name("CODE"),
        "stem query words in this language only (default: in every language the database holds)")(
        "exact", po::bool_switch(&request.exact_total), "count all matches exactly")(
        "no-collapse", po::bool_switch(&no_collapse),
        "show every near-duplicate (default: one hit per cluster, \"+N similar\")")(
        "show", po::value(&show)->value_name("COLLECTION/ID"),
        "print a whole stored article (with QUERY: its words highlighted)")(
        "info", po::bool_switch(&info), "describe the database instead of searching")(
        "remote-timeout-ms",
        cli::whole_number(&remote_timeout_ms, 1, kMaxRemoteTimeout.count(), "remote-timeout-ms")
            ->value_name("MS"),
        "longest wait for a remote shard (a stub's 'remote HOST:PORT') to connect or answer, "
        "1 to 600000 (default 5000); past it the search answers from the other shards, "
        "with a note");

    std::string query;
    OutputFormat format = OutputFormat::Text;
    std::string show_collection, show_id;
    try {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, "query", vm, kUsage)) return kExitOk;
        dbs.finish();
        if (vm.count("query")) {
            for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
                if (!query.empty()) query += ' ';
                query += word;
            }
        }
        if (!show.empty()) {
            auto key = parse_article_key(show);
            if (!key)
                throw UsageError("--show takes COLLECTION/ID (as a hit's metadata line shows it)");
            show_collection = std::move(key->collection);
            show_id = std::move(key->id);
        }
        if (!info && show.empty() && query.empty()) throw UsageError("no QUERY given");
        if (auto order = parse_sort_order(sort))
            request.sort = *order;
        else
            throw UsageError("--sort must be relevance, newest or oldest");
        if (color != "auto" && color != "always" && color != "never")
            throw UsageError("--color must be auto, always or never");
        if (!bm25.empty()) std::tie(request.bm25_k1, request.bm25_b) = cli::parse_bm25(bm25);
        for (const auto& f : request.facets)
            if (!is_facet_name(f)) throw UsageError("--facet must be one of " + facet_name_list());
        if (!format_name.empty()) {
            auto parsed = parse_output_format(format_name);
            if (!parsed) throw UsageError("--format must be text, json, jsonl, tsv or csv");
            if (json && *parsed != OutputFormat::Json)
                throw UsageError("--json is --format json; it cannot go with --format " +
                                 format_name);
            format = *parsed;
        } else if (json) {
            format = OutputFormat::Json;
        }
        // 'all' streams every match; a number is a page, collected and capped.
        if (limit == "all")
            request.limit = kAllHits;
        else if (!limit.empty())
            request.limit =
                static_cast<unsigned>(cli::parse_whole_number(limit, "limit", 0, kMaxLimit));
        shard_options.remote_timeout = std::chrono::milliseconds(remote_timeout_ms);
        request.snippets = !no_snippets;
        request.collapse = !no_collapse;
        request.query = query;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-search: %s\n%s\n", e.what(), kUsage);
        return kExitUsage;
    }

    try {
        Searcher searcher(dbs.paths, shard_options);
        // Colour, brackets and wrapping are for people reading a terminal;
        // json, jsonl, tsv and csv are for programs.
        const bool tty = isatty(STDOUT_FILENO) && format == OutputFormat::Text;
        TextStyle style;
        style.ansi = color_wanted(color, tty, std::getenv("NO_COLOR"), std::getenv("TERM"));
        style.brackets = brackets || tty;
        style.width = terminal_width(tty);
        if (info) {
            DatabaseInfo i = searcher.info();
            write_stdout(json ? format_info_json(i) : format_info_text(i));
        } else if (!show.empty()) {
            auto shown = searcher.show(show_collection, show_id, query, request.lang);
            if (!shown) {
                std::string message = "newsdex-search: no article " + show + " in the database";
                auto like = searcher.ids_like(show_collection, show_id);
                if (!like.empty()) {
                    message += "; did you mean";
                    for (const auto& id : like) message += " " + id;
                }
                std::fprintf(stderr, "%s\n", message.c_str());
                return kExitNotFound;
            }
            write_stdout(format == OutputFormat::Json ? format_article_json(*shown)
                                                      : format_article_text(*shown, style));
        } else {
            auto writer = make_result_writer(format, style, write_stdout);
            searcher.search(request, *writer);
            writer->finish();
        }
        return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-search: %s\n", e.what());
        return kExitUsage;
    } catch (const DatabaseError& e) {
        std::fprintf(stderr, "newsdex-search: %s\n", e.what());
        return kExitFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdex-search: failed: %s\n", e.what());
        return kExitFailure;
    } catch (...) {
        std::fprintf(stderr, "newsdex-search: failed: unknown error\n");
        return kExitFailure;
    }
}

}  // namespace

int main(int argc, char** argv) {
    // run() reports its own errors; this only keeps anything thrown outside
    // its handlers (building the option table) from aborting.
    try {
        return run(argc, argv);
    } catch (...) {
        std::fputs("newsdex-search: failed\n", stderr);
        return newsdex::kExitFailure;
    }
}
