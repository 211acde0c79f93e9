#pragma once
// The unique term that identifies an article across runs.

#include <string>
#include <string_view>

namespace newsdex {

/// "Q" + collection + '\x1f' + native id. Xapian limits terms to 245 bytes, so
/// a longer key keeps a readable head and ends in a hash of the whole key:
/// still unique in practice, still stable across runs.
std::string unique_term(std::string_view collection, std::string_view native_id);

}  // namespace newsdex
