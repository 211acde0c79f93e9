// Reuters-21578 reader and the SGML entity decoder it relies on.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"
#include "readers/sgml_entities.h"

namespace newsdex {
namespace {

using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

class ReutersMini : public ::testing::Test {
  protected:
    void SetUp() override { r = read_path(reader_fixture("reuters/mini.sgm")); }
    test::ReadResult r;
};

TEST_F(ReutersMini, EveryRecordIsEmitted) {
    EXPECT_EQ(r.ids(), (std::vector<std::string>{"1", "2", "3", "4"}));
    for (const auto& a : r.articles) EXPECT_EQ(a.source, "Reuters");
}

TEST_F(ReutersMini, NormalRecord) {
    const Article* a = r.find("1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "PRAIRIE WHEAT STOCKS <PWS> RISE");
    EXPECT_TRUE(a->body.starts_with("REGINA, Feb 26 - Wheat stocks held by the\nprairie pool"));
    EXPECT_NE(a->body.find("Farmers & traders"), std::string::npos);
    // &#3; is decoded to its control byte; the sanitizer, not the reader, drops it.
    EXPECT_NE(a->body.find('\x03'), std::string::npos);
    EXPECT_EQ(a->date_text, "26-FEB-1987 15:01:01.79");
    EXPECT_EQ(a->date, utc(1987, 2, 26, 15, 1, 1));
    EXPECT_EQ(a->topics, (std::vector<std::string>{"grain", "wheat"}));
    EXPECT_EQ(a->places, (std::vector<std::string>{"canada"}));
}

TEST_F(ReutersMini, BriefRecordHasTitleOnly) {
    const Article* a = r.find("2");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "LONDON TIN MARKET CLOSED FOR HOLIDAY");
    EXPECT_EQ(a->body, "");
    EXPECT_EQ(a->date, utc(1987, 4, 3, 7, 9, 6));  // leading space in <DATE>
    EXPECT_TRUE(a->topics.empty());
}

TEST_F(ReutersMini, UnprocRawTextIsTheBody) {
    const Article* a = r.find("3");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "");
    EXPECT_NE(a->body.find("Raw wire text about copper prices\nwith no markup inside."),
              std::string::npos);
    // Wire routing codes after the date are not part of it.
    EXPECT_EQ(a->date_text, "27-MAR-1987 00:02:59.13");
    EXPECT_EQ(a->date, utc(1987, 3, 27, 0, 2, 59));
}

TEST_F(ReutersMini, EmptyRecordIsKeptAndWarnedAbout) {
    const Article* a = r.find("4");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->date_text, "31-MAR-1987 605:12:19.12");
    EXPECT_FALSE(a->date.has_value());
    EXPECT_TRUE(r.warned("NEWID=4", "no text"));
    EXPECT_TRUE(r.warned("NEWID=4", "unreadable date"));
    EXPECT_EQ(r.warnings.size(), 2u);
    EXPECT_FALSE(r.skipped("NEWID=4"));  // kept, not skipped
}

TEST(ReutersReader, SniffedWithoutExtension) {
    test::TempDir dir;
    std::filesystem::copy_file(reader_fixture("reuters/mini.sgm"), dir / "reut2-mini");
    EXPECT_EQ(format_name(detect_format((dir / "reut2-mini").string())), "reuters");
    EXPECT_EQ(read_path(dir / "reut2-mini").articles.size(), 4u);
}

TEST(ReutersReader, TruncatedFileKeepsTheLastRecordAndWarns) {
    test::TempDir dir;
    write_file(dir / "cut.sgm",
               "<REUTERS NEWID=\"9\">\n<DATE>1-MAR-1987 01:02:03.00</DATE>\n<TEXT>\n"
               "<TITLE>CUT</TITLE><BODY>Text that stops");
    auto r = read_path(dir / "cut.sgm");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "9");
    EXPECT_EQ(r.articles[0].body, "Text that stops\n");
    EXPECT_TRUE(r.warned("NEWID=9", "not closed"));
}

TEST(ReutersReader, NoRecordsAndMissingNewid) {
    test::TempDir dir;
    write_file(dir / "none.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n");
    auto none = read_path(dir / "none.sgm");
    EXPECT_TRUE(none.articles.empty());
    EXPECT_TRUE(none.warned("", "no <REUTERS>"));
    write_file(dir / "noid.sgm", "<REUTERS><TEXT><TITLE>T</TITLE></TEXT></REUTERS>");
    auto noid = read_path(dir / "noid.sgm");
    ASSERT_EQ(noid.articles.size(), 1u);
    EXPECT_EQ(noid.articles[0].id, "noid.sgm#1");
    EXPECT_EQ(noid.articles[0].title, "T");
}

struct EntityCase {
    std::string input;
    std::string expected;
};

class SgmlEntities : public ::testing::TestWithParam<EntityCase> {};

TEST_P(SgmlEntities, Decodes) {
    EXPECT_EQ(readers::decode_sgml_entities(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SgmlEntities,
    ::testing::Values(EntityCase{"a &lt;b&gt; &amp; c", "a <b> & c"},
                      EntityCase{"&quot;q&quot; &apos;", "\"q\" '"},
                      EntityCase{"&#5;&#30;x", std::string("\x05\x1e") + "x"},
                      EntityCase{"&#127;", "\x7f"}, EntityCase{"&#x41;&#X42;", "AB"},
                      EntityCase{"&#233;", "\xC3\xA9"}, EntityCase{"&nbsp;", "\xC2\xA0"},
                      EntityCase{"&#150;", "\xE2\x80\x93"},  // Windows-1252 en dash
                      EntityCase{"&#5 x", std::string("\x05") + " x"},
                      EntityCase{"&#x1F600;", "\xF0\x9F\x98\x80"},
                      EntityCase{"&#0;", "\xEF\xBF\xBD"}, EntityCase{"&#xD800;", "\xEF\xBF\xBD"},
                      EntityCase{"AT&T &unknown; &", "AT&T &unknown; &"},
                      EntityCase{"&#;&#x;", "&#;&#x;"}, EntityCase{"", ""}));

}  // namespace
}  // namespace newsdex
