#include "article_lookup.h"

#include "stored_fields.h"
#include "terms.h"

namespace newsdex {

std::optional<ArticleKey> parse_article_key(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size())
        return std::nullopt;
    return ArticleKey{std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

std::optional<Xapian::docid> find_article_docid(const Xapian::Database& db,
                                                std::string_view collection,
                                                std::string_view native_id) {
    const std::string term = unique_term(collection, native_id);
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    const Article stored = decode_stored_fields(db.get_document(*it).get_data());
    if (stored.collection != collection || stored.id != native_id) return std::nullopt;
    return *it;
}

}  // namespace newsdex
