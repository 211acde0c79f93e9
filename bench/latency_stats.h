#pragma once
// Latency statistics for newsdex-bench. Percentiles use the nearest-rank
// definition (no interpolation): the reported value is always a latency that
// was actually measured, and p100 is the maximum.

#include <cstddef>
#include <optional>
#include <vector>

namespace newsdex::bench {

/// Nearest-rank percentile of `samples` (any order): the smallest sample x
/// such that at least p% of the samples are <= x, i.e. the sample of 1-based
/// rank ceil(p/100 * n) in ascending order; p <= 0 gives the minimum.
/// nullopt when there are no samples. p is clamped to [0, 100].
std::optional<double> percentile(std::vector<double> samples, double p);

/// The same, on samples already sorted ascending (no copy).
std::optional<double> percentile_sorted(const std::vector<double>& sorted, double p);

/// The summary reported per query class. All fields are 0 when count is 0.
struct LatencySummary {
    std::size_t count = 0;
    double min = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0, mean = 0, sum = 0;
};

LatencySummary summarize(std::vector<double> samples);

/// Median in the nearest-rank sense (the lower middle for an even count), so
/// the "median of runs" is always one of the runs; 0 when empty.
double median(std::vector<double> values);

}  // namespace newsdex::bench
