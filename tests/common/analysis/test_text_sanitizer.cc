// Table-driven tests of the first pipeline stage: any bytes in, clean UTF-8 out.
#include <gtest/gtest.h>

#include "analysis/text_sanitizer.h"

namespace newsdex {
namespace {

struct SanitizeCase {
    const char* name;
    std::string input;
    std::string expected;
    std::size_t invalid;
};

void PrintTo(const SanitizeCase& c, std::ostream* os) { *os << c.name; }

class SanitizeTest : public ::testing::TestWithParam<SanitizeCase> {};

TEST_P(SanitizeTest, Cleans) {
    const auto& c = GetParam();
    std::string text = c.input;
    SanitizeReport report = sanitize_text(text);
    EXPECT_EQ(text, c.expected);
    EXPECT_EQ(report.invalid_sequences, c.invalid);
}

const SanitizeCase kCases[] = {
    {"ascii_unchanged", "Plain text.\nSecond line", "Plain text.\nSecond line", 0},
    {"valid_utf8_unchanged", "caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC",
     "caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC", 0},
    {"latin1_pound", std::string("a \xA3") + "15.8m signing",
     "a \xC2\xA3"
     "15.8m signing",
     1},
    {"latin1_u_umlaut_reuters", "growth.\xFC side", "growth.\xC3\xBC side", 1},
    {"cp1252_curly_quote", "it\x92s", "it\xE2\x80\x99s", 1},
    {"cp1252_undefined_is_fffd",
     "a\x81"
     "b",
     "a\xEF\xBF\xBD"
     "b",
     1},
    {"truncated_multibyte_at_end", "end\xE2\x80", "end\xC3\xA2\xE2\x82\xAC", 2},
    {"overlong_rejected", "x\xC0\xAFy", "x\xC3\x80\xC2\xAFy", 2},
    {"surrogate_rejected", "\xED\xA0\x80", "\xC3\xAD\xC2\xA0\xE2\x82\xAC", 3},
    {"nul_dropped_between_words", std::string("one\0two", 7), "one two", 0},
    {"control_run_is_one_space", "growth.\x05\x1eside", "growth. side", 0},
    {"control_next_to_space_adds_none", "end \x03", "end ", 0},
    {"leading_controls_dropped", "\x02\x01Title", "Title", 0},
    {"del_and_c1_dropped",
     "a\x7f"
     "b\xC2\x85"
     "c",
     "a b c", 0},
    {"crlf_to_lf", "a\r\nb\rc", "a\nb\nc", 0},
    {"bom_dropped_anywhere", "\xEF\xBB\xBFstart mid\xEF\xBB\xBFword", "start midword", 0},
    {"bidi_marks_dropped",
     "\xE2\x80\x8F"
     "abc\xE2\x80\xAB"
     "def\xE2\x80\xAC",
     "abcdef", 0},
    {"zero_width_space_dropped", "co\xE2\x80\x8Bop", "coop", 0},
    {"soft_hyphen_dropped", "news\xC2\xADpaper", "newspaper", 0},
    {"tab_kept", "a\tb", "a\tb", 0},
};

INSTANTIATE_TEST_SUITE_P(Cases, SanitizeTest, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(SanitizeArticle, ReportsRepairOnceWithField) {
    Article a;
    a.title = "ok";
    a.body = "bad \xFC and \xA3";
    auto message = sanitize_article(a);
    ASSERT_TRUE(message.has_value());
    EXPECT_NE(message->find("2 bytes"), std::string::npos) << *message;
    EXPECT_NE(message->find("body byte 4"), std::string::npos) << *message;
    EXPECT_EQ(a.body, "bad \xC3\xBC and \xC2\xA3");
}

TEST(SanitizeArticle, CleanArticleHasNoMessage) {
    Article a;
    a.title = "Title";
    a.body = "Body \x05 text";
    EXPECT_FALSE(sanitize_article(a).has_value());
    EXPECT_EQ(a.body, "Body  text");  // the control goes, the spaces stay
}

}  // namespace
}  // namespace newsdex
