#include "cli_options.h"

#include <unicode/uversion.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include <xapian.h>

#include "errors.h"
#include "schema.h"

#ifndef NEWSDEX_VERSION
#error "NEWSDEX_VERSION must be defined by the build (project version)"
#endif

namespace newsdex::cli {

std::string default_db_path() {
    const char* env = std::getenv("NEWSDEX_DB");
    return env && *env ? env : "newsdex.db";
}

namespace {
/// `--db ''` is a mistake in the command (an unset shell variable), not a
/// database that failed to open, and must not silently mean the default
/// database: a usage error (exit 2) in every binary, at parse time.
void check_db_path(const std::string& path) {
    if (path.empty()) throw UsageError("--db takes a directory, not an empty string");
}
void check_db_paths(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) check_db_path(path);
}
}  // namespace

void DatabaseOption::add_to(po::options_description& desc) {
    desc.add_options()("db", po::value(&path)->value_name("DIR")->notifier(check_db_path),
                       "database directory (default: $NEWSDEX_DB, else ./newsdex.db)");
}
void DatabaseOption::finish() {
    if (path.empty()) path = default_db_path();
}

void DatabaseListOption::add_to(po::options_description& desc) {
    desc.add_options()("db",
                       po::value(&paths)->value_name("DIR")->composing()->notifier(check_db_paths),
                       "database directory; repeat to search several as one "
                       "(default: $NEWSDEX_DB, else ./newsdex.db)");
}
void DatabaseListOption::finish() {
    if (paths.empty()) paths.push_back(default_db_path());
}

namespace {
char single_char(const std::string& value, const char* option) {
    if (value == "\\t" || value == "tab") return '\t';
    if (value.size() != 1)
        throw UsageError(std::string("--") + option + " takes one character, not '" + value + "'");
    return value[0];
}
}  // namespace

void ReaderOptionGroup::add_to(po::options_description& desc) {
    desc.add_options()("format", po::value(&format)->value_name("FMT"),
                       "input format: auto|text|jsonl|json|csv|reuters|trec|smart (default auto: "
                       "by extension and content)")(
        "field", po::value(&fields)->value_name("NAME=KEY")->composing(),
        "map a record key (JSON key, CSV header or 1-based column) to a field: "
        "id, title, body, date, source, url, authors, topics, lang")(
        "csv-delimiter", po::value(&csv_delimiter)->value_name("C"),
        "CSV field delimiter (default ',')")("csv-quote", po::value(&csv_quote)->value_name("C"),
                                             "CSV quote character (default '\"')")(
        "include", po::value(&include)->value_name("GLOB")->composing(),
        "in directories, index only files matching GLOB")(
        "exclude", po::value(&exclude)->value_name("GLOB")->composing(),
        "in directories, pass over files matching GLOB");
}

ReaderOptions ReaderOptionGroup::reader_options() const {
    ReaderOptions options;
    options.format = parse_format(format);
    options.csv_delimiter = single_char(csv_delimiter, "csv-delimiter");
    options.csv_quote = single_char(csv_quote, "csv-quote");
    static const char* const kFields[] = {"id",  "title",   "body",   "date", "source",
                                          "url", "authors", "topics", "lang"};
    for (const auto& f : fields) {
        auto eq = f.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == f.size())
            throw UsageError("--field takes NAME=KEY, not '" + f + "'");
        std::string name = f.substr(0, eq);
        bool known = false;
        for (const char* k : kFields) known = known || name == k;
        if (!known) throw UsageError("--field: unknown field '" + name + "'");
        options.field_overrides[name] = f.substr(eq + 1);
    }
    return options;
}

WalkOptions ReaderOptionGroup::walk_options() const {
    WalkOptions options;
    options.format = parse_format(format);
    options.include = include;
    options.exclude = exclude;
    return options;
}

std::pair<double, double> parse_bm25(const std::string& text) {
    auto comma = text.find(',');
    if (comma == std::string::npos) throw UsageError("--bm25 takes k1,b (e.g. 1.2,0.75)");
    double k1, b;
    try {
        k1 = std::stod(text.substr(0, comma));
        b = std::stod(text.substr(comma + 1));
    } catch (const std::logic_error&) {
        throw UsageError("--bm25 takes k1,b (e.g. 1.2,0.75), not '" + text + "'");
    }
    if (k1 < 0 || b < 0 || b > 1) throw UsageError("--bm25: need k1 >= 0 and 0 <= b <= 1");
    return {k1, b};
}

std::string version_line(std::string_view program) {
    std::string line(program);
    line += " " NEWSDEX_VERSION " (analysis ";
    line += std::to_string(schema::kAnalysisVersion);
    line += ", Xapian ";
    line += Xapian::version_string();
    line += ", ICU " U_ICU_VERSION ")";
    return line;
}

std::int64_t parse_whole_number(std::string_view text, std::string_view option, std::int64_t min,
                                std::int64_t max) {
    auto fail = [&]() -> std::int64_t {
        throw UsageError("--" + std::string(option) + " takes a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                         std::string(text) + "'");
    };
    std::int64_t value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') ++begin;  // "+5" is 5; from_chars rejects '+'
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) fail();
    return value;
}

double parse_decimal(std::string_view text, std::string_view option, double min, double max) {
    auto fail = [&]() -> double {
        auto bound = [](double v) {
            std::string s = std::to_string(v);
            s.erase(s.find_last_not_of('0') + 1);
            if (!s.empty() && s.back() == '.') s.pop_back();
            return s;
        };
        throw UsageError("--" + std::string(option) + " takes a number from " + bound(min) +
                         " to " + bound(max) + ", not '" + std::string(text) + "'");
    };
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() ||
        !std::isfinite(value) || value < min || value > max)
        fail();
    return value;
}

bool parse(int argc, char** argv, const po::options_description& visible,
           const char* positional_name, po::variables_map& vm, const std::string& usage) {
    // --version is every binary's, so it is added here rather than by each main.
    po::options_description shown;
    shown.add(visible);
    shown.add_options()("version", "print the version and exit");
    po::options_description all;
    all.add(shown);
    if (positional_name)
        all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
    po::positional_options_description positional;
    if (positional_name) positional.add(positional_name, -1);
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        if (vm.count("help")) {
            std::cout << usage << "\n" << shown << "\n";
            return false;
        }
        if (vm.count("version")) {
            std::string_view program = argc > 0 && argv[0] ? argv[0] : "newsdex";
            if (auto slash = program.rfind('/'); slash != std::string_view::npos)
                program.remove_prefix(slash + 1);
            std::cout << version_line(program) << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return true;
}

}  // namespace newsdex::cli
