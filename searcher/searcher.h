#pragma once
// The search service behind newsdex-search and newsdex-bench: one or more
// databases searched as one, BM25 ranking, sorting, facets, "did you mean",
// and snippets. Not thread-safe; use one Searcher per thread (they are cheap
// next to the databases they open, which the OS page cache shares).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "article.h"
#include "date_range.h"
#include "snippet_renderer.h"

namespace newsdex {

enum class SortOrder { Relevance, Newest, Oldest };

/// "relevance", "newest" or "oldest"; nullopt for anything else.
std::optional<SortOrder> parse_sort_order(std::string_view name);

/// The facets a search can count (SearchRequest::facets).
inline constexpr std::string_view kFacetNames[] = {"source", "year", "topic", "lang", "collection"};
bool is_facet_name(std::string_view name);

/// BM25 defaults, tuned on the TIME collection (see bench/RESULTS.md).
inline constexpr double kDefaultBm25K1 = 2.0;
inline constexpr double kDefaultBm25B = 0.75;

struct SearchRequest {
    std::string query;
    unsigned limit = 10;
    unsigned offset = 0;
    bool any = false;
    SortOrder sort = SortOrder::Relevance;
    /// source | year | topic | lang | collection
    std::vector<std::string> facets;
    bool snippets = true;
    SnippetOptions snippet;
    double bm25_k1 = kDefaultBm25K1;
    double bm25_b = kDefaultBm25B;
    /// --lang: stem query words in this language only; empty = in every
    /// language the database holds (Searcher::languages()).
    std::string lang;
    bool exact_total = false;  ///< count every match instead of estimating
    bool suggest = true;       ///< compute "did you mean"
    /// Only articles dated in this range, whatever the query says (the same
    /// filter as the query language's date:, applied to the whole query).
    std::optional<DateRange> date;
    /// When set, the search throws SearchTimeout once this time has passed:
    /// checked while Xapian matches (every few hundred candidates) and between
    /// the stages after it, so a pathological query cannot hold a thread.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct Hit {
    unsigned rank = 0;  ///< 1-based, counting from the first page
    std::string collection, id, title, source, url, lang;
    std::vector<std::string> topics;
    std::optional<std::int64_t> date;
    double score = 0;
    RenderedSnippet snippet;       ///< empty text when snippets are off
    RenderedSnippet title_marked;  ///< the whole title with its matches
};

struct FacetValue {
    std::string value;
    std::uint64_t count = 0;
};

struct SearchResult {
    std::string query;
    std::uint64_t estimated_total = 0;
    bool total_is_exact = false;
    double took_ms = 0;
    std::string suggestion;  ///< "" when none
    bool relaxed = false;    ///< no article had all words; ranked those matching most
    std::vector<std::string> notes;
    std::vector<Hit> hits;
    std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;
};

struct DatabaseInfo {
    std::vector<std::string> paths;
    std::uint64_t articles = 0;
    std::uint64_t distinct_words = 0;  ///< unprefixed (searchable word) terms
    std::uint64_t total_words = 0;     ///< sum of document lengths
    std::uint64_t size_bytes = 0;
    std::optional<std::int64_t> first_date, last_date;
    std::vector<std::pair<std::string, std::vector<FacetValue>>>
        breakdowns;  ///< collection, source, lang
};

class Searcher {
  public:
    /// Opens every path (read-only). Throws DatabaseError naming the path
    /// that is missing or unreadable.
    explicit Searcher(std::vector<std::string> db_paths);

    /// Runs a query. Reopens and retries when a writer commits meanwhile
    /// (Xapian::DatabaseModifiedError), so that never reaches the caller.
    /// Throws DatabaseError if the database breaks for good.
    SearchResult search(const SearchRequest& request);

    DatabaseInfo info();

    /// Moves to the newest committed revision of every database (a writer's
    /// new articles become visible); true when anything changed. Cheap when
    /// nothing did: one small read per database. Throws DatabaseError when a
    /// database has become unreadable.
    bool refresh();

    /// The stored article with this collection and native id (as indexed),
    /// nullopt when there is none. Retried like search() when a writer commits.
    std::optional<Article> find_article(std::string_view collection, std::string_view native_id);
    /// The languages of the articles in the database, from its XLANG terms
    /// (the indexer adds one to every article; "und" = undetermined). Read
    /// from the postings rather than a metadata entry, so replacements,
    /// deletions, merges and several --db stay exact.
    std::vector<std::string> languages();

    const Xapian::Database& database() const { return db_; }

  private:
    /// Runs `read`, reopening at the newest revision and running it again
    /// when a writer's commit took its revision away (the one retry path).
    template <typename Read>
    auto with_retries(Read read) -> decltype(read());
    SearchResult search_once(const SearchRequest& request);
    void reopen();

    std::vector<std::string> paths_;
    Xapian::Database db_;
    TextAnalyzer analyzer_;
};

/// "YYYY-MM-DD" (UTC) for a stored date.
std::string format_date(std::int64_t epoch_seconds);

}  // namespace newsdex
