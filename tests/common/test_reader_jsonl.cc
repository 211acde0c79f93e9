// JSON Lines reader: field mapping, bad lines, blank records, compressed input,
// standard input, cancellation and progress.

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_input;
using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

class JsonlMixed : public ::testing::Test {
  protected:
    void SetUp() override { r = read_path(reader_fixture("jsonl/mixed.jsonl")); }
    test::ReadResult r;
};

TEST_F(JsonlMixed, EmitsEveryRecordWithText) {
    EXPECT_EQ(r.ids(),
              (std::vector<std::string>{"jl-1", "vg-2", "17", "mixed.jsonl:6", "mixed.jsonl:8",
                                        "mixed.jsonl:10", "mixed.jsonl:11"}));
}

TEST_F(JsonlMixed, DefaultKeys) {
    const Article* a = r.find("jl-1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Tram strike called off");
    EXPECT_EQ(a->body, "The drivers' union accepted the new rota.\n\nServices run normally.");
    EXPECT_EQ(a->date, utc(2024, 3, 5, 5, 40, 0));
    EXPECT_EQ(a->date_text, "2024-03-05T06:40:00+01:00");
    EXPECT_EQ(a->source, "Valley Courier");
    EXPECT_EQ(a->url, "https://courier.example/1");
    EXPECT_EQ(a->authors, (std::vector<std::string>{"Ana Lind", "Bo Berg"}));
    EXPECT_EQ(a->topics, (std::vector<std::string>{"transport", "labour"}));
    EXPECT_EQ(a->lang, "en");
}

TEST_F(JsonlMixed, VgUpperCaseKeysAndTagsSerialisedAsString) {
    const Article* a = r.find("vg-2");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Fjellvei stengt");
    EXPECT_EQ(a->body, "Veien over fjellet er stengt etter ras.");
    EXPECT_EQ(a->date, utc(2023, 10, 9));
    EXPECT_EQ(a->source, "vg");
    EXPECT_EQ(a->topics, (std::vector<std::string>{"Ras", "Vei"}));
}

TEST_F(JsonlMixed, GroverKeysAndNumericId) {
    const Article* a = r.find("17");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->date, utc(2019, 4, 19));
    EXPECT_EQ(a->source, "paper.example");
    EXPECT_EQ(a->authors, (std::vector<std::string>{"Cy Moor"}));
    const Article* b = r.find("mixed.jsonl:6");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->title, "Bridge reopens");
    EXPECT_EQ(b->date, utc(1994, 11, 15, 8, 12, 31));
}

TEST_F(JsonlMixed, WarningsNameTheLine) {
    EXPECT_TRUE(r.warned("line 5", "Missing a comma or '}'"));
    EXPECT_TRUE(r.warned("line 7", "no title or body"));
    EXPECT_TRUE(r.warned("line 8", "no text"));
    EXPECT_TRUE(r.warned("line 9", "not a JSON object"));
    EXPECT_TRUE(r.warned("line 10", "unreadable date"));
    for (const auto& w : r.warnings) EXPECT_EQ(w.file, "mixed.jsonl");
    // Skipped records are flagged (they count for --strict); kept ones are not.
    EXPECT_TRUE(r.skipped("line 5"));
    EXPECT_TRUE(r.skipped("line 7"));
    EXPECT_FALSE(r.skipped("line 8"));
    EXPECT_TRUE(r.skipped("line 9"));
    EXPECT_FALSE(r.skipped("line 10"));
    EXPECT_EQ(r.warnings.size(), 5u);
}

TEST_F(JsonlMixed, UnreadableDateKeepsTextAndArticle) {
    const Article* a = r.find("mixed.jsonl:10");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->date_text, "sometime in spring");
    EXPECT_FALSE(a->date.has_value());
}

TEST_F(JsonlMixed, NumericDateIsUnixTimeAndLastLineNeedsNoNewline) {
    const Article* a = r.find("mixed.jsonl:11");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Last line without newline");
    EXPECT_EQ(a->date, 1700000000);
}

TEST(JsonlReader, FieldOverridesWin) {
    ReaderOptions options;
    options.field_overrides = {{"body", "summary_only"}, {"id", "date"}};
    auto r = read_path(reader_fixture("jsonl/mixed.jsonl"), options);
    const Article* a = r.find("2020-01-01");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->body, "nothing to index here");
}

TEST(JsonlReader, DottedOverrideReachesNestedObjects) {
    test::TempDir dir;
    write_file(dir / "n.jsonl", R"({"meta": {"headline": "Deep title"}, "text": "b"})"
                                "\n");
    ReaderOptions options;
    options.field_overrides = {{"title", "meta.headline"}};
    auto r = read_path(dir / "n.jsonl", options);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Deep title");
}

TEST(JsonlReader, UnknownOverrideFieldIsUsageError) {
    ReaderOptions options;
    options.field_overrides = {{"headline", "title"}};
    EXPECT_THROW(read_path(reader_fixture("jsonl/mixed.jsonl"), options), UsageError);
}

TEST(JsonlReader, CompressedInputs) {
    for (const char* name :
         {"articles.jsonl.gz", "articles.jsonl.bz2", "articles.jsonl.xz", "articles.jsonl.zst"}) {
        auto path = reader_fixture(std::string("compressed/") + name);
        EXPECT_EQ(format_name(detect_format(path.string())), "jsonl") << name;
        auto r = read_path(path);
        EXPECT_EQ(r.ids(), (std::vector<std::string>{"z-1", "z-2"})) << name;
        EXPECT_TRUE(r.warnings.empty()) << name;
        ASSERT_FALSE(r.progress.empty()) << name;
        EXPECT_EQ(r.progress.back(), std::filesystem::file_size(path)) << name;
    }
}

TEST(JsonlReader, TruncatedGzipWarnsAndDoesNotThrow) {
    test::ReadResult r;
    EXPECT_NO_THROW(r = read_path(reader_fixture("compressed/truncated.jsonl.gz")));
    EXPECT_FALSE(r.warnings.empty());
}

TEST(JsonlReader, StandardInputIsJsonl) {
    test::TempDir dir;
    write_file(dir / "in", R"({"id": "s-1", "title": "From stdin", "body": "x"})"
                           "\n");
    int saved = ::dup(STDIN_FILENO);
    ASSERT_GE(saved, 0);
    int fd = ::open((dir / "in").c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    auto r = read_input(InputFile{"-", "stdin", 0});
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "s-1");
}

TEST(JsonlReader, CancelStopsBetweenRecords) {
    std::atomic<bool> cancelled{false};
    ReaderOptions options;
    std::vector<std::string> ids;
    ReadContext ctx{options,
                    [&](Article&& a) {
                        ids.push_back(a.id);
                        cancelled = true;
                    },
                    {},
                    {},
                    &cancelled};
    auto path = reader_fixture("jsonl/mixed.jsonl");
    read_file(InputFile{path.string(), "mixed.jsonl", 0}, ctx);
    EXPECT_EQ(ids, (std::vector<std::string>{"jl-1"}));
}

TEST(JsonlReader, LongFileReportsProgressAsItGoes) {
    test::TempDir dir;
    std::string data;
    for (int i = 0; i < 20000; ++i)
        data += R"({"title": "Record )" + std::to_string(i) +
                R"(", "body": "Some text here."})"
                "\n";
    write_file(dir / "big.jsonl", data);
    auto r = read_path(dir / "big.jsonl");
    EXPECT_EQ(r.articles.size(), 20000u);
    ASSERT_GT(r.progress.size(), 5u);  // every 64 KiB, not only at the end
    EXPECT_LT(r.progress.front(), data.size());
    EXPECT_EQ(r.progress.back(), data.size());
}

TEST(JsonlReader, GarbageLinesOnlyWarn) {
    test::TempDir dir;
    using namespace std::string_literals;
    std::string junk = "\x00\x01{\xff\xfe\n[[[[[[[[[[\n}}}}\n\"str\"\n"s;
    junk += std::string(200000, '[') + "\n";
    write_file(dir / "junk.jsonl", junk);
    test::ReadResult r;
    EXPECT_NO_THROW(r = read_path(dir / "junk.jsonl"));
    EXPECT_TRUE(r.articles.empty());
    EXPECT_GE(r.warnings.size(), 4u);
}

}  // namespace
}  // namespace newsdex
