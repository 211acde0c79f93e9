// Table-driven tests of the snippet sentence splitter. Each row shows the
// sentences found, joined by " | ", so a row reads like the split it expects.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sentence_splitter.h"

namespace newsdex {
namespace {

std::string show(std::string_view text) {
    std::string out;
    for (const SentenceSpan& s : split_sentences(text)) {
        if (!out.empty()) out += " | ";
        out.append(text.substr(s.start, s.end - s.start));
    }
    return out;
}

struct Row {
    const char* name;
    std::string_view text;
    std::string_view expected;
};

std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.name; }

// Hard-wrapped like Reuters: ~70-column lines, paragraphs indented.
constexpr std::string_view kReuters =
    "    Oil prices rose sharply on Monday as traders reacted to\n"
    "news from the meeting of ministers in Vienna. The cartel\n"
    "agreed to cut output by one mln barrels a day, the U.S.\n"
    "Energy Department said.\n"
    "    Analysts said the move was expected.\n";

const Row kRows[] = {
    {"TwoPlainSentences", "Oil rose. Gold fell.", "Oil rose. | Gold fell."},
    {"TitleAbbreviationMr", "Mr. Smith went to Washington. He met Gen. Jones there.",
     "Mr. Smith went to Washington. | He met Gen. Jones there."},
    {"DottedAbbreviationUS", "The U.S. Treasury said so. Markets rose.",
     "The U.S. Treasury said so. | Markets rose."},
    // The rule's known cost: a sentence ending in a dotted abbreviation does
    // not end there (windows get a little coarser, nothing is lost).
    {"SentenceEndingInUSStaysJoined", "Prices rose in the U.S. Officials said so.",
     "Prices rose in the U.S. Officials said so."},
    {"InitialIsNotAnEnd", "F. Scott Fitzgerald wrote it. Then he left.",
     "F. Scott Fitzgerald wrote it. | Then he left."},
    {"MonthAbbreviation", "On Jan. 5 it was cold. Then it thawed.",
     "On Jan. 5 it was cold. | Then it thawed."},
    {"DecimalNumber", "It cost 5.93 dlrs. Then it fell.", "It cost 5.93 dlrs. | Then it fell."},
    {"LowerCaseAfterStopContinues", "Shares fell. and then rose.", "Shares fell. and then rose."},
    {"ClosingQuoteAfterFullStop", "\"It is over.\" Then silence.",
     "\"It is over.\" | Then silence."},
    {"CurlyQuoteAfterFullStop", "He said: \u201cWe will fight.\u201d Others agreed.",
     "He said: \u201cWe will fight.\u201d | Others agreed."},
    {"BracketAfterExclamation", "It worked (really!) Then more came.",
     "It worked (really!) | Then more came."},
    {"RepeatedTerminators", "Really?! Yes.", "Really?! | Yes."},
    {"Ellipsis", "He paused\u2026 Then he left.", "He paused\u2026 | Then he left."},
    {"CjkFullStops", "今天天气很好。我们去公园吧！好吗？",
     "今天天气很好。 | 我们去公园吧！ | 好吗？"},
    {"CjkFullStopBeforeLatin", "东京。Tokyo is big.", "东京。 | Tokyo is big."},
    {"CjkClosingBracketAfterFullStop", "他说：「好。」然后走了。", "他说：「好。」 | 然后走了。"},
    {"JapaneseFullStops", "東京で会議が開かれた。円が上がった。",
     "東京で会議が開かれた。 | 円が上がった。"},
    {"ArabicQuestionMark", "هل انتهى؟ نعم.", "هل انتهى؟ | نعم."},
    {"DevanagariDanda", "यह अच्छा है। वह भी।", "यह अच्छा है। | वह भी।"},
    {"HardWrappedReutersJoinsLines", kReuters,
     "Oil prices rose sharply on Monday as traders reacted to\n"
     "news from the meeting of ministers in Vienna. | The cartel\n"
     "agreed to cut output by one mln barrels a day, the U.S.\n"
     "Energy Department said. | Analysts said the move was expected."},
    {"OneParagraphPerLineBreaksAtNewline", "Headline without a stop\nBody text follows here.",
     "Headline without a stop | Body text follows here."},
    {"BlankLineEndsParagraph", "First part\n\nSecond part", "First part | Second part"},
    {"NoTerminatorAtAll", "just words without an end", "just words without an end"},
    {"Empty", "", ""},
    {"OnlyWhitespace", " \n\t ", ""},
};

class SentenceSplitter : public ::testing::TestWithParam<Row> {};

TEST_P(SentenceSplitter, Splits) { EXPECT_EQ(show(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Rows, SentenceSplitter, ::testing::ValuesIn(kRows),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(SentenceSplitterSpans, LengthCountsCodePointsAndCollapsesWhitespace) {
    // "Ça  va." is 6 visible characters: the double space counts once.
    auto spans = split_sentences("  \u00c7a  va.  Oui.");
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0].start, 2u);
    EXPECT_EQ(spans[0].length, 6u);
    EXPECT_EQ(spans[1].length, 4u);
}

TEST(SentenceSplitterSpans, InvalidBytesNeverLoopOrOverrun) {
    const std::string text = "Bad \xff\xfe bytes. \xe3\x80 cut";
    auto spans = split_sentences(text);
    ASSERT_FALSE(spans.empty());
    for (const auto& s : spans) {
        EXPECT_LT(s.start, s.end);
        EXPECT_LE(s.end, text.size());
    }
}

}  // namespace
}  // namespace newsdex
