#include "ranking_bonuses.h"

#include <algorithm>

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
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
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

Xapian::Query filled_query(const Xapian::Query& relaxed, const Xapian::Query& all_words) {
    if (relaxed.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, relaxed,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all_words, kAllWordsBonus));
}

}  // namespace newsdex
