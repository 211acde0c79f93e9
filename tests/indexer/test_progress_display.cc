// What the progress line says: indexing progress (not reading), an ETA only
// when the input's size is known, and the merge's progress.
#include <gtest/gtest.h>

#include "progress_display.h"

namespace newsdex {
namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ProgressDisplay, MeasuresArticlesIndexedNotBytesRead) {
    // Reading is done (100% of the bytes) but only a tenth is indexed: the
    // bar must say 10%, not the 100% it used to sit at (issue 11 item 3).
    IndexProgress p;
    p.bytes_total = p.bytes_read = 28'000'000;
    p.articles_read = 20'000;
    p.articles_indexed = 2'000;
    p.seconds = 10;
    const std::string line = format_progress(p, 10);
    EXPECT_TRUE(has(line, "[#.........]  10%")) << line;
    EXPECT_TRUE(has(line, "2,000 articles indexed")) << line;
    EXPECT_TRUE(has(line, "200/s")) << line;
    EXPECT_TRUE(has(line, "ETA 1:30")) << line;  // 10 s for 10%: 90 s to go
    EXPECT_FALSE(has(line, "MB/s")) << line;
}

TEST(ProgressDisplay, ExtrapolatesTheArticleCountWhileReading) {
    IndexProgress p;
    p.bytes_total = 1'000;
    p.bytes_read = 250;  // a quarter read: about 4,000 articles in all
    p.articles_read = 1'000;
    p.articles_indexed = 800;
    p.seconds = 4;
    ASSERT_TRUE(indexed_fraction(p));
    EXPECT_DOUBLE_EQ(*indexed_fraction(p), 0.2);
    EXPECT_TRUE(has(format_progress(p, 10), "ETA 0:16")) << format_progress(p, 10);
}

TEST(ProgressDisplay, WithoutAnInputSizeNoBarAndNoEta) {
    IndexProgress p;  // standard input
    p.bytes_read = 5'000;
    p.articles_read = p.articles_indexed = 1'234;
    p.seconds = 2;
    EXPECT_FALSE(indexed_fraction(p));
    const std::string line = format_progress(p);
    EXPECT_EQ(line, "1,234 articles indexed  617/s");
}

TEST(ProgressDisplay, ShowsTheMergesProgress) {
    IndexProgress p;
    p.bytes_total = p.bytes_read = 1'000;
    p.articles_read = p.articles_indexed = 21'578;
    p.merging = true;
    p.merge_segments = 4;
    EXPECT_EQ(format_progress(p), "merging 4 segments of 21,578 articles...");
    p.merge_table = "termlist";
    p.merge_tables_started = 3;
    EXPECT_EQ(format_progress(p),
              "merging 4 segments of 21,578 articles: table 3 of 6 (termlist)...");
}

TEST(ProgressDisplay, PassedOverReasonsReadAsReasonAndCount) {
    IndexStats s;
    s.passed_over["text file beside a reuters corpus"] = 7;
    s.passed_over["documentation (README, LICENSE, PROVENANCE)"] = 2;
    const std::string summary = format_summary(s);
    EXPECT_TRUE(has(summary,
                    "; 9 files passed over (documentation (README, LICENSE, PROVENANCE): 2; "
                    "text file beside a reuters corpus: 7)"))
        << summary;
    EXPECT_FALSE(has(summary, "7 text file")) << summary;
}

}  // namespace
}  // namespace newsdex
