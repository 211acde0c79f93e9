#include "terms.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include "schema.h"

namespace newsdex {

namespace {
/// Longest term built from a whole field value (unique id, filters): Xapian
/// rejects terms over 245 bytes; the margin is for the prefix. Unrelated to
/// TextAnalyzer::kMaxWordTermBytes, the cap on words of analysed text.
constexpr std::size_t kMaxFieldTermBytes = 240;
}  // namespace

std::uint64_t stable_hash64(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string unique_id_prefix(std::string_view native_id) {
    std::string prefix(schema::kPrefixUnique);
    prefix += native_id;
    prefix.push_back(schema::kListSeparator);
    return prefix;
}

std::optional<std::pair<std::string, std::string>> split_unique_term(std::string_view term) {
    if (term.substr(0, schema::kPrefixUnique.size()) != schema::kPrefixUnique) return std::nullopt;
    term.remove_prefix(schema::kPrefixUnique.size());
    // The id cannot hold the separator (the sanitizer drops control
    // characters), so the first one ends it; a hashed term is at the limit.
    auto sep = term.find(schema::kListSeparator);
    if (sep == std::string_view::npos) return std::nullopt;
    if (term.size() + schema::kPrefixUnique.size() >= kMaxFieldTermBytes) return std::nullopt;
    return std::make_pair(std::string(term.substr(sep + 1)), std::string(term.substr(0, sep)));
}

std::string unique_term(std::string_view collection, std::string_view native_id) {
    std::string term = unique_id_prefix(native_id);
    term += collection;
    if (term.size() <= kMaxFieldTermBytes) return term;
    char hash[20];
    std::snprintf(hash, sizeof hash, "#%016llx",
                  static_cast<unsigned long long>(stable_hash64(term)));
    std::size_t keep = kMaxFieldTermBytes - 17;
    // Do not cut a UTF-8 sequence in half.
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
    term.resize(keep);
    term += hash;
    return term;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    for (char c : value)
        term.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    if (term.size() > kMaxFieldTermBytes) {
        std::size_t keep = kMaxFieldTermBytes;
        while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
        term.resize(keep);
    }
    return term;
}

std::string tie_break_key(std::optional<std::int64_t> date, std::string_view collection,
                          std::string_view native_id) {
    std::string key;
    if (date) {
        // int64 -> uint64 keeping order (flip the sign bit), then inverted so
        // that an ascending sort puts the newest first; fixed width, so the
        // fields after it compare only when the dates are equal.
        const std::uint64_t ordered = static_cast<std::uint64_t>(*date) ^ (std::uint64_t{1} << 63);
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016" PRIx64, ~ordered);
        key.assign(hex, 16);
    } else {
        key.assign(16, 'z');  // above every hex digit: undated last
    }
    key += collection;
    key.push_back(schema::kListSeparator);
    key += native_id;
    return key;
}

}  // namespace newsdex
