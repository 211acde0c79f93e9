#pragma once
// newsdex-bench query: latency and throughput of the searcher library, per
// query class.
//
// Method (printed with every report, and in bench/README.md):
//  1. Every query of the file runs `warmup` times, unmeasured (page cache,
//     Xapian's block cache, stemmer and ICU caches).
//  2. `runs` measured runs; each run executes every query once, class after
//     class, on one thread, timing Searcher::search() with a steady clock.
//     With --snippets both modes run inside each run, so noise hits both alike.
//  3. Per class: nearest-rank percentiles over all samples (queries x runs);
//     each run's own p50 and QPS (queries / summed latency) are kept, and the
//     reported QPS is the median of the runs' QPS; the spread of the runs is
//     what `compare` uses to tell a regression from noise.
//  4. With T > 1 threads, each thread has its own Searcher; per run and class,
//     the T threads start together (a barrier) and each runs the class's
//     queries (repeated to last about `min_task_ms`); QPS = queries executed /
//     wall time from the start to the last thread's end.
//
// Class-name conventions: a class named `any` runs with SearchRequest::any
// (OR semantics); a class named `sorted` runs sorted by date, newest first.
// Every other class runs as newsdex-search runs a query by default.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "latency_stats.h"
#include "query_file.h"
#include "searcher.h"

namespace newsdex::bench {

struct QueryBenchOptions {
    std::vector<std::string> db_paths;
    std::vector<QueryLine> queries;  ///< label = class
    unsigned warmup = 1;
    unsigned runs = 5;
    unsigned threads = 1;
    unsigned limit = 10;
    bool snippets = false;  ///< also measure with snippets (both modes reported)
    bool exact = false;     ///< count matches exactly (SearchRequest::exact_total)
    /// SearchRequest::count_bound: totals up to this are exact (0: Xapian's bare estimate).
    unsigned count_bound = kDefaultCountBound;
    /// SearchRequest::collapsed_count_bound: the same with collapsing on.
    unsigned collapsed_count_bound = kDefaultCollapsedCountBound;
    bool collapse = true;     ///< SearchRequest::collapse (near-duplicates shown once)
    double min_task_ms = 50;  ///< multi-thread tasks repeat a class's queries to last this long
};

/// The request a query of `query_class` runs as (see the class-name conventions).
SearchRequest make_request(const std::string& query_class, const std::string& text,
                           const QueryBenchOptions& options, bool snippets);

struct ClassResult {
    std::string name;             ///< class name, or "all"
    std::size_t queries = 0;      ///< distinct queries of the class in the file
    LatencySummary latency;       ///< ms, single thread, over all runs
    std::vector<double> samples;  ///< ms, single thread, every sample (for plots)
    std::vector<double> run_p50;  ///< ms, each run's p50
    std::vector<double> run_qps;  ///< each run's queries / summed latency
    double qps = 0;               ///< median of run_qps
    double mean_matches = 0;      ///< mean estimated (or exact) match count, first run
    std::size_t empty = 0;        ///< queries without any match
    // With threads > 1:
    std::vector<double> run_qps_threads;
    double qps_threads = 0;  ///< median of run_qps_threads
    LatencySummary latency_threads;
};

struct ModeResult {
    bool snippets = false;
    std::vector<ClassResult> classes;  ///< in the order classes first appear in the file
    ClassResult all;                   ///< every query of the file
};

struct QueryBenchResult {
    std::vector<ModeResult> modes;  ///< without snippets, then (with --snippets) with them
    std::uint64_t articles = 0;
    double seconds = 0;  ///< wall time of the whole benchmark
};

/// Progress: a short description of where the benchmark is.
using ProgressFn = std::function<void(const std::string&)>;

/// Runs the benchmark. Throws DatabaseError (missing database) or UsageError.
QueryBenchResult run_query_bench(const QueryBenchOptions& options, const ProgressFn& progress = {});

}  // namespace newsdex::bench
