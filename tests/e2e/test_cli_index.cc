// newsdex-index as users run it: exit codes, messages, summary, re-runs.
#include <gtest/gtest.h>

#include <fstream>

#include <xapian.h>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

std::vector<std::string> with_sample(std::vector<std::string> args) {
    for (const char* sub : {"text", "jsonl", "csv", "trec"})
        args.push_back((test::source_dir() / "corpus" / sub).string());
    return args;
}

TEST(CliIndex, IndexesTheSampleCorpusWithASummaryLine) {
    test::TempDir tmp;
    auto r = run_command(tool_path("newsdex-index"), with_sample({"--db", (tmp / "db").string()}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("indexed 30 articles (30 added, 0 updated, 0 unchanged, 0 skipped)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("articles/s"), std::string::npos);
    EXPECT_EQ(r.err.find("\r"), std::string::npos)
        << "no progress bar when stderr is not a terminal";

    auto again =
        run_command(tool_path("newsdex-index"), with_sample({"--db", (tmp / "db").string()}));
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.err.find("(0 added, 0 updated, 30 unchanged, 0 skipped)"), std::string::npos)
        << again.err;
    EXPECT_EQ(Xapian::Database((tmp / "db").string()).get_doccount(), 30u);
}

TEST(CliIndex, DefaultDatabaseComesFromTheEnvironment) {
    test::TempDir tmp;
    std::string db = (tmp / "from-env.db").string();
    setenv("NEWSDEX_DB", db.c_str(), 1);
    auto r = run_command(tool_path("newsdex-index"),
                         {"--quiet", (test::source_dir() / "corpus" / "trec").string()});
    unsetenv("NEWSDEX_DB");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(Xapian::Database(db).get_doccount(), 0u);
}

TEST(CliIndex, JsonlOnStandardInput) {
    test::TempDir tmp;
    auto r = run_command(tool_path("newsdex-index"), {"--db", (tmp / "db").string(), "-"},
                         "{\"id\":\"s1\",\"title\":\"From a pipe\",\"body\":\"streamed text\"}\n");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Xapian::Database((tmp / "db").string()).get_termfreq("streamed"), 1u);
}

TEST(CliIndex, UsageErrorsExitTwo) {
    test::TempDir tmp;
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--db", (tmp / "db").string()},  // no input
             {"--format", "docx", "x"},        // unknown format
             {"--field", "nonsense", "x"},     // malformed --field
             {"--no-such-option", "x"},
             {"--db", (tmp / "db").string(), (tmp / "missing").string()},  // no input exists
         }) {
        auto r = run_command(tool_path("newsdex-index"), args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("newsdex-index: "), std::string::npos);
    }
}

TEST(CliIndex, NumericOptionsOutOfRangeExitTwoAndCreateNothing) {
    // Issue 11 item 1: "--jobs -3" aborted (exit 134) leaving an empty
    // database and a scratch directory; "--flush -1" was accepted.
    const std::vector<std::vector<std::string>> bad = {
        {"--jobs", "-3"},
        {"-j", "-1"},
        {"--jobs", "99999999"},
        {"--jobs", "0"},
        {"--jobs", "257"},
        {"--jobs", "two"},
        {"--jobs", "2x"},
        {"--jobs", ""},
        {"--flush", "-1"},
        {"--flush", "0"},
        {"--flush", "1e3"},
        {"--flush", "99999999999"},
        {"--segment-docs", "-5"},
        {"--segment-docs", "0"},
        {"--segment-docs", "4294967296"},
        {"--shards", "0"},
        {"--shards", "257"},
    };
    for (const auto& flag : bad) {
        test::TempDir tmp;
        std::vector<std::string> args = flag;
        args.insert(args.end(), {"--db", (tmp / "j.db").string()});
        auto r = run_command(tool_path("newsdex-index"), with_sample(args));
        EXPECT_EQ(r.exit_code, 2) << flag[0] << " " << flag[1] << ": " << r.err;
        EXPECT_NE(
            r.err.find("newsdex-index: " + (flag[0] == "-j" ? std::string("--jobs") : flag[0]) +
                       " takes a whole number from "),
            std::string::npos)
            << r.err;
        EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
        EXPECT_TRUE(std::filesystem::is_empty(tmp.path()))
            << flag[0] << " " << flag[1] << ": nothing is created";
    }
    // The bounds themselves are accepted.
    test::TempDir tmp;
    auto r = run_command(tool_path("newsdex-index"),
                         with_sample({"--jobs", "1", "--flush", "1", "--segment-docs", "100000000",
                                      "--db", (tmp / "db").string()}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliIndex, AnEmptyDatabasePathIsAUsageError) {
    test::TempDir tmp;
    // Before the fix '' silently meant the default database: keep it here.
    setenv("NEWSDEX_DB", (tmp / "default.db").c_str(), 1);
    auto r = run_command(tool_path("newsdex-index"), with_sample({"--db", ""}));
    unsetenv("NEWSDEX_DB");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(std::filesystem::exists(tmp / "default.db"));
    EXPECT_NE(r.err.find("--db takes a directory"), std::string::npos) << r.err;
}

TEST(CliIndex, AMissingInputIsNamedOnce) {
    test::TempDir tmp;
    auto r = run_command(tool_path("newsdex-index"),
                         with_sample({"--db", (tmp / "db").string(), "/nonexistent/path"}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("newsdex-index: warning: /nonexistent/path: no such file or directory\n"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("/nonexistent/path: /nonexistent/path"), std::string::npos) << r.err;
}

TEST(CliIndex, UnknownLanguageIsAUsageErrorListingTheSupportedOnes) {
    test::TempDir tmp;
    auto r = run_command(tool_path("newsdex-index"),
                         with_sample({"--lang", "klingon", "--db", (tmp / "db").string()}));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--lang: unknown language 'klingon'; supported: "), std::string::npos)
        << r.err;
    for (const char* code : {" de", " en", " fr", " ja", " ru", " zh"})
        EXPECT_NE(r.err.find(code), std::string::npos) << code << " listed:\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(tmp / "db"));
    // Codes, names and regional variants are accepted.
    for (const char* lang : {"de", "English", "pt-BR", "ja", "german2"}) {
        auto ok = run_command(tool_path("newsdex-index"),
                              {"--quiet", "--lang", lang, "--db", (tmp / lang).string(),
                               (test::source_dir() / "corpus" / "jsonl").string()});
        EXPECT_EQ(ok.exit_code, 0) << lang << ": " << ok.err;
    }
}

TEST(CliIndex, NotADatabaseIsSaidPlainlyWithoutXapianInternals) {
    test::TempDir tmp;
    std::ofstream(tmp / "passwd") << "root:x:0:0:root:/root:/bin/bash\n";
    auto r =
        run_command(tool_path("newsdex-index"), with_sample({"--db", (tmp / "passwd").string()}));
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(r.err, "newsdex-index: " + (tmp / "passwd").string() + ": not a newsdex database\n");
}

TEST(CliIndex, SecondWriterExitsThreeNamingTheLock) {
    test::TempDir tmp;
    Xapian::WritableDatabase holder((tmp / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    auto r = run_command(tool_path("newsdex-index"), with_sample({"--db", (tmp / "db").string()}));
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find((tmp / "db").string()), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1)
        << "one line of reason, not a dump:\n"
        << r.err;
}

TEST(CliIndex, StrictFailsWhenARecordWasSkipped) {
    test::TempDir tmp;
    std::ofstream(tmp / "bad.jsonl") << "{\"id\":\"1\",\"body\":\"fine\"}\nnot json\n";
    auto lenient = run_command(tool_path("newsdex-index"),
                               {"--db", (tmp / "a").string(), (tmp / "bad.jsonl").string()});
    EXPECT_EQ(lenient.exit_code, 0);
    EXPECT_NE(lenient.err.find("bad.jsonl: line 2"), std::string::npos) << lenient.err;
    EXPECT_NE(lenient.err.find("1 skipped"), std::string::npos) << lenient.err;
    auto strict = run_command(tool_path("newsdex-index"), {"--strict", "--db", (tmp / "b").string(),
                                                           (tmp / "bad.jsonl").string()});
    EXPECT_EQ(strict.exit_code, 1);
    EXPECT_EQ(Xapian::Database((tmp / "b").string()).get_doccount(), 1u)
        << "the good record is kept";
}

TEST(CliIndex, UnwritableDatabaseExitsThree) {
    if (geteuid() == 0) GTEST_SKIP() << "root can write anywhere";
    auto r = run_command(tool_path("newsdex-index"), with_sample({"--db", "/proc/newsdex.db"}));
    EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST(CliIndex, DatabaseInsideAFileExitsThree) {
    test::TempDir tmp;
    std::ofstream(tmp / "plain-file") << "not a directory";
    auto r = run_command(tool_path("newsdex-index"),
                         with_sample({"--db", (tmp / "plain-file" / "db").string()}));
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("plain-file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Not a directory"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Error:"), std::string::npos) << "no Xapian type names: " << r.err;
    EXPECT_NE(r.err.rfind("newsdex-index: ", 0), std::string::npos) << "no blank line first";
}

TEST(CliIndex, SharedCorpusEveryReaderThroughTheBinary) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("time");
    const auto shared = test::shared_corpus_dir();
    struct Case {
        const char* input;
        const char* expect;
    };
    for (const Case& c : {Case{"time", "indexed 423 articles"}, Case{"seeds", "indexed 2 articles"},
                          Case{"jsonl_grover_realnews", "indexed 13 articles"},
                          Case{"jsonl_vg_no", "indexed 60 articles"},
                          Case{"multilingual/ar_saudinewsnet", "indexed 1,318 articles"},
                          Case{"multilingual/de_10kGNAD/test.csv", "indexed 1,028 articles"},
                          Case{"multilingual/ja_livedoor", "indexed 1,670 articles"}}) {
        if (!std::filesystem::exists(shared / c.input)) continue;
        test::TempDir tmp;
        auto r = run_command(tool_path("newsdex-index"), {"--quiet", "--db", (tmp / "db").string(),
                                                          (shared / c.input).string()});
        EXPECT_EQ(r.exit_code, 0) << c.input << ": " << r.err;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.input << ": " << r.err;
    }
}

}  // namespace
}  // namespace newsdex
