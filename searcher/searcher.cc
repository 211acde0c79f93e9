#include "searcher.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "errors.h"
#include "query_builder.h"
#include "schema.h"
#include "snippet_selector.h"
#include "spelling_suggestion.h"
#include "stored_fields.h"
#include "terms.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

void check_deadline(std::optional<std::chrono::steady_clock::time_point> deadline);

// Retries when a writer commits during a search. A direct-mode writer with a
// small --flush commits every few milliseconds, about as long as a faceted
// search takes, so one attempt in two can lose its revision; 20 attempts make
// a search that never completes vanishingly unlikely (tests/reliability/test_concurrent.cc).
constexpr int kMaxAttempts = 20;
constexpr std::size_t kMaxFacetValues = 20;

/// Sort key for date order that puts undated articles last in both directions.
class DateKey : public Xapian::KeyMaker {
  public:
    explicit DateKey(bool newest_first) : newest_first_(newest_first) {}
    std::string operator()(const Xapian::Document& doc) const override {
        std::string v = doc.get_value(schema::kSlotDate);
        if (v.empty()) return newest_first_ ? std::string() : std::string(1, '\xff');
        return v;
    }

  private:
    bool newest_first_;
};

/// Counts a facet over the match set: the values of a slot (several per
/// document when joined by schema::kListSeparator, as topics are), or the year
/// of the date slot.
class FacetCountSpy : public Xapian::MatchSpy {
  public:
    enum class Kind { Values, YearOfDate };
    FacetCountSpy(Xapian::valueno slot, Kind kind) : slot_(slot), kind_(kind) {}

    void operator()(const Xapian::Document& doc, double) override {
        std::string v = doc.get_value(slot_);
        if (v.empty()) return;
        if (kind_ == Kind::YearOfDate) {
            ++counts_[format_date(static_cast<std::int64_t>(Xapian::sortable_unserialise(v)))
                          .substr(0, 4)];
            return;
        }
        std::string_view rest(v);
        while (!rest.empty()) {
            auto sep = rest.find(schema::kListSeparator);
            std::string_view item = rest.substr(0, sep);
            if (!item.empty()) ++counts_[std::string(item)];
            if (sep == std::string_view::npos) break;
            rest.remove_prefix(sep + 1);
        }
    }

    std::vector<FacetValue> top(std::size_t n) const {
        std::vector<FacetValue> out;
        out.reserve(counts_.size());
        for (const auto& [value, count] : counts_) out.push_back({value, count});
        std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (out.size() > n) out.resize(n);
        return out;
    }

  private:
    Xapian::valueno slot_;
    Kind kind_;
    std::unordered_map<std::string, std::uint64_t> counts_;
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

std::unique_ptr<FacetCountSpy> make_facet_spy(const std::string& name) {
    using Kind = FacetCountSpy::Kind;
    if (name == "source") return std::make_unique<FacetCountSpy>(schema::kSlotSource, Kind::Values);
    if (name == "year") return std::make_unique<FacetCountSpy>(schema::kSlotDate, Kind::YearOfDate);
    if (name == "topic") return std::make_unique<FacetCountSpy>(schema::kSlotTopics, Kind::Values);
    if (name == "lang") return std::make_unique<FacetCountSpy>(schema::kSlotLang, Kind::Values);
    if (name == "collection")
        return std::make_unique<FacetCountSpy>(schema::kSlotCollection, Kind::Values);
    throw UsageError("unknown facet '" + name + "' (source, year, topic, lang, collection)");
}

std::uint64_t directory_size(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
    return total;
}

RenderedSnippet whole_text_marked(SnippetSelector& selector, std::string_view text) {
    if (text.empty()) return {};
    Fragment all;
    all.start = 0;
    all.end = static_cast<std::uint32_t>(text.size());
    all.matches = selector.find_matches(text);
    return render_snippet(text, {all});
}

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

bool is_facet_name(std::string_view name) {
    return std::find(std::begin(kFacetNames), std::end(kFacetNames), name) != std::end(kFacetNames);
}

std::string format_date(std::int64_t epoch_seconds) {
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

Searcher::Searcher(std::vector<std::string> db_paths) : paths_(std::move(db_paths)) { reopen(); }

void Searcher::reopen() {
    Xapian::Database combined;
    for (const auto& path : paths_) {
        std::error_code ec;
        if (!fs::exists(path, ec)) throw DatabaseError("database " + path + " does not exist");
        for (int attempt = 1;; ++attempt) {
            try {
                combined.add_database(Xapian::Database(path));
                break;
            } catch (const Xapian::DatabaseModifiedError& e) {
                // A writer committed twice while the tables were being opened:
                // open again, at the newest revision.
                if (attempt < kMaxAttempts) continue;
                throw DatabaseError("database " + path +
                                    " kept changing while being opened: " + e.get_msg());
            } catch (const Xapian::DatabaseCorruptError& e) {
                // Glass reads a table's root block without a revision check:
                // when a writer committing meanwhile has reused that block,
                // opening reports "Expected block N to be level L". Opening
                // again reads the new root; real corruption fails every time.
                if (attempt < kMaxAttempts) continue;
                throw DatabaseError("database " + path +
                                    " cannot be opened: DatabaseCorruptError: " + e.get_msg());
            } catch (const Xapian::Error& e) {
                throw DatabaseError("database " + path + " cannot be opened: " +
                                    std::string(e.get_type()) + ": " + e.get_msg());
            }
        }
    }
    db_ = combined;
}

template <typename Read>
auto Searcher::with_retries(Read read) -> decltype(read()) {
    for (int attempt = 1;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed twice while we read: the revision we had is gone.
        } catch (const Xapian::DocNotFoundError&) {
            // A hit that cannot be read: newsdex replaces documents and never
            // deletes them, so this is a read racing a writer's commit.
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_msg());
        } catch (const Xapian::Error& e) {
            // The module edge: no Xapian type reaches the caller.
            throw Error(std::string("search failed: ") + e.get_type() + ": " + e.get_msg());
        }
        // Take the newest revision and read again.
        if (attempt >= kMaxAttempts)
            throw DatabaseError("database kept changing during the search");
        try {
            db_.reopen();
        } catch (const Xapian::Error&) {
            reopen();
        }
    }
}

SearchResult Searcher::search(const SearchRequest& request) {
    return with_retries([&] { return search_once(request); });
}

bool Searcher::refresh() {
    try {
        return db_.reopen();
    } catch (const Xapian::Error&) {
        // The files moved under us (a database rebuilt and swapped in): open afresh.
        reopen();
        return true;
    }
}

std::optional<Article> Searcher::find_article(std::string_view collection,
                                              std::string_view native_id) {
    const std::string term = unique_term(collection, native_id);
    return with_retries([&]() -> std::optional<Article> {
        Xapian::PostingIterator it = db_.postlist_begin(term);
        if (it == db_.postlist_end(term)) return std::nullopt;
        Article article = decode_stored_fields(db_.get_document(*it).get_data());
        // A hashed (over-long) unique term could in theory collide: check the key.
        if (article.collection != collection || article.id != native_id) return std::nullopt;
        return article;
    });
}

SearchResult Searcher::search_once(const SearchRequest& request) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;

    QueryOptions query_options;
    query_options.any = request.any;
    query_options.lang = request.lang;
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
        if (!plan.relaxed.empty())
            plan.relaxed = Xapian::Query(Xapian::Query::OP_FILTER, plan.relaxed, dates);
    }
    std::optional<DeadlineDecider> deadline_decider;
    if (request.deadline) deadline_decider.emplace(*request.deadline);

    std::vector<std::pair<std::string, std::unique_ptr<FacetCountSpy>>> spies;
    auto run = [&](const Xapian::Query& query) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(request.bm25_k1, 0, 1, request.bm25_b, 0.5));
        DateKey newest(true), oldest(false);
        if (request.sort == SortOrder::Newest)
            enquire.set_sort_by_key_then_relevance(&newest, true);
        if (request.sort == SortOrder::Oldest)
            enquire.set_sort_by_key_then_relevance(&oldest, false);
        spies.clear();
        for (const auto& name : request.facets) {
            spies.emplace_back(name, make_facet_spy(name));
            enquire.add_matchspy(spies.back().second.get());
        }
        const Xapian::MatchDecider* decider = deadline_decider ? &*deadline_decider : nullptr;
        // Facets count the whole match set, not the page; so does --exact.
        Xapian::doccount check_at_least =
            (request.exact_total || !request.facets.empty()) ? db_.get_doccount() : 0;
        return enquire.get_mset(request.offset, request.limit, check_at_least, nullptr, decider);
    };

    Xapian::MSet mset;
    if (!plan.query.empty()) {
        mset = run(plan.query);
        // "Nothing matched" is the bound, not an empty page: --limit 0 (facets
        // only) or a page past the end must not trigger the fallback.
        if (mset.get_matches_upper_bound() == 0 && !plan.relaxed.empty()) {
            mset = run(plan.relaxed);
            result.relaxed = mset.get_matches_upper_bound() > 0;
        }
    }
    result.estimated_total = mset.get_matches_estimated();
    result.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

    for (const auto& [name, spy] : spies)
        result.facets.emplace_back(name, spy->top(kMaxFacetValues));

    check_deadline(request.deadline);
    SnippetSelector selector(analyzer_, plan.highlight, request.lang);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        check_deadline(request.deadline);
        Article stored = decode_stored_fields(it.get_document().get_data());
        Hit hit;
        hit.rank = request.offset + it.get_rank() + 1 - mset.get_firstitem();
        hit.score = it.get_weight();
        hit.collection = std::move(stored.collection);
        hit.id = std::move(stored.id);
        hit.source = std::move(stored.source);
        hit.url = std::move(stored.url);
        hit.lang = std::move(stored.lang);
        hit.topics = std::move(stored.topics);
        hit.date = stored.date;
        if (request.snippets) {
            hit.title_marked = whole_text_marked(selector, stored.title);
            hit.snippet =
                render_snippet(stored.body, selector.select(stored.body, request.snippet));
        } else {
            hit.title_marked.text = stored.title;
            hit.title_marked.html = html_escape(stored.title);
        }
        hit.title = std::move(stored.title);
        result.hits.push_back(std::move(hit));
    }

    check_deadline(request.deadline);
    // "Did you mean" when nothing (or only the relaxed query) matched, or when
    // very little did.
    const bool few_hits = !request.query.empty() && result.estimated_total < 5;
    if (request.suggest && (mset.get_matches_upper_bound() == 0 || result.relaxed || few_hits))
        result.suggestion = spelling_suggestion(request.query, db_, analyzer_);

    result.took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
}

DatabaseInfo Searcher::info() {
    DatabaseInfo info;
    info.paths = paths_;
    try {
        info.articles = db_.get_doccount();
        info.total_words = db_.get_total_length();
        for (const auto& p : paths_) info.size_bytes += directory_size(p);
        // Searchable words are the unprefixed terms. Prefixed terms start
        // with a capital letter (schema.h), a contiguous byte range: jump it.
        for (auto t = db_.allterms_begin(); t != db_.allterms_end();) {
            const std::string term = *t;
            if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
                t.skip_to("[");
                continue;
            }
            ++info.distinct_words;
            ++t;
        }
        std::string lo = db_.get_value_lower_bound(schema::kSlotDate);
        std::string hi = db_.get_value_upper_bound(schema::kSlotDate);
        if (!lo.empty())
            info.first_date = static_cast<std::int64_t>(Xapian::sortable_unserialise(lo));
        if (!hi.empty())
            info.last_date = static_cast<std::int64_t>(Xapian::sortable_unserialise(hi));
        for (auto [name, slot] :
             {std::pair<const char*, Xapian::valueno>{"collection", schema::kSlotCollection},
              {"source", schema::kSlotSource},
              {"lang", schema::kSlotLang}}) {
            std::map<std::string, std::uint64_t> counts;
            for (auto v = db_.valuestream_begin(slot); v != db_.valuestream_end(slot); ++v)
                ++counts[*v];
            std::vector<FacetValue> values;
            values.reserve(counts.size());
            for (auto& [value, count] : counts) values.push_back({value, count});
            std::sort(values.begin(), values.end(),
                      [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
            info.breakdowns.emplace_back(name, std::move(values));
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError(std::string("database error: ") + e.get_type() + ": " + e.get_msg());
    }
    return info;
}

}  // namespace newsdex
