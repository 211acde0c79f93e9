// SMART (TIME-style) reader.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

TEST(SmartReader, DocumentsWithRegularAndIrregularHeaders) {
    auto path = reader_fixture("smart/MINI.ALL");
    EXPECT_EQ(format_name(detect_format(path.string())), "smart");
    auto r = read_path(path);
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"017", "431", "557"}));
    EXPECT_TRUE(r.warnings.empty());
    ASSERT_EQ(r.articles.size(), 3u);
    EXPECT_EQ(r.articles[0].body, "FIRST DOCUMENT LINE ONE\nFIRST DOCUMENT LINE TWO");
    EXPECT_EQ(r.articles[0].title, "");
    EXPECT_EQ(r.articles[0].date_text, "01/04/63");
    EXPECT_EQ(r.articles[0].date, utc(1963, 1, 4));
    EXPECT_EQ(r.articles[1].date_text, "08/30 63");
    EXPECT_EQ(r.articles[1].date, utc(1963, 8, 30));
    EXPECT_EQ(r.articles[2].date, utc(1963, 12, 27));
    EXPECT_EQ(r.articles[2].body, "THIRD DOCUMENT, EXTRA SPACES IN THE HEADER");
}

TEST(SmartReader, QueryFileIsNotACorpus) {
    auto path = reader_fixture("smart/MINI.QUE");
    EXPECT_EQ(format_name(detect_format(path.string())), "auto");
    EXPECT_THROW(read_path(path), InputError);  // format cannot be told
    ReaderOptions options;
    options.format = parse_format("smart");
    auto r = read_path(path, options);
    EXPECT_TRUE(r.articles.empty());
    EXPECT_TRUE(r.warned("", "no *TEXT"));
}

TEST(SmartReader, OddInput) {
    test::TempDir dir;
    // No *STOP, a header without number or date, a text line starting with '*'.
    write_file(dir / "ODD", "*TEXT\n\n*FOOTNOTE LINE\n*TEXT 9 99/99/99 PAGE 1\nX\n");
    auto r = read_path(dir / "ODD");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].id, "ODD#1");
    EXPECT_EQ(r.articles[0].body, "*FOOTNOTE LINE");
    EXPECT_EQ(r.articles[1].id, "9");
    EXPECT_EQ(r.articles[1].date_text, "99/99/99");
    EXPECT_FALSE(r.articles[1].date.has_value());
    EXPECT_TRUE(r.warned("line 1", "without a document number"));
    EXPECT_TRUE(r.warned("line 4", "unreadable date"));
}

}  // namespace
}  // namespace newsdex
