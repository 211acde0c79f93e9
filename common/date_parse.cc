#include "date_parse.h"

#include <array>
#include <cctype>
#include <string>

namespace newsdex {

namespace {

// Dates are short; anything longer is prose, not a date, and is refused
// before any parsing so that a stray body line costs nothing.
constexpr std::size_t kMaxDateLength = 80;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// "feb", "Feb.", "FEBRUARY", "Sept" -> 2; 0 when the word is not a month.
/// A word must be at least three letters and a prefix of the full name.
unsigned month_from_word(std::string_view word) {
    std::string w = lower(word);
    if (!w.empty() && w.back() == '.') w.pop_back();
    if (w.size() < 3) return 0;
    for (unsigned i = 0; i < kMonths.size(); ++i)
        if (kMonths[i].substr(0, w.size()) == w) return i + 1;
    return 0;
}

bool is_weekday(std::string_view word) {
    std::string w = lower(word);
    if (!w.empty() && w.back() == '.') w.pop_back();
    if (w.size() < 3) return false;
    for (auto day : kWeekdays)
        if (day.substr(0, w.size()) == w) return true;
    return false;
}

/// Years written with two digits: 30..99 are the 1900s, 00..29 the 2000s.
std::int64_t expand_year(std::int64_t year, int digits) {
    if (digits > 2) return year;
    return year >= 30 ? 1900 + year : 2000 + year;
}

/// A left-to-right reader over the date text. Every method either consumes what
/// it matched and returns true, or leaves the position unchanged and returns false.
class Cursor {
  public:
    explicit Cursor(std::string_view s) : s_(s) {}

    bool done() const { return i_ == s_.size(); }
    char peek() const { return done() ? '\0' : s_[i_]; }
    std::size_t pos() const { return i_; }
    void seek(std::size_t p) { i_ = p; }

    /// Between min and max decimal digits (stops at max); `count` gets how many.
    bool number(int min, int max, std::int64_t& out, int* count = nullptr) {
        std::size_t j = i_;
        std::int64_t v = 0;
        int n = 0;
        while (j < s_.size() && n < max && std::isdigit(static_cast<unsigned char>(s_[j]))) {
            v = v * 10 + (s_[j] - '0');
            ++j;
            ++n;
        }
        if (n < min) return false;
        i_ = j;
        out = v;
        if (count) *count = n;
        return true;
    }

    bool lit(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }

    bool one_of(std::string_view chars, char& got) {
        if (done() || chars.find(s_[i_]) == std::string_view::npos) return false;
        got = s_[i_++];
        return true;
    }

    /// Skips blanks; true when at least one was skipped.
    bool spaces() {
        std::size_t start = i_;
        while (!done() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
        return i_ != start;
    }

    /// A run of letters, optionally followed by a '.' (abbreviations: "Feb.").
    bool word(std::string_view& out) {
        std::size_t j = i_;
        while (j < s_.size() && std::isalpha(static_cast<unsigned char>(s_[j]))) ++j;
        if (j == i_) return false;
        if (j < s_.size() && s_[j] == '.') ++j;
        out = s_.substr(i_, j - i_);
        i_ = j;
        return true;
    }

  private:
    std::string_view s_;
    std::size_t i_ = 0;
};

struct Fields {
    std::int64_t year = 0;
    unsigned month = 1;
    unsigned day = 1;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    std::int64_t offset_seconds = 0;  ///< local time minus UTC
};

std::optional<std::int64_t> to_epoch(const Fields& f) {
    if (f.year < 1 || f.year > 9999) return std::nullopt;
    if (f.month < 1 || f.month > 12) return std::nullopt;
    if (f.day < 1 || f.day > days_in_month(f.year, f.month)) return std::nullopt;
    if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
    std::int64_t days = days_from_civil(f.year, f.month, f.day);
    const std::int64_t seconds_of_day =
        std::int64_t{f.hour} * 3600 + std::int64_t{f.minute} * 60 + std::int64_t{f.second};
    return days * 86400 + seconds_of_day - f.offset_seconds;
}

/// [T or blanks] HH:MM[:SS[.frac]] [AM|PM]; absent time is fine (returns true).
/// Returns false only when something is there that is not a time.
bool parse_time(Cursor& c, Fields& f, bool allow_t) {
    std::size_t start = c.pos();
    bool sep = c.spaces();
    if (!sep && allow_t && (c.lit('T') || c.lit('t'))) sep = true;
    if (!sep) return true;  // nothing follows the date (checked by the caller)
    std::int64_t h = 0, m = 0, s = 0;
    if (!c.number(1, 2, h) || !c.lit(':') || !c.number(2, 2, m)) {
        c.seek(start);
        return true;  // maybe a zone or garbage; the caller decides
    }
    if (c.lit(':')) {
        if (!c.number(2, 2, s)) return false;
        if (c.lit('.') || c.lit(',')) {
            std::int64_t frac = 0;
            if (!c.number(1, 9, frac)) return false;
        }
    }
    std::size_t before_ampm = c.pos();
    c.spaces();
    std::string_view w;
    if (c.word(w)) {
        std::string lw = lower(w);
        if (lw == "am" || lw == "a.m." || lw == "pm" || lw == "p.m.") {
            if (h < 1 || h > 12) return false;
            if (h == 12) h = 0;
            if (lw[0] == 'p') h += 12;
        } else {
            c.seek(before_ampm);
        }
    } else {
        c.seek(before_ampm);
    }
    f.hour = static_cast<unsigned>(h);
    f.minute = static_cast<unsigned>(m);
    f.second = static_cast<unsigned>(s);
    return true;
}

/// Z, UT, UTC, GMT, US zone names, +HH, +HHMM, +HH:MM (optionally after blanks,
/// optionally followed by a parenthesised comment as in "+0000 (UTC)").
/// Absent zone = UTC. Returns false when something unreadable follows.
bool parse_zone(Cursor& c, Fields& f) {
    c.spaces();
    if (c.done()) return true;
    char sign = 0;
    if (c.one_of("+-", sign)) {
        std::int64_t hh = 0, mm = 0;
        int digits = 0;
        if (!c.number(2, 4, hh, &digits)) return false;
        if (digits == 4) {
            mm = hh % 100;
            hh /= 100;
        } else if (digits == 2) {
            if (c.lit(':') && !c.number(2, 2, mm)) return false;
        } else {
            return false;
        }
        if (hh > 14 || mm > 59) return false;
        f.offset_seconds = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    } else {
        std::string_view w;
        if (!c.word(w)) return false;
        static constexpr std::pair<std::string_view, int> kZones[] = {
            {"z", 0},    {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"est", -5}, {"edt", -4},
            {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
        std::string lw = lower(w);
        bool found = false;
        for (const auto& [name, hours] : kZones) {
            if (lw == name) {
                f.offset_seconds = static_cast<std::int64_t>(hours) * 3600;
                found = true;
                break;
            }
        }
        if (!found) return false;
        // "GMT+2" style offsets after a zone name are rare in news; not accepted.
    }
    c.spaces();
    if (c.lit('(')) {
        while (!c.done() && c.peek() != ')') c.seek(c.pos() + 1);
        if (!c.lit(')')) return false;
        c.spaces();
    }
    return c.done();
}

/// Time and zone after a complete date, then the end of the text.
std::optional<std::int64_t> finish(Cursor& c, Fields& f, bool allow_t) {
    if (!parse_time(c, f, allow_t)) return std::nullopt;
    if (!parse_zone(c, f)) return std::nullopt;
    return to_epoch(f);
}

/// Starts with four digits: YYYY, YYYY-MM, YYYY-MM-DD[time], YYYY/MM/DD, YYYYMMDD[HHMMSS].
std::optional<std::int64_t> parse_year_first(std::string_view text) {
    Cursor c(text);
    Fields f;
    std::int64_t v = 0;
    int digits = 0;
    if (!c.number(4, 14, v, &digits)) return std::nullopt;
    if (digits == 8 || digits == 14) {
        std::int64_t date = digits == 14 ? v / 1000000 : v;
        f.year = date / 10000;
        f.month = static_cast<unsigned>(date / 100 % 100);
        f.day = static_cast<unsigned>(date % 100);
        if (digits == 14) {
            f.hour = static_cast<unsigned>(v / 10000 % 100);
            f.minute = static_cast<unsigned>(v / 100 % 100);
            f.second = static_cast<unsigned>(v % 100);
            if (!parse_zone(c, f)) return std::nullopt;
            return to_epoch(f);
        }
        return finish(c, f, true);
    }
    if (digits != 4) return std::nullopt;
    f.year = v;
    if (c.done()) return to_epoch(f);
    char sep = 0;
    if (!c.one_of("-/.", sep)) return std::nullopt;
    std::int64_t m = 0;
    if (!c.number(1, 2, m)) return std::nullopt;
    f.month = static_cast<unsigned>(m);
    if (c.done()) return to_epoch(f);
    if (!c.lit(sep)) return std::nullopt;
    std::int64_t d = 0;
    if (!c.number(1, 2, d)) return std::nullopt;
    f.day = static_cast<unsigned>(d);
    return finish(c, f, true);
}

/// Starts with one or two digits: D-MON-YYYY (Reuters), D MON YYYY (RFC 2822),
/// D Month YYYY, MM-DD-YYYY, MM/DD/YY, DD.MM.YYYY.
std::optional<std::int64_t> parse_day_or_month_first(std::string_view text) {
    Cursor c(text);
    Fields f;
    std::int64_t a = 0;
    if (!c.number(1, 2, a)) return std::nullopt;
    char sep = 0;
    bool spaced = c.spaces();
    if (!spaced && !c.one_of("-/.", sep)) return std::nullopt;
    if (spaced) sep = ' ';
    std::string_view w;
    if (c.word(w)) {
        // Month as a word: day first.
        unsigned month = month_from_word(w);
        if (month == 0) return std::nullopt;
        if (sep == ' ') {
            c.spaces();
        } else if (!c.lit(sep)) {
            return std::nullopt;
        }
        std::int64_t y = 0;
        int digits = 0;
        if (!c.number(2, 4, y, &digits) || digits == 3) return std::nullopt;
        f.year = expand_year(y, digits);
        f.month = month;
        f.day = static_cast<unsigned>(a);
        return finish(c, f, false);
    }
    if (sep == ' ') return std::nullopt;
    std::int64_t b = 0;
    if (!c.number(1, 2, b) || !c.lit(sep)) return std::nullopt;
    std::int64_t y = 0;
    int digits = 0;
    if (!c.number(2, 4, y, &digits) || digits == 3) return std::nullopt;
    f.year = expand_year(y, digits);
    // '.' is the European day-first style; '-' and '/' are US month-first
    // unless the first number cannot be a month.
    bool day_first = sep == '.' || (a > 12 && b <= 12);
    f.day = static_cast<unsigned>(day_first ? a : b);
    f.month = static_cast<unsigned>(day_first ? b : a);
    return finish(c, f, false);
}

/// Starts with a word: [Weekday,] D Mon YYYY ... (RFC 2822), Month D, YYYY ...
std::optional<std::int64_t> parse_word_first(std::string_view text) {
    Cursor c(text);
    std::string_view w;
    if (!c.word(w)) return std::nullopt;
    if (is_weekday(w)) {
        c.lit(',');
        c.spaces();
        if (std::isdigit(static_cast<unsigned char>(c.peek())))
            return parse_day_or_month_first(text.substr(c.pos()));
        if (!c.word(w)) return std::nullopt;
    }
    unsigned month = month_from_word(w);
    if (month == 0) return std::nullopt;
    c.spaces();
    Fields f;
    std::int64_t d = 0;
    if (!c.number(1, 2, d)) return std::nullopt;
    std::string_view suffix;  // "1st", "2nd"
    std::size_t before = c.pos();
    if (c.word(suffix)) {
        std::string ls = lower(suffix);
        if (ls != "st" && ls != "nd" && ls != "rd" && ls != "th") c.seek(before);
    }
    c.lit(',');
    if (!c.spaces()) return std::nullopt;
    std::int64_t y = 0;
    int digits = 0;
    if (!c.number(4, 4, y, &digits)) return std::nullopt;
    f.year = y;
    f.month = month;
    f.day = static_cast<unsigned>(d);
    c.lit(',');
    return finish(c, f, false);
}

}  // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    // Howard Hinnant's algorithm: shifts the year to start in March so that the
    // leap day is the last day of the (shifted) year.
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::int64_t> parse_date(std::string_view text) {
    auto is_blank = [](char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
    };
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    if (text.empty() || text.size() > kMaxDateLength) return std::nullopt;

    const auto first = static_cast<unsigned char>(text.front());
    if (std::isdigit(first)) {
        std::size_t digits = 0;
        while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
            ++digits;
        if (digits >= 4) return parse_year_first(text);
        return parse_day_or_month_first(text);
    }
    if (std::isalpha(first)) return parse_word_first(text);
    return std::nullopt;
}

}  // namespace newsdex
