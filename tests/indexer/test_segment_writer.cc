// One worker's segment databases: roll-over after segment_docs, every
// document in exactly one closed segment, spelling counts written once per
// segment, nothing listed before it is closed.
#include <gtest/gtest.h>

#include <algorithm>

#include <xapian.h>

#include "schema.h"
#include "segment_writer.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
/// These segments record no wdf layout (the run that owns them sets one).
const std::string kNoLayout;

class SegmentWriterTest : public ::testing::Test {
  protected:
    SegmentWriterTest() {
        options.flush_docs = 2;
        options.segment_docs = 3;
    }
    BuiltDocument document(int n) {
        return build_document(
            test::make_article("a-" + std::to_string(n), "Cocoa prices", "Cocoa exports rose.",
                               "1987-02-26", "Reuters", {"cocoa"}),
            analyzer);
    }
    test::TempDir tmp;
    IndexOptions options;
    TextAnalyzer analyzer;
};

TEST_F(SegmentWriterTest, RollsOverAfterSegmentDocsAndListsOnlyClosedSegments) {
    SegmentWriter writer(tmp.path(), "segment-0", options, kNoLayout);
    for (int n = 0; n < 7; ++n) writer.add(document(n));
    ASSERT_EQ(writer.segments().size(), 2u) << "the third segment is still open";
    writer.finish();
    ASSERT_EQ(writer.segments().size(), 3u);
    EXPECT_EQ(writer.segments()[0], tmp / "segment-0-0");
    EXPECT_EQ(writer.segments()[2], tmp / "segment-0-2");
    Xapian::doccount total = 0;
    std::vector<Xapian::doccount> sizes;
    for (const fs::path& segment : writer.segments()) {
        Xapian::Database db(segment.string());
        sizes.push_back(db.get_doccount());
        total += db.get_doccount();
    }
    EXPECT_EQ(sizes, (std::vector<Xapian::doccount>{3, 3, 1}));
    EXPECT_EQ(total, 7u);
}

TEST_F(SegmentWriterTest, EveryTenSegmentsOfOneSizeBecomeOneKeepingDocumentOrder) {
    options.flush_docs = 1;
    options.segment_docs = 1;
    SegmentWriter writer(tmp.path(), "w", options, kNoLayout);
    // 1 document per segment: after 123, segments of 100, 10, 10 and 3 of 1.
    const int documents = 123;
    for (int n = 0; n < documents; ++n) writer.add(document(n));
    writer.finish();
    EXPECT_EQ(writer.merges(), 12u + 1u) << "12 merges of ten 1-document segments, 1 of ten 10s";
    std::vector<Xapian::doccount> sizes;
    std::vector<std::string> ids;
    Xapian::termcount cocoa = 0;
    for (const fs::path& segment : writer.segments()) {
        Xapian::Database db(segment.string());
        sizes.push_back(db.get_doccount());
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
            if (*w == "cocoa") cocoa += w.get_termfreq();
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
            ids.push_back(db.get_document(*it).get_value(schema::kSlotIdentity));
    }
    EXPECT_EQ(sizes, (std::vector<Xapian::doccount>{100, 10, 10, 1, 1, 1}));
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(documents));
    std::vector<std::string> written;
    for (int n = 0; n < documents; ++n)
        written.push_back(document(n).document.get_value(schema::kSlotIdentity));
    EXPECT_EQ(ids, written) << "documents in the order written";
    EXPECT_EQ(cocoa, 2u * documents) << "merges add up spelling counts (title and body)";
    // Merged sources are gone: the scratch directory holds just the listed segments.
    std::size_t on_disk = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(tmp.path())) ++on_disk;
    EXPECT_EQ(on_disk, sizes.size());
}

TEST_F(SegmentWriterTest, SpellingCountsEveryOccurrenceOncePerSegment) {
    const std::vector<std::string> words = document(0).spelling_words;
    const auto per_article =
        static_cast<Xapian::termcount>(std::count(words.begin(), words.end(), "cocoa"));
    ASSERT_EQ(per_article, 2u) << "title and body";
    SegmentWriter writer(tmp.path(), "w", options, kNoLayout);
    for (int n = 0; n < 3; ++n) writer.add(document(n));
    writer.finish();
    ASSERT_EQ(writer.segments().size(), 1u);
    Xapian::Database db(writer.segments()[0].string());
    Xapian::termcount freq = 0;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
        if (*w == "cocoa") freq = w.get_termfreq();
    EXPECT_EQ(freq, 3 * per_article);
}

TEST_F(SegmentWriterTest, NoSpellingWhenDisabled) {
    options.spelling = false;
    SegmentWriter writer(tmp.path(), "w", options, kNoLayout);
    writer.add(document(0));
    writer.finish();
    Xapian::Database db(writer.segments().at(0).string());
    EXPECT_EQ(db.spellings_begin(), db.spellings_end());
    EXPECT_EQ(db.get_doccount(), 1u);
}

TEST_F(SegmentWriterTest, FinishWithoutDocumentsCreatesNoSegment) {
    SegmentWriter writer(tmp.path(), "w", options, kNoLayout);
    writer.finish();
    EXPECT_TRUE(writer.segments().empty());
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}

}  // namespace
}  // namespace newsdex
