#include "build_directory.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <system_error>
#include <utility>
#include <vector>

#include "errors.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

std::string build_dir_prefix(const fs::path& normal_db) {
    std::string prefix = ".";
    prefix += normal_db.filename().string();
    prefix += kBuildDirMarker;
    return prefix;
}

/// Whether process `pid` exists (EPERM: it exists but is not ours).
bool process_exists(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

}  // namespace

FileLock::FileLock(const fs::path& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // read-only directory
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        held_elsewhere_ = errno == EWOULDBLOCK;
        release();
    }
}

FileLock::~FileLock() { release(); }

FileLock::FileLock(FileLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), held_elsewhere_(other.held_elsewhere_) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        release();
        fd_ = std::exchange(other.fd_, -1);
        held_elsewhere_ = other.held_elsewhere_;
    }
    return *this;
}

void FileLock::release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

fs::path normal_db_path(const std::string& db_path) {
    fs::path db = fs::absolute(db_path).lexically_normal();
    if (db.filename().empty()) db = db.parent_path();
    return db;
}

fs::path build_dir_path(const std::string& db_path, long pid) {
    const fs::path db = normal_db_path(db_path);
    return db.parent_path() / (build_dir_prefix(db) + std::to_string(pid));
}

ScratchDir::ScratchDir(fs::path path) : path_(std::move(path)) {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_);
    lock_ = FileLock(path_ / kBuildLockFile);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void recover_interrupted_builds(const std::string& db_path) {
    const fs::path db = normal_db_path(db_path);
    const std::string prefix = build_dir_prefix(db);
    std::error_code ec;
    fs::directory_iterator it(db.parent_path(), ec);
    if (ec) return;  // no parent directory yet: nothing was ever built here
    std::vector<fs::path> stale;
    for (const fs::directory_entry& entry : it) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || !entry.is_directory(ec) || entry.is_symlink(ec)) continue;
        fs::path lock_path = entry.path() / kBuildLockFile;
        if (!fs::exists(lock_path, ec)) {
            // Created but not locked yet (a run starting right now), or left
            // by a run killed in that instant: only the PID can tell.
            pid_t pid = 0;
            try {
                pid = static_cast<pid_t>(std::stol(name.substr(prefix.size())));
            } catch (const std::exception&) {
            }
            if (pid != getpid() && process_exists(pid)) continue;
            stale.push_back(entry.path());
            continue;
        }
        FileLock probe(lock_path);
        if (!probe.locked() && !probe.held_elsewhere()) continue;  // cannot tell, cannot clean
        if (probe.held_elsewhere())
            throw DatabaseLockedError("database " + db_path +
                                      " is locked by another writer (another newsdex-index is "
                                      "building it in " +
                                      entry.path().string() + ")");
        stale.push_back(entry.path());
    }
    for (const fs::path& dir : stale) {
        // Hold the dead run's lock while cleaning, so a third run starting now
        // sees a live build instead of racing this one.
        FileLock claim(dir / kBuildLockFile);
        if (!claim.locked()) continue;
        fs::path previous = dir / kParkedTarget;
        if (!fs::exists(db, ec) && fs::exists(previous / "iamglass", ec)) {
            fs::rename(previous, db, ec);
            if (ec) continue;  // keep it for a later run rather than lose it
            sync_directory(db.parent_path());
        }
        fs::remove_all(dir, ec);
    }
}

void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

void sync_database_files(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ::fsync(fd);
        ::close(fd);
    }
    sync_directory(dir);
}

DirectorySwapSteps DirectorySwapSteps::system() {
    DirectorySwapSteps steps;
    steps.exchange = [](const fs::path& a, const fs::path& b) -> int {
#ifdef RENAME_EXCHANGE
        if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return 0;
        return errno;
#else
        (void)a;
        (void)b;
        return ENOSYS;
#endif
    };
    steps.rename = [](const fs::path& from, const fs::path& to) { fs::rename(from, to); };
    return steps;
}

void swap_directory_in(const fs::path& replacement, const fs::path& target, const fs::path& parking,
                       const DirectorySwapSteps& steps) {
    const fs::path parent = normal_db_path(target.string()).parent_path();
    if (int error = steps.exchange(replacement, target); error == 0) {
        sync_directory(parent);
        return;
    } else if (error != EINVAL && error != ENOSYS && error != ENOTSUP) {
        throw fs::filesystem_error("cannot swap in the merged database", replacement, target,
                                   std::error_code(error, std::generic_category()));
    }
    steps.rename(target, parking);
    try {
        steps.rename(replacement, target);
    } catch (...) {
        std::error_code ec;
        fs::rename(parking, target, ec);
        throw;
    }
    sync_directory(parent);
}

}  // namespace newsdex
