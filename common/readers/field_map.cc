#include "field_map.h"

#include "errors.h"
#include "reader_support.h"

namespace newsdex::readers {

namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {
    "id", "title", "body", "date", "source", "url", "authors", "topics", "lang"};

// Defaults seen in the wild: the generic names, the RealNews/Grover keys
// (publish_date, domain), VG's upper-case CONTENT_* keys and SaudiNewsNet's
// date_extracted. Lookup is case-insensitive, so "TEXT" matches "text".
// The order is the order of preference within one record.
const std::array<std::vector<std::string>, kFieldCount>& default_keys() {
    static const std::array<std::vector<std::string>, kFieldCount> keys = {{
        {"id", "_id", "CONTENT_ID", "doc_id", "docid", "docno", "guid", "article_id", "uuid"},
        {"title", "headline", "CONTENT_TITLE", "heading"},
        {"body", "text", "content", "article", "maintext", "story", "description", "summary",
         "abstract"},
        {"date", "published", "publish_date", "PUBLISHED_DATE", "date_extracted", "pubDate",
         "published_at", "date_publish", "datetime"},
        {"source", "publisher", "domain", "CONTENT_NEWSROOM", "newsroom", "site_name"},
        {"url", "link", "permalink"},
        {"authors", "author", "byline"},
        {"topics", "tags", "category", "categories", "label", "CONTENT_TAGS", "section"},
        {"lang", "language"},
    }};
    return keys;
}

}  // namespace

std::string_view field_name(Field field) { return kNames[static_cast<std::size_t>(field)]; }

FieldMap::FieldMap(const ReaderOptions& options) : keys_(default_keys()) {
    for (const auto& [logical, key] : options.field_overrides) {
        std::size_t index = kFieldCount;
        for (std::size_t i = 0; i < kFieldCount; ++i)
            if (iequals(kNames[i], logical) ||
                (iequals(logical, "author") && kNames[i] == "authors") ||
                (iequals(logical, "topic") && kNames[i] == "topics"))
                index = i;
        if (index == kFieldCount) {
            std::string known;
            for (auto n : kNames) {
                if (!known.empty()) known += ", ";
                known += n;
            }
            std::string message = "--field ";
            message += logical;
            message += '=';
            message += key;
            message += ": unknown field \"";
            message += logical;
            message += "\" (known: ";
            message += known;
            message += ')';
            throw UsageError(message);
        }
        keys_[index] = {key};
        overridden_[index] = true;
    }
}

bool FieldMap::is_known_key(std::string_view key) {
    key = trim(key);
    for (const auto& list : default_keys())
        for (const auto& k : list)
            if (iequals(k, key)) return true;
    return false;
}

}  // namespace newsdex::readers
