#pragma once
// The search service behind newsdex-search and newsdex-bench: one or more
// databases searched as one, BM25 ranking, sorting, facets, "did you mean",
// and snippets. Not thread-safe; use one Searcher per thread (they are cheap
// next to the databases they open, which the OS page cache shares).

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "article.h"
#include "bm25_impact.h"
#include "database_info.h"
#include "date_range.h"
#include "facets.h"
#include "ranking_bonuses.h"
#include "revision_pin.h"
#include "shard_set.h"
#include "snippet_renderer.h"

namespace newsdex {

enum class SortOrder { Relevance, Newest, Oldest };

/// "relevance", "newest" or "oldest"; nullopt for anything else.
std::optional<SortOrder> parse_sort_order(std::string_view name);

/// BM25 defaults, tuned on the TIME collection (see bench/RESULTS.md).
inline constexpr double kDefaultBm25K1 = 2.0;
/// b is also the one databases store their impacts with (bm25_impact.h).
inline constexpr double kDefaultBm25B = bm25_impact::kB;

/// Matches a search evaluates at least, so that any total up to this many is
/// exact (Xapian's check_at_least); above it the total is a range. Chosen on
/// the Reuters query set: see "Honest counts" in bench/RESULTS.md.
inline constexpr unsigned kDefaultCountBound = 10000;
/// With near-duplicates collapsed (the default), cluster totals are exact
/// below this many clusters, else the range Xapian proves (capped by the
/// article count). Xapian's collapsed bounds meet only when the match set it
/// was asked for is not full, so a collapsed search asks for this many hits
/// (or its page, if that reaches further) in its one pass; every hit held
/// costs a cluster-value read and a comparison, hence lower than
/// kDefaultCountBound. Chosen on the Reuters query set ("Honest counts" in
/// bench/RESULTS.md).
inline constexpr unsigned kDefaultCollapsedCountBound = 300;

inline constexpr unsigned kDefaultFacetSize = 20;

/// SearchRequest::limit for "every match" (--limit all): hits are meant to be
/// streamed through a HitSink, not collected.
inline constexpr unsigned kAllHits = static_cast<unsigned>(-1);

struct SearchRequest {
    std::string query;
    unsigned limit = 10;  ///< kAllHits: every match
    unsigned offset = 0;
    bool any = false;
    SortOrder sort = SortOrder::Relevance;
    /// Each one of kFacetNames.
    std::vector<std::string> facets;
    /// Values listed per facet (the most frequent first).
    unsigned facet_size = kDefaultFacetSize;
    bool snippets = true;
    SnippetOptions snippet;
    double bm25_k1 = kDefaultBm25K1;
    double bm25_b = kDefaultBm25B;
    /// QueryOptions::exact_form_weight (a tuning knob for newsdex-bench eval).
    double exact_form_weight = kExactFormWeight;
    /// --lang: stem query words in this language only; empty = in every
    /// language the database holds (Searcher::languages()).
    std::string lang;
    bool exact_total = false;  ///< count every match, however many
    /// Totals up to this are exact; independent of limit and offset, so the
    /// count of a query never changes with the page asked for.
    unsigned count_bound = kDefaultCountBound;
    /// The same with collapsing on (never above count_bound).
    unsigned collapsed_count_bound = kDefaultCollapsedCountBound;
    bool suggest = true;  ///< compute "did you mean"
    /// One hit per near-duplicate cluster (totals and facets then count
    /// clusters). Off: one hit per article. Either way the same (collection,
    /// id) reached through several databases is one hit.
    bool collapse = true;
    /// Only articles dated in this range, whatever the query says (the same
    /// filter as the query language's date:, applied to the whole query).
    std::optional<DateRange> date;
    /// When set, the search throws SearchTimeout once this time has passed:
    /// checked while Xapian matches (every few hundred candidates) and between
    /// the stages after it, so a pathological query cannot hold a thread.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// Another article of a hit's near-duplicate cluster.
struct SimilarArticle {
    std::string collection, id;
};

/// Cluster members listed per hit, at most (similar_total counts them all).
inline constexpr std::size_t kMaxSimilarListed = 20;

struct Hit {
    unsigned rank = 0;  ///< 1-based, counting from the first page
    std::string collection, id, title, source, url, lang;
    std::vector<std::string> topics, authors, places;
    std::optional<std::int64_t> date;
    double score = 0;
    RenderedSnippet snippet;       ///< empty text when snippets are off
    RenderedSnippet title_marked;  ///< the whole title with its matches
    /// The other articles of its near-duplicate cluster, oldest first (each
    /// (collection, id) once, at most kMaxSimilarListed), and how many there
    /// are. Whether or not they match the query: they are the same story.
    std::vector<SimilarArticle> similar;
    std::uint64_t similar_total = 0;
    /// The article has no title: `title` is the opening sentence of the body
    /// (cut to kMaxFallbackTitleChars, hit_assembly.h), so a list of hits never reads
    /// "(untitled)" where the text says what the article is.
    bool title_from_body = false;
};

struct SearchResult {
    std::string query;
    /// Xapian's estimate; exact when total_is_exact. The true total lies in
    /// [total_lower, total_upper] (equal bounds when exact).
    std::uint64_t estimated_total = 0;
    bool total_is_exact = false;
    std::uint64_t total_lower = 0, total_upper = 0;
    /// What the totals count: near-duplicate clusters (collapse on) or articles.
    bool counts_clusters = false;
    double took_ms = 0;
    std::string suggestion;  ///< "" when none
    bool relaxed = false;    ///< no article had all words; ranked those matching most
    std::vector<std::string> notes;
    std::vector<Hit> hits;
    std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;
};

/// Receives a search's hits one at a time, so a result list of any length
/// is written out in memory bounded by one hit (plus Xapian's match set of
/// document ids and weights).
class HitSink {
  public:
    virtual ~HitSink() = default;
    /// Once, before any hit: totals, notes, suggestion and facets (no hits).
    virtual void begin(const SearchResult& head) = 0;
    virtual void hit(const Hit& hit) = 0;
};

/// A stored article as `--show` prints it.
struct ShownArticle {
    Article article;                                 ///< the stored fields
    std::vector<std::string> paragraphs;             ///< the body's paragraphs (body_paragraphs)
    RenderedSnippet title_marked;                    ///< title with the query's matches
    std::vector<RenderedSnippet> paragraphs_marked;  ///< each paragraph with them
};

class Searcher {
  public:
    /// Opens every path (read-only): database directories and stubs listing
    /// local and remote shards (shard_set.h). Throws DatabaseError naming
    /// the path that is missing or unreadable. A remote shard that does not
    /// answer is left out, and each search says so in its notes.
    explicit Searcher(const std::vector<std::string>& db_paths, ShardOptions shard_options = {});

    /// Runs a query on the newest revision of each database. The revision is
    /// pinned for the whole search (revision_pin.h), so a writer committing
    /// in place, however often, waits rather than overwrite it; where there
    /// is no pin, a lost revision is reopened and the query run again. No
    /// Xapian error reaches the caller. Throws DatabaseError if the database
    /// breaks for good.
    SearchResult search(const SearchRequest& request);

    /// The same search with every hit passed to `sink` as it is read instead
    /// of collected (the returned result has no hits). If a writer commits
    /// midway, the search is rerun on the new revision from the first hit not
    /// yet passed on.
    SearchResult search(const SearchRequest& request, HitSink& sink);

    /// The stored article (collection, id), with the matches of `query`
    /// marked when it is not empty; nullopt when no database holds it.
    std::optional<ShownArticle> show(const std::string& collection, const std::string& id,
                                     const std::string& query, const std::string& lang = "en");

    /// Up to `max` "collection/id" of stored articles whose id starts with
    /// `id` (a path given without its extension, say), for "did you mean".
    std::vector<std::string> ids_like(const std::string& collection, const std::string& id,
                                      std::size_t max = 5);

    DatabaseInfo info();

    /// Moves to the newest committed revision of every database; true when
    /// the databases changed since the last refresh() (or construction),
    /// whether this call or a search in between moved on (every search and
    /// lookup reads the newest revision). Cheap when nothing changed: one
    /// small read per database. Throws DatabaseError when a database has
    /// become unreadable.
    bool refresh();
    /// Whether the databases changed since the last refresh() or
    /// revision_changed(), as refresh() tells, without moving to a newer
    /// revision itself: for a caller that has just searched (a search moved
    /// on already), so that it does not pin and reopen twice a request.
    bool revision_changed();

    /// The stored article with this collection and native id (as indexed),
    /// nullopt when there is none. Pinned like search().
    std::optional<Article> find_article(std::string_view collection, std::string_view native_id);
    /// The languages of the articles in the database, from its XLANG terms
    /// (the indexer adds one to every article; "und" = undetermined). Read
    /// from the postings rather than a metadata entry, so replacements,
    /// deletions, merges and several --db stay exact.
    std::vector<std::string> languages();
    /// QueryOptions::compounds over the compound table (Xapian's synonym
    /// table, indexer/compound_table.h).
    std::function<std::vector<std::string>(const std::string&)> compound_lookup();

    const Xapian::Database& database() const { return db_; }

    /// How often a revision was lost mid-read (a writer overwrote it) and the
    /// work was done again, since construction. Stays 0 while the databases
    /// have pin files and the writer waits for searches (revision_pin.h).
    std::uint64_t lost_revisions() const { return lost_revisions_; }

  private:
    /// Runs `read` on the newest revisions, pinned; retries a lost revision.
    template <class Read>
    auto with_stable_revision(Read&& read) -> decltype(read());
    /// Pins each database, then opens or reopens it at its newest revision.
    std::vector<RevisionPin> pin_newest_revisions();
    bool oldest_first_slot_complete() const;
    /// How the open databases were written, where it changes how to search
    /// them; read once per generation (a remote shard answers over the network).
    struct Layout {
        /// Every shard has complete kSlotSharedCluster (schema.h).
        bool shared_cluster_slot = false;
        /// Every shard stores BM25 impacts as wdf (common/bm25_impact.h).
        bool bm25_impacts = false;
        /// ... with different reference lengths.
        bool mixed_reference_lengths = false;
        /// Some shards store impacts, others occurrences.
        bool mixed_weights = false;
    };
    const Layout& layout();
    SearchResult search_once(const SearchRequest& request, HitSink* sink, std::uint64_t skip);

    ShardSet shards_;
    Xapian::Database db_;
    std::uint64_t lost_revisions_ = 0;
    /// Counts the times a read found the databases changed (reopened to a
    /// newer revision, or opened afresh); refresh() compares it.
    std::uint64_t generation_ = 0, refreshed_generation_ = 0;
    Layout layout_;
    std::optional<std::uint64_t> layout_generation_;
    TextAnalyzer analyzer_;
};

/// "YYYY-MM-DD" (UTC) for a stored date.
std::string format_date(std::int64_t epoch_seconds);
/// "YYYY-MM-DDTHH:MM:SSZ" (UTC): the instant, which newsdex-index's date
/// parser reads back to the same second.
std::string format_date_time(std::int64_t epoch_seconds);

}  // namespace newsdex
