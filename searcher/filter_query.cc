#include "filter_query.h"

#include "analysis/text_analyzer.h"
#include "date_range.h"
#include "schema.h"
#include "terms.h"

namespace newsdex {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

Xapian::Query filter_query(std::string_view field, std::string_view typed, std::string& note) {
    std::string value = trim(typed);
    const std::string name(field);
    if (value.empty()) {
        note = "empty field " + name + ": ignored";
        return {};
    }
    if (name == "date") {
        auto range = parse_date_range(value);
        if (!range) {
            note = "invalid date filter date:" + value + ": ignored";
            return {};
        }
        return date_range_query(*range);
    }
    if (name == "id")  // ids are exact (case kept), in whichever collection
        return Xapian::Query(Xapian::Query::OP_WILDCARD, unique_id_prefix(value));
    std::string_view prefix = name == "source"     ? schema::kPrefixSource
                              : name == "topic"    ? schema::kPrefixTopic
                              : name == "lang"     ? schema::kPrefixLang
                              : name == "place"    ? schema::kPrefixPlace
                              : name == "people"   ? schema::kPrefixPeople
                              : name == "org"      ? schema::kPrefixOrg
                              : name == "exchange" ? schema::kPrefixExchange
                                                   : schema::kPrefixCollection;
    if (name == "lang") value = canonical_language(value);  // as the indexer stores it
    return Xapian::Query(filter_term(prefix, value));
}

}  // namespace newsdex
