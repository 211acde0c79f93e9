// The near-duplicate pass: exact and planted near-duplicates share a
// cluster, unrelated articles with the same boilerplate do not, and articles
// added by a later run join the clusters already there.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "near_duplicate.h"
#include "near_duplicate_clusters.h"
#include "schema.h"
#include "support/fixture_index.h"
#include "support/near_duplicate_fixtures.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex {
namespace {

using test::add_fixture_articles;
using test::build_fixture_index;
using test::clusters_by_id;
using test::join_paragraphs;
using test::kBoilerplateFooter;
using test::make_article;
using test::story_paragraphs;

/// The original story and its planted variants, each an edit syndicated
/// copy goes through; all stay above Jaccard 0.8 with the original.
std::vector<Article> story_and_variants() {
    auto paragraphs = story_paragraphs(42, 10);
    std::vector<Article> out;
    out.push_back(make_article("orig", "Port strike ends", join_paragraphs(paragraphs)));
    out.push_back(make_article("copy", "Port strike ends", join_paragraphs(paragraphs)));
    out.push_back(
        make_article("headline", "Dockers back at work after deal", join_paragraphs(paragraphs)));
    auto trimmed = paragraphs;
    trimmed.pop_back();
    out.push_back(make_article("trimmed", "Port strike ends", join_paragraphs(trimmed)));
    auto added = paragraphs;
    added.push_back("The union said it would meet again next month to review the agreement.");
    out.push_back(make_article("added", "Port strike ends", join_paragraphs(added)));
    auto footer = paragraphs;
    footer.push_back(kBoilerplateFooter);
    out.push_back(make_article("footer", "Port strike ends", join_paragraphs(footer)));
    auto reworded = paragraphs;
    reworded[2].replace(reworded[2].find(' '), 1, " quickly ");   // one word inserted
    reworded[6] = reworded[6].substr(reworded[6].find(' ') + 1);  // one word dropped
    out.push_back(make_article("reworded", "Port strike ends", join_paragraphs(reworded)));
    return out;
}

/// Unrelated stories that end with the same footer.
std::vector<Article> boilerplate_siblings() {
    std::vector<Article> out;
    for (unsigned s = 0; s < 6; ++s) {
        auto p = story_paragraphs(100 + s, 3);
        p.push_back(kBoilerplateFooter);
        out.push_back(make_article("other" + std::to_string(s), "Other story " + std::to_string(s),
                                   join_paragraphs(p)));
    }
    return out;
}

TEST(NearDuplicateClusters, PlantedVariantsClusterAndBoilerplateDoesNot) {
    test::TempDir tmp;
    auto articles = story_and_variants();
    auto others = boilerplate_siblings();
    articles.insert(articles.end(), others.begin(), others.end());
    auto db = build_fixture_index(tmp / "db", articles);
    auto c = clusters_by_id(db);
    ASSERT_EQ(c.size(), 13u);
    const std::string story = c["orig"];
    EXPECT_EQ(story, unique_term("fixtures", "orig")) << "the oldest article names the cluster";
    for (const char* id : {"copy", "headline", "trimmed", "added", "footer", "reworded"})
        EXPECT_EQ(c[id], story) << id;
    for (unsigned s = 0; s < 6; ++s) {
        const std::string id = "other" + std::to_string(s);
        EXPECT_EQ(c[id], unique_term("fixtures", id)) << id << " must stay alone";
    }
    // Cluster members carry the membership term; singletons do not.
    EXPECT_EQ(db.get_termfreq(near_duplicate::cluster_term(story)), 7u);
    // The collapse key: the 7 members hold the cluster, no singleton does.
    EXPECT_EQ(db.get_value_freq(schema::kSlotSharedCluster), 7u);
    EXPECT_EQ(test::shared_cluster_slot_errors(db), std::vector<std::string>{});
    EXPECT_EQ(db.get_metadata(schema::kMetadataSharedClusterSlot), "1");
}

// A database clustered before kSlotSharedCluster existed (no slot, no
// metadata key) gets the slot filled by its next run, with nothing new to
// index; until then the key is absent, so searches collapse on kSlotCluster.
TEST(NearDuplicateClusters, TheNextRunFillsTheSharedClusterSlotOfAnOlderDatabase) {
    test::TempDir tmp;
    auto articles = story_and_variants();
    auto others = boilerplate_siblings();
    articles.insert(articles.end(), others.begin(), others.end());
    build_fixture_index(tmp / "db", articles);
    {
        Xapian::WritableDatabase db((tmp / "db").string());
        std::vector<Xapian::docid> all(db.postlist_begin(""), db.postlist_end(""));
        for (Xapian::docid d : all) {
            Xapian::Document doc = db.get_document(d);
            if (doc.get_value(schema::kSlotSharedCluster).empty()) continue;
            doc.remove_value(schema::kSlotSharedCluster);
            db.replace_document(d, doc);
        }
        db.set_metadata(schema::kMetadataSharedClusterSlot, "");
        db.commit();
        ASSERT_EQ(test::shared_cluster_slot_errors(db).size(), 7u);
    }
    add_fixture_articles(tmp / "db", {});
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(test::shared_cluster_slot_errors(db), std::vector<std::string>{});
    EXPECT_EQ(db.get_value_freq(schema::kSlotSharedCluster), 7u);
    EXPECT_EQ(db.get_metadata(schema::kMetadataSharedClusterSlot), "1");
}

TEST(NearDuplicateClusters, LaterRunsJoinExistingClusters) {
    test::TempDir tmp;
    auto variants = story_and_variants();
    // First run: the original and an unrelated article.
    build_fixture_index(tmp / "db", {variants[0], boilerplate_siblings()[0]});
    {
        auto db = Xapian::Database((tmp / "db").string());
        EXPECT_EQ(db.get_metadata(kClusterWatermarkKey), "2");
        EXPECT_EQ(db.get_termfreq(near_duplicate::cluster_term(clusters_by_id(db)["orig"])), 0u)
            << "a singleton has no membership term";
    }
    // Second run: two variants join the original's cluster.
    add_fixture_articles(tmp / "db", {variants[2], variants[3]});
    Xapian::Database db((tmp / "db").string());
    auto c = clusters_by_id(db);
    const std::string story = unique_term("fixtures", "orig");
    EXPECT_EQ(c["orig"], story);
    EXPECT_EQ(c["headline"], story);
    EXPECT_EQ(c["trimmed"], story);
    EXPECT_EQ(c["other0"], unique_term("fixtures", "other0"));
    EXPECT_EQ(db.get_termfreq(near_duplicate::cluster_term(story)), 3u);
    EXPECT_EQ(test::shared_cluster_slot_errors(db), std::vector<std::string>{});
    // Third run: nothing new, nothing changes.
    add_fixture_articles(tmp / "db", {});
    Xapian::Database again((tmp / "db").string());
    EXPECT_EQ(clusters_by_id(again), c);
}

TEST(NearDuplicateClusters, ANewArticleBridgingTwoClustersMergesThemUnderTheOlder) {
    test::TempDir tmp;
    // A and B share 16 of their 19 paragraphs (Jaccard about 0.73: not
    // near-duplicates); M has the 16 plus one of A's and one of B's (about
    // 0.85 with each).
    auto shared = story_paragraphs(7, 16);
    auto only_a = story_paragraphs(8, 3), only_b = story_paragraphs(9, 3);
    auto a = shared, b = shared, m = shared;
    a.insert(a.end(), only_a.begin(), only_a.end());
    b.insert(b.end(), only_b.begin(), only_b.end());
    m.push_back(only_a[0]);
    m.push_back(only_b[0]);
    auto b_copy = b;
    b_copy.push_back("A line added by a second paper.");
    build_fixture_index(tmp / "db", {make_article("a", "A", join_paragraphs(a)),
                                     make_article("b", "B", join_paragraphs(b)),
                                     make_article("b-copy", "B", join_paragraphs(b_copy))});
    auto before = clusters_by_id(Xapian::Database((tmp / "db").string()));
    ASSERT_NE(before["a"], before["b"]) << "A and B alone are not near-duplicates";
    ASSERT_EQ(before["b-copy"], before["b"]);
    add_fixture_articles(tmp / "db", {make_article("m", "M", join_paragraphs(m))});
    Xapian::Database db((tmp / "db").string());
    auto c = clusters_by_id(db);
    const std::string older = unique_term("fixtures", "a");
    for (const char* id : {"a", "b", "b-copy", "m"}) EXPECT_EQ(c[id], older) << id;
    EXPECT_EQ(db.get_termfreq(near_duplicate::cluster_term(older)), 4u);
    EXPECT_EQ(db.get_termfreq(near_duplicate::cluster_term(before["b"])), 0u)
        << "the absorbed cluster's membership term is gone";
}

}  // namespace
}  // namespace newsdex
