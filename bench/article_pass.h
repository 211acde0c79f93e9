#pragma once
// Reads INPUTs into articles exactly as newsdex-index's reader thread prepares
// them (walk, decode, then common/article_preparation.h), without analysis or a database.
// newsdex-bench uses it to time reading on its own, to time analysis on one thread, and as
// gen-corpus's source.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article.h"
#include "corpus_reader.h"

namespace newsdex::bench {

struct ArticlePassOptions {
    std::vector<std::string> inputs;
    ReaderOptions reader;
    WalkOptions walk;
    std::string collection;    ///< empty: each INPUT's base name, as the indexer names it
    std::string default_lang;  ///< --lang; empty = detect each article's language
};

struct ArticlePassStats {
    std::uint64_t files = 0;
    std::uint64_t articles = 0;
    std::uint64_t bytes = 0;     ///< bytes of the input files on disk
    std::uint64_t warnings = 0;  ///< reader diagnostics (counted, not printed)
};

/// Calls `fn` for each article, in the indexer's input order. `progress`, when
/// set, gets the articles read so far after each one. Throws UsageError when no
/// INPUT exists (inputs that do not exist are counted as warnings otherwise).
ArticlePassStats for_each_article(const ArticlePassOptions& options,
                                  const std::function<void(Article&)>& fn,
                                  const std::atomic<bool>* cancel = nullptr);

}  // namespace newsdex::bench
