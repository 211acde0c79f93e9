#pragma once
// Sentence breaking for snippets: the break iterator of the snippet pipeline
// (matching -> sentences -> passage selection -> rendering). A rule rather
// than ICU's sentence iterator: it is cheaper, and its mistakes (an unlisted
// abbreviation) only make snippet windows a little coarser.
//
// A sentence ends at a terminator (. ! ? … and the Arabic, Devanagari and CJK
// ones) plus any closing quotes or brackets after it, when whitespace and a
// non-lower-case letter follow; "U.S. officials", "Mr. Smith", "F. Scott" and
// "5.93" do not end one. Full-width CJK terminators (。！？) end a sentence on
// their own, with no space after them. Newlines end a paragraph (hence a
// sentence) in text with one paragraph per line; hard-wrapped text (Reuters'
// ~70-column lines) breaks only at blank or indented lines.

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsdex {

struct SentenceSpan {
    std::uint32_t start = 0, end = 0;  ///< bytes, trimmed of whitespace, non-empty
    std::uint32_t length = 0;          ///< visible length (visible_text.h) of [start, end)
    bool operator==(const SentenceSpan&) const = default;
};

/// The sentences of `s` in order; whitespace between them belongs to none.
std::vector<SentenceSpan> split_sentences(std::string_view s);

}  // namespace newsdex
