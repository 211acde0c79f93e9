// gen-corpus: sentence splitting, the reservoir cap, determinism (same seed,
// same bytes; other seed, other bytes; prefix stability) and valid JSONL.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <set>
#include <sstream>

#include "corpus_generator.h"

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
    generate_corpus(pool, {n, seed}, out);
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

}  // namespace
}  // namespace newsdex::bench
