#pragma once
// Deleting articles by key ("COLLECTION/ID", article_lookup.h) from one
// database updated in place: `newsdex-index --delete` and `--delete-from`.
//
// Each article is found by its unique term (the lookup newsdex-search's
// --show uses), deleted, its words taken out of the spelling table (so "did
// you mean" stops offering a word only deleted articles had), and the
// near-duplicate clusters it belonged to repaired (repair_clusters). Every
// change goes through the CommitGate like in-place indexing, and a commit
// every `flush_docs` deletions holds the deletions and their cluster repairs
// together: a search, pinned to a revision, sees an article and its
// cluster either before or after, never between.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "article_lookup.h"
#include "diagnostics.h"

namespace newsdex {

struct DeletionOptions {
    std::string db_path;
    /// Keys given on the command line (already parsed).
    std::vector<ArticleKey> keys;
    /// A file of keys, one "COLLECTION/ID" a line ('-': standard input); empty:
    /// none. Blank lines are passed over; a line that is not a key is a
    /// warning naming the file and line, and the run goes on.
    std::string keys_file;
    /// Commit every N deletions (the in-place writer's --flush).
    std::uint32_t flush_docs = 1000;
    bool spelling = true;  ///< take deleted articles' words out of the spelling table
    /// Readable once the cancel flag is set (-1: none): ends a read of an idle stdin.
    int cancel_wake_fd = -1;
    /// Rebuild the German compound table after deleting (compound_table.h):
    /// a deleted article may take the last use of a compound or a part away.
    /// Off for each shard of a stub, whose table is rebuilt over all shards.
    bool compound_table = true;
};

struct DeletionStats {
    std::uint64_t requested = 0;  ///< keys read (repeats included)
    std::uint64_t deleted = 0;
    std::uint64_t not_found = 0;        ///< keys no article has (each reported by on_not_found)
    std::uint64_t repeated = 0;         ///< keys given again after their article was deleted
    std::uint64_t malformed = 0;        ///< lines of keys_file that are not a key (each warned)
    std::uint64_t relabelled = 0;       ///< documents moved to another near-duplicate cluster
    std::uint64_t total_documents = 0;  ///< documents in the database afterwards
    bool compound_table_rebuilt = false;
    bool interrupted = false;
    double seconds = 0;
};

struct DeletionCallbacks {
    std::function<void(const Diagnostic&)> on_warning;
    /// A key no article in the database has (the run goes on).
    std::function<void(const ArticleKey&)> on_not_found;
};

/// Deletes the articles; commits what was deleted when `*cancel` becomes
/// true (DeletionStats::interrupted). Throws DatabaseLockedError /
/// DatabaseError when the database is missing, locked or cannot be written
/// (it then keeps its last commit), UsageError when keys_file cannot be
/// opened or a stub lists a remote shard. On a stub (a sharded database),
/// each key is deleted from every local shard that holds it, each shard
/// committing as above; a key no shard holds is reported once.
DeletionStats delete_articles(const DeletionOptions& options, const DeletionCallbacks& callbacks,
                              const std::atomic<bool>* cancel = nullptr);

}  // namespace newsdex
