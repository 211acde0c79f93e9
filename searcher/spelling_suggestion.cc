// "Did you mean" (see spelling_suggestion.h).
#include "spelling_suggestion.h"

#include <algorithm>
#include <map>
#include <utility>

#include "errors.h"
#include "query_parser.h"
#include "schema.h"
#include "spelling_rule.h"
#include "stored_fields.h"
#include "utf8.h"

namespace newsdex {

namespace {

/// A typed word in at most this many articles may still be a misspelling
/// ("volker": 1 article in Reuters, a typo in the article itself)...
constexpr Xapian::doccount kRareWordMaxDocs = 5;
/// ...when a word one edit away is in at least this many times more
/// articles ("Volcker": 124). Below that ratio both are real words ("Neill"
/// and "Neil").
constexpr Xapian::doccount kMuchMoreFrequent = 20;
/// Articles read to find how the corpus writes a suggested word.
constexpr Xapian::doccount kSurfaceSampleDocs = 5;

/// Whether a typed word is something other than a word: a URL, an unknown
/// field ("foo:bar", "place:usa"), a path or an address. Such text is never
/// rewritten: the analyser would split it into words that "correct" into
/// nonsense ("for:bar", "htp://...").
bool looks_like_non_word(std::string_view text) {
    return text.find_first_of(":/@*\\") != std::string_view::npos;
}

/// Collects [start, end) ranges of the words "did you mean" may correct:
/// free words, phrase words and title: values (not filters, wildcards, URLs
/// or unknown field names).
void spell_ranges(const QueryNode& n, std::vector<std::pair<std::size_t, std::size_t>>& out) {
    switch (n.kind) {
        case QueryNodeKind::Word:
            if (!looks_like_non_word(n.text)) out.emplace_back(n.start, n.end);
            break;
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

/// Whether a and b differ by one insertion, deletion, substitution or
/// transposition of a code point.
bool one_edit_apart(std::string_view a, std::string_view b) {
    auto decode = [](std::string_view s) {
        std::vector<UChar32> out;
        for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
        return out;
    };
    const std::vector<UChar32> x = decode(a), y = decode(b);
    if (x == y) return false;
    const std::size_t n = x.size(), m = y.size();
    if (n + 1 < m || m + 1 < n) return false;
    std::size_t i = 0;
    while (i < n && i < m && x[i] == y[i]) ++i;
    auto same = [&](std::size_t xi, std::size_t yi) {
        return std::equal(x.begin() + static_cast<std::ptrdiff_t>(xi), x.end(),
                          y.begin() + static_cast<std::ptrdiff_t>(yi), y.end());
    };
    if (n == m)
        return same(i + 1, i + 1) ||
               (i + 1 < n && x[i] == y[i + 1] && x[i + 1] == y[i] && same(i + 2, i + 2));
    return n < m ? same(i, i + 1) : same(i + 1, i);
}

/// Whether both start with the same code point: "did you mean" fixes slips
/// inside a word; a different first letter is another word ("oneill" is not
/// "neill").
bool same_first_letter(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return false;
    std::size_t i = 0, j = 0;
    return next_code_point(a, i) == next_code_point(b, j);
}

/// The suggestion for one typed word, or "" when it should stay as typed.
std::string suggest_for(const SpellingTarget& t, const Xapian::Database& db) {
    const std::string stem_prefix(schema::kPrefixStem);
    Xapian::doccount freq = db.get_termfreq(t.term);
    if (freq == 0 && !t.stem.empty() && db.get_termfreq(stem_prefix + t.stem) > 0)
        return {};  // another form of the word is indexed: it is known
    if (freq > kRareWordMaxDocs) return {};
    std::string suggestion = db.get_spelling_suggestion(t.term);
    if (suggestion.empty() || suggestion == t.term) return {};
    if (!same_first_letter(t.term, suggestion)) return {};
    if (freq > 0) {
        // A word the corpus has: only a clear slip of a much commoner word.
        if (!one_edit_apart(t.term, suggestion)) return {};
        if (db.get_termfreq(suggestion) < kMuchMoreFrequent * freq) return {};
    }
    return suggestion;
}

/// How the corpus writes `term` (an accent-folded, lower-case index term):
/// the most frequent surface form in the bodies, then titles, of a few
/// articles that contain it ("Volcker", "Österreich"); `term` itself when
/// none is found.
std::string corpus_form(const std::string& term, const Xapian::Database& db,
                        TextAnalyzer& analyzer) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // The sample in article order (their identity), the same whether the
    // articles are in one database or spread over shards; document ids are
    // not (sharding interleaves them), and with them the form shown would
    // change.
    enquire.set_sort_by_value(schema::kSlotIdentity, false);
    // Bodies first, over the whole sample: titles are often upper case.
    std::map<std::string, std::size_t> body_forms, title_forms;
    Xapian::MSet mset = enquire.get_mset(0, kSurfaceSampleDocs);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Article a = decode_stored_fields(it.get_document().get_data());
        // A pair, not a structured binding: clang before 16 cannot capture
        // bindings in a lambda (the fuzz build uses clang).
        for (const auto& field : {std::pair{&a.body, &body_forms}, {&a.title, &title_forms}}) {
            const std::string* text = field.first;
            std::map<std::string, std::size_t>* counts = field.second;
            analyzer.analyze(*text, a.lang, [&](const Token& tok) {
                if (!tok.compound && tok.term == term)
                    ++(*counts)[text->substr(tok.start, tok.end - tok.start)];
            });
        }
    }
    const auto& forms = body_forms.empty() ? title_forms : body_forms;
    std::string best = term;
    std::size_t best_count = 0;
    for (const auto& [form, count] : forms)
        if (count > best_count) {
            best = form;
            best_count = count;
        }
    return best;
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
    try {
        for (const auto& t : targets) {
            std::string suggestion = suggest_for(t, db);
            if (suggestion.empty()) continue;
            replacements.push_back({t.start, t.end, corpus_form(suggestion, db, analyzer)});
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
