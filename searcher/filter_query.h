#pragma once
// The boolean filter fields of the query language (source:, topic:, lang:,
// place:, people:, org:, exchange:, collection:, id:, date:) -> the filter
// term or range a value names, as the indexer wrote it (common/terms.h,
// common/schema.h).
//
// For: one field's value. Not for: how filters combine (query_builder.cc
// ORs values of one field, ANDs fields, hoists them into a FILTER) nor
// which names are filter fields (query_parser.h, is_filter_field).

#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex {

/// The filter for `field` = `value` as typed (surrounding blanks ignored).
/// Empty, with `note` set to what the user is told, when the value is empty
/// or not a valid date range; `note` is left alone otherwise.
Xapian::Query filter_query(std::string_view field, std::string_view value, std::string& note);

}  // namespace newsdex
