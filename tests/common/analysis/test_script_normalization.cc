// Per-script normalisation, one table per rule: two spellings a writer or a
// user may type for the same word must match. Terms (the exact forms) must be
// equal; stems must meet the way a query meets them (the query's stems
// include those of written_variants(), the article's do not).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "analysis/token_normalizer.h"

namespace newsdex {
namespace {

struct SpellingPair {
    const char* name;
    const char* typed;
    const char* written;
};

void PrintTo(const SpellingPair& c, std::ostream* os) { *os << c.name; }

std::string term_of(std::string_view surface) {
    NormalizedWord w;
    EXPECT_TRUE(normalize_word(surface, w)) << surface;
    return w.term;
}

class SameTerm : public ::testing::TestWithParam<SpellingPair> {};

TEST_P(SameTerm, Matches) { EXPECT_EQ(term_of(GetParam().typed), term_of(GetParam().written)); }

INSTANTIATE_TEST_SUITE_P(
    Arabic, SameTerm,
    ::testing::Values(SpellingPair{"taa_marbuta_at_word_end", "\u0645\u062f\u064a\u0646\u0629",
                                   "\u0645\u062f\u064a\u0646\u0647"},
                      SpellingPair{"alef_maksura", "\u0645\u0633\u062a\u0634\u0641\u0649",
                                   "\u0645\u0633\u062a\u0634\u0641\u064a"},
                      SpellingPair{"hamza_above_alef", "\u0623\u0645\u064a\u0631",
                                   "\u0627\u0645\u064a\u0631"},
                      SpellingPair{"hamza_below_alef", "\u0625\u0631\u0647\u0627\u0628",
                                   "\u0627\u0631\u0647\u0627\u0628"},
                      SpellingPair{"madda_alef", "\u0622\u0645\u0646", "\u0627\u0645\u0646"},
                      SpellingPair{"hamza_on_waw", "\u0645\u0633\u0624\u0648\u0644",
                                   "\u0645\u0633\u0648\u0648\u0644"},
                      SpellingPair{"arabic_indic_digits", "\u0662\u0660\u0661\u0665", "2015"},
                      SpellingPair{"persian_digits", "\u06f2\u06f0\u06f1\u06f5", "2015"},
                      SpellingPair{"tatweel", "\u0645\u0640\u062f\u064a\u0646\u0629",
                                   "\u0645\u062f\u064a\u0646\u0629"},
                      SpellingPair{"harakat", "\u0645\u064e\u062f\u0650\u064a\u0646\u064e\u0629",
                                   "\u0645\u062f\u064a\u0646\u0629"}),
    [](const auto& p) { return std::string(p.param.name); });

INSTANTIATE_TEST_SUITE_P(
    WidthAndCase, SameTerm,
    ::testing::Values(SpellingPair{"full_width_latin", "\uff2a\uff32\uff21", "JRA"},
                      SpellingPair{"full_width_digits", "\uff12\uff10\uff11\uff15", "2015"},
                      SpellingPair{"half_width_katakana", "\uff71\uff72\uff8c\uff6b\uff9d",
                                   "\u30a2\u30a4\u30d5\u30a9\u30f3"},
                      SpellingPair{"sharp_s", "Stra\u00dfe", "Strasse"}),
    [](const auto& p) { return std::string(p.param.name); });

/// Stems a query looks for: the word's and its written variants'.
std::vector<std::string> query_stems(TextAnalyzer& analyzer, std::string_view surface,
                                     std::string_view lang) {
    NormalizedWord w;
    EXPECT_TRUE(normalize_word(surface, w));
    std::vector<std::string> out{analyzer.stem(w.folded, lang)};
    for (const auto& v : written_variants(w.folded)) out.push_back(analyzer.stem(v, lang));
    return out;
}

/// The stem an article holds for a word.
std::string article_stem(TextAnalyzer& analyzer, std::string_view surface, std::string_view lang) {
    NormalizedWord w;
    EXPECT_TRUE(normalize_word(surface, w));
    return analyzer.stem(w.folded, lang);
}

struct StemPair {
    const char* name;
    const char* lang;
    const char* typed;
    const char* written;
};

void PrintTo(const StemPair& c, std::ostream* os) { *os << c.name; }

class QueryFindsWritten : public ::testing::TestWithParam<StemPair> {};

TEST_P(QueryFindsWritten, BothWays) {
    const auto& c = GetParam();
    TextAnalyzer analyzer;
    auto contains = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    EXPECT_TRUE(contains(query_stems(analyzer, c.typed, c.lang),
                         article_stem(analyzer, c.written, c.lang)));
    EXPECT_TRUE(contains(query_stems(analyzer, c.written, c.lang),
                         article_stem(analyzer, c.typed, c.lang)));
}

INSTANTIATE_TEST_SUITE_P(
    Stems, QueryFindsWritten,
    ::testing::Values(
        // German typed without umlauts: the German stemmer reads ae/oe/ue as ä/ö/ü.
        StemPair{"oe_for_o_umlaut", "de", "Oesterreich", "\u00d6sterreich"},
        StemPair{"ue_for_u_umlaut", "de", "Fluechtlingen", "Fl\u00fcchtlinge"},
        StemPair{"ss_and_ue_for_sharp_s_and_umlaut", "de", "Gruesse", "Gr\u00fc\u00dfe"},
        StemPair{"ae_for_a_umlaut", "de", "Aerzte", "\u00c4rzte"},
        // Arabic word-final ة/ه and ى/ي stem differently; the query takes both.
        StemPair{"arabic_taa_marbuta", "ar", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629",
                 "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0647"},
        StemPair{"arabic_alef_maksura", "ar", "\u0645\u0633\u062a\u0634\u0641\u0649",
                 "\u0645\u0633\u062a\u0634\u0641\u064a"},
        StemPair{"arabic_hamza", "ar", "\u0627\u0644\u0625\u0631\u0647\u0627\u0628",
                 "\u0627\u0644\u0627\u0631\u0647\u0627\u0628"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(ScriptNormalization, UmlautFoldingIsGermanOnly) {
    // "ue" is not "ü" in English: "blue" keeps its e.
    TextAnalyzer analyzer;
    EXPECT_NE(article_stem(analyzer, "blue", "en"), article_stem(analyzer, "bl\u00fc", "en"));
    EXPECT_EQ(term_of("blue"), "blue");
}

TEST(ScriptNormalization, LatinAndFullWidthWordsInsideJapaneseText) {
    TextAnalyzer analyzer;
    std::vector<std::string> terms;
    analyzer.analyze("\uff2a\uff32\uff21\u304c\u65b0\u3057\u3044iPhone\u3092\u767a\u8868", "ja",
                     [&](const Token& t) { terms.push_back(t.term); });
    EXPECT_NE(std::find(terms.begin(), terms.end(), "jra"), terms.end());
    EXPECT_NE(std::find(terms.begin(), terms.end(), "iphone"), terms.end());
}

}  // namespace
}  // namespace newsdex
