#pragma once
// The query language -> Xapian::Query, through the shared analysis pipeline.
//
// Language: free words (all must match by default; QueryOptions::any = any),
// "exact phrases", AND OR NOT, -word +word, parentheses, a NEAR b, a NEAR/n b,
// prefix wildcards negotiat*, fields title: source: author: topic: lang:
// collection: id: (with words or "phrases"), and date filters
// date:1987-03-01..1987-03-31, date:1987, date:1987-03, date:..1987-02,
// date:2024-10.. . Malformed input (unbalanced quote or parenthesis, dangling
// operator, empty field) is searched leniently as words with a note; it is
// never an error.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "highlight_terms.h"

namespace newsdex {

struct QueryOptions {
    bool any = false;  ///< --any: free words are OR-ed
    /// --lang: query words are stemmed in this language only (and still match
    /// their exact form anywhere, unweighted). Empty: in every language of
    /// `languages`.
    std::string lang;
    /// The languages the database's articles are in (Searcher reads them from
    /// its XLANG terms; "und" for undetermined). A query word matches its stem
    /// in each, so one query serves a multilingual database. Empty: English,
    /// as databases built before detection were.
    std::vector<std::string> languages;
    /// How the database's articles hyphenated a joined word (Searcher looks
    /// up schema::kPrefixHyphenated): "ceasefire" -> {{"cease", "fire"}}, so
    /// a free word also finds its parts written apart ("cease fire"). Unset
    /// or empty: no splitting.
    std::function<std::vector<std::vector<std::string>>(const std::string& joined)> hyphenations;
};

struct QueryPlan {
    /// What to run. Xapian::Query::MatchAll when the query has only filters
    /// or only negated parts; an empty Query when it has nothing at all.
    Xapian::Query query;
    /// When the AND of the free words matches nothing, the searcher runs this
    /// instead (the same words OR-ed, filters and negations kept) and says so.
    /// Empty when not applicable (any mode, a single word, no free words).
    Xapian::Query relaxed;
    /// Human-readable notes about lenient handling ("unbalanced quote: searched as words").
    std::vector<std::string> notes;
    HighlightTerms highlight;
};

/// Parses and builds. Never throws on any input string (bytes are sanitized
/// first); throws newsdex::UsageError only for a query that is still
/// meaningless after lenient parsing is impossible — in practice never.
QueryPlan build_query(std::string_view query_text, const QueryOptions& options,
                      TextAnalyzer& analyzer);

}  // namespace newsdex
