#include "latency_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace newsdex::bench {

std::optional<double> percentile_sorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return std::nullopt;
    p = std::clamp(p, 0.0, 100.0);
    const double n = static_cast<double>(sorted.size());
    // A small tolerance keeps p = 90 with n = 10 at rank 9, not 10, despite
    // 0.9 * 10 being 9.000000000000002 in binary floating point.
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

std::optional<double> percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    return percentile_sorted(samples, p);
}

LatencySummary summarize(std::vector<double> samples) {
    LatencySummary s;
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    s.count = samples.size();
    s.min = samples.front();
    s.max = samples.back();
    s.p50 = *percentile_sorted(samples, 50);
    s.p90 = *percentile_sorted(samples, 90);
    s.p95 = *percentile_sorted(samples, 95);
    s.p99 = *percentile_sorted(samples, 99);
    s.sum = std::accumulate(samples.begin(), samples.end(), 0.0);
    s.mean = s.sum / static_cast<double>(s.count);
    return s;
}

double median(std::vector<double> values) { return percentile(std::move(values), 50).value_or(0); }

}  // namespace newsdex::bench
