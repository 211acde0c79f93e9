#pragma once
// newsdex-bench compare A.json B.json: B's figures relative to A's, per query
// class, with regressions told apart from noise by A's own run-to-run spread.
//
// Rule (per class, per mode): B's p50 is a regression when it exceeds the
// slowest of A's per-run p50s by more than `threshold` percent, an improvement
// when it is below the fastest of them by more than that; B's QPS likewise
// against the range of A's per-run QPS. p99 ratios are shown but never flagged:
// with a few dozen queries per class a p99 is one or two samples.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::bench {

struct ClassFigures {
    std::string name;
    double p50 = 0, p99 = 0, qps = 0;
    std::optional<double> qps_threads;
    std::vector<double> run_p50, run_qps;
};

struct QueryFigures {
    std::string path;
    std::string machine;  ///< one line
    std::uint64_t articles = 0;
    unsigned runs = 0, threads = 0, limit = 0;
    bool exact = false;
    std::vector<ClassFigures> plain;     ///< without snippets; "all" last
    std::vector<ClassFigures> snippets;  ///< empty unless --snippets ran
};

/// Reads `newsdex-bench query --json` output. Throws UsageError when the file
/// cannot be read or is not such a report.
QueryFigures read_query_figures(const std::string& path);
QueryFigures parse_query_figures(const std::string& json, const std::string& path);

enum class Verdict { Same, Slower, Faster };

struct ClassComparison {
    std::string name;
    double p50_a = 0, p50_b = 0;
    double p50_ratio = 0, p99_ratio = 0, qps_ratio = 0;  ///< B / A
    std::optional<double> qps_threads_ratio;
    Verdict latency = Verdict::Same, throughput = Verdict::Same;
};

struct Comparison {
    double threshold_percent = 5;
    std::vector<ClassComparison> plain, snippets;
    std::vector<std::string> only_in_a, only_in_b;  ///< classes the other run lacks
    std::vector<std::string> caveats;               ///< differences in method or data
    bool regression = false;                        ///< any Slower verdict
};

Comparison compare(const QueryFigures& a, const QueryFigures& b, double threshold_percent);

std::string format_comparison_text(const Comparison& c, const QueryFigures& a,
                                   const QueryFigures& b);
std::string format_comparison_json(const Comparison& c, const QueryFigures& a,
                                   const QueryFigures& b);

}  // namespace newsdex::bench
