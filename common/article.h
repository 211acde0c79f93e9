#pragma once
// The article model shared by readers, the indexer and the searcher.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// One news article as a reader produced it.
/// Invariant after sanitize_article(): every string is valid UTF-8 without
/// control or format characters (see text_sanitizer.h).
struct Article {
    std::string id;  ///< native id within its collection (path, NEWID, DOCNO, field, file:line)
    std::string collection;  ///< set by the indexer from --collection or the input's base name
    std::string title;
    std::string body;
    std::string date_text;             ///< the date as the source wrote it, for warnings
    std::optional<std::int64_t> date;  ///< seconds since the Unix epoch, UTC
    std::string source;                ///< publisher / newsroom / domain
    std::string url;
    std::vector<std::string> authors;
    std::vector<std::string> topics;     ///< categories, tags, Reuters TOPICS
    std::vector<std::string> places;     ///< Reuters PLACES and the like
    std::vector<std::string> people;     ///< Reuters PEOPLE: people the story is about
    std::vector<std::string> orgs;       ///< Reuters ORGS: organisations (opec, ec, imf)
    std::vector<std::string> exchanges;  ///< Reuters EXCHANGES: stock exchanges (nyse)
    std::string lang;                    ///< ISO 639-1 code, empty = the indexer's --lang
};

}  // namespace newsdex
