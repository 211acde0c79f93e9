// The German compound table (indexer/compound_table.h): what a run records,
// that it follows additions and deletions, that shards together hold what
// one database holds, and that English is never split.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include <xapian.h>

#include "article_deletion.h"
#include "compound_table.h"
#include "indexer.h"
#include "schema.h"
#include "sharded_index.h"
#include "support/german_compounds.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

using Table = std::map<std::string, std::set<std::string>>;

Table table_of(const Xapian::Database& db) {
    Table table;
    for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key)
        for (auto s = db.synonyms_begin(*key); s != db.synonyms_end(*key); ++s)
            table[*key].insert(*s);
    return table;
}

IndexOptions options_for(const fs::path& db, const std::vector<fs::path>& inputs) {
    IndexOptions options;
    options.db_path = db.string();
    for (const auto& input : inputs) options.inputs.push_back(input.string());
    options.jobs = 2;
    return options;
}

class CompoundTableTest : public ::testing::Test {
  protected:
    test::TempDir tmp;
    fs::path german = test::write_german_compound_articles(tmp / "german.jsonl");
};

TEST_F(CompoundTableTest, RecordsEachGermanCompoundUnderItsParts) {
    const IndexStats stats = run_index(options_for(tmp / "db", {german}), {}, nullptr);
    ASSERT_EQ(stats.languages.at("de"), 3u) << "the articles must be detected as German";
    EXPECT_TRUE(stats.compounds.rebuilt);
    EXPECT_GE(stats.compounds.compounds, 2u);

    const Table table = table_of(Xapian::Database((tmp / "db").string()));
    ASSERT_TRUE(table.count("Zkris")) << "Krise is a part";
    EXPECT_TRUE(table.at("Zkris").count("Zfluchtlingskris"));
    EXPECT_TRUE(table.at("Zkris").count("Zfinanzkris"));
    ASSERT_TRUE(table.count("Zfluchtling"));
    EXPECT_TRUE(table.at("Zfluchtling").count("Zfluchtlingskris"));
    // Words are never listed under themselves, and English words are not
    // split: "breakdown" is in the English article with "break" and "down".
    for (const auto& [key, compounds] : table) {
        EXPECT_FALSE(compounds.count(key)) << key;
        EXPECT_FALSE(compounds.count("Zbreakdown")) << key;
    }
    EXPECT_FALSE(table.count("Zdown"));
}

TEST_F(CompoundTableTest, FollowsAdditionsAndDeletions) {
    run_index(options_for(tmp / "db", {german}), {}, nullptr);
    // A later run adds an article with a new compound and its new part.
    const fs::path more = tmp / "more.jsonl";
    std::ofstream(more) << test::german_article_json(
        "de-4", "Die Eurokrise ist zurück",
        "Die Eurokrise hat die Märkte wieder erreicht. Der Euro verliert an Wert, und die "
        "Anleger sind nervös, weil die Zinsen steigen und die Banken wenig verdienen.");
    const IndexStats second = run_index(options_for(tmp / "db", {more}), {}, nullptr);
    EXPECT_TRUE(second.compounds.rebuilt);
    Table table = table_of(Xapian::Database((tmp / "db").string()));
    EXPECT_TRUE(table["Zkris"].count("Zeurokris")) << "a new compound of an old part";
    EXPECT_TRUE(table["Zkris"].count("Zfinanzkris"));

    // Deleting the only article with "Finanzkrise" takes it out of the table.
    DeletionOptions deletion;
    deletion.db_path = (tmp / "db").string();
    deletion.keys.push_back(*parse_article_key("german/de-2"));
    const DeletionStats deleted = delete_articles(deletion, {}, nullptr);
    ASSERT_EQ(deleted.deleted, 1u);
    EXPECT_TRUE(deleted.compound_table_rebuilt);
    table = table_of(Xapian::Database((tmp / "db").string()));
    EXPECT_FALSE(table["Zkris"].count("Zfinanzkris"));
    EXPECT_TRUE(table["Zkris"].count("Zfluchtlingskris"));

    // A run that changes nothing leaves the current table alone.
    const IndexStats again = run_index(options_for(tmp / "db", {more}), {}, nullptr);
    EXPECT_EQ(again.unchanged, 1u);
    EXPECT_FALSE(again.compounds.rebuilt);
}

TEST_F(CompoundTableTest, ShardsTogetherHoldWhatOneDatabaseHolds) {
    run_index(options_for(tmp / "one", {german}), {}, nullptr);
    IndexOptions sharded = options_for(tmp / "sharded", {german});
    sharded.shards = 3;
    const IndexStats stats = run_sharded_index(sharded, {}, nullptr);
    EXPECT_TRUE(stats.compounds.rebuilt);

    const Table one = table_of(Xapian::Database((tmp / "one").string()));
    ASSERT_FALSE(one.empty());
    // Xapian merges the shards' synonym tables when it opens the stub.
    EXPECT_EQ(table_of(Xapian::Database((tmp / "sharded").string())), one);
    // Each shard lists only compounds it holds: the table is not copied N times.
    std::size_t entries = 0;
    for (unsigned k = 0; k < 3; ++k) {
        Xapian::Database shard((tmp / "sharded" / ("shard-" + std::to_string(k))).string());
        for (const auto& [key, compounds] : table_of(shard))
            for (const std::string& compound : compounds) {
                EXPECT_TRUE(shard.term_exists(compound)) << compound << " in shard " << k;
                ++entries;
            }
    }
    std::size_t one_entries = 0;
    for (const auto& [key, compounds] : one) one_entries += compounds.size();
    EXPECT_EQ(entries, one_entries);

    // Deleting through the stub rebuilds every shard's part.
    DeletionOptions deletion;
    deletion.db_path = (tmp / "sharded").string();
    deletion.keys.push_back(*parse_article_key("german/de-2"));
    EXPECT_EQ(delete_articles(deletion, {}, nullptr).deleted, 1u);
    const Table after = table_of(Xapian::Database((tmp / "sharded").string()));
    EXPECT_FALSE(after.count("Zkris") && after.at("Zkris").count("Zfinanzkris"));
    ASSERT_TRUE(after.count("Zkris"));
    EXPECT_TRUE(after.at("Zkris").count("Zfluchtlingskris"));
}

TEST_F(CompoundTableTest, EnglishOnlyDatabasesGetNoTable) {
    const fs::path english = tmp / "english.jsonl";
    std::ofstream(english) << test::english_breakdown_article_json();
    run_index(options_for(tmp / "db", {english}), {}, nullptr);
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(db.synonym_keys_begin(), db.synonym_keys_end());
    EXPECT_TRUE(db.term_exists("breakdown"));
}

}  // namespace
}  // namespace newsdex
