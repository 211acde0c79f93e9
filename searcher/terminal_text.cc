// Terminal-safe and wrapped text (see terminal_text.h).
#include "terminal_text.h"

#include <unicode/uchar.h>

#include <cstdio>

#include "number_format.h"
#include "utf8.h"

namespace newsdex {

namespace {

bool is_control(UChar32 c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// Length of an ANSI CSI sequence ("\x1b[" params letter) at `i`, or 0.
std::size_t csi_length(std::string_view s, std::size_t i) {
    if (i + 1 >= s.size() || s[i] != '\x1b' || s[i + 1] != '[') return 0;
    std::size_t j = i + 2;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';')) ++j;
    return j < s.size() ? j + 1 - i : 0;
}

}  // namespace

std::string terminal_safe(std::string_view text, std::size_t max_chars) {
    std::string out;
    out.reserve(text.size());
    std::size_t chars = 0, i = 0;
    while (i < text.size()) {
        if (max_chars && chars == max_chars) break;
        const std::size_t start = i;
        // Invalid bytes decode as U+FFFD, one byte at a time (utf8.h).
        const UChar32 c = next_code_point(text, i);
        ++chars;
        if (c == 0xFFFD) {
            out += "\xEF\xBF\xBD";
        } else if (c == '\n' || c == '\t' || c == '\r') {
            out += ' ';
        } else if (c == 0x1B) {
            out += "\\e";
        } else if (is_control(c)) {
            char buf[12];
            std::snprintf(buf, sizeof buf, c < 0x80 ? "\\x%02X" : "\\u%04X",
                          static_cast<unsigned>(c));
            out += buf;
        } else {
            out.append(text, start, i - start);
        }
    }
    if (i < text.size()) {
        std::size_t rest = 0;
        for (std::size_t j = i; j < text.size();) {
            next_code_point(text, j);
            ++rest;
        }
        out += " \xE2\x80\xA6 (" + group_thousands(rest) + " more characters)";
    }
    return out;
}

bool color_wanted(std::string_view when, bool is_tty, const char* no_color, const char* term) {
    if (when == "always") return true;
    if (when != "auto" || !is_tty) return false;
    if (no_color && *no_color) return false;
    return !(term && std::string_view(term) == "dumb");
}

int display_columns(char32_t c) {
    const auto cp = static_cast<UChar32>(c);
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) return 0;
    const auto category = u_charType(cp);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK) return 0;
    const auto width =
        static_cast<UEastAsianWidth>(u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH));
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

std::string wrap_for_terminal(std::string_view text, std::size_t width, std::string_view indent) {
    if (width == 0 || width <= indent.size() + 8) return std::string(text);
    const std::size_t room = width - indent.size();
    std::string out, line, word;
    std::size_t line_cols = 0, word_cols = 0;
    auto break_line = [&] {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
        out += indent;
        line.clear();
        line_cols = 0;
    };
    auto flush_word = [&] {
        if (word.empty()) return;
        if (line_cols > 0 && line_cols + word_cols > room) break_line();
        line += word;
        line_cols += word_cols;
        word.clear();
        word_cols = 0;
    };
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t n = csi_length(text, i)) {
            word.append(text, i, n);  // zero columns; stays with its word
            i += n;
            continue;
        }
        const std::size_t start = i;
        const UChar32 c = next_code_point(text, i);
        if (c == ' ') {
            flush_word();
            if (line_cols > 0 && line_cols < room) {
                line += ' ';
                ++line_cols;
            }
            continue;
        }
        const int cols = display_columns(static_cast<char32_t>(c));
        // Wide characters (CJK) may break anywhere: each is its own word.
        if (cols == 2) flush_word();
        if (word_cols + static_cast<std::size_t>(cols) > room) {
            // A word longer than a whole line: cut it.
            flush_word();
            if (line_cols > 0) break_line();
        }
        word.append(text, start, i - start);
        word_cols += static_cast<std::size_t>(cols);
        if (cols == 2) flush_word();
    }
    flush_word();
    out += line;
    return out;
}

}  // namespace newsdex
