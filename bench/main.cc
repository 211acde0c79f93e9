// newsdex-bench: query-speed, indexing and relevance benchmarks over the same
// libraries newsdex-index and newsdex-search use. A thin main: it picks the
// subcommand; each lives in cmd_*.cc.

#include <cstdio>
#include <cstring>
#include <string>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"

namespace {

const char* kUsage =
    "usage: newsdex-bench COMMAND [OPTIONS]\n"
    "commands:\n"
    "  query       query latency (p50/p90/p99/max) and QPS per query class, after warm-up\n"
    "  index       indexing articles/s, MB/s, peak RSS, database size; read/analysis/write split\n"
    "  eval        retrieval quality on topics + qrels: MAP, nDCG@10, P@10, Recall@100, MRR; TREC "
    "run file\n"
    "  compare     two `query --json` reports side by side; flags regressions beyond run-to-run "
    "spread\n"
    "  gen-corpus  a large corpus of real sentences recombined into new articles (JSONL on "
    "stdout)\n"
    "  dedup       near-duplicate clusters: precision and recall against exact Jaccard >= 0.8\n"
    "  known-item  MRR@10 and success@1 of several engines' run files on the same known-item "
    "topics\n"
    "  export      the stored articles of a database as JSONL (the input of bench/peers/)\n"
    "  parse-queries  a query file as newsdex parses it, one JSON tree a line (bench/peers/)\n"
    "Run 'newsdex-bench COMMAND --help' for a command's options; bench/README.md explains the "
    "method.\n"
    "Exit status: 0 ok, 1 compare --fail-on-regression found one, 2 usage error, 3 database or I/O "
    "failure.";

}  // namespace

int main(int argc, char** argv) {
    using namespace newsdex;
    if (argc < 2) {
        std::fprintf(stderr, "%s\n", kUsage);
        return kExitUsage;
    }
    const char* command = argv[1];
    if (!std::strcmp(command, "--help") || !std::strcmp(command, "-h") ||
        !std::strcmp(command, "help")) {
        std::printf("%s\n", kUsage);
        return kExitOk;
    }
    if (!std::strcmp(command, "--version")) {
        std::printf("%s\n", cli::version_line("newsdex-bench").c_str());
        return kExitOk;
    }
    struct Entry {
        const char* name;
        int (*run)(int, char**);
    };
    static constexpr Entry kCommands[] = {
        {"query", bench::query_command},
        {"index", bench::index_command},
        {"eval", bench::eval_command},
        {"compare", bench::compare_command},
        {"gen-corpus", bench::gen_corpus_command},
        {"dedup", bench::dedup_command},
        {"known-item", bench::known_item_command},
        {"export", bench::export_command},
        {"parse-queries", bench::parse_queries_command},
    };
    for (const Entry& e : kCommands)
        if (!std::strcmp(command, e.name)) {
            // The subcommand sees itself as argv[0], named in full so that
            // its --version says "newsdex-bench query ...".
            std::string program = std::string("newsdex-bench ") + e.name;
            argv[1] = program.data();
            return e.run(argc - 1, argv + 1);
        }
    std::fprintf(stderr, "newsdex-bench: unknown command '%s'\n%s\n", command, kUsage);
    return kExitUsage;
}
