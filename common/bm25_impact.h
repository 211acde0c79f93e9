#pragma once
// BM25's length normalisation done once at index time ("impacts"), so that
// a search never reads a document's length.
//
// Why: Xapian's BM25Weight with b > 0 looks up the length of every document
// it weighs. On a 200,000-article database a term in 3,700 articles took
// 0.55 ms to rank with b = 0.75 and 0.05 ms with b = 0 (bench/RESULTS.md,
// "BM25 impacts"); the lookups, not the postings, were the cost, and they
// grow with the database. Lucene keeps a byte per document in memory for
// this; Xapian's Weight API cannot see a docid, so the factor is folded into
// the wdf instead.
//
// The rule. BM25 scores a term of wdf f in a document of length dl as
//   idf * (k1 + 1) * f / (k1 * L + f),   L = (1 - b) + b * max(dl / avdl, m)
// (Xapian's BM25Weight, min_normlen m). Writing w = Q * f / L, the same
// score is, for every k1,
//   idf * (Q*k1 + 1) * w / (Q*k1 + w)  *  (k1 + 1) / (Q*k1 + 1),
// which is BM25Weight(k1 = Q*k1, b = 0) over the stored wdf w, times a
// constant. So the indexer stores round(Q * f / L) as the wdf of every
// weighted term (impact_wdf) and the searcher ranks with bm25_impact_weight
// and scales by impact_score_factor: the scores are BM25's, within the
// rounding of w (Q = 32: under 2% for a word once in a long article).
//
// What it costs: avdl cannot follow the database as it grows, so L uses a
// reference length fixed when the database is created: the mean length of
// the first kCalibrationArticles articles of its first run (or a length
// given with newsdex-index --reference-length), recorded in its metadata
// (kMetadataWdfLayout). Relative to BM25 with the live avdl this is BM25
// with a slightly different b and k1 (b' = b r / (1 - b + b r), r = avdl / A)
// as an archive drifts. Databases searched together score alike when their
// reference lengths are equal: the shards of `newsdex-index --shards`
// always are (one sample, taken before articles are routed). b is fixed at
// index time (kB); k1 stays a query-time choice. A database without the key
// (built before this, or extended from such a one) keeps classic BM25.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex::bm25_impact {

/// Metadata key naming how a database's wdfs are laid out: layout_name()
/// when every document's weighted terms carry impact_wdf.
inline constexpr const char* kMetadataWdfLayout = "newsdex.wdf.layout";
/// The layout's name with its constants (change it if they change); the
/// reference length follows it.
inline constexpr std::string_view kLayout = "bm25-impact-1 Q=32 b=0.75 m=0.5 A=";
/// Q: resolution of the stored wdf (one unit is 1/32 of an occurrence in an
/// article of reference length). Below 128 a wdf takes one byte in Xapian's
/// postings, so a typical word (w about 32) costs no more than before.
inline constexpr double kQuantum = 32;
/// Articles of a new database's input whose mean length becomes its
/// reference length: a mean of 500 lengths is within a few percent of the
/// corpus's, and measuring them costs about 0.3 s of one core.
inline constexpr std::size_t kCalibrationArticles = 500;
/// The reference length when there is nothing to measure (an empty input).
inline constexpr double kDefaultReferenceLength = 400;
/// BM25's b, fixed at index time; the searcher's --bm25 b applies only to
/// classic databases.
inline constexpr double kB = 0.75;
/// Xapian BM25Weight's min_normlen: shorter articles are normalised as this
/// fraction of the reference length.
inline constexpr double kMinNormLength = 0.5;

/// The metadata value for a reference length (rounded to 0.1).
inline std::string layout_name(double reference_length) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.1f", reference_length);
    return std::string(kLayout) + digits;
}

/// The reference length a layout_name() records; nullopt for another layout
/// (or none).
inline std::optional<double> parse_layout(std::string_view value) {
    if (value.substr(0, kLayout.size()) != kLayout) return std::nullopt;
    const std::string digits(value.substr(kLayout.size()));
    char* end = nullptr;
    const double length = std::strtod(digits.c_str(), &end);
    if (digits.empty() || *end != '\0' || !(length > 0)) return std::nullopt;
    return length;
}

/// L for an article of Xapian length `doclen` (the sum of its terms' wdf as
/// occurrences) in a database of this reference length.
inline double length_factor(Xapian::termcount doclen, double reference_length) {
    return (1 - kB) + kB * std::max(static_cast<double>(doclen) / reference_length, kMinNormLength);
}

/// The wdf stored for a term `wdf` times in an article with length_factor
/// `length`: 0 stays 0 (boolean terms never score); otherwise at least 1, so
/// a posting is never weightless.
inline Xapian::termcount impact_wdf(Xapian::termcount wdf, double length) {
    if (wdf == 0) return 0;
    const double w = std::round(kQuantum * static_cast<double>(wdf) / length);
    return static_cast<Xapian::termcount>(std::max(w, 1.0));
}

/// The weighting scheme that ranks impact wdfs as BM25 with this k1 would the
/// raw ones (up to impact_score_factor). It reads no document length.
inline Xapian::BM25Weight impact_weight(double k1) {
    return Xapian::BM25Weight(kQuantum * k1, 0, 1, 0, kMinNormLength);
}

/// What impact_weight's scores are multiplied by to be BM25's.
inline double impact_score_factor(double k1) { return (k1 + 1) / (kQuantum * k1 + 1); }

}  // namespace newsdex::bm25_impact
