#include "searcher.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>

#include "article_lookup.h"
#include "article_view.h"
#include "bm25_impact.h"
#include "database_errors.h"
#include "errors.h"
#include "hit_assembly.h"
#include "query_builder.h"
#include "schema.h"
#include "snippet_selector.h"
#include "spelling_suggestion.h"
#include "stored_fields.h"
#include "terms.h"

namespace newsdex {

namespace {

void check_deadline(std::optional<std::chrono::steady_clock::time_point> deadline);

// Attempts at a search when its revision is lost anyway: only without pin
// files (a database newsdex-index never wrote in place, or built by another
// tool) or when the writer stopped waiting for a search (CommitGate's
// max_wait). With pins, the first attempt succeeds (revision_pin.h).
constexpr int kMaxAttempts = 20;

/// Oldest-first sort key of a database indexed before
/// schema::kSlotDateUndatedLast existed: the same value, computed at query
/// time (local databases only: a remote shard cannot run a KeyMaker).
class OldestFirstKey : public Xapian::KeyMaker {
  public:
    std::string operator()(const Xapian::Document& doc) const override {
        return schema::date_undated_last(doc.get_value(schema::kSlotDate));
    }
};

/// Accepts every document, and throws SearchTimeout from inside Xapian's
/// match loop once the deadline has passed. Reading the clock costs ~20 ns;
/// doing it every 256 candidates keeps the cost out of the profile.
class DeadlineDecider : public Xapian::MatchDecider {
  public:
    explicit DeadlineDecider(std::chrono::steady_clock::time_point deadline)
        : deadline_(deadline) {}
    bool operator()(const Xapian::Document&) const override {
        if ((++calls_ & 255) == 0) check_deadline(deadline_);
        return true;
    }

  private:
    std::chrono::steady_clock::time_point deadline_;
    mutable std::uint32_t calls_ = 0;
};

void check_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    if (deadline && std::chrono::steady_clock::now() > *deadline)
        throw SearchTimeout("the search took longer than its time limit");
}

}  // namespace

std::optional<SortOrder> parse_sort_order(std::string_view name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "newest") return SortOrder::Newest;
    if (name == "oldest") return SortOrder::Oldest;
    return std::nullopt;
}

const Searcher::Layout& Searcher::layout() {
    if (layout_generation_ != generation_) {
        const auto shared = shards_.shard_metadata(schema::kMetadataSharedClusterSlot);
        layout_.shared_cluster_slot =
            !shared.empty() && std::all_of(shared.begin(), shared.end(),
                                           [](const std::string& v) { return v == "1"; });
        const auto wdf = shards_.shard_metadata(bm25_impact::kMetadataWdfLayout);
        layout_.bm25_impacts =
            !wdf.empty() && std::all_of(wdf.begin(), wdf.end(), [](const std::string& v) {
                return bm25_impact::parse_layout(v).has_value();
            });
        layout_.mixed_reference_lengths =
            layout_.bm25_impacts && std::any_of(wdf.begin(), wdf.end(), [&](const std::string& v) {
                return v != wdf.front();
            });
        layout_.mixed_weights =
            !layout_.bm25_impacts &&
            std::any_of(wdf.begin(), wdf.end(), [](const std::string& v) { return !v.empty(); });
        layout_generation_ = generation_;
    }
    return layout_;
}

bool Searcher::oldest_first_slot_complete() const {
    // Every article of a database of this version has the slot.
    return db_.get_value_freq(schema::kSlotDateUndatedLast) == db_.get_doccount();
}

namespace {

std::string format_utc(std::int64_t epoch_seconds, const char* pattern) {
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, pattern, &tm);
    return buf;
}

}  // namespace

std::string format_date(std::int64_t epoch_seconds) {
    return format_utc(epoch_seconds, "%Y-%m-%d");
}

std::string format_date_time(std::int64_t epoch_seconds) {
    return format_utc(epoch_seconds, "%Y-%m-%dT%H:%M:%SZ");
}

Searcher::Searcher(const std::vector<std::string>& db_paths, ShardOptions shard_options)
    : shards_(db_paths, shard_options) {
    // The first open is pinned too: opening reads root blocks that a writer
    // two commits further on could be reusing.
    with_stable_revision([] { return true; });
    refreshed_generation_ = generation_;
}

std::vector<RevisionPin> Searcher::pin_newest_revisions() {
    bool changed = false;
    std::vector<RevisionPin> pins = shards_.pin_newest(changed);
    db_ = shards_.database();
    if (changed) ++generation_;
    return pins;
}

template <class Read>
auto Searcher::with_stable_revision(Read&& read) -> decltype(read()) {
    for (int attempt = 1;; ++attempt) {
        // Released when this attempt ends, successful or not.
        std::vector<RevisionPin> pins;
        try {
            pins = pin_newest_revisions();
        } catch (const RetryableOpenError& e) {
            if (attempt >= kMaxAttempts) throw DatabaseError(e.what());
            ++lost_revisions_;
            continue;
        }
        try {
            return read();
        } catch (const Xapian::NetworkError& e) {
            // A remote shard died or hung past its timeout mid-read: connect
            // to the remote shards again, leave out those that do not
            // answer (the search names them), and read again.
            if (!shards_.reconnect_remotes())
                throw Error(std::string("search failed: NetworkError: ") + e.get_msg());
            db_ = shards_.database();
            ++generation_;
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed twice while we read: the revision we had is
            // gone (only without pins, or after the writer's max_wait).
        } catch (const Xapian::DocNotFoundError&) {
            // A hit that cannot be read: a read racing a writer's commit
            // (a replacement, or a --delete) where no pin held the revision.
        } catch (const Xapian::DatabaseError& e) {
            // The search spans every --db: name them all (usually one).
            std::string names;
            for (const auto& path : shards_.paths()) names += (names.empty() ? "" : ", ") + path;
            throw DatabaseError(database_error_message(e, names));
        } catch (const Xapian::Error& e) {
            // The module edge: no Xapian type reaches the caller.
            throw Error(std::string("search failed: ") + e.get_type() + ": " + e.get_msg());
        }
        if (attempt >= kMaxAttempts)
            throw DatabaseError("database kept changing during the search");
        ++lost_revisions_;
    }
}

SearchResult Searcher::search(const SearchRequest& request) {
    return with_stable_revision([&] { return search_once(request, nullptr, 0); });
}

bool Searcher::refresh() {
    with_stable_revision([] { return true; });
    return revision_changed();
}

bool Searcher::revision_changed() {
    // Searches move to the newest revision by themselves; what this reports
    // is whether the databases changed since it was last asked (callers
    // cache per revision).
    const bool changed = generation_ != refreshed_generation_;
    refreshed_generation_ = generation_;
    return changed;
}

std::optional<Article> Searcher::find_article(std::string_view collection,
                                              std::string_view native_id) {
    return with_stable_revision([&]() -> std::optional<Article> {
        const auto doc = find_article_docid(db_, collection, native_id);
        if (!doc) return std::nullopt;
        return decode_stored_fields(db_.get_document(*doc).get_data());
    });
}

SearchResult Searcher::search(const SearchRequest& request, HitSink& sink) {
    /// Counts what reached the sink, so a rerun after a writer's commit
    /// resumes instead of repeating hits.
    class CountingSink : public HitSink {
      public:
        explicit CountingSink(HitSink& inner) : inner_(inner) {}
        void begin(const SearchResult& head) override {
            if (!begun_) inner_.begin(head);
            begun_ = true;
        }
        void hit(const Hit& h) override {
            inner_.hit(h);
            ++passed_;
        }
        std::uint64_t passed() const { return passed_; }

      private:
        HitSink& inner_;
        bool begun_ = false;
        std::uint64_t passed_ = 0;
    } counting(sink);
    return with_stable_revision([&] { return search_once(request, &counting, counting.passed()); });
}

SearchResult Searcher::search_once(const SearchRequest& request, HitSink* sink,
                                   std::uint64_t skip) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;

    QueryOptions query_options;
    query_options.any = request.any;
    query_options.lang = request.lang;
    query_options.forms = &db_;
    query_options.exact_form_weight = request.exact_form_weight;
    query_options.languages = languages();
    query_options.hyphenations = [this](const std::string& joined) {
        std::vector<std::vector<std::string>> out;
        std::string prefix(schema::kPrefixHyphenated);
        prefix += joined;
        prefix.push_back(schema::kListSeparator);
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            const std::string term = *t;
            std::vector<std::string> parts;
            std::string_view rest = std::string_view(term).substr(prefix.size());
            for (std::size_t space; (space = rest.find(' ')) != std::string_view::npos;
                 rest.remove_prefix(space + 1))
                parts.emplace_back(rest.substr(0, space));
            parts.emplace_back(rest);
            out.push_back(std::move(parts));
        }
        return out;
    };
    bool compounds_asked = false;  // a German word looked its compounds up
    query_options.compounds = [&compounds_asked,
                               lookup = compound_lookup()](const std::string& part_key) {
        compounds_asked = true;
        return lookup(part_key);
    };
    QueryPlan plan = build_query(request.query, query_options, analyzer_);
    result.notes = plan.notes;
    if (request.date) {
        // The date filter narrows whatever the query is, the relaxed one too;
        // with nothing else to search, it lists the range.
        const Xapian::Query dates = date_range_query(*request.date);
        if (plan.query.empty())
            plan.query = dates;
        else
            plan.query = Xapian::Query(Xapian::Query::OP_FILTER, plan.query, dates);
        for (Xapian::Query* q : {&plan.relaxed, &plan.literal, &plan.filled})
            if (!q->empty()) *q = Xapian::Query(Xapian::Query::OP_FILTER, *q, dates);
    }
    // A remote shard (xapian-tcpsrv) runs only what Xapian can serialise:
    // no MatchDecider, so the deadline is checked between stages only (each
    // remote exchange is bounded by ShardOptions::remote_timeout).
    const bool remote = shards_.has_remote();
    std::optional<DeadlineDecider> deadline_decider;
    if (request.deadline && !remote) deadline_decider.emplace(*request.deadline);
    for (const auto& [shard, why] : shards_.missing()) {
        std::string note = "shard ";
        note += shard;
        note += " is missing (";
        note += why;
        note += "): these results are from the other shards";
        result.notes.push_back(std::move(note));
    }

    std::vector<std::pair<std::string, std::unique_ptr<FacetCountSpy>>> spies;
    // Remote shards count facets with Xapian's own spy (one per facet).
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> value_spies;
    const bool collapsing = request.collapse || shards_.open_count() > 1;
    // Collapsing on identity makes one hit of the same article reached
    // through several databases; on the cluster, one of its near-duplicates
    // too (a singleton's cluster is its identity, so that still holds). One
    // database cannot hold an article twice (the unique term), nor can the
    // shards of one stub (each article has one shard): there the key is the
    // sparse slot of the clusters of two or more, which Xapian reads almost
    // for free, and singletons are never collapsed.
    const Layout& written = layout();
    const schema::Slot collapse_slot =
        !request.collapse                                              ? schema::kSlotIdentity
        : (written.shared_cluster_slot && shards_.paths().size() == 1) ? schema::kSlotSharedCluster
                                                                       : schema::kSlotCluster;
    const bool impacts = written.bm25_impacts;
    if (written.mixed_reference_lengths)
        result.notes.push_back(
            "these databases were indexed with different reference lengths (newsdex-index "
            "--reference-length): scores across them differ slightly");
    if (written.mixed_weights)
        result.notes.push_back(
            "some of these databases were indexed before BM25 impacts: they are ranked together "
            "the slower, older way; re-index them into new databases for consistent scores");
    if (impacts && request.bm25_b != kDefaultBm25B)
        result.notes.push_back(
            "--bm25: this database was indexed with b fixed (the length normalisation is stored "
            "with each article); only k1 applies");
    // The page: from `first`, `count` hits. Every match (kAllHits): Xapian's
    // match set then holds a docid and weight per match (tens of bytes),
    // while hits are built and passed on one by one.
    const Xapian::doccount first = request.offset + static_cast<Xapian::doccount>(skip);
    const Xapian::doccount count = request.limit == kAllHits
                                       ? db_.get_doccount()
                                       : request.limit - static_cast<Xapian::doccount>(skip);
    // Two passes. The ranking asks Xapian for the page only, so that its
    // max-weight pruning can skip matches that cannot reach the page. The
    // total is counted apart, with BoolWeight: no score is computed, so a
    // match costs a posting read (and, collapsing, a read of the sparse
    // collapse slot). Counting in the ranking pass made Xapian score every
    // match up to the bound: half of a search's time at 200,000 articles
    // (bench/RESULTS.md, "BM25 impacts"). Up to the bound the total is exact;
    // above it, Xapian's range, never a low guess. With a collapse key
    // Xapian's bounds stay loose even when it saw every match, so a collapsed
    // count asks for `bound` clusters and is exact when fewer exist.
    const Xapian::doccount bound =
        request.exact_total
            ? db_.get_doccount()
            : (collapsing ? std::min(request.count_bound, request.collapsed_count_bound)
                          : request.count_bound);
    const Xapian::MatchDecider* decider = deadline_decider ? &*deadline_decider : nullptr;
    auto rank = [&](const Xapian::Query& query) {
        Xapian::Enquire enquire(db_);
        if (impacts) {
            // BM25 with the length normalisation stored in the wdfs: no
            // document length is read (common/bm25_impact.h); scaled so
            // that scores are BM25's.
            enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query,
                                            bm25_impact::impact_score_factor(request.bm25_k1)));
            enquire.set_weighting_scheme(bm25_impact::impact_weight(request.bm25_k1));
        } else {
            enquire.set_query(query);
            enquire.set_weighting_scheme(
                Xapian::BM25Weight(request.bm25_k1, 0, 1, request.bm25_b, 0.5));
        }
        // Equal scores are common (short queries, copies of one wire story):
        // they rank by the article's tie-break key, not by docid, which
        // depends on how the indexer's parallel segments were merged. A
        // database without the slot (built before it existed) has empty keys
        // everywhere, and ties fall back to docid as before.
        enquire.set_sort_by_relevance_then_value(schema::kSlotTieBreak, false);
        // Undated articles last either way: an empty date sorts lowest, so
        // last when newest first; oldest first sorts a slot holding
        // kUndatedLast for them (OldestFirstKey in older databases).
        OldestFirstKey oldest;
        if (request.sort == SortOrder::Newest)
            enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
        if (request.sort == SortOrder::Oldest && (remote || oldest_first_slot_complete()))
            enquire.set_sort_by_value_then_relevance(schema::kSlotDateUndatedLast, false);
        else if (request.sort == SortOrder::Oldest)
            enquire.set_sort_by_key_then_relevance(&oldest, false);
        if (collapsing) enquire.set_collapse_key(collapse_slot);
        return enquire.get_mset(first, count, 0, nullptr, decider);
    };
    // The totals of `query` (and its facets), `page` being its ranked page:
    // lower bound, upper bound, estimate.
    auto count_matches = [&](const Xapian::Query& query, const Xapian::MSet& page) {
        spies.clear();
        value_spies.clear();
        // Fewer hits than asked for: the page holds every match from `first`
        // on (unless it is empty because it is past the end).
        if (request.facets.empty() && page.size() < count && (first == 0 || page.size() > 0)) {
            const std::uint64_t all = std::uint64_t(first) + page.size();
            return std::array<std::uint64_t, 3>{all, all, all};
        }
        // Facets count the whole match set, not the page; so does --exact.
        // At least kFewAllWordsMatches, so that "fewer than that have all
        // the words" (the fallback below) is an exact answer.
        const Xapian::doccount wanted = std::max<Xapian::doccount>(bound, kFewAllWordsMatches);
        auto count_in = [&](const Xapian::Database& db, bool with_spies) {
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            if (collapsing) enquire.set_collapse_key(collapse_slot);
            if (with_spies)
                for (const auto& name : request.facets) {
                    spies.emplace_back(name, make_facet_spy(name));
                    if (remote) {
                        value_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
                            spies.back().second->slot()));
                        enquire.add_matchspy(value_spies.back().get());
                    } else {
                        enquire.add_matchspy(spies.back().second.get());
                    }
                }
            const Xapian::doccount check_at_least =
                request.facets.empty() ? wanted : db.get_doccount();
            if (!collapsing) {
                const Xapian::MSet all = enquire.get_mset(0, 0, check_at_least, nullptr, decider);
                return std::array<std::uint64_t, 3>{all.get_matches_lower_bound(),
                                                    all.get_matches_upper_bound(),
                                                    all.get_matches_estimated()};
            }
            const Xapian::MSet clusters =
                enquire.get_mset(0, wanted, check_at_least, nullptr, decider);
            if (clusters.size() < wanted)
                return std::array<std::uint64_t, 3>{clusters.size(), clusters.size(),
                                                    clusters.size()};
            // Collapsing never adds hits: the articles' upper bound caps the count.
            return std::array<std::uint64_t, 3>{
                clusters.get_matches_lower_bound(),
                std::min(clusters.get_matches_upper_bound(),
                         clusters.get_uncollapsed_matches_upper_bound()),
                clusters.get_matches_estimated()};
        };
        // The shards of one stub are counted one by one and added up: over
        // several databases Xapian does not stop at the `wanted` matches (a
        // stub of two local shards counted all 936,000 matches of "said"
        // where one database stopped at 300; bench/RESULTS.md). The sum is
        // the total since an article, and a near-duplicate cluster, lives in
        // one shard. Several --db may hold the same article (collapsed on
        // identity), and facets need one spy over all: one pass there.
        if (shards_.open_count() > 1 && shards_.paths().size() == 1 && request.facets.empty()) {
            std::array<std::uint64_t, 3> sum{0, 0, 0};
            for (const Xapian::Database& shard : shards_.open_databases()) {
                const auto totals = count_in(shard, false);
                for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += totals[k];
            }
            return sum;
        }
        return count_in(db_, true);
    };
    auto set_totals = [&](const std::array<std::uint64_t, 3>& totals) {
        result.total_lower = totals[0];
        result.total_upper = totals[1];
        result.estimated_total = std::clamp(totals[2], totals[0], totals[1]);
    };

    if (request.sort != SortOrder::Relevance &&
        db_.get_value_upper_bound(schema::kSlotDate).empty())
        result.notes.push_back(std::string("--sort ") +
                               (request.sort == SortOrder::Newest ? "newest" : "oldest") +
                               ": no article in the database has a date; results are in "
                               "relevance order");

    Xapian::MSet mset;
    bool ran_literal = false;
    if (!plan.query.empty()) {
        mset = rank(plan.query);
        set_totals(count_matches(plan.query, mset));
        // "Nothing matched" is the total, not an empty page: --limit 0 (facets
        // only) or a page past the end must not trigger the fallback.
        if (result.total_upper == 0 && !plan.literal.empty()) {
            Xapian::MSet literal = rank(plan.literal);
            const auto totals = count_matches(plan.literal, literal);
            if (totals[1] > 0) {
                mset = std::move(literal);
                set_totals(totals);
                ran_literal = true;
                result.notes.push_back(plan.literal_note);
                plan.highlight = std::move(plan.literal_highlight);
            }
        }
        if (result.total_upper == 0 && !plan.relaxed.empty()) {
            mset = rank(plan.relaxed);
            set_totals(count_matches(plan.relaxed, mset));
            result.relaxed = result.total_upper > 0;
        }
    }
    result.counts_clusters = request.collapse;
    result.total_is_exact = result.total_lower == result.total_upper;

    if (!plan.filled.empty() && !result.relaxed && !ran_literal && request.limit > 0 &&
        result.total_is_exact && result.total_upper > 0 &&
        result.total_upper < kFewAllWordsMatches) {
        // Few articles have every word (a long or pasted query): rank every
        // article with some of the words too, those with all of them ahead
        // by a bonus. Decided on the count, not the page, so every page of
        // a query comes from one ranking. Counts and facets stay those of the
        // articles with every word.
        mset = rank(plan.filled);
        const auto all = result.estimated_total;
        result.notes.push_back(
            "only " + std::to_string(all) + (all == 1 ? " article has" : " articles have") +
            " all the words: articles with some of them are ranked after or among them");
    }
    for (std::size_t i = 0; i < value_spies.size(); ++i)
        spies[i].second->add_counts(*value_spies[i]);
    for (const auto& [name, spy] : spies)
        result.facets.emplace_back(name, spy->top(request.facet_size));
    if (remote && request.sort == SortOrder::Oldest && !oldest_first_slot_complete())
        result.notes.push_back(
            "--sort oldest: some shards were indexed before undated articles "
            "could be sorted last there; re-index them with this version");

    check_deadline(request.deadline);
    // Suggested when nothing (or not every word) matched, or very little did.
    if (request.suggest && (result.total_upper == 0 || result.relaxed ||
                            (!request.query.empty() && result.estimated_total < 5)))
        result.suggestion = spelling_suggestion(request.query, db_, analyzer_);
    if (remote && request.suggest && result.suggestion.empty() &&
        (result.total_upper == 0 || result.relaxed))
        result.notes.push_back(
            "did you mean: remote shards serve no spelling data, so "
            "suggestions come from the local shards only");
    // Remote shards (xapian-tcpsrv) serve no synonym table: there a German
    // word finds the compounds the local shards list (README, shards).
    if (compounds_asked && !remote &&
        db_.get_metadata(schema::kMetadataCompoundTableRevision).empty() &&
        db_.synonym_keys_begin() == db_.synonym_keys_end())
        result.notes.push_back(
            "German compounds: this database has no compound table (indexed before analysis "
            "version 7); a German word finds its compounds after the next indexing run");

    auto took = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    };
    if (sink) {
        // Streaming: the head is the match's cost; writing is the reader's.
        result.took_ms = took();
        sink->begin(result);
    }

    check_deadline(request.deadline);
    const auto page_end =
        static_cast<Xapian::doccount>(std::min<std::uint64_t>(mset.size(), count));
    for (Xapian::doccount index = 0; index < page_end; ++index) {
        Xapian::MSetIterator it = mset[index];
        check_deadline(request.deadline);
        Hit hit = assemble_hit(it, db_, analyzer_, plan.highlight, request);
        if (sink)
            sink->hit(hit);
        else
            result.hits.push_back(std::move(hit));
    }
    if (!sink) result.took_ms = took();
    return result;
}

std::optional<ShownArticle> Searcher::show(const std::string& collection, const std::string& id,
                                           const std::string& query, const std::string& lang) {
    std::optional<Article> article = find_article(collection, id);
    if (!article) return std::nullopt;
    // Marking reads no database: outside the pinned lookup.
    ShownArticle shown;
    shown.article = std::move(*article);
    shown.paragraphs = body_paragraphs(shown.article.body);
    HighlightTerms highlight;
    if (!query.empty()) {
        // As a search would: the query's stems in every language of the
        // database (or --lang's), marked as the article's own language has them.
        QueryOptions options;
        options.lang = lang;
        options.languages = with_stable_revision([&] { return languages(); });
        options.compounds = compound_lookup();
        highlight = build_query(query, options, analyzer_).highlight;
    }
    SnippetSelector selector(analyzer_, highlight,
                             shown.article.lang.empty() ? lang : shown.article.lang);
    shown.title_marked = whole_text_marked(selector, shown.article.title);
    for (const auto& paragraph : shown.paragraphs)
        shown.paragraphs_marked.push_back(whole_text_marked(selector, paragraph));
    return shown;
}

std::vector<std::string> Searcher::ids_like(const std::string& collection, const std::string& id,
                                            std::size_t max) {
    return with_stable_revision([&] {
        std::vector<std::string> out;
        const std::string prefix = unique_id_prefix(id);
        // The id's own prefix without the separator: "politics/253" finds
        // "politics/253.txt" of every collection; keep the named one.
        const std::string head = prefix.substr(0, prefix.size() - 1);
        for (auto t = db_.allterms_begin(head); t != db_.allterms_end(head) && out.size() < max;
             ++t) {
            const std::string term = *t;
            auto sep = term.find(schema::kListSeparator, head.size());
            if (sep == std::string::npos) continue;
            std::string found_collection = term.substr(sep + 1);
            if (!collection.empty() && found_collection != collection) continue;
            out.push_back(
                found_collection + "/" +
                term.substr(schema::kPrefixUnique.size(), sep - schema::kPrefixUnique.size()));
        }
        return out;
    });
}

std::function<std::vector<std::string>(const std::string&)> Searcher::compound_lookup() {
    return [this](const std::string& part_key) {
        std::vector<std::string> out;
        // Xapian merges the shards' tables (each holds its own compounds).
        for (auto s = db_.synonyms_begin(part_key); s != db_.synonyms_end(part_key); ++s)
            out.push_back(*s);
        return out;
    };
}

std::vector<std::string> Searcher::languages() {
    std::vector<std::string> out;
    const std::string prefix(schema::kPrefixLang);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
        out.push_back((*t).substr(prefix.size()));
    return out;
}

DatabaseInfo Searcher::info() {
    // Walking every term of a large database takes long: pinned like a search.
    return with_stable_revision(
        [&] { return read_database_info(db_, shards_.paths(), shards_.local_paths()); });
}

}  // namespace newsdex
