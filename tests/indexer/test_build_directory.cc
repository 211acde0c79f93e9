// The build-directory safety code on its own: locks, scratch directories, the
// swap that commits a segment-mode run (exchange and the fallback renames) and
// the recovery that undoes what a kill left behind. Every crash window is
// reproduced on disk deterministically: by building the state a kill leaves,
// or by snapshotting the directory from inside an injected swap step (what a
// SIGKILL at that instant would leave), without killing any process.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include <xapian.h>

#include "build_directory.h"
#include "errors.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

/// A one-document database whose document has the term `marker`, so a test
/// can tell which database ended up where.
void make_database(const fs::path& path, const std::string& marker) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document doc;
    doc.add_term(marker);
    db.add_document(doc);
    db.commit();
}

/// The marker of the database at `path`, or "" when it is not a database.
std::string marker_of(const fs::path& path) {
    try {
        Xapian::Database db(path.string());
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) return *t;
        return "(empty)";
    } catch (const Xapian::Error&) {
        return "";
    }
}

/// A PID no process has (above Linux's largest pid_max).
constexpr long kDeadPid = 99'999'999;

/// Steps that behave like a file system without RENAME_EXCHANGE.
DirectorySwapSteps without_exchange() {
    DirectorySwapSteps steps = DirectorySwapSteps::system();
    steps.exchange = [](const fs::path&, const fs::path&) { return EINVAL; };
    return steps;
}

/// A dead run's scratch directory beside `db`, holding `merged` (a database
/// with marker "new") and an unheld lock file, as a kill leaves it.
fs::path dead_build_with_merged(const fs::path& db) {
    fs::path build = build_dir_path(db.string(), kDeadPid);
    fs::create_directories(build);
    std::ofstream(build / std::string(kBuildLockFile)).flush();
    make_database(build / "merged", "new");
    return build;
}

TEST(FileLock, ExcludesASecondHolderUntilReleased) {
    test::TempDir tmp;
    const fs::path path = tmp / "lock";
    std::optional<FileLock> first(std::in_place, path);
    ASSERT_TRUE(first->locked());
    FileLock second(path);
    EXPECT_FALSE(second.locked());
    EXPECT_TRUE(second.held_elsewhere());
    first.reset();
    FileLock third(path);
    EXPECT_TRUE(third.locked());
}

TEST(ScratchDir, IsCreatedLockedAndRemovedWithItsContents) {
    test::TempDir tmp;
    const fs::path dir = build_dir_path((tmp / "db").string(), getpid());
    EXPECT_EQ(dir.filename().string(), ".db.newsdex-build-" + std::to_string(getpid()));
    {
        ScratchDir scratch(dir);
        ASSERT_TRUE(fs::is_directory(dir));
        std::ofstream(dir / "segment-0-0") << "data";
        EXPECT_TRUE(FileLock(dir / std::string(kBuildLockFile)).held_elsewhere());
    }
    EXPECT_FALSE(fs::exists(dir));
}

/// A target "db" (marker "old") and its replacement "merged" (marker "new").
class SwapDirectoryIn : public ::testing::Test {
  protected:
    void SetUp() override {
        make_database(tmp / "db", "old");
        make_database(tmp / "merged", "new");
    }
    void swap(const DirectorySwapSteps& steps) {
        swap_directory_in(tmp / "merged", tmp / "db", tmp / "previous", steps);
    }
    test::TempDir tmp;
};

TEST_F(SwapDirectoryIn, ExchangePutsTheReplacementInPlaceAndTheOldTargetAtItsPath) {
    int exchanges = 0;
    DirectorySwapSteps steps = DirectorySwapSteps::system();
    auto system_exchange = steps.exchange;
    steps.exchange = [&](const fs::path& a, const fs::path& b) {
        ++exchanges;
        return system_exchange(a, b);
    };
    steps.rename = [](const fs::path&, const fs::path&) {
        throw std::logic_error("no rename where the exchange works");
    };
    try {
        swap(steps);
    } catch (const std::logic_error&) {
        GTEST_SKIP() << "this file system cannot exchange names (the fallback is tested below)";
    }
    EXPECT_EQ(exchanges, 1);
    EXPECT_EQ(marker_of(tmp / "db"), "new");
    EXPECT_EQ(marker_of(tmp / "merged"), "old");
    EXPECT_FALSE(fs::exists(tmp / "previous"));
}

TEST_F(SwapDirectoryIn, WithoutExchangeTwoRenamesParkTheOldTarget) {
    swap(without_exchange());
    EXPECT_EQ(marker_of(tmp / "db"), "new");
    EXPECT_EQ(marker_of(tmp / "previous"), "old");
    EXPECT_FALSE(fs::exists(tmp / "merged"));
}

TEST_F(SwapDirectoryIn, AnExchangeErrorOtherThanUnsupportedFailsWithoutMovingAnything) {
    DirectorySwapSteps steps = DirectorySwapSteps::system();
    steps.exchange = [](const fs::path&, const fs::path&) { return EIO; };
    EXPECT_THROW(swap(steps), fs::filesystem_error);
    EXPECT_EQ(marker_of(tmp / "db"), "old");
    EXPECT_EQ(marker_of(tmp / "merged"), "new");
}

TEST_F(SwapDirectoryIn, AFailedSecondRenamePutsTheTargetBack) {
    DirectorySwapSteps steps = without_exchange();
    int renames = 0;
    steps.rename = [&](const fs::path& from, const fs::path& to) {
        if (++renames == 2)
            throw fs::filesystem_error("injected", from, to,
                                       std::make_error_code(std::errc::no_space_on_device));
        fs::rename(from, to);
    };
    EXPECT_THROW(swap(steps), fs::filesystem_error);
    EXPECT_EQ(renames, 2);
    EXPECT_EQ(marker_of(tmp / "db"), "old") << "the target is back at its last commit";
    EXPECT_EQ(marker_of(tmp / "merged"), "new");
    EXPECT_FALSE(fs::exists(tmp / "previous"));
}

TEST_F(SwapDirectoryIn, AFailedFirstRenameLeavesTheTargetAlone) {
    DirectorySwapSteps steps = without_exchange();
    steps.rename = [&](const fs::path& from, const fs::path& to) {
        throw fs::filesystem_error("injected", from, to,
                                   std::make_error_code(std::errc::permission_denied));
    };
    EXPECT_THROW(swap(steps), fs::filesystem_error);
    EXPECT_EQ(marker_of(tmp / "db"), "old");
}

/// Runs the fallback swap of a real scratch directory and copies the whole
/// directory at the moment the `at_rename`-th rename is about to happen (0:
/// after the swap): the copy is what a SIGKILL at that instant leaves.
fs::path state_killed_at_rename(const test::TempDir& tmp, int at_rename) {
    const fs::path live = tmp / "live";
    const fs::path killed = tmp / "killed";
    fs::create_directories(live);
    make_database(live / "db", "old");
    ScratchDir scratch(build_dir_path((live / "db").string(), kDeadPid));
    make_database(scratch.path() / "merged", "new");
    DirectorySwapSteps steps = without_exchange();
    int renames = 0;
    steps.rename = [&](const fs::path& from, const fs::path& to) {
        if (++renames == at_rename) fs::copy(live, killed, fs::copy_options::recursive);
        fs::rename(from, to);
    };
    swap_directory_in(scratch.path() / "merged", live / "db",
                      scratch.path() / std::string(kParkedTarget), steps);
    if (at_rename == 0) fs::copy(live, killed, fs::copy_options::recursive);
    return killed;
}

TEST(RecoverInterruptedBuilds, AKillBetweenTheFallbackRenamesIsUndone) {
    test::TempDir tmp;
    const fs::path killed = state_killed_at_rename(tmp, 2);
    const fs::path db = killed / "db";
    ASSERT_FALSE(fs::exists(db)) << "the window: the target is parked";
    ASSERT_EQ(marker_of(build_dir_path(db.string(), kDeadPid) / std::string(kParkedTarget)), "old");
    recover_interrupted_builds(db.string());
    EXPECT_EQ(marker_of(db), "old") << "the parked target is back: the merge was not committed";
    EXPECT_FALSE(fs::exists(build_dir_path(db.string(), kDeadPid)));
}

TEST(RecoverInterruptedBuilds, AKillBeforeTheSwapLeavesTheTargetAtItsLastCommit) {
    test::TempDir tmp;
    const fs::path killed = state_killed_at_rename(tmp, 1);
    const fs::path db = killed / "db";
    recover_interrupted_builds(db.string());
    EXPECT_EQ(marker_of(db), "old");
    EXPECT_FALSE(fs::exists(build_dir_path(db.string(), kDeadPid)));
}

TEST(RecoverInterruptedBuilds, AKillAfterTheSwapKeepsTheCommittedMerge) {
    test::TempDir tmp;
    const fs::path killed = state_killed_at_rename(tmp, 0);
    const fs::path db = killed / "db";
    recover_interrupted_builds(db.string());
    EXPECT_EQ(marker_of(db), "new") << "the second rename is the commit point";
    EXPECT_FALSE(fs::exists(build_dir_path(db.string(), kDeadPid)));
}

TEST(RecoverInterruptedBuilds, ALiveBuildIsALockAndIsLeftAlone) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    make_database(db, "old");
    // A run of this process is building: its lock is held.
    ScratchDir live(build_dir_path(db.string(), getpid()));
    make_database(live.path() / "merged", "new");
    EXPECT_THROW(recover_interrupted_builds(db.string()), DatabaseLockedError);
    EXPECT_EQ(marker_of(live.path() / "merged"), "new");
    EXPECT_EQ(marker_of(db), "old");
}

TEST(RecoverInterruptedBuilds, WithoutALockFileThePidTellsDeadFromStarting) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    make_database(db, "old");
    const fs::path dead = build_dir_path(db.string(), kDeadPid);
    const fs::path starting = build_dir_path(db.string(), 1);  // init always exists
    const fs::path other = tmp / ".db2.newsdex-build-1";       // another database's
    for (const fs::path& dir : {dead, starting, other}) fs::create_directories(dir / "segment-0-0");
    recover_interrupted_builds(db.string());
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(starting)) << "a run may be about to lock it";
    EXPECT_TRUE(fs::exists(other));
    EXPECT_EQ(marker_of(db), "old");
}

TEST(RecoverInterruptedBuilds, ADeadRunsMergeNeverReachesTheTarget) {
    test::TempDir tmp;
    const fs::path db = tmp / "db";
    make_database(db, "old");
    const fs::path build = dead_build_with_merged(db);
    recover_interrupted_builds(db.string());
    EXPECT_EQ(marker_of(db), "old");
    EXPECT_FALSE(fs::exists(build));
}

TEST(RecoverInterruptedBuilds, NothingToDoWithoutAParentDirectory) {
    test::TempDir tmp;
    EXPECT_NO_THROW(recover_interrupted_builds((tmp / "missing" / "db").string()));
    EXPECT_FALSE(fs::exists(tmp / "missing"));
}

}  // namespace
}  // namespace newsdex
