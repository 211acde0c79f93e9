// The reader/writer protocol of revision_pin.h, driven directly: a writer
// (a thread with a WritableDatabase and a CommitGate) rewrites every document
// of a database while a reader holds a pin on the revision it opened.
//
// The first test shows the hazard the pins exist for (deterministic: Xapian's
// block reuse is): without a pin, the second commit after a reader's revision
// overwrites it. The others show that with a pin the writer waits exactly
// there, that later readers neither wait nor keep the writer waiting, and the
// two ways the writer goes on without readers (max_wait, no pin files).
// Waits are reached by observing the gate's on_wait, never by sleeping.

#include <gtest/gtest.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <xapian.h>

#include "revision_pin.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

constexpr Xapian::docid kDocuments = 400;

/// "v<version>", built piecewise: GCC 12 warns (-Wrestrict, a false positive)
/// on "literal" + std::string temporaries.
std::string version_tag(int version) {
    std::string tag(1, 'v');
    tag += std::to_string(version);
    return tag;
}

/// A document whose data and terms say which version of the database wrote it.
Xapian::Document make_document(Xapian::docid id, int version) {
    Xapian::Document doc;
    const std::string tag = version_tag(version);
    std::string data = tag;
    data += '-';
    data += std::to_string(id);
    data.append(300, 'x');
    doc.set_data(data);
    doc.add_term("all");
    doc.add_term(tag);
    for (Xapian::termpos w = 0; w < 40; ++w) {
        std::string word = "word";
        word += std::to_string((id * 7 + w) % 500);
        doc.add_posting(word, w + 1);
    }
    return doc;
}

/// Creates a database of kDocuments documents of version 0 in one commit.
Xapian::rev build_database(const fs::path& dir) {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (Xapian::docid id = 1; id <= kDocuments; ++id) db.add_document(make_document(id, 0));
    db.commit();
    return db.get_revision();
}

/// Replaces every document by its `version` and commits: one revision that
/// rewrites (and so frees) every block of the previous one.
void rewrite_all(Xapian::WritableDatabase& db, CommitGate& gate, int version) {
    for (Xapian::docid id = 1; id <= kDocuments; ++id)
        gate.change(db, [&] { db.replace_document(id, make_document(id, version)); });
    gate.change(db, [&] { db.commit(); });
}

/// Reads every document and the posting list of a term in all of them, the
/// way a long search would; returns how many documents are of `version`.
Xapian::doccount read_everything(const Xapian::Database& db, int version) {
    const std::string tag = version_tag(version) + '-';
    Xapian::doccount matching = 0;
    for (Xapian::docid id = 1; id <= kDocuments; ++id) {
        Xapian::Document doc = db.get_document(id);
        if (doc.get_data().rfind(tag, 0) == 0) ++matching;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) (void)t.get_wdf();
    }
    Xapian::doccount postings = 0;
    for (auto p = db.postlist_begin("all"); p != db.postlist_end("all"); ++p) ++postings;
    EXPECT_EQ(postings, kDocuments);
    return matching;
}

/// A writer thread that rewrites the database `transactions` times, through a
/// gate, and reports when it has to wait and when it is done.
class GatedWriter {
  public:
    /// `max_wait` is long by default so that a broken gate fails the test
    /// rather than hangs it.
    GatedWriter(const fs::path& dir, int transactions,
                std::chrono::milliseconds max_wait = std::chrono::minutes(1),
                std::function<void(Xapian::rev, std::chrono::milliseconds)> on_give_up = {}) {
        CommitGate::Options options;
        options.max_wait = max_wait;
        options.on_give_up = std::move(on_give_up);
        options.on_wait = [this](Xapian::rev revision) {
            std::lock_guard lock(mutex_);
            waiting_for_ = revision;
            changed_.notify_all();
        };
        thread_ = std::thread([this, dir, transactions, options] {
            Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
            CommitGate gate(dir.string(), options);
            for (int version = 1; version <= transactions; ++version)
                rewrite_all(db, gate, version);
            std::lock_guard lock(mutex_);
            waits_ = gate.waits();
            done_ = true;
            changed_.notify_all();
        });
    }
    ~GatedWriter() {
        if (thread_.joinable()) thread_.join();
    }
    GatedWriter(const GatedWriter&) = delete;
    GatedWriter& operator=(const GatedWriter&) = delete;

    /// Blocks until the writer waits for readers or has finished; returns the
    /// revision it waits to build (0 if it finished without waiting).
    Xapian::rev wait_until_blocked_or_done() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return waiting_for_ != 0 || done_; });
        return waiting_for_;
    }
    unsigned join() {
        thread_.join();
        return waits_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    Xapian::rev waiting_for_ = 0;
    bool done_ = false;
    unsigned waits_ = 0;
    std::thread thread_;
};

Xapian::rev committed_revision(const fs::path& dir) {
    return Xapian::Database(dir.string()).get_revision();
}

TEST(RevisionPin, WithoutAPinTheSecondCommitAfterAReadersRevisionOverwritesIt) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    build_database(dir);
    Xapian::Database reader(dir.string());
    Xapian::WritableDatabase writer(dir.string(), Xapian::DB_OPEN);
    CommitGate no_gate;  // inactive

    rewrite_all(writer, no_gate, 1);
    // One commit later the reader's revision is intact.
    EXPECT_EQ(read_everything(reader, 0), kDocuments);
    rewrite_all(writer, no_gate, 2);
    // Two commits later its blocks have been reused: what the Searcher used to
    // retry, and what a search slower than two commits lost every time.
    EXPECT_THROW(read_everything(reader, 0), Xapian::DatabaseModifiedError);
}

TEST(RevisionPin, APinnedRevisionStaysIntactWhileTheWriterWaitsBeforeTheSecondCommit) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    const Xapian::rev r = build_database(dir);
    ASSERT_TRUE(create_pin_files(dir.string()));

    RevisionPin pin = RevisionPin::take(dir.string(), std::nullopt);
    Xapian::Database reader(dir.string());
    pin.settle(reader.get_revision());
    ASSERT_TRUE(pin.active());
    EXPECT_EQ(pin.held_file(), static_cast<int>(r % 2));

    GatedWriter writer(dir, 2);
    // The writer builds and commits r+1 (which cannot overwrite r), then waits
    // before it writes anything of r+2.
    EXPECT_EQ(writer.wait_until_blocked_or_done(), r + 2);
    EXPECT_EQ(committed_revision(dir), r + 1);
    EXPECT_EQ(read_everything(reader, 0), kDocuments);

    pin = RevisionPin();  // the search ends
    EXPECT_EQ(writer.join(), 1u);
    EXPECT_EQ(committed_revision(dir), r + 2);
    reader.reopen();
    EXPECT_EQ(read_everything(reader, 2), kDocuments);
}

TEST(RevisionPin, AReaderArrivingWhileTheWriterWaitsPinsTheNewRevisionWithoutBlockingEither) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    const Xapian::rev r = build_database(dir);
    ASSERT_TRUE(create_pin_files(dir.string()));

    RevisionPin old_pin = RevisionPin::take(dir.string(), std::nullopt);
    Xapian::Database old_reader(dir.string());
    old_pin.settle(old_reader.get_revision());

    GatedWriter writer(dir, 2);
    ASSERT_EQ(writer.wait_until_blocked_or_done(), r + 2);

    // A reader that last saw revision r tries r's file first (shared with the
    // old reader, so it gets it), opens r+1 and moves to r+1's file, leaving
    // r's file to the old reader alone.
    RevisionPin new_pin = RevisionPin::take(dir.string(), r);
    Xapian::Database new_reader(dir.string());
    ASSERT_EQ(new_reader.get_revision(), r + 1);
    new_pin.settle(new_reader.get_revision());
    EXPECT_EQ(new_pin.held_file(), static_cast<int>((r + 1) % 2));
    EXPECT_EQ(read_everything(new_reader, 1), kDocuments);

    // When the old search ends the writer commits r+2, although the new reader
    // still reads r+1 (which r+2 cannot overwrite)...
    old_pin = RevisionPin();
    EXPECT_EQ(writer.join(), 1u);
    EXPECT_EQ(committed_revision(dir), r + 2);
    // ...which is still intact.
    EXPECT_EQ(read_everything(new_reader, 1), kDocuments);
}

TEST(RevisionPin, XapiansOwnCommitsAtItsFlushThresholdAreGatedToo) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    const Xapian::rev r = build_database(dir);
    ASSERT_TRUE(create_pin_files(dir.string()));
    RevisionPin pin = RevisionPin::take(dir.string(), std::nullopt);
    Xapian::Database reader(dir.string());
    pin.settle(reader.get_revision());

    // Xapian commits by itself every XAPIAN_FLUSH_THRESHOLD changes (read when
    // the writer opens): the gate must notice commits it did not ask for.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", "50", 1);
    std::mutex mutex;
    std::condition_variable changed;
    Xapian::rev waiting_for = 0;
    bool done = false;  // so that a gate that never waits fails the test, not hangs it
    CommitGate::Options options;
    options.max_wait = std::chrono::minutes(1);
    options.on_wait = [&](Xapian::rev revision) {
        std::lock_guard lock(mutex);
        waiting_for = revision;
        changed.notify_all();
    };
    std::jthread writer([&] {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
        CommitGate gate(dir.string(), options);
        for (Xapian::docid id = 1; id <= kDocuments; ++id)
            gate.change(db, [&] { db.replace_document(id, make_document(id, 1)); });
        gate.change(db, [&] { db.commit(); });
        std::lock_guard lock(mutex);
        done = true;
        changed.notify_all();
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return waiting_for != 0 || done; });
    }
    ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
    EXPECT_EQ(waiting_for, r + 2);
    EXPECT_EQ(committed_revision(dir), r + 1);
    EXPECT_EQ(read_everything(reader, 0), kDocuments);
    pin = RevisionPin();
    writer.join();
    EXPECT_EQ(read_everything(Xapian::Database(dir.string()), 1), kDocuments);
}

TEST(CommitGate, GivesUpAfterMaxWaitAndThatReaderLosesItsRevision) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    const Xapian::rev r = build_database(dir);
    ASSERT_TRUE(create_pin_files(dir.string()));
    RevisionPin pin = RevisionPin::take(dir.string(), std::nullopt);
    Xapian::Database reader(dir.string());
    pin.settle(reader.get_revision());

    Xapian::rev gave_up_on = 0;
    GatedWriter writer(
        dir, 2, std::chrono::milliseconds(0),
        [&](Xapian::rev revision, std::chrono::milliseconds) { gave_up_on = revision; });
    writer.join();
    EXPECT_EQ(gave_up_on, r + 2);
    EXPECT_EQ(committed_revision(dir), r + 2);
    // The Searcher retries this on the newest revision.
    EXPECT_THROW(read_everything(reader, 0), Xapian::DatabaseModifiedError);
}

TEST(RevisionPin, IsInactiveWithoutPinFilesAndTheWriterThenNeverWaits) {
    test::TempDir tmp;
    const fs::path dir = tmp / "db";
    build_database(dir);  // as another tool would build it: no pin files
    RevisionPin pin = RevisionPin::take(dir.string(), std::nullopt);
    EXPECT_FALSE(pin.active());
    EXPECT_EQ(pin.held_file(), -1);

    // A gate creates the files (this is how newsdex-index adds them to a
    // database it writes in place); a reader that took no pin is not waited for.
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
        CommitGate gate(dir.string());
        EXPECT_TRUE(gate.active());
        rewrite_all(db, gate, 1);
        rewrite_all(db, gate, 2);
        EXPECT_EQ(gate.waits(), 0u);
    }
    for (const char* name : kPinFiles) EXPECT_TRUE(fs::exists(dir / name)) << name;
    EXPECT_TRUE(RevisionPin::take(dir.string(), std::nullopt).active());
}

}  // namespace
}  // namespace newsdex
