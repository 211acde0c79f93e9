#include "date_range.h"

#include "date_parse.h"
#include "schema.h"

namespace newsdex {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

/// Reads exactly `digits` ASCII digits from the front of `s`.
bool take_number(std::string_view& s, std::size_t digits, unsigned& out) {
    if (s.size() < digits) return false;
    out = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    s.remove_prefix(digits);
    return true;
}

/// [first second, one past the last second) of YYYY, YYYY-MM or YYYY-MM-DD.
struct Period {
    std::int64_t begin, end;
};

std::optional<Period> parse_period(std::string_view s) {
    unsigned year = 0, month = 0, day = 0;
    if (!take_number(s, 4, year)) return std::nullopt;
    if (s.empty())
        return Period{days_from_civil(year, 1, 1) * kSecondsPerDay,
                      days_from_civil(year + 1, 1, 1) * kSecondsPerDay};
    if (s.front() != '-') return std::nullopt;
    s.remove_prefix(1);
    if (!take_number(s, 2, month) || month < 1 || month > 12) return std::nullopt;
    if (s.empty()) {
        std::int64_t begin = days_from_civil(year, month, 1);
        return Period{begin * kSecondsPerDay,
                      (begin + days_in_month(year, month)) * kSecondsPerDay};
    }
    if (s.front() != '-') return std::nullopt;
    s.remove_prefix(1);
    if (!take_number(s, 2, day) || !s.empty() || day < 1 || day > days_in_month(year, month))
        return std::nullopt;
    std::int64_t begin = days_from_civil(year, month, day);
    return Period{begin * kSecondsPerDay, (begin + 1) * kSecondsPerDay};
}

}  // namespace

std::optional<DateRange> parse_date_range(std::string_view spec) {
    DateRange range;
    std::size_t dots = spec.find("..");
    if (dots == std::string_view::npos) {
        auto p = parse_period(spec);
        if (!p) return std::nullopt;
        return DateRange{p->begin, p->end - 1};
    }
    std::string_view lo = spec.substr(0, dots);
    std::string_view hi = spec.substr(dots + 2);
    if (lo.empty() && hi.empty()) return std::nullopt;
    if (!lo.empty()) {
        auto p = parse_period(lo);
        if (!p) return std::nullopt;
        range.from = p->begin;
    }
    if (!hi.empty()) {
        auto p = parse_period(hi);
        if (!p) return std::nullopt;
        range.to = p->end - 1;
    }
    if (range.from && range.to && *range.from > *range.to) return std::nullopt;
    return range;
}

Xapian::Query date_range_query(const DateRange& range) {
    const Xapian::valueno slot = schema::kSlotDate;
    auto ser = [](std::int64_t s) { return Xapian::sortable_serialise(static_cast<double>(s)); };
    if (range.from && range.to)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, ser(*range.from), ser(*range.to));
    if (range.from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, ser(*range.from));
    if (range.to) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, ser(*range.to));
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string());  // every dated article
}

}  // namespace newsdex
