// Table-driven tests of the analysis pipeline (tokenizer -> normalizer ->
// compound filter -> stemmer). Tokens are rendered "term@position" (compounds
// "term@position+span"), stems as "Zstem".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "analysis/token_normalizer.h"

namespace newsdex {
namespace {

std::string render(const std::vector<Token>& tokens, bool with_stems) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out += ' ';
        // Appended piecewise: GCC 12 warns (-Wrestrict) on "literal" + std::string temporaries.
        out += t.term;
        out += '@';
        out += std::to_string(t.position);
        if (t.compound) {
            out += '+';
            out += std::to_string(t.span);
        }
        if (with_stems && !t.stem.empty()) {
            out += "/Z";
            out += t.stem;
        }
    }
    return out;
}

std::vector<Token> analyze(std::string_view text, std::string_view lang = "en") {
    TextAnalyzer analyzer;
    std::vector<Token> tokens;
    analyzer.analyze(text, lang, [&](const Token& t) { tokens.push_back(t); });
    return tokens;
}

struct AnalyzeCase {
    const char* name;
    const char* lang;
    std::string text;
    std::string expected;  // render(tokens, with_stems=false)
};

void PrintTo(const AnalyzeCase& c, std::ostream* os) { *os << c.name; }

class AnalyzeTest : public ::testing::TestWithParam<AnalyzeCase> {};

TEST_P(AnalyzeTest, Terms) {
    const auto& c = GetParam();
    EXPECT_EQ(render(analyze(c.text, c.lang), false), c.expected);
}

const AnalyzeCase kCases[] = {
    {"lowercases_and_skips_punctuation", "en", "The Talks, Resumed!", "the@0 talks@1 resumed@2"},
    {"hyphen_compound_parts_and_joined", "en", "cease-fire plans",
     "cease@0 fire@1 ceasefire@0+2 plans@2"},
    {"three_part_compound", "en", "mother-in-law", "mother@0 in@1 law@2 motherinlaw@0+3"},
    {"unicode_hyphen_joins", "en", "cease\u2010fire", "cease@0 fire@1 ceasefire@0+2"},
    {"en_dash_does_not_join", "en", "Israel\u2013Lebanon", "israel@0 lebanon@1"},
    {"numeric_ranges_not_joined", "en", "2023-10-09", "2023@0 10@1 09@2"},
    {"alnum_compound_joined", "en", "COVID-19", "covid@0 19@1 covid19@0+2"},
    {"possessive_straight", "en", "Blinken's visit", "blinken@0 visit@1"},
    {"possessive_curly_u2019", "en", "Blinken\u2019s visit", "blinken@0 visit@1"},
    {"possessive_modifier_letter_u02bc", "en", "Blinken\u02BCs visit", "blinken@0 visit@1"},
    {"plural_possessive", "en", "Hamas\u2019 military", "hamas@0 military@1"},
    {"contraction_kept_with_ascii_apostrophe", "en", "won\u2019t", "won't@0"},
    {"acronym_dots_removed", "en", "the U.S. and U.N.", "the@0 us@1 and@2 un@3"},
    {"decimal_number_kept", "en", "2.3 million", "2.3@0 million@1"},
    // Dotted tickers and names: parts like a hyphenated word's, joined form kept.
    {"dotted_ticker_parts_and_joined", "en", "Commerzbank AG <CBKG.F> said",
     "commerzbank@0 ag@1 cbkg@2 f@3 cbkgf@2+2 said@4"},
    {"dotted_name_parts", "en", "N.SEA find", "n@0 sea@1 nsea@0+2 find@2"},
    {"dotted_acronym_not_split", "en", "U.S.A. talks", "usa@0 talks@1"},
    {"dotted_number_not_split", "en", "version 1.13a", "version@0 1.13a@1"},
    {"accents_folded", "fr", "Caf\u00e9 \u00e9lection na\u00efve", "cafe@0 election@1 naive@2"},
    {"german_sharp_s_casefolds", "de", "Stra\u00dfenbahn GR\u00dcSSE", "strassenbahn@0 grusse@1"},
    {"nfkc_ligature", "en", "\ufb01nance", "finance@0"},
    {"nfkc_fullwidth_latin_and_digits", "en", "\uff2e\uff25\uff37\uff33 \uff12\uff10\uff12\uff14",
     "news@0 2024@1"},
    {"japanese_dictionary_words", "ja", "\u6771\u4eac\u90fd\u306e\u9078\u6319",
     "\u6771\u4eac@0 \u90fd@1 \u306e@2 \u9078\u6319@3"},
    {"kana_voicing_marks_kept", "ja", "\u30ac\u30b9", "\u30ac\u30b9@0"},
    {"arabic_harakat_and_tatweel_removed", "ar", "\u0643\u064e\u062a\u064e\u0640\u0628\u064e",
     "\u0643\u062a\u0628@0"},
    {"positions_count_unindexable_tokens", "en", "a " + std::string(70, 'x') + " b", "a@0 b@2"},
    {"empty_text", "en", "", ""},
    {"only_punctuation", "en", " -- ... !!", ""},
};

INSTANTIATE_TEST_SUITE_P(Cases, AnalyzeTest, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(TextAnalyzer, StemsWithLanguageAndKeepsUnstemmed) {
    EXPECT_EQ(render(analyze("Planning plans", "en"), true), "planning@0/Zplan plans@1/Zplan");
    EXPECT_EQ(render(analyze("Verhandlungen", "de"), true), "verhandlungen@0/Zverhandl");
}

TEST(TextAnalyzer, WithoutAStemmerAWordIsItsOwnStemAndIdeographsHaveNone) {
    // Every stemmable word gets a stem term, so a query over stems finds
    // "iPhone" in a Japanese article and "plans" in an undetermined one.
    auto ja = analyze("\u6771\u4eac iPhone plans", "ja");
    ASSERT_EQ(ja.size(), 3u);
    EXPECT_TRUE(ja[0].stem.empty());  // ideographs: no stemmer, no stem term
    EXPECT_EQ(ja[1].stem, "iphone");
    EXPECT_EQ(ja[2].stem, "plans");
    auto und = analyze("Plans 2015", "und");
    ASSERT_EQ(und.size(), 2u);
    EXPECT_EQ(und[0].stem, "plans");
    EXPECT_TRUE(und[1].stem.empty());                              // numbers are never stemmed
    EXPECT_EQ(analyze("caf\u00e9s", "xx").front().stem, "cafes");  // accent folded like terms
    EXPECT_FALSE(TextAnalyzer::has_stemmer("ja"));
    EXPECT_FALSE(TextAnalyzer::has_stemmer("und"));
    EXPECT_TRUE(TextAnalyzer::has_stemmer("en"));
}

TEST(TextAnalyzer, StemIsAccentFolded) {
    TextAnalyzer analyzer;
    EXPECT_EQ(analyzer.stem("élections", "fr"), "elect");
}

TEST(TextAnalyzer, OffsetsPointAtSurfaceForms) {
    std::string text = "Blinken\u2019s cease-fire \u6771\u4eac";
    auto tokens = analyze(text, "en");
    ASSERT_GE(tokens.size(), 5u);
    EXPECT_EQ(text.substr(tokens[0].start, tokens[0].end - tokens[0].start), "Blinken\u2019s");
    const Token& joined = tokens[3];
    ASSERT_TRUE(joined.compound);
    EXPECT_EQ(text.substr(joined.start, joined.end - joined.start), "cease-fire");
    EXPECT_EQ(text.substr(tokens.back().start), "\u6771\u4eac");
}

TEST(TextAnalyzer, ChainsPositionsAcrossCalls) {
    TextAnalyzer analyzer;
    std::vector<Token> tokens;
    auto sink = [&](const Token& t) { tokens.push_back(t); };
    Xapian::termpos next = analyzer.analyze("title words", "en", sink);
    EXPECT_EQ(next, 2u);
    analyzer.analyze("body", "en", sink, next + 100);
    EXPECT_EQ(tokens.back().position, 102u);
}

TEST(TextAnalyzer, SameQueryAndDocumentFormsForSeedsCases) {
    // The query forms users type must produce the document's terms.
    auto terms = [](std::string_view text) {
        std::vector<std::string> out;
        for (const auto& t : analyze(text)) out.push_back(t.term);
        return out;
    };
    auto curly = terms("Blinken\u2019s");
    auto straight = terms("Blinken's");
    EXPECT_EQ(curly, straight);
    EXPECT_EQ(curly, std::vector<std::string>{"blinken"});
    auto hyphen = terms("cease-fire");
    EXPECT_NE(std::find(hyphen.begin(), hyphen.end(), "ceasefire"), hyphen.end());
}

struct NormalizeCase {
    const char* surface;
    const char* folded;
    const char* term;
};

void PrintTo(const NormalizeCase& c, std::ostream* os) { *os << c.surface; }

class NormalizeTest : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeTest, Forms) {
    NormalizedWord w;
    ASSERT_TRUE(normalize_word(GetParam().surface, w));
    EXPECT_EQ(w.folded, GetParam().folded);
    EXPECT_EQ(w.term, GetParam().term);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NormalizeTest,
    ::testing::Values(NormalizeCase{"Z\u00fcrich", "z\u00fcrich", "zurich"},
                      NormalizeCase{"\u00c9LECTION", "\u00e9lection", "election"},
                      NormalizeCase{"Gaza\u2019s", "gaza", "gaza"},
                      NormalizeCase{"l\u2019\u00e9conomie", "l'\u00e9conomie", "l'economie"},
                      NormalizeCase{"\u0130stanbul", "i\u0307stanbul", "istanbul"}));

}  // namespace
}  // namespace newsdex
