#include "indexer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "bounded_queue.h"
#include "document_builder.h"
#include "errors.h"
#include "analysis/language_guess.h"
#include "schema.h"
#include "terms.h"
#include "analysis/text_analyzer.h"
#include "analysis/text_sanitizer.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatchArticles = 32;
constexpr std::size_t kQueueBatches = 16;  // per worker

/// The collection an INPUT names by default: its base name without extension
/// (also without .gz/.zst/... under it).
std::string default_collection(const std::string& input) {
    if (input == "-") return "stdin";
    fs::path p = fs::path(input).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..") name = fs::absolute(p).filename().string();
    for (const char* ext : {".gz", ".zst", ".bz2", ".xz", ".zip"}) {
        std::string_view e(ext);
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
            name.resize(name.size() - e.size());
    }
    auto dot = name.find('.');
    if (dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

/// Turns a Xapian error on the target into the library's typed error.
[[noreturn]] void rethrow_database_error(const Xapian::Error& e, const std::string& db) {
    // Xapian::Error is not polymorphic; its type name tells the subclass.
    // Xapian reports "already locked" only when another writer holds the lock;
    // any other lock failure (a read-only mount, no permission to create the
    // lock file) means the database cannot be written at all.
    if (std::string_view(e.get_type()) == "DatabaseLockError" &&
        e.get_msg().find("already locked") == std::string::npos)
        throw DatabaseError("database " + db + " cannot be written: " + e.get_msg());
    if (std::string_view(e.get_type()) == "DatabaseLockError")
        throw DatabaseLockedError("database " + db +
                                  " is locked by another writer (is another newsdex-index "
                                  "running on it?): " +
                                  e.get_msg());
    std::string what = "database " + db + ": " + e.get_type() + ": " + e.get_msg();
    // The system error is what tells a full disk ("No space left on device")
    // or a read-only mount from a damaged database.
    if (const char* system_error = e.get_error_string(); system_error && *system_error) {
        what += " (";
        what += system_error;
        what += ")";
    }
    throw DatabaseError(what);
}

/// An flock()ed file. The lock lasts exactly as long as this process holds
/// the descriptor, so it also ends when the process is SIGKILLed (a PID in a
/// name cannot tell that: PIDs are reused).
class FileLock {
  public:
    FileLock() = default;
    /// Takes the lock on `path` (created when missing) without waiting;
    /// locked() is false when another process holds it (held_elsewhere()) or
    /// the file cannot be opened.
    explicit FileLock(const fs::path& path) {
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0) fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // read-only directory
        if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            held_elsewhere_ = errno == EWOULDBLOCK;
            release();
        }
    }
    ~FileLock() { release(); }
    FileLock(FileLock&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)), held_elsewhere_(other.held_elsewhere_) {}
    FileLock& operator=(FileLock&& other) noexcept {
        if (this != &other) {
            release();
            fd_ = std::exchange(other.fd_, -1);
            held_elsewhere_ = other.held_elsewhere_;
        }
        return *this;
    }
    bool locked() const { return fd_ >= 0; }
    bool held_elsewhere() const { return held_elsewhere_; }

  private:
    void release() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    int fd_ = -1;
    bool held_elsewhere_ = false;
};

/// Segment-mode scratch space beside the target: .NAME.newsdex-build-PID.
/// Invariant: while a run uses it, its "lock" file is flock()ed by that run,
/// which is how later runs tell a live build from one a kill left behind
/// (recover_interrupted_builds).
constexpr std::string_view kBuildDirMarker = ".newsdex-build-";
constexpr const char* kBuildLockFile = "lock";

/// The target as an absolute path without a trailing slash.
fs::path normal_db_path(const std::string& db_path) {
    fs::path db = fs::absolute(db_path).lexically_normal();
    if (db.filename().empty()) db = db.parent_path();
    return db;
}

std::string build_dir_prefix(const fs::path& normal_db) {
    std::string prefix = ".";
    prefix += normal_db.filename().string();
    prefix += kBuildDirMarker;
    return prefix;
}

/// A directory removed on scope exit (segment scratch space), locked while it exists.
class ScratchDir {
  public:
    explicit ScratchDir(fs::path path) : path_(std::move(path)) {
        std::error_code ec;
        fs::remove_all(path_, ec);
        fs::create_directories(path_);
        lock_ = FileLock(path_ / kBuildLockFile);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    FileLock lock_;
};

/// Whether process `pid` exists (EPERM: it exists but is not ours).
bool process_exists(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

/// Cleans up after segment-mode runs that were killed (SIGKILL, power loss,
/// OOM killer) before they could remove their scratch directory, and refuses
/// to run beside one that is still alive.
///
/// A killed run can leave:
///  - .NAME.newsdex-build-PID/ with segments and perhaps "merged": removed
///    (they never reached the target, which still holds its last commit);
///  - no target at all, on file systems without renameat2(RENAME_EXCHANGE),
///    when the kill fell between merge_segments' two renames: the target
///    is then .../previous (the empty database it was before the run) and is
///    renamed back before anything else, so the target always comes back at
///    its last commit.
/// A build whose lock is held belongs to a live run that may be about to swap
/// its merged database in: writing to the target meanwhile would be lost, so
/// this run stops with DatabaseLockedError as for Xapian's own lock.
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
        fs::path previous = dir / "previous";
        if (!fs::exists(db, ec) && fs::exists(previous / "iamglass", ec)) {
            fs::rename(previous, db, ec);
            if (ec) continue;  // keep it for a later run rather than lose it
        }
        fs::remove_all(dir, ec);
    }
}

/// Makes a rename in `dir` survive power loss, not only process death.
void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// Flushes every file of a database directory to disk, so that once it is
/// swapped in, a power loss cannot leave the target naming unwritten blocks.
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

/// Puts the directory `replacement` where `target` is. The target is never
/// missing: renameat2(RENAME_EXCHANGE) swaps both names in one atomic step
/// (the old target ends up at `replacement`'s path). Where the file system
/// cannot exchange, two renames via `parking` (inside the scratch directory)
/// leave a window in which the target is missing; a kill inside it is undone
/// by the next run (recover_interrupted_builds), an error by renaming back.
void swap_directory_in(const fs::path& replacement, const fs::path& target,
                       const fs::path& parking) {
#ifdef RENAME_EXCHANGE
    if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) ==
        0) {
        sync_directory(normal_db_path(target.string()).parent_path());
        return;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        throw fs::filesystem_error("cannot swap in the merged database", replacement, target,
                                   std::error_code(errno, std::generic_category()));
#endif
    fs::rename(target, parking);
    try {
        fs::rename(replacement, target);
    } catch (...) {
        std::error_code ec;
        fs::rename(parking, target, ec);
        throw;
    }
    sync_directory(normal_db_path(target.string()).parent_path());
}

/// Spelling words counted in memory and handed to Xapian in bulk: one
/// add_spelling per distinct word instead of one per word per article
/// (Xapian keeps pending spelling changes in ordered maps and rewrites them at
/// each commit; per-article calls cost ~20% of indexing time). Memory is
/// bounded by the vocabulary of one segment (or one flush in direct mode).
class SpellingAccumulator {
  public:
    void add(const std::vector<std::string>& words) {
        for (const auto& w : words) ++counts_[w];
    }
    void flush_into(Xapian::WritableDatabase& db) {
        for (const auto& [word, count] : counts_) db.add_spelling(word, count);
        counts_.clear();
    }

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

/// One worker's sequence of segment databases.
class SegmentWriter {
  public:
    SegmentWriter(fs::path dir, std::string name, const IndexOptions& options)
        : dir_(std::move(dir)), name_(std::move(name)), options_(options) {}

    void add(BuiltDocument& built) {
        if (!db_) open_next();
        db_->add_document(built.document);
        if (options_.spelling) spelling_.add(built.spelling_words);
        ++in_segment_;
        if (++since_commit_ >= options_.flush_docs) {
            // Spelling goes in once per segment (finish_segment): every
            // commit would rewrite the frequencies of the same common words.
            db_->commit();
            since_commit_ = 0;
        }
        if (in_segment_ >= options_.segment_docs) finish_segment();
    }

    void finish() { finish_segment(); }
    const std::vector<fs::path>& segments() const { return done_; }

  private:
    void open_next() {
        fs::path path = dir_ / (name_ + "-" + std::to_string(done_.size()));
        db_.emplace(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        current_ = path;
        in_segment_ = since_commit_ = 0;
    }
    void finish_segment() {
        if (!db_) return;
        spelling_.flush_into(*db_);
        db_->commit();
        db_->close();
        db_.reset();
        done_.push_back(current_);
    }

    fs::path dir_;
    std::string name_;
    const IndexOptions& options_;
    std::optional<Xapian::WritableDatabase> db_;
    fs::path current_;
    std::vector<fs::path> done_;
    std::uint32_t in_segment_ = 0, since_commit_ = 0;
    SpellingAccumulator spelling_;
};

struct Job {
    InputFile file;
    std::string collection;
};

using ArticleBatch = std::vector<Article>;
using DocumentBatch = std::vector<BuiltDocument>;

class IndexRun {
  public:
    IndexRun(const IndexOptions& options, const IndexCallbacks& callbacks,
             const std::atomic<bool>* cancel)
        : options_(options), callbacks_(callbacks), user_cancel_(cancel) {}

    IndexStats run();

  private:
    void warn(Diagnostic d);
    bool cancelled() const { return read_cancel_.load(std::memory_order_relaxed); }
    void fail(std::exception_ptr e);
    void monitor_loop();
    void read_all(const std::vector<Job>& jobs, BoundedQueue<ArticleBatch>& out);
    void write_direct(Xapian::WritableDatabase& db, BoundedQueue<DocumentBatch>& in);
    void defer_duplicate(Article&& article);
    void merge_segments(std::vector<fs::path> segments,
                        std::optional<Xapian::WritableDatabase>& target);
    void replay_updates(Xapian::WritableDatabase& target);

    const IndexOptions& options_;
    const IndexCallbacks& callbacks_;
    const std::atomic<bool>* user_cancel_;

    std::atomic<bool> stop_{false};
    /// What readers poll between records: set on error and, by the monitor
    /// thread, when the user interrupts.
    std::atomic<bool> read_cancel_{false};
    std::mutex error_mutex_;
    std::exception_ptr error_;

    std::mutex warn_mutex_;
    IndexStats stats_;

    std::atomic<std::uint64_t> articles_read_{0}, bytes_done_{0}, bytes_current_{0};
    std::atomic<std::uint64_t> added_{0}, updated_{0}, unchanged_{0}, skipped_{0};
    std::uint64_t bytes_total_ = 0;
    Clock::time_point start_ = Clock::now();
    std::atomic<bool> merging_{false};
    Clock::time_point last_progress_ = Clock::now();

    // Segment mode: ids seen in this run (64-bit hashes keep memory small; a
    // collision only sends an article down the slower, still correct, update path).
    bool segment_mode_ = false;
    std::unordered_set<std::uint64_t> seen_;
    std::optional<ScratchDir> scratch_;
    std::optional<Xapian::WritableDatabase> updates_;
    std::unique_ptr<TextAnalyzer> reader_analyzer_;
    std::uint64_t deferred_ = 0;

    std::mutex done_mutex_;
    std::condition_variable done_cv_;
    bool done_ = false;
};

void IndexRun::warn(Diagnostic d) {
    std::lock_guard lock(warn_mutex_);
    ++stats_.warnings;
    if (d.record_skipped) skipped_.fetch_add(1, std::memory_order_relaxed);
    if (callbacks_.on_warning) callbacks_.on_warning(d);
}

void IndexRun::fail(std::exception_ptr e) {
    {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = e;
    }
    stop_ = true;
    read_cancel_ = true;
}

void IndexRun::defer_duplicate(Article&& article) {
    // The same id twice in one segment-mode run: the later version must win.
    // It goes to a small side database and replaces the first after the merge.
    if (!updates_) {
        updates_.emplace((scratch_->path() / "updates").string(),
                         Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        reader_analyzer_ = std::make_unique<TextAnalyzer>();
    }
    BuiltDocument built = build_document(article, *reader_analyzer_);
    updates_->replace_document(built.unique_term, built.document);
    if (options_.spelling)
        for (const auto& w : built.spelling_words) updates_->add_spelling(w);
    ++deferred_;
}

void IndexRun::read_all(const std::vector<Job>& jobs, BoundedQueue<ArticleBatch>& out) {
    ArticleBatch batch;
    batch.reserve(kBatchArticles);
    for (const Job& job : jobs) {
        if (cancelled()) break;
        bytes_current_ = 0;
        const std::string& file_name = job.file.name;
        std::uint64_t record = 0;
        ReadContext context{
            options_.reader,
            [&](Article&& a) {
                ++record;
                a.collection = job.collection;
                if (auto repaired = sanitize_article(a))
                    warn(Diagnostic{
                        file_name, a.id.empty() ? "record " + std::to_string(record) : "id " + a.id,
                        *repaired});
                if (a.lang.empty()) {
                    // A Japanese or Arabic article in a corpus that does not
                    // say so must not be stemmed as --lang's language.
                    // The guess reads only the first few KB: do not copy the whole body.
                    std::string sample = a.title;
                    if (!sample.empty()) sample += '\n';
                    sample.append(a.body, 0, kLanguageGuessSampleBytes);
                    a.lang = guess_language_by_script(sample);
                    if (a.lang.empty()) a.lang = options_.default_lang;
                }
                a.lang = canonical_language(a.lang);
                if (a.id.empty()) a.id = file_name + "#" + std::to_string(record);
                articles_read_.fetch_add(1, std::memory_order_relaxed);
                if (segment_mode_ &&
                    !seen_.insert(stable_hash64(unique_term(a.collection, a.id))).second) {
                    warn(Diagnostic{file_name, "id " + a.id,
                                    "id seen before in this run; the later article replaces the "
                                    "earlier one"});
                    defer_duplicate(std::move(a));
                    return;
                }
                batch.push_back(std::move(a));
                if (batch.size() >= kBatchArticles) {
                    out.push(std::move(batch));
                    batch = ArticleBatch();
                    batch.reserve(kBatchArticles);
                }
            },
            [&](Diagnostic d) { warn(std::move(d)); },
            [&](std::uint64_t bytes) { bytes_current_.store(bytes, std::memory_order_relaxed); },
            &read_cancel_,
        };
        try {
            read_file(job.file, context);
        } catch (const InputError& e) {
            warn(Diagnostic{file_name, "", e.what(), true});
        }
        ++stats_.files;
        bytes_done_ += job.file.size;
        bytes_current_ = 0;
    }
    if (!batch.empty()) out.push(std::move(batch));
}

void IndexRun::write_direct(Xapian::WritableDatabase& db, BoundedQueue<DocumentBatch>& in) {
    std::uint32_t since_commit = 0;
    SpellingAccumulator spelling;
    while (auto batch = in.pop()) {
        for (BuiltDocument& built : *batch) {
            Xapian::PostingIterator existing = db.postlist_begin(built.unique_term);
            if (existing != db.postlist_end(built.unique_term)) {
                if (db.get_document(*existing).get_data() == built.document.get_data()) {
                    unchanged_.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                db.replace_document(built.unique_term, built.document);
                updated_.fetch_add(1, std::memory_order_relaxed);
            } else {
                db.add_document(built.document);
                added_.fetch_add(1, std::memory_order_relaxed);
            }
            if (options_.spelling) spelling.add(built.spelling_words);
            if (++since_commit >= options_.flush_docs) {
                spelling.flush_into(db);
                db.commit();
                since_commit = 0;
            }
        }
    }
    spelling.flush_into(db);
    db.commit();
}

void IndexRun::merge_segments(std::vector<fs::path> segments,
                              std::optional<Xapian::WritableDatabase>& target) {
    if (segments.empty()) return;
    merging_ = true;
    Xapian::Database all;
    for (const auto& s : segments) all.add_database(Xapian::Database(s.string()));
    fs::path merged = scratch_->path() / "merged";
    // FULLER packs blocks completely: the merged database is mostly read, and
    // a later update only pays some block splits.
    all.compact(merged.string(), Xapian::Compactor::FULLER);
    all.close();

    // Swap the merged database in: this is the run's commit point. The target
    // was empty (segment mode is only chosen then) and is never missing (see
    // swap_directory_in); the old one is removed with the scratch directory.
    sync_database_files(merged);
    target->close();
    target.reset();
    swap_directory_in(merged, fs::path(options_.db_path), scratch_->path() / "previous");
}

void IndexRun::replay_updates(Xapian::WritableDatabase& target) {
    if (!updates_) return;
    updates_->commit();
    const std::string prefix(schema::kPrefixUnique);
    for (auto it = updates_->postlist_begin(""); it != updates_->postlist_end(""); ++it) {
        Xapian::Document doc = updates_->get_document(*it);
        auto term = doc.termlist_begin();
        term.skip_to(prefix);
        if (term == doc.termlist_end() || (*term).rfind(prefix, 0) != 0) continue;
        target.replace_document(*term, doc);
        updated_.fetch_add(1, std::memory_order_relaxed);
    }
    Xapian::Database spelling_source = *updates_;
    for (auto w = spelling_source.spellings_begin(); w != spelling_source.spellings_end(); ++w)
        target.add_spelling(*w, w.get_termfreq());
    target.commit();
}

void IndexRun::monitor_loop() {
    std::unique_lock lock(done_mutex_);
    while (!done_cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return done_; })) {
        if (user_cancel_ && user_cancel_->load()) read_cancel_ = true;
        if (!callbacks_.on_progress) continue;
        auto now = Clock::now();
        if (now - last_progress_ < std::chrono::milliseconds(250)) continue;
        last_progress_ = now;
        IndexProgress p;
        p.articles = articles_read_.load(std::memory_order_relaxed);
        p.bytes_read = bytes_done_.load(std::memory_order_relaxed) +
                       bytes_current_.load(std::memory_order_relaxed);
        p.bytes_total = bytes_total_;
        p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        p.merging = merging_;
        callbacks_.on_progress(p);
    }
}

IndexStats IndexRun::run() {
    // 1. Expand the inputs, each with its collection.
    std::vector<Job> jobs;
    std::size_t inputs_found = 0;
    for (const std::string& input : options_.inputs) {
        InputWalk walk;
        try {
            walk = walk_inputs({input}, options_.walk);
        } catch (const InputError& e) {
            warn(Diagnostic{input, "", e.what(), true});
            continue;
        }
        ++inputs_found;
        std::string collection =
            options_.collection.empty() ? default_collection(input) : options_.collection;
        for (auto& [reason, count] : walk.passed_over) stats_.passed_over[reason] += count;
        for (auto& f : walk.files) {
            bytes_total_ += f.size;
            jobs.push_back(Job{std::move(f), collection});
        }
    }
    if (inputs_found == 0) throw UsageError("none of the inputs exists");

    // 2. Open (and lock) the target for the whole run, so a second writer fails fast.
    // First undo what killed segment-mode runs left behind (and stop if one is live).
    recover_interrupted_builds(options_.db_path);
    std::optional<Xapian::WritableDatabase> target;
    bool empty_target = false;
    try {
        target.emplace(options_.db_path, Xapian::DB_CREATE_OR_OPEN);
        empty_target = target->get_doccount() == 0;
    } catch (const Xapian::Error& e) {
        rethrow_database_error(e, options_.db_path);
    }
    segment_mode_ =
        options_.mode == WriteMode::Segments || (options_.mode == WriteMode::Auto && empty_target);
    if (segment_mode_ && !empty_target)
        throw UsageError("--mode segments needs a new or empty database; " + options_.db_path +
                         " has " + std::to_string(target->get_doccount()) + " documents");
    stats_.mode = segment_mode_ ? "segments" : "direct";
    if (segment_mode_) {
        fs::path db = normal_db_path(options_.db_path);
        scratch_.emplace(db.parent_path() / (build_dir_prefix(db) + std::to_string(getpid())));
    }

    unsigned workers =
        options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    BoundedQueue<ArticleBatch> articles(kQueueBatches * workers);
    BoundedQueue<DocumentBatch> documents(kQueueBatches * workers);

    std::thread monitor([&] { monitor_loop(); });

    // 3. Workers: analysis, plus each its own segment in segment mode.
    std::vector<std::unique_ptr<SegmentWriter>> segment_writers;
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w) {
        if (segment_mode_)
            segment_writers.push_back(std::make_unique<SegmentWriter>(
                scratch_->path(), "segment-" + std::to_string(w), options_));
        pool.emplace_back([&, w] {
            TextAnalyzer analyzer;
            try {
                while (auto batch = articles.pop()) {
                    if (stop_) continue;  // drain so the reader never blocks forever
                    DocumentBatch built;
                    built.reserve(batch->size());
                    for (Article& a : *batch) {
                        BuiltDocument doc = build_document(a, analyzer);
                        if (segment_mode_) {
                            segment_writers[w]->add(doc);
                            added_.fetch_add(1, std::memory_order_relaxed);
                        } else {
                            built.push_back(std::move(doc));
                        }
                    }
                    if (!segment_mode_) documents.push(std::move(built));
                }
                if (segment_mode_) segment_writers[w]->finish();
            } catch (...) {
                fail(std::current_exception());
                // A worker that fails (a full disk under its segment) must
                // still drain: with every worker gone the reader would block
                // on a full queue for ever instead of reporting the error.
                while (articles.pop()) {
                }
            }
        });
    }

    std::thread writer;
    if (!segment_mode_)
        writer = std::thread([&] {
            try {
                write_direct(*target, documents);
            } catch (...) {
                fail(std::current_exception());
                while (documents.pop()) {
                }  // keep workers from blocking on a full queue
            }
        });

    // 4. Read on this thread.
    try {
        read_all(jobs, articles);
    } catch (...) {
        fail(std::current_exception());
    }
    articles.close();
    for (auto& t : pool) t.join();
    documents.close();
    if (writer.joinable()) writer.join();

    // 5. Merge segments into the target, then apply in-run duplicates.
    if (!error_ && segment_mode_) {
        try {
            std::vector<fs::path> segments;
            for (auto& sw : segment_writers)
                segments.insert(segments.end(), sw->segments().begin(), sw->segments().end());
            stats_.segments = static_cast<unsigned>(segments.size());
            merge_segments(std::move(segments), target);
            if (updates_) {
                if (!target) target.emplace(options_.db_path, Xapian::DB_OPEN);
                replay_updates(*target);
            }
        } catch (...) {
            fail(std::current_exception());
        }
    }

    {
        std::lock_guard lock(done_mutex_);
        done_ = true;
    }
    done_cv_.notify_all();
    monitor.join();

    if (error_) {
        try {
            std::rethrow_exception(error_);
        } catch (const Xapian::Error& e) {
            rethrow_database_error(e, options_.db_path);
        } catch (const std::filesystem::filesystem_error& e) {
            throw DatabaseError("database " + options_.db_path + ": " + e.what());
        }
    }

    try {
        if (!target) target.emplace(options_.db_path, Xapian::DB_OPEN);
        stats_.total_documents = target->get_doccount();
        target->close();
    } catch (const Xapian::Error& e) {
        rethrow_database_error(e, options_.db_path);
    }

    stats_.added = added_;
    stats_.updated = updated_;
    stats_.unchanged = unchanged_;
    stats_.skipped = skipped_;
    stats_.bytes_read = bytes_done_;
    stats_.interrupted = user_cancel_ && user_cancel_->load();
    stats_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return stats_;
}

}  // namespace

IndexStats run_index(const IndexOptions& options, const IndexCallbacks& callbacks,
                     const std::atomic<bool>* cancel) {
    IndexRun run(options, callbacks, cancel);
    return run.run();
}

}  // namespace newsdex
