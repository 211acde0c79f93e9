// The spelling rule (common/spelling_rule.h) and its two users: the words the
// indexer records for "did you mean" and the query words the searcher may
// correct must both be exactly the words the rule accepts. A private copy of
// the rule on either side (the 32-byte cap once existed only in the indexer)
// fails the consistency test at the boundary rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "document_builder.h"
#include "spelling_rule.h"
#include "spelling_suggestion.h"

namespace newsdex {
namespace {

struct RuleRow {
    const char* name;
    std::string term;
    bool expected;
};

std::ostream& operator<<(std::ostream& os, const RuleRow& r) { return os << r.name; }

const RuleRow kRuleRows[] = {
    {"ThreeLetters", "oil", true},
    {"TwoLetters", "of", false},
    {"ExactlyMaxBytes", std::string(kMaxSpellingWordBytes, 'a'), true},
    {"OneOverMaxBytes", std::string(kMaxSpellingWordBytes + 1, 'a'), false},
    {"Digits", "1987", false},
    {"LettersAndDigit", "g7s", false},
    {"Apostrophe", "o'neill", false},
    {"Dot", "u.s", false},
    {"AccentedCountsBytes", "\xc3\xa9t\xc3\xa9", true},  // "été": 5 bytes
    {"CjkWord", "\xe6\x9d\xb1\xe4\xba\xac", true},       // 東京
};

class SpellingRule : public ::testing::TestWithParam<RuleRow> {};

TEST_P(SpellingRule, AcceptsOnlyWords) {
    EXPECT_EQ(is_spelling_word(GetParam().term), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, SpellingRule, ::testing::ValuesIn(kRuleRows),
                         [](const auto& p) { return std::string(p.param.name); });

/// Words typed by a user or written by a reporter, around every boundary of
/// the rule.
const std::vector<std::string> kTexts = {
    "oil",
    "of",
    "volcker",
    std::string(kMaxSpellingWordBytes, 'x'),
    std::string(kMaxSpellingWordBytes + 1, 'x'),
    std::string(kMaxSpellingWordBytes + 8, 'y'),
    "1987",
    "g7s",
    "O'Neill",
    "U.S.",
    "\xc3\xa9t\xc3\xa9",
    "cease-fire",
};

std::vector<std::string> accepted_terms(TextAnalyzer& analyzer, const std::string& text) {
    std::vector<std::string> out;
    analyzer.analyze(text, "en", [&](const Token& t) {
        if (!t.compound && is_spelling_word(t.term)) out.push_back(t.term);
    });
    return out;
}

TEST(SpellingRuleUsers, IndexerRecordsExactlyTheRulesWords) {
    TextAnalyzer analyzer;
    std::size_t accepted = 0, rejected = 0;
    for (const auto& text : kTexts) {
        Article a;
        a.id = "1";
        a.body = text;
        a.lang = "en";
        std::vector<std::string> expected = accepted_terms(analyzer, text);
        EXPECT_EQ(build_document(a, analyzer).spelling_words, expected) << text;
        (expected.empty() ? rejected : accepted) += 1;
    }
    // Both sides of the rule are exercised.
    EXPECT_GE(accepted, 4u);
    EXPECT_GE(rejected, 4u);
}

TEST(SpellingRuleUsers, SearcherCorrectsExactlyTheRulesWords) {
    TextAnalyzer analyzer;
    std::size_t accepted = 0, rejected = 0;
    for (const auto& text : kTexts) {
        std::vector<std::string> targets;
        for (const auto& t : spelling_targets(text, analyzer)) targets.push_back(t.term);
        std::vector<std::string> expected = accepted_terms(analyzer, text);
        EXPECT_EQ(targets, expected) << text;
        (expected.empty() ? rejected : accepted) += 1;
    }
    EXPECT_GE(accepted, 4u);
    EXPECT_GE(rejected, 4u);
}

}  // namespace
}  // namespace newsdex
