// BM25 impacts (common/bm25_impact.h): a database storing impacts, ranked by
// impact_weight and scaled by impact_score_factor, scores every document as
// Xapian's BM25Weight scores the same documents stored with occurrences,
// within the rounding of the stored wdf.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "bm25_impact.h"

namespace newsdex {
namespace {

namespace impact = bm25_impact;

/// A document: (term, occurrences) pairs, plus filler occurrences that make
/// it long without matching anything.
struct Doc {
    std::map<std::string, Xapian::termcount> terms;
    Xapian::termcount filler = 0;
};

Xapian::termcount length_of(const Doc& d) {
    Xapian::termcount n = d.filler;
    for (const auto& [term, wdf] : d.terms) n += wdf;
    return n;
}

std::vector<Doc> documents() {
    std::vector<Doc> docs;
    for (Xapian::termcount filler : {5u, 60u, 300u, 900u, 4000u})
        for (Xapian::termcount tf : {1u, 2u, 7u})
            docs.push_back(Doc{{{"cocoa", tf}, {"prices", 1}}, filler});
    docs.push_back(Doc{{{"prices", 3}}, 100});
    return docs;
}

/// The documents in an in-memory database, wdf as occurrences or as
/// impacts for `reference` (0: occurrences).
Xapian::WritableDatabase database(const std::vector<Doc>& docs, double reference) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const Doc& d : docs) {
        Xapian::Document doc;
        const double factor = impact::length_factor(length_of(d), reference > 0 ? reference : 1);
        auto wdf = [&](Xapian::termcount occurrences) {
            return reference > 0 ? impact::impact_wdf(occurrences, factor) : occurrences;
        };
        for (const auto& [term, occurrences] : d.terms) doc.add_term(term, wdf(occurrences));
        if (d.filler > 0) doc.add_term("filler", wdf(d.filler));
        db.add_document(doc);
    }
    return db;
}

std::map<Xapian::docid, double> scores(const Xapian::Database& db, const Xapian::Query& query,
                                       const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    std::map<Xapian::docid, double> out;
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

TEST(Bm25Impact, ScoresAreXapiansBm25WithinTheRoundingOfTheStoredWdf) {
    const std::vector<Doc> docs = documents();
    const Xapian::WritableDatabase plain = database(docs, 0);
    // The reference length as a new database takes it: the mean length.
    const double reference = plain.get_avlength();
    const Xapian::WritableDatabase impacts = database(docs, reference);
    const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("cocoa"),
                              Xapian::Query("prices"));
    for (double k1 : {0.0, 1.2, 2.0}) {
        SCOPED_TRACE(k1);
        const auto expected =
            scores(plain, query, Xapian::BM25Weight(k1, 0, 1, impact::kB, impact::kMinNormLength));
        const auto got = scores(
            impacts,
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, impact::impact_score_factor(k1)),
            impact::impact_weight(k1));
        ASSERT_EQ(got.size(), docs.size());
        ASSERT_EQ(expected.size(), docs.size());
        for (const auto& [docid, score] : expected) {
            const Doc& d = docs[docid - 1];
            // A term's BM25 part w / (c + w) moves by at most the relative
            // change of w, and rounding moves w by at most 0.5.
            double bound = 0;
            const double factor = impact::length_factor(length_of(d), reference);
            for (const auto& [term, tf] : d.terms) bound += 0.5 / (impact::kQuantum * tf / factor);
            EXPECT_NEAR(got.at(docid), score, score * bound + 1e-9) << "document " << docid;
        }
    }
}

TEST(Bm25Impact, ImpactWdf) {
    EXPECT_EQ(impact::impact_wdf(0, 1.0), 0u);  // boolean terms stay weightless
    EXPECT_EQ(impact::impact_wdf(1, 1.0), 32u);
    EXPECT_EQ(impact::impact_wdf(3, 2.0), 48u);
    EXPECT_EQ(impact::impact_wdf(1, 1000.0), 1u);  // never 0 for a word that occurs
    // L = 1 at the reference length; short articles are normalised as half of it.
    EXPECT_DOUBLE_EQ(impact::length_factor(400, 400), 1.0);
    EXPECT_DOUBLE_EQ(impact::length_factor(800, 400), 0.25 + 0.75 * 2);
    EXPECT_DOUBLE_EQ(impact::length_factor(10, 400), impact::length_factor(200, 400));
}

TEST(Bm25Impact, LayoutNamesItsReferenceLength) {
    EXPECT_EQ(impact::parse_layout(impact::layout_name(356.94)), std::optional<double>(356.9));
    EXPECT_EQ(impact::parse_layout(impact::layout_name(1)), std::optional<double>(1.0));
    for (const char* other :
         {"", "bm25-impact-1", "bm25-impact-0 Q=32 b=0.75 m=0.5 A=400.0",
          "bm25-impact-1 Q=32 b=0.75 m=0.5 A=", "bm25-impact-1 Q=32 b=0.75 m=0.5 A=x",
          "bm25-impact-1 Q=32 b=0.75 m=0.5 A=0.0", "bm25-impact-1 Q=32 b=0.75 m=0.5 A=12abc"})
        EXPECT_FALSE(impact::parse_layout(other)) << other;
}

}  // namespace
}  // namespace newsdex
