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

/// Bounds of the numeric options (newsdex-index checks its flags against
/// them; run_index refuses options outside them with UsageError before it
/// creates anything). More workers than this only add queues and memory.
inline constexpr unsigned kMaxJobs = 256;
inline constexpr unsigned kMaxShards = 256;
/// --reference-length at most (an article's Xapian length, bm25_impact.h).
inline constexpr std::int64_t kMaxReferenceLength = 1'000'000;
inline constexpr std::uint32_t kMaxFlushDocs = 10'000'000;
inline constexpr std::uint32_t kMaxSegmentDocs = 100'000'000;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    std::string collection;  ///< empty: each INPUT's base name without extension
    /// --lang: the language of articles whose input does not give one; empty =
    /// detect each article's (analysis/language_detect.h).
    std::string default_lang;
    ReaderOptions reader;
    WalkOptions walk;
    unsigned jobs = 0;  ///< analysis/segment workers, at most kMaxJobs; 0 = hardware threads
    std::uint32_t flush_docs = 1000;  ///< commit every N documents (per segment, or in direct
                                      ///< mode); measured best on Reuters
    /// Start a new segment after N documents (segment_writer.h says why small
    /// segments; 5,000 measured best at 200,000 articles, bench/RESULTS.md).
    std::uint32_t segment_docs = 5000;
    /// --reference-length: a new database's BM25 reference length
    /// (bm25_impact.h); 0: the mean length of the first articles read.
    double reference_length = 0;
    WriteMode mode = WriteMode::Auto;
    bool spelling = true;  ///< record words for "did you mean"
    /// --shards N: build a new database as N shards in db_path (0: one
    /// database, or the shards db_path's stub already lists).
    unsigned shards = 0;
    /// Set by run_sharded_index for each shard's run: index only the articles
    /// with shard_of(unique term, shard_count) == shard_index (shard_routing.h).
    unsigned shard_count = 1, shard_index = 0;
    /// A descriptor that becomes readable when run_index's cancel flag is set
    /// (-1: none); lets an interrupt end a read from an idle standard input.
    int cancel_wake_fd = -1;
    /// Rebuild the German compound table after the run (compound_table.h).
    /// run_sharded_index turns it off for each shard's run and builds the
    /// table once over all shards, since a compound in one shard may split
    /// into words that only another shard holds.
    bool compound_table = true;
};

}  // namespace newsdex
