// Known-item scores (bench/known_item.h) on a tiny built-in set whose MRR@10
// and success@1 are worked out by hand.
#include <gtest/gtest.h>

#include "known_item.h"

namespace newsdex::bench {
namespace {

using Rankings = std::vector<std::pair<std::string, std::vector<RankedDoc>>>;

// Five topics, one wanted article each, topic 5 with two identical copies.
const Qrels kQrels = {
    {"1", {{"a", 1}}},
    {"2", {{"b", 1}}},
    {"3", {{"c", 1}}},
    {"4", {{"d", 1}}},
    {"5", {{"e1", 1}, {"e2", 1}}},
    {"6", {{"x", 0}}},  // judged, nothing relevant: not a known-item topic
};

TEST(KnownItem, MrrAndSuccessAtOneByHand) {
    const Rankings run = {
        {"1", {{"a", 9}, {"z", 1}}},            // rank 1
        {"2", {{"z", 9}, {"y", 8}, {"b", 7}}},  // rank 3
        {"3", {{"z", 9}}},                      // not found
        // topic 4: no line at all (the engine found nothing): counts 0
        {"5", {{"z", 9}, {"e2", 8}, {"e1", 1}}},  // first copy at rank 2
    };
    const KnownItemScores s = score_known_item(run, kQrels);
    EXPECT_EQ(s.topics, 5u);
    // (1 + 1/3 + 0 + 0 + 1/2) / 5
    EXPECT_NEAR(s.mrr, (1.0 + 1.0 / 3 + 0.5) / 5, 1e-12);
    EXPECT_DOUBLE_EQ(s.success_at_1, 0.2);
    EXPECT_EQ(s.rank.at("2"), 3u);
    EXPECT_EQ(s.rank.at("3"), 0u);
    EXPECT_EQ(s.rank.at("4"), 0u);
    EXPECT_EQ(s.rank.count("6"), 0u);
}

TEST(KnownItem, DepthCutsAndTrecOrderRanks) {
    std::vector<RankedDoc> deep;
    for (int i = 0; i < 10; ++i) {
        std::string docno = "n";  // not "n" + to_string: GCC 12 warns -Wrestrict falsely
        docno += std::to_string(i);
        deep.push_back({docno, 100.0 - i});
    }
    deep.push_back({"a", 1});  // rank 11
    // Scores, not file order, rank (trec_eval ignores the rank column).
    const Rankings run = {{"1", deep}, {"2", {{"z", 1}, {"b", 5}}}};
    const Qrels qrels = {{"1", {{"a", 1}}}, {"2", {{"b", 1}}}};
    EXPECT_DOUBLE_EQ(score_known_item(run, qrels).mrr, 0.5);  // (0 + 1) / 2
    EXPECT_DOUBLE_EQ(score_known_item(run, qrels, 11).mrr, (1.0 / 11 + 1) / 2);
}

TEST(KnownItem, TopicsRankedWorseNameTheLosses) {
    const Rankings a = {{"1", {{"a", 9}}}, {"2", {{"z", 9}, {"b", 8}}}, {"3", {{"z", 9}}}};
    const Rankings b = {{"1", {{"z", 9}, {"a", 8}}}, {"2", {{"b", 9}}}, {"3", {{"z", 9}}}};
    const Qrels qrels = {{"1", {{"a", 1}}}, {"2", {{"b", 1}}}, {"3", {{"c", 1}}}};
    const auto sa = score_known_item(a, qrels), sb = score_known_item(b, qrels);
    EXPECT_EQ(topics_ranked_worse(sa, sb), std::vector<std::string>{"2"});
    EXPECT_EQ(topics_ranked_worse(sb, sa), std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace newsdex::bench
