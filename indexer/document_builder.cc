#include "document_builder.h"

#include "analysis/cjk_bigrams.h"
#include "near_duplicate.h"
#include "schema.h"
#include "spelling_rule.h"
#include "stored_fields.h"
#include "terms.h"

#include <vector>

namespace newsdex {

namespace {

/// Compounds of more parts than this are not recorded for splitting.
constexpr std::size_t kMaxHyphenatedParts = 4;
/// Xapian's limit on a term is 245 bytes.
constexpr std::size_t kMaxHyphenatedTermBytes = 240;

/// Replaces each weighted term's wdf (its occurrences) by its BM25 impact.
/// The length is the document's Xapian length before the change, the length
/// BM25 would have read at search time.
void store_bm25_impacts(Xapian::Document& doc, double reference_length) {
    std::vector<std::pair<std::string, Xapian::termcount>> weighted;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        if (t.get_wdf() > 0) weighted.emplace_back(*t, t.get_wdf());  // boolean terms never score
    const double factor = bm25_impact::length_factor(document_length(doc), reference_length);
    std::vector<Xapian::termpos> positions;
    for (const auto& [term, wdf] : weighted) {
        const Xapian::termcount impact = bm25_impact::impact_wdf(wdf, factor);
        if (impact > wdf) {
            doc.add_term(term, impact - wdf);
        } else if (impact < wdf) {
            // Only in an article over kQuantum times the reference length:
            // Xapian cannot lower a wdf, so the term is written again with
            // its positions.
            auto t = doc.termlist_begin();
            t.skip_to(term);
            positions.assign(t.positionlist_begin(), t.positionlist_end());
            doc.remove_term(term);
            for (Xapian::termpos p : positions) doc.add_posting(term, p, 0);
            doc.add_term(term, impact);
        }
    }
}

}  // namespace

Xapian::termcount document_length(const Xapian::Document& doc) {
    Xapian::termcount length = 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) length += t.get_wdf();
    return length;
}

BuiltDocument build_document(const Article& a, TextAnalyzer& analyzer, TermWeights weights) {
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    const std::string& lang = a.lang;

    const std::string title_prefix(schema::kPrefixTitle);
    const std::string stem_prefix(schema::kPrefixStem);
    const std::string title_stem_prefix = stem_prefix + title_prefix;
    std::string scratch;
    // The last words added, for a compound's parts: a compound token comes
    // right after its parts (text_analyzer.h).
    std::vector<std::string> recent;
    const std::string hyphen_prefix(schema::kPrefixHyphenated);

    auto add_word = [&](const Token& t, Xapian::termcount wdf, bool also_title) {
        if (!t.compound) {
            if (recent.size() >= kMaxHyphenatedParts) recent.erase(recent.begin());
            recent.push_back(t.term);
        } else if (t.span <= recent.size()) {
            scratch.assign(hyphen_prefix).append(t.term).push_back(schema::kListSeparator);
            for (std::size_t i = recent.size() - t.span; i < recent.size(); ++i) {
                scratch += recent[i];
                if (i + 1 < recent.size()) scratch.push_back(' ');
            }
            if (scratch.size() <= kMaxHyphenatedTermBytes) doc.add_boolean_term(scratch);
        }
        // A compound's joined term sits at its first and its last part's
        // position; the second posting adds no wdf so the word counts once.
        doc.add_posting(t.term, t.position, wdf);
        if (t.span > 1) doc.add_posting(t.term, t.position + t.span - 1, 0);
        if (!t.stem.empty()) {
            scratch.assign(stem_prefix).append(t.stem);
            doc.add_term(scratch, wdf);
        }
        if (also_title) {
            scratch.assign(title_prefix).append(t.term);
            doc.add_posting(scratch, t.position, 1);
            if (t.span > 1) doc.add_posting(scratch, t.position + t.span - 1, 0);
            if (!t.stem.empty()) {
                scratch.assign(title_stem_prefix).append(t.stem);
                doc.add_term(scratch, 1);
            }
        }
        if (!t.compound && is_spelling_word(t.term)) built.spelling_words.push_back(t.term);
    };

    Xapian::termpos pos = 1;
    pos = analyzer.analyze(
        a.title, lang, [&](const Token& t) { add_word(t, 1 + schema::kTitleWdfBoost, true); }, pos);
    std::vector<std::uint64_t> body_words;  // for the near-duplicate signature
    pos = analyzer.analyze(
        a.body, lang,
        [&](const Token& t) {
            add_word(t, 1, false);
            if (near_duplicate::shingles_token(t))
                body_words.push_back(near_duplicate::word_hash(t.term));
        },
        pos + schema::kFieldPositionGap);
    for (const auto& term : near_duplicate::band_terms(near_duplicate::shingles(body_words)))
        doc.add_boolean_term(term);

    // Han/katakana pairs, title then body, in their own position space; wdf
    // 1 each (part-words are a recall aid: the dictionary words rank).
    const std::string bigram_prefix(schema::kPrefixCjkBigram);
    auto add_bigram = [&](const CjkBigram& b) {
        scratch.assign(bigram_prefix).append(b.text);
        doc.add_posting(scratch, b.position, 1);
    };
    Xapian::termpos bigram_pos = cjk_bigrams(a.title, add_bigram, 1);
    cjk_bigrams(a.body, add_bigram, bigram_pos + schema::kFieldPositionGap);

    const std::string author_prefix(schema::kPrefixAuthor);
    for (const auto& author : a.authors) {
        pos = analyzer.analyze(
            author, lang,
            [&](const Token& t) {
                scratch.assign(author_prefix).append(t.term);
                doc.add_posting(scratch, t.position, 1);
            },
            pos + schema::kFieldPositionGap);
    }

    // Boolean filters: wdf 0, so they never change a document's length or score.
    built.unique_term = unique_term(a.collection, a.id);
    doc.add_boolean_term(built.unique_term);
    doc.add_boolean_term(filter_term(schema::kPrefixCollection, a.collection));
    if (!a.source.empty()) doc.add_boolean_term(filter_term(schema::kPrefixSource, a.source));
    if (!lang.empty()) doc.add_boolean_term(filter_term(schema::kPrefixLang, lang));
    // Topics and entities: a filter term per value, the list in a slot for facets.
    auto add_list = [&](const std::vector<std::string>& items, std::string_view prefix,
                        schema::Slot slot) {
        std::string joined;
        for (const auto& item : items) {
            if (item.empty()) continue;
            doc.add_boolean_term(filter_term(prefix, item));
            if (!joined.empty()) joined.push_back(schema::kListSeparator);
            joined += item;
        }
        if (!joined.empty()) doc.add_value(slot, joined);
    };
    add_list(a.topics, schema::kPrefixTopic, schema::kSlotTopics);
    add_list(a.places, schema::kPrefixPlace, schema::kSlotPlaces);
    add_list(a.people, schema::kPrefixPeople, schema::kSlotPeople);
    add_list(a.orgs, schema::kPrefixOrg, schema::kSlotOrgs);
    add_list(a.exchanges, schema::kPrefixExchange, schema::kSlotExchanges);

    const std::string date =
        a.date ? Xapian::sortable_serialise(static_cast<double>(*a.date)) : std::string();
    if (!date.empty()) doc.add_value(schema::kSlotDate, date);
    doc.add_value(schema::kSlotDateUndatedLast, schema::date_undated_last(date));
    if (!a.source.empty()) doc.add_value(schema::kSlotSource, a.source);
    doc.add_value(schema::kSlotCollection, a.collection);
    // Every article starts as its own cluster; the near-duplicate pass moves
    // the few that have a near-duplicate into their cluster.
    doc.add_value(schema::kSlotIdentity, built.unique_term);
    doc.add_value(schema::kSlotCluster, built.unique_term);
    doc.add_value(schema::kSlotTieBreak, tie_break_key(a.date, a.collection, a.id));
    if (!lang.empty()) doc.add_value(schema::kSlotLang, lang);

    if (weights.impact_reference_length > 0)
        store_bm25_impacts(doc, weights.impact_reference_length);
    doc.set_data(encode_stored_fields(a));
    return built;
}

}  // namespace newsdex
