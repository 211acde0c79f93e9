#pragma once
// A database split into shards: DIR holds one Xapian database per shard
// (DIR/shard-0, DIR/shard-1, ...) and a stub, DIR/XAPIANDB, listing them, so
// that `newsdex-search --db DIR` searches them as one (searcher/shard_set).
// Each article lives in the shard shard_of() names (common/shard_routing.h),
// so a later run that updates it, or a delete, finds it there.

#include <atomic>

#include "indexer.h"

namespace newsdex {

/// Whether run_sharded_index (rather than run_index) serves these options:
/// --shards was given, or db_path is a stub.
bool wants_sharded_index(const IndexOptions& options);

/// Indexes options.inputs into the shards of options.db_path. A new or empty
/// DIR with options.shards = N becomes N empty shards and the stub first (so
/// it is searchable, and consistent, from the start); then each shard is
/// indexed in turn by run_index, on all cores, from the same inputs, keeping
/// only its own articles. Each extra shard repeats reading (0.5% of
/// indexing) and, since an article's id may be defaulted while it is
/// prepared, the preparation of every article, language detection included
/// (about 6% of indexing CPU on Reuters): for N shards about 6% x (N - 1)
/// more CPU than one database. An existing sharded DIR routes each
/// article to its shard; options.shards, if given, must match it.
///
/// Warnings about the input are reported once (by the first shard's run);
/// the returned counts of files, bytes, skipped records and warnings are the
/// first run's, the counts of articles and documents are summed. An
/// interrupt stops after the shard being written commits. Throws UsageError
/// for a DIR that is a single database, a stub with remote shards, or a
/// --shards that differs from the stub's.
IndexStats run_sharded_index(const IndexOptions& options, const IndexCallbacks& callbacks,
                             const std::atomic<bool>* cancel);

}  // namespace newsdex
