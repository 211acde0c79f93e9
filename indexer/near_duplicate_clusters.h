#pragma once
// Near-duplicate clusters at index time: after a run's documents are
// committed, each article added since the previous pass looks up the articles
// sharing one of its LSH band terms (common/near_duplicate.h), confirms them
// by exact shingle Jaccard, and joins their cluster. Clusters are stored in
// schema::kSlotCluster (the collapse key) and, for articles that have a
// near-duplicate, a schema::kPrefixCluster term listing the members.
//
// Incremental: the highest document id examined is kept in the database's
// metadata, so a later run only looks at what it added, and those articles
// join the clusters already there (two existing clusters bridged by a new
// article become one, under the older cluster's id). A cluster's id is the
// identity of its oldest article, so ids never depend on run order within
// the database. Independent of the write path: it runs on the final database
// whether it was written directly or merged from segments.

#include <cstdint>
#include <set>
#include <string>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "revision_pin.h"

namespace newsdex {

struct ClusterStats {
    std::uint64_t examined = 0;    ///< articles new since the previous pass
    std::uint64_t buckets = 0;     ///< LSH buckets with two or more articles looked at
    std::uint64_t verified = 0;    ///< candidate pairs whose exact Jaccard was computed
    std::uint64_t confirmed = 0;   ///< of those, near-duplicates
    std::uint64_t relabelled = 0;  ///< documents whose cluster changed
};

/// Runs the pass and commits, every change through `gate` (so searches of a
/// database updated in place keep their pinned revision; an inactive gate
/// for a database no one searches yet). Throws Xapian::Error on database failure (the
/// caller's error handling applies); the database is then left at its last
/// commit, and the next run repeats the pass.
ClusterStats cluster_near_duplicates(Xapian::WritableDatabase& db, TextAnalyzer& analyzer,
                                     CommitGate& gate);

/// Restores the clusters' invariants after members left them (deleted
/// articles), for each cluster id (a kSlotCluster value the leavers held):
/// a cluster left with one member makes it a singleton (its own identity,
/// no membership term); a cluster that lost the article it was named after
/// is renamed after its oldest member left, so ids stay identities of
/// articles in the database. Changes go through `gate`; the caller commits.
/// Returns the documents relabelled.
std::uint64_t repair_clusters(Xapian::WritableDatabase& db,
                              const std::set<std::string>& cluster_ids, CommitGate& gate);

/// The metadata key holding the highest document id the pass has examined.
inline constexpr const char* kClusterWatermarkKey = "newsdex.near_duplicates.last_docid";

}  // namespace newsdex
