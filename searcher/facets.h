#pragma once
// Facets: the values a search's matches hold for one field (source, topic,
// year of the date, ...), counted over the whole match set.
//
// For: which facets exist (kFacetNames, shared with newsdex-serve), what
// each counts (a value slot, or the year or month of the date) and the
// counting itself, locally (a MatchSpy) or from remote shards (Xapian's
// ValueCountMatchSpy, which xapian-tcpsrv can run). Not for: when facets are
// counted or how they are printed (searcher.cc, result_format.*).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// The facets a search can count (SearchRequest::facets): value slots, and
/// the year or month of the date.
inline constexpr std::string_view kFacetNames[] = {
    "source", "year", "month", "topic", "lang", "collection", "place", "people", "org", "exchange"};
bool is_facet_name(std::string_view name);
/// kFacetNames as "source, year, …" for messages.
std::string facet_name_list();

struct FacetValue {
    std::string value;
    std::uint64_t count = 0;
};

/// Counts a facet over the match set: the values of a slot (several per
/// document when joined by schema::kListSeparator, as topics are), or the year
/// or month of the date slot.
class FacetCountSpy : public Xapian::MatchSpy {
  public:
    enum class Kind { Values, YearOfDate, MonthOfDate };
    FacetCountSpy(Xapian::valueno slot, Kind kind) : slot_(slot), kind_(kind) {}

    void operator()(const Xapian::Document& doc, double) override {
        count(doc.get_value(slot_), 1);
    }

    /// The counts of Xapian's ValueCountMatchSpy on the same slot, which
    /// remote shards can run (each distinct slot value with its documents):
    /// the same totals as this spy run on every document.
    void add_counts(const Xapian::ValueCountMatchSpy& values);

    /// The `n` most frequent values, ties by value.
    std::vector<FacetValue> top(std::size_t n) const;

    Xapian::valueno slot() const { return slot_; }

  private:
    /// `documents` documents hold the slot value `v`.
    void count(const std::string& v, std::uint64_t documents);

    Xapian::valueno slot_;
    Kind kind_;
    std::unordered_map<std::string, std::uint64_t> counts_;
};

/// The spy counting facet `name`; throws UsageError naming the facets when
/// `name` is not one of kFacetNames.
std::unique_ptr<FacetCountSpy> make_facet_spy(const std::string& name);

}  // namespace newsdex
