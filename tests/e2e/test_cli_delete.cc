// newsdex-index --delete and --delete-from as users run them: exit codes,
// the articles named on stderr, the summary line, and what newsdex-search
// finds afterwards.
#include <gtest/gtest.h>

#include <fstream>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

const char* kArticles =
    R"({"id": "a1", "title": "Ferry strike ends", "body": "The ferry strike ended on Monday after talks."}
{"id": "a2", "title": "Tram line opens", "body": "The new tram line opened to passengers."}
{"id": "a3", "title": "Harbour dredging", "body": "Dredging of the harbour begins in spring."}
{"id": "a4", "title": "Council budget", "body": "The council approved its budget for the ferry service."}
{"id": "dir/a5.txt", "title": "Flood warning", "body": "A flood warning was issued for the river."}
)";

class CliDelete : public ::testing::Test {
  protected:
    void SetUp() override {
        std::ofstream(dir_ / "news.jsonl") << kArticles;
        auto r = run_command(tool_path("newsdex-index"),
                             {"--quiet", "--db", db(), (dir_ / "news.jsonl").string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::string db() const { return (dir_ / "db").string(); }
    test::CommandResult index(std::vector<std::string> args, const std::string& stdin_text = "") {
        args.insert(args.begin(), {"--db", db()});
        return run_command(tool_path("newsdex-index"), args, stdin_text);
    }
    test::CommandResult search(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db(), "--color", "never"});
        return run_command(tool_path("newsdex-search"), args);
    }
    /// Whether --show finds the article (exit 0) or says it is not there (4).
    int show(const std::string& key) { return search({"--show", key}).exit_code; }

    test::TempDir dir_;
};

TEST_F(CliDelete, DeletedArticlesNoLongerMatchNorShow) {
    ASSERT_EQ(show("news/a1"), 0);
    auto r = index({"--delete", "news/a1", "news/dir/a5.txt"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("deleted 2 articles (0 not found, 0 repeated, 0 lines passed over)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("database has 3 articles"), std::string::npos) << r.err;
    EXPECT_EQ(show("news/a1"), 4);
    EXPECT_EQ(show("news/dir/a5.txt"), 4);  // an id holding '/'
    EXPECT_EQ(show("news/a2"), 0);
    auto ferry = search({"--format", "csv", "ferry"});
    ASSERT_EQ(ferry.exit_code, 0) << ferry.err;
    EXPECT_EQ(ferry.out.find(",a1,"), std::string::npos) << ferry.out;
    EXPECT_NE(ferry.out.find(",a4,"), std::string::npos) << ferry.out;
}

TEST_F(CliDelete, UnknownIdsAreNamedTheOthersDeletedExit4) {
    auto r = index({"--delete", "news/nope", "news/a2", "other/a3"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("no article news/nope in the database"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no article other/a3 in the database"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("deleted 1 article (2 not found"), std::string::npos) << r.err;
    EXPECT_EQ(show("news/a2"), 4);
    EXPECT_EQ(show("news/a3"), 0);
}

TEST_F(CliDelete, FromAFileAndFromStandardInput) {
    std::ofstream(dir_ / "ids.txt") << "news/a1\n\n  news/a2\t\nnot a key\n";
    auto r = index({"--delete-from", (dir_ / "ids.txt").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("ids.txt: line 4: not COLLECTION/ID"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("deleted 2 articles (0 not found, 0 repeated, 1 line passed over)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(show("news/a1"), 4);
    EXPECT_EQ(show("news/a2"), 4);

    auto piped = index({"--delete-from", "-", "--strict"}, "news/a3\r\nnews/a4\n");
    EXPECT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(show("news/a3"), 4);
    EXPECT_EQ(show("news/a4"), 4);
    EXPECT_NE(piped.err.find("database has 1 article"), std::string::npos) << piped.err;

    // --strict turns a line passed over into exit 1, as a skipped record.
    auto strict = index({"--delete-from", "-", "--strict"}, "garbage\n");
    EXPECT_EQ(strict.exit_code, 1) << strict.err;
}

TEST_F(CliDelete, UsageErrorsExit2AndChangeNothing) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--delete"},
             {"--delete", "no-slash"},
             {"--delete", "news/"},
             {"--delete-from", ""},
             {"--delete-from", (dir_ / "ids.txt").string(), "news/a1"},
             {"--delete", "news/a1", "--collection", "x"},
             {"--delete", "news/a1", "--flush", "0"}}) {
        auto r = index(args);
        EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << r.err;
        EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
    }
    auto missing = index({"--delete-from", (dir_ / "no-such-file").string()});
    EXPECT_EQ(missing.exit_code, 2) << missing.err;
    EXPECT_NE(missing.err.find("no-such-file"), std::string::npos) << missing.err;
    EXPECT_EQ(show("news/a1"), 0);
    auto no_db = run_command(tool_path("newsdex-index"),
                             {"--db", (dir_ / "absent").string(), "--delete", "news/a1"});
    EXPECT_EQ(no_db.exit_code, 3) << no_db.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "absent"));
}

}  // namespace
}  // namespace newsdex
