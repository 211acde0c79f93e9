#pragma once
// Small pure helpers that compose Xapian::Query objects, shared by the query
// builder's units (leaf queries, the operator tree, the ranking bonuses).
//
// For: n-ary combination and positional phrases of given terms. Not for:
// analysis (terms arrive analysed), ranking policy (ranking_bonuses.h) or
// query syntax (query_parser.h).

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// `qs` joined by `op`; a single query stays itself, none gives an empty Query.
inline Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
    if (qs.empty()) return {};
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(op, qs.begin(), qs.end());
}

/// Terms in order -> a phrase (a single term stays a term). `window` counts
/// positions, so a token the analyzer dropped inside the phrase still fits.
inline Xapian::Query phrase_of(const std::vector<std::string>& terms, const std::string& prefix,
                               Xapian::termcount window) {
    if (terms.size() == 1) return Xapian::Query(prefix + terms.front());
    std::vector<Xapian::Query> subs;
    subs.reserve(terms.size());
    for (const auto& t : terms) subs.emplace_back(prefix + t);
    return Xapian::Query(Xapian::Query::OP_PHRASE, subs.begin(), subs.end(),
                         std::max(window, static_cast<Xapian::termcount>(terms.size())));
}

}  // namespace newsdex
