#include "segment_writer.h"

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

void SegmentWriter::open_next() {
    std::filesystem::path path = dir_ / (name_ + "-" + std::to_string(done_.size()));
    // DB_NO_SYNC: a segment is scratch until the merge, whose result is
    // fsynced before it is swapped in.
    db_.emplace(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    current_ = path;
    in_segment_ = since_commit_ = 0;
}

void SegmentWriter::finish_segment() {
    if (!db_) return;
    spelling_.flush_into(*db_);
    db_->commit();
    db_->close();
    db_.reset();
    done_.push_back(current_);
}

}  // namespace newsdex
