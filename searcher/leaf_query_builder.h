#pragma once
// One leaf of the query tree -> the Xapian::Query of what it matches, through
// the shared analysis pipeline: a free word (its stems in every query
// language, its compounds, hyphenations and CJK part-words), a word or
// phrase in a field, a phrase with its joined-word variants, a wildcard, the
// operands of a NEAR (with the indexed forms of their stems). Each also
// records what snippets should mark (HighlightTerms).
//
// For: the per-word analysis and expansion, where a new way for a word to
// match belongs. Not for: operators and how leaves combine (query_builder.cc),
// filter fields (filter_query.h), ranking bonuses (ranking_bonuses.h).

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "highlight_terms.h"
#include "query_builder.h"
#include "query_parser.h"

namespace newsdex {

/// A free word's query and what the operator tree needs for its bonuses.
struct FreeWordQuery {
    Xapian::Query query;  ///< empty when the word has no tokens
    /// A single-token word: its unstemmed term (for the proximity bonus) and
    /// its title term ("ZS"+stems, else "S"+term, for the title bonus).
    /// Empty otherwise.
    std::string proximity_term;
    Xapian::Query title;
};

class LeafQueryBuilder {
  public:
    /// `langs`: the languages query words are stemmed in (not empty);
    /// `narrowed`: --lang chose them, so exact forms are OR-ed, not only a
    /// bonus. `hyphenations`, `forms` and `exact_form_weight`: QueryOptions'
    /// (may be unset / null; `forms` also gives the term statistics of the
    /// exact-form bonus, none without it). Notes about ignored leaves go to
    /// `notes`, each text once.
    LeafQueryBuilder(TextAnalyzer& analyzer, std::vector<std::string> langs, bool narrowed,
                     decltype(QueryOptions::hyphenations) hyphenations,
                     const Xapian::Database* forms, double exact_form_weight,
                     std::vector<std::string>& notes);

    /// A free word: its stems ("Z"+stem in each language, else the term),
    /// with its exact form's bonus (ranking_bonuses.h, kExactFormWeight). A
    /// word the analyzer splits ("U.S.-China", Japanese) is a phrase of its
    /// tokens, OR-ed with the joined compound when it is one ("cease-fire"
    /// -> Zceasefir), with its CJK part-words and, when the index shows it
    /// written apart, its hyphenations. `hl` null: nothing to highlight (the
    /// word is negated).
    FreeWordQuery free_word(std::string_view text, HighlightTerms* hl);

    /// One typed word in a field (prefix "" or "S"): the stem for a single
    /// token, else the tokens' phrase OR-ed with each compound variant.
    Xapian::Query word(std::string_view text, const std::string& prefix,
                       const std::string& stem_prefix, HighlightTerms* hl);

    /// An exact phrase over unstemmed positional terms, OR-ed with the
    /// variants where two adjacent words are written as one ("cease fire" ->
    /// "ceasefire"): the index holds the joined term for "ceasefire" and for
    /// "cease-fire" alike, so this makes the three spellings equivalent. A
    /// variant absent from the index simply matches nothing.
    Xapian::Query phrase(std::string_view text, const std::string& prefix, HighlightTerms* hl);

    /// `negotiat*`: the folded prefix, expanded to the most frequent terms.
    Xapian::Query wildcard(std::string_view surface, const std::string& prefix, HighlightTerms* hl);

    /// `a NEAR/n b`: the operands' unstemmed tokens within n words (Xapian's
    /// QueryParser convention: window = n + number of terms - 1).
    Xapian::Query near(const QueryNode& n, HighlightTerms* hl);

    /// Adds `text` to the notes unless it is there already.
    void note(std::string text);

    /// Where German words find the compounds holding them
    /// (QueryOptions::compounds); kept only when German is a query language.
    void set_compounds(decltype(QueryOptions::compounds) compounds);

  private:
    struct Analyzed;

    Analyzed analyze(std::string_view text);
    Xapian::Query stemmed(const std::string& prefix, const std::string& stem_prefix,
                          const std::string& term, const std::vector<std::string>& stems);
    Xapian::Query word_query(const Analyzed& a, const std::string& prefix,
                             const std::string& stem_prefix, HighlightTerms* hl);
    Xapian::Query phrase_query(const Analyzed& a, const std::string& prefix, HighlightTerms* hl);
    /// Whether a query language that stems_clitics() changes `term`.
    bool clitics_stripped(const std::string& term);
    Xapian::Query with_compounds(const Xapian::Query& word, const std::string& stem_prefix,
                                 const std::vector<std::string>& stems,
                                 const std::string& compound_key, HighlightTerms* hl);
    std::vector<std::string> forms_of(const std::string& term,
                                      const std::vector<std::string>& stems);

    TextAnalyzer& analyzer_;
    std::vector<std::string> langs_;
    bool narrowed_;
    decltype(QueryOptions::hyphenations) hyphenations_;
    decltype(QueryOptions::compounds) compounds_;
    const Xapian::Database* forms_db_;
    double exact_form_weight_;
    std::vector<std::string>& notes_;
};

}  // namespace newsdex
