#include "indexer.h"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "article_preparation.h"
#include "bm25_impact.h"
#include "bounded_queue.h"
#include "build_directory.h"
#include "compound_table.h"
#include "database_errors.h"
#include "document_builder.h"
#include "errors.h"
#include "near_duplicate_clusters.h"
#include "revision_pin.h"
#include "schema.h"
#include "segment_writer.h"
#include "shard_routing.h"
#include "terms.h"
#include "wdf_layout.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatchArticles = 32;
constexpr std::size_t kQueueBatches = 16;  // per worker

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
    void warn(const Diagnostic& d);
    /// The user interrupted (the first SIGINT or SIGTERM).
    bool interrupted() const { return user_cancel_ && user_cancel_->load(); }
    /// Reading must stop: an error, or the user interrupted.
    bool cancelled() const { return read_cancel_.load(std::memory_order_relaxed) || interrupted(); }
    void fail(std::exception_ptr e);
    void monitor_loop(const std::stop_token& stop);
    void analyse(BoundedQueue<ArticleBatch>& in, BoundedQueue<DocumentBatch>& out,
                 SegmentWriter* segment);
    void read_all(const std::vector<Job>& jobs, BoundedQueue<ArticleBatch>& out);
    CommitGate::Options commit_gate_options();
    void write_direct(Xapian::WritableDatabase& db, BoundedQueue<DocumentBatch>& in);
    void defer_duplicate(Article&& article);
    void merge_segments(const std::vector<fs::path>& segments,
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
    /// Documents built by the workers (all of them reach the database).
    std::atomic<std::uint64_t> analysed_{0};
    std::atomic<std::uint64_t> added_{0}, updated_{0}, unchanged_{0}, skipped_{0};
    std::uint64_t bytes_total_ = 0;
    Clock::time_point start_ = Clock::now();
    std::atomic<bool> merging_{false};
    std::atomic<unsigned> merge_segments_{0};
    std::mutex merge_mutex_;
    std::string merge_table_;            // guarded by merge_mutex_
    unsigned merge_tables_started_ = 0;  // guarded by merge_mutex_
    Clock::time_point last_progress_ = Clock::now();

    // Segment mode: ids seen in this run (64-bit hashes keep memory small; a
    // collision only sends an article down the slower, still correct, update path).
    bool segment_mode_ = false;
    /// The database's layout (bm25_impact.h): impacts in every database
    /// this run creates or that has them already; occurrences in one that
    /// has documents written without them, so that it stays consistent.
    /// Set on the reading thread before the first batch is passed on.
    TermWeights weights_ = TermWeights::occurrences();
    /// The layout to record in a new database (empty: recorded already, or
    /// occurrences).
    std::string wdf_layout_;
    /// A new database's reference length being measured (reading thread);
    /// meanwhile batches and in-run duplicates wait here.
    std::optional<ReferenceLengthSample> sample_;
    std::vector<ArticleBatch> held_batches_;
    std::vector<Article> held_duplicates_;
    void finish_sample(BoundedQueue<ArticleBatch>& out);
    std::unordered_set<std::uint64_t> seen_;
    std::optional<ScratchDir> scratch_;
    std::optional<Xapian::WritableDatabase> updates_;
    std::unique_ptr<TextAnalyzer> reader_analyzer_;
    std::uint64_t deferred_ = 0;

    std::mutex monitor_mutex_;
    std::condition_variable_any monitor_cv_;
};

void IndexRun::warn(const Diagnostic& d) {
    std::lock_guard lock(warn_mutex_);
    ++stats_.warnings;
    if (d.record_skipped) skipped_.fetch_add(1, std::memory_order_relaxed);
    if (callbacks_.on_warning) callbacks_.on_warning(d);
}

void IndexRun::fail(std::exception_ptr e) {
    {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = std::move(e);
    }
    stop_ = true;
    read_cancel_ = true;
}

void IndexRun::finish_sample(BoundedQueue<ArticleBatch>& out) {
    WdfLayoutChoice layout = impacts_layout(sample_->reference_length());
    weights_ = *layout.weights;
    wdf_layout_ = std::move(layout.record);
    sample_.reset();
    for (ArticleBatch& batch : held_batches_) out.push(std::move(batch));
    held_batches_.clear();
    std::vector<Article> duplicates = std::move(held_duplicates_);
    held_duplicates_.clear();
    for (Article& a : duplicates) defer_duplicate(std::move(a));
}

void IndexRun::defer_duplicate(Article&& article) {
    // The same id twice in one segment-mode run: the later version must win.
    // It goes to a small side database and replaces the first after the merge.
    if (sample_) {  // its document waits for the reference length
        held_duplicates_.push_back(std::move(article));
        return;
    }
    if (!updates_) {
        updates_.emplace((scratch_->path() / "updates").string(),
                         Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        reader_analyzer_ = std::make_unique<TextAnalyzer>();
    }
    BuiltDocument built = build_document(article, *reader_analyzer_, weights_);
    analysed_.fetch_add(1, std::memory_order_relaxed);
    updates_->replace_document(built.unique_term, built.document);
    if (options_.spelling)
        for (const auto& w : built.spelling_words) updates_->add_spelling(w);
    ++deferred_;
}

void IndexRun::read_all(const std::vector<Job>& jobs, BoundedQueue<ArticleBatch>& out) {
    ArticleBatch batch;
    batch.reserve(kBatchArticles);
    // On this one reading thread, in input order: detection is deterministic.
    ArticleLanguages article_languages;
    for (const Job& job : jobs) {
        if (cancelled()) break;
        bytes_current_ = 0;
        const std::string& file_name = job.file.name;
        const ArticleDefaults defaults{job.collection, options_.default_lang, file_name};
        std::uint64_t record = 0;
        ReadContext context{
            options_.reader,
            [&](Article&& a) {
                ++record;
                if (auto repaired = prepare_article(a, defaults, record, article_languages))
                    warn(*repaired);
                if (sample_ && sample_->add(a)) finish_sample(out);
                if (options_.shard_count > 1 &&
                    shard_of(unique_term(a.collection, a.id), options_.shard_count) !=
                        options_.shard_index)
                    return;  // another shard's run indexes it
                ++stats_.languages[a.lang];
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
                    if (sample_)
                        held_batches_.push_back(std::move(batch));
                    else
                        out.push(std::move(batch));
                    batch = ArticleBatch();
                    batch.reserve(kBatchArticles);
                }
            },
            [&](const Diagnostic& d) { warn(d); },
            [&](std::uint64_t bytes) { bytes_current_.store(bytes, std::memory_order_relaxed); },
            &read_cancel_,
            options_.cancel_wake_fd,
        };
        try {
            read_file(job.file, context);
        } catch (const InputError& e) {
            warn(Diagnostic{file_name, "", e.reason(), true});
        }
        ++stats_.files;
        bytes_done_ += job.file.size;
        bytes_current_ = 0;
    }
    if (sample_) finish_sample(out);  // an input shorter than the sample
    if (!batch.empty()) out.push(std::move(batch));
}

CommitGate::Options IndexRun::commit_gate_options() {
    CommitGate::Options gate;
    gate.on_give_up = [this](Xapian::rev revision, std::chrono::milliseconds waited) {
        warn(Diagnostic{options_.db_path, "", gave_up_waiting_message(revision, waited)});
    };
    return gate;
}

void IndexRun::write_direct(Xapian::WritableDatabase& db, BoundedQueue<DocumentBatch>& in) {
    // Every change goes through the gate, so that searches running on the
    // database keep their revision until they finish (revision_pin.h).
    CommitGate gate(options_.db_path, commit_gate_options());
    std::uint32_t since_commit = 0;
    SpellingAccumulator spelling;
    bool record_layout = true;  // settled before the first batch was passed on
    while (auto batch = in.pop()) {
        if (std::exchange(record_layout, false) && !wdf_layout_.empty())
            gate.change(db, [&] { db.set_metadata(bm25_impact::kMetadataWdfLayout, wdf_layout_); });
        for (BuiltDocument& built : *batch) {
            Xapian::PostingIterator existing = db.postlist_begin(built.unique_term);
            if (existing != db.postlist_end(built.unique_term)) {
                if (db.get_document(*existing).get_data() == built.document.get_data()) {
                    unchanged_.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                gate.change(db, [&] { db.replace_document(built.unique_term, built.document); });
                updated_.fetch_add(1, std::memory_order_relaxed);
            } else {
                gate.change(db, [&] { db.add_document(built.document); });
                added_.fetch_add(1, std::memory_order_relaxed);
            }
            if (options_.spelling) spelling.add(built.spelling_words);
            if (++since_commit >= options_.flush_docs) {
                gate.change(db, [&] {
                    spelling.flush_into(db);
                    db.commit();
                });
                since_commit = 0;
            }
        }
    }
    gate.change(db, [&] {
        spelling.flush_into(db);
        db.commit();
    });
}

void IndexRun::merge_segments(const std::vector<fs::path>& segments,
                              std::optional<Xapian::WritableDatabase>& target) {
    if (segments.empty()) return;
    merge_segments_ = static_cast<unsigned>(segments.size());
    merging_ = true;
    Xapian::Database all;
    for (const auto& s : segments) all.add_database(Xapian::Database(s.string()));
    fs::path merged = scratch_->path() / "merged";
    // FULLER packs blocks completely: the merged database is mostly read, and
    // a later update only pays some block splits.
    MergeProgress progress([this](const std::string& table) {
        std::lock_guard lock(merge_mutex_);
        merge_table_ = table;
        ++merge_tables_started_;
    });
    all.compact(merged.string(), Xapian::Compactor::FULLER, 0, progress);
    all.close();
    // Searches pin revisions through these files; readers of a database
    // without them fall back to retrying (revision_pin.h).
    create_pin_files(merged.string());

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
    // One commit on the swapped-in target, which searches may already read.
    CommitGate gate(options_.db_path, commit_gate_options());
    const std::string prefix(schema::kPrefixUnique);
    for (auto it = updates_->postlist_begin(""); it != updates_->postlist_end(""); ++it) {
        Xapian::Document doc = updates_->get_document(*it);
        auto term = doc.termlist_begin();
        term.skip_to(prefix);
        if (term == doc.termlist_end() || (*term).rfind(prefix, 0) != 0) continue;
        gate.change(target, [&] { target.replace_document(*term, doc); });
        updated_.fetch_add(1, std::memory_order_relaxed);
    }
    Xapian::Database spelling_source = *updates_;
    for (auto w = spelling_source.spellings_begin(); w != spelling_source.spellings_end(); ++w)
        gate.change(target, [&] { target.add_spelling(*w, w.get_termfreq()); });
    gate.change(target, [&] { target.commit(); });
}

void IndexRun::monitor_loop(const std::stop_token& stop) {
    std::unique_lock lock(monitor_mutex_);
    while (true) {
        // Wakes every 100 ms to pass on a user interrupt and report progress,
        // at once when the run asks it to stop.
        monitor_cv_.wait_for(lock, stop, std::chrono::milliseconds(100), [] { return false; });
        if (stop.stop_requested()) return;
        if (interrupted()) read_cancel_ = true;
        if (!callbacks_.on_progress) continue;
        auto now = Clock::now();
        if (now - last_progress_ < std::chrono::milliseconds(250)) continue;
        last_progress_ = now;
        IndexProgress p;
        p.articles_read = articles_read_.load(std::memory_order_relaxed);
        p.articles_indexed = analysed_.load(std::memory_order_relaxed);
        p.bytes_read = bytes_done_.load(std::memory_order_relaxed) +
                       bytes_current_.load(std::memory_order_relaxed);
        p.bytes_total = bytes_total_;
        p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        p.merging = merging_;
        if (p.merging) {
            std::lock_guard merge_lock(merge_mutex_);
            p.merge_segments = merge_segments_;
            p.merge_table = merge_table_;
            p.merge_tables_started = merge_tables_started_;
        }
        try {
            callbacks_.on_progress(p);
        } catch (...) {
            // An exception must not leave a thread (that terminates the
            // process): the run ends with it instead.
            fail(std::current_exception());
        }
    }
}

void IndexRun::analyse(BoundedQueue<ArticleBatch>& in, BoundedQueue<DocumentBatch>& out,
                       SegmentWriter* segment) {
    TextAnalyzer analyzer;
    try {
        while (auto batch = in.pop()) {
            // Drain without analysing on an error, and on an interrupt: what
            // is analysed is committed, what is only read is dropped (a re-run
            // indexes it), so that an interrupt ends in moments.
            if (stop_ || interrupted()) continue;
            DocumentBatch built;
            built.reserve(batch->size());
            for (Article& a : *batch) {
                if (interrupted()) break;
                BuiltDocument doc = build_document(a, analyzer, weights_);
                analysed_.fetch_add(1, std::memory_order_relaxed);
                if (segment) {
                    segment->add(doc);
                    added_.fetch_add(1, std::memory_order_relaxed);
                } else {
                    built.push_back(std::move(doc));
                }
            }
            if (!segment) out.push(std::move(built));
        }
        if (segment) segment->finish();
    } catch (...) {
        fail(std::current_exception());
        // A worker that fails (a full disk under its segment) must still
        // drain: with every worker gone the reader would block on a full
        // queue for ever instead of reporting the error.
        while (in.pop()) {
        }
    }
}

IndexStats IndexRun::run() {
    // 0. Options a caller could get wrong, refused before anything exists.
    if (options_.jobs > kMaxJobs)
        throw UsageError("jobs must be at most " + std::to_string(kMaxJobs) + ", not " +
                         std::to_string(options_.jobs));
    if (options_.flush_docs == 0 || options_.flush_docs > kMaxFlushDocs ||
        options_.segment_docs == 0 || options_.segment_docs > kMaxSegmentDocs)
        throw UsageError("flush and segment sizes must be from 1 to " +
                         std::to_string(kMaxFlushDocs) + " and " + std::to_string(kMaxSegmentDocs));
    // 1. Expand the inputs, each with its collection.
    std::vector<Job> jobs;
    std::size_t inputs_found = 0;
    for (const std::string& input : options_.inputs) {
        InputWalk walk;
        try {
            walk = walk_inputs({input}, options_.walk);
        } catch (const InputError& e) {
            warn(Diagnostic{input, "", e.reason(), true});
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
        std::vector<std::string> paths;
        paths.reserve(jobs.size());
        for (const Job& job : jobs) paths.push_back(job.file.path);
        WdfLayoutChoice layout = choose_wdf_layout(
            options_.db_path, target->get_metadata(bm25_impact::kMetadataWdfLayout), empty_target,
            options_.reference_length, all_regular_files(paths));
        if (layout.weights) {
            weights_ = *layout.weights;
            wdf_layout_ = std::move(layout.record);
        } else {
            sample_.emplace();  // measured from the first articles read
        }
    } catch (const Xapian::Error& e) {
        throw_write_error(e, options_.db_path);
    }
    segment_mode_ =
        options_.mode == WriteMode::Segments || (options_.mode == WriteMode::Auto && empty_target);
    if (segment_mode_ && !empty_target)
        throw UsageError("--mode segments needs a new or empty database; " + options_.db_path +
                         " has " + std::to_string(target->get_doccount()) + " documents");
    stats_.mode = segment_mode_ ? "segments" : "direct";
    if (segment_mode_) {
        scratch_.emplace(build_dir_path(options_.db_path, getpid()));
    }

    unsigned workers = options_.jobs
                           ? options_.jobs
                           : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs);
    BoundedQueue<ArticleBatch> articles(kQueueBatches * workers);
    BoundedQueue<DocumentBatch> documents(kQueueBatches * workers);

    // Every segment writer exists before any thread starts: workers index
    // into this vector, which must not grow under them.
    std::vector<std::unique_ptr<SegmentWriter>> segment_writers;
    if (segment_mode_)
        for (unsigned w = 0; w < workers; ++w)
            segment_writers.push_back(std::make_unique<SegmentWriter>(
                scratch_->path(), "segment-" + std::to_string(w), options_, wdf_layout_));

    // 3. Threads. Each is a std::jthread whose stop request closes the queue
    // it waits on, so that on every way out of this function (an exception
    // included, e.g. the system refusing a thread) the threads are woken and
    // joined instead of std::terminate being called on a joinable thread.
    // Destruction runs in reverse: writer, workers, monitor.
    std::jthread monitor([this](const std::stop_token& stop) { monitor_loop(stop); });
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) {
        SegmentWriter* segment = segment_mode_ ? segment_writers[w].get() : nullptr;
        pool.emplace_back([&, segment](const std::stop_token& stop) {
            std::stop_callback unblock(stop, [&] { articles.close(); });
            analyse(articles, documents, segment);
        });
    }
    std::jthread writer;
    if (!segment_mode_)
        writer = std::jthread([&](const std::stop_token& stop) {
            std::stop_callback unblock(stop, [&] { documents.close(); });
            try {
                write_direct(*target, documents);
            } catch (...) {
                fail(std::current_exception());
                while (documents.pop()) {
                }  // keep workers from blocking on a full queue
            }
        });
    if (callbacks_.test_point) callbacks_.test_point("threads started");

    // 4. Read on this thread.
    try {
        read_all(jobs, articles);
    } catch (...) {
        fail(std::current_exception());
    }
    articles.close();
    for (auto& t : pool) t.join();
    if (interrupted() && !stop_ && callbacks_.on_interrupt)
        callbacks_.on_interrupt(analysed_.load());
    documents.close();
    if (writer.joinable()) writer.join();

    // 5. Merge segments into the target, then apply in-run duplicates.
    if (!error_ && segment_mode_) {
        try {
            std::vector<fs::path> segments;
            for (auto& sw : segment_writers) {
                std::vector<fs::path> written = sw->segments();
                segments.insert(segments.end(), written.begin(), written.end());
            }
            stats_.segments = static_cast<unsigned>(segments.size());
            merge_segments(segments, target);
            if (updates_) {
                if (!target) target.emplace(options_.db_path, Xapian::DB_OPEN);
                replay_updates(*target);
            }
        } catch (...) {
            fail(std::current_exception());
        }
    }

    monitor.request_stop();
    monitor.join();

    if (error_) {
        try {
            std::rethrow_exception(error_);
        } catch (const Xapian::Error& e) {
            throw_write_error(e, options_.db_path);
        } catch (const std::filesystem::filesystem_error& e) {
            throw DatabaseError("database " + options_.db_path + ": " + e.what());
        }
    }

    try {
        if (!target) target.emplace(options_.db_path, Xapian::DB_OPEN);
        // An interrupted run stops quickly; the next run clusters what it left.
        if (!interrupted()) {
            TextAnalyzer analyzer;
            CommitGate gate(options_.db_path, commit_gate_options());
            stats_.clusters = cluster_near_duplicates(*target, analyzer, gate);
            if (options_.compound_table &&
                (added_ + updated_ > 0 || !compound_table_current(*target)))
                stats_.compounds = rebuild_compound_table(*target, analyzer, gate);
        }
        stats_.total_documents = target->get_doccount();
        target->close();
    } catch (const Xapian::Error& e) {
        throw_write_error(e, options_.db_path);
    }

    stats_.added = added_;
    stats_.updated = updated_;
    stats_.unchanged = unchanged_;
    stats_.skipped = skipped_;
    stats_.bytes_read = bytes_done_;
    stats_.interrupted = interrupted();
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
