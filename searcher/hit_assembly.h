#pragma once
// One matching document -> the Hit a caller sees: its stored fields, a title
// (the body's opening sentence when it has none), the title and the snippet
// with the query's matches marked, the other members of its near-duplicate
// cluster.
//
// For: turning a match into a result, and the marking shared with `--show`.
// Not for: which documents match or in what order (searcher.cc), how a
// snippet's passages are chosen (snippet_selector.h) or printed
// (result_format.h).

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "highlight_terms.h"
#include "searcher.h"
#include "snippet_selector.h"

namespace newsdex {

/// Longest title taken from a body's first sentence, in characters.
inline constexpr std::size_t kMaxFallbackTitleChars = 100;

/// The opening sentence of `body`, cut at a word boundary to at most
/// `max_chars` characters with "…" when cut; "" for an empty body.
std::string title_from_body(std::string_view body, std::size_t max_chars = kMaxFallbackTitleChars);

/// The whole of `text` with what `selector` matches marked ("" for "").
RenderedSnippet whole_text_marked(SnippetSelector& selector, std::string_view text);

/// The Hit of the match `it` in `db`: each article is matched in its own
/// language (a German article's snippet marks its German stems, the query
/// holds every language's); snippets as `request` asks.
Hit assemble_hit(const Xapian::MSetIterator& it, const Xapian::Database& db, TextAnalyzer& analyzer,
                 const HighlightTerms& highlight, const SearchRequest& request);

}  // namespace newsdex
