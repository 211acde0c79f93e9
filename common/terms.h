#pragma once
// Terms built from whole field values (not analysed text): the unique id term
// and boolean filter terms. Indexer and searcher both build them here.

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

}  // namespace newsdex
