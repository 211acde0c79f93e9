#include "revision_pin.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <thread>
#include <utility>

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

std::string pin_path(const std::string& db_dir, std::size_t file) {
    return (std::filesystem::path(db_dir) / kPinFiles[file]).string();
}

/// flock() without waiting, retried on EINTR: 0 when the lock was taken,
/// else the errno (EWOULDBLOCK: someone else holds it).
int try_flock(int fd, int operation) {
    for (;;) {
        if (::flock(fd, operation | LOCK_NB) == 0) return 0;
        if (errno != EINTR) return errno;
    }
}

void unlock(int fd) {
    // An explicit unlock, not just close(): a child forked meanwhile shares
    // the open file description and would otherwise keep the lock until it
    // execs (the descriptors are O_CLOEXEC).
    if (fd >= 0) ::flock(fd, LOCK_UN);
}

}  // namespace

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}
UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

bool create_pin_files(const std::string& db_dir) {
    for (std::size_t i = 0; i < kPinFiles.size(); ++i) {
        UniqueFd fd(::open(pin_path(db_dir, i).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666));
        if (!fd) return false;
    }
    return true;
}

RevisionPin RevisionPin::take(const std::string& db_dir, std::optional<Xapian::rev> last_revision) {
    RevisionPin pin;
    for (std::size_t i = 0; i < pin.files_.size(); ++i) {
        pin.files_[i] = UniqueFd(::open(pin_path(db_dir, i).c_str(), O_RDONLY | O_CLOEXEC));
        if (!pin.files_[i]) return RevisionPin();  // no pin files: nothing to coordinate with
    }
    // The writer holds at most one file at a time, so one of the two is free
    // but for the instant in which the writer moves between them.
    const int first = last_revision ? static_cast<int>(*last_revision % 2) : 0;
    for (int round = 0; round < 64; ++round) {
        for (int file : {first, 1 - first}) {
            if (try_flock(pin.files_[file].get(), LOCK_SH) == 0) {
                pin.held_ = file;
                return pin;
            }
        }
        sched_yield();
    }
    // Only a writer switching files endlessly gets here; waiting on one file
    // lasts at most one of its transactions.
    while (::flock(pin.files_[first].get(), LOCK_SH) != 0)
        if (errno != EINTR) return RevisionPin();
    pin.held_ = first;
    return pin;
}

void RevisionPin::settle(Xapian::rev opened) {
    const int wanted = static_cast<int>(opened % 2);
    if (held_ < 0 || held_ == wanted) return;
    // Busy only in the instant after the writer committed `opened` and before
    // it released that file; a few tries cover it.
    for (int round = 0; round < 8; ++round) {
        if (try_flock(files_[wanted].get(), LOCK_SH) == 0) {
            unlock(files_[held_].get());
            held_ = wanted;
            return;
        }
        sched_yield();
    }
}

RevisionPin::~RevisionPin() {
    if (held_ >= 0) unlock(files_[held_].get());
}

RevisionPin::RevisionPin(RevisionPin&& other) noexcept
    : files_(std::move(other.files_)), held_(std::exchange(other.held_, -1)) {}

RevisionPin& RevisionPin::operator=(RevisionPin&& other) noexcept {
    if (this != &other) {
        if (held_ >= 0) unlock(files_[held_].get());
        files_ = std::move(other.files_);
        held_ = std::exchange(other.held_, -1);
    }
    return *this;
}

CommitGate::CommitGate(const std::string& db_dir, Options options) : options_(std::move(options)) {
    if (!create_pin_files(db_dir)) return;
    std::array<UniqueFd, 2> files;
    for (std::size_t i = 0; i < files.size(); ++i) {
        files[i] = UniqueFd(::open(pin_path(db_dir, i).c_str(), O_RDWR | O_CLOEXEC));
        if (!files[i]) return;
    }
    files_ = std::move(files);
}

CommitGate::~CommitGate() { release(); }

void CommitGate::release() {
    if (held_ >= 0) unlock(files_[held_].get());
    held_ = -1;
}

void CommitGate::before_change(const Xapian::WritableDatabase& db) {
    if (!active()) return;
    const Xapian::rev next = db.get_revision() + 1;
    if (building_ == next) return;  // cleared already (or gave up) for this revision
    release();
    building_ = next;
    const int file = static_cast<int>(next % 2);
    int error = try_flock(files_[file].get(), LOCK_EX);
    if (error == 0) {
        held_ = file;
        return;
    }
    if (error != EWOULDBLOCK) {
        // flock() does not work here (ENOLCK on some network file systems):
        // readers cannot pin either, and fall back to retrying.
        files_ = {};
        return;
    }
    // Readers of revision next-2 (opened before the last commit) are still
    // searching. Readers arriving now hold this file at most while they open
    // the database (then they pin the newest revision, the other file), so
    // the wait ends when the searches waited for end. Poll rather than block
    // in flock(), so that the wait is bounded.
    ++waits_;
    if (options_.on_wait) options_.on_wait(next);
    const auto started = Clock::now();
    auto pause = std::chrono::microseconds(50);
    for (;;) {
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(5000));
        error = try_flock(files_[file].get(), LOCK_EX);
        const auto waited =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        if (error == 0) {
            waited_ += waited;
            held_ = file;
            return;
        }
        if (error != EWOULDBLOCK || waited >= options_.max_wait) {
            waited_ += waited;
            if (options_.on_give_up) options_.on_give_up(next, waited);
            return;
        }
    }
}

void CommitGate::after_change(const Xapian::WritableDatabase& db) {
    if (building_ && db.get_revision() >= *building_) release();
}

std::string gave_up_waiting_message(Xapian::rev revision, std::chrono::milliseconds waited) {
    // The revision being built is two ahead of the one the search holds.
    return "a search has held revision " + std::to_string(revision - 2) + " for " +
           std::to_string(waited.count() / 1000) + " s; writing on (that search will start again)";
}

}  // namespace newsdex
