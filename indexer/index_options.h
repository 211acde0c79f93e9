#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus_reader.h"

namespace newsdex {

/// How articles reach the database.
enum class WriteMode {
    /// Segments for a new or empty database, direct otherwise.
    Auto,
    /// Each worker writes its own segment database; at the end the segments
    /// are merged with Xapian's compactor into the target (as Lucene merges
    /// segments). Only for a new or empty target.
    Segments,
    /// Workers analyse in parallel, one writer replaces documents by unique
    /// term in the target and commits every flush_docs articles.
    Direct,
};

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    std::string collection;  ///< empty: each INPUT's base name without extension
    /// --lang: the language of articles whose input does not give one; empty =
    /// detect each article's (analysis/language_detect.h).
    std::string default_lang;
    ReaderOptions reader;
    WalkOptions walk;
    unsigned jobs = 0;                    ///< analysis/segment workers; 0 = hardware threads
    std::uint32_t flush_docs = 1000;      ///< commit every N documents (per segment, or in direct
                                          ///< mode); measured best on Reuters
    std::uint32_t segment_docs = 100000;  ///< start a new segment after N documents
    WriteMode mode = WriteMode::Auto;
    bool spelling = true;  ///< record words for "did you mean"
};

}  // namespace newsdex
