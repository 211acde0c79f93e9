#pragma once
// newsdex-bench export: the stored articles of a database as JSONL, the one
// input every engine of the side-by-side benchmark indexes (bench/peers/), so
// all of them see exactly the text newsdex stored (sanitized UTF-8, the
// Reuters dateline at the head of the body), read by newsdex's own
// stored-field decoder and written by the searcher's own article formatter
// (format_stored_article_json), not by a second decoder in another language.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace newsdex::bench {

/// Writes every document of the database at `db_path`, in document order,
/// one format_stored_article_json line each, to `out`. Returns the number
/// written. Throws DatabaseError when the database cannot be read, Error
/// when a document's data is not newsdex's (naming its document id).
std::uint64_t export_articles(const std::string& db_path,
                              const std::function<void(std::string_view)>& out);

}  // namespace newsdex::bench
