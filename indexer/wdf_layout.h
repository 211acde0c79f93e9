#pragma once
// How a run lays out its documents' wdfs (common/bm25_impact.h): impacts for
// the database's recorded reference length, occurrences in a database
// written before impacts, and for a new database the reference length to
// record.
//
// The reference length of a new database: the mean
// Xapian length of the first bm25_impact::kCalibrationArticles articles of
// its first run, measured on the reading thread before any document is
// written, since every document's impacts depend on it.
//
// Only for inputs that are files: a stream (standard input, a pipe) may be a
// live feed whose first articles must not wait; it takes the default length.
//
// Fed every article read, before a sharded run keeps only its shard's: so
// each shard of `newsdex-index --shards`, and one database of the same
// input, get the same length.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/text_analyzer.h"
#include "article.h"
#include "bm25_impact.h"
#include "document_builder.h"

namespace newsdex {

class ReferenceLengthSample {
  public:
    explicit ReferenceLengthSample(std::size_t wanted = bm25_impact::kCalibrationArticles)
        : wanted_(wanted) {}

    /// Measures a prepared article (language and id set), until the sample
    /// is complete; returns complete().
    bool add(const Article& article);
    bool complete() const { return measured_ >= wanted_; }
    /// The mean length, or bm25_impact::kDefaultReferenceLength when no
    /// article was measured.
    double reference_length() const;

  private:
    std::size_t wanted_;
    std::size_t measured_ = 0;
    double total_ = 0;
    TextAnalyzer analyzer_;
};

/// A run's layout. `weights` unset: measure a ReferenceLengthSample first.
struct WdfLayoutChoice {
    std::optional<TermWeights> weights;
    /// The metadata value to record before the first document (empty: none).
    std::string record;
};

/// Chooses from the target's recorded layout (its kMetadataWdfLayout
/// value), whether it holds no document, --reference-length (0: not given)
/// and whether every input is a file (not a stream, which may be a live
/// feed whose first articles must not wait for a sample). Throws
/// UsageError when --reference-length contradicts the recorded length.
WdfLayoutChoice choose_wdf_layout(const std::string& db_path, const std::string& recorded,
                                  bool empty_target, double reference_length,
                                  bool inputs_are_files);

/// The choice once the reference length is known.
WdfLayoutChoice impacts_layout(double reference_length);

/// Whether every path is a regular file ("-", standard input, is not).
bool all_regular_files(const std::vector<std::string>& paths);

}  // namespace newsdex
