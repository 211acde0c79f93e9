// Sentence breaking for snippets (see sentence_splitter.h).
#include "sentence_splitter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <string>

#include "utf8.h"
#include "visible_text.h"

namespace newsdex {

namespace {

bool is_terminator(UChar32 c) {
    switch (c) {
        case '.':
        case '!':
        case '?':
        case 0x2026:  // … (an ellipsis ending a sentence)
        case 0x061F:
        case 0x06D4:  // Arabic question mark, Urdu full stop
        case 0x0964:
        case 0x0965:  // Devanagari danda
        case 0x3002:
        case 0xFF01:
        case 0xFF1F:
        case 0xFF0E:
        case 0xFF61:  // CJK
            return true;
        default:
            return false;
    }
}

/// Terminators of scripts written without spaces end a sentence on their own.
bool is_fullwidth_terminator(UChar32 c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E || c == 0xFF61;
}

/// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(UChar32 c) {
    switch (c) {
        case '"':
        case '\'':
        case ')':
        case ']':
        case 0x2019:
        case 0x201D:
        case 0x00BB:
        case 0x203A:  // ’ ” » ›
        case 0x300D:
        case 0x300F:
        case 0xFF09:
        case 0x3011:  // 」 』 ） 】
            return true;
        default:
            return false;
    }
}

/// Whether the '.' at `dot` ends an abbreviation or initial rather than a
/// sentence: "Mr.", "Gen.", "F." (an initial), "U.S." (dots inside).
bool is_abbreviation(std::string_view s, std::size_t dot) {
    std::size_t begin = dot;
    while (begin > 0) {
        std::size_t prev = begin;
        UChar32 c = prev_code_point(s, prev);
        if (is_unicode_space(c) || c == '(' || c == '"' || c == 0x201C) break;
        begin = prev;
    }
    std::string_view word = s.substr(begin, dot - begin);
    if (word.empty()) return false;
    if (word.find('.') != std::string_view::npos) return true;
    std::size_t i = 0;
    UChar32 first = next_code_point(word, i);
    if (i == word.size() && u_isalpha(first)) return true;
    if (word.size() > 6) return false;  // longer than any listed
    std::string lower;
    for (char c : word)
        lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    static constexpr std::array<std::string_view, 45> kAbbreviations = {
        "mr",  "mrs",  "ms",  "dr",  "prof", "st",  "sen",  "rep",    "gov",  "gen", "lt",   "col",
        "sgt", "capt", "maj", "adm", "cmdr", "jr",  "sr",   "inc",    "corp", "co",  "ltd",  "no",
        "vs",  "etc",  "jan", "feb", "mar",  "apr", "jun",  "jul",    "aug",  "sep", "sept", "oct",
        "nov", "dec",  "mt",  "ft",  "rev",  "hon", "dept", "approx", "fig"};
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

/// Hard-wrapped text (Reuters: ~70-column lines, paragraphs indented) must not
/// break sentences at every newline; text with one paragraph per line must.
bool looks_hard_wrapped(std::string_view s) {
    std::size_t lines = 0, short_lines = 0, len = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            if (len > 0) {
                ++lines;
                if (len <= 80) ++short_lines;
            }
            len = 0;
        } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++len;  // counts code points, not bytes
        }
    }
    return lines >= 3 && short_lines * 10 >= lines * 9;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view s) {
    std::vector<SentenceSpan> out;
    const bool wrapped = looks_hard_wrapped(s);
    std::size_t seg = 0;
    auto cut = [&](std::size_t at) {
        std::size_t a = skip_space_forward(s, seg, at);
        std::size_t b = skip_space_backward(s, at, a);
        if (a < b)
            out.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b),
                           static_cast<std::uint32_t>(visible_length(s, a, b))});
        seg = at;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        UChar32 c = next_code_point(s, i);
        if (c == '\n') {
            // A paragraph ends at a blank line or before an indented line;
            // in text that is not hard-wrapped, at any newline.
            bool paragraph = !wrapped;
            if (!paragraph && i < s.size()) {
                UChar32 n = code_point_at(s, i);
                paragraph = is_unicode_space(n);
            }
            if (paragraph) cut(i);
            continue;
        }
        if (!is_terminator(c)) continue;
        bool fullwidth = is_fullwidth_terminator(c);
        while (i < s.size()) {
            std::size_t next = i;
            UChar32 d = next_code_point(s, next);
            if (!is_terminator(d) && !is_closer(d)) break;
            fullwidth = fullwidth || is_fullwidth_terminator(d);
            i = next;
        }
        if (fullwidth || i == s.size()) {
            cut(i);
            continue;
        }
        if (!is_unicode_space(code_point_at(s, i))) continue;  // "5.93", "x.com"
        std::size_t k = skip_space_forward(s, i, s.size());
        if (k == s.size()) {
            cut(i);
            continue;
        }
        UChar32 following = code_point_at(s, k);
        if (u_islower(following)) continue;  // "e.g. this", "U.S. officials"
        if (c == '.' && is_abbreviation(s, at)) continue;
        cut(i);
    }
    cut(s.size());
    return out;
}

}  // namespace newsdex
