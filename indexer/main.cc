// newsdex-index: index news corpora into a Xapian database.
// A thin main: options -> IndexOptions -> run_index(); errors -> exit codes.

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli_options.h"
#include "errors.h"
#include "indexer.h"
#include "progress_display.h"

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) { g_interrupted.store(true); }

const char* kUsage =
    "usage: newsdex-index [--db DIR] [--format FMT] [--collection NAME] [--lang CODE] [--jobs N]\n"
    "                     [--strict] [--quiet] INPUT...\n"
    "Index news articles from files, directories (walked recursively) or '-' (JSONL on stdin).\n"
    "Later runs add or update articles by id; nothing is duplicated.\n"
    "Exit status: 0 done (warnings allowed), 1 with --strict when anything was skipped,\n"
    "2 usage error, 3 database failure (locked, unwritable, corrupt, disk full).";

}  // namespace

int main(int argc, char** argv) {
    namespace po = newsdex::cli::po;
    using namespace newsdex;

    cli::DatabaseOption db;
    cli::ReaderOptionGroup reader;
    IndexOptions options;
    std::string mode = "auto";
    bool strict = false, quiet = false, no_spelling = false;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    db.add_to(desc);
    reader.add_to(desc);
    desc.add_options()("collection", po::value(&options.collection)->value_name("NAME"),
                       "collection name (default: each INPUT's base name without extension)")(
        "lang", po::value(&options.default_lang)->value_name("CODE"),
        "language of articles whose input does not say (default: detected per article); stemming "
        "follows it")("jobs,j", po::value(&options.jobs)->value_name("N"),
                      "worker threads (default: all cores)")(
        "flush", po::value(&options.flush_docs)->value_name("N"),
        "commit every N articles (per segment; default 1000)")(
        "segment-docs", po::value(&options.segment_docs)->value_name("N"),
        "start a new segment after N articles (default 100000)")(
        "mode", po::value(&mode)->value_name("M"),
        "auto|segments|direct: segments = parallel segments merged at the end (new database); "
        "direct = one writer updating in place (default auto)")(
        "no-spelling", po::bool_switch(&no_spelling),
        "do not record spelling data for \"did you mean\"")(
        "strict", po::bool_switch(&strict), "exit 1 when any record or file was skipped")(
        "quiet,q", po::bool_switch(&quiet), "no progress bar and no warnings; the summary only");

    try {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, "input", vm, kUsage)) return kExitOk;
        if (!vm.count("input")) throw UsageError("no INPUT given (a file, a directory or -)");
        options.inputs = vm["input"].as<std::vector<std::string>>();
        db.finish();
        options.db_path = db.path;
        options.reader = reader.reader_options();
        options.walk = reader.walk_options();
        options.spelling = !no_spelling;
        if (mode == "auto")
            options.mode = WriteMode::Auto;
        else if (mode == "segments")
            options.mode = WriteMode::Segments;
        else if (mode == "direct")
            options.mode = WriteMode::Direct;
        else
            throw UsageError("--mode must be auto, segments or direct");
        if (options.flush_docs == 0 || options.segment_docs == 0)
            throw UsageError("--flush and --segment-docs must be positive");
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-index: %s\n%s\n", e.what(), kUsage);
        return kExitUsage;
    }

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    const bool tty = isatty(STDERR_FILENO) && !quiet;
    std::mutex out_mutex;
    bool progress_shown = false;
    WarningPrinter warnings(stderr);
    IndexCallbacks callbacks;
    callbacks.on_warning = [&](const Diagnostic& d) {
        if (quiet) return;
        std::lock_guard lock(out_mutex);
        warnings.print(d, progress_shown);
        progress_shown = false;
    };
    if (tty)
        callbacks.on_progress = [&](const IndexProgress& p) {
            std::lock_guard lock(out_mutex);
            std::fprintf(stderr, "\r\033[K%s", format_progress(p).c_str());
            std::fflush(stderr);
            progress_shown = true;
        };

    try {
        IndexStats stats = run_index(options, callbacks, &g_interrupted);
        std::lock_guard lock(out_mutex);
        if (progress_shown) std::fputs("\r\033[K", stderr);
        if (!quiet) warnings.print_suppressed();
        std::fprintf(stderr, "newsdex-index: %s\n", format_summary(stats).c_str());
        if (strict && stats.skipped) return kExitSkipped;
        return kExitOk;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "\nnewsdex-index: %s\n", e.what());
        return kExitUsage;
    } catch (const DatabaseError& e) {
        std::fprintf(stderr, "\nnewsdex-index: %s\n", e.what());
        return kExitFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "\nnewsdex-index: failed: %s\n", e.what());
        return kExitFailure;
    } catch (...) {
        std::fprintf(stderr, "\nnewsdex-index: failed: unknown error\n");
        return kExitFailure;
    }
}
