#pragma once
// Snippet selection: which passages of a stored text to show and which byte
// ranges in them matched. Matching is snippet_matcher.h's job, sentence
// breaking sentence_splitter.h's, rendering (escaping, tags, ANSI)
// snippet_renderer.h's; this file knows nothing about output formats.

#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.h"
#include "highlight_terms.h"
#include "snippet_matcher.h"

namespace newsdex {

/// A passage to show: [start, end) byte offsets into the text, cut at word
/// boundaries (never inside a UTF-8 sequence), with the matches inside it.
struct Fragment {
    std::uint32_t start = 0, end = 0;
    std::vector<MatchRange> matches;
    bool operator==(const Fragment&) const = default;
};

struct SnippetOptions {
    std::size_t max_chars = 240;  ///< total visible characters (code points) of all fragments
    std::size_t fragments = 2;    ///< at most this many passages, joined by "…" when rendered
};

class SnippetSelector {
  public:
    SnippetSelector(TextAnalyzer& analyzer, const HighlightTerms& highlight, std::string lang);

    /// Every match of the highlight terms in `text`, sorted, non-overlapping.
    std::vector<MatchRange> find_matches(std::string_view text);

    /// The best passages: sentence-bounded windows scored by the matches they
    /// hold (distinct terms count more than repeats, a preference for the lede),
    /// in text order. With no match at all: the opening of the text.
    std::vector<Fragment> select(std::string_view text, const SnippetOptions& options);

  private:
    TextAnalyzer& analyzer_;
    const HighlightTerms& highlight_;
    std::string lang_;
};

}  // namespace newsdex
