#pragma once
// Near-duplicate signatures: the one definition of what makes two articles
// near-duplicates, shared by the indexer (signatures and clustering), the
// benchmark (brute-force ground truth) and the tests.
//
// Two articles are near-duplicates when the Jaccard similarity of their
// body shingle sets is at least kJaccardThreshold. A shingle is kShingleWords
// consecutive words of the body as the analysis pipeline produces them
// (normalised, case- and accent-folded, unstemmed; hyphen compounds' joined
// forms left out, so "cease-fire" and "cease fire" shingle alike). The title
// is left out: a new headline on the same wire copy is the commonest edit.
//
// Candidates are found with MinHash LSH: kHashes min-hashes in kBands bands
// of kRows; each band's hash is a boolean term (kPrefixNearDup), so articles
// that agree on a whole band share a posting list. A pair whose similarity
// is s becomes a candidate with probability 1 - (1 - s^kRows)^kBands
// (0.9992 at s = 0.8, 0.24 at 0.3, 0.01 at 0.1); candidates are then
// confirmed by computing the exact Jaccard of their shingle sets, so LSH
// only decides recall and the exact check keeps precision.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.h"

namespace newsdex::near_duplicate {

inline constexpr std::size_t kShingleWords = 4;
inline constexpr std::size_t kRows = 3;
inline constexpr std::size_t kBands = 10;
inline constexpr std::size_t kHashes = kRows * kBands;
inline constexpr double kJaccardThreshold = 0.8;
/// A body with fewer shingles than this (under 8 words) gets no signature:
/// too short to tell a duplicate from a formula (price tables, briefs).
inline constexpr std::size_t kMinShingles = 5;

/// Whether a token of the body takes part in shingles.
inline bool shingles_token(const Token& t) { return !t.compound; }

/// Hash of an analysed word (Token::term).
std::uint64_t word_hash(std::string_view term);

/// The body's words, hashed, in order: the input of shingles().
std::vector<std::uint64_t> body_words(std::string_view body, const std::string& lang,
                                      TextAnalyzer& analyzer);

/// The sorted, distinct shingle hashes of a word sequence; empty when there
/// are fewer than kMinShingles.
std::vector<std::uint64_t> shingles(const std::vector<std::uint64_t>& words);

/// |a ∩ b| / |a ∪ b| of two sorted distinct sets (0 when both are empty).
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

using MinHash = std::array<std::uint64_t, kHashes>;
MinHash minhash(const std::vector<std::uint64_t>& shingle_set);

/// The LSH band terms of a signature: kPrefixNearDup + band number (2 hex
/// digits) + 16 hex digits of the band's hash. Empty for an empty set.
std::vector<std::string> band_terms(const std::vector<std::uint64_t>& shingle_set);

/// The membership term of a cluster: kPrefixCluster + 16 hex digits of the
/// stable hash of its id (a kSlotCluster value, which can be long).
std::string cluster_term(std::string_view cluster_id);

}  // namespace newsdex::near_duplicate
