#pragma once
// The German compound table: after a run's documents (and the near-duplicate
// pass) are committed, and after deletions, every German word of the
// database that splits into other German words of the database
// (common/analysis/compound_splitter.h) is recorded under each of its parts,
// so that a query for "Krise" also finds "Flüchtlingskrise".
//
// Stored in Xapian's synonym table (docs/schema.md, "Compound table"):
// key schema::compound_part_key(German stem of a part), synonyms the stem
// terms ("Z" + German stem) of the compounds holding that part. Xapian merges
// the table over the shards of a search; each shard holds the entries whose
// compound it holds, so the shards together hold what one database would.
//
// Rebuilt whole, not patched: a compound's split depends on the whole
// vocabulary (a new word can make an old word splittable, a deletion can take
// a part away), and reading the German vocabulary is a small share of
// indexing it (bench/RESULTS.md). Databases without German articles cost one
// term-frequency lookup.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "revision_pin.h"

namespace newsdex {

/// A part's compounds beyond this many (the most frequent kept, by German
/// documents) are left out of the table: a part such as "haus" or "land" can
/// head thousands of compounds, and the query expands to all it lists.
inline constexpr std::size_t kMaxCompoundsPerPart = 200;

struct CompoundTableStats {
    bool rebuilt = false;               ///< false: the table was already current
    std::uint64_t german_words = 0;     ///< distinct German words read (the dictionary)
    std::uint64_t compounds = 0;        ///< of those, words that split into parts
    std::uint64_t parts = 0;            ///< table keys (distinct part stems)
    std::uint64_t entries = 0;          ///< part -> compound stem pairs kept
    std::uint64_t truncated_parts = 0;  ///< parts that had more than kMaxCompoundsPerPart
    std::uint64_t dropped_entries = 0;  ///< pairs left out by that bound
    double seconds = 0;                 ///< reading, splitting and writing (wall clock)
};

/// The table computed from a database's German vocabulary: part key ->
/// compound stem terms, most frequent first, at most kMaxCompoundsPerPart.
struct CompoundTable {
    std::map<std::string, std::vector<std::string>> compounds_of;
    CompoundTableStats stats;
};

/// Reads the German words of `db` (the unprefixed terms of its documents with
/// the XLANGde term; `db` may be several shards) and splits each.
CompoundTable build_compound_table(const Xapian::Database& db, TextAnalyzer& analyzer);

/// Replaces `db`'s synonym table by the entries of `table` whose compound
/// stem `db` holds, marks the table current and commits, through `gate`.
/// Nothing is written when there is no German (nothing was computed) and no
/// old table to clear.
void write_compound_table(Xapian::WritableDatabase& db, const CompoundTable& table,
                          CommitGate& gate);

/// build_compound_table then write_compound_table on one database, timed.
CompoundTableStats rebuild_compound_table(Xapian::WritableDatabase& db, TextAnalyzer& analyzer,
                                          CommitGate& gate);

/// Whether `db`'s table was written at its latest commit (nothing changed
/// since), so a run that changed nothing need not rebuild it.
bool compound_table_current(const Xapian::Database& db);

/// The table of a database written as shards (the local shard directories of
/// a stub): built over all of them, each shard written through its own
/// commit gate. Skipped when `changed` is false and every shard is current.
CompoundTableStats update_compound_tables(const std::vector<std::string>& shard_paths, bool changed,
                                          const CommitGate::Options& gate_options);

}  // namespace newsdex
