// "Did you mean" (see spelling_suggestion.h).
#include "spelling_suggestion.h"

#include <algorithm>
#include <utility>

#include "errors.h"
#include "query_parser.h"
#include "schema.h"
#include "spelling_rule.h"

namespace newsdex {

namespace {

/// Collects [start, end) ranges of the words "did you mean" may correct:
/// free words, phrase words and title: values (not filters or wildcards).
void spell_ranges(const QueryNode& n, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    switch (n.kind) {
        case QueryNodeKind::Word:
        case QueryNodeKind::Phrase:
            out.emplace_back(n.start, n.end);
            break;
        case QueryNodeKind::Field:
            if (n.text == "title" && !n.children.empty() &&
                n.children.front().kind != QueryNodeKind::Wildcard)
                out.emplace_back(n.children.front().start, n.children.front().end);
            break;
        default:
            for (const auto& c : n.children) spell_ranges(c, out);
    }
}

/// spelling_suggestion() has no language argument: a word counts as known
/// when its term or its stem in the default query language is indexed.
constexpr std::string_view kSpellingStemLang = "en";

std::vector<SpellingTarget> targets_of(const ParsedQuery& parsed, TextAnalyzer& analyzer) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    spell_ranges(parsed.root, ranges);
    std::vector<SpellingTarget> targets;
    for (const auto& range : ranges) {
        // Not a structured binding: lambdas may capture those only since
        // clang 16, and the fuzz build uses clang 14.
        const auto start = range.first, end = range.second;
        std::string_view piece = std::string_view(parsed.text).substr(start, end - start);
        analyzer.analyze(piece, kSpellingStemLang, [&](const Token& t) {
            if (t.compound || !is_spelling_word(t.term)) return;
            targets.push_back({t.term, t.stem, start + t.start, start + t.end});
        });
    }
    return targets;
}

}  // namespace

std::vector<SpellingTarget> spelling_targets(std::string_view query_text, TextAnalyzer& analyzer) {
    return targets_of(parse_query(query_text), analyzer);
}

std::string spelling_suggestion(std::string_view query_text, const Xapian::Database& db,
                                TextAnalyzer& analyzer) {
    ParsedQuery parsed = parse_query(query_text);
    std::vector<SpellingTarget> targets = targets_of(parsed, analyzer);
    if (targets.empty()) return {};

    struct Replacement {
        std::size_t start, end;
        std::string text;
    };
    std::vector<Replacement> replacements;
    const std::string stem_prefix(schema::kPrefixStem);
    try {
        for (const auto& t : targets) {
            if (db.get_termfreq(t.term) > 0) continue;
            if (!t.stem.empty() && db.get_termfreq(stem_prefix + t.stem) > 0) continue;
            std::string suggestion = db.get_spelling_suggestion(t.term);
            if (suggestion.empty() || suggestion == t.term) continue;
            replacements.push_back({t.start, t.end, std::move(suggestion)});
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError("spelling suggestion: " + e.get_description());
    }
    if (replacements.empty()) return {};
    std::string out = parsed.text;
    std::sort(replacements.begin(), replacements.end(),
              [](const Replacement& a, const Replacement& b) { return a.start > b.start; });
    for (const auto& r : replacements) out.replace(r.start, r.end - r.start, r.text);
    return out;
}

}  // namespace newsdex
