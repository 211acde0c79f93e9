#include "article_deletion.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "build_directory.h"
#include "compound_table.h"
#include "database_errors.h"
#include "document_builder.h"
#include "errors.h"
#include "near_duplicate_clusters.h"
#include "readers/buffered_input.h"
#include "readers/byte_source.h"
#include "revision_pin.h"
#include "schema.h"
#include "stored_fields.h"
#include "stub_database.h"
#include "terms.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

/// Where the keys come from: the command line's, then the file's, one at a time
/// (a file of a million keys is never held in memory).
class KeySource {
  public:
    KeySource(const DeletionOptions& options, const DeletionCallbacks& callbacks,
              DeletionStats& stats)
        : options_(options), callbacks_(callbacks), stats_(stats) {
        if (options.keys_file.empty()) return;
        file_name_ = options.keys_file == "-" ? "standard input" : options.keys_file;
        try {
            source_ = options.keys_file == "-" ? readers::open_stdin_source(options.cancel_wake_fd)
                                               : readers::open_file_source(options.keys_file);
        } catch (const InputError& e) {
            throw UsageError("--delete-from: " + std::string(e.what()));
        }
        input_.emplace(*source_);
    }

    std::optional<ArticleKey> next() {
        if (next_arg_ < options_.keys.size()) return options_.keys[next_arg_++];
        if (!input_) return std::nullopt;
        std::string line;
        while (input_->getline(line)) {
            ++line_number_;
            const auto first = line.find_first_not_of(" \t");
            if (first == std::string::npos) continue;  // blank
            const auto last = line.find_last_not_of(" \t");
            if (auto key =
                    parse_article_key(std::string_view(line).substr(first, last - first + 1)))
                return key;
            ++stats_.malformed;
            if (callbacks_.on_warning)
                callbacks_.on_warning(Diagnostic{file_name_, "line " + std::to_string(line_number_),
                                                 "not COLLECTION/ID; line passed over", true});
        }
        return std::nullopt;
    }

  private:
    const DeletionOptions& options_;
    const DeletionCallbacks& callbacks_;
    DeletionStats& stats_;
    std::size_t next_arg_ = 0;
    std::string file_name_;
    std::unique_ptr<readers::ByteSource> source_;
    std::optional<readers::BufferedInput> input_;
    std::uint64_t line_number_ = 0;
};

class Deletion {
  public:
    Deletion(const DeletionOptions& options, const DeletionCallbacks& callbacks,
             const std::atomic<bool>* cancel)
        : options_(options), callbacks_(callbacks), cancel_(cancel) {}

    DeletionStats run() {
        const auto started = std::chrono::steady_clock::now();
        if (options_.flush_docs == 0) throw UsageError("flush size must be at least 1");
        std::error_code ec;
        if (!fs::exists(options_.db_path, ec))
            throw DatabaseError("database " + options_.db_path + " does not exist");
        if (is_stub_database(options_.db_path)) return run_on_shards(started);
        KeySource keys(options_, callbacks_, stats_);  // a missing file is refused before writing
        // A segment-mode build still running would swap its database in over
        // these deletions (and one killed left a scratch directory to clean).
        recover_interrupted_builds(options_.db_path);
        try {
            Xapian::WritableDatabase db(options_.db_path, Xapian::DB_OPEN);
            CommitGate gate(options_.db_path, gate_options());
            delete_all(db, gate, keys);
            if (options_.compound_table && !cancelled() &&
                (stats_.deleted > 0 || !compound_table_current(db))) {
                TextAnalyzer analyzer;
                stats_.compound_table_rebuilt = rebuild_compound_table(db, analyzer, gate).rebuilt;
            }
            stats_.total_documents = db.get_doccount();
            db.close();
        } catch (const Xapian::Error& e) {
            throw_write_error(e, options_.db_path);
        }
        stats_.interrupted = cancelled();
        stats_.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats_;
    }

  private:
    bool cancelled() const { return cancel_ && cancel_->load(); }

    /// A stub: every key is looked for in every local shard (a hand-written
    /// stub need not follow shard_routing.h, and a term lookup per shard is
    /// cheap), deleted where found, and reported once if no shard has it.
    DeletionStats run_on_shards(std::chrono::steady_clock::time_point started) {
        std::vector<std::string> shards;
        for (const ShardLocation& shard : expand_stub(options_.db_path)) {
            if (shard.remote())
                throw UsageError(options_.db_path + ": lists the remote shard " + shard.name() +
                                 "; delete on the shard's own machine");
            shards.push_back(shard.path);
        }
        // Keys are read once (a missing file is refused before anything is
        // written); a deletion's keys are few next to the articles.
        KeySource source(options_, callbacks_, stats_);
        DeletionOptions shard_options = options_;
        shard_options.compound_table = false;
        shard_options.keys.clear();
        shard_options.keys_file.clear();
        while (auto key = source.next()) shard_options.keys.push_back(std::move(*key));
        std::map<std::string, std::size_t> missing;  // key text -> shards without it
        DeletionCallbacks shard_callbacks{callbacks_.on_warning,
                                          [&](const ArticleKey& key) { ++missing[key.text()]; }};
        for (const std::string& shard : shards) {
            shard_options.db_path = shard;
            const DeletionStats s = Deletion(shard_options, shard_callbacks, cancel_).run();
            stats_.deleted += s.deleted;
            stats_.relabelled += s.relabelled;
            stats_.total_documents += s.total_documents;
            if (s.interrupted) break;
        }
        if (options_.compound_table && !cancelled()) {
            try {
                stats_.compound_table_rebuilt =
                    update_compound_tables(shards, stats_.deleted > 0, gate_options()).rebuilt;
            } catch (const Xapian::Error& e) {
                throw_write_error(e, options_.db_path);
            }
        }
        stats_.requested = shard_options.keys.size();
        // As on one database: every occurrence of a key no shard holds is
        // reported; the other keys that deleted nothing were given again.
        std::map<std::string, std::size_t> given;  // key text -> times given
        for (const ArticleKey& key : shard_options.keys) ++given[key.text()];
        for (const ArticleKey& key : shard_options.keys) {
            // Each shard reports each occurrence of a key it does not hold.
            auto it = missing.find(key.text());
            if (it == missing.end() || it->second < shards.size() * given[key.text()]) continue;
            ++stats_.not_found;
            if (callbacks_.on_not_found) callbacks_.on_not_found(key);
        }
        stats_.repeated = stats_.requested - stats_.deleted - stats_.not_found;
        stats_.interrupted = cancelled();
        stats_.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats_;
    }

    CommitGate::Options gate_options() {
        CommitGate::Options gate;
        gate.on_give_up = [this](Xapian::rev revision, std::chrono::milliseconds waited) {
            if (callbacks_.on_warning)
                callbacks_.on_warning(
                    Diagnostic{options_.db_path, "", gave_up_waiting_message(revision, waited)});
        };
        return gate;
    }

    void delete_all(Xapian::WritableDatabase& db, CommitGate& gate, KeySource& keys) {
        std::uint32_t pending = 0;
        while (!cancelled()) {
            std::optional<ArticleKey> key = keys.next();
            if (!key) break;
            ++stats_.requested;
            const std::uint64_t hash = stable_hash64(unique_term(key->collection, key->id));
            std::optional<Xapian::docid> doc = find_article_docid(db, key->collection, key->id);
            if (!doc) {
                // Deleted earlier in this run (a collision of the 64-bit hash
                // only mislabels a missing article as repeated).
                if (deleted_.count(hash)) {
                    ++stats_.repeated;
                    continue;
                }
                ++stats_.not_found;
                if (callbacks_.on_not_found) callbacks_.on_not_found(*key);
                continue;
            }
            delete_one(db, gate, *doc);
            deleted_.insert(hash);
            ++stats_.deleted;
            if (++pending >= options_.flush_docs) {
                commit(db, gate);
                pending = 0;
            }
        }
        commit(db, gate);
    }

    void delete_one(Xapian::WritableDatabase& db, CommitGate& gate, Xapian::docid doc) {
        const Xapian::Document document = db.get_document(doc);
        const std::string cluster = document.get_value(schema::kSlotCluster);
        // Only a cluster with members besides this one has a membership term.
        if (!cluster.empty() && has_cluster_term(document)) clusters_.insert(cluster);
        if (options_.spelling) {
            // The words this article added, found as the indexer found them.
            const Article stored = decode_stored_fields(document.get_data());
            for (const auto& word : build_document(stored, analyzer_).spelling_words)
                ++spelling_[word];
        }
        gate.change(db, [&] { db.delete_document(doc); });
    }

    static bool has_cluster_term(const Xapian::Document& document) {
        const std::string prefix(schema::kPrefixCluster);
        auto t = document.termlist_begin();
        t.skip_to(prefix);
        return t != document.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0;
    }

    /// The deletions so far, their clusters repaired and their spelling
    /// words taken out, in one revision.
    void commit(Xapian::WritableDatabase& db, CommitGate& gate) {
        stats_.relabelled += repair_clusters(db, clusters_, gate);
        clusters_.clear();
        gate.change(db, [&] {
            for (const auto& [word, count] : spelling_) db.remove_spelling(word, count);
            db.commit();
        });
        spelling_.clear();
    }

    const DeletionOptions& options_;
    const DeletionCallbacks& callbacks_;
    const std::atomic<bool>* cancel_;
    DeletionStats stats_;
    TextAnalyzer analyzer_;
    /// Hashes of the unique terms deleted in this run (64 bits a key).
    std::unordered_set<std::uint64_t> deleted_;
    /// Clusters that lost a member since the last commit.
    std::set<std::string> clusters_;
    /// Spelling counts to take out at the next commit.
    std::map<std::string, Xapian::termcount> spelling_;
};

}  // namespace

DeletionStats delete_articles(const DeletionOptions& options, const DeletionCallbacks& callbacks,
                              const std::atomic<bool>* cancel) {
    return Deletion(options, callbacks, cancel).run();
}

}  // namespace newsdex
