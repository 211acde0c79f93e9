#pragma once
// Search results and database info as text (terminal or pipe), JSON, JSON
// Lines, TSV and CSV. One writer per format, fed hit by hit (a HitSink), so a
// result list of any length streams out; the whole-result functions below
// drive the same writers, so each format has exactly one implementation.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "searcher.h"

namespace newsdex {

struct TextStyle {
    bool ansi = false;      ///< colours and bold (a colour terminal, or --color always)
    bool brackets = false;  ///< without ansi: matches in "[...]" (else plain text)
    std::size_t width = 0;  ///< wrap snippets and --show paragraphs to this many columns; 0: no
                            ///< wrapping
};

/// The query as the header shows it: terminal-safe, cut after this many
/// characters (a pasted article must not fill the screen).
inline constexpr std::size_t kMaxEchoedQueryChars = 200;

enum class OutputFormat { Text, Json, Jsonl, Tsv, Csv };

/// "text", "json", "jsonl", "tsv" or "csv"; nullopt for anything else.
std::optional<OutputFormat> parse_output_format(std::string_view name);

/// Writes one result list in one format. begin() (from HitSink) writes the
/// head, hit() each hit as it comes, finish() the tail; text goes to the
/// output function as it is produced.
///
/// json: {"query", "estimated_total", "total_is_exact", "total_lower", "total_upper",
///        "counts" ("clusters"|"articles"), "took_ms", "suggestion",
///        "relaxed", "notes", "facets": {"source": [{"value", "count"}]},
///        "hits": [{"rank", "collection", "id", "title", "title_html", "title_from_body",
///                  "date", "source",
///                  "url", "lang", "topics", "authors", "places",
///                  "similar": [{"collection", "id"}], "similar_total", "score",
///                  "snippet", "snippet_text", "highlights"}]}
///   snippet is HTML-escaped with <mark>; highlights are [start, end) code-point
///   offsets into snippet_text; date is "YYYY-MM-DD" or null; title_from_body:
///   the article has no title and `title` is its opening sentence.
/// jsonl: one hit object (as in json) per line, nothing else.
/// tsv, csv: a header row, then rank, collection, id, date, source, title, url,
///   score, snippet (plain text) per hit. CSV is RFC 4180 (fields quoted when
///   they hold a comma, quote, CR or LF; CRLF rows); TSV fields never hold a
///   tab or line break (each becomes a space).
class ResultWriter : public HitSink {
  public:
    using Output = std::function<void(std::string_view)>;
    virtual void finish() = 0;
};

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, const TextStyle& style,
                                                 ResultWriter::Output out);

/// A collected result in one format (the writer above, fed its hits).
std::string format_result(const SearchResult& result, OutputFormat format,
                          const TextStyle& style = {});

std::string format_text(const SearchResult& result, const TextStyle& style);
std::string format_json(const SearchResult& result);

/// "479 results" when the total is exact, else "between 10,000 and 21,578
/// results (about 15,020)": the wording of every text header.
std::string total_phrase(const SearchResult& result);

/// A stored article: text for reading (title, metadata, paragraphs, with the
/// query's matches marked) or JSON of its stored fields:
/// {"collection", "id", "title", "date", "source", "url", "lang", "authors",
///  "topics", "places", "body", "paragraphs", "title_html", "paragraphs_html"};
/// date is "YYYY-MM-DD" or null, empty source/url are null. newsdex-serve's
/// /api/article answers the same JSON (no query marks).
std::string format_article_text(const ShownArticle& article, const TextStyle& style);
std::string format_article_json(const ShownArticle& article);

/// Every stored field of an article, one JSON object on one line (with its
/// newline), as format_article_json writes them but without the reading
/// view, and with the date to the second so the line indexes back to the
/// same article: {"collection", "id", "title", "date" ("YYYY-MM-DDTHH:MM:SSZ"
/// or null), "epoch" (seconds since 1970 UTC or null), "source", "url",
/// "lang", "authors", "topics", "places", "body"}. newsdex-bench export
/// writes a database as these lines (the input of bench/peers/).
std::string format_stored_article_json(const Article& article);

std::string format_info_text(const DatabaseInfo& info);
std::string format_info_json(const DatabaseInfo& info);

}  // namespace newsdex
