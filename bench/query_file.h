#pragma once
// Tab-separated query files: "LABEL<TAB>QUERY TEXT" per line. newsdex-bench
// reads query sets (LABEL = query class) and TREC topic files (LABEL = topic
// id) with this one parser. Lines that are blank or start with '#' are skipped;
// a line without a tab is an error naming the file and line, because silently
// dropping it would change what a benchmark measures.

#include <istream>
#include <string>
#include <vector>

namespace newsdex::bench {

struct QueryLine {
    std::string label;  ///< class or topic id, surrounding whitespace trimmed
    std::string text;   ///< the query as typed, surrounding whitespace trimmed
    unsigned line = 0;  ///< 1-based line number in the file
};

/// Parses `in`; `name` is used in error messages. Throws UsageError for a
/// line without a tab, with an empty label or with an empty query.
std::vector<QueryLine> parse_query_lines(std::istream& in, const std::string& name);

/// Opens and parses a file. Throws UsageError when it cannot be read.
std::vector<QueryLine> read_query_file(const std::string& path);

}  // namespace newsdex::bench
