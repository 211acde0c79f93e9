#pragma once
// Readers and the in-place writer of a database agree, through two lock files
// in its directory, that the writer never overwrites a revision a search is
// still reading.
//
// Why: in Xapian's glass backend a commit of revision N frees the blocks that
// only revision N-1 used, and the writer reuses freed blocks while it builds
// revision N+1, before committing it (glass_freelist.cc: blocks freed while
// building N become allocatable once N is committed). So a reader of revision
// R is safe while the writer builds R+1, and no longer once the writer starts
// on R+2: the reader then gets DatabaseModifiedError (or a root block read as
// DatabaseCorruptError). Reopening and retrying cannot help a search that is
// slower than two commits: it loses every race.
//
// The protocol (the invariant both sides keep):
//  - The directory holds kPinFiles[0] and kPinFiles[1]; the file for revision
//    N is kPinFiles[N % 2].
//  - The writer, before it writes anything that will become revision N (any
//    change, and the commit), holds an exclusive flock() on file N % 2, and
//    releases it as soon as N is committed. It never holds both files.
//  - A reader holds a shared flock() on one of the files from before it opens
//    (or reopens) the database until its search is done, and after the open
//    moves to the file of the revision it got when it can.
//  Holding file R % 2, the writer cannot build R+2 (the first revision that may
//  overwrite R); holding file (R+1) % 2, it cannot even build R+1. Either way
//  revision R stays intact for the whole search.
//
// Fairness: the writer only ever waits for readers of the revision before the
// last commit. Readers arriving meanwhile open the newest revision and pin
// the other file (holding the writer's file at most for the instant of their
// open), so they cannot starve the writer, and the writer never stops them: no
// turnstile is needed. A search delays the writer by at most its own duration,
// and only if it is still running one commit after it started.
//
// Fallbacks: a database without the files (built by another tool, or never
// written in place by newsdex), a reader that cannot open them, or a writer
// that cannot create them gets no pin; the Searcher then relies on reopening
// and retrying, as before. A writer never waits longer than
// CommitGate::Options::max_wait for a reader (a stopped process holding a pin
// must not stop indexing); past it the writer goes on and that reader retries.

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <xapian.h>

namespace newsdex {

/// The lock files in the database directory, by revision parity.
inline constexpr std::array<const char*, 2> kPinFiles = {"newsdex-readers-even.lock",
                                                         "newsdex-readers-odd.lock"};

/// Creates the pin files in `db_dir` if missing (mode 0666 less the umask, as
/// Xapian creates its own files). Returns false if they cannot be created.
bool create_pin_files(const std::string& db_dir);

/// An open file descriptor closed on destruction.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd();
    UniqueFd(UniqueFd&& other) noexcept;
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

  private:
    int fd_ = -1;
};

/// A reader's pin: while it lives, the writer does not overwrite the revision
/// the reader opened (see the protocol above). Movable, not copyable.
///
/// Use: take() before opening or reopening the database, then settle() with
/// the revision that was opened; keep the pin until the search is done.
class RevisionPin {
  public:
    RevisionPin() = default;  ///< inactive: protects nothing
    ~RevisionPin();
    RevisionPin(RevisionPin&& other) noexcept;
    RevisionPin& operator=(RevisionPin&& other) noexcept;

    /// Opens the pin files of the database in `db_dir` read-only and takes a
    /// shared lock on one of them: on the file of `last_revision` (the
    /// revision this reader saw last) when it is free, else the other one.
    /// Inactive when the files are missing or cannot be opened.
    static RevisionPin take(const std::string& db_dir, std::optional<Xapian::rev> last_revision);

    /// Called once the database is open at `opened` (while this pin was
    /// held): moves the lock to the file of `opened` if it is free. If it is
    /// not, keeping the other file is just as safe (it stops the writer before
    /// revision opened+1) and only delays the writer more.
    void settle(Xapian::rev opened);

    bool active() const { return held_ >= 0; }
    /// The file index (0 or 1) held, -1 when inactive. For tests.
    int held_file() const { return held_; }

  private:
    std::array<UniqueFd, 2> files_;
    int held_ = -1;
};

/// The writer's warning when it gave up waiting (CommitGate::Options::on_give_up),
/// the same for every writer.
std::string gave_up_waiting_message(Xapian::rev revision, std::chrono::milliseconds waited);

/// The writer's side: call before_change() before every change of the
/// database (add, replace, delete, spelling, commit) and after_change() after
/// it; change() does both.
class CommitGate {
  public:
    struct Options {
        /// Longest the writer waits for one revision's readers. A search that
        /// takes longer loses its revision and is retried by the Searcher.
        std::chrono::milliseconds max_wait{std::chrono::minutes(2)};
        /// Called (on the writer's thread) when the writer has to wait for
        /// readers before building `revision`. Observing the wait is what
        /// lets tests reach it without sleeping.
        std::function<void(Xapian::rev revision)> on_wait;
        /// Called when the writer gave up waiting after max_wait and goes on.
        std::function<void(Xapian::rev revision, std::chrono::milliseconds waited)> on_give_up;
    };

    CommitGate() = default;  ///< inactive: never waits
    /// Creates the pin files in `db_dir` (see create_pin_files); inactive if
    /// that fails, in which case readers fall back to retrying.
    explicit CommitGate(const std::string& db_dir, Options options);
    explicit CommitGate(const std::string& db_dir) : CommitGate(db_dir, Options{}) {}
    ~CommitGate();
    CommitGate(const CommitGate&) = delete;
    CommitGate& operator=(const CommitGate&) = delete;

    /// Blocks until no reader pins the revision that the next commit of `db`
    /// may overwrite (or max_wait passed). Cheap when already cleared.
    void before_change(const Xapian::WritableDatabase& db);
    /// Releases the lock once `db` has committed (explicitly or by Xapian's
    /// own flush threshold), so readers can pin the new revision.
    void after_change(const Xapian::WritableDatabase& db);

    template <class Change>
    void change(Xapian::WritableDatabase& db, Change&& apply) {
        before_change(db);
        apply();
        after_change(db);
    }

    bool active() const { return static_cast<bool>(files_[0]); }
    /// How often the writer had to wait, and how long in total. For reports.
    unsigned waits() const { return waits_; }
    std::chrono::milliseconds waited() const { return waited_; }

  private:
    void release();

    std::array<UniqueFd, 2> files_;
    Options options_;
    int held_ = -1;
    /// The revision the writer is cleared to build (held_ or gave up on).
    std::optional<Xapian::rev> building_;
    unsigned waits_ = 0;
    std::chrono::milliseconds waited_{0};
};

}  // namespace newsdex
