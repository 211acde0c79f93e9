#pragma once
// Visible length of stored text as snippets show it: code points, with each
// whitespace run counting as one (the renderer collapses runs to one space).
// The selector budgets fragments with it and the sentence splitter measures
// sentences with it, so both count exactly what the renderer will print.

#include <cstddef>
#include <string_view>

#include "utf8.h"

namespace newsdex {

/// Visible length of [a, b): code points, each whitespace run counting as one
/// (the renderer collapses runs to one space).
inline std::size_t visible_length(std::string_view s, std::size_t a, std::size_t b) {
    std::size_t n = 0;
    bool in_space = false;
    while (a < b) {
        bool sp = is_unicode_space(next_code_point(s, a));
        if (!sp || !in_space) ++n;
        in_space = sp;
    }
    return n;
}

/// The furthest position p <= limit with visible_length(from, p) <= k.
inline std::size_t advance_visible(std::string_view s, std::size_t from, std::size_t k,
                                   std::size_t limit) {
    std::size_t n = 0;
    bool in_space = false;
    std::size_t i = from;
    while (i < limit) {
        std::size_t next = i;
        bool sp = is_unicode_space(next_code_point(s, next));
        if (!sp || !in_space) {
            if (n == k) return i;
            ++n;
        }
        in_space = sp;
        i = next;
    }
    return limit;
}

}  // namespace newsdex
