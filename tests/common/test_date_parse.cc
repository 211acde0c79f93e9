// parse_date(): every date form the corpora use, and text that must not pass for a date.

#include "date_parse.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::utc;

struct DateCase {
    std::string input;
    std::optional<std::int64_t> expected;
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << '"' << c.input << '"'; }

class ParseDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateTest, ParsesToEpochOrNothing) {
    const DateCase& c = GetParam();
    EXPECT_EQ(parse_date(c.input), c.expected) << "input: \"" << c.input << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Reuters, ParseDateTest,
    ::testing::Values(DateCase{"26-FEB-1987 15:01:01.79", utc(1987, 2, 26, 15, 1, 1)},
                      DateCase{" 3-APR-1987 07:09:06.48", utc(1987, 4, 3, 7, 9, 6)},
                      DateCase{"  3-apr-1987 07:09:06.48  ", utc(1987, 4, 3, 7, 9, 6)},
                      DateCase{"26-FEB-1987", utc(1987, 2, 26)},
                      DateCase{"31-MAR-1987 605:12:19.12", std::nullopt},
                      DateCase{"30-FEB-1987 10:00:00.00", std::nullopt}));

INSTANTIATE_TEST_SUITE_P(
    Iso8601, ParseDateTest,
    ::testing::Values(
        DateCase{"2023-10-09", utc(2023, 10, 9)},
        DateCase{"2015-07-23 19:28:17", utc(2015, 7, 23, 19, 28, 17)},
        DateCase{"2011-10-02T10:00:00+0900", utc(2011, 10, 2, 1, 0, 0)},
        DateCase{"2011-10-02T10:00:00+09:00", utc(2011, 10, 2, 1, 0, 0)},
        DateCase{"2024-03-05T06:40:00+01:00", utc(2024, 3, 5, 5, 40, 0)},
        DateCase{"2016-12-11T13:48:31Z", utc(2016, 12, 11, 13, 48, 31)},
        DateCase{"2016-12-11T13:48:31.250Z", utc(2016, 12, 11, 13, 48, 31)},
        DateCase{"2016-12-11 13:48", utc(2016, 12, 11, 13, 48, 0)},
        DateCase{"2020-06-30T23:00:00-05:00", utc(2020, 7, 1, 4, 0, 0)},
        DateCase{"2019-04", utc(2019, 4, 1)}, DateCase{"2019", utc(2019, 1, 1)},
        DateCase{"2019/04/24", utc(2019, 4, 24)}, DateCase{"20190424", utc(2019, 4, 24)},
        DateCase{"20190424064330", utc(2019, 4, 24, 6, 43, 30)},
        DateCase{"2024-02-29", utc(2024, 2, 29)}, DateCase{"2023-02-29", std::nullopt},
        DateCase{"2023-13-01", std::nullopt}, DateCase{"2023-10-09T25:00:00", std::nullopt},
        DateCase{"2023-10-09T10:00:00+2500", std::nullopt}, DateCase{"1969-12-31T23:59:59Z", -1}));

INSTANTIATE_TEST_SUITE_P(
    Rfc2822, ParseDateTest,
    ::testing::Values(DateCase{"Tue, 15 Nov 1994 08:12:31 GMT", utc(1994, 11, 15, 8, 12, 31)},
                      DateCase{"Tue, 15 Nov 1994 08:12:31 +0200", utc(1994, 11, 15, 6, 12, 31)},
                      DateCase{"Tue, 05 Mar 2024 09:30:00 +0100", utc(2024, 3, 5, 8, 30, 0)},
                      DateCase{"15 Nov 1994 08:12 -0500", utc(1994, 11, 15, 13, 12, 0)},
                      DateCase{"Wed, 2 Nov 88 05:26 EDT", utc(1988, 11, 2, 9, 26, 0)},
                      DateCase{"Mon, 01 Jan 2024 00:00:00 +0000 (UTC)", utc(2024, 1, 1)}));

INSTANTIATE_TEST_SUITE_P(
    Numeric, ParseDateTest,
    ::testing::Values(DateCase{"01/04/63", utc(1963, 1, 4)},     // SMART (TIME)
                      DateCase{"12/27/63", utc(1963, 12, 27)},   // month first
                      DateCase{"01/04/29", utc(2029, 1, 4)},     // 00..29 -> 20yy
                      DateCase{"01/04/30", utc(1930, 1, 4)},     // 30..99 -> 19yy
                      DateCase{"04-19-2019", utc(2019, 4, 19)},  // Grover MM-DD-YYYY
                      DateCase{"27/03/2019", utc(2019, 3, 27)},  // day first when it must be
                      DateCase{"24.04.2019", utc(2019, 4, 24)},  // European
                      DateCase{"13/13/2019", std::nullopt}));

INSTANTIATE_TEST_SUITE_P(Words, ParseDateTest,
                         ::testing::Values(DateCase{"April 24, 2019", utc(2019, 4, 24)},
                                           DateCase{"Sept. 3, 2001 14:05",
                                                    utc(2001, 9, 3, 14, 5, 0)},
                                           DateCase{"24 April 2019", utc(2019, 4, 24)},
                                           DateCase{"15 Jan 2024", utc(2024, 1, 15)},
                                           DateCase{"March 1st, 2020", utc(2020, 3, 1)}));

INSTANTIATE_TEST_SUITE_P(
    NotDates, ParseDateTest,
    ::testing::Values(DateCase{"", std::nullopt}, DateCase{"   ", std::nullopt},
                      DateCase{"sometime in spring", std::nullopt},
                      DateCase{"yesterday", std::nullopt}, DateCase{"12345", std::nullopt},
                      DateCase{"2023-10-09 and more", std::nullopt},
                      DateCase{"9-APR-1987 00:00:00.00    # date added as guesswork", std::nullopt},
                      DateCase{"Mayday 12 2020", std::nullopt},
                      DateCase{std::string(200, '1'), std::nullopt},
                      DateCase{std::string("2023-10-09\0", 11), std::nullopt}));

TEST(DaysFromCivil, KnownDays) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(days_from_civil(1963, 1, 4), -2554);
}

}  // namespace
}  // namespace newsdex
