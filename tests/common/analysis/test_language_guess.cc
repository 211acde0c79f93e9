#include <gtest/gtest.h>

#include "analysis/language_guess.h"

namespace newsdex {
namespace {

struct GuessCase {
    const char* name;
    const char* text;
    const char* expected;
};

void PrintTo(const GuessCase& c, std::ostream* os) { *os << c.name; }

class LanguageGuessTest : public ::testing::TestWithParam<GuessCase> {};

TEST_P(LanguageGuessTest, Guesses) {
    EXPECT_EQ(guess_language_by_script(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LanguageGuessTest,
    ::testing::Values(
        GuessCase{"english_left_to_default", "The council voted on the tram line.", ""},
        GuessCase{"german_left_to_default",
                  "Die Stra\u00dfenbahn f\u00e4hrt \u00fcber die Br\u00fccke.", ""},
        GuessCase{"japanese_kanji_and_kana",
                  "\u6771\u4eac\u90fd\u306e\u9078\u6319\u304c\u59cb\u307e\u3063\u305f", "ja"},
        GuessCase{"japanese_with_latin_brand_names",
                  "iPhone\u306e\u65b0\u6a5f\u7a2e\u304c\u767a\u8868\u3055\u308c\u305f", "ja"},
        GuessCase{"chinese_han_only", "\u5e02\u653f\u5e9c\u4eca\u5929\u5ba3\u5e03\u9884\u7b97",
                  "zh"},
        GuessCase{"arabic",
                  "\u0627\u0644\u0645\u0627\u0644\u0643\u064a \u0648\u0646\u0635\u064a\u062d\u0629",
                  "ar"},
        GuessCase{"korean", "\uc11c\uc6b8 \uc2dc\uc758\ud68c", "ko"},
        GuessCase{"greek",
                  "\u0397 \u03b2\u03bf\u03c5\u03bb\u03ae \u03c8\u03ae\u03c6\u03b9\u03c3\u03b5",
                  "el"},
        GuessCase{"mostly_english_with_one_kanji",
                  "The word \u6771 appears once in this English sentence.", ""},
        GuessCase{"digits_and_punctuation_only", "2024-10-18 12:00 !!", ""},
        GuessCase{"empty", "", ""}),
    [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace newsdex
