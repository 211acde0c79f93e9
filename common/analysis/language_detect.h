#pragma once
// The language of an article that does not state one: Compact Language
// Detector 2 (Debian's libcld2) on its title and the start of its body, then
// the script guess (language_guess.h) when CLD2 is not sure. Text neither can
// name is "" (undetermined): it is indexed unstemmed, never stemmed as
// English by accident.
//
// Why CLD2 (and not libexttextcat, the other C/C++ detector Debian packages):
// CLD2 is a naive-Bayes quadgram model trained on web text for 80+ languages,
// tells Norwegian from Danish and reports whether its answer is reliable; it
// reads a 4 KB sample in microseconds and is thread-safe with no state.
// exttextcat (Cavnar-Trenkle n-gram ranking, LibreOffice's detector) is an
// order of magnitude slower per article, needs a fingerprint directory at run
// time and gives no reliability measure, so short texts come out as confident
// guesses.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "article.h"

namespace newsdex {

/// Bytes of title + body the detector reads: enough for a reliable answer on
/// any real article, and a bounded cost per article however long the body.
inline constexpr std::size_t kLanguageDetectSampleBytes = 4096;

/// ISO 639-1 code of the language `title` + `body` are written in, or "" when
/// it cannot be told (too short, no letters, a language CLD2 does not know and
/// a script that names none). `usual`: the language most articles of the same
/// input were reliably detected in, or "": a text too short for a reliable
/// answer (an earnings table: "Shr 45 cts vs 58 cts Net 1.1 mln") gets it when
/// CLD2's best effort agrees, and stays "" otherwise. `reliable` (optional)
/// says whether the answer stood on its own.
std::string detect_language(std::string_view title, std::string_view body,
                            std::string_view usual = {}, bool* reliable = nullptr);

/// ISO 639-2's code for "undetermined": the language recorded for an article
/// whose language could not be told. No stemmer has it, so such an article is
/// indexed unstemmed; `lang:und` finds these articles.
inline constexpr std::string_view kUndeterminedLanguage = "und";

/// Chooses the language each article of a stream is analysed in, canonical
/// (canonical_language): its own lang field when the input gives one, else
/// `forced` (--lang) when not empty, else detect_language() with the usual
/// language of its collection so far, else kUndeterminedLanguage. Never
/// empty. Deterministic for a given order of articles; one per reading thread.
class ArticleLanguages {
  public:
    std::string operator()(const Article& article, std::string_view forced = {});

  private:
    /// collection -> language -> articles reliably detected in it.
    std::map<std::string, std::map<std::string, std::uint64_t>, std::less<>> reliable_;
};

}  // namespace newsdex
