#include "relevance_eval.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <chrono>

#include "errors.h"
#include "text_table.h"
#include "trec_files.h"

namespace newsdex::bench {

std::string topic_to_query(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool word_start = true;
    for (char c : text) {
        if (c == '"' || c == '(' || c == ')') c = ' ';
        if (word_start && (c == '+' || c == '-')) continue;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        out.push_back(c);
        word_start = c == ' ' || c == '\t';
    }
    return out;
}

EvalRun run_eval(const EvalOptions& options,
                 const std::function<void(const std::string&)>& progress) {
    const auto started = std::chrono::steady_clock::now();
    Searcher searcher(options.db_paths);
    EvalRun run;
    run.articles = searcher.database().get_doccount();
    std::size_t done = 0;
    for (const QueryLine& topic : options.topics) {
        if (progress) {
            std::string line = "topic ";
            line += std::to_string(++done);
            line += '/';
            line += std::to_string(options.topics.size());
            progress(line);
        }
        SearchRequest request;
        request.query = options.raw ? topic.text : topic_to_query(topic.text);
        request.limit = options.limit;
        request.any = options.any;
        request.snippets = false;
        request.suggest = false;
        request.bm25_k1 = options.bm25_k1;
        request.bm25_b = options.bm25_b;
        request.exact_form_weight = options.exact_form_weight;
        request.lang = options.lang;
        SearchResult result = searcher.search(request);
        if (result.relaxed) run.relaxed.push_back(topic.label);
        std::vector<RankedDoc> ranking;
        ranking.reserve(result.hits.size());
        for (const Hit& hit : result.hits)
            ranking.push_back({run_docno(hit.id), run_score(hit.score)});
        trec_order(ranking);
        run.rankings.emplace_back(topic.label, std::move(ranking));
    }
    run.summary = evaluate(run.rankings, options.qrels);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return run;
}

std::string describe_eval_settings(const EvalOptions& o) {
    if (!o.scored_run.empty()) return "rankings read from the run file " + o.scored_run;
    std::string s = o.any ? "any words (OR)" : "all words (AND, relaxed fallback)";
    s += ", BM25 k1=";
    s += fixed(o.bm25_k1, 2);
    s += " b=";
    s += fixed(o.bm25_b, 2);
    s += ", exact-form weight ";
    s += fixed(o.exact_form_weight, 2);
    s += ", top ";
    s += std::to_string(o.limit);
    s += o.raw ? ", topics as query syntax" : ", topics lower-cased without query syntax";
    return s;
}

std::string format_eval_text(const EvalRun& run, const EvalOptions& options, bool per_topic) {
    const auto& s = run.summary;
    std::string out = "newsdex-bench eval: ";
    out += std::to_string(options.topics.size());
    out += " topics, ";
    out += std::to_string(s.topics.size());
    out += " evaluated";
    if (!s.skipped.empty()) {
        out += ", ";
        out += std::to_string(s.skipped.size());
        out += " skipped (no qrels)";
    }
    out += "; ";
    for (std::size_t i = 0; i < options.db_paths.size(); ++i) {
        if (i) out += ", ";
        out += options.db_paths[i];
    }
    out += " (";
    out += group_thousands(run.articles);
    out += " articles)\nsettings: ";
    out += describe_eval_settings(options);
    out += "\nmeasures as trec_eval: map ndcg_cut.10 P.10 recall.100 recip_rank\n";
    if (!run.relaxed.empty()) {
        out += "relaxed (no article had every word): ";
        out += std::to_string(run.relaxed.size());
        out += " topics\n";
    }
    out += '\n';
    TextTable table(
        {"topic", "retrieved", "relevant", "rel ret", "AP", "nDCG@10", "P@10", "R@100", "RR"});
    auto row = [&](const TopicMetrics& m) {
        table.add({m.topic, group_thousands(m.retrieved), group_thousands(m.relevant),
                   group_thousands(m.relevant_retrieved), fixed(m.ap, 4), fixed(m.ndcg10, 4),
                   fixed(m.p10, 4), fixed(m.recall100, 4), fixed(m.rr, 4)});
    };
    if (per_topic)
        for (const auto& m : s.topics) row(m);
    TopicMetrics mean = s.mean;
    mean.topic = "mean";
    row(mean);
    out += table.render();
    return out;
}

std::string format_eval_json(const EvalRun& run, const EvalOptions& o) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    auto metrics = [&](const TopicMetrics& m) {
        w.StartObject();
        w.Key("topic");
        w.String(m.topic.c_str());
        for (auto [key, value] : {std::pair<const char*, double>{"map", m.ap},
                                  {"ndcg_cut_10", m.ndcg10},
                                  {"P_10", m.p10},
                                  {"recall_100", m.recall100},
                                  {"recip_rank", m.rr}}) {
            w.Key(key);
            w.Double(value);
        }
        w.Key("retrieved");
        w.Uint64(m.retrieved);
        w.Key("relevant");
        w.Uint64(m.relevant);
        w.Key("relevant_retrieved");
        w.Uint64(m.relevant_retrieved);
        w.EndObject();
    };
    auto strings = [&](const char* key, const std::vector<std::string>& list) {
        w.Key(key);
        w.StartArray();
        for (const auto& s : list) w.String(s.c_str());
        w.EndArray();
    };
    w.StartObject();
    w.Key("tool");
    w.String("newsdex-bench eval");
    w.Key("format");
    w.Uint(1);
    strings("databases", o.db_paths);
    w.Key("articles");
    w.Uint64(run.articles);
    w.Key("settings");
    w.StartObject();
    w.Key("any");
    w.Bool(o.any);
    w.Key("raw");
    w.Bool(o.raw);
    w.Key("limit");
    w.Uint(o.limit);
    w.Key("bm25_k1");
    w.Double(o.bm25_k1);
    w.Key("bm25_b");
    w.Double(o.bm25_b);
    w.Key("exact_form_weight");
    w.Double(o.exact_form_weight);
    w.Key("description");
    w.String(describe_eval_settings(o).c_str());
    w.EndObject();
    w.Key("mean");
    metrics(run.summary.mean);
    w.Key("topics");
    w.StartArray();
    for (const auto& m : run.summary.topics) metrics(m);
    w.EndArray();
    strings("skipped", run.summary.skipped);
    strings("relaxed", run.relaxed);
    w.Key("seconds");
    w.Double(run.seconds);
    w.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

}  // namespace newsdex::bench
