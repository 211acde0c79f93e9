#pragma once
// The parsed query as JSON, for tools outside newsdex that must read the query
// language exactly as newsdex reads it (bench/peers/ translates it into other
// engines' syntax), instead of re-implementing the parser.

#include <string>

#include "query_parser.h"

namespace newsdex {

/// {"query": the sanitized text, "notes": [...], "tree": NODE}, one line.
/// NODE = {"kind": "empty"|"word"|"phrase"|"wildcard"|"field"|"near"|"seq"|"and"|"or"|"not",
///         "occur": "+" | "-"         (only on a required or excluded item),
///         "text": "..."              (leaves: as typed; field: its name),
///         "distance": n              (near),
///         "from": s, "to": s         (a date: field: the inclusive range in seconds since
///                                     1970 UTC, searcher/date_range.h; null = open side;
///                                     both absent when the value is not a valid range),
///         "children": [NODE...]}     (field: [value]; operators: operands)
/// Notes say where newsdex read the query leniently; a tool that cannot be
/// lenient in the same way should skip such a query.
std::string parsed_query_json(const ParsedQuery& parsed);

}  // namespace newsdex
