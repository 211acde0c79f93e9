// The one article preparation shared by newsdex-index and newsdex-bench:
// default collection names, sanitizing with a warning that names the record,
// language from the record, --lang or detection, canonical codes,
// default ids.
#include <gtest/gtest.h>

#include "article_preparation.h"

namespace newsdex {
namespace {

TEST(DefaultCollection, IsTheInputsBaseNameWithoutExtensions) {
    const std::pair<const char*, const char*> cases[] = {
        {"corpus/reuters21578/", "reuters21578"},
        {"corpus/reuters21578", "reuters21578"},
        {"/data/articles.jsonl.gz", "articles"},
        {"feed.tar.zst", "feed"},
        {"bbc.zip", "bbc"},
        {"-", "stdin"},
        {"./news/./", "news"},
        {".hidden", ".hidden"},
    };
    for (const auto& [input, collection] : cases)
        EXPECT_EQ(default_collection(input), collection) << input;
}

TEST(PrepareArticle, FillsWhatTheRecordDoesNotSay) {
    ArticleLanguages languages;
    Article a;
    a.title = "Cocoa prices";
    a.body = "Cocoa exports rose.";
    const ArticleDefaults defaults{"reuters", "de", "reut2-000.sgm"};
    EXPECT_FALSE(prepare_article(a, defaults, 17, languages));
    EXPECT_EQ(a.collection, "reuters");
    EXPECT_EQ(a.lang, "de") << "--lang forces the language of a record that has none";
    EXPECT_EQ(a.id, "reut2-000.sgm#17");
}

TEST(PrepareArticle, KeepsTheRecordsIdAndCanonicalisesItsLanguage) {
    ArticleLanguages languages;
    Article a;
    a.id = "x-1";
    a.lang = "English";
    a.body = "text";
    EXPECT_FALSE(prepare_article(a, ArticleDefaults{"c", "de", "f"}, 1, languages));
    EXPECT_EQ(a.id, "x-1");
    EXPECT_EQ(a.lang, "en");
}

TEST(PrepareArticle, DetectsTheLanguageWithoutLang) {
    ArticleLanguages languages;
    Article ja;
    ja.title = "東京株式市場";
    ja.body = "日経平均株価は小幅に続落した。トヨタは上昇。";
    prepare_article(ja, ArticleDefaults{"c", "", "f"}, 1, languages);
    EXPECT_EQ(ja.lang, "ja");

    Article ar;  // an Arabic title and an empty body (issue 11, item 8)
    ar.title = "أسعار النفط ترتفع في الأسواق العالمية";
    prepare_article(ar, ArticleDefaults{"c", "", "f"}, 1, languages);
    EXPECT_EQ(ar.lang, "ar");

    Article de;
    de.title = "Stadtrat stimmt f\u00fcr Stra\u00dfenbahn";
    de.body = "Der Stadtrat hat am Donnerstag beschlossen, die Linie zu verl\u00e4ngern.";
    prepare_article(de, ArticleDefaults{"c", "", "f"}, 1, languages);
    EXPECT_EQ(de.lang, "de");

    Article figures;  // nothing to tell: undetermined, never English by default
    figures.body = "1,234 5.6 7/8";
    prepare_article(figures, ArticleDefaults{"c", "", "f"}, 1, languages);
    EXPECT_EQ(figures.lang, "und");
}

TEST(PrepareArticle, ARepairIsReportedAgainstTheRecord) {
    ArticleLanguages languages;
    Article a;
    a.title = "Bad \xFC byte";
    auto note = prepare_article(a, ArticleDefaults{"c", "en", "reut2-017.sgm"}, 4, languages);
    ASSERT_TRUE(note);
    EXPECT_EQ(note->file, "reut2-017.sgm");
    EXPECT_EQ(note->record, "record 4") << "no id yet when the repair is reported";
    EXPECT_FALSE(note->message.empty());
    EXPECT_FALSE(note->record_skipped);
    EXPECT_EQ(a.title, "Bad \u00FC byte") << "Latin-1 repaired";

    Article with_id;
    with_id.id = "NEWID=5";
    with_id.body = std::string(4, 'x') + '\xFF';
    note = prepare_article(with_id, ArticleDefaults{"c", "en", "f"}, 9, languages);
    ASSERT_TRUE(note);
    EXPECT_EQ(note->record, "id NEWID=5");
}

}  // namespace
}  // namespace newsdex
