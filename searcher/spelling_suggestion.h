#pragma once
// "Did you mean": query words the database does not know, replaced by the
// spelling table's nearest word. The words it may correct and the words the
// indexer records are chosen by the same rule (common/spelling_rule.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"

namespace newsdex {

/// A query word "did you mean" may correct: its analysed term and where it
/// is in the (sanitized) query text.
struct SpellingTarget {
    std::string term;
    std::string stem;  ///< English stem (the default query language), "" when none
    std::size_t start = 0, end = 0;
};

/// The words of free text, phrases and title: values that pass the spelling
/// rule (never filters, field names or wildcards), in query order.
std::vector<SpellingTarget> spelling_targets(std::string_view query_text, TextAnalyzer& analyzer);

/// The query text with each word the database does not know replaced by its
/// spelling suggestion, or "" when nothing changes.
std::string spelling_suggestion(std::string_view query_text, const Xapian::Database& db,
                                TextAnalyzer& analyzer);

}  // namespace newsdex
