// CSV / TSV (RFC 4180): quoted fields may hold delimiters, doubled quotes and
// line breaks; CRLF or LF ends a record. Read record by record.
//
// Dialect: --csv-delimiter / --csv-quote when given; when they are left at their
// defaults (',' and '"'), the first lines decide (see csv_dialect.h). A .tsv
// file's default delimiter is a tab.
//
// Columns: when the first row names known fields (id, title, text, date ...)
// it is a header and columns are found by name. Otherwise columns are addressed
// by 1-based number through --field, and by default the body is the last
// column; in a two-column file whose first cell is short (< 64 bytes) that
// first cell is the topic (10kGNAD: "label;text").

#include <optional>
#include <vector>

#include "buffered_input.h"
#include "csv_dialect.h"
#include "field_map.h"
#include "json_record.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex::readers {

namespace {

constexpr std::size_t kSniffSample = std::size_t{64} * 1024;
constexpr std::size_t kMaxTopicBytes = 64;

/// Splits the input into records. Invariant: line_ is the number of line
/// breaks consumed so far, so a record starts on line line_ + 1.
class CsvRecords {
  public:
    enum class Result { Record, End, Unbalanced };

    CsvRecords(BufferedInput& in, CsvDialect dialect) : in_(in), d_(dialect) {}

    Result next(std::vector<std::string>& cells, std::uint64_t& first_line) {
        enum class State { FieldStart, Unquoted, Quoted, AfterQuote };
        cells.clear();
        first_line = line_ + 1;
        text_after_quote_ = false;
        if (in_.peek_char() < 0) return Result::End;
        std::string cell;
        State state = State::FieldStart;
        for (;;) {
            int c = in_.get();
            if (c < 0) {
                if (state == State::Quoted) return Result::Unbalanced;
                cells.push_back(std::move(cell));
                return Result::Record;
            }
            char ch = static_cast<char>(c);
            if (state == State::Quoted) {
                if (ch == d_.quote) {
                    if (in_.peek_char() == static_cast<unsigned char>(d_.quote)) {
                        in_.get();
                        cell += ch;
                    } else {
                        state = State::AfterQuote;
                    }
                } else {
                    if (ch == '\n') ++line_;
                    cell += ch;
                }
                continue;
            }
            if (ch == d_.delimiter) {
                cells.push_back(std::move(cell));
                cell.clear();
                state = State::FieldStart;
                continue;
            }
            if (ch == '\n') {
                ++line_;
                cells.push_back(std::move(cell));
                return Result::Record;
            }
            if (ch == '\r' && in_.peek_char() == '\n') continue;
            if (state == State::FieldStart && ch == d_.quote) {
                state = State::Quoted;
                continue;
            }
            // Text after a closing quote, or a quote inside an unquoted field, is
            // kept as written (lenient, like most CSV writers' readers).
            if (state == State::AfterQuote && ch != ' ' && ch != '\t') text_after_quote_ = true;
            cell += ch;
            if (state == State::FieldStart) state = State::Unquoted;
        }
    }

    std::uint64_t line() const { return line_; }
    /// The last record had text right after a closing quote ("a"b): malformed,
    /// and the sign of an unbalanced quote that swallowed the lines up to the
    /// next quote character.
    bool text_after_quote() const { return text_after_quote_; }

  private:
    BufferedInput& in_;
    CsvDialect d_;
    std::uint64_t line_ = 0;
    bool text_after_quote_ = false;
};

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// Where each field's value comes from in a row.
struct ColumnPlan {
    std::array<std::optional<std::size_t>, kFieldCount> column;
    bool headerless = false;
};

ColumnPlan plan_columns(const FieldMap& map, const std::vector<std::string>* header,
                        const std::string& name, const ReadContext& ctx) {
    ColumnPlan plan;
    plan.headerless = header == nullptr;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
        auto field = static_cast<Field>(f);
        for (const auto& key : map.keys(field)) {
            if (map.overridden(field) && all_digits(key)) {
                std::size_t n = std::stoul(key);
                if (n >= 1) plan.column[f] = n - 1;
                break;
            }
            if (header) {
                for (std::size_t c = 0; c < header->size(); ++c) {
                    if (iequals(trim((*header)[c]), key)) {
                        plan.column[f] = c;
                        break;
                    }
                }
                if (plan.column[f]) break;
            }
        }
        if (map.overridden(field) && !plan.column[f]) {
            warn(ctx, name, "",
                 "--field " + std::string(field_name(field)) + "=" + map.keys(field).front() +
                     (header ? ": no such column in the header"
                             : ": the file has no header row; give a column number"));
        }
    }
    return plan;
}

std::string_view cell_at(const std::vector<std::string>& row, std::optional<std::size_t> c) {
    if (!c || *c >= row.size()) return {};
    return row[*c];
}

void read_csv(BufferedInput& in, const std::string& name, std::string_view extension,
              const ReadContext& ctx) {
    in.skip_bom();
    // A .tsv file is tab-separated unless the user said otherwise.
    const bool tab_separated = extension == ".tsv";
    CsvDialect given{ctx.options.csv_delimiter, ctx.options.csv_quote};
    bool default_delimiter = given.delimiter == ',';
    if (tab_separated && default_delimiter) given.delimiter = '\t';
    std::string_view sample = in.peek(kSniffSample);
    CsvDialect dialect =
        sniff_csv_dialect(sample, sample.size() < kSniffSample, given,
                          default_delimiter && !tab_separated, ctx.options.csv_quote == '"');

    FieldMap map(ctx.options);
    CsvRecords records(in, dialect);
    std::vector<std::string> row;
    std::uint64_t line = 0;
    std::optional<ColumnPlan> plan;
    for (;;) {
        if (is_cancelled(ctx)) return;
        CsvRecords::Result result = records.next(row, line);
        if (result == CsvRecords::Result::End) break;
        std::string where = "line " + std::to_string(line);
        if (result == CsvRecords::Result::Unbalanced) {
            warn_skipped(ctx, name, where,
                         std::string("record dropped: its quote (") + dialect.quote +
                             ") is never closed before the end of the file");
            break;
        }
        if (row.size() == 1 && trim(row[0]).empty()) continue;  // blank line
        if (records.text_after_quote())
            warn(ctx, name, where,
                 std::string("text after a closing quote (") + dialect.quote +
                     "): a quote may be unbalanced, and this record may hold lines meant as "
                     "records of their own");

        if (!plan) {
            bool header = false;
            for (const auto& cell : row) {
                if (FieldMap::is_known_key(cell)) header = true;
                for (std::size_t f = 0; f < kFieldCount; ++f) {
                    auto field = static_cast<Field>(f);
                    if (map.overridden(field) && !all_digits(map.keys(field).front()) &&
                        iequals(trim(cell), map.keys(field).front()))
                        header = true;
                }
            }
            plan = plan_columns(map, header ? &row : nullptr, name, ctx);
            if (header) continue;
        }

        Article a;
        auto value = [&](Field f) {
            return std::string(trim(cell_at(row, plan->column[static_cast<std::size_t>(f)])));
        };
        a.id = value(Field::Id);
        if (a.id.empty()) a.id = line_id(name, line);
        a.title = value(Field::Title);
        a.body = std::string(cell_at(row, plan->column[static_cast<std::size_t>(Field::Body)]));
        a.source = value(Field::Source);
        a.url = value(Field::Url);
        a.lang = to_lower(value(Field::Lang));
        a.authors = list_from_text(value(Field::Authors));
        a.topics = list_from_text(value(Field::Topics));
        std::string date = value(Field::Date);
        if (!date.empty()) assign_date(a, date, ctx, name, where);

        if (plan->headerless) {
            if (!map.overridden(Field::Body) && !row.empty()) a.body = row.back();
            if (!map.overridden(Field::Topics) && row.size() == 2 &&
                row.front().size() < kMaxTopicBytes && !trim(row.front()).empty())
                a.topics = {std::string(trim(row.front()))};
        }
        if (trim(a.title).empty() && trim(a.body).empty()) {
            // As for JSON: a row that has the title/body cells, blank, is kept
            // and warned about; a row too short to have them is skipped.
            auto has_cell = [&](Field f) {
                auto c = plan->column[static_cast<std::size_t>(f)];
                return c && *c < row.size();
            };
            bool cells = plan->headerless || has_cell(Field::Title) || has_cell(Field::Body);
            if (!cells) {
                warn_skipped(ctx, name, where, "skipped: no title or body");
                continue;
            }
            warn(ctx, name, where, "no text (title and body are blank)");
        }
        ctx.emit(std::move(a));
    }
}

constexpr std::string_view kExtensions[] = {".csv", ".tsv"};

}  // namespace

extern const FormatReader kCsvFormat{.name = "csv",
                                     .extensions = kExtensions,
                                     .sniff = nullptr,
                                     .read = read_csv,
                                     .role = DirectoryRole::Companion,
                                     .companion = {}};

}  // namespace newsdex::readers
