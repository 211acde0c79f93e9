// Sharded databases searched as one: a Xapian stub directory (DIR/XAPIANDB)
// over two databases built from halves of a corpus answers as one database
// holding everything, through the searcher library and newsdex-search --db
// DIR; so does a stub listing two xapian-tcpsrv servers on loopback and a
// local shard. A remote shard that is down or hangs is left out with a note
// naming it (exit 0), and used again once it is back.
//
// Corpus: Reuters-21578 from ../shared/corpus when present (halves by file),
// else the sample corpus/; the local third shard is a few articles written
// here. Compared: ids and order (articles tied in score may come in either
// order: a date sort breaks ties of date and score by document id, which
// sharding changes), scores within float tolerance, counts, facets, "did you
// mean".
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "article_lookup.h"
#include "searcher.h"
#include "support/run_command.h"
#include "support/test_paths.h"
#include "support/xapian_tcpsrv.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::run_command;
using test::tool_path;

/// The third, local shard of the remote test: a few articles of its own
/// collection that the queries below also find.
const char* kLocalArticles =
    R"({"id": "l1", "title": "Oil prices and the ceasefire talks", "body": "Oil prices rose as ceasefire talks on the harbour resumed; the bank said trade and gold were steady.", "date": "1987-03-02", "topics": ["crude"]}
{"id": "l2", "title": "Harbour council budget", "body": "The council discussed interest rates, oil and the harbour budget.", "topics": ["trade"]}
{"id": "l3", "title": "Gold and cocoa", "body": "Gold and cocoa prices in the talks; interest rates unchanged.", "date": "2024-10-18"}
)";

struct Corpus {
    std::vector<std::string> half1, half2;  ///< newsdex-index arguments of each half
    std::vector<std::string> queries;
    std::string misspelt;  ///< a query with a "did you mean"
    std::string show;      ///< COLLECTION/ID of an article of the second half
};

Corpus choose_corpus() {
    Corpus c;
    const fs::path reuters =
        test::shared_corpus_dir().empty() ? fs::path() : test::shared_corpus_dir() / "reuters21578";
    std::error_code ec;
    if (!reuters.empty() && fs::is_directory(reuters, ec)) {
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(reuters))
            if (entry.path().extension() == ".sgm") files.push_back(entry.path().string());
        std::sort(files.begin(), files.end());
        c.half1 = c.half2 = {"--collection", "reuters21578"};
        for (std::size_t i = 0; i < files.size(); ++i)
            (i < files.size() / 2 ? c.half1 : c.half2).push_back(files[i]);
        c.queries = {
            "oil prices",        "\"interest rates\"", "topic:crude opec",       "cocoa OR coffee",
            "date:1987-03 bank", "title:gold",         "place:usa trade deficit"};
        c.misspelt = "cofee prces";
        c.show = "reuters21578/20000";
    } else {
        const fs::path sample = test::source_dir() / "corpus";
        c.half1 = {(sample / "text").string(), (sample / "jsonl").string()};
        c.half2 = {(sample / "csv").string(), (sample / "trec").string()};
        c.queries = {"ceasefire", "harbour OR harbor", "talks",
                     "council",   "title:grandmaster", "date:2024 port"};
        c.misspelt = "zepelin";
        c.show = "trec/NDX-0001";
    }
    return c;
}

/// What is compared of a hit.
struct HitKey {
    std::string key;  ///< collection/id
    double score = 0;
};

bool same_score(double a, double b) {
    return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(a));
}

/// Equal ranking: scores rank by rank, and the same articles at each rank,
/// except that articles tied in score may come in either order (and a tie
/// cut by the end of the page may hold different articles).
void expect_same_hits(const std::vector<HitKey>& one, const std::vector<HitKey>& sharded,
                      std::size_t limit, const std::string& what) {
    ASSERT_EQ(one.size(), sharded.size()) << what;
    for (std::size_t i = 0; i < one.size(); ++i)
        ASSERT_TRUE(same_score(one[i].score, sharded[i].score))
            << what << ": rank " << i + 1 << ": " << one[i].key << " " << one[i].score << " vs "
            << sharded[i].key << " " << sharded[i].score;
    for (std::size_t i = 0; i < one.size();) {
        std::size_t j = i + 1;
        while (j < one.size() && same_score(one[i].score, one[j].score)) ++j;
        // The last group of a full page may be a tie that goes on past it.
        if (!(j == one.size() && one.size() == limit)) {
            std::multiset<std::string> a, b;
            for (std::size_t k = i; k < j; ++k) a.insert(one[k].key), b.insert(sharded[k].key);
            EXPECT_EQ(a, b) << what << ": ranks " << i + 1 << ".." << j;
        }
        i = j;
    }
}

std::vector<HitKey> keys(const SearchResult& r) {
    std::vector<HitKey> out;
    for (const Hit& h : r.hits) out.push_back({h.collection + "/" + h.id, h.score});
    return out;
}

void expect_same_result(const SearchResult& one, const SearchResult& sharded, std::size_t limit,
                        const std::string& what) {
    expect_same_hits(keys(one), keys(sharded), limit, what);
    // Several shards collapse on identity (the same article may be listed
    // twice), which can leave a large total a range, computed differently by
    // local and remote shards: each range must hold the true count, so an
    // exact count lies in the other's range, and two ranges overlap.
    if (one.total_is_exact && sharded.total_is_exact) {
        EXPECT_EQ(one.estimated_total, sharded.estimated_total) << what;
    } else {
        EXPECT_LE(std::max(one.total_lower, sharded.total_lower),
                  std::min(one.total_upper, sharded.total_upper))
            << what << ": " << one.total_lower << ".." << one.total_upper << " vs "
            << sharded.total_lower << ".." << sharded.total_upper;
    }
    ASSERT_EQ(one.facets.size(), sharded.facets.size()) << what;
    for (std::size_t f = 0; f < one.facets.size(); ++f) {
        ASSERT_EQ(one.facets[f].second.size(), sharded.facets[f].second.size()) << what;
        for (std::size_t v = 0; v < one.facets[f].second.size(); ++v) {
            EXPECT_EQ(one.facets[f].second[v].value, sharded.facets[f].second[v].value) << what;
            EXPECT_EQ(one.facets[f].second[v].count, sharded.facets[f].second[v].count) << what;
        }
    }
}

constexpr unsigned kLimit = 40;

SearchRequest request(const std::string& query, SortOrder sort = SortOrder::Relevance) {
    SearchRequest r;
    r.query = query;
    r.limit = kLimit;
    r.sort = sort;
    r.snippets = false;
    // One hit per article: near-duplicate clusters are found within each
    // database, so shards built apart do not join clusters across them.
    r.collapse = false;
    r.facets = {"topic", "year", "collection"};
    return r;
}

/// Databases indexed apart and searched as one are given one BM25 reference
/// length (README, shards), which `--shards` gives its shards by itself:
/// otherwise each takes the mean length of its own first articles, and
/// scores differ slightly between them.
test::CommandResult index(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--quiet", "--db", db, "--reference-length", "400"});
    return run_command(tool_path("newsdex-index"), args);
}

/// Built once per test process (ctest runs each test in its own, so the
/// tests below are few and long): one database with both halves, each half
/// alone, a stub over the halves, the local third shard, and one database
/// with all three. Built in SetUp, so that a failure fails the test.
class ShardsShared : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!dir_) build();
    }
    static void build() {
        dir_ = new test::TempDir();  // NOLINT: lives for the suite, freed in TearDownTestSuite
        corpus_ = new Corpus(choose_corpus());  // NOLINT
        fs::create_directories(*dir_ / "shards");
        std::vector<std::string> both = corpus_->half1;
        for (std::size_t i = corpus_->half1[0] == "--collection" ? 2 : 0; i < corpus_->half2.size();
             ++i)
            both.push_back(corpus_->half2[i]);
        for (auto [db, args] : {std::pair{path("one.db"), both},
                                {path("shards/h1"), corpus_->half1},
                                {path("shards/h2"), corpus_->half2}}) {
            auto r = index(db, args);
            ASSERT_EQ(r.exit_code, 0) << db << ": " << r.err;
        }
        // Relative paths in a stub are relative to its directory.
        std::ofstream(*dir_ / "shards" / "XAPIANDB") << "# two halves\nauto h1\nauto h2\n";

        std::ofstream(*dir_ / "local.jsonl") << kLocalArticles;
        auto local = index(path("local.db"), {"--collection", "local", path("local.jsonl")});
        ASSERT_EQ(local.exit_code, 0) << local.err;
        fs::copy(*dir_ / "one.db", *dir_ / "all.db", fs::copy_options::recursive);
        auto all = index(path("all.db"), {"--collection", "local", path("local.jsonl")});
        ASSERT_EQ(all.exit_code, 0) << all.err;
    }
    static void TearDownTestSuite() {
        delete corpus_;  // NOLINT
        delete dir_;     // NOLINT
        corpus_ = nullptr;
        dir_ = nullptr;
    }
    static std::string path(const std::string& name) { return (*dir_ / name).string(); }

    static test::TempDir* dir_;
    static Corpus* corpus_;
};

test::TempDir* ShardsShared::dir_ = nullptr;
Corpus* ShardsShared::corpus_ = nullptr;

/// The hits of newsdex-search --json, as compared.
std::vector<HitKey> cli_hits(const test::CommandResult& r, std::vector<std::string>* notes) {
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    EXPECT_FALSE(d.HasParseError()) << r.out;
    std::vector<HitKey> out;
    if (d.HasParseError() || !d.IsObject()) return out;
    for (const auto& h : d["hits"].GetArray())
        out.push_back({std::string(h["collection"].GetString()) + "/" + h["id"].GetString(),
                       h["score"].GetDouble()});
    if (notes)
        for (const auto& n : d["notes"].GetArray()) notes->push_back(n.GetString());
    return out;
}

test::CommandResult search(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db, "--json", "--no-collapse", "--no-snippets", "--limit",
                               std::to_string(kLimit)});
    return run_command(tool_path("newsdex-search"), args);
}

/// Two xapian-tcpsrv (one per half) and the local shard, in a stub.
class RemoteShardsShared : public ShardsShared {
  protected:
    void SetUp() override {
        if (test::XapianTcpServer::executable().empty())
            GTEST_SKIP() << "xapian-tcpsrv is not installed (scripts/setup.sh installs "
                            "xapian-tools): remote shards not tested";
        ShardsShared::SetUp();
        if (HasFatalFailure()) return;
        s1_.emplace(path("shards/h1"));
        s2_.emplace(path("shards/h2"));
        fs::create_directories(*dir_ / "remote");
        std::ofstream(*dir_ / "remote" / "XAPIANDB") << s1_->stub_line() << "\n"
                                                     << s2_->stub_line() << "\nauto ../local.db\n";
    }
    static ShardOptions quick() {
        ShardOptions o;
        o.remote_timeout = std::chrono::milliseconds(500);
        o.retry_after = std::chrono::milliseconds(0);
        return o;
    }
    static bool names(const SearchResult& r, const test::XapianTcpServer& s) {
        const std::string name = "127.0.0.1:" + std::to_string(s.port());
        return std::any_of(r.notes.begin(), r.notes.end(), [&](const std::string& n) {
            return n.find("shard " + name + " is missing") != std::string::npos;
        });
    }

    std::optional<test::XapianTcpServer> s1_, s2_;
};

TEST_F(ShardsShared, StubEqualsOneDatabase) {
    {
        SCOPED_TRACE("through the library");
        Searcher one({path("one.db")}), stub({path("shards")});
        EXPECT_EQ(stub.database().get_doccount(), one.database().get_doccount());
        std::size_t with_hits = 0;
        for (const auto& q : corpus_->queries)
            for (SortOrder sort : {SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest}) {
                SearchResult a = one.search(request(q, sort)), b = stub.search(request(q, sort));
                with_hits += !a.hits.empty();
                expect_same_result(a, b, kLimit, "'" + q + "' sort " + std::to_string(int(sort)));
            }
        EXPECT_EQ(with_hits, corpus_->queries.size() * 3) << "every query should find something";

        SearchRequest misspelt = request(corpus_->misspelt);
        const std::string suggestion = one.search(misspelt).suggestion;
        EXPECT_FALSE(suggestion.empty());
        EXPECT_EQ(stub.search(misspelt).suggestion, suggestion);

        auto key = *parse_article_key(corpus_->show);
        auto shown = stub.find_article(key.collection, key.id);
        ASSERT_TRUE(shown) << corpus_->show;
        EXPECT_EQ(shown->title, one.find_article(key.collection, key.id)->title);
        EXPECT_EQ(stub.info().articles, one.info().articles);
    }
    {
        SCOPED_TRACE("through newsdex-search");
        for (const auto& q : corpus_->queries) {
            auto a = search(path("one.db"), {q}), b = search(path("shards"), {q});
            ASSERT_EQ(a.exit_code, 0) << a.err;
            ASSERT_EQ(b.exit_code, 0) << b.err;
            auto hits = cli_hits(a, nullptr);
            EXPECT_FALSE(hits.empty()) << q;
            expect_same_hits(hits, cli_hits(b, nullptr), kLimit, q);
        }
        auto shown_one = run_command(tool_path("newsdex-search"),
                                     {"--db", path("one.db"), "--show", corpus_->show, "--json"});
        auto shown_stub = run_command(tool_path("newsdex-search"),
                                      {"--db", path("shards"), "--show", corpus_->show, "--json"});
        EXPECT_EQ(shown_stub.exit_code, 0) << shown_stub.err;
        EXPECT_EQ(shown_stub.out, shown_one.out);
    }
    {
        SCOPED_TRACE("a bad stub line");
        fs::create_directories(*dir_ / "bad");
        std::ofstream(*dir_ / "bad" / "XAPIANDB")
            << "auto ../shards/h1\nremote :ssh host xapian-progsrv\n";
        auto r = run_command(tool_path("newsdex-search"), {"--db", path("bad"), "oil"});
        EXPECT_EQ(r.exit_code, 3) << r.err;
        EXPECT_NE(r.err.find("XAPIANDB:2:"), std::string::npos) << r.err;
        std::ofstream(*dir_ / "bad" / "XAPIANDB") << "auto ../no-such-shard\n";
        r = run_command(tool_path("newsdex-search"), {"--db", path("bad"), "oil"});
        EXPECT_EQ(r.exit_code, 3) << r.err;
        EXPECT_NE(r.err.find("no-such-shard"), std::string::npos) << r.err;
    }
}

TEST_F(RemoteShardsShared, RemoteShardsEqualOneDatabaseAndFailSoftly) {
    {
        SCOPED_TRACE("two remote shards and a local one");
        Searcher all({path("all.db")}), remote({path("remote")});
        EXPECT_EQ(remote.database().get_doccount(), all.database().get_doccount());
        std::size_t with_hits = 0;
        for (const auto& q : corpus_->queries)
            for (SortOrder sort : {SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest}) {
                SearchResult a = all.search(request(q, sort)), b = remote.search(request(q, sort));
                with_hits += !a.hits.empty();
                EXPECT_TRUE(b.notes.empty()) << ::testing::PrintToString(b.notes);
                expect_same_result(a, b, kLimit, "'" + q + "' sort " + std::to_string(int(sort)));
            }
        EXPECT_EQ(with_hits, corpus_->queries.size() * 3);
        auto key = *parse_article_key(corpus_->show);
        auto shown = remote.find_article(key.collection, key.id);
        ASSERT_TRUE(shown);
        EXPECT_EQ(shown->body, all.find_article(key.collection, key.id)->body);

        // And through newsdex-search.
        for (const auto& q : corpus_->queries) {
            auto a = search(path("all.db"), {q}), b = search(path("remote"), {q});
            ASSERT_EQ(b.exit_code, 0) << b.err;
            expect_same_hits(cli_hits(a, nullptr), cli_hits(b, nullptr), kLimit, q);
        }
    }
    {
        SCOPED_TRACE("a shard killed, then back");
        Searcher remote({path("remote")}, quick());
        Searcher without_s2({path("shards/h1"), path("local.db")});
        const SearchRequest r = request(corpus_->queries[0]);
        const SearchResult whole = remote.search(r);
        ASSERT_FALSE(whole.hits.empty());
        ASSERT_TRUE(whole.notes.empty());

        s2_->kill();  // the connection the Searcher holds dies with it
        SearchResult partial = remote.search(r);
        EXPECT_TRUE(names(partial, *s2_)) << ::testing::PrintToString(partial.notes);
        expect_same_result(without_s2.search(r), partial, kLimit, "s2 down");

        auto cli = search(path("remote"), {"--remote-timeout-ms", "500", corpus_->queries[0]});
        EXPECT_EQ(cli.exit_code, 0) << cli.err;
        std::vector<std::string> notes;
        cli_hits(cli, &notes);
        ASSERT_EQ(notes.size(), 1u) << cli.out;
        EXPECT_NE(notes[0].find(std::to_string(s2_->port())), std::string::npos) << notes[0];
        auto text = run_command(tool_path("newsdex-search"),
                                {"--db", path("remote"), "--color", "never", corpus_->queries[0]});
        EXPECT_EQ(text.exit_code, 0) << text.err;
        EXPECT_NE(
            text.out.find("note: shard 127.0.0.1:" + std::to_string(s2_->port()) + " is missing"),
            std::string::npos)
            << text.out;

        s2_->restart();
        SearchResult back = remote.search(r);
        EXPECT_TRUE(back.notes.empty()) << ::testing::PrintToString(back.notes);
        expect_same_result(whole, back, kLimit, "s2 back");
    }
    {
        SCOPED_TRACE("a shard hanging, then back");
        Searcher remote({path("remote")}, quick());
        Searcher without_s1({path("shards/h2"), path("local.db")});
        const SearchRequest r = request(corpus_->queries[0]);
        const SearchResult whole = remote.search(r);
        ASSERT_TRUE(whole.notes.empty());

        // A stopped server accepts connections (the kernel does) but never
        // answers: only the timeout ends the wait.
        s1_->pause();
        SearchResult partial = remote.search(r);
        EXPECT_TRUE(names(partial, *s1_)) << ::testing::PrintToString(partial.notes);
        expect_same_result(without_s1.search(r), partial, kLimit, "s1 hanging");

        s1_->resume();
        SearchResult back = remote.search(r);
        EXPECT_TRUE(back.notes.empty()) << ::testing::PrintToString(back.notes);
        expect_same_result(whole, back, kLimit, "s1 back");
    }
    {
        SCOPED_TRACE("every shard down");
        fs::create_directories(*dir_ / "remote-only");
        std::ofstream(*dir_ / "remote-only" / "XAPIANDB") << s1_->stub_line() << "\n";
        s1_->kill();
        auto r = search(path("remote-only"), {"--remote-timeout-ms", "500", "oil"});
        EXPECT_EQ(r.exit_code, 3) << r.err;
        EXPECT_NE(r.err.find("no shard answers"), std::string::npos) << r.err;
        EXPECT_EQ(search(path("remote"), {"--remote-timeout-ms", "0", "oil"}).exit_code, 2);
    }
}

}  // namespace
}  // namespace newsdex
