// Character bigrams of Han/katakana runs: which pairs, at which positions.
#include <gtest/gtest.h>

#include <string>

#include "analysis/cjk_bigrams.h"

namespace newsdex {
namespace {

/// "pair@position ..." for the bigrams of `text`, positions from 1.
std::string render(std::string_view text) {
    std::string out;
    cjk_bigrams(text, [&](const CjkBigram& b) {
        if (!out.empty()) out += ' ';
        out += std::string(b.text) + "@" + std::to_string(b.position);
    });
    return out;
}

struct BigramCase {
    const char* name;
    std::string text;
    std::string expected;
};

void PrintTo(const BigramCase& c, std::ostream* os) { *os << c.name; }

class CjkBigrams : public ::testing::TestWithParam<BigramCase> {};

TEST_P(CjkBigrams, Pairs) { EXPECT_EQ(render(GetParam().text), GetParam().expected); }

const BigramCase kCases[] = {
    // 南アフリカ: Han + katakana are one run; its part アフリカ has the same pairs.
    {"han_and_katakana_run", "\u5357\u30a2\u30d5\u30ea\u30ab",
     "\u5357\u30a2@1 \u30a2\u30d5@2 \u30d5\u30ea@3 \u30ea\u30ab@4"},
    // Hiragana breaks runs; positions count every code point.
    {"hiragana_breaks_the_run", "\u6771\u4eac\u306e\u9078\u6319", "\u6771\u4eac@1 \u9078\u6319@4"},
    {"prolonged_sound_mark_is_katakana", "\u30b3\u30fc\u30d2\u30fc",
     "\u30b3\u30fc@1 \u30fc\u30d2@2 \u30d2\u30fc@3"},
    {"half_width_katakana_folded", "\uff71\uff8c\uff98\uff76",
     "\u30a2\u30d5@1 \u30d5\u30ea@2 \u30ea\u30ab@3"},
    {"single_character_runs_have_none", "\u90fd a \u770c", ""},
    {"latin_and_digits_have_none", "Reuters 1987 caf\u00e9", ""},
    {"empty", "", ""},
};

INSTANTIATE_TEST_SUITE_P(Cases, CjkBigrams, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(CjkBigramsPositions, ChainAcrossFields) {
    // The returned position follows the last code point, for the next field.
    EXPECT_EQ(cjk_bigrams(
                  "ab", [](const CjkBigram&) {}, 1),
              3u);
    EXPECT_EQ(cjk_bigrams(
                  "\u5357\u30a2", [](const CjkBigram&) {}, 10),
              12u);
}

}  // namespace
}  // namespace newsdex
