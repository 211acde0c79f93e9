#pragma once
// Dates as news corpora write them, turned into seconds since the Unix epoch (UTC).
//
// Accepted forms (leading/trailing whitespace ignored, case-insensitive):
//   ISO 8601      2023-10-09, 2015-07-23 19:28:17, 2011-10-02T10:00:00+0900,
//                 ...Z, ...+09:00, 2019-04, 2019, 20190424, 20190424064330, 2019/04/24
//   Reuters       26-FEB-1987 15:01:01.79 (D-MON-YYYY, fraction ignored)
//   RFC 2822      Tue, 15 Nov 1994 08:12:31 GMT, ... +0200, Wed, 2 Nov 88 05:26 EDT
//   numeric       04-24-2019 and 01/04/63 (US month first; day first when the first
//                 number cannot be a month), 24.04.2019 (day first)
//   words         April 24, 2019; 24 April 2019 (an optional time may follow)
// Two-digit years: 30..99 -> 19yy, 00..29 -> 20yy.
// A date without a zone is taken as UTC. Anything else -> nullopt (the caller
// keeps the text and warns; it never guesses).

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdex {

std::optional<std::int64_t> parse_date(std::string_view text);

/// Days from 1970-01-01 to the given proleptic Gregorian date (may be negative).
/// Precondition: month in 1..12, day in 1..31.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

}  // namespace newsdex
