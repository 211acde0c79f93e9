#include "query_fields.h"

#include <algorithm>
#include <array>
#include <utility>

namespace newsdex {

namespace {

// Canonical field names; lexemes point into this table, so its views outlive them.
constexpr std::array<std::string_view, 12> kFields = {"title", "author", "source",     "topic",
                                                      "lang",  "id",     "collection", "date",
                                                      "place", "people", "org",        "exchange"};
constexpr std::array<std::string_view, 10> kFilterFields = {
    "source", "topic", "lang", "id", "collection", "date", "place", "people", "org", "exchange"};
/// Other spellings users type for a field (plurals, the Reuters tag names).
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kFieldAliases = {{
    {"places", "place"},
    {"person", "people"},
    {"orgs", "org"},
    {"exchanges", "exchange"},
    {"topics", "topic"},
    {"authors", "author"},
    {"language", "lang"},
}};

}  // namespace

std::string_view canonical_field(std::string_view name) {
    if (name.size() > 16) return {};
    std::string lower(name);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (std::string_view f : kFields)
        if (f == lower) return f;
    for (const auto& [alias, f] : kFieldAliases)
        if (alias == lower) return f;
    return {};
}

std::string known_fields_list() {
    std::string out;
    for (std::string_view f : kFields) {
        if (!out.empty()) out += ' ';
        out += f;
    }
    return out;
}

bool looks_like_field(std::string_view name, std::string_view value) {
    if (name.size() < 2 || name.size() > 16 || value.empty() || value.substr(0, 2) == "//")
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool is_query_field(std::string_view name) { return !canonical_field(name).empty(); }

bool is_filter_field(std::string_view name) {
    std::string_view f = canonical_field(name);
    return std::find(kFilterFields.begin(), kFilterFields.end(), f) != kFilterFields.end();
}

}  // namespace newsdex
