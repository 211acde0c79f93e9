#pragma once
// What newsdex-bench query prints: a compact table per mode (and the cost of
// snippets when both modes ran), and the JSON that `compare` reads.

#include <string>

#include "machine_info.h"
#include "query_bench.h"

namespace newsdex::bench {

struct QueryReportContext {
    const QueryBenchOptions& options;
    std::string queries_file;
    MachineInfo machine;
};

/// The method in one paragraph, printed above the tables and stored in JSON.
std::string describe_method(const QueryBenchOptions& options);

std::string format_query_text(const QueryBenchResult& result, const QueryReportContext& context);

/// JSON (format 1): {"tool", "format", "machine", "method", "databases", "articles",
/// "queries_file", "queries", "seconds", "modes": [{"snippets", "classes": [CLASS...],
/// "all": CLASS}], "snippet_cost": [{"class", "p50_ratio", "mean_ratio"}]} where
/// CLASS = {"class", "queries", "samples", "p50_ms", "p90_ms", "p99_ms", "max_ms",
/// "min_ms", "mean_ms", "qps", "run_p50_ms": [...], "run_qps": [...], "mean_matches",
/// "empty", and with threads "threads": {"threads", "qps", "run_qps", "p50_ms", "p99_ms"}}.
std::string format_query_json(const QueryBenchResult& result, const QueryReportContext& context);

}  // namespace newsdex::bench
