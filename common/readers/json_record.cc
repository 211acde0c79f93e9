#include "json_record.h"

#include <cmath>
#include <cstdlib>

#include "reader_support.h"

namespace newsdex::readers {

namespace {

/// The member named `key`; a dotted key ("meta.title") that is not itself a
/// member is followed into nested objects.
const JsonValue* lookup(const JsonValue& object, const std::string& key) {
    if (const JsonValue* v = object.find(key)) return v;
    std::size_t dot = key.find('.');
    if (dot == std::string::npos) return nullptr;
    const JsonValue* inner = object.find(key.substr(0, dot));
    if (!inner || inner->kind != JsonValue::Kind::Object) return nullptr;
    return lookup(*inner, key.substr(dot + 1));
}

/// Text of a scalar; an array of scalars is joined (some corpora store the
/// body as a list of paragraphs). Objects and null give "".
std::string text_of(const JsonValue& v, std::string_view joiner) {
    switch (v.kind) {
        case JsonValue::Kind::String:
        case JsonValue::Kind::Number:
        case JsonValue::Kind::Bool:
            return v.text;
        case JsonValue::Kind::Array: {
            std::string out;
            for (const auto& item : v.items) {
                std::string part = text_of(item, joiner);
                if (trim(part).empty()) continue;
                if (!out.empty()) out += joiner;
                out += part;
            }
            return out;
        }
        case JsonValue::Kind::Null:
        case JsonValue::Kind::Object:
            break;
    }
    return {};
}

/// Values of a list field (authors, topics). A string that holds a JSON array
/// is unpacked: VG's CONTENT_TAGS is an array serialised into a string.
std::vector<std::string> list_of(const JsonValue& v) {
    std::vector<std::string> out;
    auto add = [&out](std::string_view s) {
        s = trim(s);
        if (!s.empty()) out.emplace_back(s);
    };
    switch (v.kind) {
        case JsonValue::Kind::Array:
            for (const auto& item : v.items) {
                if (item.kind == JsonValue::Kind::Array) {
                    for (const auto& inner : item.items) add(text_of(inner, " "));
                } else if (item.kind == JsonValue::Kind::Object) {
                    // {"name": "..."} author objects
                    if (const JsonValue* name = item.find("name")) add(text_of(*name, " "));
                } else {
                    add(text_of(item, " "));
                }
            }
            break;
        case JsonValue::Kind::String:
            return list_from_text(v.text);
        case JsonValue::Kind::Number:
        case JsonValue::Kind::Bool:
            add(v.text);
            break;
        case JsonValue::Kind::Null:
        case JsonValue::Kind::Object:
            break;
    }
    return out;
}

/// The first key of `field` whose value is present and non-empty.
const JsonValue* first_present(const JsonValue& object, const FieldMap& map, Field field) {
    for (const auto& key : map.keys(field)) {
        const JsonValue* v = lookup(object, key);
        if (!v) continue;
        if (v->kind == JsonValue::Kind::Null || v->kind == JsonValue::Kind::Object) continue;
        if (v->kind == JsonValue::Kind::String && trim(v->text).empty()) continue;
        if (v->kind == JsonValue::Kind::Array && v->items.empty()) continue;
        return v;
    }
    return nullptr;
}

std::string text_field(const JsonValue& object, const FieldMap& map, Field field,
                       std::string_view joiner = "\n\n") {
    const JsonValue* v = first_present(object, map, field);
    return v ? text_of(*v, joiner) : std::string();
}

}  // namespace

std::vector<std::string> list_from_text(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '[') {
        JsonValue parsed;
        std::string error;
        if (parse_json_text(text, parsed, error) && parsed.kind == JsonValue::Kind::Array)
            return list_of(parsed);
    }
    if (text.empty()) return {};
    return {std::string(text)};
}

bool article_from_json(const JsonValue& object, const FieldMap& map, const RecordPlace& place,
                       const ReadContext& ctx, Article& article) {
    article.id = std::string(trim(text_field(object, map, Field::Id, " ")));
    if (article.id.empty()) article.id = place.fallback_id;
    article.title = text_field(object, map, Field::Title, " ");
    article.body = text_field(object, map, Field::Body);
    article.source = std::string(trim(text_field(object, map, Field::Source, " ")));
    article.url = std::string(trim(text_field(object, map, Field::Url, " ")));
    article.lang = to_lower(trim(text_field(object, map, Field::Lang, " ")));
    if (const JsonValue* v = first_present(object, map, Field::Authors))
        article.authors = list_of(*v);
    if (const JsonValue* v = first_present(object, map, Field::Topics))
        article.topics = list_of(*v);

    if (const JsonValue* v = first_present(object, map, Field::Date)) {
        if (v->kind == JsonValue::Kind::Number) {
            // A number is a Unix time: seconds, or milliseconds when too large
            // to be seconds (after the year 5138).
            article.date_text = v->text;
            char* end = nullptr;
            double value = std::strtod(v->text.c_str(), &end);
            if (end && *end == '\0' && std::isfinite(value) && std::fabs(value) < 1e17) {
                if (std::fabs(value) >= 1e11) value /= 1000;
                article.date = static_cast<std::int64_t>(value);
            } else {
                warn(ctx, place.file, place.record, "unreadable date " + v->text);
            }
        } else {
            assign_date(article, text_of(*v, " "), ctx, place.file, place.record);
        }
    }

    if (trim(article.title).empty() && trim(article.body).empty()) {
        // A record whose title or body field is there but blank is kept (it
        // still has an id, a url, a date): the count of articles matches the
        // count of records, and the warning says which ones hold no text.
        for (Field f : {Field::Title, Field::Body}) {
            for (const auto& key : map.keys(f)) {
                const JsonValue* v = lookup(object, key);
                if (v && v->kind == JsonValue::Kind::String) {
                    warn(ctx, place.file, place.record, "no text (title and body are blank)");
                    return true;
                }
            }
        }
        std::string keys;
        for (const auto& [k, _] : object.members) {
            if (keys.size() > 60) {
                keys += ", ...";
                break;
            }
            keys += (keys.empty() ? "" : ", ") + k;
        }
        warn_skipped(ctx, place.file, place.record,
                     "skipped: no title or body (keys: " + (keys.empty() ? "none" : keys) +
                         "; see --field)");
        return false;
    }
    return true;
}

}  // namespace newsdex::readers
