#pragma once
// First step of the analysis pipeline: where the words of a text are.
//
// ICU's word-break rules (UAX #29 plus dictionaries for scripts written
// without spaces) decide, so every language segments correctly. Most news
// text is plain ASCII, though, and for ASCII the rules reduce to a few
// character classes; ascii_word_segments() implements exactly those and is
// used when a text has no byte >= 0x80. It must agree with ICU boundary for
// boundary and status for status on every ASCII input (documents and queries
// may take different paths), which tests/common/test_word_segmenter.cc checks
// exhaustively against ICU.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>  // U_NAMESPACE_BEGIN: ICU's namespace is versioned

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END
struct UText;

namespace newsdex {

/// A word: [start, end) byte offsets and ICU's rule status (UBRK_WORD_NUMBER,
/// _LETTER, _KANA or _IDEO ranges). Spaces and punctuation are not segments.
struct WordSegment {
    std::uint32_t start = 0, end = 0;
    std::int32_t status = 0;
    bool operator==(const WordSegment&) const = default;
};

/// Not thread-safe (owns an ICU break iterator): one per thread.
class WordSegmenter {
  public:
    WordSegmenter();
    ~WordSegmenter();
    WordSegmenter(const WordSegmenter&) = delete;
    WordSegmenter& operator=(const WordSegmenter&) = delete;

    /// The words of `text` (valid UTF-8), in order, into `out` (cleared first).
    void segment(std::string_view text, std::vector<WordSegment>& out);

    /// ICU's answer, whatever the text (the reference for the fast path).
    void icu_segments(std::string_view text, std::vector<WordSegment>& out);

  private:
    std::unique_ptr<icu::BreakIterator> breaker_;
    UText* utext_ = nullptr;
};

/// The fast path: `text` must be ASCII.
void ascii_word_segments(std::string_view text, std::vector<WordSegment>& out);

/// True when every byte is < 0x80.
bool is_ascii(std::string_view text);

}  // namespace newsdex
