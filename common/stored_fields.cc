#include "stored_fields.h"

#include <cstdint>

#include "errors.h"
#include "schema.h"

namespace newsdex {

namespace {

constexpr char kVersion = 1;

enum Tag : unsigned char {
    kTagId = 1,
    kTagCollection = 2,
    kTagTitle = 3,
    kTagBody = 4,
    kTagDate = 5,  // 8 bytes, little endian, two's complement
    kTagSource = 6,
    kTagUrl = 7,
    kTagAuthors = 8,
    kTagTopics = 9,
    kTagPlaces = 10,
    kTagLang = 11,
    kTagAnalysisVersion = 12,  // schema::kAnalysisVersion at index time
    kTagPeople = 13,
    kTagOrgs = 14,
    kTagExchanges = 15,
};

void put_varint(std::string& out, std::uint64_t n) {
    while (n >= 0x80) {
        out.push_back(static_cast<char>((n & 0x7f) | 0x80));
        n >>= 7;
    }
    out.push_back(static_cast<char>(n));
}

void put_field(std::string& out, Tag tag, std::string_view value) {
    if (value.empty()) return;
    out.push_back(static_cast<char>(tag));
    put_varint(out, value.size());
    out.append(value);
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.push_back(schema::kListSeparator);
        out += item;
    }
    return out;
}

std::vector<std::string> split(std::string_view joined) {
    std::vector<std::string> items;
    while (!joined.empty()) {
        auto sep = joined.find(schema::kListSeparator);
        items.emplace_back(joined.substr(0, sep));
        if (sep == std::string_view::npos) break;
        joined.remove_prefix(sep + 1);
    }
    return items;
}

[[noreturn]] void corrupt() {
    throw Error("document data is not in newsdex's stored-field format");
}

}  // namespace

std::string encode_stored_fields(const Article& a) {
    std::string out;
    out.reserve(a.body.size() + a.title.size() + 64);
    out.push_back(kVersion);
    put_field(out, kTagId, a.id);
    put_field(out, kTagCollection, a.collection);
    put_field(out, kTagTitle, a.title);
    put_field(out, kTagBody, a.body);
    if (a.date) {
        std::string bytes(8, '\0');
        auto v = static_cast<std::uint64_t>(*a.date);
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
        put_field(out, kTagDate, bytes);
    }
    put_field(out, kTagSource, a.source);
    put_field(out, kTagUrl, a.url);
    put_field(out, kTagAuthors, join(a.authors));
    put_field(out, kTagTopics, join(a.topics));
    put_field(out, kTagPlaces, join(a.places));
    put_field(out, kTagPeople, join(a.people));
    put_field(out, kTagOrgs, join(a.orgs));
    put_field(out, kTagExchanges, join(a.exchanges));
    put_field(out, kTagLang, a.lang);
    put_field(out, kTagAnalysisVersion, std::to_string(schema::kAnalysisVersion));
    return out;
}

Article decode_stored_fields(std::string_view data) {
    if (data.empty() || data[0] != kVersion) corrupt();
    data.remove_prefix(1);
    Article a;
    while (!data.empty()) {
        auto tag = static_cast<unsigned char>(data[0]);
        data.remove_prefix(1);
        std::uint64_t len = 0;
        for (int shift = 0;; shift += 7) {
            if (data.empty() || shift > 63) corrupt();
            auto byte = static_cast<unsigned char>(data[0]);
            data.remove_prefix(1);
            len |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) break;
        }
        if (len > data.size()) corrupt();
        std::string_view value = data.substr(0, len);
        data.remove_prefix(len);
        switch (tag) {
            case kTagId:
                a.id = value;
                break;
            case kTagCollection:
                a.collection = value;
                break;
            case kTagTitle:
                a.title = value;
                break;
            case kTagBody:
                a.body = value;
                break;
            case kTagDate: {
                if (value.size() != 8) corrupt();
                std::uint64_t v = 0;
                for (int i = 0; i < 8; ++i)
                    v |= std::uint64_t(static_cast<unsigned char>(value[i])) << (8 * i);
                a.date = static_cast<std::int64_t>(v);
                break;
            }
            case kTagSource:
                a.source = value;
                break;
            case kTagUrl:
                a.url = value;
                break;
            case kTagAuthors:
                a.authors = split(value);
                break;
            case kTagTopics:
                a.topics = split(value);
                break;
            case kTagPlaces:
                a.places = split(value);
                break;
            case kTagPeople:
                a.people = split(value);
                break;
            case kTagOrgs:
                a.orgs = split(value);
                break;
            case kTagExchanges:
                a.exchanges = split(value);
                break;
            case kTagLang:
                a.lang = value;
                break;
            default:
                break;  // a field from a newer version: skip it
        }
    }
    return a;
}

}  // namespace newsdex
