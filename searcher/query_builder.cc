#include "query_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/cjk_bigrams.h"
#include "analysis/token_normalizer.h"
#include "date_range.h"
#include "errors.h"
#include "query_parser.h"
#include "schema.h"
#include "terms.h"

namespace newsdex {

namespace {

// --- ranking -----------------------------------------------------------------
// Free words are AND-ed (BM25 over the documents holding all of them); two
// optional bonuses (AND_MAYBE: they reorder matches, never add or remove any)
// then prefer what a reader would call the better match.

/// Proximity bonus: documents where the free words occur within
/// (number of words + kProximitySlack) positions of each other, in any order,
/// score the NEAR's weight times kProximityWeight on top. A slack of 4 lets
/// "talks on a cease-fire" match "cease-fire talks" yet not words a paragraph
/// apart. The NEAR runs over unstemmed terms (stems have no positions), so
/// only exact forms earn the bonus.
constexpr Xapian::termcount kProximitySlack = 4;
/// Half the words' own weight: adjacent words outrank scattered ones with the
/// same term statistics without letting proximity swamp term frequency.
constexpr double kProximityWeight = 0.5;
/// Beyond this many words a NEAR is unlikely to match and costs position
/// checks on every candidate: no proximity bonus.
constexpr std::size_t kMaxProximityWords = 10;
/// Title bonus: a free word also found in the title ("ZS"+stem, else
/// "S"+term) adds that term's weight times kTitleWeight. Title words already
/// carry schema::kTitleWdfBoost extra wdf in the all-text field; this bonus
/// adds the (higher) idf of title terms, so a title hit wins over a body hit
/// with slightly higher term frequency.
constexpr double kTitleWeight = 0.5;

/// Whole-title bonus: an article whose title holds every word of the query,
/// in the query's order and adjacent (a title typed or pasted as the query),
/// scores the title phrase's weight times kWholeTitleWeight on top. The
/// proximity bonus cannot do this for long queries (kMaxProximityWords, and a
/// Japanese headline is ~11 tokens with particles) nor for a query that is
/// one unspaced CJK "word".
constexpr double kWholeTitleWeight = 1.0;
/// QueryPlan::filled: an article with every word adds this times its
/// all-words weight (BM25 of the same terms plus the proximity and title
/// bonuses) to its any-word weight. On TIME (bench/RESULTS.md) 0.1-0.5 beat
/// --any, 0.2 best; 1 and above amount to "every word first", which ranks
/// below --any: a long topic's words are not all equally needed.
constexpr double kAllWordsBonus = 0.2;
/// Longer queries are not titles (a pasted paragraph): no whole-title bonus.
constexpr std::size_t kMaxWholeTitleTokens = 64;

// --- expansion limits ----------------------------------------------------------
/// A wildcard expands to at most this many terms, the most frequent ones
/// (so `a*`-like prefixes stay fast and still find the common words).
constexpr Xapian::termcount kWildcardMaxExpansion = 100;
/// A NEAR operand matches at most this many forms of its stem, found among
/// at most kMaxFormsScanned index terms (a stem has a handful of forms; the
/// bound keeps a two-letter prefix in a huge vocabulary cheap).
constexpr std::size_t kMaxForms = 32;
constexpr std::size_t kMaxFormsScanned = 2000;
/// A joined word is also searched as at most this many hyphenations of it.
constexpr std::size_t kMaxHyphenationSplits = 4;
/// Phrases up to this many words also try each adjacent pair joined
/// ("cease fire" -> "ceasefire"); longer ones would multiply phrase checks.
constexpr std::size_t kMaxJoinVariantWords = 8;

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
    if (qs.empty()) return {};
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(op, qs.begin(), qs.end());
}

/// Terms in order -> a phrase (a single term stays a term). `window` counts
/// positions, so a token the analyzer dropped inside the phrase still fits.
Xapian::Query phrase_of(const std::vector<std::string>& terms, const std::string& prefix,
                        Xapian::termcount window) {
    if (terms.size() == 1) return Xapian::Query(prefix + terms.front());
    std::vector<Xapian::Query> subs;
    subs.reserve(terms.size());
    for (const auto& t : terms) subs.emplace_back(prefix + t);
    return Xapian::Query(Xapian::Query::OP_PHRASE, subs.begin(), subs.end(),
                         std::max<Xapian::termcount>(window, terms.size()));
}

/// The part-word alternative of a typed word written in Han/katakana: each
/// run of two or more such characters as a phrase of its character pairs
/// (schema::kPrefixCjkBigram), the runs AND-ed. Finds アフリカ inside the
/// dictionary word 南アフリカ. Empty when the word has no such run.
Xapian::Query cjk_bigram_query(std::string_view text) {
    std::vector<std::vector<std::string>> runs;
    Xapian::termpos last = 0;
    cjk_bigrams(text, [&](const CjkBigram& b) {
        if (runs.empty() || b.position != last + 1) runs.emplace_back();
        runs.back().emplace_back(b.text);
        last = b.position;
    });
    std::vector<Xapian::Query> phrases;
    for (const auto& run : runs)
        phrases.push_back(phrase_of(run, std::string(schema::kPrefixCjkBigram),
                                    static_cast<Xapian::termcount>(run.size())));
    return combine(Xapian::Query::OP_AND, phrases);
}

/// One piece of query text through the analysis pipeline, split into the
/// plain tokens (in order) and the compounds the analyzer joined. `stems`
/// holds the token's distinct stems over the query's languages (the word
/// itself for a language without a stemmer, as the indexer does); empty when
/// the word is not stemmable.
struct Analyzed {
    struct Simple {
        std::string term;
        std::vector<std::string> stems;
        Xapian::termpos position;
        std::uint32_t start, end;  ///< bytes of its surface form in the analysed text
    };
    struct Compound {
        std::string term;
        std::vector<std::string> stems;
        std::size_t first, count;  ///< its parts: simple[first, first + count)
    };
    std::vector<Simple> simple;
    std::vector<Compound> compounds;

    /// Positions covered beyond one per token (dropped over-long tokens).
    Xapian::termcount gaps() const {
        if (simple.empty()) return 0;
        return simple.back().position - simple.front().position + 1 -
               static_cast<Xapian::termcount>(simple.size());
    }
    std::vector<std::string> terms() const {
        std::vector<std::string> out;
        for (const auto& s : simple) out.push_back(s.term);
        return out;
    }
};

/// The stem terms of one word: a single term, or a SYNONYM of the word's stems
/// in several languages (one term to BM25, so a word counts once however
/// many languages the database holds; an article holds the stems of its own
/// language only, so its wdf is not double-counted).
Xapian::Query stems_query(const std::string& stem_prefix, const std::vector<std::string>& stems) {
    if (stems.size() == 1) return Xapian::Query(stem_prefix + stems.front());
    std::vector<Xapian::Query> subs;
    subs.reserve(stems.size());
    for (const auto& s : stems) subs.emplace_back(stem_prefix + s);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, subs.begin(), subs.end());
}

void add_distinct(std::vector<std::string>& to, const std::string& s) {
    if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

/// A built sub-query in three parts, so that filters and exclusions can be
/// hoisted to the enclosing AND instead of forcing a MatchAll underneath:
/// the meaning is `positive FILTER filter AND_NOT excluded`, with an empty
/// positive standing for "all documents".
struct Part {
    Xapian::Query positive;
    Xapian::Query filter;
    Xapian::Query excluded;
    /// A plain single-token free word: its unstemmed term, for the proximity bonus.
    std::string proximity_term;

    bool empty() const { return positive.empty() && filter.empty() && excluded.empty(); }
    bool only_positive() const { return filter.empty() && excluded.empty(); }
    bool only_filter() const { return positive.empty() && excluded.empty() && !filter.empty(); }
};

/// A Part as one query. Without a positive part it is boolean (weight 0), so
/// that "a OR NOT b" does not rank by MatchAll's weight.
Xapian::Query materialize(const Part& p) {
    if (!p.positive.empty()) {
        Xapian::Query q = p.positive;
        if (!p.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, p.filter);
        if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
        return q;
    }
    Xapian::Query q = p.filter.empty() ? Xapian::Query::MatchAll : p.filter;
    if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

/// The top-level query: MatchAll when only filters or exclusions remain.
Xapian::Query finish(const Part& p) {
    if (p.empty()) return {};
    Xapian::Query q = p.positive.empty() ? Xapian::Query::MatchAll : p.positive;
    if (!p.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, p.filter);
    if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
    return q;
}

class Builder {
  public:
    /// `langs`: the languages query words are stemmed in (not empty);
    /// `narrowed`: --lang chose them, so exact forms are added unweighted.
    /// `excluded_words_as_words`: build the literal variant (QueryPlan::literal),
    /// where a '-word' item of a sequence is a plain word.
    Builder(TextAnalyzer& analyzer, std::vector<std::string> langs, bool narrowed, bool any,
            HighlightTerms& highlight, std::vector<std::string>& notes,
            decltype(QueryOptions::hyphenations) hyphenations = {},
            bool excluded_words_as_words = false)
        : hyphenations_(std::move(hyphenations)),
          analyzer_(analyzer),
          langs_(std::move(langs)),
          narrowed_(narrowed),
          any_(any),
          excluded_words_as_words_(excluded_words_as_words),
          highlight_(highlight),
          notes_(notes) {}

    /// Where NEAR operands find the other forms of their stems (QueryOptions::forms).
    void set_forms(const Xapian::Database* db) { forms_db_ = db; }

    /// Whether some AND of two or more free items exists that an OR could relax.
    bool relaxable() const { return relaxable_; }
    /// The '-word' items of positive sequences, as written ("-minister").
    const std::vector<std::string>& excluded_words() const { return excluded_words_; }

    // Recursion follows the tree, whose depth query_parser bounds
    // (kMaxQueryDepth groups, each a few levels).
    Part build(const QueryNode& n, bool negated) {
        Part p;
        switch (n.kind) {
            case QueryNodeKind::Empty:
                break;
            case QueryNodeKind::Word:
                p = free_word(n.text, negated);
                break;
            case QueryNodeKind::Phrase:
                p.positive = phrase_query(analyze(n.text), "", sink(negated));
                break;
            case QueryNodeKind::Wildcard:
                p.positive = wildcard(n.text, "", sink(negated));
                break;
            case QueryNodeKind::Field:
                p = field(n, negated);
                break;
            case QueryNodeKind::Near:
                p.positive = near(n, sink(negated));
                break;
            case QueryNodeKind::Seq:
                p = seq(n, negated);
                break;
            case QueryNodeKind::And:
                for (const auto& c : n.children) merge_and(p, build(c, negated));
                break;
            case QueryNodeKind::Or:
                p = any_of(n, negated);
                break;
            case QueryNodeKind::Not:
                if (!n.children.empty()) {
                    Part inner = build(n.children.front(), true);
                    if (!inner.empty()) {
                        p.excluded = materialize(inner);
                        note_exclusion("NOT " + describe(n.children.front()));
                    }
                }
                break;
        }
        return p;
    }

  private:
    HighlightTerms* sink(bool negated) { return negated ? nullptr : &highlight_; }

    void note(std::string text) {
        if (std::find(notes_.begin(), notes_.end(), text) == notes_.end())
            notes_.push_back(std::move(text));
    }

    /// Every exclusion is said, so a pasted text that lost articles to a
    /// '-' or a NOT shows why.
    void note_exclusion(const std::string& what) { note("excluded: articles matching " + what); }

    Analyzed analyze(std::string_view text) {
        Analyzed a;
        std::unordered_map<Xapian::termpos, std::size_t> index_of;
        analyzer_.analyze(text, langs_.front(), [&](const Token& t) {
            if (!t.compound) {
                index_of.emplace(t.position, a.simple.size());
                a.simple.push_back({t.term, {}, t.position, t.start, t.end});
                add_distinct(a.simple.back().stems, t.stem);
                return;
            }
            // Compounds come after their parts, which are consecutive tokens.
            auto it = index_of.find(t.position);
            if (it == index_of.end() || it->second + t.span > a.simple.size()) return;
            a.compounds.push_back({t.term, {}, it->second, t.span});
            add_distinct(a.compounds.back().stems, t.stem);
        });
        // Spellings writers use interchangeably that stemmers do not equate
        // (Arabic final ة/ه): their stems too, in every language.
        NormalizedWord word;
        for (auto& s : a.simple) {
            if (s.stems.empty()) continue;
            if (!normalize_word(text.substr(s.start, s.end - s.start), word)) continue;
            for (const std::string& variant : written_variants(word.folded))
                for (const std::string& lang : langs_)
                    add_distinct(s.stems, std::string(analyzer_.stem(variant, lang)));
        }
        // The other languages: segmentation does not depend on the language,
        // so their tokens come in the same order; only the stems differ.
        for (std::size_t l = 1; l < langs_.size(); ++l) {
            std::size_t simple = 0, compound = 0;
            analyzer_.analyze(text, langs_[l], [&](const Token& t) {
                if (!t.compound) {
                    if (simple < a.simple.size() && a.simple[simple].position == t.position)
                        add_distinct(a.simple[simple].stems, t.stem);
                    ++simple;
                    return;
                }
                for (; compound < a.compounds.size(); ++compound)
                    if (a.compounds[compound].term == t.term) {
                        add_distinct(a.compounds[compound++].stems, t.stem);
                        break;
                    }
            });
        }
        return a;
    }

    /// A word's stems; with --lang also its exact form at weight 0, so a word
    /// that is in an article always finds it, whatever language was chosen.
    Xapian::Query stemmed(const std::string& prefix, const std::string& stem_prefix,
                          const std::string& term, const std::vector<std::string>& stems) {
        if (stems.empty()) return Xapian::Query(prefix + term);
        Xapian::Query q = stems_query(stem_prefix, stems);
        if (!narrowed_) return q;
        return Xapian::Query(
            Xapian::Query::OP_OR, q,
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(prefix + term), 0.0));
    }

    /// AND semantics: positives AND-ed, filters AND-ed, exclusions OR-ed.
    static void merge_and(Part& into, const Part& p) {
        auto and_in = [](Xapian::Query& a, const Xapian::Query& b, Xapian::Query::op op) {
            if (b.empty()) return;
            a = a.empty() ? b : Xapian::Query(op, a, b);
        };
        and_in(into.positive, p.positive, Xapian::Query::OP_AND);
        and_in(into.filter, p.filter, Xapian::Query::OP_AND);
        and_in(into.excluded, p.excluded, Xapian::Query::OP_OR);
    }

    /// A free word: its stems ("Z"+stem in each language, else the term). A word the analyzer
    /// splits ("U.S.-China", Japanese) is a phrase of its tokens, OR-ed with
    /// the joined compound when it is one ("cease-fire" -> Zceasefir).
    Part free_word(std::string_view text, bool negated) {
        Part p;
        Analyzed a = analyze(text);
        p.positive = word_query(a, "", std::string(schema::kPrefixStem), sink(negated));
        if (p.positive.empty()) return p;
        // Articles with the word as the dictionary cut it score both parts;
        // those with it inside a longer word only the pairs.
        if (Xapian::Query parts = cjk_bigram_query(text); !parts.empty())
            p.positive = Xapian::Query(Xapian::Query::OP_OR, p.positive, parts);
        if (a.simple.size() != 1) return p;
        const Analyzed::Simple& t = a.simple.front();
        if (hyphenations_) {
            // "ceasefire" also as the phrase "cease fire", where the corpus
            // wrote it "cease-fire": the compound filter joins hyphenated
            // words, this splits joined ones where the articles show how.
            std::size_t used = 0;
            for (auto& parts : hyphenations_(t.term)) {
                if (parts.size() < 2 || ++used > kMaxHyphenationSplits) break;
                p.positive = Xapian::Query(Xapian::Query::OP_OR, p.positive,
                                           phrase_of(parts, "", parts.size()));
                if (!negated) highlight_.phrases.push_back(std::move(parts));
            }
        }
        p.proximity_term = t.term;
        if (!negated) {
            Xapian::Query title_term =
                t.stems.empty() ? Xapian::Query(std::string(schema::kPrefixTitle) + t.term)
                                : stems_query(std::string(schema::kPrefixStem) +
                                                  std::string(schema::kPrefixTitle),
                                              t.stems);
            p.positive = Xapian::Query(
                Xapian::Query::OP_AND_MAYBE, p.positive,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title_term, kTitleWeight));
        }
        return p;
    }

    /// One typed word in a field (prefix "" or "S"): the stem for a single
    /// token, else the tokens' phrase OR-ed with each compound variant.
    Xapian::Query word_query(const Analyzed& a, const std::string& prefix,
                             const std::string& stem_prefix, HighlightTerms* hl) {
        if (a.simple.empty()) return {};
        if (a.simple.size() == 1) {
            const auto& t = a.simple.front();
            if (hl) {
                hl->terms.insert(t.term);
                hl->stems.insert(t.stems.begin(), t.stems.end());
            }
            return stemmed(prefix, stem_prefix, t.term, t.stems);
        }
        std::vector<Xapian::Query> alternatives;
        std::vector<std::string> terms = a.terms();
        alternatives.push_back(phrase_of(terms, prefix, terms.size() + a.gaps()));
        if (hl) hl->phrases.push_back(terms);
        for (const auto& c : a.compounds) {
            if (hl) hl->terms.insert(c.term);
            if (c.count == a.simple.size()) {
                // The whole word is one compound: match its joined form like a word.
                alternatives.push_back(stemmed(prefix, stem_prefix, c.term, c.stems));
                if (hl) hl->stems.insert(c.stems.begin(), c.stems.end());
                continue;
            }
            std::vector<std::string> variant(terms.begin(), terms.begin() + c.first);
            variant.push_back(c.term);
            variant.insert(variant.end(), terms.begin() + c.first + c.count, terms.end());
            alternatives.push_back(phrase_of(variant, prefix, variant.size() + a.gaps()));
            if (hl) hl->phrases.push_back(variant);
        }
        return combine(Xapian::Query::OP_OR, alternatives);
    }

    /// An exact phrase over unstemmed positional terms, OR-ed with the
    /// variants where two adjacent words are written as one ("cease fire" ->
    /// "ceasefire"): the index holds the joined term for "ceasefire" and for
    /// "cease-fire" alike, so this makes the three spellings equivalent. A
    /// variant absent from the index simply matches nothing.
    Xapian::Query phrase_query(const Analyzed& a, const std::string& prefix, HighlightTerms* hl) {
        if (a.simple.empty()) return {};
        std::vector<std::string> terms = a.terms();
        if (terms.size() == 1) {
            if (hl) hl->terms.insert(terms.front());
            return Xapian::Query(prefix + terms.front());
        }
        std::set<std::vector<std::string>> seen;
        std::vector<std::vector<std::string>> variants;
        auto add = [&](std::vector<std::string> v) {
            if (seen.insert(v).second) variants.push_back(std::move(v));
        };
        add(terms);
        if (terms.size() <= kMaxJoinVariantWords) {
            for (std::size_t i = 0; i + 1 < terms.size(); ++i) {
                // The analyzer never joins all-digit groups ("2023-10").
                if (all_digits(terms[i]) && all_digits(terms[i + 1])) continue;
                std::string joined = terms[i] + terms[i + 1];
                if (joined.size() > TextAnalyzer::kMaxWordTermBytes) continue;
                std::vector<std::string> v(terms.begin(), terms.begin() + i);
                v.push_back(std::move(joined));
                v.insert(v.end(), terms.begin() + i + 2, terms.end());
                add(std::move(v));
            }
        }
        for (const auto& c : a.compounds) {  // a hyphenated word inside the quotes
            std::vector<std::string> v(terms.begin(), terms.begin() + c.first);
            v.push_back(c.term);
            v.insert(v.end(), terms.begin() + c.first + c.count, terms.end());
            add(std::move(v));
        }
        std::vector<Xapian::Query> alternatives;
        for (const auto& v : variants) {
            alternatives.push_back(phrase_of(v, prefix, v.size() + a.gaps()));
            if (hl) hl->phrases.push_back(v);
        }
        return combine(Xapian::Query::OP_OR, alternatives);
    }

    /// `negotiat*`: the folded prefix, expanded to the most frequent terms.
    Xapian::Query wildcard(std::string_view surface, const std::string& prefix,
                           HighlightTerms* hl) {
        NormalizedWord w;
        if (!normalize_word(surface, w) || w.term.empty()) {
            note("wildcard " + std::string(surface) + "*: nothing to expand, ignored");
            return {};
        }
        if (w.term.size() > TextAnalyzer::kMaxWordTermBytes) {
            note("wildcard prefix too long: ignored");
            return {};
        }
        if (hl) hl->prefixes.push_back(w.term);
        return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix + w.term, kWildcardMaxExpansion,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }

    /// `a NEAR/n b`: the operands' unstemmed tokens within n words (Xapian's
    /// QueryParser convention: window = n + number of terms - 1).
    Xapian::Query near(const QueryNode& n, HighlightTerms* hl) {
        std::vector<Xapian::Query> subs;
        for (const auto& c : n.children)
            for (auto& t : analyze(c.text).simple) {
                std::vector<std::string> forms = forms_of(t.term, t.stems);
                if (hl) {
                    hl->terms.insert(t.term);
                    if (forms.size() > 1) hl->stems.insert(t.stems.begin(), t.stems.end());
                }
                subs.push_back(forms.size() == 1 ? Xapian::Query(forms.front())
                                                 : Xapian::Query(Xapian::Query::OP_OR,
                                                                 forms.begin(), forms.end()));
            }
        if (subs.empty()) return {};
        if (subs.size() == 1) return subs.front();
        return Xapian::Query(Xapian::Query::OP_NEAR, subs.begin(), subs.end(),
                             n.distance + static_cast<Xapian::termcount>(subs.size()) - 1);
    }

    /// The indexed terms sharing one of `term`'s stems (term first; a stem per
    /// query language), for positional operators: stems have no positions.
    /// Forms of a stem start with the stem minus its last letter ("pric":
    /// price, prices, pricing; "happ": happy, happiness), so only that
    /// stretch of the term list is read, and at most kMaxFormsScanned terms
    /// of it per stem.
    std::vector<std::string> forms_of(const std::string& term,
                                      const std::vector<std::string>& stems) {
        std::vector<std::string> forms{term};
        if (!forms_db_) return forms;
        for (const std::string& stem : stems) {
            if (stem.empty()) continue;
            std::size_t keep = stem.size() - 1;
            while (keep > 0 && (static_cast<unsigned char>(stem[keep]) & 0xC0) == 0x80) --keep;
            if (keep < 2) keep = stem.size();
            const std::string prefix = stem.substr(0, keep);
            std::size_t scanned = 0;
            for (auto it = forms_db_->allterms_begin(prefix);
                 it != forms_db_->allterms_end(prefix) && scanned < kMaxFormsScanned &&
                 forms.size() < kMaxForms;
                 ++it, ++scanned) {
                const std::string candidate = *it;
                if (std::find(forms.begin(), forms.end(), candidate) != forms.end()) continue;
                for (const std::string& lang : langs_)
                    if (analyzer_.stem(candidate, lang) == stem) {
                        forms.push_back(candidate);
                        break;
                    }
            }
        }
        return forms;
    }

    /// A boolean filter (source:, topic:, lang:, collection:, id:, date:);
    /// empty when the value is empty or invalid (with a note).
    Xapian::Query filter_query(const QueryNode& n) {
        if (n.children.empty()) return {};
        std::string value = trim(n.children.front().text);
        const std::string& name = n.text;
        if (value.empty()) {
            note("empty field " + name + ": ignored");
            return {};
        }
        if (name == "date") {
            auto range = parse_date_range(value);
            if (!range) {
                note("invalid date filter date:" + value + ": ignored");
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

    Part field(const QueryNode& n, bool negated) {
        Part p;
        if (n.children.empty()) return p;
        const QueryNode& value = n.children.front();
        if (is_filter_field(n.text)) {
            p.filter = filter_query(n);
            return p;
        }
        if (n.text == "title") {
            const std::string prefix(schema::kPrefixTitle);
            const std::string stem_prefix = std::string(schema::kPrefixStem) + prefix;
            if (value.kind == QueryNodeKind::Wildcard)
                p.positive = wildcard(value.text, prefix, sink(negated));
            else if (value.kind == QueryNodeKind::Phrase)
                p.positive = phrase_query(analyze(value.text), prefix, sink(negated));
            else
                p.positive = word_query(analyze(value.text), prefix, stem_prefix, sink(negated));
            return p;
        }
        // author: names are indexed unstemmed with positions, so a name of
        // several words is a phrase whether quoted or not. Not highlighted:
        // snippets come from the text, where the name is not what was asked.
        const std::string prefix(schema::kPrefixAuthor);
        if (value.kind == QueryNodeKind::Wildcard)
            p.positive = wildcard(value.text, prefix, nullptr);
        else
            p.positive = phrase_query(analyze(value.text), prefix, nullptr);
        return p;
    }

    /// Juxtaposed items under the default operator. Filters of the same
    /// field are OR-ed, different fields AND-ed (Xapian QueryParser's rule),
    /// and all of them hoisted into a FILTER so they never change scores.
    Part seq(const QueryNode& n, bool negated) {
        std::vector<Xapian::Query> required, optional, filters, excluded;
        std::map<std::string, std::vector<Xapian::Query>> by_field;  // ordered: stable queries
        std::vector<std::string> proximity;
        std::size_t free_items = 0;
        for (const QueryNode& item : n.children) {
            const bool excluded_word =
                item.occur == Occur::Excluded && item.kind == QueryNodeKind::Word;
            if (excluded_word && !negated) excluded_words_.push_back(describe(item));
            const bool item_excluded =
                item.occur == Occur::Excluded && !(excluded_word && excluded_words_as_words_);
            if (item.kind == QueryNodeKind::Field && is_filter_field(item.text) && !item_excluded) {
                Xapian::Query q = filter_query(item);
                if (!q.empty()) by_field[item.text].push_back(std::move(q));
                continue;
            }
            Part p = build(item, negated || item_excluded);
            if (p.empty()) continue;
            if (item_excluded) {
                excluded.push_back(materialize(p));
                note_exclusion(describe(item));
                continue;
            }
            if (any_ && item.occur == Occur::Default) {
                optional.push_back(p.only_positive() ? p.positive : materialize(p));
            } else {
                if (!p.positive.empty()) {
                    required.push_back(p.positive);
                    if (item.occur == Occur::Default) ++free_items;
                }
                if (!p.filter.empty()) filters.push_back(p.filter);
                if (!p.excluded.empty()) excluded.push_back(p.excluded);
            }
            if (!p.proximity_term.empty()) proximity.push_back(p.proximity_term);
        }
        for (const auto& [name, qs] : by_field)
            filters.push_back(combine(Xapian::Query::OP_OR, qs));
        if (!any_ && free_items >= 2) relaxable_ = true;

        Part out;
        Xapian::Query must = combine(Xapian::Query::OP_AND, required);
        Xapian::Query may = combine(Xapian::Query::OP_OR, optional);
        if (!must.empty() && !may.empty())
            out.positive = Xapian::Query(Xapian::Query::OP_AND_MAYBE, must, may);
        else
            out.positive = must.empty() ? may : must;

        std::sort(proximity.begin(), proximity.end());
        proximity.erase(std::unique(proximity.begin(), proximity.end()), proximity.end());
        // Not in any-mode: there most matches lack some of the words, the NEAR
        // check runs on every candidate and defeats Xapian's max-weight
        // pruning (Reuters 'any' class p50 7.3 ms with it, 0.47 ms without;
        // TIME MAP unchanged).
        if (!any_ && !out.positive.empty() && proximity.size() >= 2 &&
            proximity.size() <= kMaxProximityWords) {
            std::vector<Xapian::Query> subs(proximity.begin(), proximity.end());
            Xapian::Query near(Xapian::Query::OP_NEAR, subs.begin(), subs.end(),
                               static_cast<Xapian::termcount>(subs.size()) + kProximitySlack);
            out.positive = Xapian::Query(
                Xapian::Query::OP_AND_MAYBE, out.positive,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight));
        }
        out.filter = combine(Xapian::Query::OP_AND, filters);
        out.excluded = combine(Xapian::Query::OP_OR, excluded);
        return out;
    }

    Part any_of(const QueryNode& n, bool negated) {
        std::vector<Part> parts;
        for (const auto& c : n.children) {
            Part p = build(c, negated);
            if (!p.empty()) parts.push_back(std::move(p));
        }
        if (parts.size() == 1) return std::move(parts.front());
        Part out;
        if (parts.empty()) return out;
        std::vector<Xapian::Query> qs;
        if (std::all_of(parts.begin(), parts.end(),
                        [](const Part& p) { return p.only_filter(); })) {
            for (const auto& p : parts) qs.push_back(p.filter);
            out.filter = combine(Xapian::Query::OP_OR, qs);
            return out;
        }
        for (const auto& p : parts) qs.push_back(p.only_positive() ? p.positive : materialize(p));
        out.positive = combine(Xapian::Query::OP_OR, qs);
        return out;
    }

    decltype(QueryOptions::hyphenations) hyphenations_;
    TextAnalyzer& analyzer_;
    std::vector<std::string> langs_;
    bool narrowed_;
    const Xapian::Database* forms_db_ = nullptr;
    bool any_;
    bool excluded_words_as_words_;
    HighlightTerms& highlight_;
    std::vector<std::string>& notes_;
    bool relaxable_ = false;
    std::vector<std::string> excluded_words_;
};

/// The tokens of the free words and phrases of a query, in order, when the
/// query is nothing else (besides filters and exclusions): what a title typed
/// as the query looks like. Empty otherwise.
std::vector<std::string> title_tokens(const QueryNode& root, std::string_view lang,
                                      TextAnalyzer& analyzer, Xapian::termcount& gaps) {
    std::vector<const QueryNode*> leaves;
    if (root.kind == QueryNodeKind::Word || root.kind == QueryNodeKind::Phrase) {
        leaves.push_back(&root);
    } else if (root.kind == QueryNodeKind::Seq) {
        for (const auto& item : root.children) {
            if (item.occur == Occur::Excluded) continue;
            if (item.kind == QueryNodeKind::Field && is_filter_field(item.text)) continue;
            if (item.kind != QueryNodeKind::Word && item.kind != QueryNodeKind::Phrase) return {};
            leaves.push_back(&item);
        }
    }
    std::vector<std::string> tokens;
    gaps = 0;
    for (const QueryNode* leaf : leaves) {
        Xapian::termpos first = 0, last = 0;
        std::size_t count = 0;
        analyzer.analyze(leaf->text, lang, [&](const Token& t) {
            if (t.compound) return;
            if (count++ == 0) first = t.position;
            last = t.position;
            tokens.push_back(t.term);
        });
        if (count > 0) gaps += last - first + 1 - static_cast<Xapian::termcount>(count);
    }
    return tokens;
}

/// `query` AND_MAYBE the whole-title phrase (see kWholeTitleWeight).
Xapian::Query with_whole_title_bonus(const Xapian::Query& query,
                                     const std::vector<std::string>& tokens,
                                     Xapian::termcount gaps) {
    if (query.empty() || tokens.size() < 2 || tokens.size() > kMaxWholeTitleTokens) return query;
    Xapian::Query title = phrase_of(tokens, std::string(schema::kPrefixTitle),
                                    static_cast<Xapian::termcount>(tokens.size()) + gaps);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kWholeTitleWeight));
}

}  // namespace

QueryPlan build_query(std::string_view query_text, const QueryOptions& options,
                      TextAnalyzer& analyzer) {
    QueryPlan plan;
    ParsedQuery parsed = parse_query(query_text);
    plan.notes = std::move(parsed.notes);
    const bool narrowed = !options.lang.empty();
    std::vector<std::string> langs;
    if (narrowed)
        langs.push_back(canonical_language(options.lang));
    else
        for (const auto& l : options.languages) add_distinct(langs, canonical_language(l));
    if (langs.empty()) langs.emplace_back("en");

    Builder builder(analyzer, langs, narrowed, options.any, plan.highlight, plan.notes,
                    options.hyphenations);
    builder.set_forms(options.forms);
    plan.query = finish(builder.build(parsed.root, false));
    if (plan.query.empty()) {
        plan.notes.push_back("nothing to search for");
        return plan;
    }
    if (!options.any && builder.relaxable()) {
        // The same tree with the default operator OR: filters, +required and
        // exclusions are kept by construction.
        HighlightTerms unused_highlight;
        std::vector<std::string> unused_notes;
        Builder relaxed(analyzer, langs, narrowed, true, unused_highlight, unused_notes,
                        options.hyphenations);
        relaxed.set_forms(options.forms);
        plan.relaxed = finish(relaxed.build(parsed.root, false));
    }
    if (!builder.excluded_words().empty()) {
        // "COFFEE PRICES BAD NEWS FOR LATIN AMERICA -MINISTER": Reuters'
        // attribution dash reads as an exclusion, and the one article with
        // that headline is the one excluded. Used only when the query as
        // typed matches nothing (the searcher decides), and said.
        std::vector<std::string> unused_notes;
        Builder literal(analyzer, langs, narrowed, options.any, plan.literal_highlight,
                        unused_notes, options.hyphenations, true);
        literal.set_forms(options.forms);
        plan.literal = finish(literal.build(parsed.root, false));
        std::string words;
        for (const auto& w : builder.excluded_words()) words += (words.empty() ? "" : " ") + w;
        plan.literal_note = "nothing matched with " + words +
                            " excluded: searched for the excluded words as words instead";
    }
    Xapian::termcount gaps = 0;
    // Segmentation does not depend on the language: one analysis gives the tokens.
    const std::vector<std::string> tokens =
        title_tokens(parsed.root, langs.front(), analyzer, gaps);
    plan.query = with_whole_title_bonus(plan.query, tokens, gaps);
    plan.relaxed = with_whole_title_bonus(plan.relaxed, tokens, gaps);
    plan.literal = with_whole_title_bonus(plan.literal, tokens, gaps);
    if (!plan.relaxed.empty()) {
        plan.filled = Xapian::Query(
            Xapian::Query::OP_AND_MAYBE, plan.relaxed,
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, plan.query, kAllWordsBonus));
    }
    return plan;
}

}  // namespace newsdex
