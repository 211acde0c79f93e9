#pragma once
// newsdex-bench eval: runs TREC-style topics through the searcher library and
// scores the rankings against qrels (trec_metrics.h says how, as trec_eval).
//
// Topics are natural-language requests, not query syntax: by default their
// text is lower-cased and stripped of the query language's syntax characters
// (quotes, parentheses, a leading + or -), so that an upper-case AND, OR, NOT
// or NEAR in a TIME topic is a word, not an operator (--raw keeps the text as
// is). They run with SearchRequest::any (OR: the BM25 ranking over any word),
// which is how bag-of-words test collections are meant to be run; --all-words
// runs them as newsdex-search does by default (every word, with the relaxed
// fallback when no article has them all).

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "query_file.h"
#include "searcher.h"
#include "trec_metrics.h"

namespace newsdex::bench {

struct EvalOptions {
    std::vector<std::string> db_paths;
    std::vector<QueryLine> topics;  ///< label = topic id
    Qrels qrels;
    unsigned limit = 1000;
    double bm25_k1 = kDefaultBm25K1;
    double bm25_b = kDefaultBm25B;
    double exact_form_weight = kExactFormWeight;  ///< --exact-weight
    bool any = true;
    bool raw = false;
    std::string lang;  ///< --lang; empty = the database's languages, as newsdex-search does
    std::string tag = "newsdex";
    std::string scored_run;  ///< set when the rankings came from this run file, not a search
};

/// A topic's text as a bag-of-words query (see above).
std::string topic_to_query(std::string_view text);

struct EvalRun {
    std::vector<std::pair<std::string, std::vector<RankedDoc>>> rankings;  ///< trec_order()ed
    EvalSummary summary;
    std::vector<std::string> relaxed;  ///< topics answered by the relaxed fallback (all-words mode)
    std::uint64_t articles = 0;
    double seconds = 0;
};

EvalRun run_eval(const EvalOptions& options,
                 const std::function<void(const std::string&)>& progress = {});

/// "any words (OR), BM25 k1=1.2 b=0.75, top 1000, topics lower-cased"
std::string describe_eval_settings(const EvalOptions& options);

std::string format_eval_text(const EvalRun& run, const EvalOptions& options, bool per_topic);
std::string format_eval_json(const EvalRun& run, const EvalOptions& options);

}  // namespace newsdex::bench
