#pragma once
// What one segment-mode worker writes: a sequence of private segment
// databases in the run's scratch directory, later merged into the target
// (as Lucene merges segments). Also the spelling counts every writer batches.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
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

/// How many closed segments of one size class are merged into one of the next
/// class. Lucene's tiered merge policy uses 10 too: each document is rewritten
/// once per class, log10(articles / segment_docs) times in all, and a worker
/// never holds more than kSegmentsPerMerge - 1 segments of any class, so the
/// final merge opens a few dozen databases even at a million articles (each
/// costs six open files).
inline constexpr std::size_t kSegmentsPerMerge = 10;

/// Passes Xapian's per-table compaction status on (to the run's progress
/// display, for its final merge of the segments).
class MergeProgress : public Xapian::Compactor {
  public:
    explicit MergeProgress(std::function<void(const std::string&)> on_table)
        : on_table_(std::move(on_table)) {}
    void set_status(const std::string& table, const std::string& status) override {
        // Called once per table with an empty status as it starts.
        if (status.empty()) on_table_(table);
    }

  private:
    std::function<void(const std::string&)> on_table_;
};

/// One worker's segment databases in the run's scratch directory: DIR/NAME-0,
/// DIR/NAME-1, ... of at most options.segment_docs documents each, and
/// DIR/NAME-mK made by merging kSegmentsPerMerge segments of one size class.
///
/// Why small segments: a Xapian commit rewrites every B-tree block the batch
/// touches, and a batch of news articles touches most blocks of the position
/// and postlist tables, so committing into one growing database costs time in
/// proportion to its size (quadratic in all). Small segments keep each commit
/// cheap; the merges are linear (Xapian's compactor copies sorted runs).
///
/// Not thread-safe: each worker owns one. A segment is committed every
/// options.flush_docs documents and closed after options.segment_docs; only
/// closed segments are listed by segments() (and merged at the end).
class SegmentWriter {
  public:
    /// `wdf_layout`: recorded in every segment (bm25_impact.h), so the merged
    /// database has it; read when a segment is opened, i.e. after the first
    /// document (the run settles it before passing documents on).
    SegmentWriter(std::filesystem::path dir, std::string name, const IndexOptions& options,
                  const std::string& wdf_layout)
        : dir_(std::move(dir)),
          name_(std::move(name)),
          options_(options),
          wdf_layout_(wdf_layout) {}

    void add(const BuiltDocument& built);
    /// Closes the open segment (if any): call once the worker's input ends.
    void finish();
    /// The closed segments, oldest documents first (the order written).
    std::vector<std::filesystem::path> segments() const;
    /// Merges done so far (each of kSegmentsPerMerge segments into one).
    unsigned merges() const { return merges_; }

  private:
    void open_next();
    void finish_segment();
    /// Merges the segments of size class `level` into one of class level + 1
    /// once there are kSegmentsPerMerge of them, and so on up.
    void merge_full_levels(std::size_t level);

    std::filesystem::path dir_;
    std::string name_;
    const IndexOptions& options_;
    const std::string& wdf_layout_;
    std::optional<Xapian::WritableDatabase> db_;
    std::filesystem::path current_;
    /// levels_[k]: closed segments of size class k, oldest first. Every
    /// document of class k + 1 was written before every one of class k.
    std::vector<std::vector<std::filesystem::path>> levels_;
    unsigned written_ = 0, merges_ = 0;
    std::uint32_t in_segment_ = 0, since_commit_ = 0;
    SpellingAccumulator spelling_;
};

}  // namespace newsdex
