// Language detection (CLD2, then the script guess) on short news texts of each
// kind the desk sees, and the order in which an article's language is chosen.

#include <gtest/gtest.h>

#include "analysis/language_detect.h"

namespace newsdex {
namespace {

struct DetectCase {
    const char* name;
    const char* title;
    const char* body;
    const char* expected;
};

void PrintTo(const DetectCase& c, std::ostream* os) { *os << c.name; }

class LanguageDetectTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(LanguageDetectTest, Detects) {
    EXPECT_EQ(detect_language(GetParam().title, GetParam().body), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LanguageDetectTest,
    ::testing::Values(
        DetectCase{"english", "Council backs tram extension",
                   "The city council voted on Thursday to extend the tram line to the eastern "
                   "suburbs, despite objections from residents about the cost of the project.",
                   "en"},
        DetectCase{"german", "Stadtrat stimmt f\u00fcr Stra\u00dfenbahn",
                   "Der Stadtrat hat am Donnerstag beschlossen, die Stra\u00dfenbahnlinie bis in "
                   "die \u00f6stlichen Vororte zu verl\u00e4ngern, trotz der Einw\u00e4nde der "
                   "Anwohner gegen die Kosten des Projekts.",
                   "de"},
        DetectCase{"norwegian_not_danish", "Bystyret sier ja til trikken",
                   "Bystyret vedtok torsdag \u00e5 forlenge trikkelinjen til de \u00f8stlige "
                   "forstedene, til tross for innvendinger fra beboerne om hva prosjektet "
                   "vil koste.",
                   "no"},
        DetectCase{"french", "Le conseil vote pour le tramway",
                   "Le conseil municipal a d\u00e9cid\u00e9 jeudi de prolonger la ligne de "
                   "tramway jusqu'aux banlieues de l'est, malgr\u00e9 les objections des "
                   "habitants sur le co\u00fbt du projet.",
                   "fr"},
        DetectCase{"japanese_with_latin_brand",
                   "iPhone\u306e\u65b0\u6a5f\u7a2e\u304c\u767a\u8868\u3055\u308c\u305f",
                   "\u30a2\u30c3\u30d7\u30eb\u306f\u6728\u66dc\u65e5\u3001\u65b0\u3057\u3044"
                   "iPhone\u3092\u767a\u8868\u3057\u305f\u3002\u4fa1\u683c\u306f\u524d\u306e"
                   "\u30e2\u30c7\u30eb\u3068\u540c\u3058\u3060\u3068\u3044\u3046\u3002",
                   "ja"},
        DetectCase{"arabic", "\u0627\u0644\u0645\u062c\u0644\u0633 \u064a\u0635\u0648\u062a",
                   "\u0635\u0648\u062a \u0645\u062c\u0644\u0633 \u0627\u0644\u0645\u062f\u064a"
                   "\u0646\u0629 \u064a\u0648\u0645 \u0627\u0644\u062e\u0645\u064a\u0633 "
                   "\u0639\u0644\u0649 \u062a\u0645\u062f\u064a\u062f \u062e\u0637 \u0627\u0644"
                   "\u062a\u0631\u0627\u0645",
                   "ar"},
        // Too little text for CLD2 to be sure, in a script that names a language.
        DetectCase{"one_arabic_word", "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629", "", "ar"},
        // Neither can tell: undetermined, never English by default.
        DetectCase{"only_numbers", "", "1,234 5.6 7/8 2015-07-23", ""},
        DetectCase{"empty", "", "", ""}, DetectCase{"one_latin_word", "OK", "", ""}));

TEST(ArticleLanguage, InputFieldWinsThenForcedThenDetected) {
    Article a;
    a.title = "Stadtrat stimmt f\u00fcr Stra\u00dfenbahn";
    a.body =
        "Der Stadtrat hat am Donnerstag beschlossen, die Stra\u00dfenbahnlinie bis in die "
        "\u00f6stlichen Vororte zu verl\u00e4ngern.";
    ArticleLanguages languages;
    EXPECT_EQ(languages(a), "de");
    EXPECT_EQ(languages(a, "English"), "en");
    a.lang = "de-AT";
    EXPECT_EQ(languages(a, "en"), "de");
}

TEST(ArticleLanguage, ShortTableTakesItsCollectionsUsualLanguageOnlyWhenConsistent) {
    const char* table = "WAL-MART STORES INC 4TH QTR SHR 65 CTS VS 47 CTS";
    EXPECT_EQ(detect_language(table, ""), "");  // alone: undetermined, not English by default
    EXPECT_EQ(detect_language(table, "", "en"), "en");

    ArticleLanguages languages;
    Article table_article;
    table_article.collection = "wire";
    table_article.title = table;
    EXPECT_EQ(languages(table_article), kUndeterminedLanguage);  // nothing seen yet
    Article story;
    story.collection = "wire";
    story.title = "Council backs tram extension";
    story.body =
        "The city council voted on Thursday to extend the tram line to the eastern suburbs, "
        "despite objections from residents about the cost of the project.";
    EXPECT_EQ(languages(story), "en");
    EXPECT_EQ(languages(table_article), "en");
    table_article.collection = "other wire";  // the usual language is per collection
    EXPECT_EQ(languages(table_article), kUndeterminedLanguage);
}

}  // namespace
}  // namespace newsdex
