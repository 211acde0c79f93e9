// SIGINT and SIGTERM: the indexer stops reading, commits everything already
// analysed, prints a summary that says "interrupted" and exits 0 (documented
// in docs/reliability.md; the summary, not the exit status, tells a partial run).
//
// The input is a pipe the test keeps feeding, so the run cannot end on its
// own: the signal always lands mid-run, without any timing assumption.

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include <xapian.h>

#include "reliability/reliability_util.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::ChildProcess;
using test::tool_path;

std::vector<std::string> stdin_command(const fs::path& db) {
    return {"--jobs", "2",    "--flush",   "50", "--segment-docs", "200", "--collection",
            "feed",   "--db", db.string(), "-"};
}

/// Feeds articles with fresh ids until the child stops reading (it exited).
/// The cap only turns an indexer that ignores the signal into a failure.
class EndlessFeed {
  public:
    EndlessFeed(ChildProcess& child, std::uint64_t first_id)
        : thread_([&child, first_id, this] {
              for (std::uint64_t id = first_id; id < first_id + 2'000'000; id += 100) {
                  if (!child.feed(test::jsonl_articles("a", id, 100))) return;
                  fed_ = id + 100;
              }
          }) {}
    /// Returns once the child has closed the pipe by exiting.
    void join() { thread_.join(); }
    std::uint64_t fed() const { return fed_; }

  private:
    std::atomic<std::uint64_t> fed_{0};
    std::thread thread_;
};

struct Summary {
    std::uint64_t articles = 0, added = 0, database = 0;
};

Summary expect_interrupted_summary(const test::CommandResult& r) {
    Summary s;
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("newsdex-index: interrupted: indexed "), std::string::npos) << r.err;
    auto lines = test::non_warning_lines(r.err);
    EXPECT_EQ(lines.size(), 1u) << "one summary line:\n" << r.err;
    s.articles = test::number_after(r.err, "interrupted: indexed ").value_or(0);
    s.added = test::number_after(r.err, "articles (").value_or(0);
    s.database = test::number_after(r.err, "database has ").value_or(0);
    return s;
}

void interrupt_segment_mode(int signal) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
    EndlessFeed feed(index, 0);
    // Analysis is under way once a worker has rolled over to a second segment.
    ASSERT_TRUE(test::wait_for(
        [&] {
            auto dirs = test::build_dirs(db);
            return !dirs.empty() && test::committed_segments(dirs.front()) >= 2;
        },
        &index));
    index.send(signal);
    feed.join();
    auto r = index.wait();
    Summary s = expect_interrupted_summary(r);
    EXPECT_GT(s.articles, 0u);
    EXPECT_EQ(s.database, s.articles) << "everything analysed was merged into the new database";
    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, s.database);
    EXPECT_EQ(c.unique_ids, c.documents);
    EXPECT_EQ(c.hits, c.documents);
    EXPECT_LT(c.documents, feed.fed()) << "the run stopped before the input did";
    EXPECT_TRUE(test::build_dirs(db).empty());
}

TEST(Interrupt, SigintInSegmentModeMergesWhatWasAnalysed) { interrupt_segment_mode(SIGINT); }
TEST(Interrupt, SigtermInSegmentModeMergesWhatWasAnalysed) { interrupt_segment_mode(SIGTERM); }

void interrupt_direct_mode(int signal) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    auto first = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                                   test::jsonl_articles("a", 0, 100));
    ASSERT_EQ(first.exit_code, 0) << first.err;

    ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
    EndlessFeed feed(index, 100);
    ASSERT_TRUE(test::wait_for(
        [&] {
            try {
                return Xapian::Database(db.string()).get_doccount() >= 300;
            } catch (const Xapian::Error&) {
                return false;
            }
        },
        &index));
    index.send(signal);
    feed.join();
    Summary s = expect_interrupted_summary(index.wait());
    EXPECT_EQ(s.added, s.articles);
    EXPECT_EQ(s.database, 100 + s.added)
        << "every analysed article is committed, not only those up to the last --flush";
    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, s.database);
    EXPECT_EQ(c.unique_ids, c.documents);
    EXPECT_EQ(c.hits, c.documents);
}

TEST(Interrupt, SigintInDirectModeCommitsWhatWasAnalysed) { interrupt_direct_mode(SIGINT); }
TEST(Interrupt, SigtermInDirectModeCommitsWhatWasAnalysed) { interrupt_direct_mode(SIGTERM); }

TEST(InterruptShared, SigintDuringAReutersIndex) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    ChildProcess index(tool_path("newsdex-index"),
                       {"--jobs", "2", "--segment-docs", "2000", "--db", db.string(),
                        (test::shared_corpus_dir() / "reuters21578").string()});
    test::wait_for(
        [&] {
            auto dirs = test::build_dirs(db);
            return !dirs.empty() && test::committed_segments(dirs.front()) >= 2;
        },
        &index);
    index.send(SIGINT);
    auto r = index.wait();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto database = test::number_after(r.err, "database has ");
    ASSERT_TRUE(database) << r.err;
    test::DbCheck c = test::check_database(db, "collection:reuters21578");
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, *database);
    EXPECT_EQ(c.hits, c.documents);
    if (r.err.find("interrupted: indexed ") != std::string::npos) {
        EXPECT_EQ(test::number_after(r.err, "interrupted: indexed "), database);
        EXPECT_LT(*database, 21578u);
    } else {
        std::cout << "[          ] the run ended before the signal\n";
    }
}

}  // namespace
}  // namespace newsdex
