// newsdex-search as a newsroom uses it: export formats (CSV through Python's
// csv module), streaming every match, reading a whole article with --show,
// one-line titles, and honest totals on the real Reuters corpus.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

/// Articles whose titles and bodies hold what CSV and TSV must survive:
/// commas, double quotes, a title with an embedded newline, a tab.
const char* kTrickyJsonl =
    R"({"id": "q1", "title": "Minister says \"no\", then resigns", "body": "The harbour minister said \"no\", twice, to the harbour plan.\nThen she resigned.", "source": "Gazette, Evening", "date": "2024-05-01", "url": "https://example.org/a?x=1,2", "authors": ["Ann Lee", "Bo Chan"], "topics": ["politics"]}
{"id": "q2", "title": "Harbour\nreport, part two", "body": "A report on the harbour\twith a tab and a \"quoted\" word.", "source": "Gazette"}
{"id": "q3", "title": "Plain harbour title", "body": "    First paragraph about the harbour, wrapped\nover two lines.\n    Second paragraph.\n"}
)";

class CliNewsroom : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        std::ofstream(dir_->path() / "tricky.jsonl") << kTrickyJsonl;
        auto r = run_command(tool_path("newsdex-index"),
                             {"--quiet", "--db", db(), (dir_->path() / "tricky.jsonl").string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;  // NOLINT
        dir_ = nullptr;
    }
    static std::string db() { return (dir_->path() / "tricky.db").string(); }
    static test::CommandResult search(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db()});
        return run_command(tool_path("newsdex-search"), args);
    }
    static test::TempDir* dir_;
};

test::TempDir* CliNewsroom::dir_ = nullptr;

std::vector<rapidjson::Document> json_lines(const std::string& text) {
    std::vector<rapidjson::Document> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.emplace_back();
        out.back().Parse(line.c_str());
        EXPECT_FALSE(out.back().HasParseError()) << line;
    }
    return out;
}

TEST_F(CliNewsroom, CsvRoundTripsThroughPythonsCsvModule) {
    auto csv = search({"--format", "csv", "--limit", "all", "harbour"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    auto jsonl = search({"--format", "jsonl", "--limit", "all", "harbour"});
    ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
    auto hits = json_lines(jsonl.out);
    ASSERT_EQ(hits.size(), 3u) << jsonl.out;

    // Python parses the CSV and prints each field as a JSON string, one row
    // per line: what a spreadsheet or pandas reads back.
    std::filesystem::path file = dir_->path() / "hits.csv";
    std::ofstream(file, std::ios::binary) << csv.out;
    auto py = run_command("/usr/bin/python3",
                          {"-c",
                           "import csv, json, sys\n"
                           "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                           "    for row in csv.reader(f):\n"
                           "        print(json.dumps(row))\n",
                           file.string()});
    ASSERT_EQ(py.exit_code, 0) << py.err;
    auto rows = json_lines(py.out);
    ASSERT_EQ(rows.size(), hits.size() + 1) << py.out;
    const char* header[] = {"rank",  "collection", "id",    "date",   "source",
                            "title", "url",        "score", "snippet"};
    ASSERT_EQ(rows[0].Size(), 9u);
    for (unsigned i = 0; i < 9; ++i) EXPECT_STREQ(rows[0][i].GetString(), header[i]);
    for (std::size_t k = 0; k < hits.size(); ++k) {
        const auto& row = rows[k + 1];
        const auto& hit = hits[k];
        ASSERT_EQ(row.Size(), 9u);
        EXPECT_EQ(std::string(row[0].GetString()), std::to_string(hit["rank"].GetUint()));
        EXPECT_STREQ(row[2].GetString(), hit["id"].GetString());
        EXPECT_STREQ(row[4].GetString(), hit["source"].IsNull() ? "" : hit["source"].GetString());
        EXPECT_STREQ(row[5].GetString(), hit["title"].GetString()) << "title round-trips exactly";
        EXPECT_STREQ(row[6].GetString(), hit["url"].IsNull() ? "" : hit["url"].GetString());
        EXPECT_STREQ(row[8].GetString(), hit["snippet_text"].GetString());
    }
    // The fixture really exercised quoting: a comma, a quote and a newline.
    EXPECT_NE(csv.out.find("\"\""), std::string::npos);
    EXPECT_NE(csv.out.find("Harbour\nreport"), std::string::npos);
}

TEST_F(CliNewsroom, TsvHasOneLinePerHitAndNoStrayTabs) {
    auto r = search({"--format", "tsv", "--limit", "all", "harbour"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream in(r.out);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 4u) << r.out;
    for (const auto& line : lines) EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 8) << line;
    EXPECT_EQ(lines[0].rfind("rank\tcollection\tid\tdate", 0), 0u);
}

TEST_F(CliNewsroom, JsonIsTheShortFormOfFormatJsonAndStreamsValidJson) {
    auto a = search({"--json", "--limit", "all", "harbour"});
    auto b = search({"--format", "json", "--limit", "all", "harbour"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    rapidjson::Document da, db;
    da.Parse(a.out.c_str());
    db.Parse(b.out.c_str());
    ASSERT_FALSE(da.HasParseError()) << a.out;
    ASSERT_FALSE(db.HasParseError()) << b.out;
    EXPECT_EQ(da["hits"].Size(), 3u);
    EXPECT_EQ(db["hits"].Size(), 3u);
    EXPECT_TRUE(da["total_is_exact"].GetBool());
    EXPECT_EQ(da["estimated_total"].GetUint64(), 3u);
    const rapidjson::Value* q1 = nullptr;
    for (const auto& h : da["hits"].GetArray())
        if (std::string(h["id"].GetString()) == "q1") q1 = &h;
    ASSERT_NE(q1, nullptr);
    ASSERT_EQ((*q1)["authors"].Size(), 2u);
    EXPECT_STREQ((*q1)["authors"][0].GetString(), "Ann Lee");
    EXPECT_TRUE((*q1)["places"].IsArray());
    EXPECT_EQ(search({"--json", "--format", "csv", "harbour"}).exit_code, 2);
    EXPECT_EQ(search({"--format", "xml", "harbour"}).exit_code, 2);
    EXPECT_EQ(search({"--limit", "some", "harbour"}).exit_code, 2);
}

TEST_F(CliNewsroom, TextTitlesAreOnOneLine) {
    auto r = search({"--color", "never", "--brackets", "report"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1. Harbour [report], part two\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Harbour\n"), std::string::npos) << r.out;
    auto shown = search({"--color", "never", "--show", "tricky/q2"});
    EXPECT_EQ(shown.out.rfind("Harbour report, part two\n", 0), 0u) << shown.out;
}

TEST_F(CliNewsroom, ShowPrintsTheWholeArticleWithHighlights) {
    // Piped output is plain unless --brackets asks for marks.
    auto r = search({"--color", "never", "--brackets", "--show", "tricky/q3", "harbour"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("id:      tricky/q3"), std::string::npos) << r.out;
    // Wrapped lines joined, indented lines start paragraphs.
    EXPECT_NE(r.out.find("\nFirst paragraph about the [harbour], wrapped over two lines.\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\n\nSecond paragraph.\n"), std::string::npos) << r.out;

    auto full = search({"--show", "tricky/q1", "--json"});
    ASSERT_EQ(full.exit_code, 0) << full.err;
    rapidjson::Document d;
    d.Parse(full.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << full.out;
    EXPECT_STREQ(d["title"].GetString(), "Minister says \"no\", then resigns");
    EXPECT_STREQ(d["source"].GetString(), "Gazette, Evening");
    EXPECT_STREQ(d["url"].GetString(), "https://example.org/a?x=1,2");
    EXPECT_STREQ(d["date"].GetString(), "2024-05-01");
    EXPECT_EQ(d["authors"].Size(), 2u);
    EXPECT_STREQ(d["topics"][0].GetString(), "politics");
    EXPECT_EQ(d["paragraphs"].Size(), 2u);
    EXPECT_NE(std::string(d["body"].GetString()).find("Then she resigned."), std::string::npos);

    auto missing = search({"--show", "tricky/q"});
    EXPECT_EQ(missing.exit_code, 4);
    EXPECT_NE(missing.err.find("did you mean tricky/q1"), std::string::npos) << missing.err;
    EXPECT_EQ(search({"--show", "no-slash"}).exit_code, 2);
}

/// One Reuters index for the tests below (built once; skipped without the corpus).
class CliNewsroomReuters : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (test::shared_corpus_dir().empty() ||
            !std::filesystem::exists(test::shared_corpus_dir() / "reuters21578"))
            return;
        dir_ = new test::TempDir();  // NOLINT: freed in TearDownTestSuite
        auto r = run_command(
            tool_path("newsdex-index"),
            {"-q", "--db", db(), (test::shared_corpus_dir() / "reuters21578").string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;  // NOLINT
        dir_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "shared corpus folder reuters21578 not present";
    }
    static std::string db() { return (dir_->path() / "reuters.db").string(); }
    static rapidjson::Document search_json(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db(), "--json"});
        auto r = run_command(tool_path("newsdex-search"), args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document d;
        d.Parse(r.out.c_str());
        EXPECT_FALSE(d.HasParseError()) << r.out.substr(0, 500);
        return d;
    }
    static test::TempDir* dir_;
};

test::TempDir* CliNewsroomReuters::dir_ = nullptr;

// One test (ctest runs each test in its own process, and the Reuters index
// takes minutes on a loaded machine): counts, dedupe across --db, export of
// every match, near-duplicates, entity fields and facets.
TEST_F(CliNewsroomReuters, CountsDedupeExportDuplicatesAndEntities) {
    // Totals do not depend on --limit. Per article (--no-collapse) they are
    // exact up to 10,000 matches; collapsed, exact below 300 clusters
    // (kDefaultCollapsedCountBound), else a range that holds the exact count.
    for (const char* q : {"cocoa prices", "\"interest rates\"", "interest rates", "oil"}) {
        for (bool collapse : {false, true}) {
            const char* mode = collapse ? "--color=never" : "--no-collapse";
            auto exact = search_json({"--exact", mode, "--limit", "1", q});
            std::uint64_t truth = exact["estimated_total"].GetUint64();
            ASSERT_TRUE(exact["total_is_exact"].GetBool()) << q;
            std::vector<std::uint64_t> first;
            for (const char* limit : {"0", "1", "10", "100"}) {
                auto d = search_json({mode, "--limit", limit, q});
                std::vector<std::uint64_t> seen{d["estimated_total"].GetUint64(),
                                                d["total_lower"].GetUint64(),
                                                d["total_upper"].GetUint64()};
                if (first.empty()) first = seen;
                EXPECT_EQ(seen, first) << q << " --limit " << limit;
                EXPECT_LE(d["total_lower"].GetUint64(), truth) << q;
                EXPECT_GE(d["total_upper"].GetUint64(), truth) << q;
                if (!collapse || std::string(q) == "cocoa prices") {
                    EXPECT_TRUE(d["total_is_exact"].GetBool()) << q << " --limit " << limit;
                    EXPECT_EQ(d["estimated_total"].GetUint64(), truth) << q << " " << limit;
                }
            }
        }
    }
    EXPECT_EQ(search_json({"--no-collapse", "--limit", "1", "cocoa prices"})["estimated_total"]
                  .GetUint64(),
              53u);
    // A collapsed total counts distinct stories: what --limit all lists.
    auto collapsed = search_json({"--limit", "0", "cocoa prices"});
    auto listed = run_command(tool_path("newsdex-search"), {"--db", db(), "--format", "jsonl",
                                                            "--limit", "all", "cocoa prices"});
    EXPECT_EQ(json_lines(listed.out).size(), collapsed["estimated_total"].GetUint64());
    EXPECT_STREQ(collapsed["counts"].GetString(), "clusters");

    // The same database twice: each hit once.
    {
        auto r = run_command(tool_path("newsdex-search"),
                             {"--db", db(), "--db", db(), "--json", "--limit", "100", "Volcker"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document d;
        d.Parse(r.out.c_str());
        std::set<std::string> seen;
        for (const auto& h : d["hits"].GetArray())
            EXPECT_TRUE(seen.insert(h["id"].GetString()).second)
                << "twice: " << h["id"].GetString();
        EXPECT_GT(seen.size(), 10u);
    }

    // Every match as JSON Lines, ranked 1..N, each article once.
    {
        auto count = search_json({"--no-collapse", "--limit", "0", "oil"});
        ASSERT_TRUE(count["total_is_exact"].GetBool());
        auto r = run_command(
            tool_path("newsdex-search"),
            {"--db", db(), "--no-collapse", "--format", "jsonl", "--limit", "all", "oil"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        auto lines = json_lines(r.out);
        ASSERT_EQ(lines.size(), count["estimated_total"].GetUint64());
        std::set<std::string> ids;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            EXPECT_EQ(lines[i]["rank"].GetUint(), i + 1);
            ids.insert(lines[i]["id"].GetString());
        }
        EXPECT_EQ(ids.size(), lines.size());
    }

    // 8672 and 8610 are the same story: one hit, the other named as similar.
    {
        auto d = search_json({"--limit", "5", "id:8672 OR id:8610"});
        ASSERT_EQ(d["hits"].Size(), 1u);
        ASSERT_EQ(d["hits"][0]["similar"].Size(), 1u);
        std::set<std::string> both{d["hits"][0]["id"].GetString(),
                                   d["hits"][0]["similar"][0]["id"].GetString()};
        EXPECT_EQ(both, (std::set<std::string>{"8672", "8610"}));
        EXPECT_EQ(search_json({"--no-collapse", "id:8672 OR id:8610"})["hits"].Size(), 2u);
        auto text = run_command(tool_path("newsdex-search"),
                                {"--db", db(), "--color", "never", "id:8672 OR id:8610"});
        EXPECT_NE(text.out.find("+1 similar (reuters21578/86"), std::string::npos) << text.out;
    }

    // Entity fields and facets from the Reuters tags.
    {
        auto volcker = search_json({"--no-collapse", "--limit", "0", "people:volcker"});
        EXPECT_GT(volcker["estimated_total"].GetUint64(), 10u);
        auto opec = search_json({"--limit", "3", "--facet", "place", "--facet", "org", "--facet",
                                 "month", "--facet-size", "3", "org:opec"});
        ASSERT_GT(opec["hits"].Size(), 0u);
        EXPECT_EQ(opec["facets"]["org"][0]["value"], "opec");
        EXPECT_LE(opec["facets"]["place"].Size(), 3u);
        EXPECT_EQ(std::string(opec["facets"]["month"][0]["value"].GetString()).size(), 7u)
            << "YYYY-MM";
        EXPECT_GT(opec["hits"][0]["places"].Size(), 0u) << "hits carry their places";
        auto usa = search_json({"--no-collapse", "--limit", "0", "place:usa"});
        auto usa_any_case = search_json({"--no-collapse", "--limit", "0", "Place:USA"});
        EXPECT_GT(usa["estimated_total"].GetUint64(), 1000u);
        EXPECT_EQ(usa["estimated_total"], usa_any_case["estimated_total"]);
        auto nyse = search_json({"--no-collapse", "--limit", "0", "exchange:nyse"});
        EXPECT_GT(nyse["estimated_total"].GetUint64(), 0u);
        auto unknown = search_json({"--limit", "0", "plase:usa"});
        ASSERT_GT(unknown["notes"].Size(), 0u);
        EXPECT_NE(std::string(unknown["notes"][0].GetString()).find("unknown field plase"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace newsdex
