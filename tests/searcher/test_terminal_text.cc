// Text bound for a terminal: escape sequences and invalid bytes made visible,
// long echoes cut, colour only where wanted, wrapping by display columns.
#include <gtest/gtest.h>

#include <string>

#include "terminal_text.h"

namespace newsdex {
namespace {

TEST(TerminalSafe, EscapeSequencesAndControlsBecomeVisible) {
    EXPECT_EQ(terminal_safe("oil\x1b[31mRED"), "oil\\e[31mRED");
    EXPECT_EQ(terminal_safe("bell\x07"), "bell\\x07");
    EXPECT_EQ(terminal_safe("del\x7f"), "del\\x7F");
    EXPECT_EQ(terminal_safe("csi\xC2\x9B"
                            "2J"),
              "csi\\u009B2J");  // C1 CSI
    EXPECT_EQ(terminal_safe("a\nb\tc\rd"), "a b c d");
    EXPECT_EQ(terminal_safe("caf\xC3\xA9 \xE6\x9D\xB1"), "caf\xC3\xA9 \xE6\x9D\xB1");
}

TEST(TerminalSafe, InvalidBytesBecomeReplacementCharacters) {
    EXPECT_EQ(terminal_safe("a\xff"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(terminal_safe("\xE6\x9D"), "\xEF\xBF\xBD");
}

TEST(TerminalSafe, LongTextIsCutWithACount) {
    std::string query;
    for (int i = 0; i < 5000; ++i) query += "word ";
    std::string shown = terminal_safe(query, 200);
    EXPECT_LT(shown.size(), 260u);
    EXPECT_EQ(shown.substr(0, 10), "word word ");
    EXPECT_NE(shown.find("(24,800 more characters)"), std::string::npos) << shown;
    EXPECT_EQ(terminal_safe("short", 200), "short");
}

struct ColorRow {
    const char* when;
    bool tty;
    const char* no_color;
    const char* term;
    bool expected;
};

TEST(ColorWanted, HonoursTheTerminalNoColorAndDumbTerminals) {
    const ColorRow rows[] = {
        {"auto", true, nullptr, "xterm-256color", true},
        {"auto", false, nullptr, "xterm-256color", false},  // piped
        {"auto", true, "1", "xterm", false},                // NO_COLOR
        {"auto", true, "", "xterm", true},                  // NO_COLOR empty: not set
        {"auto", true, nullptr, "dumb", false},             // TERM=dumb
        {"auto", true, nullptr, nullptr, true},
        {"always", false, "1", "dumb", true},  // an explicit flag wins
        {"never", true, nullptr, "xterm", false},
    };
    for (const auto& r : rows)
        EXPECT_EQ(color_wanted(r.when, r.tty, r.no_color, r.term), r.expected)
            << r.when << " tty=" << r.tty << " NO_COLOR=" << (r.no_color ? r.no_color : "(unset)")
            << " TERM=" << (r.term ? r.term : "(unset)");
}

TEST(DisplayColumns, WideNarrowAndCombining) {
    EXPECT_EQ(display_columns(U'a'), 1);
    EXPECT_EQ(display_columns(U'\u00e9'), 1);
    EXPECT_EQ(display_columns(U'\u6771'), 2);  // 東
    EXPECT_EQ(display_columns(U'\uff21'), 2);  // full-width A
    EXPECT_EQ(display_columns(U'\u0301'), 0);  // combining acute
}

TEST(WrapForTerminal, BreaksAtSpacesAndIndentsContinuations) {
    EXPECT_EQ(wrap_for_terminal("one two three four", 12, "   "), "one two\n   three\n   four");
    EXPECT_EQ(wrap_for_terminal("one two", 0, "   "), "one two");  // not a terminal
}

TEST(WrapForTerminal, EscapeSequencesTakeNoColumns) {
    EXPECT_EQ(wrap_for_terminal("\x1b[1;33mone\x1b[0m two three four", 12, "   "),
              "\x1b[1;33mone\x1b[0m two\n   three\n   four");
}

TEST(WrapForTerminal, WideCharactersCountTwoAndBreakAnywhere) {
    EXPECT_EQ(wrap_for_terminal("東京東京東京", 10, ""), "東京東京東\n京");
}

TEST(WrapForTerminal, AWordLongerThanALineIsCut) {
    EXPECT_EQ(wrap_for_terminal("abcdefghijklmnop", 10, ""), "abcdefghij\nklmnop");
}

}  // namespace
}  // namespace newsdex
