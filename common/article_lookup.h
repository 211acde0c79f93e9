#pragma once
// How a user names one article, and how it is found in a database: the
// "COLLECTION/ID" a hit's metadata line shows, which `newsdex-search --show`
// reads and `newsdex-index --delete` takes. The one lookup both sides use.

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex {

/// An article's key: its collection and its native id (as indexed).
struct ArticleKey {
    std::string collection, id;
    /// "COLLECTION/ID", as parse_article_key reads it.
    std::string text() const { return collection + "/" + id; }
};

/// "COLLECTION/ID": the collection runs to the first '/' (a collection name
/// never holds one: it is a base name or --collection), the id is the rest
/// and may hold '/' (a path: bbc/politics/253.txt). nullopt when either part
/// is empty.
std::optional<ArticleKey> parse_article_key(std::string_view text);

/// The document holding the article (collection, native id) in `db`, nullopt
/// when there is none. Found by its unique term (terms.h) and checked against
/// the stored key, since an over-long key's term ends in a hash that could in
/// theory collide. On several databases searched as one, the first holding it.
std::optional<Xapian::docid> find_article_docid(const Xapian::Database& db,
                                                std::string_view collection,
                                                std::string_view native_id);

}  // namespace newsdex
