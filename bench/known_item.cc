#include "known_item.h"

namespace newsdex::bench {

KnownItemScores score_known_item(
    const std::vector<std::pair<std::string, std::vector<RankedDoc>>>& run, const Qrels& qrels,
    std::size_t depth) {
    std::map<std::string, const std::vector<RankedDoc>*> by_topic;
    for (const auto& [topic, ranking] : run) by_topic.emplace(topic, &ranking);
    KnownItemScores scores;
    double rr_sum = 0;
    std::size_t first = 0;
    for (const auto& [topic, judgments] : qrels) {
        bool any_relevant = false;
        for (const auto& [docno, level] : judgments) any_relevant |= level >= 1;
        if (!any_relevant) continue;  // not a known-item topic: nothing to find
        ++scores.topics;
        std::size_t rank = 0;
        if (auto it = by_topic.find(topic); it != by_topic.end()) {
            std::vector<RankedDoc> ranking = *it->second;
            trec_order(ranking);
            for (std::size_t i = 0; i < ranking.size() && i < depth; ++i) {
                auto judged = judgments.find(ranking[i].docno);
                if (judged != judgments.end() && judged->second >= 1) {
                    rank = i + 1;
                    break;
                }
            }
        }
        scores.rank[topic] = rank;
        if (rank) rr_sum += 1.0 / static_cast<double>(rank);
        if (rank == 1) ++first;
    }
    if (scores.topics) {
        scores.mrr = rr_sum / static_cast<double>(scores.topics);
        scores.success_at_1 = static_cast<double>(first) / static_cast<double>(scores.topics);
    }
    return scores;
}

std::vector<std::string> topics_ranked_worse(const KnownItemScores& a, const KnownItemScores& b) {
    // Not found (0) is worse than any rank.
    auto badness = [](std::size_t rank) { return rank ? rank : static_cast<std::size_t>(-1); };
    std::vector<std::string> out;
    for (const auto& [topic, rank_a] : a.rank) {
        auto it = b.rank.find(topic);
        const std::size_t rank_b = it == b.rank.end() ? 0 : it->second;
        if (badness(rank_a) > badness(rank_b)) out.push_back(topic);
    }
    return out;
}

}  // namespace newsdex::bench
