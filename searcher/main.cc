// newsdex-search: query newsdex databases. A thin main over the searcher library.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli_options.h"
#include "errors.h"
#include "result_format.h"
#include "searcher.h"

namespace {

const char* kUsage =
    "usage: newsdex-search [--db DIR]... [--limit N] [--offset N] [--json] [--sort "
    "relevance|newest|oldest]\n"
    "                      [--any] [--facet source|year|topic|lang|collection]... [--snippet-chars "
    "N]\n"
    "                      [--fragments N] [--color auto|always|never] QUERY...\n"
    "       newsdex-search [--db DIR]... --info [--json]\n"
    "Query language: words (all must match; --any: any), \"exact phrases\", AND OR NOT, -word "
    "+word,\n"
    "( ), a NEAR b, a NEAR/n b, prefix*, title: source: author: topic: lang: collection: id:,\n"
    "date:1987-03-01..1987-03-31 date:1987 date:..1987-02 date:2024-10..\n"
    "Exit status: 0 (also with no hits), 2 usage error, 3 database missing or unreadable.";

}  // namespace

namespace {

int run(int argc, char** argv) {
    namespace po = newsdex::cli::po;
    using namespace newsdex;

    cli::DatabaseListOption dbs;
    SearchRequest request;
    std::string sort = "relevance", color = "auto", bm25;
    bool json = false, info = false, no_snippets = false;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("limit,n", po::value(&request.limit)->value_name("N"),
                       "hits to show (default 10)")(
        "offset", po::value(&request.offset)->value_name("N"), "skip the first N hits (paging)")(
        "json", po::bool_switch(&json), "JSON output")(
        "sort", po::value(&sort)->value_name("ORDER"), "relevance (default), newest or oldest")(
        "any", po::bool_switch(&request.any),
        "rank articles matching any word (default: all words)")(
        "facet", po::value(&request.facets)->value_name("NAME")->composing(),
        "count hits by source, year, topic, lang or collection (repeatable)")(
        "snippet-chars", po::value(&request.snippet.max_chars)->value_name("N"),
        "snippet length in characters (default 240)")(
        "fragments", po::value(&request.snippet.fragments)->value_name("N"),
        "passages per snippet (default 2)")("no-snippets", po::bool_switch(&no_snippets),
                                            "titles and metadata only")(
        "color", po::value(&color)->value_name("WHEN"), "auto (default), always or never")(
        "bm25", po::value(&bm25)->value_name("K1,B"),
        "BM25 parameters (default 2.0,0.75, tuned on TIME)")(
        "lang", po::value(&request.lang)->value_name("CODE"),
        "stemming language of the query (default en)")(
        "exact", po::bool_switch(&request.exact_total), "count all matches exactly")(
        "info", po::bool_switch(&info), "describe the database instead of searching");

    std::string query;
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
        if (!info && query.empty()) throw UsageError("no QUERY given");
        if (auto order = parse_sort_order(sort))
            request.sort = *order;
        else
            throw UsageError("--sort must be relevance, newest or oldest");
        if (color != "auto" && color != "always" && color != "never")
            throw UsageError("--color must be auto, always or never");
        if (!bm25.empty()) std::tie(request.bm25_k1, request.bm25_b) = cli::parse_bm25(bm25);
        for (const auto& f : request.facets)
            if (!is_facet_name(f))
                throw UsageError("--facet must be source, year, topic, lang or collection");
        if (request.limit > 10000) throw UsageError("--limit is at most 10000");
        request.snippets = !no_snippets;
        request.query = query;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-search: %s\n%s\n", e.what(), kUsage);
        return kExitUsage;
    }

    try {
        Searcher searcher(dbs.paths);
        std::string out;
        if (info) {
            DatabaseInfo i = searcher.info();
            out = json ? format_info_json(i) : format_info_text(i);
        } else {
            SearchResult result = searcher.search(request);
            TextStyle style;
            style.ansi = color == "always" || (color == "auto" && isatty(STDOUT_FILENO));
            out = json ? format_json(result) : format_text(result, style);
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        return kExitOk;
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
    // run() reports its own errors; this only keeps anything thrown before its
    // handlers (building the option table) from aborting.
    try {
        return run(argc, argv);
    } catch (...) {
        std::fputs("newsdex-search: failed\n", stderr);
        return newsdex::kExitFailure;
    }
}
