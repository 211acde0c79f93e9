// trec_eval-compatible measures on hand-computed examples, qrels parsing and
// run-file writing.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "errors.h"
#include "support/test_paths.h"
#include "trec_files.h"
#include "trec_metrics.h"

#include <fstream>

namespace newsdex::bench {
namespace {

/// "n0", "n1", ...: unjudged filler documents.
std::string filler(int i) {
    std::string d = "n";
    d += std::to_string(i);
    return d;
}

std::vector<RankedDoc> ranked(std::initializer_list<const char*> docnos) {
    // Descending scores in the order given, so trec_order keeps that order.
    std::vector<RankedDoc> out;
    double score = 100;
    for (const char* d : docnos) out.push_back({d, score--});
    return out;
}

TEST(TrecOrder, ScoreDescendingThenDocnoDescendingAndNoRepeats) {
    std::vector<RankedDoc> r{{"b", 1}, {"a", 2}, {"c", 1}, {"a", 0.5}, {"d", 3}};
    trec_order(r);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].docno, "d");
    EXPECT_EQ(r[1].docno, "a");
    EXPECT_EQ(r[2].docno, "c");  // tie at 1: "c" > "b"
    EXPECT_EQ(r[3].docno, "b");
}

TEST(AveragePrecision, CountsUnretrievedRelevantDocuments) {
    // Relevant: r1, r2, r3; r3 is never retrieved.
    // Ranks: 1 r1 (P=1/1), 2 x, 3 r2 (P=2/3). AP = (1 + 2/3 + 0) / 3.
    Judgments j{{"r1", 1}, {"r2", 1}, {"r3", 1}, {"x", 0}};
    TopicMetrics m = score_topic("q", ranked({"r1", "x", "r2"}), j);
    EXPECT_NEAR(m.ap, (1.0 + 2.0 / 3.0) / 3.0, 1e-12);
    EXPECT_EQ(m.relevant, 3u);
    EXPECT_EQ(m.relevant_retrieved, 2u);
    EXPECT_EQ(m.retrieved, 3u);
}

TEST(Ndcg10, GradedGainsLog2DiscountIdealFromQrels) {
    // Judged: a=3, b=2, c=1, d=0. Ranking: c, x (unjudged), a.
    // DCG = 1/log2(2) + 0 + 3/log2(4) = 1 + 1.5 = 2.5
    // IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5
    Judgments j{{"a", 3}, {"b", 2}, {"c", 1}, {"d", 0}};
    TopicMetrics m = score_topic("q", ranked({"c", "x", "a"}), j);
    const double idcg = 3 + 2 / std::log2(3.0) + 0.5;
    EXPECT_NEAR(m.ndcg10, 2.5 / idcg, 1e-12);
}

TEST(Ndcg10, OnlyTheFirstTenCount) {
    Judgments j{{"rel", 1}};
    std::vector<RankedDoc> r;
    for (int i = 0; i < 10; ++i) r.push_back({filler(i), 100.0 - i});
    r.push_back({"rel", 1});
    EXPECT_EQ(score_topic("q", r, j).ndcg10, 0);
}

TEST(PrecisionAt10, DividesByTenWithFewerRetrieved) {
    Judgments j{{"a", 1}, {"b", 1}};
    TopicMetrics m = score_topic("q", ranked({"a", "x", "b"}), j);
    EXPECT_DOUBLE_EQ(m.p10, 0.2);
}

TEST(RecallAt100, RelevantInTop100OverAllRelevant) {
    Judgments j{{"early", 1}, {"late", 1}, {"never", 1}, {"also", 2}};
    std::vector<RankedDoc> r{{"early", 1000}, {"also", 999}};
    for (int i = 0; i < 100; ++i) r.push_back({filler(i), 500.0 - i});
    r.push_back({"late", 1});  // rank 103
    TopicMetrics m = score_topic("q", r, j);
    EXPECT_DOUBLE_EQ(m.recall100, 2.0 / 4.0);
    EXPECT_EQ(m.relevant_retrieved, 3u);
}

TEST(ReciprocalRank, FirstRelevantOrZero) {
    Judgments j{{"a", 1}, {"b", 1}};
    EXPECT_DOUBLE_EQ(score_topic("q", ranked({"x", "y", "b", "a"}), j).rr, 1.0 / 3.0);
    EXPECT_EQ(score_topic("q", ranked({"x", "y"}), j).rr, 0);
}

TEST(ScoreTopic, RankingOrderComesFromScoresNotInputOrder) {
    Judgments j{{"a", 1}};
    std::vector<RankedDoc> r{{"x", 1}, {"a", 5}};  // a is really first
    EXPECT_DOUBLE_EQ(score_topic("q", r, j).rr, 1.0);
}

TEST(Evaluate, SkipsTopicsWithoutQrelsAndAveragesTheRest) {
    Qrels qrels{
        {"1", {{"a", 1}}},
        {"2", {{"b", 1}, {"c", 1}}},
        {"3", {{"z", 0}}},  // judged, nothing relevant: scores 0 and counts, as in trec_eval
    };
    std::vector<std::pair<std::string, std::vector<RankedDoc>>> run{
        {"1", ranked({"a"})},       // AP 1
        {"2", ranked({"x", "b"})},  // AP (1/2) / 2 = 0.25
        {"3", ranked({"z"})},       // AP 0
        {"4", ranked({"a", "b"})},  // no qrels: skipped
        {"5", {}},                  // no qrels, nothing retrieved: skipped
    };
    EvalSummary s = evaluate(run, qrels);
    ASSERT_EQ(s.topics.size(), 3u);
    EXPECT_EQ(s.skipped, (std::vector<std::string>{"4", "5"}));
    EXPECT_NEAR(s.mean.ap, (1.0 + 0.25 + 0.0) / 3.0, 1e-12);
    EXPECT_NEAR(s.mean.rr, (1.0 + 0.5 + 0.0) / 3.0, 1e-12);
    EXPECT_EQ(s.mean.relevant, 3u);
    EXPECT_EQ(s.topics[2].ap, 0);
    EXPECT_EQ(s.topics[2].ndcg10, 0);
}

TEST(Evaluate, TopicThatRetrievedNothingCountsAsZero) {
    Qrels qrels{{"1", {{"a", 1}}}, {"2", {{"b", 1}}}};
    EvalSummary s = evaluate({{"1", ranked({"a"})}, {"2", {}}}, qrels);
    ASSERT_EQ(s.topics.size(), 2u);
    EXPECT_DOUBLE_EQ(s.mean.ap, 0.5);
}

TEST(Qrels, ParsesTrecFormat) {
    std::istringstream in("1 0 017 1\n1 0 024 2\n\n2\t0\tdoc-9\t0\n");
    Qrels q = parse_qrels(in, "q.qrels");
    ASSERT_EQ(q.size(), 2u);
    EXPECT_EQ(q["1"]["017"], 1);
    EXPECT_EQ(q["1"]["024"], 2);
    EXPECT_EQ(q["2"]["doc-9"], 0);
}

TEST(Qrels, MalformedLineNamesTheLine) {
    std::istringstream short_line("1 0 017 1\n1 0 024\n");
    try {
        parse_qrels(short_line, "q.qrels");
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("q.qrels:2"), std::string::npos) << e.what();
    }
    std::istringstream bad_level("1 0 017 yes\n");
    EXPECT_THROW(parse_qrels(bad_level, "q.qrels"), UsageError);
}

TEST(RunFile, TrecColumnsRankFromOne) {
    std::ostringstream out;
    write_run(out, "7", {{"017", 12.5}, {"a_b", 3.25}}, "tag1");
    EXPECT_EQ(out.str(), "7 Q0 017 1 12.500000 tag1\n7 Q0 a_b 2 3.250000 tag1\n");
}

TEST(RunFile, DocnoWhitespaceAndScoreAsWritten) {
    EXPECT_EQ(run_docno("business/0 1.txt"), "business/0_1.txt");
    EXPECT_EQ(run_score(1.23456789), 1.234568);
    // Scores that print alike tie, as trec_eval reading the file sees them.
    EXPECT_EQ(run_score(2.0000001), run_score(2.0000002));
}

}  // namespace
}  // namespace newsdex::bench

namespace newsdex::bench {
namespace {

TEST(RunFile, ReadBackForScoringAnotherEnginesRun) {
    test::TempDir tmp;
    {
        std::ofstream out(tmp / "peer.run");
        out << "2 Q0 d9 1 3.5 peer\n"
               "1 Q0 a 2 1.0 peer\n"
               "1 Q0 b 1 2.0 peer\n\n";
    }
    auto run = read_run((tmp / "peer.run").string());
    ASSERT_EQ(run.size(), 2u);
    EXPECT_EQ(run[0].first, "2");
    ASSERT_EQ(run[1].second.size(), 2u);
    EXPECT_EQ(run[1].second[0].docno, "b") << "ordered by score, as trec_eval does";
    Qrels qrels;
    qrels["1"]["a"] = 1;
    EXPECT_DOUBLE_EQ(evaluate(run, qrels).mean.ap, 0.5);
}

TEST(RunFile, MalformedRunLineNamesTheLine) {
    test::TempDir tmp;
    std::ofstream(tmp / "bad.run") << "1 Q0 a 1 1.0 tag\n1 Q0 b 2 notanumber tag\n";
    try {
        read_run((tmp / "bad.run").string());
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.run:2"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace newsdex::bench
