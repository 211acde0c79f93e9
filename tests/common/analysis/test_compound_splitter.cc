// German compound decomposition (common/analysis/compound_splitter.h):
// which words split, into what, and which must not.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/compound_splitter.h"
#include "analysis/token_normalizer.h"

namespace newsdex {
namespace {

std::string term_of(std::string_view surface) {
    NormalizedWord w;
    EXPECT_TRUE(normalize_word(surface, w)) << surface;
    return w.term;
}

/// A vocabulary as the index would hold it: the terms of these words.
CompoundSplitter splitter_over(std::initializer_list<std::string_view> words) {
    auto vocabulary = std::make_shared<std::set<std::string, std::less<>>>();
    for (std::string_view w : words) vocabulary->insert(term_of(w));
    return CompoundSplitter([vocabulary](std::string_view t) { return vocabulary->count(t) > 0; });
}

/// "fluchtling+s+krise"; "" when the word does not split.
std::string described(const CompoundSplitter& splitter, std::string_view surface) {
    std::string out;
    for (const CompoundPart& p : splitter.split(term_of(surface))) {
        out += p.word;
        if (!p.link.empty()) out += "+" + p.link;
        out += "+";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

const CompoundSplitter& news_vocabulary() {
    static const CompoundSplitter splitter = splitter_over({
        "Flüchtling", "Krise",         "Finanz", "Regierung",  "Bund",   "Innen",  "Minister",
        "Arbeit",     "Markt",         "Sonne",  "Schein",     "Kind",   "Garten", "Haus",
        "Patient",    "Akte",          "Hund",   "Hütte",      "tall",   "Wahl",   "Kampf",
        "Euro",       "Innenminister", "Krisen", "Wirtschaft", "Reform", "Stall",  "Ende",
    });
    return splitter;
}

struct SplitCase {
    const char* word;
    const char* expected;  ///< parts and linking elements; "" = must not split
};

TEST(CompoundSplitter, SplitsIntoVocabularyWordsWithLinkingElements) {
    const SplitCase cases[] = {
        {"Flüchtlingskrise", "fluchtling+s+krise"},
        {"Flüchtlingskrisen", "fluchtling+s+krisen"},
        {"Finanzkrise", "finanz+krise"},
        {"Regierungskrise", "regierung+s+krise"},
        {"Bundesregierung", "bund+es+regierung"},
        {"Arbeitsmarkt", "arbeit+s+markt"},
        {"Sonnenschein", "sonne+n+schein"},
        {"Patientenakte", "patient+en+akte"},
        {"Hundehütte", "hund+e+hutte"},
        {"Kindergarten", "kind+er+garten"},
        {"Wahlkampf", "wahl+kampf"},
        {"Eurokrise", "euro+krise"},
        {"Wirtschaftsreform", "wirtschaft+s+reform"},
        // The longest first part that leads to a full cover; a remainder
        // that is a word is taken whole.
        {"Bundesinnenminister", "bund+es+innenminister"},
        {"Finanzkrisenende", "finanz+krisen+ende"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(described(news_vocabulary(), c.word), c.expected) << c.word;
}

TEST(CompoundSplitter, DoesNotSplitWithoutAFullCoverOfWords) {
    const SplitCase cases[] = {
        // "kris" is no word (only a stem of Krise): Kristall stays whole even
        // though "tall" is a word, where Lucene's substring filter emits "kris".
        {"Kristall", ""},
        // A part shorter than kMinCompoundPart: Haus+tür ("tur" is 3 letters).
        {"Haustür", ""},
        // A remainder that is no word and no compound.
        {"Krisengipfel", ""},
        // Words themselves, and short words.
        {"Krise", ""},
        {"Regierung", ""},
        {"Hausbau", ""},
        // A non-word prefix: "Finanzamt" has no word "amt" of 4 letters.
        {"Finanzamt", ""},
        // Linking elements are only allowed between parts, not as a part.
        {"Krisens", ""},
    };
    for (const auto& c : cases)
        EXPECT_EQ(described(news_vocabulary(), c.word), c.expected) << c.word;
}

TEST(CompoundSplitter, PartWordsIncludePartsOfParts) {
    const std::vector<std::string> words =
        news_vocabulary().part_words(term_of("Bundesinnenminister"));
    EXPECT_EQ(words, (std::vector<std::string>{"bund", "innenminister", "innen", "minister"}));
    EXPECT_TRUE(news_vocabulary().part_words(term_of("Kristall")).empty());
}

TEST(CompoundSplitter, CodePointsNotBytesCountForPartLength) {
    // "Öl" is 2 code points (3 bytes) after folding "ol": never a part; a
    // 4-code-point word with a multi-byte letter is.
    const CompoundSplitter splitter = splitter_over({"Ölpreis", "Bühne", "Preis", "Drama"});
    EXPECT_EQ(code_points("bühne"), 5u);
    EXPECT_EQ(described(splitter, "Bühnendrama"), "buhne+n+drama");
    EXPECT_EQ(described(splitter, "Ölpreis"), "");
}

}  // namespace
}  // namespace newsdex
