// Totals: exact up to the count bound whatever page is asked for, a proven
// range above it, never a low guess; and one hit per (collection, id) however
// many databases hold it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "searcher.h"
#include "support/fixture_index.h"
#include "support/near_duplicate_fixtures.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::build_fixture_index;
using test::make_article;

/// `matching` articles that contain "harbour" (with varied lengths, so BM25
/// weights differ and Xapian's pruning has something to prune) and as many
/// that do not.
std::vector<Article> articles(int matching) {
    std::vector<Article> out;
    for (int i = 0; i < matching; ++i) {
        // Distinct stories (near-duplicates would be collapsed into one hit).
        std::string body = "The harbour board met again. " +
                           test::story_paragraphs(static_cast<unsigned>(i) + 1000, 1)[0];
        for (int k = 0; k < i % 7; ++k) body += " Ferries and cranes and tides.";
        if (i % 3 == 0) body += " harbour harbour";
        out.push_back(make_article("m" + std::to_string(i), "Notice " + std::to_string(i), body));
    }
    for (int i = 0; i < matching; ++i)
        out.push_back(make_article("o" + std::to_string(i), "Other " + std::to_string(i),
                                   "Nothing about the sea here."));
    return out;
}

SearchResult search(Searcher& s, const std::string& q, unsigned limit, unsigned offset,
                    unsigned bound) {
    SearchRequest r;
    r.query = q;
    r.limit = limit;
    r.offset = offset;
    r.count_bound = bound;
    r.collapsed_count_bound = bound;
    r.snippets = false;
    r.suggest = false;
    return s.search(r);
}

TEST(ResultCounts, ExactUpToTheBoundWhateverTheLimit) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles(600));
    Searcher s({(tmp / "db").string()});
    for (unsigned limit : {0u, 1u, 10u, 100u, 1000u}) {
        for (unsigned offset : {0u, 5u, 590u}) {
            SearchResult r = search(s, "harbour", limit, offset, kDefaultCountBound);
            EXPECT_TRUE(r.total_is_exact) << limit << " " << offset;
            EXPECT_EQ(r.estimated_total, 600u) << "limit " << limit << " offset " << offset;
            EXPECT_EQ(r.total_lower, 600u);
            EXPECT_EQ(r.total_upper, 600u);
        }
    }
}

// Collapsed (the default), a count is exact below the collapsed bound and
// otherwise a range holding the truth, the same for every page inside the
// bound: one pass, never a second fetch (the fixture's 600 articles are 600
// clusters).
TEST(ResultCounts, CollapsedExactBelowTheCollapsedBoundElseARange) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles(600));
    Searcher s({(tmp / "db").string()});
    std::vector<std::uint64_t> first_range;
    for (unsigned limit : {0u, 1u, 10u, 100u}) {
        for (unsigned offset : {0u, 5u}) {
            SearchResult exact = search(s, "harbour", limit, offset, 700);
            EXPECT_TRUE(exact.counts_clusters);
            EXPECT_TRUE(exact.total_is_exact) << limit << " " << offset;
            EXPECT_EQ(exact.estimated_total, 600u) << limit << " " << offset;

            SearchResult range = search(s, "harbour", limit, offset, 200);
            EXPECT_FALSE(range.total_is_exact) << limit << " " << offset;
            EXPECT_LE(range.total_lower, 600u);
            EXPECT_GE(range.total_upper, 600u);
            EXPECT_GE(range.total_lower, 200u) << "the bound's hits were held";
            std::vector<std::uint64_t> seen{range.total_lower, range.estimated_total,
                                            range.total_upper};
            if (first_range.empty()) first_range = seen;
            EXPECT_EQ(seen, first_range) << "the count does not depend on the page";
            if (limit > 0 && offset == 5) {
                ASSERT_FALSE(range.hits.empty());
                EXPECT_EQ(range.hits.front().rank, 6u);
            }
        }
    }
}

TEST(ResultCounts, AboveTheBoundARangeThatHoldsTheTruth) {
    test::TempDir tmp;
    build_fixture_index(tmp / "db", articles(600));
    Searcher s({(tmp / "db").string()});
    // A bound far below the 600 matches: the two-word AND query lets Xapian
    // stop early, so the total is only known as a range.
    SearchResult r = search(s, "harbour board", 5, 0, 20);
    if (r.total_is_exact) {
        EXPECT_EQ(r.estimated_total, 600u);
    } else {
        EXPECT_LE(r.total_lower, 600u);
        EXPECT_GE(r.total_upper, 600u);
        EXPECT_GE(r.total_lower, 20u) << "at least the bound was checked";
        EXPECT_LE(r.total_lower, r.estimated_total);
        EXPECT_GE(r.total_upper, r.estimated_total);
    }
    // --exact (bound ignored) is always exact.
    SearchRequest exact;
    exact.query = "harbour board";
    exact.count_bound = 20;
    exact.exact_total = true;
    exact.snippets = false;
    SearchResult e = s.search(exact);
    EXPECT_TRUE(e.total_is_exact);
    EXPECT_EQ(e.estimated_total, 600u);
}

}  // namespace
}  // namespace newsdex

namespace newsdex {
namespace {

std::vector<std::string> hit_keys(const SearchResult& r) {
    std::vector<std::string> keys;
    for (const auto& h : r.hits) keys.push_back(h.collection + "/" + h.id);
    return keys;
}

TEST(ResultIdentity, SameArticleInTwoDatabasesIsOneHit) {
    test::TempDir tmp;
    build_fixture_index(tmp / "a", articles(40));
    build_fixture_index(tmp / "b", articles(40));  // the same articles, another database
    for (bool collapse : {true, false}) {
        for (const auto& paths : std::vector<std::vector<std::string>>{
                 {(tmp / "a").string(), (tmp / "b").string()},
                 {(tmp / "a").string(), (tmp / "a").string()},
                 {(tmp / "a").string(), (tmp / "." / "a").string()}}) {
            Searcher s(paths);
            SearchRequest r;
            r.query = "harbour";
            r.limit = 100;
            r.collapse = collapse;
            r.snippets = false;
            SearchResult result = s.search(r);
            std::vector<std::string> keys = hit_keys(result);
            std::set<std::string> distinct(keys.begin(), keys.end());
            EXPECT_EQ(keys.size(), 40u) << paths[1] << " collapse " << collapse;
            EXPECT_EQ(distinct.size(), keys.size());
            EXPECT_EQ(result.estimated_total, 40u);
            EXPECT_TRUE(result.total_is_exact);
        }
    }
}

// A stub of shards counts like one database: exactly up to the bound, a
// range above it, and no further than the bound asks (each shard is counted
// on its own: over several databases Xapian's count did not stop at the
// bound and visited every match).
TEST(ResultCounts, AStubOfShardsCountsUpToTheBoundLikeOneDatabase) {
    test::TempDir tmp;
    std::vector<Article> first, second;
    for (int i = 0; i < 40; ++i) {
        std::string id = "s";
        id += std::to_string(i);
        std::string body = "shared word harbour ";
        body += std::to_string(i);
        (i % 2 ? first : second).push_back(make_article(std::move(id), "Harbour", std::move(body)));
    }
    build_fixture_index(tmp / "shard-0", first);
    build_fixture_index(tmp / "shard-1", second);
    std::filesystem::create_directories(tmp / "stub");
    std::ofstream(tmp / "stub" / "XAPIANDB") << "auto ../shard-0\nauto ../shard-1\n";
    Searcher stub({(tmp / "stub").string()});
    SearchRequest r;
    r.query = "harbour";
    r.snippets = false;
    r.limit = 3;
    for (bool collapse : {true, false}) {
        SCOPED_TRACE(collapse ? "collapsed" : "one hit per article");
        r.collapse = collapse;
        r.count_bound = r.collapsed_count_bound = 100;
        SearchResult all = stub.search(r);
        EXPECT_TRUE(all.total_is_exact);
        EXPECT_EQ(all.estimated_total, 40u);
        r.count_bound = r.collapsed_count_bound = 5;
        SearchResult bounded = stub.search(r);
        EXPECT_FALSE(bounded.total_is_exact);
        EXPECT_GE(bounded.total_lower, 5u);
        EXPECT_LE(bounded.total_lower, 20u) << "counted past the bound";
        EXPECT_GE(bounded.total_upper, 40u);
        EXPECT_EQ(bounded.hits.size(), 3u);
    }
}

}  // namespace
}  // namespace newsdex
