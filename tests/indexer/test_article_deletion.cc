// Deleting articles by COLLECTION/ID (indexer/article_deletion.h): what is
// deleted stops matching and cannot be shown, unknown keys are reported,
// near-duplicate clusters stay consistent (a deleted representative leaves
// its cluster named after a surviving member; a lone survivor becomes a
// singleton), and deleted articles' words leave the spelling table.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include <xapian.h>

#include "article_deletion.h"
#include "errors.h"
#include "near_duplicate.h"
#include "schema.h"
#include "searcher.h"
#include "support/fixture_index.h"
#include "support/near_duplicate_fixtures.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex {
namespace {

using test::join_paragraphs;
using test::make_article;
using test::story_paragraphs;

/// One story in three copies (a near-duplicate cluster), and two articles
/// alone; every body mentions "harbour". s1 is indexed first, so the cluster
/// is named after it (the oldest document).
std::vector<Article> articles() {
    std::vector<Article> out;
    auto story = story_paragraphs(1, 6);
    story[0] += " The harbour closed.";
    out.push_back(make_article("s1", "Harbour closed", join_paragraphs(story), "2024-01-01"));
    out.push_back(make_article("s2", "Harbour shut", join_paragraphs(story), "2024-01-02"));
    auto trimmed = story;
    trimmed.pop_back();
    out.push_back(
        make_article("s3", "Storm closes harbour", join_paragraphs(trimmed), "2024-01-03"));
    auto alone = story_paragraphs(3, 4);
    alone[0] += " Harbour fees rise after the quixotical plan.";
    out.push_back(make_article("u1", "Fees", join_paragraphs(alone), "2024-03-01"));
    auto other = story_paragraphs(4, 4);
    other[0] += " A harbour pilot retired.";
    out.push_back(make_article("u2", "Pilot retires", join_paragraphs(other), "2024-03-02"));
    return out;
}

class ArticleDeletion : public ::testing::Test {
  protected:
    void SetUp() override { test::build_fixture_index(db_path(), articles()).close(); }
    std::string db_path() const { return (dir_ / "db").string(); }

    DeletionStats remove(std::vector<std::string> keys, std::string file = "") {
        DeletionOptions options;
        options.db_path = db_path();
        for (const auto& k : keys) options.keys.push_back(*parse_article_key(k));
        options.keys_file = std::move(file);
        DeletionCallbacks callbacks;
        callbacks.on_not_found = [this](const ArticleKey& key) {
            not_found_.push_back(key.text());
        };
        callbacks.on_warning = [this](const Diagnostic& d) { warnings_.push_back(d.to_string()); };
        return delete_articles(options, callbacks);
    }

    /// Each hit for "harbour" as the sorted "collection/id" of its article
    /// and its similar ones (which of them ranks first is not the point).
    std::vector<std::string> harbour_hits(bool collapse = true) {
        Searcher searcher({db_path()});
        SearchRequest r;
        r.query = "harbour";
        r.collapse = collapse;
        r.snippets = false;
        std::vector<std::string> out;
        for (const Hit& h : searcher.search(r).hits) {
            std::set<std::string> members{h.collection + "/" + h.id};
            for (const auto& s : h.similar) members.insert(s.collection + "/" + s.id);
            std::string line;
            for (const auto& m : members) line += (line.empty() ? "" : " ") + m;
            out.push_back(line);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    /// identity -> (cluster slot, membership terms) of every document.
    std::map<std::string, std::pair<std::string, std::vector<std::string>>> clusters() {
        Xapian::Database db(db_path());
        std::map<std::string, std::pair<std::string, std::vector<std::string>>> out;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            auto& entry = out[doc.get_value(schema::kSlotIdentity)];
            entry.first = doc.get_value(schema::kSlotCluster);
            const std::string prefix(schema::kPrefixCluster);
            for (auto t = db.termlist_begin(*p); t != db.termlist_end(*p); ++t)
                if ((*t).rfind(prefix, 0) == 0) entry.second.push_back(*t);
        }
        return out;
    }

    test::TempDir dir_;
    std::vector<std::string> not_found_, warnings_;
};

TEST_F(ArticleDeletion, DeletedArticleNoLongerMatchesNorShows) {
    ASSERT_EQ(harbour_hits().size(), 3u);  // the cluster, u1, u2
    DeletionStats stats = remove({"fixtures/u1"});
    EXPECT_EQ(stats.deleted, 1u);
    EXPECT_EQ(stats.not_found, 0u);
    EXPECT_EQ(stats.total_documents, 4u);
    Searcher searcher({db_path()});
    EXPECT_FALSE(searcher.find_article("fixtures", "u1"));
    EXPECT_TRUE(searcher.find_article("fixtures", "u2"));
    SearchRequest r;
    r.query = "fees";
    EXPECT_EQ(searcher.search(r).hits.size(), 0u);
    EXPECT_EQ(harbour_hits().size(), 2u);
}

TEST_F(ArticleDeletion, UnknownKeysAreReportedAndTheOthersDeleted) {
    DeletionStats stats = remove({"fixtures/nope", "fixtures/u2", "other/u1", "fixtures/u2"});
    EXPECT_EQ(stats.deleted, 1u);
    EXPECT_EQ(stats.not_found, 2u);
    EXPECT_EQ(stats.repeated, 1u);  // u2 named twice: deleted once, not "unknown"
    EXPECT_EQ(not_found_, (std::vector<std::string>{"fixtures/nope", "other/u1"}));
    EXPECT_TRUE(Searcher({db_path()}).find_article("fixtures", "u1"));
    EXPECT_FALSE(Searcher({db_path()}).find_article("fixtures", "u2"));
}

TEST_F(ArticleDeletion, KeysFromAFileWithBadLinesWarnedByLine) {
    const auto file = dir_ / "keys.txt";
    std::ofstream(file) << "fixtures/u1\r\n\n   fixtures/u2  \nno-slash-here\nfixtures/\n";
    DeletionStats stats = remove({}, file.string());
    EXPECT_EQ(stats.deleted, 2u);
    EXPECT_EQ(stats.malformed, 2u);
    ASSERT_EQ(warnings_.size(), 2u);
    EXPECT_NE(warnings_[0].find("keys.txt: line 4: not COLLECTION/ID"), std::string::npos)
        << warnings_[0];
    EXPECT_NE(warnings_[1].find("line 5"), std::string::npos) << warnings_[1];
    EXPECT_EQ(harbour_hits(), (std::vector<std::string>{"fixtures/s1 fixtures/s2 fixtures/s3"}));
}

TEST_F(ArticleDeletion, AMissingDatabaseOrKeyFileIsRefused) {
    EXPECT_THROW(remove({}, (dir_ / "no-such-file").string()), UsageError);
    DeletionOptions options;
    options.db_path = (dir_ / "no-such-db").string();
    options.keys.push_back({"fixtures", "u1"});
    EXPECT_THROW(delete_articles(options, {}), DatabaseError);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "no-such-db"));  // never created
}

TEST_F(ArticleDeletion, DeletingTheClusterRepresentativeKeepsTheOthersTogether) {
    const std::string s1 = unique_term("fixtures", "s1"), s2 = unique_term("fixtures", "s2"),
                      s3 = unique_term("fixtures", "s3");
    auto before = clusters();
    ASSERT_EQ(before[s2].first, s1) << "the fixture's cluster should be named after s1";
    ASSERT_EQ(before[s3].first, s1);

    DeletionStats stats = remove({"fixtures/s1"});
    EXPECT_EQ(stats.deleted, 1u);
    EXPECT_EQ(stats.relabelled, 2u);
    auto after = clusters();
    // Named after the oldest member left, with its membership term.
    EXPECT_EQ(after[s2].first, s2);
    EXPECT_EQ(after[s3].first, s2);
    const std::string term = near_duplicate::cluster_term(s2);
    EXPECT_EQ(after[s2].second, std::vector<std::string>{term});
    EXPECT_EQ(after[s3].second, std::vector<std::string>{term});
    // Still one hit for the story, naming the other copy; both without collapsing.
    auto hits = harbour_hits();
    EXPECT_EQ(std::count(hits.begin(), hits.end(), "fixtures/s2 fixtures/s3"), 1)
        << ::testing::PrintToString(hits);
    EXPECT_EQ(harbour_hits(false).size(), 4u);

    // The last one left alone is a singleton: its own identity, no term.
    remove({"fixtures/s2"});
    after = clusters();
    EXPECT_EQ(after[s3].first, s3);
    EXPECT_TRUE(after[s3].second.empty());
    hits = harbour_hits();
    EXPECT_EQ(std::count(hits.begin(), hits.end(), "fixtures/s3"), 1)
        << ::testing::PrintToString(hits);
}

TEST_F(ArticleDeletion, DeletingAMemberLeavesTheClusterItsName) {
    const std::string s1 = unique_term("fixtures", "s1");
    DeletionStats stats = remove({"fixtures/s3"});
    EXPECT_EQ(stats.relabelled, 0u);
    auto after = clusters();
    EXPECT_EQ(after[unique_term("fixtures", "s2")].first, s1);
    auto hits = harbour_hits();
    EXPECT_EQ(std::count(hits.begin(), hits.end(), "fixtures/s1 fixtures/s2"), 1)
        << ::testing::PrintToString(hits);
}

TEST_F(ArticleDeletion, WordsOnlyDeletedArticlesHadLeaveTheSpellingTable) {
    auto frequency = [&](const std::string& word) -> Xapian::doccount {
        Xapian::Database db(db_path());
        auto it = db.spellings_begin();
        it.skip_to(word);
        return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
    };
    ASSERT_EQ(frequency("quixotical"), 1u);
    const auto harbour = frequency("harbour");
    ASSERT_GT(harbour, 1u);
    remove({"fixtures/u1"});
    EXPECT_EQ(frequency("quixotical"), 0u);
    EXPECT_EQ(frequency("harbour"), harbour - 1);  // u1 had it once
}

}  // namespace
}  // namespace newsdex
