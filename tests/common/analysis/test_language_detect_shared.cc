// Detection accuracy on the shared corpora whose language is known (target:
// 99% of the articles of each). Skips a corpus that is absent. The figures go
// to bench/RESULTS.md; this test holds them.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "analysis/language_detect.h"
#include "analysis/text_sanitizer.h"
#include "common/reader_test_util.h"

namespace newsdex {
namespace {

struct KnownCorpus {
    const char* folder;
    const char* language;
};

void PrintTo(const KnownCorpus& c, std::ostream* os) { *os << c.folder; }

class LanguageDetectShared : public ::testing::TestWithParam<KnownCorpus> {};

TEST_P(LanguageDetectShared, AtLeast99PercentRight) {
    const KnownCorpus& corpus = GetParam();
    NEWSDEX_REQUIRE_SHARED_CORPUS(corpus.folder);
    InputWalk walk = walk_inputs({(test::shared_corpus_dir() / corpus.folder).string()}, {});
    std::size_t articles = 0, right = 0;
    std::map<std::string, std::size_t> wrong;  // detected language -> articles
    ReaderOptions options;
    ArticleLanguages languages;
    for (const auto& file : walk.files) {
        ReadContext ctx{options,
                        [&](Article&& a) {
                            sanitize_article(a);
                            a.lang.clear();  // what the input says is not what is measured
                            std::string lang = languages(a);
                            ++articles;
                            if (lang == corpus.language)
                                ++right;
                            else
                                ++wrong[lang.empty() ? "(undetermined)" : lang];
                        },
                        [](Diagnostic) {},
                        {},
                        nullptr};
        read_file(file, ctx);
    }
    ASSERT_GT(articles, 0u);
    std::string misses;
    for (const auto& [lang, n] : wrong) misses += " " + lang + ":" + std::to_string(n);
    std::printf("[ detect   ] %s: %zu of %zu articles detected as %s (%.2f%%);%s\n", corpus.folder,
                right, articles, corpus.language,
                100.0 * static_cast<double>(right) / static_cast<double>(articles),
                misses.empty() ? " no misses" : misses.c_str());
    EXPECT_GE(right * 100, articles * 99) << "misses:" << misses;
}

INSTANTIATE_TEST_SUITE_P(Corpora, LanguageDetectShared,
                         ::testing::Values(KnownCorpus{"multilingual/de_10kGNAD", "de"},
                                           KnownCorpus{"multilingual/ja_livedoor", "ja"},
                                           KnownCorpus{"multilingual/ar_saudinewsnet", "ar"},
                                           KnownCorpus{"jsonl_vg_no", "no"},
                                           KnownCorpus{"reuters21578", "en"},
                                           KnownCorpus{"bbc", "en"}),
                         [](const auto& p) {
                             std::string name = p.param.folder;
                             for (char& c : name)
                                 if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
}  // namespace newsdex
