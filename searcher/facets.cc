#include "facets.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "errors.h"
#include "schema.h"
#include "searcher.h"

namespace newsdex {

namespace {

using FacetSpec = std::pair<Xapian::valueno, FacetCountSpy::Kind>;

/// What each of kFacetNames counts, in the same order.
constexpr FacetSpec kFacetSpecs[] = {
    {schema::kSlotSource, FacetCountSpy::Kind::Values},
    {schema::kSlotDate, FacetCountSpy::Kind::YearOfDate},
    {schema::kSlotDate, FacetCountSpy::Kind::MonthOfDate},
    {schema::kSlotTopics, FacetCountSpy::Kind::Values},
    {schema::kSlotLang, FacetCountSpy::Kind::Values},
    {schema::kSlotCollection, FacetCountSpy::Kind::Values},
    {schema::kSlotPlaces, FacetCountSpy::Kind::Values},
    {schema::kSlotPeople, FacetCountSpy::Kind::Values},
    {schema::kSlotOrgs, FacetCountSpy::Kind::Values},
    {schema::kSlotExchanges, FacetCountSpy::Kind::Values},
};
static_assert(std::size(kFacetSpecs) == std::size(kFacetNames));

/// The slot and kind of a facet name; nullptr when it is not one.
const FacetSpec* facet_spec(std::string_view name) {
    auto it = std::find(std::begin(kFacetNames), std::end(kFacetNames), name);
    if (it == std::end(kFacetNames)) return nullptr;
    return &kFacetSpecs[it - std::begin(kFacetNames)];
}

}  // namespace

bool is_facet_name(std::string_view name) { return facet_spec(name) != nullptr; }

std::string facet_name_list() {
    std::string out;
    for (std::string_view name : kFacetNames) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

void FacetCountSpy::add_counts(const Xapian::ValueCountMatchSpy& values) {
    for (auto v = values.values_begin(); v != values.values_end(); ++v) count(*v, v.get_termfreq());
}

std::vector<FacetValue> FacetCountSpy::top(std::size_t n) const {
    std::vector<FacetValue> out;
    out.reserve(counts_.size());
    for (const auto& [value, count] : counts_) out.push_back({value, count});
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (out.size() > n) out.resize(n);
    return out;
}

void FacetCountSpy::count(const std::string& v, std::uint64_t documents) {
    if (v.empty()) return;
    if (kind_ != Kind::Values) {
        // "YYYY" or "YYYY-MM" of the UTC date.
        counts_[format_date(static_cast<std::int64_t>(Xapian::sortable_unserialise(v)))
                    .substr(0, kind_ == Kind::YearOfDate ? 4 : 7)] += documents;
        return;
    }
    std::string_view rest(v);
    while (!rest.empty()) {
        auto sep = rest.find(schema::kListSeparator);
        std::string_view item = rest.substr(0, sep);
        if (!item.empty()) counts_[std::string(item)] += documents;
        if (sep == std::string_view::npos) break;
        rest.remove_prefix(sep + 1);
    }
}

std::unique_ptr<FacetCountSpy> make_facet_spy(const std::string& name) {
    const FacetSpec* spec = facet_spec(name);
    if (!spec) throw UsageError("unknown facet '" + name + "' (" + facet_name_list() + ")");
    return std::make_unique<FacetCountSpy>(spec->first, spec->second);
}

}  // namespace newsdex
