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
#include "ranking_bonuses.h"

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
    /// The database searched, when there is one: NEAR operands then match
    /// every indexed form sharing their stem ("prices" also finds "price",
    /// "priced"), as free words do. Stems carry no positions in the index, so
    /// the forms are looked up among its terms. Null: exact forms only.
    const Xapian::Database* forms = nullptr;
    /// How the database's articles hyphenated a joined word (Searcher looks
    /// up schema::kPrefixHyphenated): "ceasefire" -> {{"cease", "fire"}}, so
    /// a free word also finds its parts written apart ("cease fire"). Unset
    /// or empty: no splitting.
    std::function<std::vector<std::vector<std::string>>(const std::string& joined)> hyphenations;
    /// The exact-form bonus's weight (kExactFormWeight in ranking_bonuses.h,
    /// which says what it means; 0: stems only). Needs `forms` for the term
    /// statistics. A knob for newsdex-bench eval.
    double exact_form_weight = kExactFormWeight;
    /// The German compounds holding a part (Searcher reads the compound
    /// table, indexer/compound_table.h): for schema::compound_part_key of a
    /// word's German stem, the compounds' stem terms ("Zkris" ->
    /// "Zfluchtlingskris", "Zfinanzkris", ...). Asked only when German is
    /// among the query's languages. Unset: words find only their own forms.
    std::function<std::vector<std::string>(const std::string& part_key)> compounds;
};

/// Below this many articles with all the words, a query's ranking takes in
/// the articles with some of them (QueryPlan::filled): a long pasted query
/// (a TIME topic, a headline with one word the article lacks) must not rank
/// worse than --any.
inline constexpr unsigned kFewAllWordsMatches = 10;

struct QueryPlan {
    /// What to run. Xapian::Query::MatchAll when the query has only filters
    /// or only negated parts; an empty Query when it has nothing at all.
    Xapian::Query query;
    /// When the AND of the free words matches nothing, the searcher runs this
    /// instead (the same words OR-ed, filters and negations kept) and says so.
    /// Empty when not applicable (any mode, a single word, no free words).
    Xapian::Query relaxed;
    /// When fewer than kFewAllWordsMatches articles have all the words, the
    /// searcher runs this instead of `query`: every article `relaxed`
    /// matches, ranked by its `relaxed` weight plus kAllWordsBonus times its
    /// `query` weight (articles with every word, their proximity and title
    /// bonuses). Empty when `relaxed` is.
    Xapian::Query filled;
    /// When the query excludes words with a leading '-' ("... LATIN AMERICA
    /// -MINISTER", a pasted headline whose '-' is an attribution) and
    /// matches nothing, the searcher runs this instead: the same query with
    /// those words as words. Empty when the query excludes no '-word'.
    Xapian::Query literal;
    HighlightTerms literal_highlight;
    /// The note the searcher adds when it runs `literal`.
    std::string literal_note;
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
