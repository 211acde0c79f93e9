// newsdex-bench eval: topics + qrels -> run_eval() -> metrics table / JSON, TREC run file.

#include <cstdio>
#include <fstream>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "progress_line.h"
#include "relevance_eval.h"
#include "trec_files.h"

namespace newsdex::bench {

namespace {

const char* kEvalUsage =
    "usage: newsdex-bench eval [--db DIR]... --topics FILE --qrels FILE [--run OUT] [--limit N]\n"
    "                          [--bm25 K1,B] [--exact-weight W] [--all-words] [--raw] [--summary]\n"
    "                          [--json OUT]\n"
    "Runs each topic (TOPIC<TAB>TEXT per line) and scores the rankings against TREC qrels as "
    "trec_eval\n"
    "does: MAP, nDCG@10, P@10, Recall@100, MRR per topic and mean. Topics run with any word (OR) "
    "by\n"
    "default; --all-words runs them as newsdex-search does. The run file is 'TOPIC Q0 DOCNO RANK "
    "SCORE TAG',\n"
    "DOCNO being the article's native id. --score-run FILE scores another run file (another\n"
    "engine's) with the same measures instead of searching.";

}  // namespace

int eval_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::DatabaseListOption dbs;
    EvalOptions options;
    std::string topics_file, qrels_file, run_out, json_out, bm25, score_run;
    bool all_words = false, summary = false;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("topics", po::value(&topics_file)->value_name("FILE"),
                       "topics: TOPIC<TAB>TEXT per line")(
        "qrels", po::value(&qrels_file)->value_name("FILE"), "TREC qrels: TOPIC 0 DOCNO LEVEL")(
        "run", po::value(&run_out)->value_name("OUT"), "write the TREC run file to OUT")(
        "tag", po::value(&options.tag)->value_name("TAG"),
        "run tag in the run file (default newsdex)")(
        "limit,n", cli::whole_number(&options.limit, 1, 100000, "limit")->value_name("N"),
        "ranking depth per topic (default 1000)")(
        "bm25", po::value(&bm25)->value_name("K1,B"),
        "BM25 parameters (default: newsdex-search's, 2.0,0.75)")(
        "exact-weight", po::value(&options.exact_form_weight)->value_name("W"),
        "weight of a query word's exact-form bonus (default: newsdex-search's; 0: stems only)")(
        "all-words", po::bool_switch(&all_words), "every word must match (default: any word, OR)")(
        "raw", po::bool_switch(&options.raw),
        "topics are query syntax (default: lower-cased, syntax removed)")(
        "lang", po::value(&options.lang)->value_name("CODE"),
        "stem the topics in this language only (default: every language of the database, as "
        "newsdex-search)")("summary", po::bool_switch(&summary),
                           "print the mean only, not every topic")(
        "json", po::value(&json_out)->value_name("OUT"),
        "write the metrics as JSON to OUT ('-': stdout)")(
        "score-run", po::value(&score_run)->value_name("FILE"),
        "score this TREC run file instead of searching (same measures, e.g. for a peer engine)");

    bool parsed = false;
    int code = guarded("eval", kEvalUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kEvalUsage)) return kExitOk;
        dbs.finish();
        if (topics_file.empty() || qrels_file.empty())
            throw UsageError("--topics and --qrels are required");
        if (!bm25.empty()) std::tie(options.bm25_k1, options.bm25_b) = cli::parse_bm25(bm25);
        if (!(options.exact_form_weight >= 0 && options.exact_form_weight <= 100))
            throw UsageError("--exact-weight must be between 0 and 100");
        if (options.tag.empty() || options.tag.find_first_of(" \t") != std::string::npos)
            throw UsageError("--tag must be one word");
        options.any = !all_words;
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;

    return guarded("eval", kEvalUsage, false, [&] {
        options.db_paths = dbs.paths;
        options.topics = read_query_file(topics_file);
        options.qrels = read_qrels(qrels_file);
        EvalRun run;
        if (!score_run.empty()) {
            run.rankings = read_run(score_run);
            run.summary = evaluate(run.rankings, options.qrels);
            options.scored_run = score_run;
        } else {
            ProgressLine progress;
            run = run_eval(options, [&](const std::string& s) { progress.update(s); });
            progress.clear();
        }
        if (!run_out.empty()) {
            std::ofstream out(run_out, std::ios::binary | std::ios::trunc);
            for (const auto& [topic, ranking] : run.rankings)
                write_run(out, topic, ranking, options.tag);
            out.close();
            if (!out) throw Error("cannot write " + run_out);
        }
        if (json_out != "-") {
            std::string text = format_eval_text(run, options, !summary);
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        if (!json_out.empty()) write_output(json_out, format_eval_json(run, options));
        return kExitOk;
    });
}

}  // namespace newsdex::bench
