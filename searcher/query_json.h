#pragma once
// The parsed query as JSON, for tools outside newsdex that must read the query
// language exactly as newsdex reads it (bench/peers/ translates the tree into
// other engines' syntax) instead of re-implementing the parser.

#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.h"
#include "query_parser.h"

namespace newsdex {

/// {"query": the sanitized text, "notes": [...], "tree": NODE}, one line.
/// NODE = {"kind": "empty"|"word"|"phrase"|"wildcard"|"field"|"near"|"seq"|"and"|"or"|"not",
///         "occur": "+" | "-"         (only on a required or excluded item),
///         "text": "..."              (leaves: as typed; field: its name),
///         "distance": n              (near),
///         "filter": true             (a field that is a boolean filter: topic:, date:, ...),
///         "from": s, "to": s         (a date: field: the inclusive range in seconds since
///                                     1970 UTC, searcher/date_range.h; null = open side;
///                                     both absent when the value is not a valid range),
///         "terms": {LANG: [{"term", "stem", "compound"?}]}
///                                    (word, phrase, wildcard leaves outside filters, when
///                                    languages are
///                                     given: the shared analysis pipeline's tokens of the
///                                     leaf's text in each language: what the index holds),
///         "children": [NODE...]}     (field: [value]; operators: operands)
/// Notes say where newsdex read the query leniently; a tool that cannot be
/// lenient in the same way should skip such a query.
/// `analyzer` may be null when `languages` is empty.
std::string parsed_query_json(const ParsedQuery& parsed, TextAnalyzer* analyzer = nullptr,
                              const std::vector<std::string>& languages = {});

}  // namespace newsdex
