// CSV reader: RFC 4180 quoting, CRLF, header detection, headerless label;text
// files (dialect sniffed or given), --field by column number, unbalanced quotes.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

std::string crlf(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

void expect_header_csv(const test::ReadResult& r, const std::string& name, bool crlf_input) {
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"c-1", "c-2", name + ":5", "c-4"}));
    const Article* a = r.find("c-1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Snow closes pass, again");
    EXPECT_EQ(a->body, "Drivers were turned back at the barrier, police said.");
    EXPECT_EQ(a->date, utc(2024, 1, 15));
    EXPECT_EQ(a->topics, (std::vector<std::string>{"weather"}));
    const Article* b = r.find("c-2");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->title, "The \"quiet\" budget");
    // The line break inside the quoted field is kept as written.
    EXPECT_EQ(b->body, crlf_input ? "Line one of the body.\r\nLine two of the body."
                                  : "Line one of the body.\nLine two of the body.");
    EXPECT_EQ(b->date, utc(2024, 1, 15));
    const Article* c = r.find(name + ":5");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->title, "No id here");
    EXPECT_TRUE(c->topics.empty());
    const Article* d = r.find("c-4");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->title, "Title only");
    EXPECT_EQ(d->body, "");
    EXPECT_TRUE(d->date_text.empty());
    EXPECT_TRUE(r.warnings.empty());
}

TEST(CsvReader, HeaderQuotesAndEmbeddedNewline) {
    expect_header_csv(read_path(reader_fixture("csv/header.csv")), "header.csv", false);
}

TEST(CsvReader, CrlfLineEnds) {
    test::TempDir dir;
    std::ifstream in(reader_fixture("csv/header.csv"), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    write_file(dir / "win.csv", crlf(text));
    expect_header_csv(read_path(dir / "win.csv"), "win.csv", true);
}

void expect_labels(const test::ReadResult& r) {
    ASSERT_EQ(r.articles.size(), 4u);
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"labels.csv:1", "labels.csv:2", "labels.csv:3",
                                                 "labels.csv:4"}));
    EXPECT_EQ(r.articles[0].topics, (std::vector<std::string>{"Sport"}));
    EXPECT_EQ(r.articles[0].body, "Kicker gewinnt das Derby knapp");
    EXPECT_EQ(r.articles[1].body, "Firma A; Firma B fusionieren");
    EXPECT_EQ(r.articles[2].body, "Das 'neue' Museum öffnet");
    EXPECT_EQ(r.articles[3].body, "Ein Satz mit \"Zitat\" darin.");
    EXPECT_EQ(r.articles[3].topics, (std::vector<std::string>{"Web"}));
    EXPECT_EQ(r.articles[0].title, "");
}

TEST(CsvReader, HeaderlessLabelTextDialectIsSniffed) {
    expect_labels(read_path(reader_fixture("csv/labels.csv")));
}

TEST(CsvReader, HeaderlessLabelTextDialectGiven) {
    ReaderOptions options;
    options.csv_delimiter = ';';
    options.csv_quote = '\'';
    expect_labels(read_path(reader_fixture("csv/labels.csv"), options));
}

TEST(CsvReader, FieldsByColumnNumber) {
    ReaderOptions options;
    options.field_overrides = {{"title", "1"}, {"body", "2"}, {"topics", "3"}};
    auto r = read_path(reader_fixture("csv/labels.csv"), options);
    ASSERT_EQ(r.articles.size(), 4u);
    EXPECT_EQ(r.articles[0].title, "Sport");
    EXPECT_EQ(r.articles[0].body, "Kicker gewinnt das Derby knapp");
    EXPECT_TRUE(r.articles[0].topics.empty());  // column 3 does not exist
}

TEST(CsvReader, OverrideByHeaderName) {
    test::TempDir dir;
    write_file(dir / "h.csv", "key,heading,story,when\nk1,Heading,Story text,2020-02-02\n");
    ReaderOptions options;
    options.field_overrides = {{"id", "key"}, {"title", "heading"}, {"date", "when"}};
    auto r = read_path(dir / "h.csv", options);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "k1");
    EXPECT_EQ(r.articles[0].title, "Heading");
    EXPECT_EQ(r.articles[0].body, "Story text");  // "story" is a default body key
    EXPECT_EQ(r.articles[0].date, utc(2020, 2, 2));
}

TEST(CsvReader, UnbalancedQuoteDropsTheRecordAndSaysWhere) {
    auto r = read_path(reader_fixture("csv/unbalanced.csv"));
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"u-1"}));
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].record, "line 3");
    EXPECT_TRUE(r.warnings[0].record_skipped);
    EXPECT_NE(r.warnings[0].message.find("never closed"), std::string::npos);
}

TEST(CsvReader, TsvUsesTabs) {
    test::TempDir dir;
    write_file(dir / "t.tsv", "id\ttitle\ttext\nt-1\tTab title\tTab, separated; body\n");
    auto r = read_path(dir / "t.tsv");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "t-1");
    EXPECT_EQ(r.articles[0].body, "Tab, separated; body");
}

TEST(CsvReader, BlankRowsAndUnreadableDates) {
    test::TempDir dir;
    write_file(dir / "b.csv",
               "\xEF\xBB\xBFtitle,date,body\n\nA,not a date,Text\nB,2021-05-05,\n,,\n");
    auto r = read_path(dir / "b.csv");
    ASSERT_EQ(r.articles.size(), 3u);
    EXPECT_EQ(r.articles[0].date_text, "not a date");
    EXPECT_FALSE(r.articles[0].date.has_value());
    EXPECT_TRUE(r.warned("line 3", "unreadable date"));
    EXPECT_TRUE(r.warned("line 5", "no text"));  // the ",," row has blank cells
}

TEST(CsvReader, GarbageDoesNotCrash) {
    test::TempDir dir;
    std::string junk;
    for (int i = 0; i < 50000; ++i) junk += static_cast<char>((i * 31 + 7) % 256);
    write_file(dir / "junk.csv", junk);
    EXPECT_NO_THROW(read_path(dir / "junk.csv"));
    write_file(dir / "empty.csv", "");
    EXPECT_TRUE(read_path(dir / "empty.csv").articles.empty());
}

}  // namespace
}  // namespace newsdex
