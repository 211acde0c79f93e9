#pragma once
// The indexing pipeline:
//
//   reader thread --(article batches)--> N analysis workers --> segment DBs --compact--> target
//                                                          \--> one writer (direct mode) --> target
//
// The reader walks and decodes the inputs and sanitizes each article; workers
// run the shared analysis and build Xapian documents. Memory is bounded by the
// queue capacities and the flush size, not by the corpus.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "compound_table.h"
#include "diagnostics.h"
#include "index_options.h"
#include "near_duplicate_clusters.h"

namespace newsdex {

struct IndexProgress {
    std::uint64_t articles_read = 0;     ///< articles the reader has handed on so far
    std::uint64_t articles_indexed = 0;  ///< of those, analysed and written (or queued to be)
    std::uint64_t bytes_read = 0;        ///< input bytes consumed so far
    std::uint64_t bytes_total = 0;       ///< input bytes in all files (0 when unknown, e.g. stdin)
    double seconds = 0;
    /// Segment mode, once reading and analysis are done: segments are being
    /// merged. merge_table is the table being compacted ("postlist", ...),
    /// merge_tables_started how many tables have begun, of kMergeTables.
    bool merging = false;
    unsigned merge_segments = 0;
    unsigned merge_tables_started = 0;
    std::string merge_table;
    /// Tables of a glass database the merge compacts (postlist, docdata,
    /// termlist, position, spelling, synonym).
    static constexpr unsigned kMergeTables = 6;
};

struct IndexStats {
    std::uint64_t files = 0;
    std::uint64_t added = 0;
    std::uint64_t updated = 0;
    std::uint64_t unchanged = 0;  ///< already in the database with the same content
    std::uint64_t skipped = 0;    ///< records that could not be indexed (each had a warning)
    std::uint64_t warnings = 0;
    std::uint64_t bytes_read = 0;
    double seconds = 0;
    std::map<std::string, std::uint64_t> passed_over;  ///< reason -> files
    /// Articles read per language (given or detected; "und" = undetermined).
    std::map<std::string, std::uint64_t> languages;
    std::string mode;  ///< "segments" or "direct"
    unsigned segments = 0;
    bool interrupted = false;
    std::uint64_t total_documents = 0;  ///< documents in the database afterwards
    ClusterStats clusters;              ///< the near-duplicate pass (not run when interrupted)
    CompoundTableStats compounds;       ///< the German compound table (compound_table.h)

    std::uint64_t articles() const { return added + updated + unchanged; }
};

struct IndexCallbacks {
    std::function<void(const Diagnostic&)> on_warning;
    std::function<void(const IndexProgress&)> on_progress;  ///< about 4 times a second
    /// Once, when the run noticed the user's interrupt: reading and analysis
    /// have stopped and the `articles` analysed are about to be committed.
    std::function<void(std::uint64_t articles)> on_interrupt;
    /// Called on the calling thread at named points of the run ("threads
    /// started": every worker runs, reading has not begun), as Lucene's
    /// IndexWriter test points: tests throw from it to check that every way
    /// out of a run stops and joins its threads.
    std::function<void(std::string_view point)> test_point;
};

/// Runs one indexing job. When `*cancel` becomes true (the user
/// interrupted) reading stops at once, articles read but not yet analysed are
/// dropped, and everything analysed is committed (IndexStats::interrupted). Throws
/// DatabaseLockedError / DatabaseError when the target cannot be written (nothing committed is
/// lost: the target keeps its last commit), UsageError when no INPUT exists.
IndexStats run_index(const IndexOptions& options, const IndexCallbacks& callbacks,
                     const std::atomic<bool>* cancel = nullptr);

}  // namespace newsdex
