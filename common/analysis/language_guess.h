#pragma once
// A language for articles that do not state one, from the script they are
// written in. Only scripts that name a language well enough for stemming and
// display are guessed; Latin (and Cyrillic) text is left to --lang.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

/// Every code guess_language_by_script can return: languages told by their
/// script, analysed without a stemmer where Xapian has none.
inline constexpr std::array<std::string_view, 7> kScriptLanguages = {"ja", "zh", "ko", "ar",
                                                                     "el", "he", "th"};

/// How much of a text the guess reads: callers need not pass more.
inline constexpr std::size_t kLanguageGuessSampleBytes = 4096;

/// "ja" (any kana), "zh" (Han without kana), "ko" (Hangul), "ar" (Arabic),
/// "el" (Greek), "he" (Hebrew), "th" (Thai) when that script holds most of the
/// letters in the first few KB of `text`; "" otherwise.
std::string guess_language_by_script(std::string_view text);

}  // namespace newsdex
