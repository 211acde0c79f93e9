#include "article_preparation.h"

#include <filesystem>

#include "analysis/text_sanitizer.h"

namespace fs = std::filesystem;

namespace newsdex {

std::string default_collection(const std::string& input) {
    if (input == "-") return "stdin";
    fs::path p = fs::path(input).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..") name = fs::absolute(p).filename().string();
    for (std::string_view ext : {".gz", ".zst", ".bz2", ".xz", ".zip"}) {
        if (name.size() > ext.size() &&
            name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
            name.resize(name.size() - ext.size());
    }
    auto dot = name.find('.');
    if (dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

std::optional<Diagnostic> prepare_article(Article& article, const ArticleDefaults& defaults,
                                          std::uint64_t record, ArticleLanguages& languages) {
    std::optional<Diagnostic> note;
    article.collection = defaults.collection;
    if (auto repaired = sanitize_article(article))
        note =
            Diagnostic{std::string(defaults.file_name),
                       article.id.empty() ? "record " + std::to_string(record) : "id " + article.id,
                       std::move(*repaired)};
    article.lang = languages(article, defaults.lang);
    if (article.id.empty())
        article.id = std::string(defaults.file_name) + "#" + std::to_string(record);
    return note;
}

}  // namespace newsdex
