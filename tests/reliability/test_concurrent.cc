// Searching while indexing: a direct-mode writer commits every 10 articles
// while reader threads search the same database, one of them with long
// searches (a page of 100 hits with snippets, as an export makes). Every
// search succeeds at its first attempt: each pins its revision
// (common/revision_pin.h), so the writer waits instead of overwriting it, and
// no search ever has to be run again. This holds however slow the searches
// are next to the commits (a loaded machine, a sanitizer build); before the
// pins a search slower than two commits failed after all its retries. What
// readers see only grows. A second writer meanwhile is refused with exit 3,
// naming the database and the lock.
//
// The writer reads a pipe the test feeds chunk by chunk, so it is certainly
// running (and holding its lock) while the readers and the second writer act.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <xapian.h>

#include "reliability/reliability_util.h"
#include "searcher.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::ChildProcess;
using test::tool_path;

constexpr std::uint64_t kArticles = 2000;
constexpr unsigned kReaders = 3;
constexpr unsigned kMinSearchesPerReader = 30;

struct ReaderLog {
    std::uint64_t searches = 0;
    std::uint64_t reopened = 0;
    std::uint64_t lost_revisions = 0;  ///< searches run again: none while pinned
    std::vector<std::string> failures;
};

/// One reader thread: alternates a long-lived Searcher (exercising the
/// retry on DatabaseModifiedError) with fresh ones (seeing the newest
/// commit), and checks that the article count and the hits never shrink.
void read_while_writing(const fs::path& db, const std::atomic<bool>& writer_done,
                        bool long_searches, ReaderLog& log) {
    std::uint64_t last_count = 0, last_hits = 0;
    std::optional<Searcher> searcher;
    for (unsigned i = 0; !writer_done.load() || i < kMinSearchesPerReader; ++i) {
        if (i > 100000) break;  // safety net only
        try {
            if (!searcher || i % 3 == 0) {
                if (searcher) log.lost_revisions += searcher->lost_revisions();
                searcher.emplace(std::vector<std::string>{db.string()});
                ++log.reopened;
                std::uint64_t count = searcher->database().get_doccount();
                if (count < last_count)
                    log.failures.push_back(
                        "article count went down: " + std::to_string(last_count) + " -> " +
                        std::to_string(count));
                last_count = count;
            }
            SearchRequest request;
            request.query = i % 2 ? "newsdexmarker" : "newsdexmarker harbour OR \"council vote\"";
            request.exact_total = true;
            request.collapse = false;  // counting articles, not near-duplicate clusters
            request.facets = {"year", "collection"};
            if (long_searches && i % 2 == 0) request.limit = 100;
            SearchResult result = searcher->search(request);
            ++log.searches;
            if (i % 2 && i % 3 == 0) {
                // Same fresh revision as last_count (unless a retry moved it on).
                if (result.estimated_total < last_hits)
                    log.failures.push_back("hits went down: " + std::to_string(last_hits) + " -> " +
                                           std::to_string(result.estimated_total));
                last_hits = result.estimated_total;
            }
            for (const Hit& hit : result.hits)
                if (hit.id.empty()) log.failures.push_back("a hit without an id");
        } catch (const std::exception& e) {
            log.failures.push_back(std::string("search failed: ") + e.what());
        }
    }
    if (searcher) log.lost_revisions += searcher->lost_revisions();
}

TEST(Concurrent, ReadersSearchWhileADirectWriterCommits) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    ChildProcess writer(tool_path("newsdex-index"),
                        {"--quiet", "--mode", "direct", "--flush", "10", "--jobs", "2",
                         "--collection", "feed", "--db", db.string(), "-"},
                        true);
    // The first commit makes the database exist for the readers.
    ASSERT_TRUE(writer.feed(test::jsonl_articles("a", 0, 100)));
    ASSERT_TRUE(test::wait_for(
        [&] {
            try {
                return Xapian::Database(db.string()).get_doccount() > 0;
            } catch (const Xapian::Error&) {
                return false;
            }
        },
        &writer));

    std::atomic<bool> writer_done{false};
    std::vector<ReaderLog> logs(kReaders);
    std::vector<std::thread> readers;
    for (unsigned r = 0; r < kReaders; ++r)
        readers.emplace_back([&, r] { read_while_writing(db, writer_done, r == 0, logs[r]); });

    // A second writer while the first one certainly holds the lock.
    auto second =
        test::run_command(tool_path("newsdex-index"), {"--quiet", "--db", db.string(), "-"},
                          test::jsonl_articles("b", 0, 5));
    EXPECT_EQ(second.exit_code, 3) << second.err;
    EXPECT_NE(second.err.find("locked"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find(db.string()), std::string::npos) << second.err;

    for (std::uint64_t first = 100; first < kArticles; first += 100)
        ASSERT_TRUE(writer.feed(test::jsonl_articles("a", first, 100)));
    auto done = writer.wait();
    writer_done = true;
    for (auto& t : readers) t.join();

    EXPECT_EQ(done.exit_code, 0) << done.err;
    for (unsigned r = 0; r < kReaders; ++r) {
        EXPECT_GE(logs[r].searches, kMinSearchesPerReader);
        EXPECT_EQ(logs[r].lost_revisions, 0u) << "reader " << r;
        EXPECT_TRUE(logs[r].failures.empty())
            << "reader " << r << ": " << logs[r].failures.front() << " (and "
            << logs[r].failures.size() - 1 << " more)";
        std::cout << "[          ] reader " << r << ": " << logs[r].searches << " searches, "
                  << logs[r].reopened << " fresh opens\n";
    }
    // The writer made the database pinnable as it wrote it in place.
    for (const char* name : kPinFiles) EXPECT_TRUE(fs::exists(db / name)) << name;
    test::DbCheck c = test::check_database(db);
    EXPECT_EQ(c.documents, kArticles);
    EXPECT_EQ(c.hits, kArticles);
    EXPECT_EQ(c.duplicated_ids, 0u);
}

}  // namespace
}  // namespace newsdex
