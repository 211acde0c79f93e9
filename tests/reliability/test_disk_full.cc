// A full disk or an unwritable database: the run ends with one clear line and
// exit status 3, and the database still opens at its last commit.
//
// The disk is a 2 MB tmpfs the test mounts; that needs root (CI runs as
// root), so elsewhere these tests skip.

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <xapian.h>

#include "reliability/reliability_util.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using test::tool_path;

/// A small tmpfs mounted for one test, unmounted on destruction.
class SmallDisk {
  public:
    explicit SmallDisk(fs::path dir) : dir_(std::move(dir)) {
        fs::create_directories(dir_);
        if (geteuid() != 0) {
            why_not_ = "mounting a small file system needs root";
            return;
        }
        if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=2m") != 0) {
            why_not_ = std::string("mount -t tmpfs failed: ") + std::strerror(errno);
            return;
        }
        mounted_ = true;
    }
    ~SmallDisk() {
        if (mounted_ && ::umount(dir_.c_str()) != 0) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& why_not() const { return why_not_; }
    const fs::path& path() const { return dir_; }
    bool remount_read_only() {
        return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=2m") == 0;
    }

  private:
    fs::path dir_;
    bool mounted_ = false;
    std::string why_not_;
};

#define NEWSDEX_REQUIRE_MOUNT(disk) \
    if (!(disk).mounted()) GTEST_SKIP() << (disk).why_not()

/// Far more than 2 MB once indexed (positions, spelling, stored text).
fs::path big_corpus(const test::TempDir& tmp) {
    fs::path file = tmp / "big.jsonl";
    std::ofstream(file, std::ios::binary) << test::jsonl_articles("big", 0, 6000, 80);
    return file;
}

fs::path small_corpus(const test::TempDir& tmp) {
    fs::path file = tmp / "small.jsonl";
    std::ofstream(file, std::ios::binary) << test::jsonl_articles("small", 0, 100, 20);
    return file;
}

std::vector<std::string> command(const fs::path& db, const fs::path& input,
                                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--quiet", "--jobs", "2",        "--collection",
                                  "feed",    "--db",   db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(input.string());
    return args;
}

/// Exit 3 and a single line naming the database; returns that line.
std::string expect_one_line_failure(const test::CommandResult& r, const fs::path& db) {
    EXPECT_EQ(r.exit_code, 3) << r.err;
    auto lines = test::non_warning_lines(r.err);
    EXPECT_EQ(lines.size(), 1u) << "one line of reason, not a dump:\n" << r.err;
    if (lines.empty()) return "";
    EXPECT_EQ(lines.front().rfind("newsdex-index: ", 0), 0u) << lines.front();
    EXPECT_NE(lines.front().find(db.string()), std::string::npos) << lines.front();
    return lines.front();
}

TEST(DiskFull, SegmentModeExitsThreeAndTheNewDatabaseStaysEmpty) {
    test::TempDir tmp;
    SmallDisk disk(tmp / "disk");
    NEWSDEX_REQUIRE_MOUNT(disk);
    const fs::path db = disk.path() / "db";

    auto r = test::run_command(tool_path("newsdex-index"), command(db, big_corpus(tmp)));
    std::string line = expect_one_line_failure(r, db);
    EXPECT_NE(line.find("No space left on device"), std::string::npos) << line;
    std::cout << "[          ] " << line << "\n";

    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, 0u) << "a new database's last commit is empty";
    EXPECT_EQ(test::xapian_check_problems(db), "");
    EXPECT_TRUE(test::build_dirs(db).empty()) << "the segments are removed, giving the space back";

    // With the space back, the same database takes what fits.
    auto small = test::run_command(tool_path("newsdex-index"), command(db, small_corpus(tmp)));
    EXPECT_EQ(small.exit_code, 0) << small.err;
    EXPECT_EQ(test::check_database(db).hits, 100u);
}

TEST(DiskFull, DirectModeExitsThreeAndKeepsTheLastCommit) {
    test::TempDir tmp;
    SmallDisk disk(tmp / "disk");
    NEWSDEX_REQUIRE_MOUNT(disk);
    const fs::path db = disk.path() / "db";
    auto first = test::run_command(tool_path("newsdex-index"), command(db, small_corpus(tmp)));
    ASSERT_EQ(first.exit_code, 0) << first.err;

    auto r = test::run_command(tool_path("newsdex-index"),
                               command(db, big_corpus(tmp), {"--flush", "100"}));
    std::string line = expect_one_line_failure(r, db);
    EXPECT_NE(line.find("No space left on device"), std::string::npos) << line;

    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_GE(c.documents, 100u);
    EXPECT_EQ((c.documents - 100) % 100, 0u)
        << "exactly the articles of the last commit: " << c.documents;
    EXPECT_EQ(c.unique_ids, c.documents);
    EXPECT_EQ(c.duplicated_ids, 0u);
    EXPECT_EQ(c.hits, c.documents) << "every committed article is found";
    EXPECT_EQ(test::xapian_check_problems(db), "");
    std::cout << "[          ] the full disk stopped the run at " << c.documents << " articles\n";
}

TEST(DiskFull, ReadOnlyFileSystemExitsThreeAndTheDatabaseStillOpens) {
    test::TempDir tmp;
    SmallDisk disk(tmp / "disk");
    NEWSDEX_REQUIRE_MOUNT(disk);
    const fs::path db = disk.path() / "db";
    auto first = test::run_command(tool_path("newsdex-index"), command(db, small_corpus(tmp)));
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_TRUE(disk.remount_read_only());

    auto more = tmp / "more.jsonl";
    std::ofstream(more, std::ios::binary) << test::jsonl_articles("more", 0, 10);
    std::string line = expect_one_line_failure(
        test::run_command(tool_path("newsdex-index"), command(db, more)), db);
    EXPECT_NE(line.find("Read-only file system"), std::string::npos) << line;
    EXPECT_EQ(line.find("another writer"), std::string::npos)
        << "not mistaken for a lock held by another run: " << line;
    // A new database on it cannot even be created.
    expect_one_line_failure(
        test::run_command(tool_path("newsdex-index"), command(disk.path() / "new", more)),
        disk.path() / "new");

    test::DbCheck c = test::check_database(db);
    ASSERT_TRUE(c.opened) << c.error;
    EXPECT_EQ(c.documents, 100u);
    EXPECT_EQ(c.hits, 100u);
}

}  // namespace
}  // namespace newsdex
