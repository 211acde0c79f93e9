// Queries over a database of several languages, through the Searcher (which
// reads the database's languages from its XLANG terms): each row is a query,
// an optional --lang, and the ids it must find, order-insensitively.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "searcher.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

using test::make_article;

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<Searcher> searcher;
};

Fixture& fixture() {
    static Fixture* f = [] {
        auto* fx = new Fixture();  // NOLINT: one per test process, never freed
        std::vector<Article> a;
        a.push_back(make_article("en1", "Refugees cross the border",
                                 "Thousands of refugees crossed the border as the crisis grew.", "",
                                 "", {}, "en"));
        a.push_back(make_article("de1", "Fl\u00fcchtlinge an der Grenze",
                                 "Tausende Fl\u00fcchtlinge \u00fcberquerten die Grenze, als die "
                                 "Krise wuchs.",
                                 "", "", {}, "de"));
        a.push_back(make_article("de2", "Hilfe f\u00fcr Fl\u00fcchtlingen",
                                 "Die Stadt hilft den Fl\u00fcchtlingen mit Unterk\u00fcnften.", "",
                                 "", {}, "de"));
        a.push_back(make_article("ja1", "iPhone\u306e\u65b0\u6a5f\u7a2e",
                                 "\u30a2\u30c3\u30d7\u30eb\u306f\u65b0\u3057\u3044iPhone\u3092"
                                 "\u767a\u8868\u3057\u305f\u3002",
                                 "", "", {}, "ja"));
        a.push_back(make_article("und1", "Shr 45 cts vs 58 cts",
                                 "Net profits 1.1 mln vs 829,000 Sales 7.9 mln", "", "", {},
                                 "und"));
        a.push_back(make_article("en2", "Apple unveils new iPhone",
                                 "Apple unveiled new iPhones and said profits rose.", "", "", {},
                                 "en"));
        // Per-script normalisation and compounds (issue 10, item 3).
        a.push_back(make_article("de3", "\u00d6sterreich w\u00e4hlt",
                                 "Wien bereitet sich auf die Wahl vor.", "", "", {}, "de"));
        a.push_back(make_article("ar1", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629",
                                 "\u0645\u064a\u0632\u0627\u0646\u064a\u0629 \u0639\u0627\u0645 "
                                 "\u0662\u0660\u0661\u0665",
                                 "", "", {}, "ar"));
        a.push_back(make_article("ar2", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0647",
                                 "\u0627\u0644\u0645\u0633\u062a\u0634\u0641\u0649", "", "", {},
                                 "ar"));
        a.push_back(make_article("c1", "Talks on a cease-fire", "Envoys met.", "", "", {}, "en"));
        a.push_back(make_article("c2", "A ceasefire holds", "Envoys left.", "", "", {}, "en"));
        a.push_back(make_article("c3", "Hopes for a cease fire", "Envoys wait.", "", "", {}, "en"));
        test::build_fixture_index(fx->dir / "db", std::move(a));
        fx->searcher =
            std::make_unique<Searcher>(std::vector<std::string>{(fx->dir / "db").string()});
        return fx;
    }();
    return *f;
}

struct LanguageCase {
    const char* name;
    const char* query;
    const char* lang;      ///< --lang, "" = every language of the database
    const char* expected;  ///< ids, sorted, space-separated
};

void PrintTo(const LanguageCase& c, std::ostream* os) { *os << c.name; }

class QueryLanguages : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(QueryLanguages, Finds) {
    const auto& c = GetParam();
    SearchRequest request;
    request.query = c.query;
    request.lang = c.lang;
    request.limit = 50;
    request.snippets = false;
    request.suggest = false;
    SearchResult result = fixture().searcher->search(request);
    std::vector<std::string> ids;
    for (const auto& h : result.hits) ids.push_back(h.id);
    std::sort(ids.begin(), ids.end());
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : " ") + id;
    EXPECT_EQ(joined, c.expected);
}

const LanguageCase kCases[] = {
    // Each article's own stems: German inflections find each other, English too.
    {"german_inflection_finds_other_forms", "Fl\u00fcchtlingen", "", "de1 de2"},
    {"german_plural", "Fl\u00fcchtlinge", "", "de1 de2"},
    {"english_stem", "refugee", "", "en1"},
    // Latin words inside Japanese text, in any case.
    {"latin_word_in_japanese_article", "iphone", "", "en2 ja1"},
    // Undetermined articles are unstemmed: the exact word finds them, and
    // English stems still find the English article.
    {"exact_word_in_undetermined_article", "profits", "", "en2 und1"},
    {"stem_does_not_reach_undetermined", "profit", "", "en2"},
    // --lang narrows the stems, never the exact word.
    {"lang_narrows_stems", "Fl\u00fcchtlingen", "en", "de2"},
    {"lang_keeps_exact_words_of_other_languages", "iPhone", "de", "en2 ja1"},
    {"lang_filter_und", "lang:und", "", "und1"},
    // German typed without umlauts.
    {"german_oe_for_umlaut", "Oesterreich", "", "de3"},
    // Arabic: word-final taa marbuta and heh, either typed, find both.
    {"arabic_taa_marbuta_typed", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629", "", "ar1 ar2"},
    {"arabic_heh_typed", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0647", "", "ar1 ar2"},
    {"arabic_alef_maksura", "\u0627\u0644\u0645\u0633\u062a\u0634\u0641\u064a", "", "ar2"},
    {"arabic_indic_digits_as_ascii", "2015", "", "ar1"},
    // Compounds both ways: the joined word finds the parts written apart,
    // because the corpus shows the pair hyphenated (c1).
    {"joined_finds_hyphenated_and_apart", "ceasefire", "", "c1 c2 c3"},
    {"phrase_finds_all_three", "\"cease fire\"", "", "c1 c2 c3"},
};

INSTANTIATE_TEST_SUITE_P(Query, QueryLanguages, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(QueryLanguagesDb, LanguagesComeFromTheArticles) {
    EXPECT_EQ(fixture().searcher->languages(),
              (std::vector<std::string>{"ar", "de", "en", "ja", "und"}));
}

}  // namespace
}  // namespace newsdex
