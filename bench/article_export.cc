#include "article_export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>
#include <vector>

#include <xapian.h>

#include "errors.h"
#include "stored_fields.h"

namespace newsdex::bench {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const std::string& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    w.EndArray();
}

std::string iso_utc(std::int64_t epoch) {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace

std::string article_json_line(const Article& a) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    put(w, "id", a.id);
    put(w, "collection", a.collection);
    put(w, "title", a.title);
    put(w, "body", a.body);
    if (a.date) {
        put(w, "date", iso_utc(*a.date));
        w.Key("epoch");
        w.Int64(*a.date);
    }
    put(w, "source", a.source);
    put(w, "url", a.url);
    put(w, "lang", a.lang);
    put(w, "authors", a.authors);
    put(w, "topics", a.topics);
    put(w, "places", a.places);
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

std::uint64_t export_articles(const std::string& db_path, std::FILE* out) {
    std::uint64_t count = 0;
    try {
        Xapian::Database db(db_path);
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            std::string line = article_json_line(decode_stored_fields(db.get_document(*it).get_data()));
            line += '\n';
            if (std::fwrite(line.data(), 1, line.size(), out) != line.size())
                throw Error("cannot write the export");
            ++count;
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError(db_path + ": " + e.get_msg());
    }
    return count;
}

}  // namespace newsdex::bench
