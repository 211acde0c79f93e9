// What queries find: each row runs build_query against a fixture index of
// invented articles (written through the real document builder) and compares
// the matching ids, order-insensitively, and optionally the top hit.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query_builder.h"
#include "ranking_bonuses.h"
#include "spelling_suggestion.h"
#include "stored_fields.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::make_article;

std::vector<Article> fixture_articles() {
    std::vector<Article> a;
    // Compounds, possessives, stemming.
    a.push_back(make_article("a01", "Envoy shares cease-fire plans",
                             "Secretary Blinken shared cease-fire plans with officials during the "
                             "visit.",
                             "2024-10-22", "Harbor Gazette", {"diplomacy"}));
    a.push_back(make_article("a02", "Talks on a ceasefire resume",
                             "Blinken\u2019s deputies said a ceasefire deal was close after "
                             "negotiations in Cairo.",
                             "2024-10-05", "Coastal Times", {"diplomacy"}));
    // Same words, same lengths: only proximity tells them apart. Each pair
    // below is added loser first, so a tie (broken by docid) cannot pass
    // a ranking row by accident.
    a.push_back(make_article("a04", "Port notice",
                             "Ferry changes were announced by the port today, and officials said "
                             "new schedules start Monday.",
                             "2024-09-11", "Harbor Gazette", {"transport"}));
    a.push_back(make_article("a03", "Port update",
                             "New ferry schedules were announced by the port today, and officials "
                             "said changes start Monday.",
                             "2024-09-10", "Harbor Gazette", {"transport"}));
    // Title match vs body-only match.
    a.push_back(make_article("a06", "Volunteers on the pier",
                             "Work on the old lighthouse went on Saturday.", "2023-05-02",
                             "Coastal Times"));
    a.push_back(make_article("a05", "Lighthouse restoration begins",
                             "Volunteers gathered on the pier on Saturday.", "2023-05-01",
                             "Coastal Times"));
    a.push_back(make_article("a07", "City planning board meets",
                             "The planning board reviewed zoning proposals.", "2022-01-15"));
    a.push_back(make_article("a08", "A new caf\u00e9 opens",
                             "The caf\u00e9 on Rue Montaigne serves na\u00efve pastries."));
    a.push_back(make_article("a09", "\u6771\u4eac\u90fd\u306e\u9078\u6319",
                             "\u6771\u4eac\u90fd\u306e\u9078\u6319\u3067\u65b0\u3057\u3044\u77e5"
                             "\u4e8b\u304c\u9078\u3070\u308c\u305f\u3002",
                             "2023-04-10", "", {}, "ja"));
    a.push_back(make_article("a10", "Blinken's remarks", "The secretary's remarks were brief.",
                             "2024-09-30"));
    // NEAR: adjacent-ish vs far apart.
    a.push_back(make_article("a12", "Parliament",
                             "Netanyahu addressed parliament about the budget, the coalition, the "
                             "courts, the economy and the war, and only at the very end did he "
                             "mention Blinken.",
                             "2024-08-02"));
    a.push_back(make_article("a11", "Meeting", "Blinken met Netanyahu in Jerusalem on Tuesday.",
                             "2024-08-01"));
    Article a13 = make_article("a13", "Union negotiator speaks",
                               "The negotiator said wages would rise.", "2021-06-01");
    a13.authors = {"Jane Doe"};
    a.push_back(std::move(a13));
    // Reuters-like 1987 articles for the date forms.
    a.push_back(make_article("a14", "Cocoa exports rise", "Cocoa exports from the port rose.",
                             "1987-03-05", "Reuters", {"cocoa"}));
    a.push_back(make_article("a15", "Grain shipments", "Wheat and grain shipments fell.",
                             "1987-02-26", "Reuters", {"grain", "wheat"}));
    a.push_back(make_article("a16", "Sugar prices", "Sugar prices climbed at the end of the month.",
                             "1987-03-31", "Reuters", {"sugar"}));
    // Part-words: ICU's dictionary keeps 南アフリカ (South Africa) as one word.
    a.push_back(make_article("a17", "\u5357\u30a2\u30d5\u30ea\u30ab\u306e\u7d4c\u6e08",
                             "\u5357\u30a2\u30d5\u30ea\u30ab\u306e\u7d4c\u6e08\u304c\u56de"
                             "\u5fa9\u3057\u305f\u3002",
                             "2023-04-11", "", {}, "ja"));
    a.push_back(make_article("a18", "\u30a2\u30d5\u30ea\u30ab\u306e\u5929\u6c17",
                             "\u30a2\u30d5\u30ea\u30ab\u306f\u6674\u308c\u3002", "2023-04-12", "",
                             {}, "ja"));
    // A Reuters headline with its source after a dash, and a dotted ticker.
    a.push_back(make_article("a19", "Coffee prices bad news for Latin America -minister",
                             "Low coffee prices hurt the region, the minister said."));
    a.push_back(make_article("a20", "Commerzbank stake <CBKG.F>",
                             "Commerzbank AG <CBKG.F> holds the stake."));
    return a;
}

struct Fixture {
    test::TempDir dir;
    Xapian::Database db;
    Fixture() : db(test::build_fixture_index(dir / "db", fixture_articles())) {}
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

/// Ids of the matches, best first.
std::vector<std::string> run(const Xapian::Database& db, const Xapian::Query& q) {
    std::vector<std::string> ids;
    if (q.empty()) return ids;
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ids.push_back(decode_stored_fields(it.get_document().get_data()).id);
    return ids;
}

std::string joined(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
    return out;
}

std::string all_but(const std::set<std::string>& excluded) {
    std::vector<std::string> ids;
    for (const auto& a : fixture_articles())
        if (!excluded.count(a.id)) ids.push_back(a.id);
    return joined(ids);
}

struct SemanticsCase {
    const char* name;
    std::string query;
    std::string expected;  ///< sorted ids, space-separated ("" = no match)
    std::string top = "";  ///< expected best hit, when ranking matters
    bool any = false;
};

void PrintTo(const SemanticsCase& c, std::ostream* os) { *os << c.name << " [" << c.query << "]"; }

class QuerySemantics : public ::testing::TestWithParam<SemanticsCase> {};

TEST_P(QuerySemantics, Matches) {
    const auto& c = GetParam();
    TextAnalyzer analyzer;
    QueryOptions options;
    options.any = c.any;
    QueryPlan plan = build_query(c.query, options, analyzer);
    std::vector<std::string> ids = run(fixture().db, plan.query);
    EXPECT_EQ(joined(ids), c.expected) << plan.query.get_description();
    if (!c.top.empty()) {
        ASSERT_FALSE(ids.empty());
        EXPECT_EQ(ids.front(), c.top) << plan.query.get_description();
    }
}

const SemanticsCase kCases[] = {
    // --- free words, stemming, folding
    {"single_word", "lighthouse", "a05 a06"},
    {"words_are_anded", "ferry schedules", "a03 a04"},
    {"case_insensitive", "FERRY Schedules", "a03 a04"},
    {"stem_plans_finds_planning", "plans", "a01 a07"},
    {"stem_planning_finds_plans", "planning", "a01 a07"},
    {"accent_free_query_finds_accented", "cafe", "a08"},
    {"accented_query", "caf\u00e9", "a08"},
    {"accented_phrase", "\"naive pastries\"", "a08"},
    {"possessive_straight", "Blinken's", "a01 a02 a10 a11 a12"},
    {"possessive_curly", "Blinken\u2019s", "a01 a02 a10 a11 a12"},
    {"plain_name", "blinken", "a01 a02 a10 a11 a12"},
    {"japanese_word_split_into_phrase", "\u6771\u4eac\u90fd\u306e\u9078\u6319", "a09"},
    {"japanese_single_word", "\u9078\u6319", "a09"},
    {"any_mode_ors_words", "cocoa sugar", "a14 a16", "", true},
    // --- compounds: three spellings, one meaning
    {"joined_word", "ceasefire", "a01 a02"},
    {"hyphenated_word", "cease-fire", "a01 a02"},
    {"spaced_phrase", "\"cease fire\"", "a01 a02"},
    {"unicode_hyphen", "cease\u2010fire", "a01 a02"},
    // CJK part-words: アフリカ inside 南アフリカ, the article with the word itself first.
    {"cjk_part_word", "\u30a2\u30d5\u30ea\u30ab", "a17 a18", "a18"},
    {"cjk_whole_dictionary_word", "\u5357\u30a2\u30d5\u30ea\u30ab", "a17"},
    // Dotted tickers: by each part, whole, or joined.
    {"dotted_ticker_part", "CBKG", "a20"},
    {"dotted_ticker_whole", "<CBKG.F>", "a20"},
    {"dotted_ticker_joined", "cbkgf", "a20"},
    {"phrase_with_compound", "\"cease-fire plans\"", "a01"},
    {"joined_term_before_next_word", "\"ceasefire plans\"", "a01"},
    {"title_compound", "title:ceasefire", "a01 a02"},
    // --- phrases
    {"phrase_only_where_adjacent", "\"ferry schedules\"", "a03"},
    {"one_word_phrase_is_exact", "\"planning\"", "a07"},
    {"one_word_phrase_no_stemming", "\"plan\"", ""},
    // --- boolean operators
    {"or", "cocoa OR sugar", "a14 a16"},
    {"explicit_and", "ferry AND schedules", "a03 a04"},
    {"and_finds_nothing", "cocoa sugar", ""},
    {"minus_word", "blinken -ceasefire", "a10 a11 a12"},
    {"not_group", "blinken NOT (ceasefire OR netanyahu)", "a10"},
    {"and_not", "blinken AND NOT netanyahu", "a01 a02 a10"},
    {"plus_word", "+blinken remarks", "a10"},
    {"or_with_group", "(cocoa OR sugar) prices", "a16"},
    {"pure_negative_minus", "-cocoa", all_but({"a14"})},
    {"pure_negative_not", "NOT cocoa", all_but({"a14"})},
    {"excluded_phrase", "ferry -\"ferry schedules\"", "a04"},
    // --- NEAR
    {"near_default_window", "blinken NEAR netanyahu", "a11"},
    {"near_n", "blinken NEAR/3 netanyahu", "a11"},
    {"near_too_tight", "blinken NEAR/1 jerusalem", ""},
    {"near_any_order", "netanyahu NEAR/2 blinken", "a11"},
    // --- wildcards
    {"wildcard", "negotiat*", "a02 a13"},
    {"wildcard_case_folded", "NEGOTIAT*", "a02 a13"},
    {"title_wildcard", "title:negotiat*", "a13"},
    // --- fields
    {"title_word", "title:lighthouse", "a05"},
    {"title_stem", "title:plans", "a01 a07"},
    {"title_phrase", "title:\"restoration begins\"", "a05"},
    {"author_phrase", "author:\"Jane Doe\"", "a13"},
    {"author_word", "author:doe", "a13"},
    {"author_wrong_order", "author:\"Doe Jane\"", ""},
    {"source_filter_only", "source:reuters", "a14 a15 a16"},
    {"source_case_insensitive", "source:REUTERS", "a14 a15 a16"},
    {"source_quoted", "source:\"Harbor Gazette\"", "a01 a03 a04"},
    {"source_with_words", "prices source:reuters", "a16"},
    {"same_field_ors", "source:reuters source:\"Coastal Times\" exports", "a14"},
    {"same_field_ors_filters_only", "source:\"Coastal Times\" source:reuters",
     "a02 a05 a06 a14 a15 a16"},
    {"different_fields_and", "source:reuters topic:cocoa", "a14"},
    {"topics_or", "topic:grain topic:sugar", "a15 a16"},
    {"topic_or_explicit", "topic:grain OR topic:sugar", "a15 a16"},
    {"lang_code", "lang:ja", "a09 a17 a18"},
    {"lang_name", "lang:Japanese", "a09 a17 a18"},
    {"collection", "collection:fixtures cocoa", "a14"},
    {"id", "id:a07", "a07"},
    {"excluded_filter", "-source:reuters", all_but({"a14", "a15", "a16"})},
    {"unknown_field_is_text", "rue:montaigne", "a08"},
    // --- dates
    {"date_year", "date:1987", "a14 a15 a16"},
    {"date_month", "date:1987-03", "a14 a16"},
    {"date_day", "date:1987-03-05", "a14"},
    {"date_range_inclusive", "date:1987-03-01..1987-03-31", "a14 a16"},
    {"date_range_days", "date:2024-09-30..2024-10-05", "a02 a10"},
    {"date_open_start", "date:..1987-02", "a15"},
    {"date_open_end", "date:2024-10..", "a01 a02"},
    {"date_with_words", "prices date:1987", "a16"},
    {"date_invalid_ignored", "cocoa date:1987-13", "a14"},
    // --- lenient input still searches what it can
    {"unbalanced_quote", "\"cease fire", "a01"},
    {"unbalanced_parenthesis", "(cocoa OR sugar", "a14 a16"},
    {"dangling_and", "cocoa AND", "a14"},
    {"only_operators", "AND OR NOT", ""},
    {"only_punctuation", "!!! ... ---", ""},
    // --- ranking
    {"title_match_above_body_match", "lighthouse", "a05 a06", "a05"},
    {"adjacent_above_scattered", "ferry schedules", "a03 a04", "a03"},
    {"close_above_far", "blinken netanyahu", "a11 a12", "a11"},
};

INSTANTIATE_TEST_SUITE_P(Query, QuerySemantics, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

// --- relaxed fallback --------------------------------------------------------

TEST(QueryRelaxed, AndOfWordsHasAnOrFallback) {
    TextAnalyzer analyzer;
    QueryPlan plan = build_query("cocoa sugar", {}, analyzer);
    EXPECT_EQ(joined(run(fixture().db, plan.query)), "");
    ASSERT_FALSE(plan.relaxed.empty());
    EXPECT_EQ(joined(run(fixture().db, plan.relaxed)), "a14 a16");
}

TEST(QueryRelaxed, KeepsFiltersAndExclusions) {
    TextAnalyzer analyzer;
    QueryPlan plan = build_query("cocoa sugar grain -wheat source:reuters", {}, analyzer);
    ASSERT_FALSE(plan.relaxed.empty());
    EXPECT_EQ(joined(run(fixture().db, plan.relaxed)), "a14 a16");
    plan = build_query("cocoa ferry date:1987", {}, analyzer);
    EXPECT_EQ(joined(run(fixture().db, plan.relaxed)), "a14");
}

TEST(QueryRelaxed, NotForOneWordOrAnyMode) {
    TextAnalyzer analyzer;
    EXPECT_TRUE(build_query("cocoa", {}, analyzer).relaxed.empty());
    EXPECT_TRUE(build_query("cocoa -sugar", {}, analyzer).relaxed.empty());
    QueryOptions any;
    any.any = true;
    EXPECT_TRUE(build_query("cocoa sugar", any, analyzer).relaxed.empty());
}

TEST(QueryLiteral, PastedHeadlineWithADashHasALiteralVariant) {
    TextAnalyzer analyzer;
    QueryPlan plan =
        build_query("coffee prices bad news for latin america -minister", {}, analyzer);
    EXPECT_EQ(joined(run(fixture().db, plan.query)), "");
    ASSERT_FALSE(plan.literal.empty());
    EXPECT_EQ(joined(run(fixture().db, plan.literal)), "a19");
    EXPECT_NE(plan.literal_note.find("-minister"), std::string::npos) << plan.literal_note;
    std::string notes;
    for (const auto& n : plan.notes) notes += n + "; ";
    EXPECT_NE(notes.find("excluded: articles matching -minister"), std::string::npos) << notes;
    // No '-word' exclusion, no literal variant.
    EXPECT_TRUE(build_query("coffee prices", {}, analyzer).literal.empty());
    EXPECT_TRUE(build_query("coffee -\"latin america\"", {}, analyzer).literal.empty());
}

// --- whole-title bonus ---------------------------------------------------------

/// The best hit's id with the searcher's BM25 (k1 2.0, b 0.75).
std::string top_hit(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight(2.0, 0, 1, 0.75, 0.5));
    Xapian::MSet mset = enquire.get_mset(0, 1);
    return mset.empty() ? "" : decode_stored_fields(mset.begin().get_document().get_data()).id;
}

TEST(QueryWholeTitle, ATitleTypedAsTheQueryRanksFirstInEveryLanguage) {
    // Each target's title is the query; each rival has the same words in its
    // body, more often, and a title sharing some of them. A Japanese headline
    // is one unspaced "word" of ~11 tokens: no per-word title bonus and no
    // proximity bonus reach it.
    const std::string ja_title =
        "\u677e\u5ca1\u4fee\u9020\u3001\u9326\u7e54\u572d\u306e\u30a4\u30f3\u30bf"
        "\u30d3\u30e5\u30fc\u4e2d\u306b2\u5ea6\u8b1d\u7f6a";
    std::vector<Article> articles;
    articles.push_back(make_article(
        "ja-rival", "\u9326\u7e54\u572d\u306e\u30a4\u30f3\u30bf\u30d3\u30e5\u30fc",
        ja_title + "\u3002" + ja_title + "\u3002" + ja_title + "\u3002", "", "", {}, "ja"));
    articles.push_back(make_article("ja-target", ja_title,
                                    "\u30c6\u30cb\u30b9\u306e\u8a71\u984c\u3002\u677e\u5ca1"
                                    "\u4fee\u9020\u304c\u8a71\u3057\u305f\u3002",
                                    "", "", {}, "ja"));
    articles.push_back(make_article(
        "en-rival", "Harbor contract minister",
        "Minister resigns over harbor contract, minister resigns over harbor contract, "
        "critics said: the minister resigns over the harbor contract.",
        "2024-01-02"));
    articles.push_back(make_article("en-target", "Minister resigns over harbor contract",
                                    "The resignation came on Friday after weeks of criticism "
                                    "from the council and unions about the award.",
                                    "2024-01-01"));
    test::TempDir dir;
    Xapian::Database db = test::build_fixture_index(dir / "db", articles);
    TextAnalyzer analyzer;
    QueryOptions ja;
    ja.lang = "ja";
    EXPECT_EQ(top_hit(db, build_query(ja_title, ja, analyzer).query), "ja-target");
    EXPECT_EQ(top_hit(db, build_query("Minister resigns over harbor contract", {}, analyzer).query),
              "en-target");
    QueryOptions any;
    any.any = true;
    EXPECT_EQ(
        top_hit(db, build_query("Minister resigns over harbor contract", any, analyzer).query),
        "en-target");
}

// --- exact forms (issue 15, item 2) ----------------------------------------------

/// The stem `lang`'s pipeline gives `word` (one token).
std::string stem_of(TextAnalyzer& analyzer, const std::string& word, const std::string& lang) {
    std::string stem;
    analyzer.analyze(word, lang, [&](const Token& t) {
        if (!t.compound) stem = t.stem;
    });
    return stem;
}

/// The ids `q` matches, best first, with the searcher's BM25; equal weights
/// in docid order (Xapian's default), so a rival added first wins a tie.
std::vector<std::string> ranked(const Xapian::Database& db, const Xapian::Query& q) {
    std::vector<std::string> ids;
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight(2.0, 0, 1, 0.75, 0.5));
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ids.push_back(decode_stored_fields(it.get_document().get_data()).id);
    return ids;
}

TEST(QueryExactForm, TheExactFormOutranksAnInflectionOfTheSameStem) {
    // Each rival has an inflection of the query word's stem where its target
    // has the exact form; otherwise the two are the same length and the same
    // words, and the rival comes first in docid order, so on stems alone it
    // wins the tie. The Arabic words are issue 15's example: وحلفائها
    // ("and its allies") against وحلفاءهم ("and their allies").
    const std::string allies_its = "\u0648\u062d\u0644\u0641\u0627\u0626\u0647\u0627";
    const std::string allies_their = "\u0648\u062d\u0644\u0641\u0627\u0621\u0647\u0645";
    const std::string spokesman = "\u0645\u062a\u062d\u062f\u062b";
    const std::string yemen = "\u0627\u0644\u064a\u0645\u0646";
    const std::string talks = "\u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a";
    const std::string said = "\u0642\u0627\u0644";
    auto arabic_body = [&](const std::string& allies) {
        // The words far apart: no proximity bonus for either article.
        std::string body = spokesman + " " + said;
        for (int i = 0; i < 8; ++i) body += " " + talks;
        body += " " + yemen;
        for (int i = 0; i < 8; ++i) body += " " + talks;
        return body + " " + allies;
    };
    std::vector<Article> articles;
    articles.push_back(
        make_article("ar-rival", talks, arabic_body(allies_their), "", "", {}, "ar"));
    articles.push_back(make_article("ar-target", talks, arabic_body(allies_its), "", "", {}, "ar"));
    articles.push_back(make_article("en-rival", "City marathon",
                                    "Tom runs along the river every morning.", "", "", {}, "en"));
    articles.push_back(make_article("en-target", "City marathon",
                                    "Tom running along the river every morning.", "", "", {},
                                    "en"));
    test::TempDir dir;
    Xapian::Database db = test::build_fixture_index(dir / "db", articles);
    TextAnalyzer analyzer;
    // The premise: each pair shares the stem, so stems alone cannot tell them apart.
    ASSERT_EQ(stem_of(analyzer, allies_its, "ar"), stem_of(analyzer, allies_their, "ar"));
    ASSERT_EQ(stem_of(analyzer, "running", "en"), stem_of(analyzer, "runs", "en"));

    struct Row {
        std::string query;
        bool any;
        std::string lang;  ///< --lang; "" = both languages of the database
        std::string target, rival;
        /// Arabic's stemmer strips clitics, English's only inflections: an
        /// English exact form earns nothing (TextAnalyzer::stems_clitics).
        bool bonus;
    };
    const std::string three_words = spokesman + " " + yemen + " " + allies_its;
    const std::vector<Row> rows = {
        {allies_its, false, "", "ar-target", "ar-rival", true},
        {three_words, false, "", "ar-target", "ar-rival", true},
        {three_words, true, "", "ar-target", "ar-rival", true},
        {allies_its, false, "ar", "ar-target", "ar-rival", true},
        {"running", false, "", "en-target", "en-rival", false},
        {"running", true, "", "en-target", "en-rival", false},
        {"running", false, "en", "en-target", "en-rival", false},
        {"title:marathon running", false, "", "en-target", "en-rival", false},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.query + (row.any ? " (any)" : "") + " lang=" + row.lang);
        QueryOptions exact;  // the default weight, as newsdex-search searches
        exact.any = row.any;
        exact.lang = row.lang;
        exact.languages = {"ar", "en"};
        exact.forms = &db;
        QueryOptions stems_only = exact;
        stems_only.exact_form_weight = 0;
        const QueryPlan with = build_query(row.query, exact, analyzer);
        const QueryPlan without = build_query(row.query, stems_only, analyzer);
        const std::vector<std::string> before = ranked(db, without.query);
        const std::vector<std::string> after = ranked(db, with.query);
        // Stems alone: the rival first (what the issue reported).
        ASSERT_GE(before.size(), 2u) << without.query.get_description();
        EXPECT_EQ(before.front(), row.rival) << without.query.get_description();
        ASSERT_FALSE(after.empty());
        if (row.bonus) {
            // With the exact form's bonus: the target first.
            EXPECT_EQ(after.front(), row.target) << with.query.get_description();
        } else {
            // No bonus: the very query of stems alone.
            EXPECT_EQ(with.query.get_description(), without.query.get_description());
        }
        // Only the order changes: the same articles match.
        EXPECT_EQ(joined(after), joined(before));
        // Highlighting is the query's, not the weighting's.
        EXPECT_EQ(with.highlight.terms, without.highlight.terms);
        EXPECT_EQ(with.highlight.stems, without.highlight.stems);
    }
}

TEST(QueryExactForm, TheBonusIsTheInformationTheFormAddsToItsStem) {
    const Xapian::doccount docs = 100000;
    // The form is all of its stem's articles: knowing it adds nothing.
    EXPECT_EQ(exact_form_scale(docs, 500, 500, kExactFormWeight), 0.0);
    // Absent form, zero weight, empty database: nothing.
    EXPECT_EQ(exact_form_scale(docs, 500, 0, kExactFormWeight), 0.0);
    EXPECT_EQ(exact_form_scale(docs, 500, 50, 0.0), 0.0);
    EXPECT_EQ(exact_form_scale(0, 0, 0, kExactFormWeight), 0.0);
    // The rarer the form among its stem's articles, the larger the share,
    // never above the weight: one form of many (an Arabic stem with its
    // pronoun suffixes) against the dominant form (English "prices").
    const double dominant = exact_form_scale(docs, 1000, 800, 1.0);
    const double one_of_many = exact_form_scale(docs, 1000, 20, 1.0);
    EXPECT_GT(dominant, 0.0);
    EXPECT_LT(dominant, 0.1);
    EXPECT_GT(one_of_many, 3 * dominant);
    EXPECT_LE(one_of_many, 1.0);
    EXPECT_DOUBLE_EQ(exact_form_scale(docs, 1000, 20, 0.5), 0.5 * one_of_many);
    // A stem that looks rarer than its form (the form held under another
    // language's stem) is taken as the form's own frequency.
    EXPECT_EQ(exact_form_scale(docs, 10, 500, 1.0), 0.0);
    // With the share at 1, an article holding only the exact form scores
    // the form's idf: stem idf + (form idf - stem idf).
    EXPECT_NEAR(bm25_idf(docs, 1000) + one_of_many * bm25_idf(docs, 20), bm25_idf(docs, 20), 1e-9);
}

// --- notes and empty queries ---------------------------------------------------

struct NoteCase {
    const char* name;
    std::string query;
    std::string note;  ///< a fragment of some note
    bool empty_query;
};

void PrintTo(const NoteCase& c, std::ostream* os) { *os << c.name; }

class QueryNotes : public ::testing::TestWithParam<NoteCase> {};

TEST_P(QueryNotes, Noted) {
    const auto& c = GetParam();
    TextAnalyzer analyzer;
    QueryPlan plan = build_query(c.query, {}, analyzer);
    std::string notes;
    for (const auto& n : plan.notes) notes += n + "; ";
    EXPECT_NE(notes.find(c.note), std::string::npos) << notes;
    EXPECT_EQ(plan.query.empty(), c.empty_query) << plan.query.get_description();
}

const NoteCase kNoteCases[] = {
    {"lone_or", "OR", "nothing to search for", true},
    {"lone_not", "NOT", "nothing to search for", true},
    {"operators_only", "AND OR NOT NEAR", "nothing to search for", true},
    {"punctuation_only", "?! ... ()", "nothing to search for", true},
    {"empty", "", "nothing to search for", true},
    {"open_parens_only", std::string(10000, '('), "nothing to search for", true},
    {"invalid_date_alone", "date:1987-02-30", "invalid date filter", true},
    {"invalid_date_with_word", "cocoa date:19870", "invalid date filter", false},
    {"empty_range", "date:..", "invalid date filter", true},
    {"reversed_range", "date:1988..1987", "invalid date filter", true},
    {"unbalanced_quote", "\"cease fire", "unbalanced quote", false},
    {"bare_star", "* cocoa", "bare *", false},
};

INSTANTIATE_TEST_SUITE_P(Query, QueryNotes, ::testing::ValuesIn(kNoteCases),
                         [](const auto& p) { return std::string(p.param.name); });

// --- hostile input: returns quickly, never crashes -------------------------------

// Each row says what the user is told (a note, by its start) and what is
// found: hostile input is searched as far as it is meaningful, never an error.
struct HostileCase {
    const char* name;
    std::string query;
    std::string note;  ///< the start of a note the plan must carry ("" = no note required)
    /// Sorted ids found by the query, or by its relaxed form when the query
    /// finds nothing ("" = nothing); nullopt for random input, where what
    /// matches is an accident of the bytes.
    std::optional<std::string> finds;
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

class QueryHostile : public ::testing::TestWithParam<HostileCase> {};

// No timing assert (speed belongs in bench/): a hang here is caught by ctest's timeout.
TEST_P(QueryHostile, BuildsAndRuns) {
    const HostileCase& c = GetParam();
    TextAnalyzer analyzer;
    QueryPlan plan = build_query(c.query, {}, analyzer);
    std::vector<std::string> hits = run(fixture().db, plan.query);
    if (hits.empty()) hits = run(fixture().db, plan.relaxed);
    if (c.finds) {
        EXPECT_EQ(joined(hits), *c.finds);
    }
    std::string notes;
    for (const auto& n : plan.notes) notes += n + "\n";
    if (!c.note.empty()) {
        EXPECT_TRUE(std::any_of(plan.notes.begin(), plan.notes.end(),
                                [&](const std::string& n) { return n.starts_with(c.note); }))
            << "expected a note starting \"" << c.note << "\"; notes:\n"
            << notes;
    }
    EXPECT_LE(hits.size(), fixture().db.get_doccount());
    (void)spelling_suggestion(c.query, fixture().db, analyzer);
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
}

std::string repeated(const std::string& unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

std::string quoted(const std::string& text) {
    std::string s(1, '"');
    s += text;
    s += '"';
    return s;
}

std::string ten_thousand_words() {
    std::string s;
    for (int i = 0; i < 10000; ++i) {
        // Appended piecewise: GCC 12 warns (-Wrestrict) on "literal" + std::string temporaries.
        s += "word";
        s += std::to_string(i);
        s += ' ';
    }
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    Query, QueryHostile,
    ::testing::Values(
        HostileCase{"random_bytes", random_bytes(20000, 7), "query too long", std::nullopt},
        HostileCase{"random_ascii_operators", repeated("(\"-+*: AND OR NOT NEAR/", 2000),
                    "query too long", std::nullopt},
        HostileCase{"ten_thousand_words", ten_thousand_words(), "query too long", ""},
        HostileCase{"ten_thousand_fixture_words", repeated("ferry ", 10000), "query too long",
                    "a03 a04"},
        HostileCase{"ten_thousand_open_parens", std::string(10000, '('), "nothing to search for",
                    ""},
        // Deep nesting is searched as words: the articles with "a".
        HostileCase{"ten_thousand_nested_groups", repeated("(a ", 10000),
                    "parentheses nested deeper than", "a02 a08"},
        // Each level excludes the next: 64 levels alternate between "ferry"
        // and nothing, so the outermost exclusion removes nothing.
        HostileCase{"ten_thousand_excluded_groups", repeated("-(ferry ", 10000),
                    "parentheses nested deeper than", all_but({})},
        HostileCase{"long_phrase", quoted(repeated("ferry schedules ", 5000)), "", ""},
        HostileCase{"long_hyphenated_word", repeated("cease-", 5000).append("fire"), "", ""},
        HostileCase{"long_wildcard", repeated("x", 10000) + "*",
                    "wildcard prefix too long: ignored", ""}),
    [](const auto& p) { return std::string(p.param.name); });

// --- highlight terms --------------------------------------------------------------

std::string render(const HighlightTerms& h) {
    std::vector<std::string> items;
    for (const auto& t : h.terms) items.push_back("t:" + t);
    for (const auto& s : h.stems) items.push_back("s:" + s);
    for (const auto& p : h.prefixes) items.push_back("p:" + p);
    for (const auto& phrase : h.phrases) {
        std::string q = "q:";
        for (const auto& w : phrase) q += (q.size() > 2 ? " " : "") + w;
        items.push_back(q);
    }
    return joined(items);
}

struct HighlightCase {
    const char* name;
    std::string query;
    std::string expected;  ///< render(): sorted "t:term s:stem p:prefix q:a phrase" items
};

void PrintTo(const HighlightCase& c, std::ostream* os) { *os << c.name; }

class QueryHighlight : public ::testing::TestWithParam<HighlightCase> {};

TEST_P(QueryHighlight, Terms) {
    TextAnalyzer analyzer;
    EXPECT_EQ(render(build_query(GetParam().query, {}, analyzer).highlight), GetParam().expected);
}

const HighlightCase kHighlightCases[] = {
    {"word_term_and_stem", "Plans", "s:plan t:plans"},
    {"possessive", "Blinken\u2019s", "s:blinken t:blinken"},
    {"excluded_word_not_marked", "blinken -hamas NOT gaza", "s:blinken t:blinken"},
    {"pure_negative_marks_nothing", "NOT gaza", ""},
    {"hyphenated", "cease-fire", "q:cease fire s:ceasefir t:ceasefire"},
    {"joined", "ceasefire", "s:ceasefir t:ceasefire"},
    {"phrase_and_joined_variant", "\"cease fire\"", "q:cease fire q:ceasefire"},
    {"one_word_phrase", "\"planning\"", "t:planning"},
    {"wildcard", "Negotiat*", "p:negotiat"},
    {"near", "blinken NEAR netanyahu", "t:blinken t:netanyahu"},
    {"title_field", "title:lighthouse", "s:lighthous t:lighthouse"},
    {"filters_not_marked", "source:reuters date:1987 cocoa", "s:cocoa t:cocoa"},
};

INSTANTIATE_TEST_SUITE_P(Query, QueryHighlight, ::testing::ValuesIn(kHighlightCases),
                         [](const auto& p) { return std::string(p.param.name); });

// NEAR stems like free words do (issue 11 item 5: "cocoa NEAR/100000 prices" found
// fewer articles than "cocoa prices"): with the database at hand, each operand
// matches every indexed form of its stem.
TEST(QueryNearStems, OperandsMatchEveryFormOfTheirStem) {
    TextAnalyzer analyzer;
    QueryOptions exact_forms;
    EXPECT_EQ(
        joined(run(fixture().db, build_query("cocoa NEAR/3 export", exact_forms, analyzer).query)),
        "");
    QueryOptions with_forms;
    with_forms.forms = &fixture().db;
    QueryPlan plan = build_query("cocoa NEAR/3 export", with_forms, analyzer);
    EXPECT_EQ(joined(run(fixture().db, plan.query)), "a14");
    EXPECT_TRUE(plan.highlight.stems.contains("export"));
    // Still positional: too far apart is no match.
    EXPECT_EQ(
        joined(run(fixture().db, build_query("sugar NEAR/1 month", with_forms, analyzer).query)),
        "");
}

// --- did you mean -------------------------------------------------------------------

struct SpellingCase {
    const char* name;
    std::string query;
    std::string expected;  ///< "" = no suggestion
};

void PrintTo(const SpellingCase& c, std::ostream* os) { *os << c.name; }

class QuerySpelling : public ::testing::TestWithParam<SpellingCase> {};

TEST_P(QuerySpelling, Suggests) {
    TextAnalyzer analyzer;
    EXPECT_EQ(spelling_suggestion(GetParam().query, fixture().db, analyzer), GetParam().expected);
}

const SpellingCase kSpellingCases[] = {
    {"known_words_unchanged", "blinken ferry", ""},
    {"stem_known_unchanged", "plan", ""},
    // Suggestions are shown as the corpus writes them (tests/searcher/test_spelling_suggestion.cc).
    {"misspelled_word", "blinkn", "Blinken"},
    {"rest_kept_as_typed", "Ferry AND blinkn -cocoa source:reuters",
     "Ferry AND Blinken -cocoa source:reuters"},
    {"inside_phrase", "\"ferry schedles\" date:1987", "\"ferry schedules\" date:1987"},
    {"title_field", "title:lighthose", "title:lighthouse"},
    {"filters_untouched", "source:reutrs", ""},
    {"unknown_without_suggestion", "zzzzqqq", ""},
};

INSTANTIATE_TEST_SUITE_P(Query, QuerySpelling, ::testing::ValuesIn(kSpellingCases),
                         [](const auto& p) { return std::string(p.param.name); });

// --- the real seed articles ---------------------------------------------------------

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(QuerySeeds, CompoundPossessiveAndPhraseOnRealArticles) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("seeds");
    std::vector<Article> articles;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::shared_corpus_dir() / "seeds")) {
        if (entry.path().extension() != ".txt") continue;
        // The first line is not a title: the whole file is the body.
        articles.push_back(
            make_article(entry.path().filename().string(), "", read_file(entry.path())));
    }
    ASSERT_EQ(articles.size(), 2u);
    test::TempDir dir;
    Xapian::Database db = test::build_fixture_index(dir / "db", articles);
    TextAnalyzer analyzer;
    auto ids = [&](const std::string& q) {
        return joined(run(db, build_query(q, {}, analyzer).query));
    };
    const std::string both = "blinken-ceasefire-plans.txt blinken-tel-aviv.txt";
    EXPECT_EQ(ids("ceasefire"), both);
    EXPECT_EQ(ids("cease-fire"), both);
    EXPECT_EQ(ids("\"cease fire\""), both);
    EXPECT_EQ(ids("Blinken's"), both);
    EXPECT_EQ(ids("Blinken\u2019s"), both);
    EXPECT_EQ(ids("\"Kataib Hezbollah\""), "blinken-tel-aviv.txt");
}

}  // namespace
}  // namespace newsdex
