#pragma once
// Guessing a CSV file's delimiter and quote character from its first lines,
// for files whose dialect the user did not give (10kGNAD is "label;text" with
// apostrophe quoting; most CSV is comma and double quote).

#include <string_view>

namespace newsdex::readers {

struct CsvDialect {
    char delimiter = ',';
    char quote = '"';
};

/// Picks, among the allowed candidates, the dialect under which the sample's
/// lines split into the most consistent number of fields (at least two); ties go
/// to the dialect with more well-formed quoted fields, then to `given`.
/// `sample` is the start of the file; `complete` says it is the whole file (else
/// its last, partial line is ignored). Returns `given` when nothing is convincing.
CsvDialect sniff_csv_dialect(std::string_view sample, bool complete, CsvDialect given,
                             bool sniff_delimiter, bool sniff_quote);

}  // namespace newsdex::readers
