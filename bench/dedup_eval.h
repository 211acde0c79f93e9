#pragma once
// newsdex-bench dedup: how well the index's near-duplicate clusters match the
// definition they implement (common/near_duplicate.h). The ground truth is
// every pair of articles whose body shingle sets have Jaccard >= the
// threshold, found exactly: an all-pairs similarity join with prefix
// filtering (two sets with Jaccard >= t share a token among the first
// |x| - ceil(t|x|) + 1 of each, tokens ordered by rarity), each candidate
// checked by computing its Jaccard, which finds exactly the pairs comparing
// every pair would; `brute_force` compares every pair instead (to check that,
// on a corpus small enough). A pair is predicted when both articles hold the
// same cluster id. Precision and recall are over pairs.
//
// With a planted-variant file (gen-corpus --plant-variants --truth), each
// (variant, original) pair is also reported by kind: how many are
// near-duplicates by the definition (Jaccard >= threshold) and how many of
// those share a cluster (recall per kind), and, separately, how many edits
// fell below the threshold (not near-duplicates by definition, so leaving
// them apart is right) and whether they were clustered anyway.

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::bench {

struct DedupEvalOptions {
    std::vector<std::string> db_paths;
    bool brute_force = false;
    std::size_t examples = 5;  ///< missed and wrong pairs to list
    /// Pairs ("collection/id") to report by name: their Jaccard and whether
    /// they share a cluster.
    std::vector<std::pair<std::string, std::string>> named_pairs;
    /// Ground truth of planted variants (planted_variants.h); empty: none.
    std::string planted_path;
};

/// The planted (variant, original) pairs of one kind ("all": every kind).
struct PlantedKindResult {
    std::string kind;
    std::uint64_t planted = 0;
    /// Either article missing from the database, or too short for a signature.
    std::uint64_t not_compared = 0;
    std::uint64_t near = 0;  ///< Jaccard >= threshold
    std::uint64_t near_clustered = 0;
    std::uint64_t below = 0;  ///< Jaccard < threshold: not near-duplicates
    std::uint64_t below_clustered = 0;
    double min_jaccard = 1, sum_jaccard = 0;  ///< over the compared pairs

    double recall() const { return near ? double(near_clustered) / double(near) : 1.0; }
    double mean_jaccard() const {
        const std::uint64_t compared = near + below;
        return compared ? sum_jaccard / double(compared) : 0.0;
    }
};

struct DedupPair {
    std::string a, b;  ///< "collection/id"
    double jaccard = 0;
};

struct DedupEvalResult {
    std::uint64_t articles = 0;
    std::uint64_t with_signature = 0;   ///< bodies long enough to have shingles
    std::uint64_t truth_pairs = 0;      ///< pairs with Jaccard >= threshold
    std::uint64_t predicted_pairs = 0;  ///< pairs in the same cluster
    std::uint64_t true_positives = 0;
    std::uint64_t clusters = 0;  ///< clusters of two or more articles
    std::uint64_t clustered_articles = 0;
    std::uint64_t largest_cluster = 0;
    std::uint64_t pairs_compared = 0;  ///< Jaccard computations of the ground truth
    double seconds = 0;
    std::vector<DedupPair> missed;  ///< truth pairs not clustered (examples)
    std::vector<DedupPair> wrong;   ///< clustered pairs below the threshold (examples)
    struct NamedPair {
        DedupPair pair;
        bool found = false;      ///< both articles are in the database
        bool clustered = false;  ///< they share a cluster
    };
    std::vector<NamedPair> named;
    std::vector<PlantedKindResult> planted;  ///< per kind, then "all"; empty without a file

    double precision() const {
        return predicted_pairs ? double(true_positives) / double(predicted_pairs) : 1.0;
    }
    double recall() const {
        return truth_pairs ? double(true_positives) / double(truth_pairs) : 1.0;
    }
};

DedupEvalResult run_dedup_eval(const DedupEvalOptions& options);

std::string format_dedup_text(const DedupEvalResult& result, const DedupEvalOptions& options);
std::string format_dedup_json(const DedupEvalResult& result, const DedupEvalOptions& options);

}  // namespace newsdex::bench
