// newsdex-search as users run it: text and JSON output, exit codes, several
// databases as one, and real-corpus queries (Reuters topics and dates).
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <fstream>
#include <set>
#include <vector>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

/// One sample-corpus database for all tests here (built once).
class CliSearch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        auto r = run_command(tool_path("newsdex-index"),
                             {"--quiet", "--db", db(), (test::source_dir() / "corpus").string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;  // NOLINT
        dir_ = nullptr;
    }
    static std::string db() { return (dir_->path() / "sample.db").string(); }

    static test::CommandResult search(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db()});
        return run_command(tool_path("newsdex-search"), args);
    }

    static rapidjson::Document json(const test::CommandResult& r) {
        rapidjson::Document d;
        d.Parse(r.out.c_str());
        EXPECT_FALSE(d.HasParseError()) << r.out;
        return d;
    }

    static std::set<std::string> ids(const rapidjson::Document& d) {
        std::set<std::string> out;
        for (const auto& h : d["hits"].GetArray()) out.insert(h["id"].GetString());
        return out;
    }

    static test::TempDir* dir_;
};

test::TempDir* CliSearch::dir_ = nullptr;

TEST_F(CliSearch, TextOutputHasHeaderRankTitleMetaAndMarkedSnippet) {
    auto r = search({"--color", "never", "--brackets", "ceasefire"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 results for \"ceasefire\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1. "), std::string::npos);
    EXPECT_NE(r.out.find("[cease-fire]"), std::string::npos) << "hyphen form highlighted:\n"
                                                             << r.out;
    EXPECT_NE(r.out.find("[ceasefire]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2024-10-18 · Northfield Courier · corpus/jl-007"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no ANSI codes with --color never";
}

TEST_F(CliSearch, ColorAlwaysUsesAnsi) {
    auto r = search({"--color", "always", "ceasefire"});
    EXPECT_NE(r.out.find("\x1b["), std::string::npos);
}

TEST_F(CliSearch, JsonSchema) {
    auto r = search({"--json", "--facet", "source", "--facet", "year", "--facet", "collection",
                     "--limit", "3", "Okafor"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = json(r);
    for (const char* key : {"query", "estimated_total", "took_ms", "suggestion", "hits", "facets"})
        EXPECT_TRUE(d.HasMember(key)) << key;
    EXPECT_STREQ(d["query"].GetString(), "Okafor");
    EXPECT_TRUE(d["suggestion"].IsNull());
    ASSERT_TRUE(d["hits"].IsArray());
    ASSERT_EQ(d["hits"].Size(), 3u);
    for (const auto& h : d["hits"].GetArray()) {
        for (const char* key : {"rank", "collection", "id", "title", "date", "source", "url",
                                "score", "snippet", "highlights"})
            EXPECT_TRUE(h.HasMember(key)) << key;
        EXPECT_TRUE(h["date"].IsNull() || std::string(h["date"].GetString()).size() == 10);
        EXPECT_TRUE(h["score"].IsNumber());
        ASSERT_TRUE(h["highlights"].IsArray());
        const std::string snippet_text = h["snippet_text"].GetString();
        for (const auto& range : h["highlights"].GetArray()) {
            ASSERT_EQ(range.Size(), 2u);
            EXPECT_LT(range[0].GetUint(), range[1].GetUint());
        }
    }
    EXPECT_EQ(d["hits"][0]["rank"].GetUint(), 1u);
    std::string snippet = d["hits"][0]["snippet"].GetString();
    EXPECT_NE(snippet.find("<mark>"), std::string::npos) << snippet;
    ASSERT_TRUE(d["facets"].HasMember("source"));
    EXPECT_TRUE(d["facets"].HasMember("year"));
    // Every article has a collection: its facet counts the whole match set, not the page.
    std::uint64_t facet_total = 0;
    for (const auto& v : d["facets"]["collection"].GetArray())
        facet_total += v["count"].GetUint64();
    EXPECT_GT(d["estimated_total"].GetUint64(), 3u);
    EXPECT_EQ(facet_total, d["estimated_total"].GetUint64());
}

// Issue 11 item 6: what reaches a terminal.
TEST_F(CliSearch, PipedOutputIsPlainUnlessAsked) {
    auto plain = search({"ceasefire"});
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_NE(plain.out.find("cease-fire"), std::string::npos) << plain.out;
    EXPECT_EQ(plain.out.find("[cease-fire]"), std::string::npos) << plain.out;
    EXPECT_EQ(plain.out.find("\x1b"), std::string::npos) << plain.out;
    auto marked = search({"--brackets", "ceasefire"});
    EXPECT_NE(marked.out.find("[cease-fire]"), std::string::npos) << marked.out;
}

TEST_F(CliSearch, EchoedQueryIsSanitizedAndCut) {
    auto r = search({"oil\x1b[31mRED\xff"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("\x1b"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\xff"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("for \"oil\\e[31mRED\xEF\xBF\xBD\""), std::string::npos) << r.out;

    auto json_echo = search({"--json", "oil\x1b[31mRED\xff"});
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(json_echo.out.c_str());
    EXPECT_FALSE(d.HasParseError()) << "JSON must stay valid UTF-8: " << json_echo.out;

    std::string pasted;
    for (int i = 0; i < 5000; ++i) pasted += "harbour ";
    auto longer = search({pasted});
    ASSERT_EQ(longer.exit_code, 0) << longer.err;
    const std::string header = longer.out.substr(0, longer.out.find('\n'));
    EXPECT_LT(header.size(), 400u) << header;
    EXPECT_NE(header.find("more characters)"), std::string::npos) << header;
}

TEST_F(CliSearch, TitleStaysBoldAfterItsFirstHighlight) {
    auto r = search({"--color", "always", "--limit", "1", "dockworkers"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string title_line = r.out.substr(r.out.find("1. "));
    const std::string first_line = title_line.substr(0, title_line.find('\n'));
    // Each highlight in the title ends with a reset and the title's bold again.
    ASSERT_NE(first_line.find("\x1b[1;33m"), std::string::npos) << first_line;
    EXPECT_NE(first_line.find("\x1b[0m\x1b[1m"), std::string::npos) << first_line;
}

TEST_F(CliSearch, TextOutputShowsTheUrl) {
    auto r = search({"dockworkers"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\n   https://harborgazette.example/2024/03/05/dockworkers-walk-out\n"),
              std::string::npos)
        << r.out;
}

// Issue 11 items 8 and 9: an untitled, undated corpus (the seeds, BBC).
TEST(CliSearchUntitled, TitleFromTheFirstSentenceAndUndatedSortSaysSo) {
    test::TempDir dir;
    {
        std::ofstream jsonl(dir / "untitled.jsonl");
        jsonl << R"({"id":"u1","body":"Harbour cranes stopped at dawn. Unions met later."})"
              << "\n"
              << R"({"id":"u2","title":"Harbour dues rise","body":"Dues rose."})"
              << "\n";
    }
    const std::string db = (dir / "db").string();
    auto indexed = run_command(tool_path("newsdex-index"),
                               {"--quiet", "--db", db, (dir / "untitled.jsonl").string()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

    auto r = run_command(tool_path("newsdex-search"), {"--db", db, "--json", "cranes"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << r.out;
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_STREQ(d["hits"][0]["title"].GetString(), "Harbour cranes stopped at dawn.");
    EXPECT_TRUE(d["hits"][0]["title_from_body"].GetBool());

    auto titled = run_command(tool_path("newsdex-search"), {"--db", db, "--json", "dues"});
    d.Parse(titled.out.c_str());
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_FALSE(d["hits"][0]["title_from_body"].GetBool());

    auto text = run_command(tool_path("newsdex-search"), {"--db", db, "cranes"});
    EXPECT_NE(text.out.find("1. Harbour cranes stopped at dawn.\n"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("(untitled)"), std::string::npos) << text.out;

    auto sorted =
        run_command(tool_path("newsdex-search"), {"--db", db, "--sort", "newest", "harbour"});
    EXPECT_EQ(sorted.exit_code, 0);
    EXPECT_NE(sorted.out.find("note: --sort newest: no article in the database has a date"),
              std::string::npos)
        << sorted.out;
    auto relevance = run_command(tool_path("newsdex-search"), {"--db", db, "harbour"});
    EXPECT_EQ(relevance.out.find("has a date"), std::string::npos) << relevance.out;
}

TEST_F(CliSearch, DatedCorpusSortHasNoNote) {
    auto r = search({"--sort", "newest", "the"});
    EXPECT_EQ(r.out.find("has a date"), std::string::npos) << r.out;
}

TEST_F(CliSearch, NoHitsIsExitZeroWithSuggestion) {
    auto r = search({"--json", "zepelin"});
    EXPECT_EQ(r.exit_code, 0);
    auto d = json(r);
    EXPECT_EQ(d["hits"].Size(), 0u);
    ASSERT_TRUE(d["suggestion"].IsString());
    EXPECT_STREQ(d["suggestion"].GetString(), "zeppelin");
}

TEST_F(CliSearch, PagingWithOffset) {
    auto page1 = json(search({"--json", "--limit", "2", "the"}));
    auto page2 = json(search({"--json", "--limit", "2", "--offset", "2", "the"}));
    ASSERT_EQ(page2["hits"].Size(), 2u);
    EXPECT_EQ(page2["hits"][0]["rank"].GetUint(), 3u);
    for (const auto& id : ids(page2)) EXPECT_EQ(ids(page1).count(id), 0u) << id;
}

TEST_F(CliSearch, SortNewestAndOldest) {
    auto newest = json(search({"--json", "--sort", "newest", "--limit", "30", "the"}));
    std::string previous = "9999";
    for (const auto& h : newest["hits"].GetArray()) {
        if (h["date"].IsNull()) continue;
        EXPECT_LE(std::string(h["date"].GetString()), previous);
        previous = h["date"].GetString();
    }
    auto oldest = json(search({"--json", "--sort", "oldest", "--limit", "1", "the"}));
    EXPECT_STREQ(oldest["hits"][0]["date"].GetString(), "2023-04-22");
}

TEST_F(CliSearch, RelaxedWhenNoArticleHasAllWords) {
    auto r = search({"--color", "never", "zeppelin Okafor"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("no article has all the words"), std::string::npos) << r.out;
}

TEST_F(CliSearch, LimitZeroCountsTheRealMatchesNotTheRelaxedOnes) {
    // Regression: an empty page (--limit 0, for facets only) once looked like
    // "nothing matched" and switched to the relaxed any-word search.
    auto full = json(search({"--json", "--exact", "--limit", "10", "tram Okafor"}));
    auto counted =
        json(search({"--json", "--exact", "--limit", "0", "--facet", "source", "tram Okafor"}));
    EXPECT_FALSE(full["relaxed"].GetBool());
    EXPECT_FALSE(counted["relaxed"].GetBool());
    EXPECT_EQ(counted["estimated_total"].GetUint64(), full["estimated_total"].GetUint64());
    EXPECT_EQ(counted["hits"].Size(), 0u);
}

TEST_F(CliSearch, FewArticlesWithAllWordsRankWithThoseThatHaveSome) {
    // A long pasted query rarely has all its words in many articles: the
    // default mode must not lose what --any finds (TIME: bench/RESULTS.md).
    const std::string query = "tram Okafor";
    const auto all_words =
        json(search({"--json", "--exact", "--limit", "0", query}))["estimated_total"].GetUint64();
    ASSERT_GT(all_words, 0u);
    ASSERT_LT(all_words, 10u);
    const auto first = json(search({"--json", "--limit", std::to_string(all_words), query}));
    const auto page = json(search({"--json", "--limit", "30", query}));
    const auto any = json(search({"--json", "--any", "--limit", "30", query}));
    ASSERT_GT(page["hits"].Size(), all_words);
    EXPECT_EQ(ids(page), ids(any));  // the articles --any finds, every page from one ranking
    for (const auto& id : ids(first)) EXPECT_EQ(ids(page).count(id), 1u) << id;
    EXPECT_EQ(page["estimated_total"].GetUint64(), all_words);  // counts stay honest
    std::string notes;
    for (const auto& n : page["notes"].GetArray()) notes += std::string(n.GetString()) + "; ";
    EXPECT_NE(notes.find("have all the words"), std::string::npos) << notes;
}

TEST_F(CliSearch, MalformedQueryIsSearchedLenientlyWithANote) {
    auto r = search({"--json", "\"river authority"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto d = json(r);
    ASSERT_GT(d["notes"].Size(), 0u);
    EXPECT_GT(d["hits"].Size(), 0u);
}

TEST_F(CliSearch, ExclusionsAreNotedInTextAndJson) {
    auto d = json(search({"--json", "port marren -dockworkers"}));
    EXPECT_EQ(ids(d).count("jl-001"), 0u);
    std::string notes;
    for (const auto& n : d["notes"].GetArray()) notes += std::string(n.GetString()) + "; ";
    EXPECT_NE(notes.find("excluded: articles matching -dockworkers"), std::string::npos) << notes;
    auto text = search({"--color", "never", "port NOT dockworkers"});
    EXPECT_NE(text.out.find("note: excluded: articles matching NOT dockworkers"), std::string::npos)
        << text.out;
}

TEST_F(CliSearch, PastedHeadlineWhoseDashExcludesEveryMatchIsSearchedAsWords) {
    // Reuters writes the source after a dash ("... LATIN AMERICA -MINISTER"):
    // pasted whole, the '-' excludes the very article whose headline it is.
    auto d =
        json(search({"--json", "Port Marren dockworkers walk out over pay and night -shifts"}));
    ASSERT_GT(d["hits"].Size(), 0u);
    EXPECT_EQ(std::string(d["hits"][0]["id"].GetString()), "jl-001");
    EXPECT_FALSE(d["relaxed"].GetBool());
    std::string notes;
    for (const auto& n : d["notes"].GetArray()) notes += std::string(n.GetString()) + "; ";
    EXPECT_NE(notes.find("excluded: articles matching -shifts"), std::string::npos) << notes;
    EXPECT_NE(notes.find("searched for the excluded words as words"), std::string::npos) << notes;
    // A '-' glued to the end of a parenthesis or a quote is no exclusion at all.
    d = json(search({"--json", "(port marren)-dockworkers"}));
    EXPECT_EQ(ids(d).count("jl-001"), 1u);
    for (const auto& n : d["notes"].GetArray())
        EXPECT_EQ(std::string(n.GetString()).find("excluded"), std::string::npos) << n.GetString();
}

TEST_F(CliSearch, InfoDescribesTheDatabase) {
    auto r = search({"--info", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = json(r);
    EXPECT_EQ(d["articles"].GetUint64(), 30u);
    EXPECT_STREQ(d["first_date"].GetString(), "2023-04-22");
    EXPECT_GT(d["size_bytes"].GetUint64(), 0u);
    auto text = search({"--info"});
    EXPECT_NE(text.out.find("articles: 30"), std::string::npos) << text.out;
}

TEST_F(CliSearch, ExitCodes) {
    EXPECT_EQ(search({}).exit_code, 2) << "no query";
    EXPECT_EQ(search({"--sort", "sideways", "x"}).exit_code, 2);
    EXPECT_EQ(search({"--bm25", "nonsense", "x"}).exit_code, 2);
    EXPECT_EQ(search({"--facet", "colour", "x"}).exit_code, 2);
    test::TempDir tmp;
    auto missing = run_command(tool_path("newsdex-search"), {"--db", (tmp / "nope").string(), "x"});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;
    EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
}

TEST_F(CliSearch, SeveralDatabasesSearchedAsOne) {
    test::TempDir tmp;
    std::string a = (tmp / "a").string(), b = (tmp / "b").string();
    ASSERT_EQ(run_command(tool_path("newsdex-index"),
                          {"-q", "--db", a, (test::source_dir() / "corpus" / "jsonl").string()})
                  .exit_code,
              0);
    ASSERT_EQ(run_command(tool_path("newsdex-index"),
                          {"-q", "--db", b, (test::source_dir() / "corpus" / "text").string()})
                  .exit_code,
              0);
    auto r =
        run_command(tool_path("newsdex-search"), {"--db", a, "--db", b, "--json", "ceasefire"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = json(r);
    std::set<std::string> collections;
    for (const auto& h : d["hits"].GetArray()) collections.insert(h["collection"].GetString());
    EXPECT_EQ(collections, (std::set<std::string>{"jsonl", "text"}));
    auto info =
        json(run_command(tool_path("newsdex-search"), {"--db", a, "--db", b, "--info", "--json"}));
    EXPECT_EQ(info["articles"].GetUint64(), 18u);
}

/// Ids of the hits in rank order.
std::vector<std::string> ranked_ids(const std::string& db, const std::string& query) {
    auto r = run_command(tool_path("newsdex-search"),
                         {"--db", db, "--json", "--limit", "100", "--no-snippets", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    std::vector<std::string> out;
    if (d.HasParseError() || !d.HasMember("hits")) return out;
    for (const auto& h : d["hits"].GetArray()) out.emplace_back(h["id"].GetString());
    return out;
}

TEST(CliSearchTies, SameCorpusRanksTheSameOnEveryBuild) {
    // 40 copies of one wire story (equal scores for every query) plus two
    // undated ones, written oldest first: docids follow the input in one
    // build and the segment layout in another, so only a tie-break of the
    // articles' own makes the two rankings equal.
    test::TempDir tmp;
    {
        std::ofstream out(tmp / "copies.jsonl");
        out << "{\"id\": \"u2\", \"title\": \"Harbor ferry strike\", \"body\": \"The ferry "
               "strike went on.\"}\n";
        for (int i = 1; i <= 40; ++i) {
            char line[256];
            std::snprintf(
                line, sizeof line,
                "{\"id\": \"d%02d\", \"title\": \"Harbor ferry strike\", \"body\": "
                "\"The ferry strike went on.\", \"date\": \"1987-03-%02dT%02d:00:00Z\"}\n",
                i, 1 + i / 24, i % 24);
            out << line;
        }
        out << "{\"id\": \"u1\", \"title\": \"Harbor ferry strike\", \"body\": \"The ferry "
               "strike went on.\"}\n";
    }
    const std::string one = (tmp / "one").string(), two = (tmp / "two").string();
    ASSERT_EQ(run_command(tool_path("newsdex-index"),
                          {"-q", "--db", one, "--jobs", "1", (tmp / "copies.jsonl").string()})
                  .exit_code,
              0);
    ASSERT_EQ(run_command(tool_path("newsdex-index"),
                          {"-q", "--db", two, "--jobs", "2", "--mode", "segments", "--segment-docs",
                           "3", (tmp / "copies.jsonl").string()})
                  .exit_code,
              0);
    std::vector<std::string> expected;  // newest first, then the undated by id
    for (int i = 40; i >= 1; --i) {
        char id[8];
        std::snprintf(id, sizeof id, "d%02d", i);
        expected.emplace_back(id);
    }
    expected.insert(expected.end(), {"u1", "u2"});
    for (const std::string query : {"ferry strike", "harbor", "strike went"}) {
        SCOPED_TRACE(query);
        EXPECT_EQ(ranked_ids(one, query), expected);
        EXPECT_EQ(ranked_ids(two, query), expected);
    }
}

TEST(CliSearchShared, ReutersTopicsAndDateRanges) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    test::TempDir tmp;
    std::string db = (tmp / "reuters").string();
    ASSERT_EQ(run_command(tool_path("newsdex-index"),
                          {"-q", "--db", db, (test::shared_corpus_dir() / "reuters21578").string()})
                  .exit_code,
              0);
    auto total = [&](std::vector<std::string> args) {
        args.insert(args.begin(),
                    {"--db", db, "--json", "--exact", "--no-collapse", "--limit", "5"});
        auto r = run_command(tool_path("newsdex-search"), args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document d;
        d.Parse(r.out.c_str());
        return d["estimated_total"].GetUint64();
    };
    EXPECT_EQ(total({"topic:cocoa"}), 76u);  // <D>cocoa</D> in TOPICS
    std::uint64_t march = total({"date:1987-03-01..1987-03-31"});
    std::uint64_t february = total({"date:..1987-02"});
    std::uint64_t all = total({"date:1987"});
    EXPECT_GT(march, 0u);
    EXPECT_GT(february, 0u);
    EXPECT_LE(march + february, all);
    EXPECT_EQ(all, 21576u) << "two articles have unreadable dates";
    EXPECT_LT(total({"cocoa date:1987-03"}), total({"cocoa"}));
    auto r = run_command(tool_path("newsdex-search"),
                         {"--db", db, "--json", "--limit", "3", "topic:cocoa", "\"cocoa prices\""});
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_GT(d["hits"].Size(), 0u);
    EXPECT_NE(std::string(d["hits"][0]["snippet"].GetString()).find("<mark>cocoa prices</mark>"),
              std::string::npos)
        << d["hits"][0]["snippet"].GetString();
}

}  // namespace
}  // namespace newsdex
