// newsdex-bench gen-corpus: inputs -> SentencePool -> generate_corpus() -> JSONL on stdout.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <vector>

#include "article_pass.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus_generator.h"
#include "errors.h"
#include "progress_line.h"
#include "text_table.h"

namespace newsdex::bench {

namespace {

const char* kGenUsage =
    "usage: newsdex-bench gen-corpus --from INPUT... --articles N [--seed S] [--pool N]\n"
    "         [--plant-variants FRACTION --truth FILE [--variants-per-article K]] > big.jsonl\n"
    "Writes N new articles (JSON Lines: id, title, body, date, source, topics, lang) made of real "
    "sentences\n"
    "from INPUT, recombined; dates, sources and topics are drawn from those the inputs have. The "
    "same inputs,\n"
    "seed and pool size give the same bytes, and a larger N begins with the smaller N's articles.\n"
    "--plant-variants adds, for that fraction of the articles, K variants each (a new headline, a\n"
    "trimmed or an added paragraph, a boilerplate footer, a few words replaced) with ids ID-vK,\n"
    "and writes which id is a variant of which, and of what kind, to --truth (for dedup "
    "--planted).";

}  // namespace

int gen_corpus_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::ReaderOptionGroup reader;
    ArticlePassOptions pass;
    GeneratorOptions options;
    std::size_t pool_capacity = SentencePool::kDefaultCapacity;
    std::string plant_fraction, truth_path;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "from", po::value(&pass.inputs)->value_name("INPUT")->multitoken()->composing(),
        "corpora to take sentences from (files or directories, any format newsdex-index reads)")(
        "articles",
        cli::whole_number(&options.articles, 1, 1'000'000'000, "articles")->value_name("N"),
        "articles to write, 1..1000000000")(
        "seed",
        cli::whole_number(&options.seed, 0, std::numeric_limits<std::int64_t>::max(), "seed")
            ->value_name("S"),
        "random seed (default 1)")(
        "pool", cli::whole_number(&pool_capacity, 1, 100'000'000, "pool")->value_name("N"),
        "sentences kept in memory, a uniform sample of all (default 200000)")(
        "lang", po::value(&pass.default_lang)->value_name("CODE"),
        "language of input articles that do not say (default: detected per article)")(
        "plant-variants", po::value(&plant_fraction)->value_name("FRACTION"),
        "fraction of the articles (0..1) that get planted variants (default 0)")(
        "variants-per-article",
        cli::whole_number(&options.variants_per_article, 1, kVariantKinds, "variants-per-article")
            ->value_name("K"),
        "variants of each planted article, of different kinds, 1..5 (default 1)")(
        "truth", po::value(&truth_path)->value_name("FILE"),
        "where the planted variants' ground truth goes (TSV: variant, original, kind)");
    reader.add_to(desc);

    bool parsed = false;
    int code = guarded("gen-corpus", kGenUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kGenUsage)) return kExitOk;
        if (pass.inputs.empty()) throw UsageError("--from INPUT... is required");
        if (!vm.count("articles")) throw UsageError("--articles N is required");
        if (!plant_fraction.empty())
            options.plant_fraction = cli::parse_decimal(plant_fraction, "plant-variants", 0, 1);
        if (options.plant_fraction > 0 && truth_path.empty())
            throw UsageError("--plant-variants needs --truth FILE for the ground truth");
        if (!truth_path.empty() && options.plant_fraction == 0)
            throw UsageError("--truth FILE is only written with --plant-variants FRACTION");
        if (vm.count("variants-per-article") && options.plant_fraction == 0)
            throw UsageError("--variants-per-article needs --plant-variants FRACTION");
        pass.reader = reader.reader_options();
        pass.walk = reader.walk_options();
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;

    return guarded("gen-corpus", kGenUsage, false, [&] {
        ProgressLine progress;
        SentencePool pool(pool_capacity, options.seed);
        std::uint64_t read = 0;
        ArticlePassStats stats = for_each_article(pass, [&](Article& a) {
            pool.add_article(a);
            if (++read % 500 == 0) {
                std::string line = "reading: ";
                line += group_thousands(read);
                line += " articles, ";
                line += group_thousands(pool.sentences_seen());
                line += " sentences";
                progress.update(line);
            }
        });
        if (pool.empty()) throw UsageError("the inputs have no usable sentences");

        std::ofstream truth;
        if (!truth_path.empty()) {
            truth.open(truth_path, std::ios::binary | std::ios::trunc);
            if (!truth) throw Error("cannot write the ground truth to " + truth_path);
        }
        // Nothing else writes to stdout: let iostreams buffer without syncing with stdio.
        std::ios::sync_with_stdio(false);
        const GeneratorSummary made = generate_corpus(
            pool, options, std::cout, truth_path.empty() ? nullptr : &truth, [&](std::uint64_t n) {
                if (n % 1000 == 0) {
                    std::string line = "writing: ";
                    line += group_thousands(n);
                    line += " / ";
                    line += group_thousands(options.articles);
                    line += " articles";
                    progress.update(line);
                }
            });
        std::cout.flush();
        progress.clear();
        if (!std::cout) throw Error("cannot write the corpus to stdout");
        if (!truth_path.empty()) {
            truth.close();
            if (!truth) throw Error("cannot write the ground truth to " + truth_path);
        }
        std::string summary = "newsdex-bench gen-corpus: ";
        summary += group_thousands(options.articles);
        summary += " articles from a pool of ";
        summary += group_thousands(pool.size());
        summary += " sentences (of ";
        summary += group_thousands(pool.sentences_seen());
        summary += " in ";
        summary += group_thousands(stats.articles);
        summary += " input articles), seed ";
        summary += std::to_string(options.seed);
        if (made.variants) {
            summary += "; planted ";
            summary += group_thousands(made.variants);
            summary += " variants (";
            for (VariantKind k : kAllVariantKinds) {
                if (k != kAllVariantKinds[0]) summary += ", ";
                summary += variant_kind_name(k);
                summary += ' ';
                summary += group_thousands(made.by_kind[static_cast<std::size_t>(k)]);
            }
            summary += ") listed in ";
            summary += truth_path;
        }
        summary += '\n';
        std::fputs(summary.c_str(), stderr);
        return kExitOk;
    });
}

}  // namespace newsdex::bench
