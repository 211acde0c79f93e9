#pragma once
// What one segment-mode worker writes: a sequence of private segment
// databases in the run's scratch directory, later merged into the target
// (as Lucene merges segments). Also the spelling counts every writer batches.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "document_builder.h"
#include "index_options.h"

namespace newsdex {

/// Spelling words counted in memory and handed to Xapian in bulk: one
/// add_spelling per distinct word instead of one per word per article
/// (Xapian keeps pending spelling changes in ordered maps and rewrites them at
/// each commit; per-article calls cost ~20% of indexing time). Memory is
/// bounded by the vocabulary of one segment (or one flush in direct mode).
class SpellingAccumulator {
  public:
    void add(const std::vector<std::string>& words) {
        for (const auto& w : words) ++counts_[w];
    }
    void flush_into(Xapian::WritableDatabase& db) {
        for (const auto& [word, count] : counts_) db.add_spelling(word, count);
        counts_.clear();
    }

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

/// One worker's sequence of segment databases DIR/NAME-0, DIR/NAME-1, ...
/// Not thread-safe: each worker owns one. A segment is committed every
/// options.flush_docs documents and closed after options.segment_docs; only
/// closed segments are listed by segments() (and merged).
class SegmentWriter {
  public:
    SegmentWriter(std::filesystem::path dir, std::string name, const IndexOptions& options)
        : dir_(std::move(dir)), name_(std::move(name)), options_(options) {}

    void add(const BuiltDocument& built);
    /// Closes the open segment (if any): call once the worker's input ends.
    void finish();
    /// The closed segments, in the order written.
    const std::vector<std::filesystem::path>& segments() const { return done_; }

  private:
    void open_next();
    void finish_segment();

    std::filesystem::path dir_;
    std::string name_;
    const IndexOptions& options_;
    std::optional<Xapian::WritableDatabase> db_;
    std::filesystem::path current_;
    std::vector<std::filesystem::path> done_;
    std::uint32_t in_segment_ = 0, since_commit_ = 0;
    SpellingAccumulator spelling_;
};

}  // namespace newsdex
