// The indexing pipeline end to end through the library: counts, re-runs,
// updates, duplicates, both write modes, locking, bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "errors.h"
#include "indexer.h"
#include "schema.h"
#include "stored_fields.h"
#include "support/fixture_index.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

struct IndexRunResult {
    IndexStats stats;
    std::vector<Diagnostic> warnings;
};

IndexRunResult index(const fs::path& db, std::vector<std::string> inputs,
                     WriteMode mode = WriteMode::Auto, std::string collection = "",
                     const std::atomic<bool>* cancel = nullptr) {
    IndexOptions options;
    options.db_path = db.string();
    options.inputs = std::move(inputs);
    options.mode = mode;
    options.collection = std::move(collection);
    options.jobs = 2;
    options.flush_docs = 7;  // small, so commits and segment roll-over happen in tests
    options.segment_docs = 11;
    IndexRunResult run;
    IndexCallbacks callbacks;
    callbacks.on_warning = [&](const Diagnostic& d) { run.warnings.push_back(d); };
    run.stats = run_index(options, callbacks, cancel);
    return run;
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

TEST(Indexer, SampleCorpusThenRerunAddsNothing) {
    test::TempDir tmp;
    IndexRunResult first = index(tmp / "db", test::sample_corpus_inputs());
    EXPECT_EQ(first.stats.added, 30u);
    EXPECT_EQ(first.stats.skipped, 0u);
    EXPECT_EQ(first.stats.mode, "segments");
    EXPECT_GT(first.stats.segments, 1u) << "segment roll-over at 11 documents";
    EXPECT_EQ(first.stats.total_documents, 30u);

    IndexRunResult second = index(tmp / "db", test::sample_corpus_inputs());
    EXPECT_EQ(second.stats.mode, "direct");
    EXPECT_EQ(second.stats.added, 0u);
    EXPECT_EQ(second.stats.updated, 0u);
    EXPECT_EQ(second.stats.unchanged, 30u);
    EXPECT_EQ(Xapian::Database((tmp / "db").string()).get_doccount(), 30u);
}

TEST(Indexer, ChangedArticleIsUpdatedNotDuplicated) {
    test::TempDir tmp;
    fs::path input = tmp / "feed.jsonl";
    write_file(input, R"({"id":"a","title":"Port strike","body":"Dockers walked out."}
{"id":"b","title":"Tram line","body":"The council voted."}
)");
    index(tmp / "db", {input.string()});
    write_file(input, R"({"id":"a","title":"Port strike ends","body":"Dockers went back."}
{"id":"b","title":"Tram line","body":"The council voted."}
{"id":"c","title":"Flood","body":"The river rose."}
)");
    IndexRunResult rerun = index(tmp / "db", {input.string()});
    EXPECT_EQ(rerun.stats.added, 1u);
    EXPECT_EQ(rerun.stats.updated, 1u);
    EXPECT_EQ(rerun.stats.unchanged, 1u);
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(db.get_doccount(), 3u);
    auto post = db.postlist_begin(unique_term("feed", "a"));
    ASSERT_NE(post, db.postlist_end(unique_term("feed", "a")));
    EXPECT_EQ(decode_stored_fields(db.get_document(*post).get_data()).title, "Port strike ends");
    EXPECT_EQ(db.get_termfreq("went"), 1u);
    EXPECT_EQ(db.get_termfreq("walked"), 0u) << "the old version's terms are gone";
}

TEST(Indexer, SameIdTwiceInOneRunKeepsTheLaterArticle) {
    for (WriteMode mode : {WriteMode::Segments, WriteMode::Direct}) {
        test::TempDir tmp;
        fs::path input = tmp / "feed.jsonl";
        write_file(input, R"({"id":"x","title":"First version","body":"alpha"}
{"id":"y","title":"Other","body":"beta"}
{"id":"x","title":"Second version","body":"gamma"}
)");
        IndexRunResult run = index(tmp / "db", {input.string()}, mode);
        Xapian::Database db((tmp / "db").string());
        EXPECT_EQ(db.get_doccount(), 2u);
        EXPECT_EQ(db.get_termfreq("gamma"), 1u);
        EXPECT_EQ(db.get_termfreq("alpha"), 0u);
        auto post = db.postlist_begin(unique_term("feed", "x"));
        EXPECT_EQ(decode_stored_fields(db.get_document(*post).get_data()).title, "Second version");
        if (mode == WriteMode::Segments) {
            ASSERT_FALSE(run.warnings.empty());
            EXPECT_NE(run.warnings[0].message.find("seen before"), std::string::npos);
        }
    }
}

TEST(Indexer, SegmentAndDirectModesBuildTheSameIndex) {
    test::TempDir tmp;
    index(tmp / "seg", test::sample_corpus_inputs(), WriteMode::Segments);
    index(tmp / "dir", test::sample_corpus_inputs(), WriteMode::Direct);
    Xapian::Database seg((tmp / "seg").string()), dir((tmp / "dir").string());
    EXPECT_EQ(seg.get_doccount(), dir.get_doccount());
    EXPECT_EQ(seg.get_total_length(), dir.get_total_length());
    EXPECT_EQ(test::unique_terms(seg), test::unique_terms(dir));
    for (const char* term : {"ceasefire", "Zplan", "Sokafor", "XLANGde", "XSOURCEharbor gazette"})
        EXPECT_EQ(seg.get_termfreq(term), dir.get_termfreq(term)) << term;
    EXPECT_GT(seg.get_termfreq("ceasefire"), 0u);
    auto spelling_freq = [](const Xapian::Database& db, const std::string& word) {
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
            if (*w == word) return w.get_termfreq();
        return Xapian::doccount(0);
    };
    EXPECT_EQ(spelling_freq(seg, "okafor"), spelling_freq(dir, "okafor"));
    EXPECT_GT(spelling_freq(seg, "okafor"), 0u);
}

TEST(Indexer, CollectionsWithOverlappingIdsCoexist) {
    test::TempDir tmp;
    fs::create_directories(tmp / "a");
    fs::create_directories(tmp / "b");
    write_file(tmp / "a" / "1.txt", "Title A\n\nBody of the first collection.\n");
    write_file(tmp / "b" / "1.txt", "Title B\n\nBody of the second collection.\n");
    index(tmp / "db", {(tmp / "a").string()});
    IndexRunResult second = index(tmp / "db", {(tmp / "b").string()});
    EXPECT_EQ(second.stats.added, 1u);
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(db.get_termfreq(unique_term("a", "1.txt")), 1u);
    EXPECT_EQ(db.get_termfreq(unique_term("b", "1.txt")), 1u);
}

TEST(Indexer, ExplicitCollectionName) {
    test::TempDir tmp;
    IndexRunResult run = index(tmp / "db", {(test::source_dir() / "corpus" / "trec").string()},
                               WriteMode::Auto, "wire");
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(db.get_termfreq(filter_term(schema::kPrefixCollection, "wire")), run.stats.added);
}

TEST(Indexer, SecondWriterIsToldTheDatabaseIsLocked) {
    test::TempDir tmp;
    Xapian::WritableDatabase holder((tmp / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    try {
        index(tmp / "db", test::sample_corpus_inputs());
        FAIL() << "expected DatabaseLockedError";
    } catch (const DatabaseLockedError& e) {
        EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find((tmp / "db").string()), std::string::npos) << e.what();
    }
}

TEST(Indexer, MissingInputIsAWarningAndTheRestIsIndexed) {
    test::TempDir tmp;
    auto inputs = test::sample_corpus_inputs();
    inputs.push_back((tmp / "no-such-file.jsonl").string());
    IndexRunResult run = index(tmp / "db", inputs);
    EXPECT_EQ(run.stats.added, 30u);
    ASSERT_EQ(run.warnings.size(), 1u);
    EXPECT_NE(run.warnings[0].file.find("no-such-file"), std::string::npos);
    EXPECT_EQ(run.stats.skipped, 1u);
    EXPECT_THROW(index(tmp / "db2", {(tmp / "missing").string()}), UsageError);
}

TEST(Indexer, BadRecordsAreSkippedWithAWarningAndGoodOnesKept) {
    test::TempDir tmp;
    fs::path input = tmp / "feed.jsonl";
    write_file(input,
               "{\"id\":\"1\",\"title\":\"Good\",\"body\":\"first\"}\n"
               "{\"id\":\"2\",\"title\": broken\n"
               "{\"id\":\"3\",\"title\":\"Caf\xE9\",\"body\":\"latin-1 byte\"}\n");
    IndexRunResult run = index(tmp / "db", {input.string()});
    EXPECT_EQ(run.stats.added, 2u);
    EXPECT_EQ(run.stats.skipped, 1u);
    bool named_line = false, named_repair = false;
    for (const auto& w : run.warnings) {
        named_line = named_line || w.record.find("line 2") != std::string::npos;
        named_repair = named_repair || w.message.find("invalid UTF-8") != std::string::npos;
    }
    EXPECT_TRUE(named_line);
    EXPECT_TRUE(named_repair);
    Xapian::Database db((tmp / "db").string());
    EXPECT_EQ(db.get_termfreq("Scafe"), 1u) << "repaired as Latin-1 then accent-folded";
}

TEST(Indexer, InterruptedBeforeStartLeavesAnOpenableDatabase) {
    test::TempDir tmp;
    std::atomic<bool> cancel{true};
    IndexRunResult run =
        index(tmp / "db", test::sample_corpus_inputs(), WriteMode::Auto, "", &cancel);
    EXPECT_TRUE(run.stats.interrupted);
    EXPECT_NO_THROW(Xapian::Database((tmp / "db").string()).get_doccount());
}

/// An exception on the calling thread once every thread runs (here thrown
/// by the test point; in life e.g. the system refusing the next thread) must
/// stop and join the threads, not std::terminate the process, and leave no
/// scratch directory.
void expect_exception_after_threads_start_is_survived(WriteMode mode) {
    test::TempDir tmp;
    if (mode == WriteMode::Direct)
        index(tmp / "db", {(test::source_dir() / "corpus" / "jsonl").string()});
    IndexOptions options;
    options.db_path = (tmp / "db").string();
    options.inputs = test::sample_corpus_inputs();
    options.mode = mode;
    options.jobs = 3;
    IndexCallbacks callbacks;
    std::vector<std::string> points;
    callbacks.test_point = [&](std::string_view point) {
        points.emplace_back(point);
        throw std::runtime_error("injected at " + std::string(point));
    };
    try {
        run_index(options, callbacks);
        FAIL() << "expected the injected exception";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "injected at threads started");
    }
    EXPECT_EQ(points, std::vector<std::string>{"threads started"});
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        EXPECT_EQ(entry.path().filename().string().find(".db.newsdex-build-"), std::string::npos)
            << entry.path();
    EXPECT_NO_THROW(Xapian::Database(options.db_path).get_doccount());
    // The database is not left locked: the next run completes it.
    options.mode = WriteMode::Auto;
    IndexStats stats = run_index(options, {});
    EXPECT_GT(stats.total_documents, 0u);
}

TEST(Indexer, AnExceptionAfterTheThreadsStartIsSurvivedInSegmentMode) {
    expect_exception_after_threads_start_is_survived(WriteMode::Segments);
}

TEST(Indexer, AnExceptionAfterTheThreadsStartIsSurvivedInDirectMode) {
    expect_exception_after_threads_start_is_survived(WriteMode::Direct);
}

TEST(Indexer, SharedCorpusReutersAndBbcExactCounts) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578");
    NEWSDEX_REQUIRE_SHARED_CORPUS("bbc");
    test::TempDir tmp;
    IndexOptions options;
    options.db_path = (tmp / "db").string();
    options.inputs = {(test::shared_corpus_dir() / "reuters21578").string(),
                      (test::shared_corpus_dir() / "bbc").string()};
    IndexStats stats = run_index(options, {});
    EXPECT_EQ(stats.added, 21578u + 2225u);
    EXPECT_EQ(stats.total_documents, 21578u + 2225u);
    Xapian::Database db(options.db_path);
    EXPECT_EQ(db.get_termfreq(filter_term(schema::kPrefixCollection, "reuters21578")), 21578u);
    EXPECT_EQ(db.get_termfreq(filter_term(schema::kPrefixCollection, "bbc")), 2225u);
    EXPECT_EQ(db.get_termfreq(filter_term(schema::kPrefixTopic, "cocoa")),
              76u);  // grep -c "<D>cocoa</D>" in TOPICS
}

}  // namespace
}  // namespace newsdex
