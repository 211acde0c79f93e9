#pragma once
// Part of the analysis pipeline for text written without spaces: character
// bigrams of Han and katakana runs, indexed beside the dictionary words.
//
// ICU's dictionary keeps 南アフリカ as one word, so the word アフリカ alone
// never matches it. Every run of consecutive Han/katakana characters also
// yields its overlapping pairs (南ア アフ フリ リカ) at consecutive positions
// in a position space of their own (one position per code point of the
// field), and a query word's runs are searched as a phrase of their pairs: a
// part-word is found wherever its characters are, whatever the dictionary did.
// Hiragana is left out (particles and inflections: pairs of them match
// everywhere and carry no meaning), as are runs of one character.

#include <cstdint>
#include <functional>
#include <string_view>

#include <xapian.h>

namespace newsdex {

struct CjkBigram {
    std::string_view text;         ///< two characters, NFKC-normalised (UTF-8)
    Xapian::termpos position = 0;  ///< of its first character
};

using CjkBigramSink = std::function<void(const CjkBigram&)>;

/// The bigrams of `text` (valid UTF-8), in order. Positions count code points
/// from `first_position`; returns the position after the last code point, so
/// fields can be chained with a gap. ASCII text has none (and costs one scan).
Xapian::termpos cjk_bigrams(std::string_view text, const CjkBigramSink& sink,
                            Xapian::termpos first_position = 1);

/// Whether the text has any bigram (a run of two or more Han/katakana characters).
bool has_cjk_bigrams(std::string_view text);

}  // namespace newsdex
