#include "csv_dialect.h"

#include <map>
#include <vector>

namespace newsdex::readers {

namespace {

constexpr std::size_t kMaxSampleLines = 50;
constexpr char kDelimiters[] = {',', ';', '\t', '|'};
constexpr char kQuotes[] = {'"', '\''};

struct LineSplit {
    bool complete = true;  ///< false when a quoted field runs past the line end
    std::size_t fields = 1;
    std::size_t quoted_fields = 0;  ///< fields quoted from start to end
};

LineSplit split_line(std::string_view line, CsvDialect d) {
    LineSplit out;
    bool field_start = true;
    bool in_quotes = false;
    bool after_quote = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (in_quotes) {
            if (c == d.quote) {
                if (i + 1 < line.size() && line[i + 1] == d.quote) {
                    ++i;
                } else {
                    in_quotes = false;
                    after_quote = true;
                }
            }
            continue;
        }
        if (c == d.delimiter) {
            if (after_quote) ++out.quoted_fields;
            ++out.fields;
            field_start = true;
            after_quote = false;
            continue;
        }
        if (field_start && c == d.quote) {
            in_quotes = true;
        } else {
            after_quote = false;  // text after a closing quote: not a clean quoted field
        }
        field_start = false;
    }
    if (in_quotes) out.complete = false;
    if (after_quote) ++out.quoted_fields;
    return out;
}

struct Score {
    double consistency = 0;
    std::size_t fields = 0;
    std::size_t quoted = 0;
};

Score score(const std::vector<std::string_view>& lines, CsvDialect d) {
    std::map<std::size_t, std::size_t> histogram;
    Score s;
    for (auto line : lines) {
        LineSplit split = split_line(line, d);
        if (!split.complete) continue;  // counts against consistency below
        ++histogram[split.fields];
        s.quoted += split.quoted_fields;
    }
    std::size_t best = 0;
    for (const auto& [fields, count] : histogram) {
        if (count > best) {
            best = count;
            s.fields = fields;
        }
    }
    s.consistency =
        lines.empty() ? 0 : static_cast<double>(best) / static_cast<double>(lines.size());
    return s;
}

}  // namespace

CsvDialect sniff_csv_dialect(std::string_view sample, bool complete, CsvDialect given,
                             bool sniff_delimiter, bool sniff_quote) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < sample.size() && lines.size() < kMaxSampleLines) {
        std::size_t nl = sample.find('\n', pos);
        if (nl == std::string_view::npos && !complete) break;  // partial last line
        std::string_view line = sample.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) lines.push_back(line);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (lines.empty()) return given;

    std::vector<char> delimiters;
    if (sniff_delimiter) {
        delimiters.assign(std::begin(kDelimiters), std::end(kDelimiters));
    } else {
        delimiters.push_back(given.delimiter);
    }
    std::vector<char> quotes;
    if (sniff_quote) {
        quotes.assign(std::begin(kQuotes), std::end(kQuotes));
    } else {
        quotes.push_back(given.quote);
    }

    CsvDialect best = given;
    Score best_score = score(lines, given);
    if (best_score.fields < 2) best_score = Score{};
    for (char delimiter : delimiters) {
        for (char quote : quotes) {
            CsvDialect d{delimiter, quote};
            Score s = score(lines, d);
            if (s.fields < 2) continue;
            // Another quote character than the one given needs evidence: fields
            // it quotes. (A file with one unbalanced '"' is not an apostrophe file.)
            if (quote != given.quote && s.quoted == 0) continue;
            bool better =
                s.consistency > best_score.consistency + 1e-9 ||
                (s.consistency > best_score.consistency - 1e-9 && s.quoted > best_score.quoted);
            if (better) {
                best = d;
                best_score = s;
            }
        }
    }
    return best;
}

}  // namespace newsdex::readers
