#include "ranking_bonuses.h"

#include <algorithm>
#include <cmath>

#include "query_composition.h"
#include "schema.h"

namespace newsdex {

Xapian::Query with_proximity_bonus(const Xapian::Query& query, std::vector<std::string> terms) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    if (query.empty() || terms.size() < 2 || terms.size() > kMaxProximityWords) return query;
    std::vector<Xapian::Query> subs(terms.begin(), terms.end());
    Xapian::Query near(Xapian::Query::OP_NEAR, subs.begin(), subs.end(),
                       static_cast<Xapian::termcount>(subs.size()) + kProximitySlack);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight));
}

Xapian::Query with_title_bonus(const Xapian::Query& query, const Xapian::Query& title) {
    // OR, not AND_MAYBE: the same matches and weights, since an article with
    // the title term has the word's own term too (a title word is also
    // indexed in the all-text field, form and stem). Xapian 1.4's max-weight
    // pruning drops matches of an AND_MAYBE under an OR (one of the top 40
    // of "cocoa OR coffee" on Reuters, reproduced with Xapian's Python
    // bindings); a flat OR prunes correctly.
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kTitleWeight));
}

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

Xapian::Query with_whole_title_bonus(const Xapian::Query& query,
                                     const std::vector<std::string>& tokens,
                                     Xapian::termcount gaps) {
    if (query.empty() || tokens.size() < 2 || tokens.size() > kMaxWholeTitleTokens) return query;
    Xapian::Query title = phrase_of(tokens, std::string(schema::kPrefixTitle),
                                    static_cast<Xapian::termcount>(tokens.size()) + gaps);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kWholeTitleWeight));
}

double bm25_idf(Xapian::doccount docs, Xapian::doccount termfreq) {
    // Xapian's BM25Weight::init() without an RSet: a term in more than about
    // a third of the articles keeps a small positive weight.
    double ratio = (static_cast<double>(docs) - termfreq + 0.5) / (termfreq + 0.5);
    if (ratio < 2) ratio = ratio * 0.5 + 1;
    return std::log(ratio);
}

double exact_form_scale(Xapian::doccount docs, Xapian::doccount stem_termfreq,
                        Xapian::doccount exact_termfreq, double weight) {
    if (docs == 0 || exact_termfreq == 0 || weight <= 0) return 0;
    // The stem's articles include the form's (one article may hold the form
    // under another language's stem: never let the stem look rarer).
    stem_termfreq = std::max(stem_termfreq, exact_termfreq);
    const double exact_idf = bm25_idf(docs, exact_termfreq);
    if (exact_idf <= 0) return 0;
    const double gain = (exact_idf - bm25_idf(docs, stem_termfreq)) / exact_idf;
    return weight * std::clamp(gain, 0.0, 1.0);
}

Xapian::Query with_exact_form_bonus(const Xapian::Query& stems, const std::string& term,
                                    double scale, bool or_exact) {
    if (!or_exact && scale <= 0) return stems;
    return Xapian::Query(
        or_exact ? Xapian::Query::OP_OR : Xapian::Query::OP_AND_MAYBE, stems,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), std::max(scale, 0.0)));
}

Xapian::Query filled_query(const Xapian::Query& relaxed, const Xapian::Query& all_words) {
    if (relaxed.empty()) return {};
    // OR for AND_MAYBE, as in with_title_bonus: an article with all the
    // words has some of them, so the matches and weights are the same.
    return Xapian::Query(Xapian::Query::OP_OR, relaxed,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all_words, kAllWordsBonus));
}

}  // namespace newsdex
