// newsdex-bench dedup: near-duplicate clusters against the exact ground truth.

#include <cstdio>

#include "cli_options.h"
#include "commands.h"
#include "dedup_eval.h"
#include "errors.h"

namespace newsdex::bench {

namespace {

const char* kDedupUsage =
    "usage: newsdex-bench dedup [--db DIR]... [--brute-force] [--examples N] [--pair A,B]... "
    "[--planted FILE] [--json OUT]\n"
    "Precision and recall, over pairs of articles, of the database's near-duplicate clusters\n"
    "against every pair whose body shingles have Jaccard >= 0.8 (common/near_duplicate.h);\n"
    "with --planted (gen-corpus --truth), also each planted variant against its original, by "
    "kind.";

}  // namespace

int dedup_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::DatabaseListOption dbs;
    DedupEvalOptions options;
    std::string json_out;
    std::vector<std::string> pairs;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("brute-force", po::bool_switch(&options.brute_force),
                       "compare every pair (slow; checks the exact join on small corpora)")(
        "examples", cli::whole_number(&options.examples, 0, 10000, "examples")->value_name("N"),
        "missed and wrongly clustered pairs to list, 0..10000 (default 5)")(
        "json", po::value(&json_out)->value_name("OUT"), "also write JSON to OUT ('-': stdout)")(
        "pair", po::value(&pairs)->value_name("A,B")->composing(),
        "report two articles (COLLECTION/ID,COLLECTION/ID): Jaccard, same cluster (repeatable)")(
        "planted", po::value(&options.planted_path)->value_name("FILE"),
        "planted-variant ground truth written by gen-corpus --truth: recall per variant kind");
    return guarded("dedup", kDedupUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kDedupUsage)) return kExitOk;
        dbs.finish();
        options.db_paths = dbs.paths;
        for (const auto& p : pairs) {
            auto comma = p.find(',');
            if (comma == std::string::npos) throw UsageError("--pair takes A,B");
            options.named_pairs.emplace_back(p.substr(0, comma), p.substr(comma + 1));
        }
        DedupEvalResult r = run_dedup_eval(options);
        std::string text = format_dedup_text(r, options);
        std::fwrite(text.data(), 1, text.size(), json_out == "-" ? stderr : stdout);
        if (!json_out.empty()) write_output(json_out, format_dedup_json(r, options));
        return kExitOk;
    });
}

}  // namespace newsdex::bench
