// SIGINT and SIGTERM: the indexer stops reading at once, says
// "interrupting: committing N articles...", commits everything already
// analysed, prints a summary that says "interrupted" and exits 130 (SIGINT)
// or 143 (SIGTERM), so that `newsdex-index ... && publish` does not publish a
// partial index. A second signal ends it at once, the last commit intact
// (documented in docs/reliability.md).
//
// The input is a pipe the test keeps feeding (or leaves idle), so the run
// cannot end on its own: the signal always lands mid-run. The tests wait on
// what the run shows (segments, commits, a line on stderr), never on a delay.

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

int exit_status_for(int signal) { return 128 + signal; }

/// Checks the two lines an interrupted run prints: "interrupting: committing
/// N articles..." then the summary "interrupted: indexed N articles", with
/// the same N, and the exit status 128 + signal.
Summary expect_interrupted_summary(const test::CommandResult& r, int signal) {
    Summary s;
    EXPECT_EQ(r.exit_code, exit_status_for(signal)) << r.err;
    EXPECT_NE(r.err.find("newsdex-index: interrupted: indexed "), std::string::npos) << r.err;
    auto lines = test::non_warning_lines(r.err);
    EXPECT_EQ(lines.size(), 2u) << "the interrupt line and the summary:\n" << r.err;
    s.articles = test::number_after(r.err, "interrupted: indexed ").value_or(0);
    s.added = test::number_after(r.err, "articles (").value_or(0);
    s.database = test::number_after(r.err, "database has ").value_or(0);
    EXPECT_EQ(test::number_after(r.err, "newsdex-index: interrupting: committing "), s.articles)
        << r.err;
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
    Summary s = expect_interrupted_summary(r, signal);
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
    Summary s = expect_interrupted_summary(index.wait(), signal);
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

TEST(Interrupt, SigtermWhileStandardInputIsAnIdlePipeDoesNotWaitForInput) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    auto first = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                                   test::jsonl_articles("a", 0, 100));
    ASSERT_EQ(first.exit_code, 0) << first.err;

    // 100 more articles, then the pipe stays open and idle (never closed
    // before the child exits): only the signal can end the run.
    ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
    ASSERT_TRUE(index.feed(test::jsonl_articles("a", 100, 100)));
    ASSERT_TRUE(test::wait_for(
        [&] {
            try {
                return Xapian::Database(db.string()).get_doccount() >= 150;
            } catch (const Xapian::Error&) {
                return false;
            }
        },
        &index))
        << "a --flush of 50 of the fed articles is committed";
    index.send(SIGTERM);
    EXPECT_TRUE(test::wait_for([&] { return !index.running(); }))
        << "the indexer kept waiting for input";
    Summary s = expect_interrupted_summary(index.wait(), SIGTERM);
    // What the workers had analysed is committed (all of the 100 but the
    // last partial batch the reader was still filling).
    EXPECT_GE(s.database, 150u);
    EXPECT_LE(s.database, 200u);
    EXPECT_EQ(s.database, 100 + s.added);
    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, s.database);
    EXPECT_EQ(c.unique_ids, c.documents);
}

TEST(Interrupt, ASecondSigintStopsAtOnceWithTheLastCommitIntact) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
    EndlessFeed feed(index, 0);
    ASSERT_TRUE(test::wait_for(
        [&] {
            auto dirs = test::build_dirs(db);
            return !dirs.empty() && test::committed_segments(dirs.front()) >= 2;
        },
        &index));
    index.send(SIGINT);
    // The run has noticed the first signal once it says so.
    ASSERT_TRUE(test::wait_for(
        [&] { return index.stderr_so_far().find("interrupting: committing") != std::string::npos; },
        &index))
        << index.stderr_so_far();
    index.send(SIGINT);
    feed.join();
    auto r = index.wait();
    EXPECT_EQ(r.exit_code, 130) << r.err;
    const auto committing = test::number_after(r.err, "interrupting: committing ");
    ASSERT_TRUE(committing) << r.err;
    // Wherever the second signal landed (during the merge, or after the swap
    // when the run was about to exit anyway), the database is whole: empty
    // as before the run, or holding everything analysed.
    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_TRUE(c.documents == 0 || c.documents == *committing) << c.documents << "\n" << r.err;
    EXPECT_EQ(c.unique_ids, c.documents);
    EXPECT_EQ(c.hits, c.documents);
    if (r.err.find("interrupted again: stopping at once") != std::string::npos) {
        EXPECT_EQ(r.err.find("interrupted: indexed"), std::string::npos)
            << "no summary after stopping at once";
    } else {
        std::cout << "[          ] the run had finished before the second signal\n";
    }
    // Whatever the second signal left behind, the next run completes it.
    auto again = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                                   test::jsonl_articles("a", 0, 300));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(test::build_dirs(db).empty());
}

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
    auto database = test::number_after(r.err, "database has ");
    ASSERT_TRUE(database) << r.err;
    test::DbCheck c = test::check_database(db, "collection:reuters21578");
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, *database);
    EXPECT_EQ(c.hits, c.documents);
    if (r.err.find("interrupted: indexed ") != std::string::npos) {
        EXPECT_EQ(r.exit_code, 130) << r.err;
        EXPECT_EQ(test::number_after(r.err, "interrupted: indexed "), database);
        EXPECT_EQ(test::number_after(r.err, "interrupting: committing "), database);
        EXPECT_LT(*database, 21578u);
    } else {
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::cout << "[          ] the run ended before the signal\n";
    }
}

}  // namespace
}  // namespace newsdex
