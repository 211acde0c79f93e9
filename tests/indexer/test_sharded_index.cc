// A database in shards: every article in exactly the shard shard_of() names,
// the stub listing them, later runs routed to the same shards, and the
// shard count fixed once chosen.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <xapian.h>

#include "article_deletion.h"
#include "errors.h"
#include "schema.h"
#include "shard_routing.h"
#include "sharded_index.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

IndexOptions options_for(const fs::path& db, unsigned shards) {
    IndexOptions options;
    options.db_path = db.string();
    options.inputs = test::sample_corpus_inputs();
    options.jobs = 2;
    options.shards = shards;
    return options;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class ShardedIndexTest : public ::testing::Test {
  protected:
    test::TempDir tmp;
};

TEST_F(ShardedIndexTest, EveryArticleIsInTheShardItsIdNamesAndTheStubListsThemAll) {
    IndexOptions single = options_for(tmp / "one", 0);
    const IndexStats one = run_index(single, {}, nullptr);
    ASSERT_GT(one.total_documents, 20u) << "the sample corpus must spread over three shards";

    const IndexStats sharded = run_sharded_index(options_for(tmp / "sharded", 3), {}, nullptr);
    EXPECT_EQ(sharded.total_documents, one.total_documents);
    EXPECT_EQ(sharded.added, one.added);

    const std::string stub = read_file(tmp / "sharded" / "XAPIANDB");
    EXPECT_NE(stub.find("auto shard-0\n"), std::string::npos) << stub;
    EXPECT_NE(stub.find("auto shard-2\n"), std::string::npos) << stub;
    EXPECT_EQ(stub.find("shard-3"), std::string::npos) << stub;

    std::set<std::string> all;
    for (unsigned k = 0; k < 3; ++k) {
        Xapian::Database shard((tmp / "sharded" / ("shard-" + std::to_string(k))).string());
        EXPECT_GT(shard.get_doccount(), 0u) << "shard " << k;
        for (const std::string& term : test::unique_terms(shard)) {
            EXPECT_EQ(shard_of(term, 3), k) << term;
            EXPECT_TRUE(all.insert(term).second) << term << " in two shards";
        }
    }
    EXPECT_EQ(all, test::unique_terms(Xapian::Database((tmp / "one").string())));
    // Xapian reads the stub as one database.
    EXPECT_EQ(Xapian::Database((tmp / "sharded").string()).get_doccount(), one.total_documents);
}

TEST_F(ShardedIndexTest, ALaterRunFindsEachArticleInItsShard) {
    const IndexStats first = run_sharded_index(options_for(tmp / "db", 3), {}, nullptr);
    // No --shards: the stub says how many.
    const IndexStats again = run_sharded_index(options_for(tmp / "db", 0), {}, nullptr);
    EXPECT_EQ(again.added, 0u);
    EXPECT_EQ(again.updated, 0u);
    EXPECT_EQ(again.unchanged, first.added) << "every article found where the first run put it";
    EXPECT_EQ(again.total_documents, first.total_documents);
    EXPECT_TRUE(wants_sharded_index(options_for(tmp / "db", 0)));
}

TEST_F(ShardedIndexTest, TheShardCountCannotChangeAndASingleDatabaseIsNotResharded) {
    run_sharded_index(options_for(tmp / "db", 2), {}, nullptr);
    EXPECT_THROW(run_sharded_index(options_for(tmp / "db", 3), {}, nullptr), UsageError);

    run_index(options_for(tmp / "single", 0), {}, nullptr);
    EXPECT_FALSE(wants_sharded_index(options_for(tmp / "single", 0)));
    EXPECT_THROW(run_sharded_index(options_for(tmp / "single", 2), {}, nullptr), UsageError);
    EXPECT_GT(Xapian::Database((tmp / "single").string()).get_doccount(), 0u)
        << "the single database is left as it was";
}

TEST_F(ShardedIndexTest, DeleteFindsEachArticleInWhicheverShardHoldsIt) {
    const IndexStats built = run_sharded_index(options_for(tmp / "db", 3), {}, nullptr);
    // Two articles of different shards, one of them given twice, and one no shard has.
    std::vector<std::string> terms;
    for (unsigned k = 0; k < 3 && terms.size() < 2; ++k) {
        auto shard_terms = test::unique_terms(
            Xapian::Database((tmp / "db" / ("shard-" + std::to_string(k))).string()));
        if (!shard_terms.empty()) terms.push_back(*shard_terms.begin());
    }
    ASSERT_EQ(terms.size(), 2u);
    DeletionOptions options;
    options.db_path = (tmp / "db").string();
    for (const std::string& term : terms) {
        auto parts = split_unique_term(term);
        ASSERT_TRUE(parts);
        options.keys.push_back(ArticleKey{parts->first, parts->second});
    }
    options.keys.push_back(options.keys.front());
    options.keys.push_back(ArticleKey{"nowhere", "0"});
    std::vector<std::string> not_found;
    DeletionCallbacks callbacks;
    callbacks.on_not_found = [&](const ArticleKey& key) { not_found.push_back(key.text()); };
    const DeletionStats stats = delete_articles(options, callbacks);
    EXPECT_EQ(stats.requested, 4u);
    EXPECT_EQ(stats.deleted, 2u);
    EXPECT_EQ(stats.repeated, 1u);
    EXPECT_EQ(stats.not_found, 1u);
    EXPECT_EQ(not_found, std::vector<std::string>{"nowhere/0"});
    EXPECT_EQ(stats.total_documents, built.total_documents - 2);
    Xapian::Database all((tmp / "db").string());
    EXPECT_EQ(all.get_doccount(), built.total_documents - 2);
    for (const std::string& term : terms) EXPECT_EQ(all.get_termfreq(term), 0u) << term;
}

TEST_F(ShardedIndexTest, WarningsAboutTheInputAreReportedOnce) {
    fs::create_directories(tmp / "in");
    {
        std::ofstream out(tmp / "in" / "a.jsonl");
        out << "{\"id\":\"1\",\"title\":\"Cocoa\",\"body\":\"Cocoa prices rose.\"}\n"
            << "this line is not JSON\n"
            << "{\"id\":\"2\",\"title\":\"Coffee\",\"body\":\"Coffee prices fell.\"}\n";
    }
    IndexOptions options = options_for(tmp / "db", 3);
    options.inputs = {(tmp / "in").string()};
    std::vector<Diagnostic> warnings;
    IndexCallbacks callbacks;
    callbacks.on_warning = [&](const Diagnostic& d) { warnings.push_back(d); };
    const IndexStats stats = run_sharded_index(options, callbacks, nullptr);
    EXPECT_EQ(stats.total_documents, 2u);
    ASSERT_EQ(warnings.size(), 1u) << "the bad line once, not once per shard";
    EXPECT_EQ(stats.skipped, 1u);
}

}  // namespace
}  // namespace newsdex
