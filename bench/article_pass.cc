#include "article_pass.h"

#include <filesystem>

#include "analysis/language_guess.h"
#include "analysis/text_analyzer.h"
#include "analysis/text_sanitizer.h"
#include "errors.h"

namespace fs = std::filesystem;

namespace newsdex::bench {

std::string default_collection_name(const std::string& input) {
    // Kept in step with indexer.cc's default_collection (which is private to
    // the indexer), so that the analysis pass builds the same documents.
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

ArticlePassStats for_each_article(const ArticlePassOptions& options,
                                  const std::function<void(Article&)>& fn,
                                  const std::atomic<bool>* cancel) {
    ArticlePassStats stats;
    std::size_t found = 0;
    for (const std::string& input : options.inputs) {
        InputWalk walk;
        try {
            walk = walk_inputs({input}, options.walk);
        } catch (const InputError&) {
            ++stats.warnings;
            continue;
        }
        ++found;
        const std::string collection =
            options.collection.empty() ? default_collection_name(input) : options.collection;
        for (const InputFile& file : walk.files) {
            if (cancel && cancel->load()) return stats;
            std::uint64_t record = 0;
            ReadContext context{
                options.reader,
                [&](Article&& a) {
                    ++record;
                    a.collection = collection;
                    if (sanitize_article(a)) ++stats.warnings;
                    if (a.lang.empty()) {
                        a.lang = guess_language_by_script(
                            a.title.empty() ? a.body : a.title + "\n" + a.body);
                        if (a.lang.empty()) a.lang = options.default_lang;
                    }
                    a.lang = canonical_language(a.lang);
                    if (a.id.empty()) a.id = file.name + "#" + std::to_string(record);
                    ++stats.articles;
                    fn(a);
                },
                [&](const Diagnostic&) { ++stats.warnings; },
                nullptr,
                cancel,
            };
            try {
                read_file(file, context);
            } catch (const InputError&) {
                ++stats.warnings;
            }
            ++stats.files;
            stats.bytes += file.size;
        }
    }
    if (found == 0) throw UsageError("none of the inputs exists");
    return stats;
}

}  // namespace newsdex::bench
