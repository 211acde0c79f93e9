#pragma once
// What a query asks snippets to mark: the bridge between query building and
// snippet selection. Terms are in the analysed form (text_analyzer.h), so the
// snippet code runs the same analysis over stored text and compares.

#include <string>
#include <unordered_set>
#include <vector>

namespace newsdex {

struct HighlightTerms {
    /// Unstemmed terms that count as a match wherever they occur ("blinken").
    std::unordered_set<std::string> terms;
    /// Stems: a token whose stem is here matches ("plan" marks plans, planning).
    std::unordered_set<std::string> stems;
    /// Phrases (terms in order): marked as one unit, only where the words are
    /// consecutive; their words are NOT in `terms` unless also queried alone.
    /// A phrase of one term equal to a compound ("ceasefire") also matches the
    /// joined token of "cease-fire".
    std::vector<std::vector<std::string>> phrases;
    /// Prefixes of wildcard queries (`negotiat*` -> "negotiat").
    std::vector<std::string> prefixes;

    bool empty() const {
        return terms.empty() && stems.empty() && phrases.empty() && prefixes.empty();
    }
};

}  // namespace newsdex
