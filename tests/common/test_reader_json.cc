// JSON reader: arrays streamed element by element, single and concatenated
// objects, syntax errors (keep what was read), hostile input, zip members.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

TEST(JsonReader, ArrayElementsBecomeArticles) {
    auto r = read_path(reader_fixture("json/array.json"));
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"a-1", "array.json#2", "array.json#4"}));
    const Article* a = r.find("a-1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Ferry timetable changes");
    EXPECT_EQ(a->body, "Winter sailings start on the first of November.");
    EXPECT_EQ(a->date, utc(2015, 7, 23, 19, 28, 17));
    EXPECT_EQ(a->source, "Isle Post");
    const Article* b = r.find("array.json#2");
    ASSERT_NE(b, nullptr);
    EXPECT_TRUE(b->authors.empty());  // "author": "" is no author
    EXPECT_EQ(b->date, utc(2023, 10, 9));
    const Article* c = r.find("array.json#4");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->body, "First paragraph.\n\nSecond paragraph.");
    EXPECT_EQ(c->topics, (std::vector<std::string>{"local", "culture"}));
    EXPECT_TRUE(r.warned("element 3", "not a JSON object"));
    EXPECT_EQ(r.warnings.size(), 1u);
}

TEST(JsonReader, SyntaxErrorKeepsEarlierElementsAndNamesTheByte) {
    auto r = read_path(reader_fixture("json/broken.json"));
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"b-1", "b-2"}));
    ASSERT_EQ(r.warnings.size(), 1u);
    const Diagnostic& w = r.warnings[0];
    EXPECT_EQ(w.file, "broken.json");
    // The error is at the missing comma after "Third" on line 4.
    std::string text =
        "[\n  {\"id\": \"b-1\", \"title\": \"First\", \"body\": \"One.\"},\n"
        "  {\"id\": \"b-2\", \"title\": \"Second\", \"body\": \"Two.\"},\n"
        "  {\"id\": \"b-3\", \"title\": \"Third\" ";
    EXPECT_EQ(w.record, "byte " + std::to_string(text.size()));
    EXPECT_NE(w.message.find("rest of the file"), std::string::npos);
    EXPECT_TRUE(w.record_skipped);
}

TEST(JsonReader, SingleAndConcatenatedObjects) {
    test::TempDir dir;
    write_file(dir / "one.json", R"({"title": "Only", "body": "x"})");
    write_file(dir / "many.json",
               "{\"title\": \"A\", \"body\": \"x\"}\n{\"title\": \"B\", "
               "\"body\": \"y\"}\n");
    EXPECT_EQ(read_path(dir / "one.json").ids(), (std::vector<std::string>{"one.json#1"}));
    EXPECT_EQ(read_path(dir / "many.json").ids(),
              (std::vector<std::string>{"many.json#1", "many.json#2"}));
}

TEST(JsonReader, BomEmptyAndScalarFiles) {
    test::TempDir dir;
    write_file(dir / "bom.json", "\xEF\xBB\xBF[{\"title\": \"T\", \"body\": \"B\"}]");
    write_file(dir / "empty.json", "");
    write_file(dir / "scalar.json", "42");
    EXPECT_EQ(read_path(dir / "bom.json").articles.size(), 1u);
    auto empty = read_path(dir / "empty.json");
    EXPECT_TRUE(empty.articles.empty());
    auto scalar = read_path(dir / "scalar.json");
    EXPECT_TRUE(scalar.articles.empty());
    EXPECT_FALSE(scalar.warnings.empty());
}

TEST(JsonReader, HostileNestingAndGarbage) {
    test::TempDir dir;
    write_file(dir / "deep.json", std::string(1'000'000, '['));
    write_file(dir / "deepobj.json", "[" + std::string(100'000, '{'));
    std::string garbage;
    for (int i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919) % 256);
    write_file(dir / "garbage.json", garbage);
    for (const char* name : {"deep.json", "deepobj.json", "garbage.json"}) {
        test::ReadResult r;
        EXPECT_NO_THROW(r = read_path(dir / name)) << name;
        EXPECT_TRUE(r.articles.empty()) << name;
        EXPECT_FALSE(r.warnings.empty()) << name;
    }
}

TEST(JsonReader, LargeArrayIsStreamed) {
    // 3 MB array: progress arrives while elements are still being emitted,
    // which only happens when the file is not read in one piece.
    test::TempDir dir;
    std::string data = "[\n";
    for (int i = 0; i < 20000; ++i) {
        if (i) data += ",\n";
        data += R"(  {"title": "Element )" + std::to_string(i) + R"(", "content": ")" +
                std::string(120, 'x') + "\"}";
    }
    data += "\n]\n";
    write_file(dir / "big.json", data);

    ReaderOptions options;
    std::size_t emitted = 0;
    std::vector<std::size_t> emitted_at_progress;
    ReadContext ctx{options,
                    [&](Article&&) { ++emitted; },
                    {},
                    [&](std::uint64_t) { emitted_at_progress.push_back(emitted); }};
    read_file(InputFile{(dir / "big.json").string(), "big.json", data.size()}, ctx);
    EXPECT_EQ(emitted, 20000u);
    ASSERT_GT(emitted_at_progress.size(), 10u);
    EXPECT_GT(emitted_at_progress[emitted_at_progress.size() / 2], 0u);
    EXPECT_LT(emitted_at_progress[emitted_at_progress.size() / 2], 20000u);
}

TEST(JsonReader, ZipMembersReadByTheirOwnNames) {
    auto path = reader_fixture("compressed/bundle.zip");
    EXPECT_EQ(format_name(detect_format(path.string())), "json");
    auto r = read_path(path);
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"bundle.zip!day1.json#1", "bundle.zip!day1.json#2",
                                                 "n-1"}));
    EXPECT_EQ(r.find("n-1")->body, "From the second member.");
    bool readme = false, dtd = false;
    for (const auto& w : r.warnings) {
        if (w.file == "bundle.zip!README.txt") readme = true;
        if (w.file == "bundle.zip!table.dtd") dtd = true;
        EXPECT_EQ(w.file.find(".DS_Store"), std::string::npos);
    }
    EXPECT_TRUE(readme);
    EXPECT_TRUE(dtd);
    EXPECT_EQ(r.progress.back(), std::filesystem::file_size(path));
}

TEST(JsonReader, ForcedFormatAppliesToZipMembers) {
    ReaderOptions options;
    options.format = parse_format("jsonl");
    auto r = read_path(reader_fixture("compressed/bundle.zip"), options);
    // day1.json is pretty-printed: as JSONL its lines are not objects.
    EXPECT_NE(r.find("n-1"), nullptr);
    EXPECT_FALSE(r.warnings.empty());
}

TEST(JsonReader, NotAZipWarns) {
    test::TempDir dir;
    write_file(dir / "fake.zip", "this is not a zip archive at all");
    test::ReadResult r;
    EXPECT_NO_THROW(r = read_path(dir / "fake.zip"));
    EXPECT_TRUE(r.articles.empty());
    EXPECT_FALSE(r.warnings.empty());
}

}  // namespace
}  // namespace newsdex
