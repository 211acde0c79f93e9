// gen-corpus: sentence splitting, the reservoir cap, determinism (same seed,
// same bytes; other seed, other bytes; prefix stability), valid JSONL, and
// planted variants (exact counts per kind, the edit each kind makes, the
// ground-truth file).
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "corpus_generator.h"
#include "planted_variants.h"
#include "support/test_paths.h"

namespace newsdex::bench {
namespace {

Article article(std::string body, std::string lang = "en", std::string source = "Wire",
                std::vector<std::string> topics = {"grain"}, std::int64_t date = 536457600) {
    Article a;
    a.id = "x";
    a.body = std::move(body);
    a.lang = std::move(lang);
    a.source = std::move(source);
    a.topics = std::move(topics);
    a.date = date;
    return a;
}

SentencePool sample_pool(std::size_t capacity = 1000) {
    SentencePool pool(capacity, 7);
    pool.add_article(article(
        "The harbour authority said on Tuesday that container traffic rose sharply. Dock workers "
        "began a strike over pay and night shifts! Would the talks resume before the holiday?\n\n"
        "Officials of the U.S. agency declined to comment on the negotiations.",
        "en", "Courier", {"trade"}, 536457600));
    pool.add_article(article(
        "Der Stadtrat hat am Montag den neuen Haushalt beschlossen. Die Opposition kritisierte die "
        "hohen Ausgaben für den Straßenbau.",
        "de", "Anzeiger", {"politik", "haushalt"}, 1700000000));
    return pool;
}

std::string generate(const SentencePool& pool, std::uint64_t n, std::uint64_t seed) {
    std::ostringstream out;
    GeneratorOptions options;
    options.articles = n;
    options.seed = seed;
    generate_corpus(pool, options, out);
    return out.str();
}

TEST(SplitSentences, EndsLowerCaseContinuationsAndFilters) {
    auto s = split_sentences(
        "Prices rose 5 pct in March. U.S. officials said the rise was expected, analysts noted.\n\n"
        "Short one.\n\n"
        "12.5 13.1 14.2 15.9 16.0 17.3 18.8 19.1 20.4\n\n"
        "Is   this\n  folded   onto one line? Yes it is folded onto one line.");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], "Prices rose 5 pct in March.");
    EXPECT_EQ(s[1], "U.S. officials said the rise was expected, analysts noted.");
    EXPECT_EQ(s[2], "Is this folded onto one line?");
    EXPECT_EQ(s[3], "Yes it is folded onto one line.");
}

TEST(SplitSentences, IdeographicFullStop) {
    auto s = split_sentences(
        "東京の港で新しいクレーンが稼働を始めた。市は来年さらに二基を導入する予定だ。");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], "市は来年さらに二基を導入する予定だ。");
}

TEST(SentencePool, ReservoirIsCapped) {
    SentencePool pool(3, 1);
    for (int i = 0; i < 50; ++i)
        pool.add_article(
            article("This sentence is long enough to keep. So is this second one here."));
    EXPECT_EQ(pool.size(), 3u);
    EXPECT_EQ(pool.sentences_seen(), 100u);
    EXPECT_EQ(pool.sources(), std::vector<std::string>{"Wire"});
}

TEST(Rng, BelowStaysInRange) {
    Rng rng(3);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 1000; ++i) {
        auto v = rng.below(5);
        ASSERT_LT(v, 5u);
        seen.insert(v);
    }
    EXPECT_EQ(seen.size(), 5u);
}

TEST(GenerateCorpus, SameSeedSameBytesOtherSeedOtherBytes) {
    const std::string a = generate(sample_pool(), 50, 42);
    EXPECT_EQ(a, generate(sample_pool(), 50, 42));
    EXPECT_NE(a, generate(sample_pool(), 50, 43));
}

TEST(GenerateCorpus, LargerRunStartsWithTheSmallerOne) {
    const std::string small = generate(sample_pool(), 20, 5);
    const std::string big = generate(sample_pool(), 60, 5);
    EXPECT_EQ(big.compare(0, small.size(), small), 0);
}

TEST(GenerateCorpus, ValidJsonLinesWithMetadataFromThePool) {
    const std::string out = generate(sample_pool(), 40, 1);
    std::istringstream lines(out);
    std::string line;
    std::size_t count = 0;
    std::set<std::string> ids;
    while (std::getline(lines, line)) {
        ++count;
        rapidjson::Document d;
        d.Parse(line.c_str());
        ASSERT_FALSE(d.HasParseError()) << line;
        for (const char* key : {"id", "title", "body", "date", "source", "lang"})
            ASSERT_TRUE(d.HasMember(key) && d[key].IsString()) << key << " in " << line;
        ASSERT_TRUE(d["topics"].IsArray());
        ids.insert(d["id"].GetString());
        EXPECT_FALSE(std::string(d["body"].GetString()).empty());
        const std::string date = d["date"].GetString();
        EXPECT_GE(date, "1987-01-01") << "dates within the inputs' range";
        EXPECT_LE(date, "2023-11-15");
        const std::string lang = d["lang"].GetString();
        EXPECT_TRUE(lang == "en" || lang == "de") << lang;
    }
    EXPECT_EQ(count, 40u);
    EXPECT_EQ(ids.size(), 40u) << "ids are unique";
    EXPECT_EQ(out.back(), '\n');
}

TEST(GenerateCorpus, ArticlesDoNotMixLanguages) {
    SentencePool pool = sample_pool();
    std::set<std::string> german;
    for (const auto& s : pool.sentences())
        if (s.lang == "de") german.insert(s.text);
    std::istringstream lines(generate(pool, 60, 9));
    std::string line;
    while (std::getline(lines, line)) {
        rapidjson::Document d;
        d.Parse(line.c_str());
        const bool is_de = std::string(d["lang"].GetString()) == "de";
        const std::string body = d["body"].GetString();
        bool has_german = false;
        for (const auto& g : german) has_german = has_german || body.find(g) != std::string::npos;
        EXPECT_EQ(is_de, has_german) << line;
    }
}

struct PlantedRun {
    std::string corpus, truth;
    GeneratorSummary summary;
};

PlantedRun generate_planted(const SentencePool& pool, std::uint64_t n, std::uint64_t seed,
                            double fraction, std::uint64_t per_article) {
    GeneratorOptions options;
    options.articles = n;
    options.seed = seed;
    options.plant_fraction = fraction;
    options.variants_per_article = per_article;
    options.max_variant_delay = 5;
    std::ostringstream out, truth;
    PlantedRun run;
    run.summary = generate_corpus(pool, options, out, &truth);
    run.corpus = out.str();
    run.truth = truth.str();
    return run;
}

struct GeneratedArticle {
    std::size_t line = 0;
    std::string title, body;
};

std::map<std::string, GeneratedArticle> by_id(const std::string& corpus,
                                              std::vector<std::string>* lines_in_order = nullptr) {
    std::map<std::string, GeneratedArticle> out;
    std::istringstream lines(corpus);
    std::string line;
    for (std::size_t n = 0; std::getline(lines, line); ++n) {
        rapidjson::Document d;
        d.Parse(line.c_str());
        EXPECT_FALSE(d.HasParseError()) << line;
        if (d.HasParseError()) continue;
        EXPECT_TRUE(out.emplace(d["id"].GetString(),
                                GeneratedArticle{n, d["title"].GetString(), d["body"].GetString()})
                        .second)
            << "duplicate id " << d["id"].GetString();
        if (lines_in_order) lines_in_order->push_back(line);
    }
    return out;
}

std::vector<std::string> split_on(const std::string& text, const std::string& separator) {
    std::vector<std::string> out;
    std::size_t i = 0;
    for (std::size_t j; (j = text.find(separator, i)) != std::string::npos;
         i = j + separator.size())
        out.push_back(text.substr(i, j - i));
    out.push_back(text.substr(i));
    return out;
}

std::vector<PlantedVariant> read_truth(const std::string& truth) {
    test::TempDir tmp;
    std::ofstream(tmp / "truth.tsv", std::ios::binary) << truth;
    std::vector<std::string> warnings;
    auto out = read_planted_variants((tmp / "truth.tsv").string(),
                                     [&](const std::string& w) { warnings.push_back(w); });
    EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
    return out;
}

TEST(PlantedVariants, ExactCountsPerKindAndTheSameBytesForTheSameSeed) {
    const SentencePool pool = sample_pool();
    const PlantedRun run = generate_planted(pool, 20, 11, 0.5, 2);
    // 10 of 20 articles planted, 2 variants each, kinds in turn: 4 of each.
    EXPECT_EQ(run.summary.articles, 20u);
    EXPECT_EQ(run.summary.variants, 20u);
    for (VariantKind k : kAllVariantKinds)
        EXPECT_EQ(run.summary.by_kind[static_cast<std::size_t>(k)], 4u) << variant_kind_name(k);
    const auto truth = read_truth(run.truth);
    ASSERT_EQ(truth.size(), 20u);
    std::map<VariantKind, int> per_kind;
    std::map<std::string, std::set<VariantKind>> kinds_of_original;
    for (const auto& v : truth) {
        ++per_kind[v.kind];
        kinds_of_original[v.original_id].insert(v.kind);
    }
    for (VariantKind k : kAllVariantKinds) EXPECT_EQ(per_kind[k], 4) << variant_kind_name(k);
    EXPECT_EQ(kinds_of_original.size(), 10u);
    for (const auto& [id, kinds] : kinds_of_original)
        EXPECT_EQ(kinds.size(), 2u) << id << "'s two variants are of two kinds";

    std::vector<std::string> lines;
    const auto articles = by_id(run.corpus, &lines);
    EXPECT_EQ(articles.size(), 40u);
    for (const auto& v : truth) {
        ASSERT_TRUE(articles.count(v.variant_id)) << v.variant_id;
        ASSERT_TRUE(articles.count(v.original_id)) << v.original_id;
        EXPECT_EQ(v.variant_id.rfind(v.original_id + "-v", 0), 0u) << v.variant_id;
        EXPECT_GT(articles.at(v.variant_id).line, articles.at(v.original_id).line)
            << "a variant comes after its original";
    }
    // The generated articles are the bytes an unplanted run writes.
    std::string originals;
    for (const auto& line : lines) {
        rapidjson::Document d;
        d.Parse(line.c_str());
        if (std::string(d["id"].GetString()).find("-v") == std::string::npos)
            originals += line + "\n";
    }
    EXPECT_EQ(originals, generate(pool, 20, 11));

    const PlantedRun again = generate_planted(pool, 20, 11, 0.5, 2);
    EXPECT_EQ(again.corpus, run.corpus);
    EXPECT_EQ(again.truth, run.truth);
    EXPECT_NE(generate_planted(pool, 20, 12, 0.5, 2).truth, run.truth);
}

TEST(PlantedVariants, EachKindMakesItsEdit) {
    const SentencePool pool = sample_pool();
    const PlantedRun run = generate_planted(pool, 30, 3, 1.0, 1);
    const auto articles = by_id(run.corpus);
    const auto truth = read_truth(run.truth);
    ASSERT_EQ(truth.size(), 30u);
    const auto& footers = planted_footers();
    for (const auto& v : truth) {
        SCOPED_TRACE(v.variant_id + " (" + std::string(variant_kind_name(v.kind)) + ")");
        const GeneratedArticle& var = articles.at(v.variant_id);
        const GeneratedArticle& orig = articles.at(v.original_id);
        switch (v.kind) {
            case VariantKind::headline:
                EXPECT_NE(var.title, orig.title);
                EXPECT_EQ(var.body, orig.body);
                break;
            case VariantKind::trim:
                EXPECT_EQ(var.title, orig.title);
                EXPECT_LT(var.body.size(), orig.body.size());
                EXPECT_EQ(orig.body.rfind(var.body, 0), 0u) << "the end is cut";
                break;
            case VariantKind::add: {
                auto vp = split_on(var.body, "\n\n"), op = split_on(orig.body, "\n\n");
                ASSERT_EQ(vp.size(), op.size() + 1);
                bool one_inserted = false;
                for (std::size_t i = 0; i < vp.size() && !one_inserted; ++i) {
                    auto without = vp;
                    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
                    one_inserted = without == op;
                }
                EXPECT_TRUE(one_inserted) << var.body;
                break;
            }
            case VariantKind::footer: {
                bool footer_added = false;
                for (const auto& f : footers) footer_added |= var.body == orig.body + "\n\n" + f;
                EXPECT_TRUE(footer_added) << var.body;
                break;
            }
            case VariantKind::reword: {
                auto vw = split_on(var.body, " "), ow = split_on(orig.body, " ");
                ASSERT_EQ(vw.size(), ow.size()) << "words are replaced, not added or dropped";
                std::size_t changed = 0;
                for (std::size_t i = 0; i < vw.size(); ++i) changed += vw[i] != ow[i];
                EXPECT_GE(changed, 1u);
                EXPECT_LE(changed, 3u);
                break;
            }
        }
    }
}

TEST(PlantedVariants, NoFractionNoVariantsAndMalformedTruthLinesAreSkipped) {
    const SentencePool pool = sample_pool();
    const PlantedRun run = generate_planted(pool, 15, 2, 0, 1);
    EXPECT_EQ(run.summary.variants, 0u);
    EXPECT_EQ(run.corpus, generate(pool, 15, 2));
    EXPECT_TRUE(run.truth.empty());

    test::TempDir tmp;
    std::ofstream(tmp / "truth.tsv", std::ios::binary)
        << "# variant\toriginal\tkind\na-v1\ta\ttrim\nbroken line\nb-v1\tb\tparaphrase\n"
           "c-v1\tc\tfooter\r\n";
    std::vector<std::string> warnings;
    auto read = read_planted_variants((tmp / "truth.tsv").string(),
                                      [&](const std::string& w) { warnings.push_back(w); });
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0].variant_id, "a-v1");
    EXPECT_EQ(read[1].kind, VariantKind::footer);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_NE(warnings[0].find("truth.tsv:3:"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[1].find("paraphrase"), std::string::npos) << warnings[1];
}

}  // namespace
}  // namespace newsdex::bench
