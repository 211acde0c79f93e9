#include "article_pass.h"

#include "article_preparation.h"
#include "errors.h"

namespace newsdex::bench {

ArticlePassStats for_each_article(const ArticlePassOptions& options,
                                  const std::function<void(Article&)>& fn,
                                  const std::atomic<bool>* cancel) {
    ArticlePassStats stats;
    std::size_t found = 0;
    ArticleLanguages article_languages;
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
            options.collection.empty() ? default_collection(input) : options.collection;
        for (const InputFile& file : walk.files) {
            if (cancel && cancel->load()) return stats;
            std::uint64_t record = 0;
            const ArticleDefaults defaults{collection, options.default_lang, file.name};
            ReadContext context{
                options.reader,
                [&](Article&& a) {
                    ++record;
                    if (prepare_article(a, defaults, record, article_languages)) ++stats.warnings;
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
