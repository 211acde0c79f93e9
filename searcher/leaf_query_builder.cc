#include "leaf_query_builder.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "analysis/cjk_bigrams.h"
#include "analysis/token_normalizer.h"
#include "query_composition.h"
#include "ranking_bonuses.h"
#include "schema.h"

namespace newsdex {

namespace {

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
    phrases.reserve(runs.size());
    for (const auto& run : runs)
        phrases.push_back(phrase_of(run, std::string(schema::kPrefixCjkBigram),
                                    static_cast<Xapian::termcount>(run.size())));
    return combine(Xapian::Query::OP_AND, phrases);
}

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

/// `terms` with its `count` terms from `first` on replaced by `joined` (a
/// compound or two adjacent words written as one).
std::vector<std::string> with_joined(const std::vector<std::string>& terms, std::size_t first,
                                     std::size_t count, std::string joined) {
    std::vector<std::string> out;
    out.reserve(terms.size() - count + 1);
    for (std::size_t i = 0; i < first; ++i) out.push_back(terms[i]);
    out.push_back(std::move(joined));
    for (std::size_t i = first + count; i < terms.size(); ++i) out.push_back(terms[i]);
    return out;
}

void add_distinct(std::vector<std::string>& to, const std::string& s) {
    if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

}  // namespace

/// One piece of query text through the analysis pipeline, split into the
/// plain tokens (in order) and the compounds the analyzer joined. `stems`
/// holds the token's distinct stems over the query's languages (the word
/// itself for a language without a stemmer, as the indexer does); empty when
/// the word is not stemmable.
struct LeafQueryBuilder::Analyzed {
    struct Simple {
        std::string term;
        std::vector<std::string> stems;
        Xapian::termpos position;
        std::uint32_t start, end;  ///< bytes of its surface form in the analysed text
        /// schema::compound_part_key of its German stem when compounds are
        /// looked up (set_compounds); else empty.
        std::string compound_key;
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

LeafQueryBuilder::LeafQueryBuilder(TextAnalyzer& analyzer, std::vector<std::string> langs,
                                   bool narrowed, decltype(QueryOptions::hyphenations) hyphenations,
                                   const Xapian::Database* forms, double exact_form_weight,
                                   std::vector<std::string>& notes)
    : analyzer_(analyzer),
      langs_(std::move(langs)),
      narrowed_(narrowed),
      hyphenations_(std::move(hyphenations)),
      forms_db_(forms),
      exact_form_weight_(exact_form_weight),
      notes_(notes) {}

void LeafQueryBuilder::set_compounds(decltype(QueryOptions::compounds) compounds) {
    if (std::find(langs_.begin(), langs_.end(), schema::kCompoundLanguage) != langs_.end())
        compounds_ = std::move(compounds);
}

void LeafQueryBuilder::note(std::string text) {
    if (std::find(notes_.begin(), notes_.end(), text) == notes_.end())
        notes_.push_back(std::move(text));
}

LeafQueryBuilder::Analyzed LeafQueryBuilder::analyze(std::string_view text) {
    Analyzed a;
    std::unordered_map<Xapian::termpos, std::size_t> index_of;
    analyzer_.analyze(text, langs_.front(), [&](const Token& t) {
        if (!t.compound) {
            index_of.emplace(t.position, a.simple.size());
            a.simple.push_back({t.term, {}, t.position, t.start, t.end, {}});
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
        if (compounds_)
            s.compound_key =
                schema::compound_part_key(analyzer_.stem(word.folded, schema::kCompoundLanguage));
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

/// A word's stems with its exact form's bonus (ranking_bonuses.h) where a
/// clitic-stripping stemmer changed the word, scaled by how much rarer the
/// form is than its stems in the database searched; with
/// --lang the exact form is OR-ed, so a word that is in an article always
/// finds it, whatever language was chosen.
Xapian::Query LeafQueryBuilder::stemmed(const std::string& prefix, const std::string& stem_prefix,
                                        const std::string& term,
                                        const std::vector<std::string>& stems) {
    if (stems.empty()) return Xapian::Query(prefix + term);
    double scale = 0;
    if (forms_db_ && exact_form_weight_ > 0 && clitics_stripped(term)) {
        Xapian::doccount stem_termfreq = 0;
        for (const std::string& s : stems)
            stem_termfreq = std::max(stem_termfreq, forms_db_->get_termfreq(stem_prefix + s));
        scale = exact_form_scale(forms_db_->get_doccount(), stem_termfreq,
                                 forms_db_->get_termfreq(prefix + term), exact_form_weight_);
    }
    return with_exact_form_bonus(stems_query(stem_prefix, stems), prefix + term, scale, narrowed_);
}

bool LeafQueryBuilder::clitics_stripped(const std::string& term) {
    for (const std::string& lang : langs_)
        if (TextAnalyzer::stems_clitics(lang) && analyzer_.stem(term, lang) != term) return true;
    return false;
}

FreeWordQuery LeafQueryBuilder::free_word(std::string_view text, HighlightTerms* hl) {
    FreeWordQuery w;
    Analyzed a = analyze(text);
    w.query = word_query(a, "", std::string(schema::kPrefixStem), hl);
    if (w.query.empty()) return w;
    // Articles with the word as the dictionary cut it score both parts;
    // those with it inside a longer word only the pairs.
    if (Xapian::Query parts = cjk_bigram_query(text); !parts.empty())
        w.query = Xapian::Query(Xapian::Query::OP_OR, w.query, parts);
    if (a.simple.size() != 1) return w;
    const Analyzed::Simple& t = a.simple.front();
    if (hyphenations_) {
        // "ceasefire" also as the phrase "cease fire", where the corpus
        // wrote it "cease-fire": the compound filter joins hyphenated
        // words, this splits joined ones where the articles show how.
        std::size_t used = 0;
        for (auto& parts : hyphenations_(t.term)) {
            if (parts.size() < 2 || ++used > kMaxHyphenationSplits) break;
            w.query =
                Xapian::Query(Xapian::Query::OP_OR, w.query,
                              phrase_of(parts, "", static_cast<Xapian::termcount>(parts.size())));
            if (hl) hl->phrases.push_back(std::move(parts));
        }
    }
    w.proximity_term = t.term;
    w.title =
        t.stems.empty()
            ? Xapian::Query(std::string(schema::kPrefixTitle) + t.term)
            : stems_query(std::string(schema::kPrefixStem) + std::string(schema::kPrefixTitle),
                          t.stems);
    return w;
}

Xapian::Query LeafQueryBuilder::word(std::string_view text, const std::string& prefix,
                                     const std::string& stem_prefix, HighlightTerms* hl) {
    return word_query(analyze(text), prefix, stem_prefix, hl);
}

Xapian::Query LeafQueryBuilder::phrase(std::string_view text, const std::string& prefix,
                                       HighlightTerms* hl) {
    return phrase_query(analyze(text), prefix, hl);
}

/// `word` (a word's query) OR the SYNONYM of its stems and the compounds
/// holding it (kWordOverCompoundWeight says how they rank), the compounds
/// marked in snippets. `word` itself when none is listed. OR, not AND_MAYBE:
/// with --lang, `word` also matches the exact form, which the SYNONYM may not.
Xapian::Query LeafQueryBuilder::with_compounds(const Xapian::Query& word,
                                               const std::string& stem_prefix,
                                               const std::vector<std::string>& stems,
                                               const std::string& compound_key,
                                               HighlightTerms* hl) {
    const std::vector<std::string> compounds = compounds_(compound_key);
    if (compounds.empty()) return word;
    std::vector<Xapian::Query> subs;
    subs.reserve(stems.size() + compounds.size());
    for (const auto& s : stems) subs.emplace_back(stem_prefix + s);
    for (const auto& c : compounds) {
        subs.emplace_back(c);
        if (hl && c.size() > stem_prefix.size()) hl->stems.insert(c.substr(stem_prefix.size()));
    }
    return Xapian::Query(
        Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SYNONYM, subs.begin(), subs.end()),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, word, kWordOverCompoundWeight));
}

Xapian::Query LeafQueryBuilder::word_query(const Analyzed& a, const std::string& prefix,
                                           const std::string& stem_prefix, HighlightTerms* hl) {
    if (a.simple.empty()) return {};
    if (a.simple.size() == 1) {
        const auto& t = a.simple.front();
        if (hl) {
            hl->terms.insert(t.term);
            hl->stems.insert(t.stems.begin(), t.stems.end());
        }
        Xapian::Query q = stemmed(prefix, stem_prefix, t.term, t.stems);
        // The all-text field only: the compound table lists "Z" terms.
        if (prefix.empty() && !t.compound_key.empty())
            q = with_compounds(q, stem_prefix, t.stems, t.compound_key, hl);
        return q;
    }
    std::vector<Xapian::Query> alternatives;
    std::vector<std::string> terms = a.terms();
    alternatives.push_back(
        phrase_of(terms, prefix, static_cast<Xapian::termcount>(terms.size()) + a.gaps()));
    if (hl) hl->phrases.push_back(terms);
    for (const auto& c : a.compounds) {
        if (hl) hl->terms.insert(c.term);
        if (c.count == a.simple.size()) {
            // The whole word is one compound: match its joined form like a word.
            alternatives.push_back(stemmed(prefix, stem_prefix, c.term, c.stems));
            if (hl) hl->stems.insert(c.stems.begin(), c.stems.end());
            continue;
        }
        std::vector<std::string> variant = with_joined(terms, c.first, c.count, c.term);
        alternatives.push_back(
            phrase_of(variant, prefix, static_cast<Xapian::termcount>(variant.size()) + a.gaps()));
        if (hl) hl->phrases.push_back(variant);
    }
    return combine(Xapian::Query::OP_OR, alternatives);
}

Xapian::Query LeafQueryBuilder::phrase_query(const Analyzed& a, const std::string& prefix,
                                             HighlightTerms* hl) {
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
            add(with_joined(terms, i, 2, std::move(joined)));
        }
    }
    for (const auto& c : a.compounds) {  // a hyphenated word inside the quotes
        add(with_joined(terms, c.first, c.count, c.term));
    }
    std::vector<Xapian::Query> alternatives;
    for (const auto& v : variants) {
        alternatives.push_back(
            phrase_of(v, prefix, static_cast<Xapian::termcount>(v.size()) + a.gaps()));
        if (hl) hl->phrases.push_back(v);
    }
    return combine(Xapian::Query::OP_OR, alternatives);
}

Xapian::Query LeafQueryBuilder::wildcard(std::string_view surface, const std::string& prefix,
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

Xapian::Query LeafQueryBuilder::near(const QueryNode& n, HighlightTerms* hl) {
    std::vector<Xapian::Query> subs;
    for (const auto& c : n.children)
        for (auto& t : analyze(c.text).simple) {
            std::vector<std::string> forms = forms_of(t.term, t.stems);
            if (hl) {
                hl->terms.insert(t.term);
                if (forms.size() > 1) hl->stems.insert(t.stems.begin(), t.stems.end());
            }
            subs.push_back(forms.size() == 1
                               ? Xapian::Query(forms.front())
                               : Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end()));
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
std::vector<std::string> LeafQueryBuilder::forms_of(const std::string& term,
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

}  // namespace newsdex
