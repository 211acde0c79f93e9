// Every folder of ../shared/corpus read through walk_inputs() + read_file():
// exact article counts and a few spot checks. Skips when the corpus is absent.

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "common/reader_test_util.h"

namespace newsdex {
namespace {

using test::utc;

struct FolderRead {
    InputWalk walk;
    std::uint64_t count = 0;  ///< articles read (kept or not)
    std::vector<Article> articles;
    std::vector<Diagnostic> warnings;
    std::vector<std::string> errors;

    const Article* find(std::string_view id) const {
        for (const auto& a : articles)
            if (a.id == id) return &a;
        return nullptr;
    }
};

/// Reads a folder as the indexer would. `keep` decides which articles are kept
/// whole (the big folders are only counted, to keep memory and time low).
FolderRead read_folder(const std::string& sub,
                       const std::function<bool(const Article&)>& keep = nullptr) {
    FolderRead out;
    out.walk = walk_inputs({(test::shared_corpus_dir() / sub).string()}, {});
    ReaderOptions options;
    for (const auto& file : out.walk.files) {
        ReadContext ctx{options,
                        [&](Article&& a) {
                            ++out.count;
                            if (!keep || keep(a)) out.articles.push_back(std::move(a));
                        },
                        [&](Diagnostic d) { out.warnings.push_back(std::move(d)); },
                        {},
                        nullptr};
        try {
            read_file(file, ctx);
        } catch (const Error& e) {
            out.errors.push_back(e.what());
        }
    }
    return out;
}

TEST(SharedCorpus, Bbc) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("bbc");
    FolderRead r = read_folder("bbc");
    EXPECT_EQ(r.count, 2225u);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.walk.passed_over["documentation (README, LICENSE, PROVENANCE)"], 2u);
    const Article* a = r.find("business/001.txt");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->title, "Ad sales boost Time Warner profit");
    EXPECT_TRUE(a->body.starts_with("Quarterly profits at US media giant TimeWarner"));
    // sport/199.txt holds a lone Latin-1 byte: passed through for the sanitizer.
    const Article* latin = r.find("sport/199.txt");
    ASSERT_NE(latin, nullptr);
    EXPECT_NE(latin->body.find('\xA3'), std::string::npos);
}

TEST(SharedCorpus, Reuters21578) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    FolderRead r = read_folder("reuters21578", [](const Article& a) {
        return a.id == "1" || a.id == "12793" || a.id == "17980";
    });
    EXPECT_EQ(r.count, 21578u);
    EXPECT_EQ(r.walk.files.size(), 22u);
    EXPECT_EQ(r.walk.passed_over["text file beside a reuters corpus"], 7u);
    EXPECT_EQ(r.walk.passed_over["not a corpus file (.dtd)"], 1u);
    const Article* first = r.find("1");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->date, utc(1987, 2, 26, 15, 1, 1));
    EXPECT_EQ(first->title, "BAHIA COCOA REVIEW");
    EXPECT_EQ(first->topics, (std::vector<std::string>{"cocoa"}));
    EXPECT_EQ(first->places, (std::vector<std::string>{"el-salvador", "usa", "uruguay"}));
    EXPECT_TRUE(first->body.starts_with("SALVADOR, Feb 26 - Showers continued"));
    // The one record without any text, still indexed by id and date.
    ASSERT_NE(r.find("12793"), nullptr);
    bool warned_empty = false;
    for (const auto& w : r.warnings)
        if (w.record == "NEWID=12793" && w.message.find("no text") != std::string::npos)
            warned_empty = true;
    EXPECT_TRUE(warned_empty);
    // The one non-ASCII byte of the collection is passed through.
    const Article* odd = r.find("17980");
    ASSERT_NE(odd, nullptr);
    EXPECT_NE(odd->body.find('\xFC'), std::string::npos);
    // Only genuinely odd records are warned about.
    EXPECT_LE(r.warnings.size(), 3u);
}

TEST(SharedCorpus, Time) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("time");
    FolderRead r = read_folder("time");
    EXPECT_EQ(r.count, 423u);
    ASSERT_EQ(r.walk.files.size(), 1u);
    EXPECT_EQ(r.walk.files[0].name, "TIME.ALL");
    EXPECT_EQ(r.walk.passed_over["query file (*FIND)"], 1u);
    EXPECT_EQ(r.walk.passed_over["text file beside a smart corpus"], 1u);
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_EQ(r.articles.front().id, "017");
    EXPECT_EQ(r.articles.front().date, utc(1963, 1, 4));
    const Article* irregular = r.find("431");
    ASSERT_NE(irregular, nullptr);
    EXPECT_EQ(irregular->date, utc(1963, 8, 30));
    EXPECT_EQ(r.articles.back().id, "563");
    for (const auto& a : r.articles) EXPECT_TRUE(a.date.has_value()) << a.id;
}

TEST(SharedCorpus, Seeds) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("seeds");
    FolderRead r = read_folder("seeds");
    EXPECT_EQ(r.count, 2u);
    for (const auto& a : r.articles) EXPECT_EQ(a.title, "") << a.id;
    ASSERT_NE(r.find("blinken-tel-aviv.txt"), nullptr);
}

TEST(SharedCorpus, GroverRealNews) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("jsonl_grover_realnews");
    FolderRead r = read_folder("jsonl_grover_realnews");
    EXPECT_EQ(r.count, 13u);
    EXPECT_TRUE(r.warnings.empty());
    const Article* last = r.find("april2019_set_mini.jsonl:8");  // no final newline
    ASSERT_NE(last, nullptr);
    for (const auto& a : r.articles) {
        EXPECT_FALSE(a.title.empty()) << a.id;
        EXPECT_FALSE(a.url.empty()) << a.id;
        EXPECT_FALSE(a.source.empty()) << a.id;
    }
    const Article* first = r.find("april2019_set_mini.jsonl:1");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->date, utc(2019, 4, 19));
}

TEST(SharedCorpus, VgNo) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("jsonl_vg_no");
    FolderRead r = read_folder("jsonl_vg_no");
    EXPECT_EQ(r.count, 60u);
    EXPECT_TRUE(r.warnings.empty());
    const Article* a = r.find("2Bz38r");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->topics, (std::vector<std::string>{"Israel", "Hamas"}));
    EXPECT_EQ(a->date, utc(2023, 10, 9));
    EXPECT_EQ(a->source, "vg");
}

TEST(SharedCorpus, ArabicSaudiNewsNetDay) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("multilingual/ar_saudinewsnet");
    FolderRead r = read_folder("multilingual/ar_saudinewsnet");
    EXPECT_EQ(r.count, 1318u);
    const Article* a = r.find("2015-07-23.json#1");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->source, "aawsat");
    EXPECT_EQ(a->date, utc(2015, 7, 23, 19, 28, 17));
    EXPECT_TRUE(a->url.starts_with("http://aawsat.com/"));
    // Two records have a blank title and a one-space content: kept, warned about.
    EXPECT_EQ(r.warnings.size(), 2u);
}

TEST(SharedCorpus, German10kGnad) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("multilingual/de_10kGNAD/test.csv");
    FolderRead r = read_folder("multilingual/de_10kGNAD");
    EXPECT_EQ(r.count, 1028u);
    EXPECT_TRUE(r.warnings.empty());
    ASSERT_FALSE(r.articles.empty());
    EXPECT_EQ(r.articles[0].id, "test.csv:1");
    EXPECT_EQ(r.articles[0].topics, (std::vector<std::string>{"Wirtschaft"}));
    EXPECT_TRUE(
        r.articles[0].body.starts_with("Die Gewerkschaft GPA-djp lanciert den "
                                       "\"All-in-Rechner\""));
    const std::set<std::string> labels = {"Web",        "Panorama",     "International",
                                          "Wirtschaft", "Sport",        "Inland",
                                          "Etat",       "Wissenschaft", "Kultur"};
    for (const auto& a : r.articles) {
        ASSERT_EQ(a.topics.size(), 1u) << a.id;
        EXPECT_TRUE(labels.count(a.topics[0])) << a.id << ": " << a.topics[0];
        EXPECT_EQ(a.body.find('\r'), std::string::npos) << a.id;
    }
}

TEST(SharedCorpus, JapaneseLivedoor) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("multilingual/ja_livedoor");
    FolderRead r = read_folder("multilingual/ja_livedoor");
    EXPECT_EQ(r.count, 1670u);
    EXPECT_EQ(r.walk.passed_over["documentation (README, LICENSE, PROVENANCE)"], 5u);
    EXPECT_TRUE(r.warnings.empty());
    const Article* a = r.find("topic-news/topic-news-5903225.txt");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->url, "http://news.livedoor.com/article/detail/5903225/");
    EXPECT_EQ(a->date, utc(2011, 10, 2, 1, 0, 0));
    EXPECT_EQ(a->title, "悪評が次から次へと溢れ出る川越シェフ");
    EXPECT_TRUE(a->body.starts_with("最近、TVでも人気者の川越シェフ。"));
    for (const auto& art : r.articles) {
        EXPECT_FALSE(art.url.empty()) << art.id;
        EXPECT_TRUE(art.date.has_value()) << art.id;
        EXPECT_FALSE(art.title.empty()) << art.id;
    }
}

TEST(SharedCorpus, SaudiNewsNetZips) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("saudinewsnet");
    FolderRead r = read_folder("saudinewsnet", [](const Article& a) {
        return a.id == "dataset/2015-07-21.zip!2015-07-21.json#1";
    });
    EXPECT_EQ(r.count, 31030u);
    EXPECT_EQ(r.walk.files.size(), 18u);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].source, "aawsat");
    EXPECT_EQ(r.articles[0].date, utc(2015, 7, 21, 2, 51, 32));
    for (const auto& w : r.warnings) EXPECT_NE(w.message.find("no text"), std::string::npos);
}

}  // namespace
}  // namespace newsdex
