#include "query_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

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

// --- expansion limits ----------------------------------------------------------
/// A wildcard expands to at most this many terms, the most frequent ones
/// (so `a*`-like prefixes stay fast and still find the common words).
constexpr Xapian::termcount kWildcardMaxExpansion = 100;
/// A NEAR operand matches at most this many forms of its stem, found among
/// at most kMaxFormsScanned index terms (a stem has a handful of forms; the
/// bound keeps a two-letter prefix in a huge vocabulary cheap).
constexpr std::size_t kMaxForms = 32;
constexpr std::size_t kMaxFormsScanned = 2000;
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

/// One piece of query text through the analysis pipeline, split into the
/// plain tokens (in order) and the compounds the analyzer joined.
struct Analyzed {
    struct Simple {
        std::string term, stem;
        Xapian::termpos position;
    };
    struct Compound {
        std::string term, stem;
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
    Builder(TextAnalyzer& analyzer, std::string lang, bool any, HighlightTerms& highlight,
            std::vector<std::string>& notes)
        : analyzer_(analyzer),
          lang_(std::move(lang)),
          any_(any),
          highlight_(highlight),
          notes_(notes) {}

    /// Where NEAR operands find the other forms of their stems (QueryOptions::forms).
    void set_forms(const Xapian::Database* db) { forms_db_ = db; }

    /// Whether some AND of two or more free items exists that an OR could relax.
    bool relaxable() const { return relaxable_; }

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
                    if (!inner.empty()) p.excluded = materialize(inner);
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

    Analyzed analyze(std::string_view text) {
        Analyzed a;
        std::unordered_map<Xapian::termpos, std::size_t> index_of;
        analyzer_.analyze(text, lang_, [&](const Token& t) {
            if (!t.compound) {
                index_of.emplace(t.position, a.simple.size());
                a.simple.push_back({t.term, t.stem, t.position});
                return;
            }
            // Compounds come after their parts, which are consecutive tokens.
            auto it = index_of.find(t.position);
            if (it == index_of.end() || it->second + t.span > a.simple.size()) return;
            a.compounds.push_back({t.term, t.stem, it->second, t.span});
        });
        return a;
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

    /// A free word: its stem ("Z"+stem, else the term). A word the analyzer
    /// splits ("U.S.-China", Japanese) is a phrase of its tokens, OR-ed with
    /// the joined compound when it is one ("cease-fire" -> Zceasefir).
    Part free_word(std::string_view text, bool negated) {
        Part p;
        Analyzed a = analyze(text);
        p.positive = word_query(a, "", std::string(schema::kPrefixStem), sink(negated));
        if (p.positive.empty() || a.simple.size() != 1) return p;
        const Analyzed::Simple& t = a.simple.front();
        p.proximity_term = t.term;
        if (!negated) {
            std::string title_term =
                t.stem.empty()
                    ? std::string(schema::kPrefixTitle) + t.term
                    : std::string(schema::kPrefixStem) + std::string(schema::kPrefixTitle) + t.stem;
            p.positive = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.positive,
                                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                     Xapian::Query(title_term), kTitleWeight));
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
                if (!t.stem.empty()) hl->stems.insert(t.stem);
            }
            return t.stem.empty() ? Xapian::Query(prefix + t.term)
                                  : Xapian::Query(stem_prefix + t.stem);
        }
        std::vector<Xapian::Query> alternatives;
        std::vector<std::string> terms = a.terms();
        alternatives.push_back(phrase_of(terms, prefix, terms.size() + a.gaps()));
        if (hl) hl->phrases.push_back(terms);
        for (const auto& c : a.compounds) {
            if (hl) hl->terms.insert(c.term);
            if (c.count == a.simple.size()) {
                // The whole word is one compound: match its joined form like a word.
                alternatives.emplace_back(c.stem.empty() ? prefix + c.term : stem_prefix + c.stem);
                if (hl && !c.stem.empty()) hl->stems.insert(c.stem);
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
                std::vector<std::string> forms = forms_of(t.term, t.stem);
                if (hl) {
                    hl->terms.insert(t.term);
                    if (forms.size() > 1) hl->stems.insert(t.stem);
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

    /// The indexed terms sharing `term`'s stem (term first), for positional
    /// operators: stems have no positions. Forms of a stem start with the
    /// stem minus its last letter ("pric": price, prices, pricing; "happ":
    /// happy, happiness), so only that stretch of the term list is read, and
    /// at most kMaxFormsScanned terms of it.
    std::vector<std::string> forms_of(const std::string& term, const std::string& stem) {
        std::vector<std::string> forms{term};
        if (!forms_db_ || stem.empty()) return forms;
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
            if (candidate != term && analyzer_.stem(candidate, lang_) == stem)
                forms.push_back(candidate);
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
            const bool item_excluded = item.occur == Occur::Excluded;
            if (item.kind == QueryNodeKind::Field && is_filter_field(item.text) && !item_excluded) {
                Xapian::Query q = filter_query(item);
                if (!q.empty()) by_field[item.text].push_back(std::move(q));
                continue;
            }
            Part p = build(item, negated || item_excluded);
            if (p.empty()) continue;
            if (item_excluded) {
                excluded.push_back(materialize(p));
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

    TextAnalyzer& analyzer_;
    std::string lang_;
    const Xapian::Database* forms_db_ = nullptr;
    bool any_;
    HighlightTerms& highlight_;
    std::vector<std::string>& notes_;
    bool relaxable_ = false;
};

}  // namespace

QueryPlan build_query(std::string_view query_text, const QueryOptions& options,
                      TextAnalyzer& analyzer) {
    QueryPlan plan;
    ParsedQuery parsed = parse_query(query_text);
    plan.notes = std::move(parsed.notes);
    const std::string lang = canonical_language(options.lang);

    Builder builder(analyzer, lang, options.any, plan.highlight, plan.notes);
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
        Builder relaxed(analyzer, lang, true, unused_highlight, unused_notes);
        relaxed.set_forms(options.forms);
        plan.relaxed = finish(relaxed.build(parsed.root, false));
    }
    return plan;
}

}  // namespace newsdex
