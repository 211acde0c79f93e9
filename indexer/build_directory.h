#pragma once
// Crash-safe handling of a segment-mode build's scratch directory and of the
// swap that makes its merged database the target.
//
// Invariants (docs/reliability.md holds the user-facing guarantee):
//  - Nothing reaches the target before swap_directory_in: a kill before it
//    leaves the target at its last commit.
//  - While a run uses its scratch directory .NAME.newsdex-build-PID/, the
//    directory's "lock" file is flock()ed by that run. A later run therefore
//    tells a live build (stop: DatabaseLockedError) from one a kill left behind
//    (clean it up), even when the PID has been reused.
//  - The target is never missing except between the two renames of the
//    fallback swap (file systems without renameat2(RENAME_EXCHANGE)); a kill in
//    that window is undone by recover_interrupted_builds, which puts the
//    parked target back before anything else touches the database.
//
// The rename and exchange steps are injectable (DirectorySwapSteps) so that
// tests reproduce each crash window deterministically, without killing a
// process.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace newsdex {

/// An flock()ed file. The lock lasts exactly as long as this process holds
/// the descriptor, so it also ends when the process is SIGKILLed (a PID in a
/// name cannot tell that: PIDs are reused). Two FileLocks on the same file
/// exclude each other even within one process (flock locks belong to the open
/// file description).
class FileLock {
  public:
    FileLock() = default;
    /// Takes the lock on `path` (created when missing) without waiting;
    /// locked() is false when another holder has it (held_elsewhere()) or the
    /// file cannot be opened.
    explicit FileLock(const std::filesystem::path& path);
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    bool locked() const { return fd_ >= 0; }
    bool held_elsewhere() const { return held_elsewhere_; }

  private:
    void release();
    int fd_ = -1;
    bool held_elsewhere_ = false;
};

/// What names a build's scratch directory: ".NAME" + kBuildDirMarker + PID.
inline constexpr std::string_view kBuildDirMarker = ".newsdex-build-";
/// The file inside a scratch directory that its live run holds locked.
inline constexpr std::string_view kBuildLockFile = "lock";
/// Where the fallback swap parks the old target, inside the scratch directory.
inline constexpr std::string_view kParkedTarget = "previous";

/// The target as an absolute path without a trailing slash.
std::filesystem::path normal_db_path(const std::string& db_path);

/// The scratch directory a run with process id `pid` uses for `db_path`.
std::filesystem::path build_dir_path(const std::string& db_path, long pid);

/// A run's scratch directory: created empty and locked on construction,
/// removed (with everything in it) on destruction.
class ScratchDir {
  public:
    explicit ScratchDir(std::filesystem::path path);
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
    FileLock lock_;
};

/// Cleans up after segment-mode runs on `db_path` that were killed (SIGKILL,
/// power loss, OOM killer) before they could remove their scratch directory,
/// and refuses to run beside one that is still alive.
///
/// A killed run can leave:
///  - .NAME.newsdex-build-PID/ with segments and perhaps "merged": removed
///    (they never reached the target, which still holds its last commit);
///  - no target at all, when the kill fell between the fallback swap's two
///    renames: the target is then BUILD/previous and is renamed back before
///    anything else, so the target always comes back at its last commit.
/// Throws DatabaseLockedError when a build's lock is held: that run may be
/// about to swap its merged database in, so writing to the target meanwhile
/// would be lost.
void recover_interrupted_builds(const std::string& db_path);

/// Makes a rename in `dir` survive power loss, not only process death.
void sync_directory(const std::filesystem::path& dir);

/// Flushes every file of a database directory, then the directory, so that
/// once it is swapped in a power loss cannot leave the target naming
/// unwritten blocks.
void sync_database_files(const std::filesystem::path& dir);

/// The file-system steps of swap_directory_in. Production uses system();
/// tests replace a step to fail it or to observe the state between steps.
struct DirectorySwapSteps {
    /// Atomically exchanges the two names; returns 0 or an errno value
    /// (EINVAL, ENOSYS, ENOTSUP: the file system cannot, use the renames).
    std::function<int(const std::filesystem::path&, const std::filesystem::path&)> exchange;
    /// Renames `from` to `to`; throws std::filesystem::filesystem_error.
    std::function<void(const std::filesystem::path&, const std::filesystem::path&)> rename;

    /// renameat2(RENAME_EXCHANGE) where the platform has it, and rename(2).
    static DirectorySwapSteps system();
};

/// Puts the directory `replacement` where `target` is: the run's commit
/// point. The target is never missing when the exchange works (the old target
/// ends up at `replacement`'s path). Otherwise two renames via `parking`
/// (inside the scratch directory, named kParkedTarget) leave a window in
/// which the target is missing; a kill inside it is undone by the next run
/// (recover_interrupted_builds), an error by renaming back. Throws
/// std::filesystem::filesystem_error when the swap did not happen.
void swap_directory_in(const std::filesystem::path& replacement,
                       const std::filesystem::path& target, const std::filesystem::path& parking,
                       const DirectorySwapSteps& steps = DirectorySwapSteps::system());

}  // namespace newsdex
