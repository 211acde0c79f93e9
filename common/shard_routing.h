#pragma once
// Which shard of a sharded database holds an article: one rule for every
// writer (indexing, updates, deletes), so that a later update or delete of an
// article reaches the shard the first run put it in.

#include <cstdint>
#include <string_view>

#include "terms.h"

namespace newsdex {

/// The shard (0 .. shards - 1) of the article whose unique term
/// (terms.h: unique_term(collection, id)) is `unique_term`. Stable across
/// runs, machines and versions: changing it strands every article of an
/// existing sharded database in the wrong shard.
inline unsigned shard_of(std::string_view unique_term, unsigned shards) {
    return static_cast<unsigned>(stable_hash64(unique_term) % shards);
}

}  // namespace newsdex
