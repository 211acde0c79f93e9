#pragma once
// German compound words split into parts that are themselves words of the
// corpus ("fluchtlingskrise" -> fluchtling + s + krise), so that a query for
// a part also finds the compounds (Lucene's DictionaryCompoundWordTokenFilter
// is the model; the dictionary is the index's own German vocabulary, never a
// shipped word list).
//
// Stricter than Lucene's filter, which emits every dictionary word found
// anywhere inside a word: here the parts and linking elements must cover the
// whole word, so "kristall" never yields "kris" even where "kris" is a word.
//
// Works on indexed terms (NormalizedWord::term: case folded, accents
// removed). The rule that ties a part to the query side, part_key(), lives
// here too: the indexer writes it, the searcher looks it up.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Shortest part, in code points (Lucene's minSubwordSize is 2; 4 keeps
/// "haus", "krise" and leaves out the many short words that would split
/// ordinary words at random: "ein", "den", "tal").
inline constexpr std::size_t kMinCompoundPart = 4;

/// The German linking elements (Fugenelemente) allowed between two parts, in
/// the order they are tried after the empty one: Flüchtling-s-krise,
/// Arbeit-s-markt, Bund-es-regierung, Sonne-n-schein, Patient-en-akte,
/// Hund-e-hütte, Kind-er-garten.
inline constexpr std::string_view kGermanLinkingElements[] = {"", "s", "es", "n", "en", "e", "er"};

struct CompoundPart {
    std::string word;  ///< a vocabulary word (an indexed term)
    std::string link;  ///< the linking element after it; empty for the last part
};

class CompoundSplitter {
  public:
    /// Whether a term is a word of the vocabulary.
    using IsWord = std::function<bool(std::string_view term)>;

    explicit CompoundSplitter(IsWord is_word) : is_word_(std::move(is_word)) {}

    /// `term` as parts that are all vocabulary words of at least
    /// kMinCompoundPart code points, each but the last followed by a linking
    /// element, together spelling the whole term. The longest first part
    /// that leads to a full split wins (Lucene's onlyLongestMatch), and a
    /// remainder that is a word is taken whole before it is split further.
    /// Empty when the term does not split (too short, or no such cover).
    std::vector<CompoundPart> split(std::string_view term) const;

    /// The vocabulary words a query may use to find `term`: its parts and,
    /// recursively, the parts of parts that are compounds themselves
    /// ("bundesinnenminister" -> bundes, innenminister, innen, minister).
    /// Distinct, in order of appearance; empty when the term does not split.
    std::vector<std::string> part_words(std::string_view term) const;

  private:
    bool split_into(std::string_view term, std::vector<CompoundPart>& parts, int depth) const;

    IsWord is_word_;
};

/// Length in code points of valid UTF-8.
std::size_t code_points(std::string_view utf8);

}  // namespace newsdex
