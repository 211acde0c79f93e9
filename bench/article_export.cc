#include "article_export.h"

#include <filesystem>

#include <xapian.h>

#include "database_errors.h"
#include "errors.h"
#include "result_format.h"
#include "stored_fields.h"

namespace newsdex::bench {

std::uint64_t export_articles(const std::string& db_path,
                              const std::function<void(std::string_view)>& out) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec))
        throw DatabaseError(missing_database_message(db_path));
    std::uint64_t count = 0;
    try {
        Xapian::Database db(db_path);
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Article article;
            try {
                article = decode_stored_fields(db.get_document(*it).get_data());
            } catch (const Error& e) {
                throw Error(db_path + ": document " + std::to_string(*it) + ": " + e.what());
            }
            out(format_stored_article_json(article));
            ++count;
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError(database_error_message(e, db_path));
    }
    return count;
}

}  // namespace newsdex::bench
