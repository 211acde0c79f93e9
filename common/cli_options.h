#pragma once
// Command-line option groups shared by the executables (newsdex-index,
// newsdex-search, newsdex-bench), so a flag means the same everywhere.

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

/// The value of an integer option given as text, checked to lie in
/// [min, max]: read integer options as std::string and convert with this,
/// since boost's own unsigned parsing wraps "-3" into 4294967293. Throws
/// UsageError naming `option` and the range ("--jobs takes a whole number
/// from 1 to 256, not '-3'").
std::uint64_t integer_in_range(std::string_view option, const std::string& text, std::uint64_t min,
                               std::uint64_t max);

/// "K1,B" (e.g. "1.2,0.75") for --bm25; throws UsageError unless k1 >= 0 and 0 <= b <= 1.
std::pair<double, double> parse_bm25(const std::string& text);

/// Parses argv against `visible` plus positional arguments collected into
/// `positional_name`; prints help and returns false for --help. Throws
/// UsageError for unknown or malformed options.
bool parse(int argc, char** argv, const po::options_description& visible,
           const char* positional_name, po::variables_map& vm, const std::string& usage);

}  // namespace newsdex::cli
