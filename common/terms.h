#pragma once
// Terms built from whole field values (not analysed text): the unique id term
// and boolean filter terms; and the tie-break value. Indexer and searcher both
// build them here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace newsdex {

/// "Q" + native id + '\x1f' + collection. Xapian limits terms to 245 bytes, so
/// a longer key keeps a readable head and ends in a hash of the whole key:
/// still unique in practice, still stable across runs.
std::string unique_term(std::string_view collection, std::string_view native_id);

/// The (collection, native id) of a unique term; nullopt when the term was
/// too long and ends in a hash (read the stored fields instead).
std::optional<std::pair<std::string, std::string>> split_unique_term(std::string_view term);

/// FNV-1a, 64 bit: stable across platforms and releases (std::hash is not).
std::uint64_t stable_hash64(std::string_view s);

/// What the unique terms of every article with this native id start with,
/// whatever its collection ("Q" + id + '\x1f'): `id:` queries expand it.
/// (An id so long that its unique term was hashed is not found this way.)
std::string unique_id_prefix(std::string_view native_id);

/// The boolean filter term for a field value: prefix + value lower-cased
/// (ASCII only, so "Reuters" and "reuters" match), capped to Xapian's term limit.
std::string filter_term(std::string_view prefix, std::string_view value);

/// The value of schema::kSlotTieBreak: equal scores rank by it, ascending,
/// so the order of ties is the article's own, never its docid (which depends
/// on how parallel segments were merged). Newest first (16 hex digits of the
/// inverted date; undated after every dated article), then collection, then
/// native id. Distinct articles have distinct keys: (collection, id) is the
/// unique key, and '\x1f' sorts below every character a collection name has.
std::string tie_break_key(std::optional<std::int64_t> date, std::string_view collection,
                          std::string_view native_id);

}  // namespace newsdex
