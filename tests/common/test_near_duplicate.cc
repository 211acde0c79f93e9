// Near-duplicate signatures: shingles, exact Jaccard, and LSH band terms that
// exact duplicates share and unrelated articles do not.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "near_duplicate.h"

namespace newsdex {
namespace {

namespace nd = near_duplicate;

/// A deterministic body of `words` words drawn from a 2,000-word vocabulary.
std::string body(unsigned seed, int words) {
    std::mt19937 rng(seed);
    std::string out;
    for (int i = 0; i < words; ++i) {
        out += 'w';
        out += std::to_string(rng() % 2000);
        out += (i % 17 == 16) ? ". " : " ";
    }
    return out;
}

std::vector<std::uint64_t> shingle_set(const std::string& text) {
    TextAnalyzer analyzer;
    return nd::shingles(nd::body_words(text, "en", analyzer));
}

std::size_t shared_bands(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    auto ta = nd::band_terms(a), tb = nd::band_terms(b);
    std::size_t shared = 0;
    for (std::size_t i = 0; i < ta.size() && i < tb.size(); ++i) shared += ta[i] == tb[i];
    return shared;
}

TEST(NearDuplicate, ShinglesAreSortedDistinctAndNeedEnoughWords) {
    auto s = shingle_set(body(1, 100));
    EXPECT_EQ(s.size(), 100 - nd::kShingleWords + 1);
    EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
    EXPECT_EQ(std::adjacent_find(s.begin(), s.end()), s.end());
    EXPECT_TRUE(shingle_set("too short to judge").empty());
    EXPECT_TRUE(nd::band_terms({}).empty());
}

TEST(NearDuplicate, CaseAccentsAndHyphensDoNotChangeShingles) {
    EXPECT_EQ(shingle_set("The Café said the cease-fire talks would resume on Monday in Paris"),
              shingle_set("the cafe said the cease fire talks would resume on monday in paris"));
}

TEST(NearDuplicate, ExactDuplicatesShareEveryBand) {
    auto a = shingle_set(body(7, 300));
    EXPECT_DOUBLE_EQ(nd::jaccard(a, a), 1.0);
    EXPECT_EQ(shared_bands(a, a), nd::kBands);
    auto terms = nd::band_terms(a);
    ASSERT_EQ(terms.size(), nd::kBands);
    for (const auto& t : terms) EXPECT_EQ(t.rfind("XDUP", 0), 0u) << t;
}

TEST(NearDuplicate, TrimmedLastParagraphStaysAboveTheThreshold) {
    std::string full = body(3, 400);
    std::string trimmed = full.substr(0, full.size() * 9 / 10);
    double j = nd::jaccard(shingle_set(full), shingle_set(trimmed));
    EXPECT_GE(j, nd::kJaccardThreshold);
    EXPECT_LT(j, 1.0);
    EXPECT_GT(shared_bands(shingle_set(full), shingle_set(trimmed)), 0u);
}

TEST(NearDuplicate, UnrelatedArticlesWithTheSameBoilerplateAreFarApart) {
    const std::string footer =
        " Copyright 2024 Harbor Gazette. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed. Contact the newsroom at the address "
        "on our website for corrections and reprints.";
    auto a = shingle_set(body(11, 200) + footer);
    auto b = shingle_set(body(12, 200) + footer);
    double j = nd::jaccard(a, b);
    EXPECT_GT(j, 0.0) << "they do share the footer's shingles";
    EXPECT_LT(j, 0.2);
    EXPECT_EQ(shared_bands(a, b), 0u);
}

TEST(NearDuplicate, JaccardOfKnownSets) {
    EXPECT_DOUBLE_EQ(nd::jaccard({1, 2, 3, 4}, {3, 4, 5, 6}), 2.0 / 6.0);
    EXPECT_DOUBLE_EQ(nd::jaccard({1}, {2}), 0.0);
    EXPECT_DOUBLE_EQ(nd::jaccard({}, {}), 0.0);
}

TEST(NearDuplicate, ClusterTermIsStableAndShort) {
    std::string long_id(300, 'x');
    EXPECT_EQ(nd::cluster_term(long_id), nd::cluster_term(long_id));
    EXPECT_NE(nd::cluster_term("Qa\x1f"
                               "c"),
              nd::cluster_term("Qb\x1f"
                               "c"));
    EXPECT_EQ(nd::cluster_term(long_id).size(), std::string("XCLUSTER").size() + 16);
}

}  // namespace
}  // namespace newsdex
