// newsdex-bench as users run it: every subcommand of the real binary on the
// sample corpus with tiny counts (exit codes and output keys; no timing
// assertions), and eval on the TIME collection when shared/corpus is present.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::run_command;
using test::tool_path;

test::CommandResult bench(const std::vector<std::string>& args) {
    return run_command(tool_path("newsdex-bench"), args);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    EXPECT_FALSE(d.HasParseError()) << text;
    return d;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// The sample corpus indexed once, by `newsdex-bench index` itself.
class CliBench : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        index_result_ =
            new test::CommandResult(bench({"index", "--db", db(), "--json", json_path(), "--jobs",
                                           "2", (test::source_dir() / "corpus").string()}));
        ASSERT_EQ(index_result_->exit_code, 0) << index_result_->err;
    }
    static void TearDownTestSuite() {
        delete index_result_;  // NOLINT
        delete dir_;           // NOLINT
        dir_ = nullptr;
    }
    static std::string db() { return (dir_->path() / "sample.db").string(); }
    static std::string json_path() { return (dir_->path() / "index.json").string(); }
    static std::filesystem::path path(const std::string& name) { return dir_->path() / name; }

    static test::TempDir* dir_;
    static test::CommandResult* index_result_;
};

test::TempDir* CliBench::dir_ = nullptr;
test::CommandResult* CliBench::index_result_ = nullptr;

const char* kQueries =
    "# sample-corpus classes, one or two queries each\n"
    "rare\tceasefire\n"
    "rare\tferry\n"
    "common\tthe\n"
    "and2\tport strike\n"
    "any\tchess harbour tram\n"
    "phrase2\t\"night shifts\"\n"
    "field\ttitle:port\n"
    "date\tdate:2024 council\n"
    "sorted\tcity\n";

TEST(CliBenchTopLevel, UsageAndUnknownCommand) {
    EXPECT_EQ(bench({}).exit_code, 2);
    auto help = bench({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_TRUE(contains(help.out, "gen-corpus"));
    auto unknown = bench({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(contains(unknown.err, "unknown command 'frobnicate'")) << unknown.err;
    EXPECT_EQ(bench({"query", "--help"}).exit_code, 0);
    EXPECT_EQ(bench({"query", "--no-such-option"}).exit_code, 2);
}

TEST_F(CliBench, IndexReportsThroughputSizeAndSplit) {
    EXPECT_TRUE(contains(index_result_->out, "articles/s")) << index_result_->out;
    EXPECT_TRUE(contains(index_result_->out, "write (derived)")) << index_result_->out;
    auto d = parse_json(slurp(json_path()));
    for (const char* key : {"tool", "machine", "articles", "input_bytes", "seconds",
                            "articles_per_s", "mb_per_s", "peak_rss_kib", "db_bytes", "split"})
        EXPECT_TRUE(d.HasMember(key)) << key;
    EXPECT_EQ(d["articles"].GetUint64(), 30u);
    for (const char* key :
         {"read_s", "read_cold_s", "analysis_s", "write_s", "full_s", "parallelism", "derivation"})
        EXPECT_TRUE(d["split"].HasMember(key)) << key;
    EXPECT_EQ(d["split"]["parallelism"].GetUint(), 2u);
}

TEST_F(CliBench, IndexRefusesAnExistingDatabaseUnlessReplace) {
    auto r = bench({"index", "--db", db(), (test::source_dir() / "corpus" / "csv").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "--replace")) << r.err;
    // A directory that is not a database is never removed.
    std::filesystem::create_directories(path("not-a-db"));
    write(path("not-a-db") / "keep.txt", "x");
    r = bench({"index", "--replace", "--db", path("not-a-db").string(),
               (test::source_dir() / "corpus").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(std::filesystem::exists(path("not-a-db") / "keep.txt"));
}

TEST_F(CliBench, QueryTableJsonAndSvg) {
    write(path("q.tsv"), kQueries);
    auto r = bench({"query", "--db", db(), "--queries", path("q.tsv").string(), "--warmup", "1",
                    "--runs", "2", "--threads", "2", "--task-ms", "1", "--snippets", "--json",
                    path("q.json").string(), "--svg", path("q.svg").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* text : {"without snippets:", "with snippets:", "cost of snippets", "p50 ms",
                             "QPS 2t", "method:", "nearest-rank"})
        EXPECT_TRUE(contains(r.out, text)) << text << "\n" << r.out;

    auto d = parse_json(slurp(path("q.json")));
    for (const char* key : {"tool", "format", "machine", "method", "databases", "articles",
                            "queries", "modes", "snippet_cost"})
        EXPECT_TRUE(d.HasMember(key)) << key;
    EXPECT_EQ(d["queries"].GetUint(), 9u);
    ASSERT_EQ(d["modes"].Size(), 2u);
    const auto& classes = d["modes"][0]["classes"];
    ASSERT_EQ(classes.Size(), 8u);
    EXPECT_STREQ(classes[0]["class"].GetString(), "rare");
    EXPECT_EQ(classes[0]["queries"].GetUint(), 2u);
    EXPECT_EQ(classes[0]["samples"].GetUint(), 4u);
    for (const char* key : {"p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms", "qps",
                            "run_p50_ms", "run_qps", "mean_matches", "empty", "threads"})
        EXPECT_TRUE(classes[0].HasMember(key)) << key;
    EXPECT_EQ(classes[0]["run_p50_ms"].Size(), 2u);
    EXPECT_TRUE(d["modes"][1]["snippets"].GetBool());
    EXPECT_STREQ(d["modes"][0]["all"]["class"].GetString(), "all");
    EXPECT_EQ(d["modes"][0]["all"]["queries"].GetUint(), 9u);
    // Every sample-corpus query here finds something; the 'any' class runs with OR.
    EXPECT_EQ(d["modes"][0]["all"]["empty"].GetUint(), 0u);

    const std::string svg = slurp(path("q.svg"));
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_TRUE(contains(svg, "phrase2")) << svg.substr(0, 400);
    EXPECT_TRUE(contains(svg, "</svg>"));
}

TEST_F(CliBench, QueryJsonOnStdoutAndClassFilter) {
    write(path("q2.tsv"), kQueries);
    auto r = bench({"query", "--db", db(), "--queries", path("q2.tsv").string(), "--runs", "1",
                    "--class", "rare", "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_EQ(d["modes"][0]["classes"].Size(), 1u);
    EXPECT_FALSE(d["modes"][0]["classes"][0].HasMember("threads"));
}

TEST_F(CliBench, QueryFileErrorsNameTheLine) {
    write(path("bad.tsv"), "rare\tferry\nno tab here\n");
    auto r = bench({"query", "--db", db(), "--queries", path("bad.tsv").string(), "--runs", "1"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "bad.tsv:2")) << r.err;
    auto missing = bench({"query", "--db", (dir_->path() / "nope.db").string(), "--queries",
                          path("bad.tsv").string()});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_EQ(bench({"query", "--db", db()}).exit_code, 2) << "--queries is required";
}

TEST_F(CliBench, CompareTwoReports) {
    write(path("c.tsv"), kQueries);
    for (const char* name : {"a.json", "b.json"}) {
        auto r = bench({"query", "--db", db(), "--queries", path("c.tsv").string(), "--warmup", "0",
                        "--runs", "3", "--json", path(name).string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    auto r = bench({"compare", path("a.json").string(), path("b.json").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* text : {"p50 B/A", "p99 B/A", "QPS B/A", "rare", "all", "regression:"})
        EXPECT_TRUE(contains(r.out, text)) << text << "\n" << r.out;

    auto same = bench({"compare", "--json", "-", "--fail-on-regression", path("a.json").string(),
                       path("a.json").string()});
    EXPECT_EQ(same.exit_code, 0) << "a report never regresses against itself\n" << same.out;
    auto d = parse_json(same.out);
    EXPECT_FALSE(d["regression"].GetBool());
    ASSERT_EQ(d["classes"].Size(), 9u);
    EXPECT_DOUBLE_EQ(d["classes"][0]["p50_ratio"].GetDouble(), 1.0);

    EXPECT_EQ(bench({"compare", path("a.json").string()}).exit_code, 2);
    write(path("other.json"), "{\"tool\": \"something\"}");
    EXPECT_EQ(bench({"compare", path("a.json").string(), path("other.json").string()}).exit_code,
              2);
}

/// id, title, body and epoch of every line of an export, sorted.
std::vector<std::string> exported_articles(const std::string& jsonl) {
    std::vector<std::string> out;
    std::istringstream lines(jsonl);
    for (std::string line; std::getline(lines, line);) {
        rapidjson::Document d;
        d.Parse(line.c_str());
        if (d.HasParseError() || !d.IsObject()) {
            ADD_FAILURE() << "not a JSON object: " << line;
            continue;
        }
        for (const char* key : {"collection", "id", "title", "body", "lang"})
            EXPECT_TRUE(d.HasMember(key) && d[key].IsString()) << key << " in " << line;
        for (const char* key : {"authors", "topics", "places"})
            EXPECT_TRUE(d.HasMember(key) && d[key].IsArray()) << key << " in " << line;
        std::string epoch = "-";
        if (d["date"].IsString()) {
            // To the second, so re-indexing the line keeps the article's instant.
            const std::string date = d["date"].GetString();
            EXPECT_EQ(date.size(), 20u) << date;
            EXPECT_EQ(date.back(), 'Z') << date;
            EXPECT_TRUE(d["epoch"].IsInt64()) << line;
            epoch = std::to_string(d["epoch"].GetInt64());
        } else {
            EXPECT_TRUE(d["epoch"].IsNull()) << line;
        }
        out.push_back(std::string(d["id"].GetString()) + "|" + d["title"].GetString() + "|" +
                      d["body"].GetString() + "|" + epoch);
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST_F(CliBench, ExportWritesEveryStoredArticleAndIndexesBackToTheSame) {
    auto r = bench({"export", "--db", db(), "--out", path("export.jsonl").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "exported 30 articles")) << r.err;
    const auto first = exported_articles(slurp(path("export.jsonl")));
    ASSERT_EQ(first.size(), 30u);
    EXPECT_GT(std::count_if(first.begin(), first.end(),
                            [](const std::string& a) { return !a.ends_with("|-"); }),
              0)
        << "the sample corpus is dated";

    // The export is what bench/peers/ indexes in every engine, newsdex too:
    // indexed again and exported, it gives back the same articles.
    auto again =
        run_command(tool_path("newsdex-index"),
                    {"--quiet", "--db", path("again.db").string(), path("export.jsonl").string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    auto second = bench({"export", "--db", path("again.db").string()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(exported_articles(second.out), first);

    EXPECT_EQ(bench({"export", "--db", path("no-such.db").string()}).exit_code, 3);
    EXPECT_EQ(bench({"export", "--bogus"}).exit_code, 2);
}

TEST_F(CliBench, EvalWritesRunFileAndMetrics) {
    write(path("topics.tsv"),
          "1\tceasefire talks\n2\tDOCKWORKERS AND PAY\n3\tno judgments for this one\n");
    write(path("qrels"), "1 0 jl-007 1\n1 0 jl-003 2\n2 0 jl-001 1\n");
    auto r = bench({"eval", "--db", db(), "--topics", path("topics.tsv").string(), "--qrels",
                    path("qrels").string(), "--run", path("run.txt").string(), "--limit", "50",
                    "--json", path("eval.json").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "nDCG@10")) << r.out;
    EXPECT_TRUE(contains(r.out, "1 skipped (no qrels)")) << r.out;

    const std::string run = slurp(path("run.txt"));
    EXPECT_TRUE(contains(run, "2 Q0 jl-001 ")) << run;
    std::istringstream lines(run);
    std::string topic, q0, docno, tag;
    int rank = 0;
    double score = 0;
    ASSERT_TRUE(lines >> topic >> q0 >> docno >> rank >> score >> tag);
    EXPECT_EQ(q0, "Q0");
    EXPECT_EQ(rank, 1);
    EXPECT_EQ(tag, "newsdex");

    auto d = parse_json(slurp(path("eval.json")));
    for (const char* key : {"map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank"})
        EXPECT_TRUE(d["mean"].HasMember(key)) << key;
    EXPECT_EQ(d["topics"].Size(), 2u);
    EXPECT_EQ(d["skipped"].Size(), 1u);
    EXPECT_TRUE(d["settings"]["any"].GetBool());
    // "AND" in an upper-case topic is a word, not an operator: topic 2 still finds jl-001.
    EXPECT_GT(d["topics"][1]["recip_rank"].GetDouble(), 0);

    auto all_words =
        bench({"eval", "--db", db(), "--topics", path("topics.tsv").string(), "--qrels",
               path("qrels").string(), "--all-words", "--bm25", "1.2,0.75", "--summary"});
    EXPECT_EQ(all_words.exit_code, 0) << all_words.err;
    EXPECT_TRUE(contains(all_words.out, "all words")) << all_words.out;
    EXPECT_EQ(bench({"eval", "--db", db(), "--topics", path("topics.tsv").string()}).exit_code, 2);
    EXPECT_EQ(bench({"eval", "--db", db(), "--topics", path("topics.tsv").string(), "--qrels",
                     path("qrels").string(), "--bm25", "1.2"})
                  .exit_code,
              2);
}

TEST(CliBenchGenCorpus, DeterministicJsonl) {
    const std::string corpus = (test::source_dir() / "corpus").string();
    auto a = bench({"gen-corpus", "--from", corpus, "--articles", "25", "--seed", "3"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    auto b = bench({"gen-corpus", "--from", corpus, "--articles", "25", "--seed", "3"});
    EXPECT_EQ(a.out, b.out);
    auto c = bench({"gen-corpus", "--from", corpus, "--articles", "25", "--seed", "4"});
    EXPECT_NE(a.out, c.out);
    std::istringstream lines(a.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        ++count;
        auto d = parse_json(line);
        EXPECT_TRUE(d.HasMember("title") && d.HasMember("body") && d.HasMember("date")) << line;
    }
    EXPECT_EQ(count, 25);
    EXPECT_EQ(bench({"gen-corpus", "--articles", "5"}).exit_code, 2) << "--from is required";
}

TEST(CliBenchGenCorpus, PlantedVariantsAndDedupPlanted) {
    const std::string corpus = (test::source_dir() / "corpus").string();
    test::TempDir dir;
    const std::string truth = (dir / "truth.tsv").string();
    auto planted = bench({"gen-corpus", "--from", corpus, "--articles", "25", "--seed", "3",
                          "--plant-variants", "0.2", "--truth", truth});
    ASSERT_EQ(planted.exit_code, 0) << planted.err;
    EXPECT_TRUE(contains(planted.err, "planted 5 variants")) << planted.err;
    EXPECT_EQ(std::count(planted.out.begin(), planted.out.end(), '\n'), 30);
    write(dir / "gen.jsonl", planted.out);
    auto indexed =
        run_command(tool_path("newsdex-index"),
                    {"--quiet", "--db", (dir / "gen.db").string(), (dir / "gen.jsonl").string()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    auto r = bench({"dedup", "--db", (dir / "gen.db").string(), "--planted", truth, "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_TRUE(d.HasMember("planted") && d["planted"].IsArray()) << r.out;
    ASSERT_EQ(d["planted"].Size(), 6u);
    EXPECT_EQ(std::string(d["planted"][5]["kind"].GetString()), "all");
    EXPECT_EQ(d["planted"][5]["planted"].GetUint64(), 5u);
    EXPECT_EQ(d["planted"][0]["near_duplicates_clustered"].GetUint64(), 1u)
        << "the one headline variant shares its original's cluster";

    for (std::vector<std::string> bad :
         {std::vector<std::string>{"--plant-variants", "0.2"},
          {"--plant-variants", "1.5", "--truth", truth},
          {"--plant-variants", "0.2", "--truth", truth, "--variants-per-article", "6"},
          {"--truth", truth}}) {
        bad.insert(bad.begin(), {"gen-corpus", "--from", corpus, "--articles", "5"});
        EXPECT_EQ(bench(bad).exit_code, 2) << bad[6];
    }
}

TEST(CliBenchTime, EvalOnTheTimeCollection) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("time");
    test::TempDir dir;
    const auto time = test::shared_corpus_dir() / "time";
    auto indexed = run_command(tool_path("newsdex-index"),
                               {"--quiet", "--db", (dir / "time.db").string(), time.string()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    auto r = bench({"eval", "--db", (dir / "time.db").string(), "--topics",
                    (time / "time.topics.tsv").string(), "--qrels", (time / "time.qrels").string(),
                    "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = parse_json(r.out);
    EXPECT_EQ(d["topics"].Size(), 83u);
    // A sanity floor far below what BM25 reaches on TIME (about 0.6-0.7 MAP),
    // so only a broken pipeline (docnos, ranking, metrics) trips it.
    EXPECT_GT(d["mean"]["map"].GetDouble(), 0.4);
    EXPECT_GT(d["mean"]["recall_100"].GetDouble(), 0.8);
}

}  // namespace
}  // namespace newsdex
