#pragma once
// Stepping through UTF-8 text by code point. Text inside newsdex is valid
// UTF-8 (text_sanitizer's invariant); bad bytes still decode, as U+FFFD one
// byte at a time, so no caller can loop forever or read past the end.

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
    U8_NEXT(s.data(), idx, static_cast<std::int32_t>(s.size()), c);
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

}  // namespace newsdex
