#pragma once
// The one registry of term prefixes, value slots and stored fields.
// docs/schema.md explains each entry; keep the two in step.
//
// Prefixes follow Xapian/Omega conventions: a single capital letter for the
// well-known ones, X + capitals for our own. A term never starts with a
// capital letter otherwise, because the analysis case-folds.

#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex::schema {

// --- term prefixes -------------------------------------------------------
/// Unique id: "Q" + native id + '\x1f' + collection. One per document; the
/// indexer replaces by it, so re-indexing never duplicates. The id comes first
/// so that `id:X` is a prefix (wildcard) query over every collection.
inline constexpr std::string_view kPrefixUnique = "Q";
/// Stemmed form of a word, without positions (Xapian's STEM_SOME convention).
inline constexpr std::string_view kPrefixStem = "Z";
/// Title words (unstemmed with positions; stemmed as "ZS").
inline constexpr std::string_view kPrefixTitle = "S";
/// Author names, each analysed as words (unstemmed with positions).
inline constexpr std::string_view kPrefixAuthor = "A";
/// Character bigrams of Han/katakana runs (analysis/cjk_bigrams.h), with
/// positions in a space of their own (one per code point), so a part of a
/// dictionary word matches as a phrase of its pairs.
inline constexpr std::string_view kPrefixCjkBigram = "XCJK";
/// Boolean filter terms: lower-cased whole value.
inline constexpr std::string_view kPrefixSource = "XSOURCE";
inline constexpr std::string_view kPrefixTopic = "XTOPIC";
inline constexpr std::string_view kPrefixLang = "XLANG";
inline constexpr std::string_view kPrefixCollection = "XCOLL";
/// Near-duplicate detection (common/near_duplicate.h): the LSH band keys of
/// an article's MinHash signature, and the cluster membership of an article
/// that has near-duplicates: kPrefixCluster + 16 hex digits of the stable
/// hash of its kSlotCluster value (singletons have none).
inline constexpr std::string_view kPrefixNearDup = "XDUP";
inline constexpr std::string_view kPrefixCluster = "XCLUSTER";
/// Entity filters (Reuters PLACES, PEOPLE, ORGS, EXCHANGES and the like).
inline constexpr std::string_view kPrefixPlace = "XPLACE";
inline constexpr std::string_view kPrefixPeople = "XPEOPLE";
inline constexpr std::string_view kPrefixOrg = "XORG";
inline constexpr std::string_view kPrefixExchange = "XEXCHANGE";
/// How the article hyphenated a compound: "XHYPH" + joined term + '\x1f' +
/// its parts separated by spaces ("XHYPHceasefire\x1fcease fire"). Boolean,
/// one per distinct compound of the article: queries for "ceasefire" look the
/// splits up (an allterms prefix scan) and also search the parts as a phrase,
/// so the corpus's own hyphenations decide which words split.
inline constexpr std::string_view kPrefixHyphenated = "XHYPH";

// --- compound table (Xapian's synonym table) -------------------------------
/// The language whose compounds are split (common/analysis/compound_splitter.h)
/// and recorded in the synonym table (indexer/compound_table.h).
inline constexpr std::string_view kCompoundLanguage = "de";
/// The synonym-table key of a compound part: the stem term ("Z" + the part's
/// German stem), as Xapian's QueryParser keys synonyms of stems. Its synonyms
/// are the stem terms of the compounds holding the part ("Zkris" ->
/// "Zfluchtlingskris", "Zfinanzkris", ...). The indexer writes these keys,
/// the searcher looks a German query word's stem up by the same rule.
/// Metadata key: the revision at which the compound table was written (set
/// whenever the database has German articles, even if nothing splits). The
/// searcher reads its absence as "indexed before version 7".
inline constexpr const char* kMetadataCompoundTableRevision = "newsdex.compounds.revision";
inline std::string compound_part_key(std::string_view german_stem) {
    std::string key(kPrefixStem);
    key += german_stem;
    return key;
}

// --- value slots -----------------------------------------------------------
enum Slot : Xapian::valueno {
    /// Publication time, Xapian::sortable_serialise(seconds since epoch, UTC).
    /// Absent when the article has no parseable date.
    kSlotDate = 0,
    /// Source as written (for facets and display of counts).
    kSlotSource = 1,
    // Slot 2 is unused: the year facet is derived from kSlotDate.
    /// Collection name.
    kSlotCollection = 3,
    /// Language code.
    kSlotLang = 4,
    /// Topics, joined by kListSeparator (a document may have several).
    kSlotTopics = 5,
    /// The article's identity, its unique term (kPrefixUnique...): collapsing
    /// on it makes the same (collection, id) in several databases one hit.
    kSlotIdentity = 6,
    /// The near-duplicate cluster: the identity of the cluster's first
    /// article, so a singleton holds its own identity. Collapsing on it gives
    /// one hit per cluster and still one per (collection, id) across databases.
    kSlotCluster = 7,
    /// Entity lists for facets, joined by kListSeparator like kSlotTopics.
    kSlotPlaces = 8,
    kSlotPeople = 9,
    kSlotOrgs = 10,
    kSlotExchanges = 11,
    /// Tie-break key (terms.h tie_break_key): equal scores rank newest first,
    /// then by collection and id, the same on every build of the same input.
    kSlotTieBreak = 12,
    /// The date again, for oldest-first order: kSlotDate's value, or
    /// kUndatedLast when undated (date_undated_last), so that an ascending
    /// sort by value puts undated articles last. A sort by value, unlike a
    /// KeyMaker, runs on remote shards (xapian-tcpsrv). Newest first sorts
    /// kSlotDate descending: an absent value sorts lowest, so last.
    kSlotDateUndatedLast = 13,
    /// kSlotCluster's value for the articles of a cluster with two or more
    /// members, absent for singletons: the collapse key of a search. Xapian
    /// never collapses an empty key and reads a sparse slot's few values
    /// almost for free, whereas collapsing on kSlotCluster (a value in every
    /// article) read one per match, about 1 us each, most of a collapsed
    /// search's time at 200,000 articles (bench/RESULTS.md). Kept by the
    /// near-duplicate pass with the membership term; a database where it is
    /// complete says so in kMetadataSharedClusterSlot.
    kSlotSharedCluster = 14,
};

/// Metadata key, present once kSlotSharedCluster holds the cluster of every
/// article with a membership term (kPrefixCluster) and of no other article;
/// before it, a search collapses on kSlotCluster.
inline constexpr const char* kMetadataSharedClusterSlot = "newsdex.clusters.shared_slot";

/// kSlotDateUndatedLast of an undated article: above every value
/// Xapian::sortable_serialise makes (at most 9 bytes).
inline constexpr std::string_view kUndatedLast = "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff";

/// kSlotDateUndatedLast's value for a kSlotDate value (empty: undated).
inline std::string date_undated_last(std::string_view date_value) {
    return std::string(date_value.empty() ? kUndatedLast : date_value);
}

/// Separates list items inside one value slot or stored field.
inline constexpr char kListSeparator = '\x1f';

// --- versions ----------------------------------------------------------------
/// Bumped whenever the analysis or the term layout changes. Stored with every
/// document, so a re-run replaces documents analysed by an older version
/// instead of keeping them as "unchanged".
/// 2: identity and cluster value slots; place/people/org/exchange terms and slots.
/// 3: tie-break slot; dotted words split into parts; XCJK character bigrams.
/// 4: the language detected per article (CLD2; 'und' unstemmed); a word in a
///    language without a stemmer is its own stem (every stemmable word has a Z term).
/// 5: Arabic alef maksura, final taa marbuta and Arabic-Indic/Persian digits
///    folded; German stems by german2; XHYPH terms (how a compound was hyphenated).
/// 6: kSlotDateUndatedLast (oldest-first order on remote shards).
/// 7: the German compound table in the synonym table (compound_part_key).
inline constexpr unsigned kAnalysisVersion = 7;

// --- positions ---------------------------------------------------------------
/// Gap between the title and the body (and between authors) in the position
/// space, so a phrase never matches across fields.
inline constexpr Xapian::termpos kFieldPositionGap = 100;

// --- weighting ---------------------------------------------------------------
/// Extra wdf a title word gets in the unprefixed (all-text) field, so that
/// title matches outrank body matches under BM25.
inline constexpr Xapian::termcount kTitleWdfBoost = 3;

}  // namespace newsdex::schema
