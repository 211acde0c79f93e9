// newsdex-bench gen-corpus: inputs -> SentencePool -> generate_corpus() -> JSONL on stdout.

#include <cstdio>
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
    "usage: newsdex-bench gen-corpus --from INPUT... --articles N [--seed S] [--pool N] > "
    "big.jsonl\n"
    "Writes N new articles (JSON Lines: id, title, body, date, source, topics, lang) made of real "
    "sentences\n"
    "from INPUT, recombined; dates, sources and topics are drawn from those the inputs have. The "
    "same inputs,\n"
    "seed and pool size give the same bytes, and a larger N begins with the smaller N's articles.";

}  // namespace

int gen_corpus_command(int argc, char** argv) {
    namespace po = cli::po;
    cli::ReaderOptionGroup reader;
    ArticlePassOptions pass;
    GeneratorOptions options;
    std::size_t pool_capacity = SentencePool::kDefaultCapacity;

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
        "language of input articles that do not say (default: detected per article)");
    reader.add_to(desc);

    bool parsed = false;
    int code = guarded("gen-corpus", kGenUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kGenUsage)) return kExitOk;
        if (pass.inputs.empty()) throw UsageError("--from INPUT... is required");
        if (!vm.count("articles")) throw UsageError("--articles N is required");
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

        // Nothing else writes to stdout: let iostreams buffer without syncing with stdio.
        std::ios::sync_with_stdio(false);
        generate_corpus(pool, options, std::cout, [&](std::uint64_t n) {
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
        summary += '\n';
        std::fputs(summary.c_str(), stderr);
        return kExitOk;
    });
}

}  // namespace newsdex::bench
