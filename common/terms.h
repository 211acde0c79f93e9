#pragma once
// Terms built from whole field values (not analysed text): the unique id term
// and boolean filter terms. Indexer and searcher both build them here.

#include <string>
#include <string_view>

namespace newsdex {

/// "Q" + collection + '\x1f' + native id. Xapian limits terms to 245 bytes, so
/// a longer key keeps a readable head and ends in a hash of the whole key:
/// still unique in practice, still stable across runs.
std::string unique_term(std::string_view collection, std::string_view native_id);

/// The boolean filter term for a field value: prefix + value lower-cased
/// (ASCII only, so "Reuters" and "reuters" match), capped to Xapian's term limit.
std::string filter_term(std::string_view prefix, std::string_view value);

}  // namespace newsdex
