#pragma once
// Command-line option groups shared by the executables (newsdex-index,
// newsdex-search, newsdex-bench), so a flag means the same everywhere.

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "corpus_reader.h"

namespace newsdex::cli {

namespace po = boost::program_options;

/// The database path default: $NEWSDEX_DB, else ./newsdex.db.
std::string default_db_path();

/// --db DIR (one database).
struct DatabaseOption {
    std::string path;
    void add_to(po::options_description& desc);
    void finish();  ///< applies the default when --db was not given
};

/// --db DIR... (several databases searched as one).
struct DatabaseListOption {
    std::vector<std::string> paths;
    void add_to(po::options_description& desc);
    void finish();
};

/// Reader options: --format --field --csv-delimiter --csv-quote --include --exclude.
struct ReaderOptionGroup {
    std::string format = "auto";
    std::vector<std::string> fields;
    std::string csv_delimiter = ",";
    std::string csv_quote = "\"";
    std::vector<std::string> include, exclude;

    void add_to(po::options_description& desc);
    /// Throws UsageError for a malformed value.
    ReaderOptions reader_options() const;
    WalkOptions walk_options() const;
};

/// "K1,B" (e.g. "1.2,0.75") for --bm25; throws UsageError unless k1 >= 0 and 0 <= b <= 1.
std::pair<double, double> parse_bm25(const std::string& text);

/// "newsdex-search 0.1.0 (analysis 1, Xapian 1.4.22, ICU 74.2)": what --version
/// prints for `program`. The analysis version says which databases the binary
/// reads without re-indexing.
std::string version_line(std::string_view program);

/// Parses a whole number option value in [min, max]. Throws UsageError naming
/// the option and the range for anything else: "-1" for an unsigned option
/// (which a plain unsigned parse would wrap to 4294967295), "1e3", "12abc",
/// "", or a value out of range.
std::int64_t parse_whole_number(std::string_view text, std::string_view option, std::int64_t min,
                                std::int64_t max);

/// A whole-number option stored into `*target` after the range check above,
/// at po::notify time (inside cli::parse): use instead of po::value(target)
/// for every numeric option, so every binary rejects a bad number alike.
template <std::integral T>
po::typed_value<std::string>* whole_number(T* target, std::int64_t min, std::int64_t max,
                                           std::string option) {
    return po::value<std::string>()->notifier(
        [target, min, max, option = std::move(option)](const std::string& text) {
            *target = static_cast<T>(parse_whole_number(text, option, min, max));
        });
}

/// A decimal option value in [min, max] ("5", "2.5"); UsageError otherwise.
double parse_decimal(std::string_view text, std::string_view option, double min, double max);

/// Parses argv against `visible` plus positional arguments collected into
/// `positional_name`; prints help and returns false for --help, the version
/// line (for argv[0]'s base name) and returns false for --version. Throws
/// UsageError for unknown or malformed options.
bool parse(int argc, char** argv, const po::options_description& visible,
           const char* positional_name, po::variables_map& vm, const std::string& usage);

}  // namespace newsdex::cli
