#pragma once
// Splits an SGML stream into records (<REUTERS ...>...</REUTERS>,
// <DOC>...</DOC>) one at a time, so a reader holds one record in memory,
// never the file.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "buffered_input.h"
#include "corpus_reader.h"

namespace newsdex::readers {

struct SgmlRecordTags {
    std::string_view open;   ///< "<REUTERS" (attributes may follow) or "<DOC>"
    std::string_view close;  ///< "</REUTERS>"
    bool keep_open_tag;      ///< record text starts with the open tag (to read its attributes)
};

/// Calls `on_record(text, unterminated)` for each record; `unterminated` is
/// true for a record cut off by the end of the input or by the next record's
/// open tag (its close tag is missing). Text outside
/// records is ignored. Stops between records when the context is cancelled.
/// Returns the number of records seen.
std::size_t for_each_sgml_record(BufferedInput& in, const SgmlRecordTags& tags,
                                 const ReadContext& ctx,
                                 const std::function<void(const std::string&, bool)>& on_record);

}  // namespace newsdex::readers
