// newsdex-bench index: the indexer's options -> run_index_bench() -> table / JSON.

#include <csignal>
#include <cstdio>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "index_bench.h"
#include "machine_info.h"
#include "progress_line.h"

namespace newsdex::bench {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_index_signal(int) { g_interrupted.store(true); }

const char* kIndexUsage =
    "usage: newsdex-bench index --db DIR [--replace] [newsdex-index options] [--json OUT] "
    "INPUT...\n"
    "Builds a new database from INPUT as newsdex-index does and reports articles/s, MB/s, peak RSS "
    "and\n"
    "database size, with the time split into read, analysis and (derived) write; see "
    "bench/README.md.\n"
    "--json - prints the JSON on stdout instead of the table.";

}  // namespace

int index_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::ReaderOptionGroup reader;
    IndexBenchOptions options;
    IndexOptions& index = options.index;
    std::string mode = "auto", json_out;
    bool no_spelling = false;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "db", po::value(&index.db_path)->value_name("DIR"),
        "the database to build (must not exist, or --replace)")(
        "replace", po::bool_switch(&options.replace),
        "remove an existing Xapian database at --db first");
    reader.add_to(desc);
    desc.add_options()("collection", po::value(&index.collection)->value_name("NAME"),
                       "collection name (default: each INPUT's base name without extension)")(
        "lang", po::value(&index.default_lang)->value_name("CODE"),
        "language of articles that do not say (default: detected per article)")(
        "jobs,j", cli::whole_number(&index.jobs, 0, kMaxJobs, "jobs")->value_name("N"),
        "worker threads, 0..256 (default 0: all cores)")(
        "flush", cli::whole_number(&index.flush_docs, 1, kMaxFlushDocs, "flush")->value_name("N"),
        "commit every N articles (default 1000)")(
        "segment-docs",
        cli::whole_number(&index.segment_docs, 1, kMaxSegmentDocs, "segment-docs")->value_name("N"),
        "new segment after N articles (default 5000)")("mode", po::value(&mode)->value_name("M"),
                                                       "auto|segments|direct (default auto)")(
        "no-spelling", po::bool_switch(&no_spelling), "do not record spelling data")(
        "json", po::value(&json_out)->value_name("OUT"),
        "write the report as JSON to OUT ('-': stdout)");

    bool parsed = false;
    int code = guarded("index", kIndexUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, "input", vm, kIndexUsage)) return kExitOk;
        if (!vm.count("input")) throw UsageError("no INPUT given");
        if (index.db_path.empty())
            throw UsageError("--db DIR is required (the benchmark builds a new database)");
        index.inputs = vm["input"].as<std::vector<std::string>>();
        index.reader = reader.reader_options();
        index.walk = reader.walk_options();
        index.spelling = !no_spelling;
        if (mode == "auto")
            index.mode = WriteMode::Auto;
        else if (mode == "segments")
            index.mode = WriteMode::Segments;
        else if (mode == "direct")
            index.mode = WriteMode::Direct;
        else
            throw UsageError("--mode must be auto, segments or direct");
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;

    std::signal(SIGINT, on_index_signal);
    std::signal(SIGTERM, on_index_signal);
    return guarded("index", kIndexUsage, false, [&] {
        const std::string machine = describe(machine_info());
        ProgressLine progress;
        IndexBenchResult result = run_index_bench(
            options, [&](const std::string& s) { progress.update(s); }, &g_interrupted);
        progress.clear();
        if (g_interrupted) {
            std::fputs("newsdex-bench index: interrupted; no figures\n", stderr);
            return kExitFailure;
        }
        if (json_out != "-") {
            std::string text = format_index_text(result, options, machine);
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        if (!json_out.empty()) write_output(json_out, format_index_json(result, options, machine));
        return kExitOk;
    });
}

}  // namespace newsdex::bench
