#include "json_value.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>

#include "reader_support.h"

namespace newsdex::readers {

const JsonValue* JsonValue::find(std::string_view key) const {
    for (const auto& [k, v] : members)
        if (k == key) return &v;
    for (const auto& [k, v] : members)
        if (iequals(k, key)) return &v;
    return nullptr;
}

void JsonTreeBuilder::reset() {
    root_ = JsonValue{};
    open_.clear();
    key_.clear();
    started_ = false;
    too_deep_ = false;
}

JsonValue* JsonTreeBuilder::add(JsonValue::Kind kind, std::string_view text) {
    JsonValue* slot = nullptr;
    if (open_.empty()) {
        if (started_) return nullptr;  // a second root: not one JSON text
        started_ = true;
        slot = &root_;
    } else {
        JsonValue* parent = open_.back();
        if (parent->kind == JsonValue::Kind::Object) {
            parent->members.push_back(JsonMember{std::move(key_), JsonValue{}});
            key_.clear();
            slot = &parent->members.back().second;
        } else {
            parent->items.emplace_back();
            slot = &parent->items.back();
        }
    }
    slot->kind = kind;
    slot->text.assign(text);
    return slot;
}

bool JsonTreeBuilder::open(JsonValue::Kind kind) {
    if (open_.size() >= kMaxDepth) {
        too_deep_ = true;
        return false;
    }
    JsonValue* v = add(kind, {});
    if (!v) return false;
    open_.push_back(v);
    return true;
}

bool JsonTreeBuilder::close() {
    if (open_.empty()) return false;
    open_.pop_back();
    return true;
}

bool parse_json_text(std::string_view text, JsonValue& out, std::string& error) {
    JsonTreeBuilder builder;
    rapidjson::MemoryStream ms(text.data(), text.size());
    rapidjson::Reader reader;
    rapidjson::ParseResult result = reader.Parse<kJsonParseFlags>(ms, builder);
    if (!result) {
        error = builder.too_deep() ? "nesting deeper than " +
                                         std::to_string(JsonTreeBuilder::kMaxDepth) + " levels"
                                   : rapidjson::GetParseError_En(result.Code());
        error += " at byte " + std::to_string(result.Offset());
        return false;
    }
    out = std::move(builder.value());
    return true;
}

}  // namespace newsdex::readers
