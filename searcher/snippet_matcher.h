#pragma once
// Snippet matching: where the highlight terms occur in a stored text. The
// first stage of snippets (Lucene's uhighlight calls it the offsets strategy):
// one analysis of the text by the shared pipeline gives every token with its
// byte span, and matching compares analysed forms, so a highlighted word is
// exactly a word the index matched. Sentence breaking (sentence_splitter.h),
// passage scoring and selection (snippet_selector.h) and formatting
// (snippet_renderer.h) come after and never analyse text themselves.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "highlight_terms.h"

namespace newsdex {

/// A matched range in the text: [start, end) byte offsets. A phrase match is
/// one range covering the whole phrase.
struct MatchRange {
    std::uint32_t start = 0, end = 0;
    bool operator==(const MatchRange&) const = default;
};

namespace snippet {

/// Scores are integers so that equal windows tie exactly (ties go to the
/// earlier window) instead of depending on floating-point summation order.
using Score = std::int64_t;
constexpr Score kUnit = Score{1} << 16;
/// A key's k-th occurrence (counting from 0) is worth weight >> k: the first
/// 1, the second 1/2, the third 1/4... Distinct terms therefore beat repeats.
constexpr Score kTermWeight = kUnit;
/// A multi-word phrase is the user's most specific request.
constexpr Score kPhraseWeight = 2 * kUnit;

/// Texts are analysed up to this many bytes (some 40,000 words): far more
/// than any news article, while bounding the cost of a pathological record
/// (analysis runs at roughly 15 MB/s) and keeping offsets in the int32 range
/// ICU's UTF-8 macros use. Matches beyond it are not looked for.
constexpr std::size_t kMaxAnalysedBytes = std::size_t{256} << 10;

/// One occurrence of a highlight item.
struct Hit {
    std::uint32_t start, end;  ///< bytes
    std::uint32_t key;         ///< which highlight item matched (for scoring)
};

/// A [start, end) byte range of the text.
struct Span {
    std::uint32_t start, end;
};

struct Analysis {
    std::vector<Hit> hits;  ///< sorted by (start, end); may overlap (compound and parts, phrases)
    /// Word extents, sorted and disjoint: a compound's span replaces its
    /// parts', so "cease-fire" is one word for cutting purposes.
    std::vector<Span> words;
    std::vector<Score> weights;  ///< per key
    std::uint32_t analysed = 0;  ///< bytes of the text analysed (all, unless stopped early)
};

/// When to stop analysing a long text early (see Matcher::run).
struct StopRule {
    bool enabled = false;
    std::size_t max_span_bytes = 0;  ///< all concepts within this many bytes...
    std::size_t margin_bytes = 0;    ///< ...and this much analysed text after them
};

/// The highlight terms compiled for one call: each distinct item gets a key
/// (what scoring counts) and each key a concept (what the query asked for:
/// term "plans" and stem "plan" are one concept). Holds views into `h`, which
/// must outlive it.
class Matcher {
  public:
    Matcher(const HighlightTerms& h, TextAnalyzer& analyzer, const std::string& lang);

    bool empty() const { return weights_.empty(); }

    /// Analyses `text` chunk by chunk (chunks end at whitespace, where no
    /// word or compound can straddle, and positions chain across them, so the
    /// tokens are exactly those of one analysis of the whole). With `stop`
    /// enabled, stops after a chunk once every concept has been seen within
    /// one fragment's reach: a later passage could then only add repeats,
    /// not worth analysing the rest of a very long article for.
    Analysis run(TextAnalyzer& analyzer, std::string_view text, std::string_view lang,
                 const StopRule& stop = {}) const;

  private:
    struct Phrase {
        std::vector<std::int32_t> words;
        std::uint32_t key = 0;
    };
    struct PhraseToken {
        Xapian::termpos position, span;
        std::uint32_t start, end;
        std::int32_t word;
    };

    std::uint32_t new_concept() { return concepts_++; }
    std::uint32_t add_key(Score weight, std::uint32_t concept_id);
    bool stop_here(std::vector<Hit>& hits, const StopRule& stop, std::size_t analysed) const;
    void match_phrases(std::vector<PhraseToken>& tokens, std::vector<Hit>& hits) const;

    std::vector<Score> weights_;
    std::vector<std::uint32_t> concept_of_key_;
    std::uint32_t concepts_ = 0;
    std::unordered_map<std::string_view, std::uint32_t> stem_ids_, term_ids_;
    std::vector<std::pair<std::string_view, std::uint32_t>> prefixes_;
    std::unordered_map<std::string_view, std::int32_t> phrase_word_ids_;
    std::vector<Phrase> phrases_;
};

/// Hits as display ranges: sorted, overlapping or touching ones merged.
std::vector<MatchRange> merge_ranges(const std::vector<Hit>& hits);

/// The part of a text snippets look at: all of it up to kMaxAnalysedBytes,
/// cut at a whitespace so no word is split.
std::string_view analysed_part(std::string_view text, std::size_t max_bytes = kMaxAnalysedBytes);

}  // namespace snippet
}  // namespace newsdex
