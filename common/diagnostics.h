#pragma once
// Warnings about bad input. A warning always names the file and the record so
// that a user can find the offending bytes; the run itself goes on.

#include <functional>
#include <string>

namespace newsdex {

struct Diagnostic {
    std::string file;    ///< the input file (as named on the command line, or archive!member)
    std::string record;  ///< "line 12", "record 5", "NEWID=17980", "byte 1519554"; empty for
                         ///< whole-file problems
    std::string message;
    /// True when the record was not indexed (counted as skipped; --strict fails
    /// the run). False for repairs and notes about a record that was kept.
    bool record_skipped = false;

    /// "file: record: message" (or "file: message").
    std::string to_string() const;
};

using DiagnosticSink = std::function<void(Diagnostic)>;

}  // namespace newsdex
