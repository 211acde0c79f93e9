// JSON Lines: one JSON object per line. A bad line is warned about and passed
// over; the rest of the file is still read. The last line may lack its newline.

#include "buffered_input.h"
#include "json_record.h"
#include "json_value.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex::readers {

namespace {

void read_jsonl(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
                const ReadContext& ctx) {
    FieldMap map(ctx.options);
    std::string line;
    std::uint64_t line_number = 0;
    while (in.getline(line)) {
        ++line_number;
        if (is_cancelled(ctx)) return;
        std::string_view text = line;
        // A BOM at the start of the file, or of a line where files were concatenated.
        if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
        if (trim(text).empty()) continue;
        std::string record = "line " + std::to_string(line_number);
        JsonValue value;
        std::string error;
        if (!parse_json_text(text, value, error)) {
            warn_skipped(ctx, name, record, error);
            continue;
        }
        if (value.kind != JsonValue::Kind::Object) {
            warn_skipped(ctx, name, record, "skipped: not a JSON object");
            continue;
        }
        Article article;
        if (!article_from_json(value, map, {name, record, line_id(name, line_number)}, ctx,
                               article))
            continue;
        ctx.emit(std::move(article));
    }
}

constexpr std::string_view kExtensions[] = {".jsonl", ".ndjson", ".jsonlines"};

Sniffed sniff_jsonl(std::string_view head) {
    return head.starts_with('{') ? Sniffed::Yes : Sniffed::No;
}

}  // namespace

extern const FormatReader kJsonlFormat{.name = "jsonl",
                                       .extensions = kExtensions,
                                       .sniff = sniff_jsonl,
                                       .read = read_jsonl,
                                       .role = DirectoryRole::Standalone,
                                       .companion = {}};

}  // namespace newsdex::readers
