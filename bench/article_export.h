#pragma once
// newsdex-bench export: the stored articles of a database as JSONL, the one
// input every engine of the side-by-side benchmark indexes (bench/peers/), so
// all of them see exactly the text newsdex stored (sanitized UTF-8, the Reuters
// dateline at the head of the body), read by newsdex's own stored-field decoder.

#include <cstdint>
#include <cstdio>
#include <string>

#include "article.h"

namespace newsdex::bench {

/// One line (without the newline): {"id", "collection", "title", "body",
/// "date" (ISO 8601 UTC, which newsdex-index parses back exactly), "epoch"
/// (seconds since 1970 UTC), "source", "url", "lang", "authors", "topics",
/// "places"}. Empty strings, empty lists and an absent date are left out.
std::string article_json_line(const Article& article);

/// Writes every document of the database at `db_path`, in document order, one
/// line each, to `out`. Returns the number written. Throws DatabaseError when
/// the database cannot be read, Error when a document's data is not newsdex's.
std::uint64_t export_articles(const std::string& db_path, std::FILE* out);

}  // namespace newsdex::bench
