// TREC SGML reader.

#include <gtest/gtest.h>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::read_path;
using test::reader_fixture;
using test::utc;
using test::write_file;

class TrecDocs : public ::testing::Test {
  protected:
    void SetUp() override { r = read_path(reader_fixture("trec/docs.trec")); }
    test::ReadResult r;
};

TEST_F(TrecDocs, Ids) {
    EXPECT_EQ(r.ids(),
              (std::vector<std::string>{"TST-0001", "TST-0002", "docs.trec#3", "TST-0004"}));
}

TEST_F(TrecDocs, HeadlineDateBylineAndTextBlocks) {
    const Article* a = r.find("TST-0001");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Dock workers vote on pay deal");
    EXPECT_EQ(a->date_text, "Tue, 05 Mar 2024 09:30:00 +0100");
    EXPECT_EQ(a->date, utc(2024, 3, 5, 8, 30, 0));
    EXPECT_EQ(a->authors, (std::vector<std::string>{"Rui Costa"}));
    EXPECT_EQ(a->body,
              "Members of the dock union voted on Monday.\n\n"
              "The result is due on Friday & will be binding.\n\nSecond text block.");
}

TEST_F(TrecDocs, HlAndDdVariants) {
    const Article* a = r.find("TST-0002");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Canal reopens <update>");
    EXPECT_EQ(a->date, utc(2023, 4, 12));
    EXPECT_EQ(a->body, "The canal reopened to barges.");
}

TEST_F(TrecDocs, ProblemsAreWarnedAbout) {
    EXPECT_TRUE(r.warned("document 3", "no DOCNO"));
    EXPECT_TRUE(r.warned("DOCNO=TST-0004", "not closed"));
    const Article* cut = r.find("TST-0004");
    ASSERT_NE(cut, nullptr);
    EXPECT_EQ(cut->body, "This document is cut off before its end tag.");
}

TEST(TrecReader, SniffedAndEmpty) {
    test::TempDir dir;
    write_file(dir / "fr940104.0", "<DOC>\n<DOCNO>FR-1</DOCNO>\n<TEXT>Rule text.</TEXT>\n</DOC>\n");
    EXPECT_EQ(format_name(detect_format((dir / "fr940104.0").string())), "trec");
    EXPECT_EQ(read_path(dir / "fr940104.0").ids(), (std::vector<std::string>{"FR-1"}));
    write_file(dir / "empty.trec", "");
    auto empty = read_path(dir / "empty.trec");
    EXPECT_TRUE(empty.articles.empty());
    EXPECT_TRUE(empty.warned("", "no <DOC>"));
    write_file(dir / "hollow.trec", "<DOC><DOCNO>H-1</DOCNO></DOC>");
    auto hollow = read_path(dir / "hollow.trec");
    EXPECT_TRUE(hollow.articles.empty());
    EXPECT_TRUE(hollow.warned("DOCNO=H-1", "no headline or text"));
}

}  // namespace
}  // namespace newsdex
