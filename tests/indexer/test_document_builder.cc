// What a built document holds: the schema's terms, positions, values and data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "bm25_impact.h"
#include "document_builder.h"
#include "schema.h"
#include "stored_fields.h"
#include "support/fixture_index.h"

namespace newsdex {
namespace {

std::map<std::string, std::vector<Xapian::termpos>> terms_of(const Xapian::Document& doc) {
    std::map<std::string, std::vector<Xapian::termpos>> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        auto& positions = out[*t];
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            positions.push_back(*p);
    }
    return out;
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    return (t != doc.termlist_end() && *t == term) ? t.get_wdf() : 0;
}

class DocumentBuilderTest : public ::testing::Test {
  protected:
    TextAnalyzer analyzer;
    Article article = test::make_article("a-1", "Cease-fire plans", "Blinken\u2019s talks resumed.",
                                         "1987-02-26", "Reuters", {"cocoa", "grain"});
};

TEST_F(DocumentBuilderTest, TitleWordsArePrefixedAndBoosted) {
    BuiltDocument built = build_document(article, analyzer, TermWeights::occurrences());
    auto terms = terms_of(built.document);
    EXPECT_TRUE(terms.count("Splans"));
    EXPECT_TRUE(terms.count("ZSplan"));
    EXPECT_EQ(wdf_of(built.document, "plans"), 1 + schema::kTitleWdfBoost);
    EXPECT_EQ(wdf_of(built.document, "talks"), 1u);
}

TEST_F(DocumentBuilderTest, CompoundJoinedTermSitsAtFirstAndLastPartPositions) {
    BuiltDocument built = build_document(article, analyzer, TermWeights::occurrences());
    auto terms = terms_of(built.document);
    ASSERT_TRUE(terms.count("cease"));
    ASSERT_TRUE(terms.count("fire"));
    Xapian::termpos cease = terms["cease"].at(0);
    EXPECT_EQ(terms["fire"], std::vector<Xapian::termpos>{cease + 1});
    EXPECT_EQ(terms["ceasefire"], (std::vector<Xapian::termpos>{cease, cease + 1}));
    EXPECT_EQ(terms["Sceasefire"], (std::vector<Xapian::termpos>{cease, cease + 1}));
    // The second posting adds no wdf: the compound counts as one word.
    EXPECT_EQ(wdf_of(built.document, "ceasefire"), 1 + schema::kTitleWdfBoost);
}

// BM25 impacts (common/bm25_impact.h): every weighted term's wdf is its
// occurrences normalised by the article's length; terms, positions and
// boolean terms are as with occurrences.
TEST_F(DocumentBuilderTest, ImpactsAreOccurrencesNormalisedByLength) {
    const Xapian::Document plain =
        build_document(article, analyzer, TermWeights::occurrences()).document;
    const Xapian::termcount length = document_length(plain);
    ASSERT_GT(length, 0u);
    for (double reference : {1.0 * length, 4.0 * length, 0.25 * length}) {
        SCOPED_TRACE(reference);
        const Xapian::Document impacts =
            build_document(article, analyzer, TermWeights::impacts(reference)).document;
        EXPECT_EQ(terms_of(impacts), terms_of(plain));  // same terms, same positions
        const double factor = bm25_impact::length_factor(length, reference);
        std::size_t weighted = 0;
        for (auto t = plain.termlist_begin(); t != plain.termlist_end(); ++t) {
            const Xapian::termcount expected =
                t.get_wdf() == 0 ? 0
                                 : static_cast<Xapian::termcount>(
                                       std::max(1.0, std::round(32.0 * t.get_wdf() / factor)));
            EXPECT_EQ(wdf_of(impacts, *t), expected) << *t;
            weighted += t.get_wdf() > 0;
        }
        EXPECT_GT(weighted, 5u);
    }
    // An article of reference length: a word once is 32, a title word
    // (1 + kTitleWdfBoost occurrences) proportionally more.
    const Xapian::Document at_reference =
        build_document(article, analyzer, TermWeights::impacts(length)).document;
    EXPECT_EQ(wdf_of(at_reference, "talks"), 32u);
    EXPECT_EQ(wdf_of(at_reference, "plans"), 32u * (1 + schema::kTitleWdfBoost));
    EXPECT_EQ(wdf_of(at_reference, "XTOPICcocoa"), 0u);
}

// In an article over 32 times the reference length an impact is below the
// occurrences: the term is rewritten with a lower wdf and its positions kept.
TEST_F(DocumentBuilderTest, ImpactsBelowOccurrencesKeepPositions) {
    std::string body;
    for (int i = 0; i < 60; ++i) body += "talks again and again. ";
    Article long_one = test::make_article("a-2", "Talks", body, "1987-02-26", "Reuters", {});
    const Xapian::Document plain =
        build_document(long_one, analyzer, TermWeights::occurrences()).document;
    const Xapian::termcount length = document_length(plain);
    const Xapian::Document impacts =
        build_document(long_one, analyzer, TermWeights::impacts(length / 100.0)).document;
    EXPECT_EQ(terms_of(impacts), terms_of(plain));
    const Xapian::termcount occurrences = wdf_of(plain, "again");
    ASSERT_EQ(occurrences, 120u);
    const double factor = bm25_impact::length_factor(length, length / 100.0);
    EXPECT_LT(wdf_of(impacts, "again"), occurrences);
    EXPECT_EQ(wdf_of(impacts, "again"),
              static_cast<Xapian::termcount>(std::round(32.0 * occurrences / factor)));
}

TEST_F(DocumentBuilderTest, BodyFollowsTitleAfterAGapSoPhrasesDoNotSpanFields) {
    BuiltDocument built = build_document(article, analyzer);
    auto terms = terms_of(built.document);
    Xapian::termpos plans = terms["plans"].at(0);
    Xapian::termpos blinken = terms["blinken"].at(0);
    EXPECT_GE(blinken, plans + schema::kFieldPositionGap);
    EXPECT_FALSE(terms.count("blinken's"));
    EXPECT_TRUE(terms.count("Zblinken"));
    EXPECT_TRUE(terms["Zblinken"].empty()) << "stems carry no positions";
}

TEST_F(DocumentBuilderTest, FiltersValuesAndData) {
    BuiltDocument built = build_document(article, analyzer);
    auto terms = terms_of(built.document);
    EXPECT_EQ(built.unique_term,
              "Qa-1\x1f"
              "fixtures");
    for (const char* t :
         {"XSOURCEreuters", "XTOPICcocoa", "XTOPICgrain", "XLANGen", "XCOLLfixtures"})
        EXPECT_TRUE(terms.count(t)) << t;
    EXPECT_EQ(wdf_of(built.document, "XSOURCEreuters"), 0u);
    const Xapian::Document& doc = built.document;
    EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotDate)), 541296000.0);
    EXPECT_EQ(doc.get_value(schema::kSlotSource), "Reuters");
    EXPECT_EQ(doc.get_value(schema::kSlotTopics), "cocoa\x1fgrain");
    Article stored = decode_stored_fields(doc.get_data());
    EXPECT_EQ(stored.title, "Cease-fire plans");
    EXPECT_EQ(stored.body, "Blinken\u2019s talks resumed.");
    EXPECT_EQ(stored.date, article.date);
}

TEST_F(DocumentBuilderTest, SpellingWordsAreAlphabeticWordOccurrences) {
    article.body = "Plans and plans, 1987 and U.S. cease-fire";
    BuiltDocument built = build_document(article, analyzer);
    auto& words = built.spelling_words;
    EXPECT_EQ(std::count(words.begin(), words.end(), "plans"), 3);  // title + body twice
    EXPECT_EQ(std::count(words.begin(), words.end(), "blinken"), 0);
    EXPECT_EQ(std::count(words.begin(), words.end(), "1987"), 0) << "numbers make poor suggestions";
    EXPECT_EQ(std::count(words.begin(), words.end(), "ceasefire"), 0)
        << "compounds are not words typed";
    EXPECT_EQ(std::count(words.begin(), words.end(), "cease"), 2);
}

TEST_F(DocumentBuilderTest, UndatedArticleHasNoDateValue) {
    article.date.reset();
    BuiltDocument built = build_document(article, analyzer);
    EXPECT_TRUE(built.document.get_value(schema::kSlotDate).empty());
    EXPECT_TRUE(terms_of(built.document).count("XSOURCEreuters"));
}

}  // namespace
}  // namespace newsdex
