// "Did you mean" on a corpus built for it: a rare word next to a much commoner
// one is corrected (Reuters' "volker", 1 article, vs "Volcker", 124), words
// the corpus has in comparable numbers are not, text that is not a word
// (URLs, unknown fields, wildcards) is never rewritten, and a suggestion is
// shown as the corpus writes it, not as the folded index term.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "spelling_suggestion.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

std::vector<Article> articles() {
    std::vector<Article> a;
    int n = 0;
    auto add = [&](const std::string& title, const std::string& body) {
        std::string id = "s";  // (not "s" + ...: GCC 12 warns falsely on that)
        id += std::to_string(++n);
        a.push_back(test::make_article(id, title, body, "1987-06-02"));
    };
    for (int i = 0; i < 25; ++i)
        add("Fed chairman speaks",
            "Paul Volcker said interest rates for banks would stay high for now.");
    // The typo, once, as in Reuters.
    add("Ford hails Volker", "The auto maker praised Volker and his intrest in stability.");
    // Two real names, neither much commoner than the other.
    add("Neill", "Sam Neill arrived.");
    for (int i = 0; i < 3; ++i) add("Neil", "Neil Young played.");
    for (int i = 0; i < 2; ++i) add("Wahl", "In Österreich wird gewählt.");
    return a;
}

struct Fixture {
    test::TempDir dir;
    Xapian::Database db;
    Fixture() : db(test::build_fixture_index(dir / "db", articles())) {}
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

struct Row {
    const char* name;
    std::string query;
    std::string expected;  ///< "" = no suggestion
};

std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.name; }

const Row kRows[] = {
    {"RareWordNextToAMuchCommonerOne", "volker", "Volcker"},
    {"RareWordInsideAPhrase", "\"intrest rates\"", "\"interest rates\""},
    {"CommonWordsUnchanged", "interest rates", ""},
    {"ComparableWordsUnchanged", "neill", ""},
    {"NeverADifferentFirstLetter", "oneill", ""},
    {"ShownAsTheCorpusWritesIt", "Oesterreich", "Österreich"},
    {"UnknownFieldNotRewritten", "foo:bar", ""},
    {"UrlNotRewritten", "http://www.intrest.com", ""},
    {"LeadingWildcardNotRewritten", "*tion", ""},
    {"WildcardNotRewritten", "intres*", ""},
    {"OnlyTheTyposChange", "volker said", "Volcker said"},
};

class SpellingSuggestion : public ::testing::TestWithParam<Row> {};

TEST_P(SpellingSuggestion, Suggests) {
    TextAnalyzer analyzer;
    EXPECT_EQ(spelling_suggestion(GetParam().query, fixture().db, analyzer), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, SpellingSuggestion, ::testing::ValuesIn(kRows),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace newsdex
