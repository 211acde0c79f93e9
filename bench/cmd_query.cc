// newsdex-bench query: options -> QueryBenchOptions -> run_query_bench() -> table / JSON / SVG.

#include <algorithm>
#include <cstdio>
#include <set>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "latency_svg.h"
#include "progress_line.h"
#include "query_bench.h"
#include "query_report.h"

namespace newsdex::bench {

namespace {

const char* kQueryUsage =
    "usage: newsdex-bench query [--db DIR]... --queries FILE [--warmup N] [--runs N] [--threads "
    "T]\n"
    "                           [--limit K] [--snippets] [--exact] [--count-bound N] "
    "[--no-collapse] [--class "
    "NAME]... [--json OUT] "
    "[--svg FILE]\n"
    "Runs each query of FILE (CLASS<TAB>QUERY per line; # comments) through the searcher library "
    "after\n"
    "warm-up and reports latency percentiles (nearest-rank) and QPS per class and overall.\n"
    "A class named 'any' runs with --any (OR), one named 'sorted' sorted newest first.\n"
    "--json - prints the JSON on stdout instead of the table.";

}  // namespace

int query_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::DatabaseListOption dbs;
    QueryBenchOptions options;
    std::string queries_file, json_out, svg_out;
    std::vector<std::string> only_classes;

    bool no_collapse = false;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("queries", po::value(&queries_file)->value_name("FILE"),
                       "query file: CLASS<TAB>QUERY per line")(
        "warmup", cli::whole_number(&options.warmup, 0, 1000, "warmup")->value_name("N"),
        "unmeasured passes over every query first, 0..1000 (default 1)")(
        "runs", cli::whole_number(&options.runs, 1, 1000, "runs")->value_name("N"),
        "measured runs of every query, 1..1000 (default 5)")(
        "threads", cli::whole_number(&options.threads, 1, 256, "threads")->value_name("T"),
        "also measure QPS with T threads, a Searcher each, 1..256 (default 1: single thread "
        "only)")("limit,n", cli::whole_number(&options.limit, 1, 10000, "limit")->value_name("K"),
                 "top-K hits per query, 1..10000 (default 10)")(
        "snippets", po::bool_switch(&options.snippets),
        "measure without and with snippets, and report the ratio (default: without only)")(
        "exact", po::bool_switch(&options.exact),
        "count every match exactly (as newsdex-search --exact)")(
        "no-collapse", po::bool_switch(&no_collapse),
        "one hit per article (as newsdex-search --no-collapse)")(
        "count-bound",
        cli::whole_number(&options.count_bound, 0, 1'000'000'000, "count-bound")->value_name("N"),
        "totals up to N are counted exactly (default as newsdex-search; 0: estimate only)")(
        "collapsed-count-bound",
        cli::whole_number(&options.collapsed_count_bound, 0, 1'000'000'000, "collapsed-count-bound")
            ->value_name("N"),
        "the same with near-duplicates collapsed (default as newsdex-search)")(
        "class", po::value(&only_classes)->value_name("NAME")->composing(),
        "run only this class (repeatable)")(
        "task-ms",
        po::value<std::string>()
            ->notifier([&](const std::string& v) {
                options.min_task_ms = cli::parse_decimal(v, "task-ms", 1, 60000);
            })
            ->value_name("MS"),
        "with --threads: repeat a class's queries so each thread works about this long (default "
        "50)")("json", po::value(&json_out)->value_name("OUT"),
               "write the report as JSON to OUT ('-': stdout)")(
        "svg", po::value(&svg_out)->value_name("FILE"),
        "draw the latency distribution per class as SVG");

    bool parsed = false;
    int code = guarded("query", kQueryUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kQueryUsage)) return kExitOk;
        dbs.finish();
        if (queries_file.empty()) throw UsageError("--queries FILE is required");
        options.collapse = !no_collapse;
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;

    return guarded("query", kQueryUsage, false, [&] {
        options.db_paths = dbs.paths;
        options.queries = read_query_file(queries_file);
        if (!only_classes.empty()) {
            const std::set<std::string> keep(only_classes.begin(), only_classes.end());
            std::erase_if(options.queries,
                          [&](const QueryLine& q) { return !keep.count(q.label); });
            if (options.queries.empty())
                throw UsageError("no query of the given --class in " + queries_file);
        }
        ProgressLine progress;
        QueryReportContext context{options, queries_file, machine_info()};
        QueryBenchResult result =
            run_query_bench(options, [&](const std::string& s) { progress.update(s); });
        progress.clear();
        if (json_out != "-") {
            std::string text = format_query_text(result, context);
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        if (!json_out.empty()) write_output(json_out, format_query_json(result, context));
        if (!svg_out.empty()) {
            std::string title = "newsdex-bench query: ";
            title += queries_file;
            write_output(svg_out, latency_svg(result, title));
        }
        return kExitOk;
    });
}

}  // namespace newsdex::bench
