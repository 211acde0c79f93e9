#include "sgml_record_stream.h"

#include "reader_support.h"
#include "sgml_elements.h"

namespace newsdex::readers {

std::size_t for_each_sgml_record(BufferedInput& in, const SgmlRecordTags& tags,
                                 const ReadContext& ctx,
                                 const std::function<void(const std::string&, bool)>& on_record) {
    std::string line;
    std::string record;
    bool inside = false;
    std::size_t records = 0;
    while (in.getline(line)) {
        std::string_view rest = line;
        while (!rest.empty()) {
            std::size_t after_open = 0;  // where this record's own open tag ends in `rest`
            if (!inside) {
                std::size_t open = find_icase(rest, tags.open);
                if (open == std::string_view::npos) break;
                if (is_cancelled(ctx)) return records;
                inside = true;
                record.clear();
                rest.remove_prefix(tags.keep_open_tag ? open : open + tags.open.size());
                after_open = tags.keep_open_tag ? tags.open.size() : 0;
            }
            std::size_t close = find_icase(rest, tags.close);
            // Records do not nest: an open tag before the close tag means this
            // record's close tag is missing. It ends there, reported as not
            // closed, instead of swallowing the records after it (and growing
            // without bound).
            std::size_t next = find_icase(rest, tags.open, after_open);
            if (next != std::string_view::npos &&
                (close == std::string_view::npos || next < close)) {
                record.append(rest.substr(0, next));
                ++records;
                on_record(record, true);
                inside = false;
                rest.remove_prefix(next);
                continue;
            }
            if (close == std::string_view::npos) {
                record.append(rest);
                record += '\n';
                break;
            }
            record.append(rest.substr(0, close));
            ++records;
            on_record(record, false);
            inside = false;
            rest.remove_prefix(close + tags.close.size());
        }
        if (inside && rest.empty()) record += '\n';  // a blank line inside the record
    }
    if (inside) {
        ++records;
        on_record(record, true);
    }
    return records;
}

}  // namespace newsdex::readers
