#pragma once
// Which analysed terms take part in "did you mean": the one rule shared by the
// indexer (what goes into the spelling table) and the searcher (which query
// words may be corrected). A word the indexer never records cannot be
// suggested, and a query word the rule rejects is left as typed; the two
// sides must therefore agree, which is why the rule lives only here.

#include <cstddef>
#include <string_view>

namespace newsdex {

/// Shorter words have too many neighbours one edit away to suggest from.
constexpr std::size_t kMinSpellingWordBytes = 3;
/// Longer words are run-together junk or codes, not misspellings; capping
/// them also keeps the spelling table small.
constexpr std::size_t kMaxSpellingWordBytes = 32;

/// Whether an analysed (normalised, not stemmed) term is a spelling word:
/// kMinSpellingWordBytes..kMaxSpellingWordBytes bytes, with no digit, dot or
/// apostrophe (numbers and codes make poor suggestions). Compounds' joined
/// terms are the caller's to skip (their parts are recorded instead).
bool is_spelling_word(std::string_view term);

}  // namespace newsdex
