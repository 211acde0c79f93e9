// parse_date(): every date form the corpora use, and text that must not pass for a date.

#include "date_parse.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::utc;

// One row per form: a name (the test's name, so a failure says which form
// broke), the input and the expected epoch seconds, or nullopt where the text
// must not pass for a date.
struct DateCase {
    std::string name;
    std::string input;
    std::optional<std::int64_t> expected;
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << c.name << ": \"" << c.input << '"'; }

std::string case_name(const ::testing::TestParamInfo<DateCase>& info) { return info.param.name; }

class ParseDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateTest, ParsesToEpochOrNothing) {
    const DateCase& c = GetParam();
    EXPECT_EQ(parse_date(c.input), c.expected) << "input: \"" << c.input << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Reuters, ParseDateTest,
    ::testing::Values(
        DateCase{"centiseconds_dropped", "26-FEB-1987 15:01:01.79", utc(1987, 2, 26, 15, 1, 1)},
        DateCase{"one_digit_day_space_padded", " 3-APR-1987 07:09:06.48", utc(1987, 4, 3, 7, 9, 6)},
        DateCase{"lower_case_month_surrounding_blanks", "  3-apr-1987 07:09:06.48  ",
                 utc(1987, 4, 3, 7, 9, 6)},
        DateCase{"date_without_time", "26-FEB-1987", utc(1987, 2, 26)},
        DateCase{"garbled_hour_rejected", "31-MAR-1987 605:12:19.12", std::nullopt},
        DateCase{"february_30_rejected", "30-FEB-1987 10:00:00.00", std::nullopt}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Iso8601, ParseDateTest,
    ::testing::Values(
        DateCase{"date_only", "2023-10-09", utc(2023, 10, 9)},
        DateCase{"space_separated_time", "2015-07-23 19:28:17", utc(2015, 7, 23, 19, 28, 17)},
        DateCase{"offset_without_colon", "2011-10-02T10:00:00+0900", utc(2011, 10, 2, 1, 0, 0)},
        DateCase{"offset_with_colon", "2011-10-02T10:00:00+09:00", utc(2011, 10, 2, 1, 0, 0)},
        DateCase{"positive_offset_same_day", "2024-03-05T06:40:00+01:00",
                 utc(2024, 3, 5, 5, 40, 0)},
        DateCase{"zulu", "2016-12-11T13:48:31Z", utc(2016, 12, 11, 13, 48, 31)},
        DateCase{"fraction_dropped", "2016-12-11T13:48:31.250Z", utc(2016, 12, 11, 13, 48, 31)},
        DateCase{"minutes_without_seconds", "2016-12-11 13:48", utc(2016, 12, 11, 13, 48, 0)},
        DateCase{"negative_offset_crosses_midnight", "2020-06-30T23:00:00-05:00",
                 utc(2020, 7, 1, 4, 0, 0)},
        DateCase{"year_month", "2019-04", utc(2019, 4, 1)},
        DateCase{"year_alone", "2019", utc(2019, 1, 1)},
        DateCase{"slashes", "2019/04/24", utc(2019, 4, 24)},
        DateCase{"basic_date", "20190424", utc(2019, 4, 24)},
        DateCase{"basic_date_time", "20190424064330", utc(2019, 4, 24, 6, 43, 30)},
        DateCase{"leap_day", "2024-02-29", utc(2024, 2, 29)},
        DateCase{"leap_day_in_common_year_rejected", "2023-02-29", std::nullopt},
        DateCase{"month_13_rejected", "2023-13-01", std::nullopt},
        DateCase{"hour_25_rejected", "2023-10-09T25:00:00", std::nullopt},
        DateCase{"offset_25_hours_rejected", "2023-10-09T10:00:00+2500", std::nullopt},
        DateCase{"one_second_before_epoch", "1969-12-31T23:59:59Z", -1}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Rfc2822, ParseDateTest,
    ::testing::Values(
        DateCase{"gmt", "Tue, 15 Nov 1994 08:12:31 GMT", utc(1994, 11, 15, 8, 12, 31)},
        DateCase{"numeric_zone", "Tue, 15 Nov 1994 08:12:31 +0200", utc(1994, 11, 15, 6, 12, 31)},
        DateCase{"zero_padded_day", "Tue, 05 Mar 2024 09:30:00 +0100", utc(2024, 3, 5, 8, 30, 0)},
        DateCase{"no_weekday_no_seconds", "15 Nov 1994 08:12 -0500", utc(1994, 11, 15, 13, 12, 0)},
        DateCase{"two_digit_year_named_zone", "Wed, 2 Nov 88 05:26 EDT",
                 utc(1988, 11, 2, 9, 26, 0)},
        DateCase{"zone_comment", "Mon, 01 Jan 2024 00:00:00 +0000 (UTC)", utc(2024, 1, 1)}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Numeric, ParseDateTest,
    ::testing::Values(
        DateCase{"smart_time_collection", "01/04/63", utc(1963, 1, 4)},      // SMART (TIME)
        DateCase{"month_first", "12/27/63", utc(1963, 12, 27)},              // month first
        DateCase{"two_digit_year_29_is_2029", "01/04/29", utc(2029, 1, 4)},  // 00..29 -> 20yy
        DateCase{"two_digit_year_30_is_1930", "01/04/30", utc(1930, 1, 4)},  // 30..99 -> 19yy
        DateCase{"month_day_year_dashes", "04-19-2019", utc(2019, 4, 19)},   // Grover MM-DD-YYYY
        DateCase{"day_first_when_month_cannot_be_27", "27/03/2019",
                 utc(2019, 3, 27)},                                 // day first when it must be
        DateCase{"european_dots", "24.04.2019", utc(2019, 4, 24)},  // European
        DateCase{"no_month_13_either_way", "13/13/2019", std::nullopt}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Words, ParseDateTest,
    ::testing::Values(DateCase{"month_day_comma_year", "April 24, 2019", utc(2019, 4, 24)},
                      DateCase{"abbreviated_month_with_dot_and_time", "Sept. 3, 2001 14:05",
                               utc(2001, 9, 3, 14, 5, 0)},
                      DateCase{"day_month_year", "24 April 2019", utc(2019, 4, 24)},
                      DateCase{"day_short_month_year", "15 Jan 2024", utc(2024, 1, 15)},
                      DateCase{"ordinal_day", "March 1st, 2020", utc(2020, 3, 1)}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    NotDates, ParseDateTest,
    ::testing::Values(DateCase{"empty", "", std::nullopt}, DateCase{"blanks", "   ", std::nullopt},
                      DateCase{"prose", "sometime in spring", std::nullopt},
                      DateCase{"relative_word", "yesterday", std::nullopt},
                      DateCase{"five_digits", "12345", std::nullopt},
                      DateCase{"trailing_words", "2023-10-09 and more", std::nullopt},
                      DateCase{"trailing_comment",
                               "9-APR-1987 00:00:00.00    # date added as guesswork", std::nullopt},
                      DateCase{"month_name_prefix_of_word", "Mayday 12 2020", std::nullopt},
                      DateCase{"two_hundred_digits", std::string(200, '1'), std::nullopt},
                      DateCase{"embedded_nul", std::string("2023-10-09\0", 11), std::nullopt}),
    case_name);

TEST(DaysFromCivil, KnownDays) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(days_from_civil(1963, 1, 4), -2554);
}

}  // namespace
}  // namespace newsdex
