#pragma once
// The one text-analysis pipeline, run on article text at index time and on
// query text at query time (drift between the two is the classic source of
// search-quality bugs, so there is no second implementation anywhere):
//
//   sanitized UTF-8  ->  word segmenter (ICU's UAX #29 rules + dictionaries for
//                        CJK/Thai; an exactly equivalent fast path for ASCII)
//                    ->  normalize_word (NFKC casefold, apostrophes, possessive, accents)
//                    ->  compound filter (hyphenated words also as one joined term)
//                    ->  stemmer (Xapian::Stem for the text's language, cached)
//
// Offsets refer to the text given to analyze(), which for articles is the
// stored text, so snippets can highlight exactly what matched.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

#include "analysis/word_segmenter.h"

namespace newsdex {

struct Token {
    std::string term;  ///< normalized, accent-folded, unstemmed: the positional term
    /// Stemmed form in the text's language; the word itself (== term) when
    /// that language has no stemmer; empty when the word is not stemmable
    /// (numbers, kana and ideographs).
    std::string stem;
    Xapian::termpos position = 0;  ///< word position; compound: position of its first part
    Xapian::termpos span = 1;      ///< positions covered: 1, or the part count of a compound
    std::uint32_t start = 0;       ///< byte offset of the surface form in the analysed text
    std::uint32_t end = 0;         ///< one past its last byte
    bool compound = false;  ///< the joined form of a hyphenated word ("ceasefire" for "cease-fire")
};

using TokenSink = std::function<void(const Token&)>;

/// Not thread-safe (ICU break iterators and Xapian stemmers keep state): use
/// one per thread. Cheap to reuse, expensive-ish to create.
class TextAnalyzer {
  public:
    TextAnalyzer() = default;
    TextAnalyzer(const TextAnalyzer&) = delete;
    TextAnalyzer& operator=(const TextAnalyzer&) = delete;

    /// Analyses `text` (valid UTF-8, as text_sanitizer produces) in language
    /// `lang` (ISO 639-1 or a Xapian stemmer name; "" or unknown = no stemming).
    /// Positions start at `first_position`; returns the position after the
    /// last word, so callers can chain fields with a gap.
    Xapian::termpos analyze(std::string_view text, std::string_view lang, const TokenSink& sink,
                            Xapian::termpos first_position = 0);

    /// The stem of an already normalized word (NormalizedWord::folded), accent
    /// folded like terms; the word itself, accent folded, when `lang` has no
    /// stemmer. The reference is valid until the next call (it points into
    /// the stem cache).
    const std::string& stem(std::string_view folded, std::string_view lang);

    /// Whether Xapian has a stemmer for `lang`.
    static bool has_stemmer(std::string_view lang);

    /// Whether `lang`'s stemmer strips clitics: words of their own that the
    /// language writes attached (Arabic: the conjunction و, prepositions,
    /// the article ال, possessive and object pronouns ها, هم). Its stems then
    /// conflate different phrases (وحلفائها "and its allies", وحلفاءهم "and
    /// their allies"), where a suffix stemmer (English) conflates inflections
    /// of one word; so only there does a query word's exact form tell
    /// articles apart (ranking_bonuses.h, the exact-form bonus).
    static bool stems_clitics(std::string_view lang);

    /// Longest word term indexed from text, in bytes; longer tokens (base64
    /// junk, URLs run together) take a position but produce no term. (Terms
    /// built from whole field values have their own, larger cap in terms.cc.)
    static constexpr std::size_t kMaxWordTermBytes = 64;

  private:
    /// Lets the caches be searched by string_view: a lookup per token must not
    /// allocate.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using StringMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

    struct Stemmer {
        Xapian::Stem stem;
        bool available = false;
        StringMap cache;
    };
    Stemmer& stemmer_for(std::string_view lang);

    WordSegmenter segmenter_;
    std::vector<WordSegment> segments_;
    std::unordered_map<std::string, Stemmer, StringHash, std::equal_to<>> stemmers_;
    // Every token of a text asks for the same language's stemmer.
    std::string last_lang_;
    Stemmer* last_stemmer_ = nullptr;
    const std::string empty_;
};

/// The language codes newsdex analyses specially, sorted: every language
/// Xapian has a stemmer for (by its ISO 639-1 code) and the languages told by
/// their script (language_guess.h). What --lang accepts, with the stemmer
/// names ("english", "german2").
std::vector<std::string> supported_languages();

/// Whether --lang `lang` names a language of supported_languages() or a Xapian
/// stemmer (after canonical_language).
bool is_supported_language(std::string_view lang);

/// Canonical language code for a record's language field or --lang ("English"
/// -> "en", "de-AT" -> "de", "" stays ""); lower case.
std::string canonical_language(std::string_view lang);

}  // namespace newsdex
