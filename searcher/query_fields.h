#pragma once
// The field names of the query language (title:, source:, date:, ...): which
// names are fields, their other spellings (plurals, Reuters tag names), which
// are boolean filters.
//
// For: recognising a field name as typed. Not for: what a field's value
// matches (filter_query.h, leaf_query_builder.h) nor where fields are
// indexed (common/schema.h).

#include <string>
#include <string_view>

namespace newsdex {

/// The fields the language knows. Anything else before a colon is plain text.
bool is_query_field(std::string_view name);
/// Fields that are boolean filters (source:, topic:, lang:, collection:, id:, date:).
bool is_filter_field(std::string_view name);

/// The canonical name of the field `name` (any case, or an alias); empty
/// when it is not a field. The view points into a static table.
std::string_view canonical_field(std::string_view name);

/// "title author source ..." for notes, in the table's order.
std::string known_fields_list();

/// "word:value" where word is letters only: meant as a field, but not one of
/// ours (times, ratios and URLs have digits or slashes, so they do not count).
bool looks_like_field(std::string_view name, std::string_view value);

}  // namespace newsdex
