#pragma once
// Retrieval-quality measures computed the way trec_eval (9.x) computes them,
// so numbers here can be checked against `trec_eval -m map -m ndcg_cut.10
// -m P.10 -m recall.100 -m recip_rank QRELS RUN` on the run file we write:
//
// - A ranking is ordered as trec_eval orders a run: by score, descending, ties
//   by docno, descending (trec_eval ignores the rank column). A docno repeated
//   in a ranking counts once, at its first (best) position.
// - Relevant = judged with level >= 1. Unjudged documents are not relevant.
// - AP: sum of precision at each relevant retrieved document, divided by the
//   number of relevant documents in the qrels (unretrieved ones count as 0).
// - nDCG@10: gain = the judged level (negative levels count 0), discount
//   log2(rank + 1); the ideal ranking is the judged documents by level.
// - P@10: relevant in the top 10, divided by 10 even when fewer were retrieved.
// - Recall@100: relevant in the top 100 / relevant in the qrels.
// - RR: 1 / rank of the first relevant document, 0 when none is retrieved.
// - Topics without any qrels line are skipped, as trec_eval skips them; a topic
//   with judgments but no relevant document scores 0 on every measure and
//   counts in the mean, as in trec_eval. A topic that retrieved nothing but has
//   qrels counts as 0 (trec_eval only sees it with -c, since the run file then
//   has no line for it).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace newsdex::bench {

/// docno -> judged relevance level, for one topic.
using Judgments = std::map<std::string, int>;
/// topic id -> its judgments.
using Qrels = std::map<std::string, Judgments>;

struct RankedDoc {
    std::string docno;
    double score = 0;
};

/// Sorts a ranking into trec_eval's order and drops repeated docnos.
void trec_order(std::vector<RankedDoc>& ranking);

struct TopicMetrics {
    std::string topic;
    double ap = 0, ndcg10 = 0, p10 = 0, recall100 = 0, rr = 0;
    std::size_t retrieved = 0, relevant = 0, relevant_retrieved = 0;
};

/// Scores one topic's ranking (any order: it is put in trec_eval order first).
TopicMetrics score_topic(const std::string& topic, std::vector<RankedDoc> ranking,
                         const Judgments& judgments);

struct EvalSummary {
    std::vector<TopicMetrics> topics;  ///< evaluated topics, in the order given
    TopicMetrics mean;                 ///< arithmetic means; counts are sums; topic = "all"
    std::vector<std::string> skipped;  ///< topics without any qrels line
};

/// Scores every (topic, ranking) pair that has qrels and averages them.
EvalSummary evaluate(const std::vector<std::pair<std::string, std::vector<RankedDoc>>>& run,
                     const Qrels& qrels);

}  // namespace newsdex::bench
