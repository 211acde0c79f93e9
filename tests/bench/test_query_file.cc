// Query/topic file parsing: tabs, comments, blank lines, and errors that name the line.
#include <gtest/gtest.h>

#include <sstream>

#include "errors.h"
#include "query_file.h"

namespace newsdex::bench {
namespace {

std::vector<QueryLine> parse(const std::string& text) {
    std::istringstream in(text);
    return parse_query_lines(in, "queries.tsv");
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

TEST(QueryFile, LabelsTextsAndLineNumbers) {
    auto q = parse(
        "# a comment\n\nrare\tsorghum\n  # indented comment\nphrase2\t\"wheat prices\"\r\n"
        "any\t  oil   gas \t\n");
    ASSERT_EQ(q.size(), 3u);
    EXPECT_EQ(q[0].label, "rare");
    EXPECT_EQ(q[0].text, "sorghum");
    EXPECT_EQ(q[0].line, 3u);
    EXPECT_EQ(q[1].label, "phrase2");
    EXPECT_EQ(q[1].text, "\"wheat prices\"") << "CR stripped, quotes kept";
    EXPECT_EQ(q[1].line, 5u);
    EXPECT_EQ(q[2].text, "oil   gas") << "trimmed, inner spacing kept";
}

TEST(QueryFile, OnlyTheFirstTabSeparates) {
    auto q = parse("date\tdate:1987-03\toil\n");
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].text, "date:1987-03\toil");
}

TEST(QueryFile, WhitespaceOnlyLinesAreBlank) {
    EXPECT_TRUE(parse(" \t \n\n").empty());
    EXPECT_TRUE(parse("").empty());
}

TEST(QueryFile, MissingTabIsAnErrorNamingTheLine) {
    std::string e = error_of("rare\tsorghum\n\nmedium wheat\n");
    EXPECT_NE(e.find("queries.tsv:3"), std::string::npos) << e;
    EXPECT_NE(e.find("no tab"), std::string::npos) << e;
    EXPECT_NE(e.find("medium wheat"), std::string::npos) << e;
}

TEST(QueryFile, EmptyLabelOrQueryIsAnError) {
    EXPECT_NE(error_of("\tsorghum\n").find("queries.tsv:1: empty label"), std::string::npos);
    EXPECT_NE(error_of("ok\tx\nrare\t  \n").find("queries.tsv:2: empty query"), std::string::npos);
}

TEST(QueryFile, UnreadableFile) {
    EXPECT_THROW(read_query_file("/nonexistent/queries.tsv"), UsageError);
}

}  // namespace
}  // namespace newsdex::bench
