#pragma once
// Small helpers every format reader shares: warnings, cancellation, dates and
// the string trimming the formats need.

#include <string>
#include <string_view>

#include "article.h"
#include "corpus_reader.h"

namespace newsdex::readers {

/// True once the user asked to stop; readers check it between records.
inline bool is_cancelled(const ReadContext& ctx) {
    return ctx.cancelled && ctx.cancelled->load(std::memory_order_relaxed);
}

/// Sends a warning to the context's sink (if any) about a record that is kept
/// (a repair, an unreadable date, a note).
void warn(const ReadContext& ctx, const std::string& file, std::string record, std::string message);

/// Sends a warning about input that was not indexed (Diagnostic::record_skipped:
/// counted as skipped, and --strict fails the run).
void warn_skipped(const ReadContext& ctx, const std::string& file, std::string record,
                  std::string message);

/// Sets article.date_text to the trimmed text and article.date to its parse;
/// warns (naming file and record) when the text is not a date it can read. The
/// article is kept either way. Empty text leaves both fields untouched.
void assign_date(Article& article, std::string_view text, const ReadContext& ctx,
                 const std::string& file, const std::string& record);

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

/// Ids of records that have none of their own: "name:line" / "name#index".
std::string line_id(const std::string& name, std::uint64_t line);

}  // namespace newsdex::readers
