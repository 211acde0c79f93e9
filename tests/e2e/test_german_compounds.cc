// German compounds found by their parts, end to end with no flags:
// newsdex-index detects German and builds the compound table,
// newsdex-search finds "Flüchtlingskrise" for "Krise", ranks the article
// with the word itself first and highlights the compound. On the shared
// de_10kGNAD corpus (skipped when absent), "Krise" finds every article with
// "Flüchtlingskrise" and more articles than without the table.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "support/german_compounds.h"
#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::run_command;
using test::tool_path;

struct Hits {
    std::vector<std::string> ids;  ///< in rank order
    std::vector<std::string> snippets;
    std::uint64_t total = 0;
};

Hits search(const std::string& db, const std::string& query, const std::string& limit = "10") {
    auto r = run_command(tool_path("newsdex-search"), {"--db", db, "--json", "--exact",
                                                       "--no-collapse", "--limit", limit, query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Hits hits;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    if (d.HasParseError() || !d.HasMember("hits")) {
        ADD_FAILURE() << r.out;
        return hits;
    }
    hits.total = d["estimated_total"].GetUint64();
    for (const auto& h : d["hits"].GetArray()) {
        hits.ids.emplace_back(h["id"].GetString());
        hits.snippets.emplace_back(h.HasMember("snippet") ? h["snippet"].GetString() : "");
    }
    return hits;
}

class GermanCompoundsCli : public ::testing::Test {
  protected:
    void SetUp() override {
        const fs::path input = test::write_german_compound_articles(tmp / "german.jsonl");
        auto r = run_command(tool_path("newsdex-index"), {"--db", db(), input.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        ASSERT_NE(r.err.find("de 3"), std::string::npos) << "detected as German: " << r.err;
    }
    std::string db() const { return (tmp / "db").string(); }
    test::TempDir tmp;
};

TEST_F(GermanCompoundsCli, APartFindsItsCompoundsRankedAfterTheWordItself) {
    const Hits hits = search(db(), "Krise");
    ASSERT_EQ(hits.total, 3u) << "de-3 has Krise; de-1 Flüchtlingskrise, de-2 Finanzkrise";
    EXPECT_EQ(hits.ids.front(), "de-3") << "the word itself ranks first";
    EXPECT_EQ(std::set<std::string>(hits.ids.begin(), hits.ids.end()),
              (std::set<std::string>{"de-1", "de-2", "de-3"}));
    // The snippet marks the compound the part was found in.
    bool marked = false;
    for (std::size_t i = 0; i < hits.ids.size(); ++i) {
        if (hits.ids[i] != "de-1") continue;
        marked = hits.snippets[i].find("<mark>Flüchtlingskrise</mark>") != std::string::npos;
        EXPECT_TRUE(marked) << hits.snippets[i];
    }
    EXPECT_TRUE(marked) << "de-1 must be found and its compound marked";

    // A modifier finds its compounds too ("Flüchtling" in Flüchtlingskrise).
    const Hits refugee = search(db(), "Flüchtling");
    EXPECT_EQ(std::set<std::string>(refugee.ids.begin(), refugee.ids.end()),
              (std::set<std::string>{"de-1", "de-3"}));
}

TEST_F(GermanCompoundsCli, AllElseEqualTheWordOutranksTheCompound) {
    // Two articles alike but for one word: the word itself must rank first,
    // whichever was indexed first (ties would rank by date, then id).
    const fs::path pair = tmp / "pair.jsonl";
    const std::string body =
        " trifft die Stadt hart, sagen die Bürger. Der Gemeinderat berät am Montag über "
        "neue Maßnahmen, und die Opposition fordert mehr Geld für die Schulen der Stadt.";
    std::ofstream(pair) << test::german_article_json("a-compound", "Neues aus der Stadt",
                                                     "Die Finanzkrise" + body)
                        << test::german_article_json("z-word", "Neues aus der Stadt",
                                                     "Die Krise" + body);
    auto r = run_command(tool_path("newsdex-index"), {"--db", db(), pair.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Hits hits = search(db(), "Krise collection:pair");
    EXPECT_EQ(hits.ids, (std::vector<std::string>{"z-word", "a-compound"}));
}

TEST_F(GermanCompoundsCli, PhrasesAndEnglishWordsAreUnchanged) {
    // A phrase matches the words as written: no compounds.
    EXPECT_EQ(search(db(), "\"die Krise\"").ids, (std::vector<std::string>{"de-3"}));
    // English is never split: "down" does not find "breakdown" by the table
    // (the English article has "down" itself, so one hit either way), and
    // "breakdown" is only where it is written.
    EXPECT_EQ(search(db(), "down").ids, (std::vector<std::string>{"en-1"}));
    // --lang en narrows the stems to English: no German compound expansion.
    auto r = run_command(tool_path("newsdex-search"),
                         {"--db", db(), "--json", "--exact", "--lang", "en", "Krise"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << r.out;
    EXPECT_EQ(d["estimated_total"].GetUint64(), 1u) << r.out;
}

TEST_F(GermanCompoundsCli, ADatabaseWithoutTheTableSaysSo) {
    // As a database indexed before analysis version 7: no table, no mark.
    const std::string old = (tmp / "old").string();
    fs::copy(db(), old, fs::copy_options::recursive);
    {
        Xapian::WritableDatabase w(old, Xapian::DB_OPEN);
        std::vector<std::string> keys(w.synonym_keys_begin(), w.synonym_keys_end());
        for (const auto& key : keys) w.clear_synonyms(key);
        w.set_metadata("newsdex.compounds.revision", "");
        w.commit();
    }
    auto r = run_command(tool_path("newsdex-search"), {"--db", old, "Krise"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE((r.out + r.err).find("no compound table"), std::string::npos) << r.out << r.err;
    // The current database says nothing of the kind.
    r = run_command(tool_path("newsdex-search"), {"--db", db(), "Krise"});
    EXPECT_EQ((r.out + r.err).find("compound table"), std::string::npos) << r.out << r.err;
}

/// de_10kGNAD indexed with no flags, once for the suite.
class GermanCompoundsShared : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const fs::path corpus = test::shared_corpus_dir() / "multilingual" / "de_10kGNAD";
        if (test::shared_corpus_dir().empty() || !fs::exists(corpus)) return;
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        index_ = run_command(tool_path("newsdex-index"), {"--db", db(), corpus.string()});
        // The same database without its compound table: what "Krise" found before.
        fs::copy(db(), without_table(), fs::copy_options::recursive);
        Xapian::WritableDatabase plain(without_table(), Xapian::DB_OPEN);
        std::vector<std::string> keys(plain.synonym_keys_begin(), plain.synonym_keys_end());
        for (const auto& key : keys) plain.clear_synonyms(key);
        plain.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;  // NOLINT
        dir_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "shared corpus multilingual/de_10kGNAD absent";
        ASSERT_EQ(index_.exit_code, 0) << index_.err;
    }
    static std::string db() { return (dir_->path() / "de.db").string(); }
    static std::string without_table() { return (dir_->path() / "de-plain.db").string(); }

    static test::TempDir* dir_;
    static test::CommandResult index_;
};

test::TempDir* GermanCompoundsShared::dir_ = nullptr;
test::CommandResult GermanCompoundsShared::index_;

TEST_F(GermanCompoundsShared, KriseFindsTheFluechtlingskriseArticles) {
    EXPECT_NE(index_.err.find("German compounds:"), std::string::npos) << index_.err;
    const Hits with = search(db(), "Krise", "all");
    const Hits before = search(without_table(), "Krise", "all");
    std::printf("[ hits     ] Krise: %llu with the compound table, %llu without\n",
                static_cast<unsigned long long>(with.total),
                static_cast<unsigned long long>(before.total));
    EXPECT_GT(with.total, before.total);
    // Every article without the table is still found...
    const std::set<std::string> found(with.ids.begin(), with.ids.end());
    for (const std::string& id : before.ids) EXPECT_TRUE(found.count(id)) << id;
    // ... and every article with the compound written out.
    const Hits compound = search(db(), "\"Flüchtlingskrise\"", "all");
    ASSERT_GE(compound.total, 10u) << "10kGNAD (2015-2016) writes of the refugee crisis";
    std::size_t without_krise = 0;
    const std::set<std::string> had(before.ids.begin(), before.ids.end());
    for (const std::string& id : compound.ids) {
        EXPECT_TRUE(found.count(id)) << id;
        without_krise += had.count(id) == 0;
    }
    EXPECT_GT(without_krise, 0u) << "some Flüchtlingskrise articles have no Krise alone";
}

}  // namespace
}  // namespace newsdex
