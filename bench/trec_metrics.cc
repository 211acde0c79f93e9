#include "trec_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_set>

namespace newsdex::bench {

void trec_order(std::vector<RankedDoc>& ranking) {
    std::stable_sort(ranking.begin(), ranking.end(), [](const RankedDoc& a, const RankedDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.docno > b.docno;
    });
    std::unordered_set<std::string> seen;
    std::erase_if(ranking, [&](const RankedDoc& d) { return !seen.insert(d.docno).second; });
}

TopicMetrics score_topic(const std::string& topic, std::vector<RankedDoc> ranking,
                         const Judgments& judgments) {
    trec_order(ranking);
    TopicMetrics m;
    m.topic = topic;
    m.retrieved = ranking.size();

    std::vector<int> ideal_gains;
    for (const auto& [docno, level] : judgments) {
        if (level >= 1) ++m.relevant;
        if (level > 0) ideal_gains.push_back(level);
    }
    std::sort(ideal_gains.begin(), ideal_gains.end(), std::greater<>());

    double precision_sum = 0, dcg = 0;
    std::size_t relevant_at_10 = 0, relevant_at_100 = 0;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        const std::size_t rank = i + 1;
        auto it = judgments.find(ranking[i].docno);
        const int level = it == judgments.end() ? 0 : it->second;
        if (rank <= 10 && level > 0) dcg += level / std::log2(static_cast<double>(rank) + 1);
        if (level < 1) continue;
        ++m.relevant_retrieved;
        precision_sum += static_cast<double>(m.relevant_retrieved) / static_cast<double>(rank);
        if (m.rr == 0) m.rr = 1.0 / static_cast<double>(rank);
        if (rank <= 10) ++relevant_at_10;
        if (rank <= 100) ++relevant_at_100;
    }
    double ideal_dcg = 0;
    for (std::size_t i = 0; i < ideal_gains.size() && i < 10; ++i)
        ideal_dcg += ideal_gains[i] / std::log2(static_cast<double>(i) + 2);

    if (m.relevant) {
        m.ap = precision_sum / static_cast<double>(m.relevant);
        m.recall100 = static_cast<double>(relevant_at_100) / static_cast<double>(m.relevant);
    }
    m.p10 = static_cast<double>(relevant_at_10) / 10.0;
    if (ideal_dcg > 0) m.ndcg10 = dcg / ideal_dcg;
    return m;
}

EvalSummary evaluate(const std::vector<std::pair<std::string, std::vector<RankedDoc>>>& run,
                     const Qrels& qrels) {
    EvalSummary s;
    s.mean.topic = "all";
    for (const auto& [topic, ranking] : run) {
        auto judged = qrels.find(topic);
        if (judged == qrels.end()) {
            s.skipped.push_back(topic);
            continue;
        }
        TopicMetrics m = score_topic(topic, ranking, judged->second);
        s.mean.ap += m.ap;
        s.mean.ndcg10 += m.ndcg10;
        s.mean.p10 += m.p10;
        s.mean.recall100 += m.recall100;
        s.mean.rr += m.rr;
        s.mean.retrieved += m.retrieved;
        s.mean.relevant += m.relevant;
        s.mean.relevant_retrieved += m.relevant_retrieved;
        s.topics.push_back(std::move(m));
    }
    if (!s.topics.empty()) {
        const double n = static_cast<double>(s.topics.size());
        s.mean.ap /= n;
        s.mean.ndcg10 /= n;
        s.mean.p10 /= n;
        s.mean.recall100 /= n;
        s.mean.rr /= n;
    }
    return s;
}

}  // namespace newsdex::bench
