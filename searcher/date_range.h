#pragma once
// `date:` filter values -> an inclusive range of seconds since the epoch (UTC).
//
//   1987                     the whole year
//   1987-03                  the whole month
//   1987-03-05               the whole day
//   1987-03-01..1987-03-31   from the start of the first to the end of the last
//   ..1987-02                up to the end of February 1987
//   2024-10..                from the start of October 2024
//
// Each endpoint is a year, a month or a day; the start of a range is the first
// second of its endpoint's period, the end the last second of its period.

#include <cstdint>
#include <optional>
#include <string_view>

#include <xapian.h>

namespace newsdex {

struct DateRange {
    std::optional<std::int64_t> from;  ///< first second included; nullopt = open
    std::optional<std::int64_t> to;    ///< last second included; nullopt = open
};

/// nullopt when `spec` is not one of the forms above, names an impossible
/// date (1987-02-30), is open on both sides, or ends before it starts.
std::optional<DateRange> parse_date_range(std::string_view spec);

/// The filter matching articles dated in `range` (the date slot, schema.h);
/// articles without a date never match. The one home of the date filter: the
/// query language's date: and SearchRequest::date both use it.
Xapian::Query date_range_query(const DateRange& range);

}  // namespace newsdex
