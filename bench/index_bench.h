#pragma once
// newsdex-bench index: indexing throughput, memory and size, and where the
// time goes, without hooks in the indexer:
//
//   1. read pass (cold): walk + decode + sanitize every input, no analysis;
//      it also brings the inputs into the page cache for what follows;
//   2. the full run_index() into a new database (what users get);
//   3. read pass again (warm): the read time used below;
//   4. analysis pass: read again and run build_document() on one thread,
//      timing only build_document (no database);
//   5. write time is derived: full - (read + analysis) / P, with P the
//      number of analysis workers of the full run. It is an estimate: reading
//      runs on one thread beside the workers, and segment mode merges at the end.
// Peak RSS is the process's (getrusage) right after the full run; the read
// pass before it holds one article at a time.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "index_options.h"
#include "indexer.h"

namespace newsdex::bench {

struct IndexBenchOptions {
    IndexOptions index;
    bool replace = false;  ///< remove an existing Xapian database at --db first
};

struct IndexBenchResult {
    IndexStats stats;                 ///< of the full run
    std::uint64_t input_bytes = 0;    ///< bytes of the input files on disk
    std::uint64_t read_articles = 0;  ///< articles the read pass saw
    double read_cold_s = 0, read_s = 0, analysis_s = 0, full_s = 0, write_s = 0;
    std::optional<double> merge_s;  ///< segment merge, from progress reports (+-0.25 s)
    unsigned parallelism = 1;       ///< analysis workers of the full run
    long peak_rss_kib = 0;
    std::uint64_t db_bytes = 0;

    double articles_per_s() const {
        return full_s > 0 ? static_cast<double>(stats.articles()) / full_s : 0;
    }
    double mb_per_s() const {
        return full_s > 0 ? static_cast<double>(input_bytes) / 1e6 / full_s : 0;
    }
};

/// `progress` gets one line describing the current step (for a TTY progress line).
/// Throws UsageError (inputs, existing database) and DatabaseError.
IndexBenchResult run_index_bench(const IndexBenchOptions& options,
                                 const std::function<void(const std::string&)>& progress = {},
                                 const std::atomic<bool>* cancel = nullptr);

/// How write time was derived, in words (printed and stored with the figures).
std::string describe_index_method(const IndexBenchResult& r);

std::string format_index_text(const IndexBenchResult& r, const IndexBenchOptions& options,
                              const std::string& machine);
std::string format_index_json(const IndexBenchResult& r, const IndexBenchOptions& options,
                              const std::string& machine);

/// Bytes of the regular files under `dir`.
std::uint64_t directory_bytes(const std::string& dir);

}  // namespace newsdex::bench
