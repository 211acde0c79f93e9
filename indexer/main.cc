// newsdex-index: index news corpora into a Xapian database.
// A thin main: options -> IndexOptions -> run_index(); errors -> exit codes.

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "analysis/text_analyzer.h"
#include "article_deletion.h"
#include "cli_options.h"
#include "errors.h"
#include "indexer.h"
#include "interrupt_signals.h"
#include "number_format.h"
#include "progress_display.h"
#include "sharded_index.h"

namespace {

const char* kUsage =
    "usage: newsdex-index [--db DIR] [--format FMT] [--collection NAME] [--lang CODE] [--jobs N]\n"
    "                     [--strict] [--quiet] INPUT...\n"
    "       newsdex-index [--db DIR] --delete COLLECTION/ID... | --delete-from FILE\n"
    "Index news articles from files, directories (walked recursively) or '-' (JSONL on stdin).\n"
    "Later runs add or update articles by id; nothing is duplicated. --delete removes articles\n"
    "by the COLLECTION/ID a search hit shows (--delete-from: one a line, '-' for stdin).\n"
    "Exit status: 0 done (warnings allowed), 1 with --strict when anything was skipped,\n"
    "2 usage error, 3 database failure (locked, unwritable, corrupt, disk full),\n"
    "4 --delete of an article the database does not hold (the others are deleted),\n"
    "130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: what was analysed is committed.";

/// The ids to delete (--delete, --delete-from) and the interrupt handling of
/// a deletion run; exit status as in kUsage.
int run_deletion(const newsdex::DeletionOptions& options, bool strict, bool quiet) {
    using namespace newsdex;
    InterruptSignals::install();
    DeletionOptions run_options = options;
    run_options.cancel_wake_fd = InterruptSignals::wake_fd();
    WarningPrinter warnings(stderr);
    DeletionCallbacks callbacks;
    callbacks.on_warning = [&](const Diagnostic& d) {
        if (!quiet) warnings.print(d, false);
    };
    // Named whatever --quiet says: the exit status alone does not tell which.
    callbacks.on_not_found = [](const ArticleKey& key) {
        std::fprintf(stderr, "newsdex-index: no article %s in the database\n", key.text().c_str());
    };
    try {
        DeletionStats stats =
            delete_articles(run_options, callbacks, &InterruptSignals::requested());
        if (!quiet) warnings.print_suppressed();
        std::fprintf(stderr, "newsdex-index: %s\n", format_deletion_summary(stats).c_str());
        if (stats.interrupted)
            return 128 +
                   (InterruptSignals::signal_number() ? InterruptSignals::signal_number() : SIGINT);
        if (stats.not_found) return kExitNotFound;
        if (strict && stats.malformed) return kExitSkipped;
        return kExitOk;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-index: %s\n", e.what());
        return kExitUsage;
    } catch (const std::exception& e) {  // DatabaseError and anything else
        std::fprintf(stderr, "newsdex-index: %s\n", e.what());
        return kExitFailure;
    }
}

}  // namespace

namespace {

int run(int argc, char** argv) {
    namespace po = newsdex::cli::po;
    using namespace newsdex;

    cli::DatabaseOption db;
    cli::ReaderOptionGroup reader;
    IndexOptions options;
    std::string mode = "auto";
    // Integer flags are read as text and range-checked (cli::parse_whole_number).
    std::string jobs, flush = std::to_string(options.flush_docs),
                      segment_docs = std::to_string(options.segment_docs);
    bool strict = false, quiet = false, no_spelling = false, delete_keys = false;
    std::string delete_from, shards, reference_length;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    db.add_to(desc);
    reader.add_to(desc);
    desc.add_options()("collection", po::value(&options.collection)->value_name("NAME"),
                       "collection name (default: each INPUT's base name without extension)")(
        "lang", po::value(&options.default_lang)->value_name("CODE"),
        "language of articles whose input does not say (default: detected per article); stemming "
        "follows it")("jobs,j", po::value(&jobs)->value_name("N"),
                      "worker threads, 1 to 256 (default: all cores)")(
        "flush", po::value(&flush)->value_name("N"),
        "commit every N articles (per segment; default 1000)")(
        "shards", po::value(&shards)->value_name("N"),
        "a new database as N shards in DIR, searched as one through DIR/XAPIANDB; later runs on "
        "DIR route each article to its shard")(
        "segment-docs", po::value(&segment_docs)->value_name("N"),
        ("start a new segment after N articles (default " + std::to_string(options.segment_docs) +
         "; every 10 segments are merged into one)")
            .c_str())(
        "reference-length", po::value(&reference_length)->value_name("N"),
        "BM25's reference article length for a new database, 1 to 1000000 (default: the mean "
        "of its first 500 articles); give databases that will be searched together the same "
        "one")(
        "mode", po::value(&mode)->value_name("M"),
        "auto|segments|direct: segments = parallel segments merged at the end (new database); "
        "direct = one writer updating in place (default auto)")(
        "no-spelling", po::bool_switch(&no_spelling),
        "do not record spelling data for \"did you mean\"")(
        "delete", po::bool_switch(&delete_keys),
        "delete the articles named as arguments, each COLLECTION/ID as a search hit shows it")(
        "delete-from", po::value(&delete_from)->value_name("FILE"),
        "delete the articles listed in FILE, one COLLECTION/ID a line ('-': standard input)")(
        "strict", po::bool_switch(&strict), "exit 1 when any record or file was skipped")(
        "quiet,q", po::bool_switch(&quiet), "no progress bar and no warnings; the summary only");

    try {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, "input", vm, kUsage)) return kExitOk;
        if (delete_keys || vm.count("delete-from")) {
            for (const char* indexing_only :
                 {"collection", "lang", "jobs", "segment-docs", "reference-length", "mode",
                  "format", "field", "csv-delimiter", "csv-quote", "include", "exclude"})
                if (vm.count(indexing_only))
                    throw UsageError(std::string("--") + indexing_only +
                                     " has no meaning when deleting");
            DeletionOptions deletion;
            if (vm.count("input")) {
                if (!delete_keys)
                    throw UsageError(
                        "--delete-from takes no INPUT (to delete the articles named as "
                        "arguments too, add --delete)");
                for (const auto& text : vm["input"].as<std::vector<std::string>>()) {
                    auto key = parse_article_key(text);
                    if (!key)
                        throw UsageError("--delete: '" + text +
                                         "' is not COLLECTION/ID (as a search hit shows it)");
                    deletion.keys.push_back(std::move(*key));
                }
            }
            if (vm.count("delete-from") && delete_from.empty())
                throw UsageError("--delete-from needs a file name (or - for standard input)");
            if (deletion.keys.empty() && delete_from.empty())
                throw UsageError("--delete needs at least one COLLECTION/ID");
            db.finish();
            deletion.db_path = db.path;
            deletion.keys_file = delete_from;
            deletion.spelling = !no_spelling;
            deletion.flush_docs = static_cast<std::uint32_t>(
                cli::parse_whole_number(flush, "flush", 1, kMaxFlushDocs));
            return run_deletion(deletion, strict, quiet);
        }
        if (!vm.count("input")) throw UsageError("no INPUT given (a file, a directory or -)");
        options.inputs = vm["input"].as<std::vector<std::string>>();
        db.finish();
        options.db_path = db.path;
        options.reader = reader.reader_options();
        options.walk = reader.walk_options();
        options.spelling = !no_spelling;
        if (vm.count("lang") && !is_supported_language(options.default_lang)) {
            std::string codes;
            for (const std::string& code : supported_languages())
                codes += (codes.empty() ? "" : " ") + code;
            throw UsageError("--lang: unknown language '" + options.default_lang +
                             "'; supported: " + codes);
        }
        if (mode == "auto")
            options.mode = WriteMode::Auto;
        else if (mode == "segments")
            options.mode = WriteMode::Segments;
        else if (mode == "direct")
            options.mode = WriteMode::Direct;
        else
            throw UsageError("--mode must be auto, segments or direct");
        if (vm.count("jobs"))
            options.jobs =
                static_cast<unsigned>(cli::parse_whole_number(jobs, "jobs", 1, kMaxJobs));
        options.flush_docs =
            static_cast<std::uint32_t>(cli::parse_whole_number(flush, "flush", 1, kMaxFlushDocs));
        options.segment_docs = static_cast<std::uint32_t>(
            cli::parse_whole_number(segment_docs, "segment-docs", 1, kMaxSegmentDocs));
        if (vm.count("reference-length"))
            options.reference_length = static_cast<double>(cli::parse_whole_number(
                reference_length, "reference-length", 1, kMaxReferenceLength));
        if (vm.count("shards"))
            options.shards =
                static_cast<unsigned>(cli::parse_whole_number(shards, "shards", 1, kMaxShards));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-index: %s\n%s\n", e.what(), kUsage);
        return kExitUsage;
    }

    InterruptSignals::install();
    options.cancel_wake_fd = InterruptSignals::wake_fd();

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
    callbacks.on_interrupt = [&](std::uint64_t articles) {
        std::lock_guard lock(out_mutex);
        if (progress_shown) std::fputs("\r\033[K", stderr);
        progress_shown = false;
        std::fprintf(stderr,
                     "newsdex-index: interrupting: committing %s %s... (interrupt again to stop "
                     "at once; the database keeps its last commit)\n",
                     group_thousands(articles).c_str(), articles == 1 ? "article" : "articles");
        std::fflush(stderr);
    };
    if (tty)
        callbacks.on_progress = [&](const IndexProgress& p) {
            std::lock_guard lock(out_mutex);
            std::fprintf(stderr, "\r\033[K%s", format_progress(p).c_str());
            std::fflush(stderr);
            progress_shown = true;
        };

    // One line, where the progress bar was (never after a blank line).
    auto fail_line = [&](const std::string& message) {
        if (progress_shown) std::fputs("\r\033[K", stderr);
        std::fprintf(stderr, "newsdex-index: %s\n", message.c_str());
    };
    try {
        IndexStats stats =
            wants_sharded_index(options)
                ? run_sharded_index(options, callbacks, &InterruptSignals::requested())
                : run_index(options, callbacks, &InterruptSignals::requested());
        std::lock_guard lock(out_mutex);
        if (progress_shown) std::fputs("\r\033[K", stderr);
        if (!quiet) warnings.print_suppressed();
        std::fprintf(stderr, "newsdex-index: %s\n", format_summary(stats).c_str());
        // An interrupted run is not a complete index: 128 + the signal, as a
        // shell reports a command the signal ended.
        if (stats.interrupted)
            return 128 +
                   (InterruptSignals::signal_number() ? InterruptSignals::signal_number() : SIGINT);
        if (strict && stats.skipped) return kExitSkipped;
        return kExitOk;
    } catch (const UsageError& e) {
        fail_line(e.what());
        return kExitUsage;
    } catch (const DatabaseError& e) {
        fail_line(e.what());
        return kExitFailure;
    } catch (const std::exception& e) {
        fail_line(std::string("failed: ") + e.what());
        return kExitFailure;
    } catch (...) {
        fail_line("failed: unknown error");
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
        std::fputs("newsdex-index: failed\n", stderr);
        return newsdex::kExitFailure;
    }
}
