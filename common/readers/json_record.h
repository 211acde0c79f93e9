#pragma once
// One JSON object (a JSONL line or a JSON array element) -> one Article, through
// the FieldMap. Shared by the JSONL and JSON array readers.

#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "corpus_reader.h"
#include "field_map.h"
#include "json_value.h"

namespace newsdex::readers {

/// Where the record is: `file` and `record` ("line 12", "element 5") name it in
/// warnings; `fallback_id` is its id when it has no id field.
struct RecordPlace {
    const std::string& file;
    std::string record;
    std::string fallback_id;
};

/// Fills `article` from `object` (which must be a JSON object). Unreadable
/// dates are warned about through ctx and the article is kept. A record whose
/// title/body fields are present but blank is kept with a "no text" warning.
/// Returns false, with a warning already sent, when the record has neither a
/// title nor a body field.
bool article_from_json(const JsonValue& object, const FieldMap& map, const RecordPlace& place,
                       const ReadContext& ctx, Article& article);

/// The values of a list field given as text: a JSON array written as a string
/// ("[\"Israel\", \"Hamas\"]", as VG's CONTENT_TAGS and some CSV cells are) is
/// unpacked; any other non-blank text is one value.
std::vector<std::string> list_from_text(std::string_view text);

}  // namespace newsdex::readers
