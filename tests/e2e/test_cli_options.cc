// Options every binary shares through common/cli_options: --version, and the
// range check of every numeric option of newsdex-search, newsdex-bench and
// newsdex-serve (exit 2, a message naming the option and its range, never an
// abort or a silently wrapped "-1").
#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "cli_options.h"
#include "errors.h"
#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

TEST(CliVersion, EveryBinaryPrintsItsNameAndVersion) {
    for (std::string tool : {"newsdex-index", "newsdex-search", "newsdex-bench", "newsdex-serve"}) {
        auto r = run_command(tool_path(tool), {"--version"});
        EXPECT_EQ(r.exit_code, 0) << tool << ": " << r.err;
        EXPECT_EQ(r.out.rfind(tool + " ", 0), 0u) << r.out;
        EXPECT_NE(r.out.find("Xapian "), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("analysis "), std::string::npos) << r.out;
        EXPECT_TRUE(r.err.empty()) << r.err;
    }
    auto sub = run_command(tool_path("newsdex-bench"), {"query", "--version"});
    EXPECT_EQ(sub.exit_code, 0);
    EXPECT_EQ(sub.out.rfind("newsdex-bench query ", 0), 0u) << sub.out;
}

TEST(CliVersion, HelpListsVersion) {
    auto r = run_command(tool_path("newsdex-search"), {"--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("--version"), std::string::npos) << r.out;
}

struct Row {
    const char* name;
    const char* tool;
    std::vector<std::string> args;
    const char* message;  ///< expected on stderr
};

std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.name; }

const Row kRows[] = {
    {"SearchLimitNegative",
     "newsdex-search",
     {"--limit", "-1", "x"},
     "--limit takes a whole number from 0 to 10000, not '-1'"},
    {"SearchLimitTooLarge",
     "newsdex-search",
     {"--limit", "10001", "x"},
     "--limit takes a whole number from 0 to 10000, not '10001'"},
    {"SearchLimitNotANumber", "newsdex-search", {"-n", "ten", "x"}, "not 'ten'"},
    {"SearchLimitExponent", "newsdex-search", {"--limit", "1e3", "x"}, "not '1e3'"},
    {"SearchOffsetNegative",
     "newsdex-search",
     {"--offset", "-5", "x"},
     "--offset takes a whole number from 0 to"},
    {"SearchOffsetHuge",
     "newsdex-search",
     {"--offset", "99999999999999999999", "x"},
     "--offset takes a whole number"},
    {"SearchSnippetCharsZero",
     "newsdex-search",
     {"--snippet-chars", "0", "x"},
     "--snippet-chars takes a whole number from 1 to 100000"},
    {"SearchSnippetCharsNegative",
     "newsdex-search",
     {"--snippet-chars", "-240", "x"},
     "--snippet-chars takes a whole number"},
    {"SearchFragmentsZero",
     "newsdex-search",
     {"--fragments", "0", "x"},
     "--fragments takes a whole number from 1 to 100"},
    {"SearchFragmentsTrailingJunk", "newsdex-search", {"--fragments", "2x", "x"}, "not '2x'"},
    {"SearchLimitAllOrNumber", "newsdex-search", {"--limit", "every", "x"}, "not 'every'"},
    {"SearchFacetSizeZero",
     "newsdex-search",
     {"--facet-size", "0", "x"},
     "--facet-size takes a whole number from 1 to 10000, not '0'"},
    {"BenchDedupExamplesNegative",
     "newsdex-bench",
     {"dedup", "--examples", "-1"},
     "--examples takes a whole number from 0 to 10000, not '-1'"},
    {"ServeThreadsNegative",
     "newsdex-serve",
     {"--threads", "-1"},
     "--threads takes a whole number from 1 to 256, not '-1'"},
    {"ServeMaxLimitZero",
     "newsdex-serve",
     {"--max-limit", "0"},
     "--max-limit takes a whole number from 1 to 10000, not '0'"},
    {"BenchQueryRunsZero",
     "newsdex-bench",
     {"query", "--queries", "q", "--runs", "0"},
     "--runs takes a whole number from 1 to 1000"},
    {"BenchQueryWarmupNegative",
     "newsdex-bench",
     {"query", "--queries", "q", "--warmup", "-1"},
     "--warmup takes a whole number from 0 to 1000"},
    {"BenchQueryThreadsHuge",
     "newsdex-bench",
     {"query", "--queries", "q", "--threads", "99999"},
     "--threads takes a whole number from 1 to 256"},
    {"BenchQueryLimitZero",
     "newsdex-bench",
     {"query", "--queries", "q", "--limit", "0"},
     "--limit takes a whole number from 1 to 10000"},
    {"BenchQueryTaskMsNegative",
     "newsdex-bench",
     {"query", "--queries", "q", "--task-ms", "-3"},
     "--task-ms takes a number from 1 to 60000"},
    {"BenchEvalLimitNegative",
     "newsdex-bench",
     {"eval", "--topics", "t", "--qrels", "q", "--limit", "-1"},
     "--limit takes a whole number from 1 to 100000"},
    {"BenchIndexJobsNegative",
     "newsdex-bench",
     {"index", "--db", "d", "--jobs", "-3", "in"},
     "--jobs takes a whole number from 0 to 256, not '-3'"},
    {"BenchIndexJobsHuge",
     "newsdex-bench",
     {"index", "--db", "d", "-j", "99999999", "in"},
     "--jobs takes a whole number from 0 to 256"},
    {"BenchIndexFlushNegative",
     "newsdex-bench",
     {"index", "--db", "d", "--flush", "-1", "in"},
     "--flush takes a whole number from 1 to"},
    {"BenchIndexSegmentDocsZero",
     "newsdex-bench",
     {"index", "--db", "d", "--segment-docs", "0", "in"},
     "--segment-docs takes a whole number from 1 to"},
    {"BenchGenArticlesNegative",
     "newsdex-bench",
     {"gen-corpus", "--from", "x", "--articles", "-1"},
     "--articles takes a whole number from 1 to"},
    {"BenchGenSeedNegative",
     "newsdex-bench",
     {"gen-corpus", "--from", "x", "--articles", "1", "--seed", "-1"},
     "--seed takes a whole number from 0 to"},
    {"BenchGenPoolZero",
     "newsdex-bench",
     {"gen-corpus", "--from", "x", "--articles", "1", "--pool", "0"},
     "--pool takes a whole number from 1 to"},
    {"BenchCompareThresholdNegative",
     "newsdex-bench",
     {"compare", "--threshold", "-1", "a", "b"},
     "--threshold takes a number from 0 to 1000, not '-1'"},
    {"BenchCompareThresholdNaN",
     "newsdex-bench",
     {"compare", "--threshold", "nan", "a", "b"},
     "--threshold takes a number"},
};

class NumericOption : public ::testing::TestWithParam<Row> {};

TEST_P(NumericOption, OutOfRangeIsAUsageErrorNamingTheRange) {
    const Row& row = GetParam();
    auto r = run_command(tool_path(row.tool), row.args);
    EXPECT_EQ(r.exit_code, kExitUsage) << r.err;
    EXPECT_NE(r.err.find(row.message), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Rows, NumericOption, ::testing::ValuesIn(kRows),
                         [](const auto& p) { return std::string(p.param.name); });

/// A database that cannot be used is named once, in the user's terms: no
/// Xapian exception names or backend messages, no blank line first, exit 3.
void expect_database_error(const test::CommandResult& r, const std::string& tool,
                           const std::string& message) {
    EXPECT_EQ(r.exit_code, kExitFailure) << r.err;
    EXPECT_EQ(r.err, tool + ": " + message + "\n");
    for (const char* internal : {"Xapian", "Error:", "Couldn't", "Bad line", "glass"})
        EXPECT_EQ(r.err.find(internal), std::string::npos) << r.err;
}

TEST(DatabaseErrors, SayWhatIsWrongWithoutXapianInternals) {
    test::TempDir dir;
    const std::string text_file = (dir / "passwd").string();
    std::ofstream(text_file) << "root:x:0:0:root:/root:/bin/bash\n";
    const std::string empty_dir = (dir / "empty").string();
    std::filesystem::create_directory(empty_dir);
    const std::string missing = (dir / "missing" / "path").string();
    std::ofstream(dir / "q.tsv") << "c\tx\n";

    for (const auto& [args_db, message] : std::vector<std::pair<std::string, std::string>>{
             {text_file, text_file + ": not a newsdex database"},
             {empty_dir, empty_dir + ": not a newsdex database (a directory without an index)"},
             {missing, missing + ": no such database"}}) {
        expect_database_error(run_command(tool_path("newsdex-search"), {"--db", args_db, "x"}),
                              "newsdex-search", message);
        expect_database_error(
            run_command(tool_path("newsdex-bench"),
                        {"query", "--db", args_db, "--queries", (dir / "q.tsv").string()}),
            "newsdex-bench query", message);
    }
}

TEST(DatabaseErrors, EmptyDbPathIsAUsageError) {
    for (const auto& [tool, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"newsdex-search", {"--db", "", "x"}},
             {"newsdex-index", {"--db", "", "input"}},
             {"newsdex-bench", {"query", "--db", "", "--queries", "q"}}}) {
        auto r = run_command(tool_path(tool), args);
        EXPECT_EQ(r.exit_code, kExitUsage) << tool << ": " << r.err;
        EXPECT_NE(r.err.find("--db takes a directory, not an empty string"), std::string::npos)
            << r.err;
    }
}

TEST(ParseWholeNumber, AcceptsTheRangeAndNothingElse) {
    EXPECT_EQ(cli::parse_whole_number("0", "n", 0, 10), 0);
    EXPECT_EQ(cli::parse_whole_number("10", "n", 0, 10), 10);
    EXPECT_EQ(cli::parse_whole_number("+7", "n", 0, 10), 7);
    for (const char* bad : {"", "-1", "11", "1.5", "1e1", " 5", "5 ", "0x5", "--5", "+"})
        EXPECT_THROW(cli::parse_whole_number(bad, "n", 0, 10), UsageError) << "'" << bad << "'";
}

TEST(ParseDecimal, AcceptsTheRangeAndNothingElse) {
    EXPECT_DOUBLE_EQ(cli::parse_decimal("2.5", "t", 0, 10), 2.5);
    EXPECT_DOUBLE_EQ(cli::parse_decimal("0", "t", 0, 10), 0);
    for (const char* bad : {"", "-0.1", "10.5", "inf", "nan", "1,5", "x"})
        EXPECT_THROW(cli::parse_decimal(bad, "t", 0, 10), UsageError) << "'" << bad << "'";
}

}  // namespace
}  // namespace newsdex
