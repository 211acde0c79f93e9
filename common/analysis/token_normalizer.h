#pragma once
// Second stage of the analysis pipeline: one word's surface form -> its
// matching forms. Runs per token so that offsets into the original text stay
// exact (the tokenizer works on the sanitized, un-normalized text).

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// The forms of one word.
struct NormalizedWord {
    /// NFKC + case folded, apostrophes unified, possessive stripped, accents
    /// kept: what the stemmer sees ("café", "blinken").
    std::string folded;
    /// `folded` with accents and similar marks removed: the indexed term
    /// ("cafe"). Equal to `folded` for most words.
    std::string term;
};

/// Normalizes one word token. Returns false when nothing indexable remains
/// (e.g. the token was only marks or an apostrophe).
///
/// Steps: NFKC_Casefold (ligatures, full-width forms, case; also drops default
/// ignorables); curly/modifier apostrophes -> "'"; a trailing possessive "'s"
/// (or a bare trailing "'") stripped; dots removed from letter acronyms
/// ("u.s" -> "us"); then for `term`, combining marks removed after Latin,
/// Greek, Cyrillic, Arabic and Hebrew letters (not kana voicing marks or Indic
/// vowel signs, which change the letter) and Arabic tatweel dropped; then the
/// letters writers use interchangeably folded to one: Arabic alef maksura ى ->
/// yeh ي, word-final teh marbuta ة -> heh ه, Arabic-Indic and Persian digits
/// -> ASCII (hamza forms أ إ آ ؤ ئ fold with the accents). German ä/ae, ö/oe,
/// ü/ue are equated by the German stemmer (TextAnalyzer), not here: "ue" is
/// not "ü" in English or French words.
bool normalize_word(std::string_view surface, NormalizedWord& out);

/// Applies the accent folding of normalize_word alone (for stems computed
/// from `folded`).
std::string fold_accents(std::string_view folded);

/// Other spellings of a normalized word (NormalizedWord::folded) that writers
/// use for the same word and that stemmers treat differently: Arabic
/// word-final ة/ه and ى/ي. Terms already fold them (fold_accents); queries
/// add the variants' stems, so either spelling finds both. Empty for most
/// words.
std::vector<std::string> written_variants(std::string_view folded);

}  // namespace newsdex
