// Collapse at query time: one hit per near-duplicate cluster with the others
// listed as similar, every article with collapse off, and totals that say
// which they count.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "result_format.h"
#include "searcher.h"
#include "support/fixture_index.h"
#include "support/near_duplicate_fixtures.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::build_fixture_index;
using test::join_paragraphs;
using test::make_article;
using test::story_paragraphs;

/// Three copies of one story (with different headlines), two of another, and
/// one article alone; every body mentions "harbour".
std::vector<Article> articles() {
    std::vector<Article> out;
    auto story = story_paragraphs(1, 6);
    story[0] += " The harbour closed.";
    out.push_back(
        make_article("s1", "Harbour closed", join_paragraphs(story), "2024-01-01", "Gazette"));
    out.push_back(make_article("s2", "Harbour shut by storm", join_paragraphs(story), "2024-01-02",
                               "Courier"));
    auto trimmed = story;
    trimmed.pop_back();
    out.push_back(make_article("s3", "Storm closes harbour", join_paragraphs(trimmed), "2024-01-02",
                               "Times"));
    auto other = story_paragraphs(2, 5);
    other[1] += " A harbour pilot retired.";
    out.push_back(make_article("t1", "Pilot retires", join_paragraphs(other), "2024-02-01"));
    out.push_back(make_article("t2", "Pilot retires", join_paragraphs(other), "2024-02-01"));
    auto alone = story_paragraphs(3, 4);
    alone[0] += " Harbour fees rise.";
    out.push_back(make_article("u1", "Fees", join_paragraphs(alone), "2024-03-01"));
    return out;
}

SearchResult run(Searcher& s, bool collapse) {
    SearchRequest r;
    r.query = "harbour";
    r.collapse = collapse;
    r.snippets = false;
    r.facets = {"source"};
    return s.search(r);
}

TEST(Collapse, OneHitPerClusterWithTheOthersListed) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles());
    Searcher s({(tmp / "db").string()});
    SearchResult r = run(s, true);
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.estimated_total, 3u);
    EXPECT_TRUE(r.total_is_exact);
    EXPECT_TRUE(r.counts_clusters);
    std::set<std::string> firsts;
    for (const Hit& h : r.hits) {
        firsts.insert(h.id);
        std::set<std::string> similar;
        for (const auto& o : h.similar) similar.insert(o.id);
        EXPECT_EQ(similar.size(), h.similar_total) << h.id;
        EXPECT_EQ(similar.count(h.id), 0u) << "a hit is not similar to itself";
        const std::uint64_t expected = h.id[0] == 's' ? 2 : h.id[0] == 't' ? 1 : 0;
        EXPECT_EQ(h.similar_total, expected) << h.id;
    }
    EXPECT_EQ(firsts.size(), 3u);

    std::string text = format_text(r, {});
    EXPECT_NE(text.find("+2 similar"), std::string::npos) << text;
    EXPECT_NE(text.find("near-duplicates are shown once"), std::string::npos) << text;
    std::string json = format_json(r);
    EXPECT_NE(json.find("\"similar\":[{\"collection\":\"fixtures\",\"id\":\""), std::string::npos)
        << json;
    EXPECT_NE(json.find("\"counts\":\"clusters\""), std::string::npos);
}

TEST(Collapse, OffShowsEveryArticleStillWithItsSimilarOnes) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles());
    Searcher s({(tmp / "db").string()});
    SearchResult r = run(s, false);
    EXPECT_EQ(r.hits.size(), 6u);
    EXPECT_EQ(r.estimated_total, 6u);
    EXPECT_FALSE(r.counts_clusters);
    EXPECT_NE(format_json(r).find("\"counts\":\"articles\""), std::string::npos);
}

TEST(Collapse, FacetsCountArticlesEitherWay) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles());
    Searcher s({(tmp / "db").string()});
    for (bool collapse : {true, false}) {
        SearchResult r = run(s, collapse);
        ASSERT_EQ(r.facets.size(), 1u);
        std::uint64_t sources = 0;
        for (const auto& v : r.facets[0].second) sources += v.count;
        EXPECT_EQ(sources, 3u) << "Gazette, Courier and Times, collapse " << collapse;
    }
}

TEST(Collapse, ClustersSpanDatabasesAndTheSameArticleIsListedOnce) {
    test::TempDir tmp;
    auto all = articles();
    build_fixture_index(tmp / "a", all);
    build_fixture_index(tmp / "b", all);
    Searcher s({(tmp / "a").string(), (tmp / "b").string()});
    SearchResult r = run(s, true);
    ASSERT_EQ(r.hits.size(), 3u);
    for (const Hit& h : r.hits) {
        if (h.id[0] == 's') {
            EXPECT_EQ(h.similar_total, 2u) << "s1..s3 once each, not twice";
        }
    }
}

}  // namespace
}  // namespace newsdex
