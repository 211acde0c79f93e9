// Searching a database of BM25 impacts (common/bm25_impact.h) ranks as
// classic BM25 over the same articles stored with occurrences, within the
// rounding of the stored wdf; databases of different layouts searched
// together say so.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "bm25_impact.h"
#include "searcher.h"
#include "support/fixture_index.h"
#include "support/near_duplicate_fixtures.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

/// 48 articles of 1 to 12 paragraphs of random words from a vocabulary of
/// 2,000: every word is in several articles of different lengths.
std::vector<Article> articles() {
    std::vector<Article> out;
    for (unsigned i = 0; i < 48; ++i) {
        const std::string n = std::to_string(i);
        std::string id = "a";
        id += n;
        std::string title = "Story ";
        title += n;
        out.push_back(test::make_article(
            std::move(id), std::move(title),
            test::join_paragraphs(test::story_paragraphs(1000 + i, 1 + static_cast<int>(i % 12)))));
    }
    return out;
}

SearchRequest request(const std::string& query, bool any) {
    SearchRequest r;
    r.query = query;
    r.any = any;
    r.limit = kAllHits;
    r.snippets = false;
    r.suggest = false;
    r.collapse = false;
    return r;
}

std::map<std::string, double> scores(Searcher& searcher, const SearchRequest& r) {
    std::map<std::string, double> out;
    for (const Hit& h : searcher.search(r).hits) out[h.id] = h.score;
    return out;
}

bool has_note(const SearchResult& r, const std::string& part) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

class Bm25ImpactSearch : public ::testing::Test {
  protected:
    test::TempDir tmp;
};

TEST_F(Bm25ImpactSearch, ScoresAreClassicBm25sWithinRounding) {
    const Xapian::Database classic =
        test::build_fixture_index(tmp / "classic", articles(), TermWeights::occurrences());
    // The reference length a new database takes: its articles' mean length.
    test::build_fixture_index(tmp / "impacts", articles(),
                              TermWeights::impacts(classic.get_avlength()));
    Searcher plain({(tmp / "classic").string()}), impacts({(tmp / "impacts").string()});
    std::size_t compared = 0;
    for (const char* query : {"w17", "w5", "w1999", "w3 w40", "w100 w7 w1500"})
        for (bool any : {false, true}) {
            SCOPED_TRACE(query);
            SCOPED_TRACE(any ? "any word" : "all words");
            const auto expected = scores(plain, request(query, any));
            const auto got = scores(impacts, request(query, any));
            EXPECT_EQ(got.size(), expected.size());
            for (const auto& [id, score] : expected) {
                ASSERT_TRUE(got.count(id)) << id;
                // A word here is at most a few times in an article of up to
                // about 2.5 reference lengths: a stored wdf of at least 12,
                // so rounding moves each term's part by under 5%.
                EXPECT_NEAR(got.at(id), score, 0.05 * score) << id;
                ++compared;
            }
        }
    EXPECT_GT(compared, 40u);
}

// The ranking asks Xapian for the page only and lets it prune by maximum
// weight: a page must be the head of the full ranking, for word, OR and
// any-mode queries (with their title bonuses), on either layout.
TEST_F(Bm25ImpactSearch, APageIsTheHeadOfTheWholeRanking) {
    std::vector<Article> all = articles();
    // Short articles with a query word in the title, written last (the
    // highest document ids): the kind of match pruning must not skip.
    for (unsigned i = 0; i < 6; ++i) {
        const std::string n = std::to_string(i);
        std::string id = "t";
        id += n;
        std::string title = "w17 w5 report ";
        title += n;
        all.push_back(test::make_article(std::move(id), std::move(title), "w17 w3 w40 w5."));
    }
    test::build_fixture_index(tmp / "impacts", all, TermWeights::impacts(300));
    test::build_fixture_index(tmp / "classic", all, TermWeights::occurrences());
    std::size_t compared = 0;
    for (const char* db : {"impacts", "classic"}) {
        Searcher searcher({(tmp / db).string()});
        for (const char* query : {"w17", "w17 OR w5", "w3 OR w40 OR w1500", "w17 w5", "w100 w7"})
            for (bool any : {false, true})
                for (unsigned limit : {1u, 3u, 10u}) {
                    SearchRequest page = request(query, any), whole = request(query, any);
                    page.limit = limit;
                    const SearchResult head = searcher.search(page), full = searcher.search(whole);
                    ASSERT_FALSE(full.hits.empty()) << db << " " << query;
                    const std::size_t k = std::min<std::size_t>(limit, full.hits.size());
                    ASSERT_EQ(head.hits.size(), k) << db << " " << query;
                    for (std::size_t i = 0; i < k; ++i) {
                        EXPECT_EQ(head.hits[i].id, full.hits[i].id)
                            << db << " '" << query << "' any=" << any << " limit " << limit
                            << " rank " << i + 1;
                        ++compared;
                    }
                    EXPECT_EQ(head.total_lower, full.total_lower) << db << " " << query;
                }
    }
    EXPECT_GT(compared, 100u);
}

TEST_F(Bm25ImpactSearch, MixedLayoutsAndAFixedBAreNoted) {
    test::build_fixture_index(tmp / "classic", articles(), TermWeights::occurrences());
    test::build_fixture_index(tmp / "short", articles(), TermWeights::impacts(300));
    test::build_fixture_index(tmp / "long", articles(), TermWeights::impacts(900));
    const std::string before = "indexed before BM25 impacts";
    const std::string lengths = "different reference lengths";
    {
        Searcher one({(tmp / "short").string()});
        const SearchResult r = one.search(request("w17", false));
        EXPECT_FALSE(r.hits.empty());
        EXPECT_FALSE(has_note(r, before) || has_note(r, lengths));
        SearchRequest other_b = request("w17", false);
        other_b.bm25_b = 0.5;
        EXPECT_TRUE(has_note(one.search(other_b), "only k1 applies"));
    }
    {
        Searcher mixed({(tmp / "short").string(), (tmp / "classic").string()});
        EXPECT_TRUE(has_note(mixed.search(request("w17", false)), before));
    }
    {
        Searcher two({(tmp / "short").string(), (tmp / "long").string()});
        EXPECT_TRUE(has_note(two.search(request("w17", false)), lengths));
    }
    {
        Searcher classic({(tmp / "classic").string()});
        SearchRequest other_b = request("w17", false);
        other_b.bm25_b = 0.5;
        const SearchResult r = classic.search(other_b);
        EXPECT_FALSE(has_note(r, "only k1 applies") || has_note(r, before));
    }
}

}  // namespace
}  // namespace newsdex
