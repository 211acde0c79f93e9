// Issue 10's table, end to end with no flags at all: the multilingual shared
// corpora indexed together (seeds + BBC + Japanese + Arabic + Norwegian +
// German) and searched in each language. Before language detection and
// multi-language queries, every row here gave 0 hits without --lang; the
// lower bounds are the counts the right --lang gave then. Skips when the
// shared corpora are absent.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <cstdio>
#include <filesystem>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

const char* const kFolders[] = {"seeds",
                                "bbc",
                                "multilingual/ja_livedoor",
                                "multilingual/ar_saudinewsnet",
                                "multilingual/de_10kGNAD",
                                "jsonl_vg_no"};

class MultilingualShared : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto corpus = test::shared_corpus_dir();
        if (corpus.empty()) return;
        std::vector<std::string> args{"--db", db()};
        for (const char* folder : kFolders) {
            if (!std::filesystem::exists(corpus / folder)) return;
            args.push_back((corpus / folder).string());
        }
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        args[1] = db();
        index_ = run_command(tool_path("newsdex-index"), args);
    }
    static void TearDownTestSuite() {
        delete dir_;  // NOLINT
        dir_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "shared corpora not all present";
        ASSERT_EQ(index_.exit_code, 0) << index_.err;
    }
    static std::string db() { return dir_ ? (dir_->path() / "mixed.db").string() : ""; }

    /// Exact number of matches of `query` (newsdex-search --exact --json),
    /// optionally within one collection.
    /// Matching articles, not near-duplicate clusters: the issue's counts are
    /// articles (saudinewsnet republishes stories).
    static std::uint64_t hits(const std::string& query, const std::string& collection = "") {
        std::string q = collection.empty() ? query : query + " collection:" + collection;
        auto r = run_command(tool_path("newsdex-search"), {"--db", db(), "--json", "--exact",
                                                           "--no-collapse", "--limit", "3", q});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document d;
        d.Parse(r.out.c_str());
        if (d.HasParseError() || !d.HasMember("estimated_total")) {
            ADD_FAILURE() << r.out;
            return 0;
        }
        return d["estimated_total"].GetUint64();
    }

    static test::TempDir* dir_;
    static test::CommandResult index_;
};

test::TempDir* MultilingualShared::dir_ = nullptr;
test::CommandResult MultilingualShared::index_;

// One test, one index: ctest runs each test in its own process, and
// indexing the six corpora is the expensive part.
TEST_F(MultilingualShared, IssueTableWithoutFlags) {
    {
        SCOPED_TRACE("summary and --info count articles per detected language");
        // 1,670 ja + 1,318 ar + 1,028 de + 60 no; BBC and the seeds English.
        EXPECT_NE(index_.err.find("languages: en "), std::string::npos) << index_.err;
        EXPECT_NE(index_.err.find(" ja 1,670"), std::string::npos) << index_.err;
        EXPECT_NE(index_.err.find(" de 1,028"), std::string::npos) << index_.err;
        EXPECT_NE(index_.err.find(" no 60"), std::string::npos) << index_.err;
        auto info = run_command(tool_path("newsdex-search"), {"--db", db(), "--info"});
        ASSERT_EQ(info.exit_code, 0) << info.err;
        EXPECT_NE(info.out.find("languages:"), std::string::npos) << info.out;
        EXPECT_NE(info.out.find("ja (1,670)"), std::string::npos) << info.out;
        EXPECT_NE(info.out.find("de (1,028)"), std::string::npos) << info.out;
    }
    struct Row {
        const char* query;
        const char* collection;  ///< "" = the whole database
        std::uint64_t at_least;  ///< what the right --lang gave before (0 hits without it)
    };
    const Row rows[] = {
        {"\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629", "ar_saudinewsnet", 347},
        {"\u0627\u0644\u0625\u0631\u0647\u0627\u0628", "ar_saudinewsnet", 111},
        {"iPhone", "ja_livedoor", 13},
        {"TV", "ja_livedoor", 45},
        {"Android", "ja_livedoor", 6},
        {"Krise", "de_10kgnad", 26},
        {"Fl\u00fcchtlingen", "de_10kgnad", 114},
        // One query box for the whole desk.
        {"\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629", "", 347},
        {"iPhone", "", 13},
        {"ceasefire", "", 1},  // the seeds
    };
    for (const Row& row : rows) {
        std::uint64_t n = hits(row.query, row.collection);
        std::printf("[ hits     ] %s %s: %llu\n", row.query, row.collection,
                    static_cast<unsigned long long>(n));
        EXPECT_GE(n, row.at_least) << row.query << " " << row.collection;
    }
    // German articles are stemmed as German (both forms find the same
    // articles), English ones still as English.
    EXPECT_EQ(hits("Fl\u00fcchtlinge", "de_10kgnad"), hits("Fl\u00fcchtlingen", "de_10kgnad"));
    EXPECT_EQ(hits("elections", "bbc"), hits("election", "bbc"));

    // A German article's snippet marks its own German stems: the query
    // "Flüchtlingen" marks "Flüchtlinge" too.
    auto r = run_command(tool_path("newsdex-search"),
                         {"--db", db(), "--color", "never", "--brackets", "--limit", "5",
                          "Fl\u00fcchtlingen collection:de_10kgnad"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("[Fl\u00fcchtlinge]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace newsdex
