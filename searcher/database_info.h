#pragma once
// What `newsdex-search --info` (and /api/info) reports about the databases a
// search reads: counts, size on disk, date span, the articles per
// collection, source and language.
//
// For: reading those figures from an open Xapian::Database. Not for:
// opening or pinning it (Searcher::info does, shard_set.h) nor printing
// (result_format.*).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "facets.h"

namespace newsdex {

struct DatabaseInfo {
    std::vector<std::string> paths;
    std::uint64_t articles = 0;
    std::uint64_t distinct_words = 0;  ///< unprefixed (searchable word) terms
    std::uint64_t total_words = 0;     ///< sum of document lengths
    std::uint64_t size_bytes = 0;
    std::optional<std::int64_t> first_date, last_date;
    std::vector<std::pair<std::string, std::vector<FacetValue>>>
        breakdowns;  ///< collection, source, lang
};

/// The figures of `db` (every database a search reads, as one): `paths` as
/// the user named them, `local_paths` the directories whose files are
/// counted in size_bytes (remote shards have none here). Walks every term.
DatabaseInfo read_database_info(const Xapian::Database& db, std::vector<std::string> paths,
                                const std::vector<std::string>& local_paths);

}  // namespace newsdex
