#include "cli_options.h"

#include <charconv>
#include <cstdlib>
#include <iostream>

#include "errors.h"

namespace newsdex::cli {

std::string default_db_path() {
    const char* env = std::getenv("NEWSDEX_DB");
    return env && *env ? env : "newsdex.db";
}

namespace {
/// An empty --db would silently mean the default database: refuse it.
void check_db_path(const std::string& path) {
    if (path.empty()) throw UsageError("--db needs a directory, not an empty string");
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
    desc.add_options()("db", po::value(&paths)->value_name("DIR")->composing(),
                       "database directory; repeat to search several as one "
                       "(default: $NEWSDEX_DB, else ./newsdex.db)");
}
void DatabaseListOption::finish() {
    for (const std::string& path : paths) check_db_path(path);  // each was given
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

std::uint64_t integer_in_range(std::string_view option, const std::string& text, std::uint64_t min,
                               std::uint64_t max) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || value < min || value > max)
        throw UsageError(std::string(option) + " takes a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max) + ", not '" + text + "'");
    return value;
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

bool parse(int argc, char** argv, const po::options_description& visible,
           const char* positional_name, po::variables_map& vm, const std::string& usage) {
    po::options_description all;
    all.add(visible);
    std::vector<std::string> positional_sink;
    if (positional_name)
        all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
    po::positional_options_description positional;
    if (positional_name) positional.add(positional_name, -1);
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        if (vm.count("help")) {
            std::cout << usage << "\n" << visible << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return true;
}

}  // namespace newsdex::cli
