#pragma once
// What a document's data holds: everything the searcher needs to show a hit
// and build a snippet, without reading anything but the record table.
//
// Encoding: a version byte, then (tag byte, varint length, bytes) per present
// field. Unknown tags are skipped on decode, so fields can be added later
// without re-indexing. Lists are joined by schema::kListSeparator.

#include <string>
#include <string_view>

#include "article.h"

namespace newsdex {

/// Serialises the displayable fields of an article (all but date_text).
std::string encode_stored_fields(const Article& article);

/// Inverse of encode_stored_fields. Throws newsdex::Error on data that is not
/// ours (a foreign database) rather than returning garbage.
Article decode_stored_fields(std::string_view data);

}  // namespace newsdex
