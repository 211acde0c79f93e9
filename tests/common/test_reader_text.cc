// Plain-text reader: title detection, livedoor URL/date lines, BOM and CRLF.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_input;
using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

TEST(TextReader, TitleBlankLineBody) {
    auto r = read_path(reader_fixture("text/title_body.txt"));
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "title_body.txt");
    EXPECT_EQ(a.title, "Harbour cranes return to work after storm repairs");
    EXPECT_TRUE(a.body.starts_with("The three container cranes"));
    EXPECT_NE(a.body.find("\n\nPort officials"), std::string::npos);
    EXPECT_FALSE(a.body.ends_with("\n"));
    EXPECT_FALSE(a.date.has_value());
    EXPECT_TRUE(a.date_text.empty());
    EXPECT_TRUE(r.warnings.empty());
}

TEST(TextReader, LongFirstLineIsNoTitle) {
    auto r = read_path(reader_fixture("text/no_title.txt"));
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "");
    EXPECT_TRUE(r.articles[0].body.starts_with("Residents of the hill village"));
}

TEST(TextReader, ShortFirstLineWithoutBlankLineIsNoTitle) {
    test::TempDir dir;
    write_file(dir / "a.txt", "Tel Aviv - short opening line.\nMore text follows directly.\n");
    auto r = read_path(dir / "a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "");
    EXPECT_EQ(r.articles[0].body, "Tel Aviv - short opening line.\nMore text follows directly.");
}

TEST(TextReader, LivedoorUrlDateTitle) {
    auto r = read_path(reader_fixture("text/livedoor.txt"));
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.url, "https://news.example/article/detail/1234/");
    EXPECT_EQ(a.date_text, "2012-05-06T21:30:00+0900");
    EXPECT_EQ(a.date, utc(2012, 5, 6, 12, 30, 0));
    EXPECT_EQ(a.title, "港町の花火大会、三年ぶりに開催へ");
    EXPECT_TRUE(a.body.starts_with("港町の夏の花火大会"));
    EXPECT_NE(a.body.find('\n'), std::string::npos);  // two body lines
}

TEST(TextReader, BomAndCrlfAreUndone) {
    test::TempDir dir;
    write_file(dir / "w.txt", "\xEF\xBB\xBFWindows title\r\n\r\nBody one.\r\nBody two.\r\n");
    auto r = read_path(dir / "w.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Windows title");
    EXPECT_EQ(r.articles[0].body, "Body one.\nBody two.");
}

TEST(TextReader, IdIsTheNameGiven) {
    auto path = reader_fixture("text/title_body.txt");
    auto r = read_input(InputFile{path.string(), "news/2024/title_body.txt", 0});
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "news/2024/title_body.txt");
}

TEST(TextReader, EmptyAndBlankFilesWarn) {
    test::TempDir dir;
    write_file(dir / "empty.txt", "");
    write_file(dir / "blank.txt", "\n  \n\r\n");
    for (const char* name : {"empty.txt", "blank.txt"}) {
        auto r = read_path(dir / name);
        EXPECT_TRUE(r.articles.empty()) << name;
        EXPECT_TRUE(r.warned("", "empty file")) << name;
    }
}

TEST(TextReader, UnreadableDateLineIsText) {
    test::TempDir dir;
    // A date-looking first line that does not parse is not metadata.
    write_file(dir / "d.txt", "2023-13-45\n\nBody.\n");
    auto r = read_path(dir / "d.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "2023-13-45");
    EXPECT_FALSE(r.articles[0].date.has_value());
}

TEST(TextReader, BinaryGarbageDoesNotCrash) {
    test::TempDir dir;
    std::string junk;
    for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 131) % 256);
    write_file(dir / "junk.txt", junk);
    auto r = read_path(dir / "junk.txt");
    EXPECT_LE(r.articles.size(), 1u);
}

TEST(TextReader, MissingFileIsInputError) {
    EXPECT_THROW(read_input(InputFile{"/nonexistent/newsdex/x.txt", "x.txt", 0}), InputError);
}

}  // namespace
}  // namespace newsdex
