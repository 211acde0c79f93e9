#pragma once
// The one registry of term prefixes, value slots and stored fields.
// docs/schema.md explains each entry; keep the two in step.
//
// Prefixes follow Xapian/Omega conventions: a single capital letter for the
// well-known ones, X + capitals for our own. A term never starts with a
// capital letter otherwise, because the analysis case-folds.

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
/// Boolean filter terms: lower-cased whole value.
inline constexpr std::string_view kPrefixSource = "XSOURCE";
inline constexpr std::string_view kPrefixTopic = "XTOPIC";
inline constexpr std::string_view kPrefixLang = "XLANG";
inline constexpr std::string_view kPrefixCollection = "XCOLL";
/// How the article hyphenated a compound: "XHYPH" + joined term + '\x1f' +
/// its parts separated by spaces ("XHYPHceasefire\x1fcease fire"). Boolean,
/// one per distinct compound of the article: queries for "ceasefire" look the
/// splits up (an allterms prefix scan) and also search the parts as a phrase,
/// so the corpus's own hyphenations decide which words split.
inline constexpr std::string_view kPrefixHyphenated = "XHYPH";

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
};

/// Separates list items inside one value slot or stored field.
inline constexpr char kListSeparator = '\x1f';

// --- versions ----------------------------------------------------------------
/// Bumped whenever the analysis or the term layout changes. Stored with every
/// document, so a re-run replaces documents analysed by an older version
/// instead of keeping them as "unchanged".
inline constexpr unsigned kAnalysisVersion = 3;

// --- positions ---------------------------------------------------------------
/// Gap between the title and the body (and between authors) in the position
/// space, so a phrase never matches across fields.
inline constexpr Xapian::termpos kFieldPositionGap = 100;

// --- weighting ---------------------------------------------------------------
/// Extra wdf a title word gets in the unprefixed (all-text) field, so that
/// title matches outrank body matches under BM25.
inline constexpr Xapian::termcount kTitleWdfBoost = 3;

}  // namespace newsdex::schema
