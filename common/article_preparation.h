#pragma once
// What happens to an article between its reader and the analysis, in one
// place for newsdex-index and newsdex-bench (so the bench times and analyses
// exactly the documents the indexer builds):
//
//   sanitize -> language (the record's, else --lang, else detected, else
//   "und"; analysis/language_detect.h) -> default id -> collection

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/language_detect.h"
#include "article.h"
#include "diagnostics.h"

namespace newsdex {

/// The collection an INPUT names by default: its base name without
/// extensions ("reuters21578" for corpus/reuters21578/, "articles" for
/// articles.jsonl.gz, "stdin" for -).
std::string default_collection(const std::string& input);

/// What prepare_article fills in when the record does not say.
struct ArticleDefaults {
    std::string collection;  ///< every article's collection
    std::string lang;        ///< --lang: the language of records that have none; empty = detect it
    std::string_view file_name;  ///< the input file, for the default id FILE#RECORD
};

/// Prepares the `record`-th article (1-based) read from defaults.file_name:
/// sanitizes title and body, sets the language with `languages` (the
/// record's, else defaults.lang, else detected; a canonical code), gives an
/// article without an id FILE#RECORD, and sets the collection. Returns a
/// warning naming the file and the record when the sanitizer repaired the
/// text (the article is kept).
/// `languages` is the reading thread's detector state (one per thread, fed in
/// input order).
std::optional<Diagnostic> prepare_article(Article& article, const ArticleDefaults& defaults,
                                          std::uint64_t record, ArticleLanguages& languages);

}  // namespace newsdex
