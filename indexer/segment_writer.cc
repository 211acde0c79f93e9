#include "segment_writer.h"

#include "bm25_impact.h"

namespace newsdex {

void SegmentWriter::add(const BuiltDocument& built) {
    if (!db_) open_next();
    db_->add_document(built.document);
    if (options_.spelling) spelling_.add(built.spelling_words);
    ++in_segment_;
    if (++since_commit_ >= options_.flush_docs) {
        // Spelling goes in once per segment (finish_segment): every commit
        // would rewrite the frequencies of the same common words.
        db_->commit();
        since_commit_ = 0;
    }
    if (in_segment_ >= options_.segment_docs) finish_segment();
}

void SegmentWriter::finish() { finish_segment(); }

std::vector<std::filesystem::path> SegmentWriter::segments() const {
    std::vector<std::filesystem::path> all;
    for (auto level = levels_.rbegin(); level != levels_.rend(); ++level)
        all.insert(all.end(), level->begin(), level->end());
    return all;
}

void SegmentWriter::open_next() {
    std::filesystem::path path = dir_ / (name_ + "-" + std::to_string(written_++));
    // DB_NO_SYNC: a segment is scratch until the merge, whose result is
    // fsynced before it is swapped in.
    db_.emplace(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    // The merges carry it into the database swapped in.
    if (!wdf_layout_.empty()) db_->set_metadata(bm25_impact::kMetadataWdfLayout, wdf_layout_);
    current_ = path;
    in_segment_ = since_commit_ = 0;
}

void SegmentWriter::finish_segment() {
    if (!db_) return;
    spelling_.flush_into(*db_);
    db_->commit();
    db_->close();
    db_.reset();
    if (levels_.empty()) levels_.emplace_back();
    levels_[0].push_back(current_);
    merge_full_levels(0);
}

void SegmentWriter::merge_full_levels(std::size_t level) {
    if (levels_[level].size() < kSegmentsPerMerge) return;
    Xapian::Database sources;
    for (const auto& segment : levels_[level])
        sources.add_database(Xapian::Database(segment.string()));
    std::filesystem::path merged = dir_ / (name_ + "-m" + std::to_string(merges_++));
    // STANDARD: these are rewritten again by the next merge; only the final
    // merge into the target packs blocks fully. Sources are appended in the
    // order given, so documents keep the order they were written in.
    sources.compact(merged.string(), Xapian::Compactor::STANDARD);
    sources.close();
    for (const auto& segment : levels_[level]) std::filesystem::remove_all(segment);
    levels_[level].clear();
    if (levels_.size() == level + 1) levels_.emplace_back();
    levels_[level + 1].push_back(merged);
    merge_full_levels(level + 1);
}

}  // namespace newsdex
