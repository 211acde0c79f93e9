// newsdex-serve's endpoints, called as the HTTP layer calls them: parameters,
// errors (always JSON), escaping, the static page, time limits and reopening
// when a writer commits a new revision.

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "api.h"
#include "result_format.h"
#include "static_files.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex::server {
namespace {

using test::make_article;

rapidjson::Document parse(const std::string& body) {
    rapidjson::Document d;
    d.Parse(body.c_str());
    EXPECT_FALSE(d.HasParseError()) << body;
    return d;
}

class ApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::build_fixture_index(
            db_path(),
            {make_article("1", "Cocoa prices rise in Ghana", "Cocoa prices rose sharply on Monday.",
                          "1987-03-02", "Reuters", {"cocoa"}),
             make_article("2", "Cocoa harvest delayed", "The cocoa harvest and its prices.",
                          "1987-04-10", "Reuters", {"cocoa", "grain"}),
             make_article("3", "Grain exports", "Wheat and grain exports grew.", "1988-01-05",
                          "Harbor Gazette", {"grain"}),
             make_article("dir/4.txt", "<script>alert(1)</script> cocoa & \"quotes\"",
                          "Body with <b>tags</b> and cocoa.", "1987-03-05", "Reuters")});
        worker_ = std::make_unique<Worker>(std::vector<std::string>{db_path().string()});
    }

    std::filesystem::path db_path() const { return dir_.path() / "news.db"; }

    Response get(const std::string& target) {
        return handle("GET", target, *worker_, limits_, std::chrono::steady_clock::now());
    }

    /// A 4xx/5xx answer: JSON with the status and a message naming `mentions`.
    void expect_error(const std::string& target, unsigned status, const std::string& mentions) {
        Response r = get(target);
        EXPECT_EQ(r.status, status) << target << " -> " << r.body;
        EXPECT_EQ(r.content_type, "application/json");
        auto d = parse(r.body);
        ASSERT_TRUE(d.IsObject() && d.HasMember("error")) << r.body;
        EXPECT_EQ(d["status"].GetUint(), status);
        EXPECT_NE(std::string(d["error"].GetString()).find(mentions), std::string::npos)
            << target << " -> " << r.body;
    }

    test::TempDir dir_;
    Limits limits_;
    std::unique_ptr<Worker> worker_;
};

TEST_F(ApiTest, SearchIsTheSearcherJsonOfTheSameRequest) {
    Response r = get("/api/search?q=cocoa+prices&limit=2&facet=topic,source");
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.content_type, "application/json");

    SearchRequest request;
    request.query = "cocoa prices";
    request.limit = 2;
    request.facets = {"topic", "source"};
    Searcher direct({db_path().string()});
    auto expected = parse(format_json(direct.search(request)));
    auto got = parse(r.body);
    // took_ms is the only field allowed to differ.
    expected.RemoveMember("took_ms");
    got.RemoveMember("took_ms");
    EXPECT_TRUE(expected == got) << r.body;
    EXPECT_EQ(got["hits"].Size(), 2u);
    EXPECT_TRUE(got["facets"].HasMember("topic"));
}

TEST_F(ApiTest, ParametersReachTheSearch) {
    auto d = parse(get("/api/search?q=cocoa&sort=oldest&limit=1&offset=1").body);
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_EQ(d["hits"][0]["rank"].GetUint(), 2u);
    EXPECT_STREQ(d["hits"][0]["date"].GetString(), "1987-03-05");  // 2nd oldest cocoa article

    d = parse(get("/api/search?q=cocoa&date=1987-04").body);
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_STREQ(d["hits"][0]["id"].GetString(), "2");

    // A date range alone browses the range.
    d = parse(get("/api/search?q=&date=1988&sort=newest").body);
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_STREQ(d["hits"][0]["id"].GetString(), "3");

    d = parse(get("/api/search?q=wheat+harvest&any=1").body);
    EXPECT_EQ(d["hits"].Size(), 2u);
    d = parse(get("/api/search?q=wheat+harvest&any=0").body);
    EXPECT_TRUE(d["relaxed"].GetBool());

    // Percent-escapes and '+' decode; the filter syntax of the query language works.
    d = parse(get("/api/search?q=topic%3Agrain%20cocoa&facet=source&facet=year").body);
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_STREQ(d["hits"][0]["id"].GetString(), "2");
    EXPECT_TRUE(d["facets"].HasMember("source"));
    EXPECT_TRUE(d["facets"].HasMember("year"));
}

TEST_F(ApiTest, BadParametersAre400WithAJsonMessage) {
    expect_error("/api/search", 400, "q is required");
    expect_error("/api/search?q=", 400, "q is required");
    expect_error("/api/search?q=a&limit=abc", 400, "limit must be a whole number");
    expect_error("/api/search?q=a&limit=-1", 400, "limit must be a whole number");
    expect_error("/api/search?q=a&limit=101", 400, "limit is at most 100");
    expect_error("/api/search?q=a&offset=10001", 400, "offset is at most 10000");
    expect_error("/api/search?q=a&sort=random", 400, "sort must be");
    expect_error("/api/search?q=a&facet=author", 400, "facet must be");
    expect_error("/api/search?q=a&any=maybe", 400, "any must be");
    expect_error("/api/search?q=a&lang=english", 400, "lang must be");
    expect_error("/api/search?q=a&date=1987-02-30", 400, "date must be");
    expect_error("/api/search?q=a&date=tomorrow", 400, "date must be");
    expect_error("/api/search?q=a&q=b", 400, "given twice");
    expect_error("/api/search?q=a&limt=5", 400, "unknown parameter limt");
    expect_error("/api/search?q=%zz", 400, "malformed");
    expect_error("/api/search?q=caf%E9", 400, "not valid UTF-8");
    expect_error("/api/search?q=" + std::string(1025, 'a'), 400, "longer than 1024");
    expect_error("/api/nothing", 404, "no such endpoint");
    Response r =
        handle("POST", "/api/search?q=a", *worker_, limits_, std::chrono::steady_clock::now());
    EXPECT_EQ(r.status, 405u);
    ASSERT_FALSE(r.headers.empty());
    EXPECT_EQ(r.headers.back().first, "Allow");
}

TEST_F(ApiTest, ArticleByCollectionAndIdAnd404WhenAbsent) {
    Response r = get("/api/article/fixtures/1");
    ASSERT_EQ(r.status, 200u) << r.body;
    auto d = parse(r.body);
    EXPECT_STREQ(d["title"].GetString(), "Cocoa prices rise in Ghana");
    EXPECT_STREQ(d["body"].GetString(), "Cocoa prices rose sharply on Monday.");
    EXPECT_STREQ(d["date"].GetString(), "1987-03-02");
    EXPECT_EQ(d["topics"].Size(), 1u);

    // An id with '/' works escaped or not.
    EXPECT_EQ(get("/api/article/fixtures/dir%2F4.txt").status, 200u);
    EXPECT_EQ(get("/api/article/fixtures/dir/4.txt").status, 200u);

    expect_error("/api/article/fixtures/99", 404, "no article 99");
    expect_error("/api/article/other/1", 404, "in collection other");
    expect_error("/api/article/fixtures", 404, "no such article");
    expect_error("/api/article/fixtures/%4", 400, "malformed");
}

TEST_F(ApiTest, TextIsEscapedInEveryHtmlField) {
    auto d = parse(get("/api/search?q=cocoa+alert").body);
    // One article has both words; the others with "cocoa" rank after it
    // (fewer than kFewAllWordsMatches have every word).
    ASSERT_GE(d["hits"].Size(), 1u);
    const std::string title_html = d["hits"][0]["title_html"].GetString();
    EXPECT_EQ(title_html.find("<script"), std::string::npos) << title_html;
    EXPECT_NE(title_html.find("&lt;script&gt;"), std::string::npos) << title_html;
    EXPECT_NE(title_html.find("&amp;"), std::string::npos) << title_html;
    const std::string snippet = d["hits"][0]["snippet"].GetString();
    EXPECT_EQ(snippet.find("<b>"), std::string::npos) << snippet;
    EXPECT_NE(snippet.find("<mark>cocoa</mark>"), std::string::npos) << snippet;
    // The raw title is plain text in JSON (the page inserts it as text).
    EXPECT_STREQ(d["hits"][0]["title"].GetString(), "<script>alert(1)</script> cocoa & \"quotes\"");
}

TEST_F(ApiTest, ThePageIsEmbeddedAndNothingIsReadFromAUrlPath) {
    Response page = get("/");
    ASSERT_EQ(page.status, 200u);
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("<script src=\"/static/app.js\""), std::string::npos);
    EXPECT_EQ(get("/static/app.js").content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(get("/static/style.css").content_type, "text/css; charset=utf-8");
    expect_error("/static/../api.cc", 404, "no such page");
    expect_error("/static/%2e%2e/CMakeLists.txt", 404, "no such page");
    expect_error("/static/", 404, "no such page");
    // The page builds the DOM from text: no HTML is parsed from the server's data.
    const StaticFile* js = find_static_file("app.js");
    ASSERT_NE(js, nullptr);
    EXPECT_EQ(js->body.find("innerHTML"), std::string_view::npos);
    EXPECT_EQ(js->body.find("insertAdjacentHTML"), std::string_view::npos);
    EXPECT_EQ(js->body.find("eval("), std::string_view::npos);
}

TEST_F(ApiTest, EveryResponseCarriesTheSecurityHeaders) {
    bool csp = false, nosniff = false;
    for (const auto& [name, value] : common_headers()) {
        if (name == "Content-Security-Policy")
            csp = value.find("default-src 'none'") != std::string::npos &&
                  value.find("script-src 'self'") != std::string::npos;
        if (name == "X-Content-Type-Options") nosniff = value == "nosniff";
    }
    EXPECT_TRUE(csp);
    EXPECT_TRUE(nosniff);
}

TEST_F(ApiTest, ASearchPastItsTimeIs503NotAHeldWorker) {
    // The deadline has passed before the search starts: the searcher stops at
    // its first check, whatever the machine's speed.
    const auto long_ago = std::chrono::steady_clock::now() - std::chrono::seconds(10);
    Response r = handle("GET", "/api/search?q=cocoa&facet=topic", *worker_, limits_, long_ago);
    EXPECT_EQ(r.status, 503u) << r.body;
    auto d = parse(r.body);
    EXPECT_NE(std::string(d["error"].GetString()).find("longer than 2000 ms"), std::string::npos);
    // The worker is fine afterwards.
    EXPECT_EQ(get("/api/search?q=cocoa").status, 200u);
}

TEST_F(ApiTest, ANewRevisionIsSearchedWithoutRestart) {
    auto info = parse(get("/api/info").body);
    EXPECT_EQ(info["articles"].GetUint64(), 4u);
    EXPECT_EQ(parse(get("/api/search?q=zeppelin").body)["hits"].Size(), 0u);
    EXPECT_EQ(get("/api/article/fixtures/5").status, 404u);

    test::add_fixture_articles(db_path(), {make_article("5", "Zeppelin lands in Friedrichshafen",
                                                        "A zeppelin landed.", "1987-05-01")});

    auto d = parse(get("/api/search?q=zeppelin").body);
    ASSERT_EQ(d["hits"].Size(), 1u);
    EXPECT_STREQ(d["hits"][0]["id"].GetString(), "5");
    EXPECT_EQ(get("/api/article/fixtures/5").status, 200u);
    EXPECT_EQ(parse(get("/api/info").body)["articles"].GetUint64(), 5u);  // not the cached 4
    EXPECT_EQ(parse(get("/healthz").body)["articles"].GetUint64(), 5u);
}

}  // namespace
}  // namespace newsdex::server
