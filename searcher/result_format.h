#pragma once
// Search results and database info as text (terminal or pipe) and JSON.

#include <string>

#include "searcher.h"

namespace newsdex {

struct TextStyle {
    bool ansi = false;      ///< colours and bold (a colour terminal, or --color always)
    bool brackets = false;  ///< without ansi: matches in "[...]" (else plain text)
    std::size_t width = 0;  ///< wrap snippets to this many columns; 0: no wrapping
};

/// The query as the header shows it: terminal-safe, cut after this many
/// characters (a pasted article must not fill the screen).
inline constexpr std::size_t kMaxEchoedQueryChars = 200;

std::string format_text(const SearchResult& result, const TextStyle& style);

/// {"query", "estimated_total", "took_ms", "suggestion", "relaxed", "notes",
///  "hits": [{"rank", "collection", "id", "title", "title_html", "title_from_body",
///            "date", "source",
///            "url", "lang", "topics", "score", "snippet", "snippet_text", "highlights"}],
///  "facets": {"source": [{"value", "count"}]}}
/// snippet is HTML-escaped with <mark>; highlights are [start, end) code-point
/// offsets into snippet_text; date is "YYYY-MM-DD" or null. title_from_body:
/// the article has no title and `title` is its opening sentence.
std::string format_json(const SearchResult& result);

/// One stored article, whole: {"collection", "id", "title", "date", "source",
/// "url", "lang", "authors", "topics", "places", "body"}; date is "YYYY-MM-DD"
/// or null, empty source/url are null.
std::string format_article_json(const Article& article);

std::string format_info_text(const DatabaseInfo& info);
std::string format_info_json(const DatabaseInfo& info);

}  // namespace newsdex
