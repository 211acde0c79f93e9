// SIGKILL at any moment: the database opens and searches, holds exactly the
// articles of its last commit, and the same command run again completes it
// with the exact count and no duplicates.
//
// Kill points are reached by observing the run, never by sleeping: input on a
// pipe the test controls (the indexer is blocked reading it, so the state is
// known), segment databases appearing in the build directory, commits
// becoming visible in the target, the merged database appearing. States a
// kill can only hit by luck (between two renames) are built by hand.

#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <csignal>
#include <fstream>

#include <xapian.h>

#include "reliability/reliability_util.h"
#include "terms.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::ChildProcess;
using test::DbCheck;
using test::tool_path;

constexpr std::uint64_t kArticles = 3000;

/// The database is whole and holds exactly `expected` distinct articles.
void expect_complete(const fs::path& db, std::uint64_t expected, const std::string& where,
                     const std::string& query = "newsdexmarker") {
    DbCheck c = test::check_database(db, query);
    ASSERT_TRUE(c.opened) << where << ": " << c.error;
    EXPECT_EQ(c.documents, expected) << where;
    EXPECT_EQ(c.unique_ids, expected) << where;
    EXPECT_EQ(c.duplicated_ids, 0u) << where;
    EXPECT_EQ(c.without_id, 0u) << where;
    EXPECT_EQ(c.hits, expected) << where << ": every article is found by a search";
    EXPECT_EQ(test::xapian_check_problems(db), "") << where;
    EXPECT_TRUE(test::build_dirs(db).empty()) << where << ": scratch directories were left behind";
}

/// The database opens, searches, and has no duplicated or id-less article.
DbCheck expect_whole(const fs::path& db, const std::string& where,
                     const std::string& query = "newsdexmarker") {
    DbCheck c = test::check_database(db, query);
    EXPECT_TRUE(c.opened) << where << ": " << c.error;
    EXPECT_EQ(c.unique_ids, c.documents) << where;
    EXPECT_EQ(c.duplicated_ids, 0u) << where;
    EXPECT_EQ(c.without_id, 0u) << where;
    EXPECT_EQ(c.hits, c.documents) << where << ": every article is found by a search";
    EXPECT_EQ(test::xapian_check_problems(db), "") << where;
    return c;
}

std::vector<std::string> stdin_command(const fs::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--quiet", "--jobs",         "2",        "--flush",
                                  "50",      "--segment-docs", "200",      "--collection",
                                  "feed",    "--db",           db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("-");
    return args;
}

/// Runs the command to completion (the "same command again" of the issue).
void rerun_to_completion(const fs::path& db, const std::string& all, std::uint64_t expected,
                         const std::string& where) {
    auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db), all);
    EXPECT_EQ(r.exit_code, 0) << where << ": " << r.err;
    expect_complete(db, expected, where + ", after the re-run");
}

TEST(KillResume, SegmentModeKilledWhileAnalysing) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const std::string all = test::jsonl_articles("a", 0, kArticles);
    {
        ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
        ASSERT_TRUE(index.feed(test::jsonl_articles("a", 0, 1000)));
        // Two committed segments: roll-over at 200 documents happened, so the
        // workers are deep in analysis while the reader waits for more input.
        ASSERT_TRUE(test::wait_for(
            [&] {
                auto dirs = test::build_dirs(db);
                return !dirs.empty() && test::committed_segments(dirs.front()) >= 2;
            },
            &index));
        index.send(SIGKILL);
        EXPECT_EQ(index.wait().exit_code, 128 + SIGKILL);
    }
    DbCheck killed = expect_whole(db, "killed while analysing");
    EXPECT_EQ(killed.documents, 0u)
        << "nothing reaches a new target before the merge: its last commit is empty";
    EXPECT_EQ(test::build_dirs(db).size(), 1u)
        << "the killed run's scratch directory is left (and cleaned next run)";
    rerun_to_completion(db, all, kArticles, "segment mode killed while analysing");
}

TEST(KillResume, SegmentModeKilledAroundTheMerge) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const std::string all = test::jsonl_articles("a", 0, kArticles);
    std::string state = "finished before the kill";
    {
        ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
        ASSERT_TRUE(index.feed(all));
        index.close_stdin();
        // The merged database appears when compaction starts; kill then, or
        // at the latest when the run is over (the outcome is checked either way).
        test::wait_for(
            [&] {
                for (const auto& dir : test::build_dirs(db))
                    if (fs::exists(dir / "merged")) return true;
                return false;
            },
            &index);
        if (index.running()) state = "killed during the merge";
        index.send(SIGKILL);
        index.wait();
    }
    DbCheck killed = expect_whole(db, state);
    EXPECT_TRUE(killed.documents == 0 || killed.documents == kArticles)
        << state
        << ": the target holds its last commit, before or after the swap: " << killed.documents;
    std::cout << "[          ] " << state << ", target had " << killed.documents << " articles\n";
    rerun_to_completion(db, all, kArticles, state);
}

TEST(KillResume, DirectModeKilledAtSeveralCommitsThenCompleted) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const std::string all = test::jsonl_articles("a", 0, kArticles);
    const std::uint64_t initial = 500;
    {
        auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                                   test::jsonl_articles("a", 0, initial));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    // The target is not empty, so these runs update it in place, committing
    // every 50 articles. Each kill lands after more commits than the last.
    std::uint64_t before = initial;
    for (std::uint64_t threshold : {initial + 200, initial + 1200}) {
        ChildProcess index(tool_path("newsdex-index"), stdin_command(db), true);
        // Feed everything up to well past the threshold, then wait with the
        // reader blocked on the pipe until the commits are visible.
        ASSERT_TRUE(index.feed(test::jsonl_articles("a", 0, threshold + 400)));
        ASSERT_TRUE(test::wait_for(
            [&] {
                try {
                    return Xapian::Database(db.string()).get_doccount() >= threshold;
                } catch (const Xapian::Error&) {
                    return false;
                }
            },
            &index));
        index.send(SIGKILL);
        EXPECT_EQ(index.wait().exit_code, 128 + SIGKILL);
        std::string where = "direct mode killed past " + std::to_string(threshold);
        DbCheck killed = expect_whole(db, where);
        EXPECT_GE(killed.documents, threshold) << where;
        EXPECT_EQ((killed.documents - before) % 50, 0u)
            << where
            << ": exactly the articles of a commit (every 50 new articles), none half-written";
        before = killed.documents;
    }
    rerun_to_completion(db, all, kArticles, "direct mode killed twice");
}

/// A process id no process has now (a child that has exited and been reaped).
pid_t dead_pid() {
    pid_t pid = fork();
    if (pid == 0) _exit(0);
    waitpid(pid, nullptr, 0);
    return pid;
}

fs::path build_dir_for(const fs::path& db, pid_t pid) {
    std::string name = ".";
    name += db.filename().string();
    name += ".newsdex-build-";
    name += std::to_string(pid);
    return db.parent_path() / name;
}

TEST(KillResume, KillBetweenTheFallbackRenamesIsUndoneByTheNextRun) {
    // Where renameat2(RENAME_EXCHANGE) is unsupported, the swap is two renames:
    // target -> BUILD/previous, BUILD/merged -> target. A kill between them
    // leaves no target; this is that state, built by hand.
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const fs::path build = build_dir_for(db, dead_pid());
    fs::create_directories(build);
    // The parked target. Segment mode only ever parks an empty one; ten
    // articles here make it visible that exactly this database comes back.
    for (const char* name : {"previous", "merged"}) {
        auto r = test::run_command(tool_path("newsdex-index"), stdin_command(tmp / name),
                                   test::jsonl_articles(name, 0, 10));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        fs::rename(tmp / name, build / name);
    }
    std::ofstream(build / "lock").flush();  // its lock, released by the kill
    ASSERT_FALSE(fs::exists(db));

    // The merge was not committed (the second rename is the commit point):
    // the target comes back as it was, and the re-run completes it.
    auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                               test::jsonl_articles("a", 0, 300));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_complete(db, 310, "after a kill between the renames");
    Xapian::Database restored(db.string());
    EXPECT_EQ(restored.get_termfreq(unique_term("feed", "previous-0")), 1u)
        << "the parked target is back";
    EXPECT_EQ(restored.get_termfreq(unique_term("feed", "merged-0")), 0u)
        << "the uncommitted merge is not";
}

TEST(KillResume, ScratchDirectoriesOfKilledRunsAreRemovedByAnyNextRun) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    {
        auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                                   test::jsonl_articles("a", 0, 100));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    // Left by killed runs: with a released lock, and (older or killed at
    // creation) without a lock file but with a dead PID in the name.
    const fs::path with_lock = build_dir_for(db, dead_pid());
    const fs::path without_lock = build_dir_for(db, dead_pid());
    for (const auto& dir : {with_lock, without_lock}) {
        fs::create_directories(dir / "segment-0-0");
        std::ofstream(dir / "segment-0-0" / "postlist.glass") << "partial";
    }
    std::ofstream(with_lock / "lock").flush();
    // Someone else's directory that merely looks similar is left alone.
    fs::create_directories(tmp / ".other.newsdex-build-1");
    ASSERT_EQ(test::build_dirs(db).size(), 2u);

    // A direct-mode run (the target is not empty) cleans up too.
    auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                               test::jsonl_articles("a", 0, 150));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_complete(db, 150, "after cleaning up");
    EXPECT_TRUE(fs::exists(tmp / ".other.newsdex-build-1"));
}

TEST(KillResume, ALiveBuildMakesASecondWriterExitThree) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const fs::path live = build_dir_for(db, getpid());
    fs::create_directories(live);
    int fd = ::open((live / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);  // as a running segment-mode build holds it

    auto r = test::run_command(tool_path("newsdex-index"), stdin_command(db),
                               test::jsonl_articles("a", 0, 10));
    ::close(fd);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(db.string()), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(live)) << "a live build is never removed";
}

// --- Reuters-21578, the real thing (skipped without ../shared/corpus) ---

const std::uint64_t kReuters = 21578;

std::vector<std::string> reuters_command(const fs::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--quiet", "--jobs", "2",        "--collection",
                                  "reuters", "--db",   db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back((test::shared_corpus_dir() / "reuters21578").string());
    return args;
}

TEST(KillResumeShared, ReutersSegmentModeKilledThreeTimesThenCompleted) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    const std::vector<std::string> command =
        reuters_command(db, {"--segment-docs", "2000", "--flush", "500"});
    struct KillPoint {
        const char* name;
        std::function<bool(const fs::path& build)> reached;
    };
    const KillPoint points[] = {
        {"first segment", [](const fs::path& b) { return test::committed_segments(b) >= 1; }},
        {"several segments", [](const fs::path& b) { return test::committed_segments(b) >= 4; }},
        {"merge", [](const fs::path& b) { return fs::exists(b / "merged"); }},
    };
    for (const KillPoint& point : points) {
        ChildProcess index(tool_path("newsdex-index"), command);
        bool reached = test::wait_for(
            [&] {
                for (const auto& dir : test::build_dirs(db))
                    if (point.reached(dir)) return true;
                return false;
            },
            &index);
        index.send(SIGKILL);
        auto r = index.wait();
        std::string where = std::string("Reuters, killed at ") + point.name;
        if (!reached || r.exit_code != 128 + SIGKILL) where += " (the run ended first)";
        DbCheck killed = expect_whole(db, where, "collection:reuters");
        EXPECT_TRUE(killed.documents == 0 || killed.documents == kReuters)
            << where << ": " << killed.documents;
        std::cout << "[          ] " << where << ": target had " << killed.documents
                  << " articles\n";
        if (killed.documents == kReuters) break;  // nothing left to interrupt
    }
    auto r = test::run_command(tool_path("newsdex-index"), command);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_complete(db, kReuters, "Reuters segment mode, after the re-run", "collection:reuters");
}

TEST(KillResumeShared, ReutersDirectModeKilledTwiceThenCompleted) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    {
        // One file first, so the whole corpus then goes in directly.
        auto args = reuters_command(db);
        args.back() = (test::shared_corpus_dir() / "reuters21578" / "reut2-000.sgm").string();
        auto r = test::run_command(tool_path("newsdex-index"), args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const std::vector<std::string> command = reuters_command(db, {"--flush", "500"});
    std::uint64_t before = test::check_database(db).documents;
    ASSERT_EQ(before, 1000u);
    for (std::uint64_t threshold : {3000u, 8000u}) {
        ChildProcess index(tool_path("newsdex-index"), command);
        test::wait_for(
            [&] {
                try {
                    return Xapian::Database(db.string()).get_doccount() >= threshold;
                } catch (const Xapian::Error&) {
                    return false;
                }
            },
            &index);
        index.send(SIGKILL);
        bool killed_running = index.wait().exit_code == 128 + SIGKILL;
        std::string where = "Reuters direct mode killed past " + std::to_string(threshold);
        DbCheck killed = expect_whole(db, where, "collection:reuters");
        if (killed_running) {
            EXPECT_EQ((killed.documents - before) % 500, 0u)
                << where << ": exactly the articles of a commit";
        }
        std::cout << "[          ] " << where << ": target had " << killed.documents
                  << " articles\n";
        before = killed.documents;
    }
    auto r = test::run_command(tool_path("newsdex-index"), command);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_complete(db, kReuters, "Reuters direct mode, after the re-run", "collection:reuters");
}

}  // namespace
}  // namespace newsdex
