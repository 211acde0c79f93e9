// compare: ratios, and regressions judged against A's run-to-run spread.
#include <gtest/gtest.h>

#include "bench_compare.h"
#include "errors.h"

namespace newsdex::bench {
namespace {

QueryFigures figures(double p50, std::vector<double> run_p50, double qps,
                     std::vector<double> run_qps) {
    QueryFigures f;
    f.path = "x.json";
    f.runs = static_cast<unsigned>(run_p50.size());
    ClassFigures c;
    c.name = "rare";
    c.p50 = p50;
    c.p99 = p50 * 3;
    c.qps = qps;
    c.run_p50 = std::move(run_p50);
    c.run_qps = std::move(run_qps);
    f.plain.push_back(c);
    return f;
}

TEST(Compare, WithinTheSpreadIsNoise) {
    auto a = figures(1.0, {0.9, 1.0, 1.2}, 1000, {900, 1000, 1100});
    auto b = figures(1.25, {1.2, 1.25, 1.3}, 880, {870, 880, 890});  // 1.25 < 1.2 * 1.05 + ...
    Comparison c = compare(a, b, 5);
    ASSERT_EQ(c.plain.size(), 1u);
    EXPECT_EQ(c.plain[0].latency, Verdict::Same);     // 1.25 <= 1.26
    EXPECT_EQ(c.plain[0].throughput, Verdict::Same);  // 880 >= 855
    EXPECT_DOUBLE_EQ(c.plain[0].p50_ratio, 1.25);
    EXPECT_DOUBLE_EQ(c.plain[0].p99_ratio, 1.25);
    EXPECT_FALSE(c.regression);
}

TEST(Compare, BeyondTheSlowestRunIsARegression) {
    auto a = figures(1.0, {0.9, 1.0, 1.2}, 1000, {900, 1000, 1100});
    auto b = figures(1.3, {1.3}, 800, {800});
    Comparison c = compare(a, b, 5);
    EXPECT_EQ(c.plain[0].latency, Verdict::Slower);
    EXPECT_EQ(c.plain[0].throughput, Verdict::Slower);
    EXPECT_TRUE(c.regression);
    EXPECT_NE(format_comparison_text(c, a, b).find("REGRESSION p50 qps"), std::string::npos);
}

TEST(Compare, BelowTheFastestRunIsFaster) {
    auto a = figures(1.0, {0.9, 1.0, 1.2}, 1000, {900, 1000, 1100});
    auto b = figures(0.8, {0.8}, 1300, {1300});
    Comparison c = compare(a, b, 5);
    EXPECT_EQ(c.plain[0].latency, Verdict::Faster);
    EXPECT_EQ(c.plain[0].throughput, Verdict::Faster);
    EXPECT_FALSE(c.regression);
}

TEST(Compare, ClassesOnOneSideOnly) {
    auto a = figures(1.0, {1.0}, 1000, {1000});
    auto b = figures(1.0, {1.0}, 1000, {1000});
    b.plain[0].name = "phrase2";
    Comparison c = compare(a, b, 5);
    EXPECT_TRUE(c.plain.empty());
    EXPECT_EQ(c.only_in_a, std::vector<std::string>{"rare"});
    EXPECT_EQ(c.only_in_b, std::vector<std::string>{"phrase2"});
}

TEST(ParseFigures, RejectsOtherJson) {
    EXPECT_THROW(parse_query_figures("{\"tool\": \"something else\"}", "x.json"), UsageError);
    EXPECT_THROW(parse_query_figures("not json", "x.json"), UsageError);
}

TEST(ParseFigures, ReadsModesAndRuns) {
    const char* json = R"({"tool": "newsdex-bench query", "articles": 30,
      "method": {"runs": 2, "threads": 2, "limit": 10, "exact": false},
      "modes": [{"snippets": false,
                 "classes": [{"class": "rare", "p50_ms": 0.5, "p99_ms": 0.9, "qps": 2000,
                              "run_p50_ms": [0.4, 0.6], "run_qps": [1900, 2100],
                              "threads": {"threads": 2, "qps": 3500}}],
                 "all": {"class": "all", "p50_ms": 0.5, "p99_ms": 0.9, "qps": 2000}}]})";
    QueryFigures f = parse_query_figures(json, "x.json");
    ASSERT_EQ(f.plain.size(), 2u);
    EXPECT_EQ(f.plain[0].run_p50, (std::vector<double>{0.4, 0.6}));
    EXPECT_EQ(f.plain[0].qps_threads, 3500);
    EXPECT_EQ(f.plain[1].name, "all");
    EXPECT_TRUE(f.snippets.empty());
    EXPECT_EQ(f.threads, 2u);
}

}  // namespace
}  // namespace newsdex::bench
