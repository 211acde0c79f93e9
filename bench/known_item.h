#pragma once
// Known-item search scores: each topic has one wanted article (or several
// identical copies, all judged relevant), and what matters is how high the
// first of them ranks. MRR@N (the mean over topics of 1 / rank of the first
// relevant article within the top N, 0 when it is not there) and success@1
// (the share of topics whose first hit is relevant), for newsdex's run files
// and any other engine's, side by side on the same topics and qrels.
//
// Every topic of the qrels with a relevant article counts, whether or not a
// run has a line for it (an engine that found nothing scores 0 there), so
// two runs are always averaged over the same topics. Rankings are put in
// trec_eval's order first (trec_metrics.h), so a run file means here what it
// means to trec_eval.

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "trec_metrics.h"

namespace newsdex::bench {

inline constexpr std::size_t kKnownItemDepth = 10;

struct KnownItemScores {
    std::size_t topics = 0;   ///< topics with at least one relevant article
    double mrr = 0;           ///< MRR@depth
    double success_at_1 = 0;  ///< share of topics ranked first
    /// topic -> rank of its first relevant article (1-based), 0 when it is
    /// not within the depth.
    std::map<std::string, std::size_t> rank;
};

/// Scores one run against the qrels, down to `depth`.
KnownItemScores score_known_item(
    const std::vector<std::pair<std::string, std::vector<RankedDoc>>>& run, const Qrels& qrels,
    std::size_t depth = kKnownItemDepth);

/// The topics where `a` ranks the wanted article worse than `b` (not found
/// counting as worst), in qrels order: what to look at where a system loses.
std::vector<std::string> topics_ranked_worse(const KnownItemScores& a, const KnownItemScores& b);

}  // namespace newsdex::bench
