// Table-driven tests of snippet selection: which ranges match (find_matches)
// and which passages are chosen (select). Results are shown as the source
// text with matches in [brackets] and fragments joined by " | ", so a row
// reads like the snippet it expects; the renderer is not involved.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "snippet_selector.h"

namespace newsdex {
namespace {

/// Highlight terms from a compact spec: "t:term", "s:stem", "p:prefix",
/// "q:word word" (a phrase).
HighlightTerms hl(std::initializer_list<std::string_view> spec) {
    HighlightTerms h;
    for (std::string_view item : spec) {
        std::string_view kind = item.substr(0, 2), value = item.substr(2);
        if (kind == "t:") h.terms.emplace(value);
        if (kind == "s:") h.stems.emplace(value);
        if (kind == "p:") h.prefixes.emplace_back(value);
        if (kind == "q:") {
            std::vector<std::string> words;
            for (std::size_t at = 0; at <= value.size();) {
                std::size_t space = std::min(value.find(' ', at), value.size());
                words.emplace_back(value.substr(at, space - at));
                at = space + 1;
            }
            h.phrases.push_back(std::move(words));
        }
    }
    return h;
}

std::string bracket(std::string_view text, std::size_t start, std::size_t end,
                    const std::vector<MatchRange>& matches) {
    std::string out;
    std::size_t at = start;
    for (const auto& m : matches) {
        out.append(text.substr(at, m.start - at));
        out += '[';
        out.append(text.substr(m.start, m.end - m.start));
        out += ']';
        at = m.end;
    }
    out.append(text.substr(at, end - at));
    return out;
}

std::string show(std::string_view text, const std::vector<Fragment>& fragments) {
    std::string out;
    for (const auto& f : fragments) {
        if (!out.empty()) out += " | ";
        out += bracket(text, f.start, f.end, f.matches);
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// --- find_matches ----------------------------------------------------------

struct MatchCase {
    const char* name;
    const char* lang;
    std::string text;
    HighlightTerms highlight;
    std::string expected;  // text with matches in [brackets]
};

void PrintTo(const MatchCase& c, std::ostream* os) { *os << c.name; }

class SnippetFindMatchesTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(SnippetFindMatchesTest, Marks) {
    const auto& c = GetParam();
    TextAnalyzer analyzer;
    SnippetSelector selector(analyzer, c.highlight, c.lang);
    auto matches = selector.find_matches(c.text);
    EXPECT_EQ(bracket(c.text, 0, c.text.size(), matches), c.expected);
    EXPECT_TRUE(
        std::is_sorted(matches.begin(), matches.end(),
                       [](const MatchRange& a, const MatchRange& b) { return a.end < b.start; }));
}

const MatchCase kMatchCases[] = {
    {"stem_marks_every_inflection", "en", "Plans, planning and planned: the planner plans.",
     hl({"s:plan"}), "[Plans], [planning] and [planned]: the planner [plans]."},
    {"term_is_exact_without_stem", "en", "Plans and plan", hl({"t:plan"}), "Plans and [plan]"},
    {"phrase_is_one_range", "en", "A cease fire now.", hl({"q:cease fire"}), "A [cease fire] now."},
    {"phrase_words_apart_not_marked", "en", "Cease the fire; fire, cease.", hl({"q:cease fire"}),
     "Cease the fire; fire, cease."},
    {"phrase_across_punctuation_is_adjacent", "en", "Cease. Fire", hl({"q:cease fire"}),
     "[Cease. Fire]"},
    {"phrase_matches_hyphenated_form", "en", "The cease-fire held.", hl({"q:cease fire"}),
     "The [cease-fire] held."},
    {"compound_term_marks_hyphen_span", "en", "A cease-fire, a ceasefire, a Cease\u2010Fire.",
     hl({"t:ceasefire"}), "A [cease-fire], a [ceasefire], a [Cease\u2010Fire]."},
    {"one_term_phrase_matches_compound", "en", "the cease-fire plan", hl({"q:ceasefire"}),
     "the [cease-fire] plan"},
    {"phrase_after_compound_uses_its_span", "en",
     "Cease-fire talks resumed; talks on a cease-fire stalled.", hl({"q:ceasefire talks"}),
     "[Cease-fire talks] resumed; talks on a cease-fire stalled."},
    {"compound_parts_separately", "en", "cease-fire", hl({"t:cease", "t:fire"}), "[cease]-[fire]"},
    {"part_and_compound_merge", "en", "cease-fire", hl({"t:cease", "t:ceasefire"}), "[cease-fire]"},
    {"phrase_and_its_word_merge", "en", "the State Department said",
     hl({"t:department", "q:state department"}), "the [State Department] said"},
    {"adjacent_words_stay_separate", "en", "Blinken Netanyahu", hl({"t:blinken", "t:netanyahu"}),
     "[Blinken] [Netanyahu]"},
    {"accents_and_case", "fr", "Le Caf\u00e9, le CAF\u00c9 et le cafe.", hl({"t:cafe"}),
     "Le [Caf\u00e9], le [CAF\u00c9] et le [cafe]."},
    {"curly_possessive", "en", "Blinken\u2019s visit and Blinken's aides", hl({"t:blinken"}),
     "[Blinken\u2019s] visit and [Blinken's] aides"},
    {"prefix_wildcard", "en", "Negotiators negotiated; negation.", hl({"p:negotiat"}),
     "[Negotiators] [negotiated]; negation."},
    {"japanese_dictionary_word", "ja", "\u6771\u4eac\u90fd\u306e\u9078\u6319\u3002",
     hl({"t:\u9078\u6319"}), "\u6771\u4eac\u90fd\u306e[\u9078\u6319]\u3002"},
    {"german_stem_and_sharp_s", "de", "Die Verhandlungen \u00fcber die Stra\u00dfenbahn.",
     hl({"t:strassenbahn", "s:verhandl"}), "Die [Verhandlungen] \u00fcber die [Stra\u00dfenbahn]."},
    {"arabic_harakat", "ar", "\u0643\u064e\u062a\u064e\u0628\u064e \u0627\u0644\u0648\u0644\u062f",
     hl({"t:\u0643\u062a\u0628"}),
     "[\u0643\u064e\u062a\u064e\u0628\u064e] \u0627\u0644\u0648\u0644\u062f"},
    {"match_in_last_word", "en", "Talks went on with Hezbollah", hl({"t:hezbollah"}),
     "Talks went on with [Hezbollah]"},
    {"nothing_to_mark", "en", "Quiet day.", hl({}), "Quiet day."},
    {"empty_text", "en", "", hl({"t:x"}), ""},
};

INSTANTIATE_TEST_SUITE_P(snippet, SnippetFindMatchesTest, ::testing::ValuesIn(kMatchCases),
                         [](const auto& p) { return std::string(p.param.name); });

// --- select ----------------------------------------------------------------

const std::string kLede = "US Secretary of State Antony Blinken arrived in Israel on Tuesday. ";
const std::string kFiller =
    "Officials met for hours in a closed room near the old port. "
    "The weather was mild and the streets were calm throughout the day. ";
const std::string kPlans = "Blinken\u2019s cease-fire plans were shared with Israeli officials. ";
const std::string kTail = "A spokesman declined to comment further on the schedule.";

struct SelectCase {
    const char* name;
    const char* lang;
    std::string text;
    HighlightTerms highlight;
    std::size_t max_chars;
    std::size_t fragments;
    std::string expected;  // fragments joined by " | ", matches in [brackets]
};

void PrintTo(const SelectCase& c, std::ostream* os) { *os << c.name; }

class SnippetSelectTest : public ::testing::TestWithParam<SelectCase> {};

TEST_P(SnippetSelectTest, Passages) {
    const auto& c = GetParam();
    TextAnalyzer analyzer;
    SnippetSelector selector(analyzer, c.highlight, c.lang);
    auto fragments = selector.select(c.text, {c.max_chars, c.fragments});
    EXPECT_EQ(show(c.text, fragments), c.expected);
    std::size_t visible = 0;
    for (const auto& f : fragments) {
        EXPECT_LT(f.start, f.end) << "empty fragment";
        visible += code_points(c.text.substr(f.start, f.end - f.start));
    }
    EXPECT_LE(visible, c.max_chars);
    EXPECT_LE(fragments.size(), std::max<std::size_t>(1, c.fragments));
}

const SelectCase kSelectCases[] = {
    {"empty_text", "en", "", hl({"t:blinken"}), 100, 2, ""},
    {"whitespace_only", "en", " \n\t ", hl({"t:blinken"}), 100, 2, ""},
    {"short_text_whole", "en", "Blinken arrived.", hl({"t:blinken"}), 100, 2, "[Blinken] arrived."},
    {"no_match_gives_opening_cut_at_word", "en", kFiller + kTail, hl({"t:zebra"}), 40, 2,
     "Officials met for hours in a closed room"},
    {"title_only_match_gives_opening", "en", kFiller, hl({}), 30, 1,
     "Officials met for hours in a"},
    {"lede_preferred_on_tie", "en", kLede + kFiller + "Blinken left on Wednesday.",
     hl({"t:blinken"}), 70, 1,
     "US Secretary of State Antony [Blinken] arrived in Israel on Tuesday."},
    {"distinct_terms_beat_lede", "en", kLede + kFiller + kPlans + kTail,
     hl({"t:blinken", "t:ceasefire", "s:plan"}), 70, 1,
     "[Blinken\u2019s] [cease-fire] [plans] were shared with Israeli officials."},
    {"two_fragments_joined", "en", kLede + kFiller + kFiller + "The cease-fire plans held.",
     hl({"t:blinken", "t:ceasefire"}), 160, 2,
     "US Secretary of State Antony [Blinken] arrived in Israel on Tuesday. | The "
     "[cease-fire] plans held."},
    {"one_fragment_when_asked_for_one", "en",
     kLede + kFiller + kFiller + "The cease-fire plans held.", hl({"t:blinken", "t:ceasefire"}),
     160, 1,
     "US Secretary of State Antony [Blinken] arrived in Israel on Tuesday. Officials met for "
     "hours in a closed room near the old port. The weather was mild and the"},
    {"second_fragment_only_if_it_adds", "en", kLede + kFiller + "Then came the talks. " + kTail,
     hl({"t:blinken"}), 120, 2,
     "US Secretary of State Antony [Blinken] arrived in Israel on Tuesday. Officials met for "
     "hours in a closed room near the old"},
    {"match_in_last_word_fills_backwards", "en", kFiller + "Talks went on with Hezbollah",
     hl({"t:hezbollah"}), 100, 1,
     "The weather was mild and the streets were calm throughout the day. Talks went on with "
     "[Hezbollah]"},
    {"phrase_window_beats_scattered_words", "en",
     "Fire crews worked. Cease all work, they said. " + kFiller + "A cease fire was agreed.",
     hl({"q:cease fire"}), 40, 1, "A [cease fire] was agreed."},
    {"long_sentence_trimmed_around_match", "en",
     "In a long statement that went on and on about many unrelated matters including the "
     "weather, the harbour, the markets and the schedule of trains, the ministry finally said "
     "that the cease-fire would hold until the end of the month and that talks would continue "
     "in Cairo with mediators from several countries present.",
     hl({"t:ceasefire"}), 80, 1,
     "finally said that the [cease-fire] would hold until the end of the month and that"},
    {"japanese_cut_at_characters", "ja",
     "\u6771\u4eac\u90fd\u306e\u5929\u6c17\u306f\u6674\u308c\u3067\u3057\u305f\u3002"
     "\u9078\u6319\u306f\u65e5\u66dc\u65e5\u306b\u884c\u308f\u308c\u307e\u3059\u3002",
     hl({"t:\u9078\u6319"}), 12, 1,
     "[\u9078\u6319]\u306f\u65e5\u66dc\u65e5\u306b\u884c\u308f\u308c\u307e\u3059"},
    {"newlines_break_paragraphs", "en",
     "Blinken\u2019s Call for Humanitarian Aid\nIn addition to the plans, aid was pressed.",
     hl({"t:blinken"}), 40, 1, "[Blinken\u2019s] Call for Humanitarian Aid"},
    {"hard_wrapped_lines_do_not_break", "en",
     "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought\n"
     "since early January and improving prospects.\n    The dry period means a late crop.",
     hl({"t:drought"}), 200, 1,
     "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the [drought]\n"
     "since early January and improving prospects.\n    The dry period means a late crop."},
    {"budget_smaller_than_the_match_gives_nothing", "ja", "\u6771\u4eac\u306e\u9078\u6319",
     hl({"t:\u9078\u6319"}), 1, 1, ""},
    {"abbreviations_do_not_break", "en",
     "Mr. Blinken met Gen. Halevi in the U.S. Embassy. The talks were long and not easy.",
     hl({"t:halevi"}), 60, 1, "Mr. Blinken met Gen. [Halevi] in the U.S. Embassy."},
};

INSTANTIATE_TEST_SUITE_P(snippet, SnippetSelectTest, ::testing::ValuesIn(kSelectCases),
                         [](const auto& p) { return std::string(p.param.name); });

// --- invariants over many budgets ------------------------------------------

bool is_boundary(std::string_view s, std::size_t i) {
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

TEST(SnippetSelector, BudgetAndBoundariesHoldForEveryBudget) {
    const std::string texts[] = {
        kLede + kFiller + kPlans + kFiller + kTail,
        "\u6771\u4eac\u90fd\u306e\u5929\u6c17\u306f\u6674\u308c\u3067\u3057\u305f\u3002"
        "\u9078\u6319\u306f\u65e5\u66dc\u65e5\u306b\u884c\u308f\u308c\u307e\u3059\u3002",
        "\u0623\u0639\u0644\u0646\u062a \u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0623\u0646 "
        "\u0627\u0644\u0627\u0646\u062a\u062e\u0627\u0628\u0627\u062a "
        "\u0633\u062a\u062c\u0631\u064a "
        "\u0641\u064a \u0627\u0644\u0631\u064a\u0627\u0636. \u0648\u0642\u0627\u0644 "
        "\u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 "
        "\u0627\u0644\u062a\u062d\u0636\u064a\u0631\u0627\u062a "
        "\u062c\u0627\u0631\u064a\u0629.",
        "Die Stra\u00dfenbahn f\u00e4hrt \u00fcber die Br\u00fccke. Gr\u00f6\u00dfere "
        "Verhandlungen \u00fcber die Stra\u00dfenbahn beginnen im M\u00e4rz.",
    };
    HighlightTerms highlight = hl({"t:blinken", "t:\u9078\u6319", "t:strassenbahn",
                                   "t:\u0627\u0644\u0631\u064a\u0627\u0636", "s:plan"});
    TextAnalyzer analyzer;
    for (const auto& text : texts) {
        for (std::size_t fragments : {1u, 2u, 3u}) {
            for (std::size_t budget = 1; budget <= 260; ++budget) {
                SnippetSelector selector(analyzer, highlight, "en");
                auto frags = selector.select(text, {budget, fragments});
                std::size_t visible = 0, previous_end = 0;
                for (const auto& f : frags) {
                    ASSERT_LT(f.start, f.end);
                    ASSERT_LE(f.end, text.size());
                    ASSERT_GE(f.start, previous_end);
                    ASSERT_TRUE(is_boundary(text, f.start) && is_boundary(text, f.end))
                        << "cut inside a UTF-8 sequence at budget " << budget;
                    visible += code_points(text.substr(f.start, f.end - f.start));
                    for (const auto& m : f.matches) {
                        ASSERT_LE(f.start, m.start);
                        ASSERT_LE(m.end, f.end);
                    }
                    previous_end = f.end;
                }
                ASSERT_LE(visible, budget) << "fragments=" << fragments << " text=" << text;
            }
        }
    }
}

TEST(SnippetSelector, SelectMarksWhatFindMatchesFinds) {
    const std::string text = kLede + kFiller + kPlans + kTail;
    HighlightTerms highlight = hl({"t:blinken", "t:ceasefire", "s:plan"});
    TextAnalyzer analyzer;
    SnippetSelector selector(analyzer, highlight, "en");
    auto all = selector.find_matches(text);
    auto frags = selector.select(text, {1000, 1});
    ASSERT_EQ(frags.size(), 1u);
    EXPECT_EQ(frags[0].matches, all);
}

std::string long_filler(std::size_t bytes) {
    std::string text;
    while (text.size() < bytes) text += kFiller;
    return text;
}

TEST(SnippetSelector, LongArticleLateMatchFound) {
    // Analysed in chunks; nothing stops early because nothing matches before.
    const std::string text = long_filler(200000) + kPlans + kTail;
    TextAnalyzer analyzer;
    const HighlightTerms highlight = hl({"t:ceasefire"});  // the selector keeps a reference
    SnippetSelector selector(analyzer, highlight, "en");
    EXPECT_EQ(show(text, selector.select(text, {80, 1})),
              "Blinken\u2019s [cease-fire] plans were shared with Israeli officials. A spokesman");
}

TEST(SnippetSelector, LongArticleWithEverythingInTheLede) {
    // Every concept in the lede: analysis may stop there, and the lede is the
    // passage either way (term "plans" and stem "plan" are one concept).
    const std::string text = kPlans + long_filler(100000) + kPlans;
    TextAnalyzer analyzer;
    const HighlightTerms highlight =
        hl({"t:ceasefire", "t:plans", "s:plan"});  // the selector keeps a reference
    SnippetSelector selector(analyzer, highlight, "en");
    EXPECT_EQ(show(text, selector.select(text, {70, 2})),
              "Blinken\u2019s [cease-fire] [plans] were shared with Israeli officials.");
}

TEST(SnippetSelector, BeyondTheAnalysisCapShowsTheOpening) {
    // Documented limit: texts are analysed up to 256 KiB.
    const std::string text = long_filler(300000) + kPlans;
    TextAnalyzer analyzer;
    const HighlightTerms highlight = hl({"t:ceasefire"});  // the selector keeps a reference
    SnippetSelector selector(analyzer, highlight, "en");
    EXPECT_EQ(show(text, selector.select(text, {40, 1})),
              "Officials met for hours in a closed room");
}

}  // namespace
}  // namespace newsdex
