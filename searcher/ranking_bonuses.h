#pragma once
// The ranking knobs of a built query: the bonuses that reorder matches
// without adding or removing any (AND_MAYBE), and the "filled" query that
// ranks articles with some of the words when few have all of them.
//
// For: every weight and limit of those bonuses, in one place, so a ranking
// change is measured (newsdex-bench eval) against one file. Not for: what
// matches (leaf_query_builder.h, query_builder.cc) nor BM25's parameters
// (searcher.cc).
//
// Free words are AND-ed (BM25 over the documents holding all of them); the
// bonuses then prefer what a reader would call the better match.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "query_parser.h"

namespace newsdex {

/// Proximity bonus: documents where the free words occur within
/// (number of words + kProximitySlack) positions of each other, in any order,
/// score the NEAR's weight times kProximityWeight on top. A slack of 4 lets
/// "talks on a cease-fire" match "cease-fire talks" yet not words a paragraph
/// apart. The NEAR runs over unstemmed terms (stems have no positions), so
/// only exact forms earn the bonus.
inline constexpr Xapian::termcount kProximitySlack = 4;
/// Half the words' own weight: adjacent words outrank scattered ones with the
/// same term statistics without letting proximity swamp term frequency.
inline constexpr double kProximityWeight = 0.5;
/// Beyond this many words a NEAR is unlikely to match and costs position
/// checks on every candidate: no proximity bonus.
inline constexpr std::size_t kMaxProximityWords = 10;
/// Title bonus: a free word also found in the title ("ZS"+stem, else
/// "S"+term) adds that term's weight times kTitleWeight. Title words already
/// carry schema::kTitleWdfBoost extra wdf in the all-text field; this bonus
/// adds the (higher) idf of title terms, so a title hit wins over a body hit
/// with slightly higher term frequency.
inline constexpr double kTitleWeight = 0.5;
/// Whole-title bonus: an article whose title holds every word of the query,
/// in the query's order and adjacent (a title typed or pasted as the query),
/// scores the title phrase's weight times kWholeTitleWeight on top. The
/// proximity bonus cannot do this for long queries (kMaxProximityWords, and a
/// Japanese headline is ~11 tokens with particles) nor for a query that is
/// one unspaced CJK "word".
inline constexpr double kWholeTitleWeight = 1.0;
/// Longer queries are not titles (a pasted paragraph): no whole-title bonus.
inline constexpr std::size_t kMaxWholeTitleTokens = 64;
/// Exact-form bonus: a stemmed word matches every article holding its stem;
/// an article holding the word's exact (unstemmed) form also scores that
/// term's weight times exact_form_scale(), so `وحلفائها` ("and its allies")
/// ranks an article with exactly that word above one with `وحلفاءهم` ("and
/// their allies"), both stemmed alike. The scale is the information the form
/// adds to its stem, (idf(form) - idf(stem)) / idf(form), times this: at 1 an
/// article whose occurrences are all of the exact form scores the form's idf,
/// one with only other forms the stem's; near 0 where the form is most of
/// its stem's articles. Only for a word that a clitic-stripping stemmer
/// changed (TextAnalyzer::stems_clitics: Arabic, whose stems drop attached
/// conjunctions, prepositions and pronouns): an English stem conflates
/// inflections of one word, and the bonus there made TIME worse at every
/// weight tried (requests whose relevant articles use another inflection).
/// Measured in bench/RESULTS.md.
inline constexpr double kExactFormWeight = 1.0;

/// BM25's idf as Xapian's BM25Weight computes it without relevance
/// information, for `termfreq` of `docs` articles.
double bm25_idf(Xapian::doccount docs, Xapian::doccount termfreq);

/// The share of the exact form's weight an article holding it scores on top
/// of the stem's (see kExactFormWeight): `weight` times
/// (idf(exact) - idf(stem)) / idf(exact), in [0, weight]; 0 when the form
/// is absent or is all of its stem's articles.
double exact_form_scale(Xapian::doccount docs, Xapian::doccount stem_termfreq,
                        Xapian::doccount exact_termfreq, double weight);

/// `stems` with the exact `term` at `scale` on top: AND_MAYBE (it only
/// reorders what the stems match), or OR when `or_exact` (--lang: the word's
/// stems are one language's, and the exact form must still find it).
Xapian::Query with_exact_form_bonus(const Xapian::Query& stems, const std::string& term,
                                    double scale, bool or_exact);

/// QueryPlan::filled: an article with every word adds this times its
/// all-words weight (BM25 of the same terms plus the proximity and title
/// bonuses) to its any-word weight. On TIME (bench/RESULTS.md) 0.1-0.5 beat
/// --any, 0.2 best; 1 and above amount to "every word first", which ranks
/// below --any: a long topic's words are not all equally needed.
inline constexpr double kAllWordsBonus = 0.2;
/// A German word also matches the compounds holding it (QueryOptions::compounds,
/// LeafQueryBuilder) as one SYNONYM with its own stems, so the word and its
/// compounds share one idf and the compound hits rank by BM25 among
/// themselves; the word's own stems then add this times their weight, so an
/// article with "Krise" outranks one with "Flüchtlingskrise" all else equal.
inline constexpr double kWordOverCompoundWeight = 0.5;

/// `query` AND_MAYBE the NEAR of the free words' unstemmed `terms` (see
/// kProximitySlack); `query` itself when there are fewer than two distinct
/// terms or more than kMaxProximityWords. The caller leaves it out in
/// any-mode: there most matches lack some of the words, the NEAR check runs
/// on every candidate and defeats Xapian's max-weight pruning.
Xapian::Query with_proximity_bonus(const Xapian::Query& query, std::vector<std::string> terms);

/// `query` with `title` (a free word's title term) at kTitleWeight on top.
Xapian::Query with_title_bonus(const Xapian::Query& query, const Xapian::Query& title);

/// The tokens of the free words and phrases of a query, in order, when the
/// query is nothing else (besides filters and exclusions): what a title typed
/// as the query looks like. Empty otherwise. `gaps`: positions the analysis
/// skipped inside the leaves (dropped over-long tokens).
std::vector<std::string> title_tokens(const QueryNode& root, std::string_view lang,
                                      TextAnalyzer& analyzer, Xapian::termcount& gaps);

/// `query` AND_MAYBE the whole-title phrase of `tokens` (see kWholeTitleWeight).
Xapian::Query with_whole_title_bonus(const Xapian::Query& query,
                                     const std::vector<std::string>& tokens,
                                     Xapian::termcount gaps);

/// QueryPlan::filled: every article `relaxed` matches, ranked by its
/// `relaxed` weight plus kAllWordsBonus times its `all_words` weight. Empty
/// when `relaxed` is.
Xapian::Query filled_query(const Xapian::Query& relaxed, const Xapian::Query& all_words);

}  // namespace newsdex
