#pragma once
// Stepping through UTF-8 text by code point. Text inside newsdex is valid
// UTF-8 (text_sanitizer's invariant); bad bytes still decode, as U+FFFD one
// byte at a time, so no caller can loop forever or read past the end.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace newsdex {

/// Decodes the code point at `i` and advances `i` past it.
inline UChar32 next_code_point(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
        ++i;
        return b;
    }
    auto idx = static_cast<std::int32_t>(i);
    UChar32 c;
    // ICU's macro narrows an int to uint8_t inside (exactly: the value is a
    // byte); -Wconversion cannot see that.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
    U8_NEXT(s.data(), idx, static_cast<std::int32_t>(s.size()), c);
#pragma GCC diagnostic pop
    i = static_cast<std::size_t>(idx);
    return c < 0 ? 0xFFFD : c;
}

/// Moves `i` (> 0) to the start of the previous code point and returns it.
inline UChar32 prev_code_point(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i - 1]);
    if (b < 0x80) {
        --i;
        return b;
    }
    auto idx = static_cast<std::int32_t>(i);
    UChar32 c;
    U8_PREV(s.data(), 0, idx, c);
    i = static_cast<std::size_t>(idx);
    return c < 0 ? 0xFFFD : c;
}

/// The code point starting at `i` (without moving `i`).
inline UChar32 code_point_at(std::string_view s, std::size_t i) { return next_code_point(s, i); }

/// Whitespace as snippets see it: the White_Space property (what the renderer
/// collapses to one space and what the selector measures with).
inline bool is_unicode_space(UChar32 c) {
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    return u_isUWhiteSpace(c);
}

/// The largest code point boundary <= i (for cutting a byte budget).
inline std::size_t floor_code_point_boundary(std::string_view s, std::size_t i) {
    if (i >= s.size()) return s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

/// `i` moved forward over whitespace, never beyond `limit`.
inline std::size_t skip_space_forward(std::string_view s, std::size_t i, std::size_t limit) {
    while (i < limit) {
        std::size_t next = i;
        if (!is_unicode_space(next_code_point(s, next))) break;
        i = next;
    }
    return i;
}

/// `i` moved back over whitespace, never below `floor`.
inline std::size_t skip_space_backward(std::string_view s, std::size_t i, std::size_t floor) {
    while (i > floor) {
        std::size_t prev = i;
        if (!is_unicode_space(prev_code_point(s, prev))) break;
        i = prev;
    }
    return i;
}

}  // namespace newsdex
