#pragma once
// The databases a search reads, opened one by one: every --db, each stub
// (stub_database.h) expanded into the shards it lists, local and remote.
// Opening them one by one, rather than letting Xapian open a stub whole, is
// what lets the searcher
//  - pin each local shard's revision against a writer (revision_pin.h);
//  - give remote shards a timeout (Xapian's stub reader uses none) so that a
//    shard that hangs costs a bounded time;
//  - leave out a remote shard that cannot be reached, name it, and try it
//    again later, so that a search answers from the others (Xapian's remote
//    backend only says NetworkError, not which shard failed).
//
// Not thread-safe: one per Searcher.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "errors.h"
#include "revision_pin.h"
#include "stub_database.h"

namespace newsdex {

/// Default for ShardOptions::remote_timeout.
inline constexpr std::chrono::milliseconds kDefaultRemoteTimeout{5000};
/// Longest ShardOptions::remote_timeout the command lines accept: a remote
/// shard slower than ten minutes is as good as down.
inline constexpr std::chrono::milliseconds kMaxRemoteTimeout{600'000};
/// Default for ShardOptions::retry_after.
inline constexpr std::chrono::milliseconds kDefaultRemoteRetry{5000};

struct ShardOptions {
    /// How long a remote shard may take to accept a connection, and then to
    /// answer each message, before it is left out of the search.
    std::chrono::milliseconds remote_timeout = kDefaultRemoteTimeout;
    /// A remote shard left out is tried again by the first open after this
    /// long (0: at every open), so a shard that comes back is used again
    /// without a restart, and one that is down costs a failed connection at
    /// most this often.
    std::chrono::milliseconds retry_after = kDefaultRemoteRetry;
};

/// Opening failed in a way that a later attempt can cure (a writer
/// committed while the tables were being read).
class RetryableOpenError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

class ShardSet {
  public:
    /// Expands the paths (the same database named twice is opened once).
    /// Opens nothing yet. Throws DatabaseError when a path or a local shard
    /// does not exist, or a stub cannot be read.
    ShardSet(const std::vector<std::string>& db_paths, ShardOptions options);

    /// Takes a pin on every local shard, then opens or reopens every shard
    /// at its newest revision and settles the pins there; remote shards that
    /// do not answer are left out (missing()). Sets `changed` when
    /// database() differs from before (another revision, another set of
    /// shards). Throws RetryableOpenError, or DatabaseError when a local
    /// shard cannot be opened or no shard at all can be reached.
    std::vector<RevisionPin> pin_newest(bool& changed);

    /// After a read failed with Xapian::NetworkError: connects afresh to
    /// every remote shard (a failed exchange can leave the others'
    /// connections mid-message) and leaves out those that do not answer.
    /// Returns false when there is no remote shard (the error is not one).
    bool reconnect_remotes();

    /// Every shard that answered, as one database.
    const Xapian::Database& database() const { return db_; }
    /// The --db paths as given (after removing repeats).
    const std::vector<std::string>& paths() const { return paths_; }
    /// The local shards' directories (for sizes).
    std::vector<std::string> local_paths() const;
    /// The shards database() holds.
    std::size_t open_count() const { return open_count_; }
    /// Each shard database() holds, on its own.
    std::vector<Xapian::Database> open_databases() const;
    /// The value of metadata `key` in each shard database() holds (a
    /// combined Xapian::Database answers for its first shard only).
    std::vector<std::string> shard_metadata(const std::string& key) const;
    /// Whether database() holds a remote shard: a search must then use only
    /// what Xapian can serialise (no custom KeyMaker, MatchSpy, MatchDecider).
    bool has_remote() const { return has_remote_; }
    /// Each remote shard left out of database(): its name ("HOST:PORT") and
    /// why ("Connection refused", "Timeout expired while trying to read").
    std::vector<std::pair<std::string, std::string>> missing() const;

  private:
    struct Shard {
        ShardLocation where;
        std::optional<Xapian::Database> db;
        std::optional<Xapian::rev> last_revision;  ///< local: which pin file to try first
        /// Remote, left out: since when and why.
        std::optional<std::chrono::steady_clock::time_point> down_since;
        std::string down_reason;
    };

    void open_local(Shard& shard);
    /// Connects; false (and the shard marked down) when it does not answer.
    bool open_remote(Shard& shard);
    void rebuild();

    ShardOptions options_;
    std::vector<std::string> paths_;
    std::vector<Shard> shards_;
    Xapian::Database db_;
    std::size_t open_count_ = 0;
    bool has_remote_ = false;
    bool built_ = false;
};

}  // namespace newsdex
