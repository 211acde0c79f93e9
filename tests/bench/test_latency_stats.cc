// Nearest-rank percentiles and the per-class summary, table-driven.
#include <gtest/gtest.h>

#include <cmath>

#include "latency_stats.h"

namespace newsdex::bench {
namespace {

struct PercentileCase {
    const char* name;
    std::vector<double> samples;
    double p;
    std::optional<double> expected;
};

TEST(Percentile, NearestRank) {
    const std::vector<double> ten{10, 1, 9, 2, 8, 3, 7, 4, 6, 5};  // 1..10, shuffled
    const std::vector<PercentileCase> cases = {
        {"empty", {}, 50, std::nullopt},
        {"one sample p0", {4.5}, 0, 4.5},
        {"one sample p50", {4.5}, 50, 4.5},
        {"one sample p100", {4.5}, 100, 4.5},
        {"p0 is the minimum", ten, 0, 1},
        {"p10 of 10: rank 1", ten, 10, 1},
        {"p11 of 10: rank ceil(1.1) = 2", ten, 11, 2},
        {"p50 of 10: rank 5 (lower median)", ten, 50, 5},
        {"p90 of 10: rank 9 despite 0.9*10 rounding up in binary", ten, 90, 9},
        {"p99 of 10: rank 10", ten, 99, 10},
        {"p100 is the maximum", ten, 100, 10},
        {"p above 100 clamps", ten, 150, 10},
        {"p below 0 clamps", ten, -5, 1},
        {"p50 of 2: the first", {3, 1}, 50, 1},
        {"p50 of 3: the middle", {3, 1, 2}, 50, 2},
        {"p99 of 100: rank 99",
         [] {
             std::vector<double> v;
             for (int i = 100; i >= 1; --i) v.push_back(i);
             return v;
         }(),
         99, 99},
        {"duplicates", {2, 2, 2, 7}, 75, 2},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(percentile(c.samples, c.p), c.expected);
    }
}

TEST(Percentile, SortedVariantAgrees) {
    const std::vector<double> sorted{0.1, 0.2, 0.4, 0.8, 1.6};
    for (double p : {0.0, 20.0, 21.0, 50.0, 80.0, 99.0, 100.0})
        EXPECT_EQ(percentile_sorted(sorted, p), percentile(sorted, p)) << p;
}

TEST(Summary, EmptyIsAllZero) {
    LatencySummary s = summarize({});
    EXPECT_EQ(s.count, 0u);
    EXPECT_EQ(s.p50, 0);
    EXPECT_EQ(s.max, 0);
    EXPECT_EQ(s.mean, 0);
}

TEST(Summary, FieldsOfAKnownSample) {
    std::vector<double> v;
    for (int i = 1; i <= 200; ++i) v.push_back(i);
    LatencySummary s = summarize(v);
    EXPECT_EQ(s.count, 200u);
    EXPECT_EQ(s.min, 1);
    EXPECT_EQ(s.p50, 100);
    EXPECT_EQ(s.p90, 180);
    EXPECT_EQ(s.p95, 190);
    EXPECT_EQ(s.p99, 198);
    EXPECT_EQ(s.max, 200);
    EXPECT_DOUBLE_EQ(s.mean, 100.5);
    EXPECT_DOUBLE_EQ(s.sum, 20100);
}

TEST(Median, IsOneOfTheValues) {
    EXPECT_EQ(median({}), 0);
    EXPECT_EQ(median({5}), 5);
    EXPECT_EQ(median({4, 1, 3, 2}), 2);
    EXPECT_EQ(median({9, 1, 5}), 5);
}

}  // namespace
}  // namespace newsdex::bench
