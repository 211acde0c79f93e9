// How newsdex-index lays out a database's wdfs (common/bm25_impact.h): a new
// database stores BM25 impacts for the mean length of its first articles,
// records it, and keeps it; the shards of one input share it; a database
// written before impacts stays as it is.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "bm25_impact.h"
#include "document_builder.h"
#include "errors.h"
#include "indexer.h"
#include "sharded_index.h"
#include "stub_database.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

IndexOptions options_for(const fs::path& db, std::vector<std::string> inputs) {
    IndexOptions options;
    options.db_path = db.string();
    options.inputs = std::move(inputs);
    options.jobs = 2;
    return options;
}

std::string layout_of(const fs::path& db) {
    return Xapian::Database(db.string()).get_metadata(bm25_impact::kMetadataWdfLayout);
}

/// The wdf of `term` in the document of `unique` (its Q term).
Xapian::termcount wdf_in(const fs::path& db_path, const std::string& unique,
                         const std::string& term) {
    Xapian::Database db(db_path.string());
    auto p = db.postlist_begin(unique);
    EXPECT_NE(p, db.postlist_end(unique)) << unique;
    if (p == db.postlist_end(unique)) return 0;
    auto t = db.termlist_begin(*p);
    t.skip_to(term);
    return t != db.termlist_end(*p) && *t == term ? t.get_wdf() : 0;
}

/// `count` one-line JSONL articles: the first `long_from` have a body of
/// `short_words` words, the rest of 10 times as many.
fs::path write_jsonl(const fs::path& path, int count, int long_from, int short_words) {
    std::ofstream out(path);
    for (int i = 0; i < count; ++i) {
        std::string body;
        const int words = i < long_from ? short_words : 10 * short_words;
        for (int w = 0; w < words; ++w) body += "word" + std::to_string(w % 50) + " ";
        out << R"({"id": "a)" << i << R"(", "title": "Story )" << i
            << R"(", "lang": "en", "body": ")" << body << "\"}\n";
    }
    return path;
}

class IndexLayoutTest : public ::testing::Test {
  protected:
    test::TempDir tmp;
};

TEST_F(IndexLayoutTest, ANewDatabaseUsesTheMeanLengthOfItsFirstArticles) {
    // 600 articles: the first 500 short, the last 100 ten times as long; only
    // the sample's 500 set the reference length.
    const fs::path input = write_jsonl(tmp / "a.jsonl", 600, 500, 20);
    const fs::path first500 = write_jsonl(tmp / "b.jsonl", 500, 500, 20);
    const fs::path long_ones = write_jsonl(tmp / "c.jsonl", 10, 0, 20);
    run_index(options_for(tmp / "all.db", {input.string()}), {}, nullptr);
    run_index(options_for(tmp / "short.db", {first500.string()}), {}, nullptr);
    run_index(options_for(tmp / "long.db", {long_ones.string()}), {}, nullptr);
    const auto all = bm25_impact::parse_layout(layout_of(tmp / "all.db"));
    const auto long_length = bm25_impact::parse_layout(layout_of(tmp / "long.db"));
    ASSERT_TRUE(all) << layout_of(tmp / "all.db");
    ASSERT_TRUE(long_length) << layout_of(tmp / "long.db");
    EXPECT_EQ(layout_of(tmp / "all.db"), layout_of(tmp / "short.db"));
    // A short article: 20 body words and 2 title words with their boost.
    EXPECT_GT(*all, 20.0);
    EXPECT_LT(*all, 100.0);
    EXPECT_GT(*long_length, 5 * *all);
}

TEST_F(IndexLayoutTest, ShardsShareTheReferenceLengthOfOneDatabaseOfTheSameInput) {
    IndexOptions one = options_for(tmp / "one.db", test::sample_corpus_inputs());
    run_index(one, {}, nullptr);
    IndexOptions sharded = options_for(tmp / "sharded", test::sample_corpus_inputs());
    sharded.shards = 3;
    run_sharded_index(sharded, {}, nullptr);
    const std::string expected = layout_of(tmp / "one.db");
    ASSERT_TRUE(bm25_impact::parse_layout(expected)) << expected;
    std::size_t shards = 0;
    for (const ShardLocation& shard : expand_stub((tmp / "sharded").string())) {
        EXPECT_EQ(layout_of(shard.path), expected) << shard.path;
        ++shards;
    }
    EXPECT_EQ(shards, 3u);
}

TEST_F(IndexLayoutTest, DirectModeRecordsTheSameLayoutAsSegments) {
    IndexOptions segments = options_for(tmp / "segments.db", test::sample_corpus_inputs());
    IndexOptions direct = options_for(tmp / "direct.db", test::sample_corpus_inputs());
    direct.mode = WriteMode::Direct;
    run_index(segments, {}, nullptr);
    run_index(direct, {}, nullptr);
    EXPECT_EQ(layout_of(tmp / "direct.db"), layout_of(tmp / "segments.db"));
}

TEST_F(IndexLayoutTest, AGivenReferenceLengthIsRecordedAndCannotChangeLater) {
    const fs::path input = write_jsonl(tmp / "a.jsonl", 3, 3, 20);
    IndexOptions options = options_for(tmp / "db", {input.string()});
    options.reference_length = 400;
    run_index(options, {}, nullptr);
    EXPECT_EQ(layout_of(tmp / "db"), bm25_impact::layout_name(400));
    options.reference_length = 401;
    EXPECT_THROW(run_index(options, {}, nullptr), UsageError);
    options.reference_length = 0;  // the recorded one applies
    EXPECT_NO_THROW(run_index(options, {}, nullptr));
    EXPECT_EQ(layout_of(tmp / "db"), bm25_impact::layout_name(400));
}

TEST_F(IndexLayoutTest, ADatabaseWrittenBeforeImpactsKeepsOccurrences) {
    const fs::path first = write_jsonl(tmp / "a.jsonl", 3, 3, 20);
    run_index(options_for(tmp / "db", {first.string()}), {}, nullptr);
    const std::string unique = unique_term("a", "a0");
    ASSERT_GT(wdf_in(tmp / "db", unique, "word1"), 1u) << "impacts in a new database";
    {
        // As a database of an earlier version: no layout key.
        Xapian::WritableDatabase db((tmp / "db").string());
        db.set_metadata(bm25_impact::kMetadataWdfLayout, "");
        db.commit();
    }
    std::ofstream(tmp / "c.jsonl")
        << R"({"id": "c", "lang": "en", "title": "T", "body": "word1 x"})"
        << "\n";
    run_index(options_for(tmp / "db", {(tmp / "c.jsonl").string()}), {}, nullptr);
    EXPECT_EQ(layout_of(tmp / "db"), "");
    EXPECT_EQ(wdf_in(tmp / "db", unique_term("c", "c"), "word1"), 1u) << "occurrences, as before";
}

}  // namespace
}  // namespace newsdex
