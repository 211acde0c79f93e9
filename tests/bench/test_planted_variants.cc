// Planted variants through the real indexer: trimmed and footer variants that
// are near-duplicates by the definition join their original's cluster,
// unrelated stories ending with the same footer stay apart, and dedup
// --planted reports each kind against its ground truth.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/text_analyzer.h"
#include "corpus_generator.h"
#include "dedup_eval.h"
#include "near_duplicate.h"
#include "planted_variants.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex::bench {
namespace {

namespace nd = near_duplicate;

/// A made-up word per number: letters only, so the pool keeps its sentences.
std::string word(std::uint64_t i) {
    std::string w = "z";
    do {
        w += static_cast<char>('a' + i % 26);
        i /= 26;
    } while (i);
    return w;
}

/// 600 sentences of 12-20 words from a 5,000-word vocabulary: generated
/// articles share few shingles unless one is a variant of the other.
SentencePool vocabulary_pool() {
    SentencePool pool(100000, 3);
    Rng rng(17);
    for (int a = 0; a < 60; ++a) {
        std::string body;
        for (int s = 0; s < 10; ++s) {
            std::string sentence;
            const std::uint64_t words = rng.between(12, 20);
            for (std::uint64_t w = 0; w < words; ++w) {
                if (w) sentence += ' ';
                sentence += word(rng.below(5000));
            }
            sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
            body += (s ? " " : "") + sentence + ".";
        }
        Article art;
        art.id = "pool" + std::to_string(a);
        art.body = body;
        art.lang = "en";
        art.source = "Wire";
        art.date = 536457600;
        pool.add_article(art);
    }
    return pool;
}

struct Generated {
    std::string title, body;
};

class PlantedVariantsIndexed : public ::testing::Test {
  protected:
    void SetUp() override {
        GeneratorOptions options;
        options.articles = 150;
        options.seed = 5;
        options.plant_fraction = 1.0;  // 30 variants of each kind
        options.max_variant_delay = 10;
        std::ostringstream out;
        std::ofstream truth(tmp_ / "truth.tsv", std::ios::binary);
        generate_corpus(vocabulary_pool(), options, out, &truth);
        truth.close();
        std::istringstream lines(out.str());
        std::vector<Article> articles;
        for (std::string line; std::getline(lines, line);) {
            rapidjson::Document d;
            d.Parse(line.c_str());
            ASSERT_FALSE(d.HasParseError()) << line;
            const std::string id = d["id"].GetString();
            generated_[id] = {d["title"].GetString(), d["body"].GetString()};
            articles.push_back(test::make_article(id, generated_[id].title, generated_[id].body));
        }
        ASSERT_EQ(articles.size(), 300u);
        clusters_ = test::clusters_by_id(test::build_fixture_index(tmp_ / "db", articles));
        planted_ = read_planted_variants((tmp_ / "truth.tsv").string(), {});
        ASSERT_EQ(planted_.size(), 150u);
    }

    double jaccard(const std::string& a, const std::string& b) {
        return nd::jaccard(nd::shingles(nd::body_words(generated_.at(a).body, "en", analyzer_)),
                           nd::shingles(nd::body_words(generated_.at(b).body, "en", analyzer_)));
    }

    test::TempDir tmp_;
    TextAnalyzer analyzer_;
    std::map<std::string, Generated> generated_;
    std::map<std::string, std::string> clusters_;
    std::vector<PlantedVariant> planted_;
};

TEST_F(PlantedVariantsIndexed, TrimmedAndFooterNearDuplicatesJoinTheirOriginalsCluster) {
    std::map<VariantKind, int> checked;
    for (const auto& v : planted_) {
        if (v.kind != VariantKind::trim && v.kind != VariantKind::footer) continue;
        if (jaccard(v.variant_id, v.original_id) < nd::kJaccardThreshold) continue;
        ++checked[v.kind];
        EXPECT_EQ(clusters_.at(v.variant_id), clusters_.at(v.original_id))
            << v.variant_id << " (" << variant_kind_name(v.kind) << ")";
    }
    EXPECT_GE(checked[VariantKind::trim], 2) << "too few trimmed variants above the threshold";
    EXPECT_GE(checked[VariantKind::footer], 2) << "too few footer variants above the threshold";
}

TEST_F(PlantedVariantsIndexed, UnrelatedStoriesWithTheSameFooterStayApart) {
    std::map<std::string, std::vector<std::string>> by_footer;  // footer -> variant ids
    for (const auto& v : planted_) {
        if (v.kind != VariantKind::footer) continue;
        const std::string& body = generated_.at(v.variant_id).body;
        by_footer[body.substr(body.rfind("\n\n") + 2)].push_back(v.variant_id);
    }
    int pairs = 0;
    for (const auto& [footer, ids] : by_footer) {
        EXPECT_NE(std::find(planted_footers().begin(), planted_footers().end(), footer),
                  planted_footers().end());
        for (std::size_t i = 0; i < ids.size(); ++i)
            for (std::size_t j = 0; j < i; ++j) {
                ++pairs;
                EXPECT_LT(jaccard(ids[i], ids[j]), nd::kJaccardThreshold);
                EXPECT_NE(clusters_.at(ids[i]), clusters_.at(ids[j])) << ids[i] << " ~ " << ids[j];
            }
    }
    // 30 footer variants over 4 footers: several share one.
    EXPECT_GE(pairs, 1);
}

TEST_F(PlantedVariantsIndexed, DedupEvalReportsEachKindAgainstTheGroundTruth) {
    DedupEvalOptions options;
    options.db_paths = {(tmp_ / "db").string()};
    options.planted_path = (tmp_ / "truth.tsv").string();
    const DedupEvalResult r = run_dedup_eval(options);
    EXPECT_EQ(r.articles, 300u);
    ASSERT_EQ(r.planted.size(), kVariantKinds + 1);
    EXPECT_EQ(r.planted.back().kind, "all");
    EXPECT_EQ(r.planted.back().planted, 150u);
    std::uint64_t near = 0;
    for (VariantKind k : kAllVariantKinds) {
        const PlantedKindResult& kind = r.planted[static_cast<std::size_t>(k)];
        SCOPED_TRACE(kind.kind);
        EXPECT_EQ(kind.kind, variant_kind_name(k));
        EXPECT_EQ(kind.planted, 30u);
        EXPECT_EQ(kind.near + kind.below + kind.not_compared, kind.planted);
        EXPECT_EQ(kind.near_clustered, kind.near);
        EXPECT_EQ(kind.below_clustered, 0u);
        near += kind.near;
    }
    const PlantedKindResult& headline = r.planted[static_cast<std::size_t>(VariantKind::headline)];
    EXPECT_EQ(headline.near, 30u) << "a new headline leaves the body as it was";
    EXPECT_DOUBLE_EQ(headline.min_jaccard, 1.0);
    EXPECT_EQ(r.planted.back().near, near);
    EXPECT_GE(r.truth_pairs, near);
    EXPECT_DOUBLE_EQ(r.precision(), 1.0);
    EXPECT_DOUBLE_EQ(r.recall(), 1.0);
    const std::string text = format_dedup_text(r, options);
    EXPECT_NE(text.find("planted variants"), std::string::npos) << text;
}

}  // namespace
}  // namespace newsdex::bench
