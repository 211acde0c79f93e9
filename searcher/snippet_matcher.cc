// Snippet matching (see snippet_matcher.h): highlight terms compiled into
// keys and concepts, text analysed in chunks, phrases matched on positions.
#include "snippet_matcher.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "utf8.h"

namespace newsdex::snippet {

namespace {

/// Long texts are analysed in chunks of about this size, so that analysis
/// can stop once the opening chunks hold every query concept together. Above
/// the 99th percentile of news article sizes: most texts are one chunk.
constexpr std::size_t kChunkBytes = 8 << 10;
constexpr std::size_t kChunkSlackBytes = 2 << 10;  ///< how far to look for a break after it

constexpr std::uint32_t kNoKey = std::numeric_limits<std::uint32_t>::max();

void sort_hits(std::vector<Hit>& hits) {
    std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
        return x.start != y.start ? x.start < y.start : x.end < y.end;
    });
}

/// The end of the chunk starting at `offset`: after a newline, else a
/// space, else a CJK full stop, found shortly after kChunkBytes.
std::size_t chunk_end(std::string_view text, std::size_t offset) {
    if (text.size() - offset <= kChunkBytes + kChunkSlackBytes) return text.size();
    std::string_view window = text.substr(offset + kChunkBytes, kChunkSlackBytes);
    std::size_t at = window.find('\n');
    if (at == std::string_view::npos) at = window.find(' ');
    if (at != std::string_view::npos) return offset + kChunkBytes + at + 1;
    at = window.find("\xE3\x80\x82");  // 。
    if (at != std::string_view::npos) return offset + kChunkBytes + at + 3;
    // No break in sight: a cut between code points (may split one word).
    return floor_code_point_boundary(text, offset + kChunkBytes);
}

}  // namespace

Matcher::Matcher(const HighlightTerms& h, TextAnalyzer& analyzer, const std::string& lang) {
    // Stems first: "plans" and "planning" then share the key of stem
    // "plan", and count as one distinct term with a repeat.
    std::unordered_map<std::string_view, std::uint32_t> stem_concepts;
    for (const auto& s : h.stems) {
        std::uint32_t key = add_key(kTermWeight, new_concept());
        stem_ids_.emplace(s, key);
        stem_concepts.emplace(s, concept_of_key_[key]);
    }
    // A term whose stem is queried too is that stem's concept.
    auto term_concept = [&](const std::string& term) {
        if (!stem_concepts.empty())
            if (auto it = stem_concepts.find(analyzer.stem(term, lang)); it != stem_concepts.end())
                return it->second;
        return new_concept();
    };
    for (const auto& t : h.terms) term_ids_.emplace(t, add_key(kTermWeight, term_concept(t)));
    for (const auto& p : h.prefixes)
        if (!p.empty()) prefixes_.emplace_back(p, add_key(kTermWeight, new_concept()));
    for (const auto& words : h.phrases) {
        if (words.empty()) continue;
        if (words.size() == 1) {
            // A one-word phrase is a term match ("ceasefire" also marks
            // the joined token of "cease-fire", which carries that term).
            if (!term_ids_.contains(words[0]))
                term_ids_.emplace(words[0], add_key(kTermWeight, term_concept(words[0])));
            continue;
        }
        Phrase phrase;
        phrase.key = add_key(kPhraseWeight, new_concept());
        for (const auto& w : words) {
            auto [it, inserted] =
                phrase_word_ids_.emplace(w, static_cast<std::int32_t>(phrase_word_ids_.size()));
            phrase.words.push_back(it->second);
        }
        phrases_.push_back(std::move(phrase));
    }
}

std::uint32_t Matcher::add_key(Score weight, std::uint32_t concept_id) {
    weights_.push_back(weight);
    concept_of_key_.push_back(concept_id);
    return static_cast<std::uint32_t>(weights_.size() - 1);
}

Analysis Matcher::run(TextAnalyzer& analyzer, std::string_view text, std::string_view lang,
                      const StopRule& stop) const {
    Analysis a;
    a.weights = weights_;
    std::vector<PhraseToken> phrase_tokens;
    std::uint32_t offset = 0;
    auto sink = [&](const Token& token) {
        const std::uint32_t start = token.start + offset, end = token.end + offset;
        // Compounds arrive right after their parts, which are thus the
        // last words recorded.
        if (token.compound)
            while (!a.words.empty() && a.words.back().start >= start) a.words.pop_back();
        a.words.push_back({start, end});

        std::uint32_t key = kNoKey;
        if (!token.stem.empty())
            if (auto it = stem_ids_.find(token.stem); it != stem_ids_.end()) key = it->second;
        if (key == kNoKey)
            if (auto it = term_ids_.find(token.term); it != term_ids_.end()) key = it->second;
        if (key == kNoKey)
            for (const auto& [prefix, id] : prefixes_)
                if (token.term.starts_with(prefix)) {
                    key = id;
                    break;
                }
        if (key != kNoKey) a.hits.push_back({start, end, key});

        if (!phrase_word_ids_.empty())
            if (auto it = phrase_word_ids_.find(token.term); it != phrase_word_ids_.end())
                phrase_tokens.push_back({token.position, token.span, start, end, it->second});
    };
    Xapian::termpos position = 0;
    while (offset < text.size()) {
        std::size_t end = stop.enabled ? chunk_end(text, offset) : text.size();
        position = analyzer.analyze(text.substr(offset, end - offset), lang, sink, position);
        offset = static_cast<std::uint32_t>(end);
        if (offset < text.size() && stop_here(a.hits, stop, offset)) break;
    }
    a.analysed = offset;
    if (!phrases_.empty()) match_phrases(phrase_tokens, a.hits);
    sort_hits(a.hits);
    return a;
}

/// Whether some run of hits spanning at most max_span_bytes covers every
/// concept, with margin_bytes analysed after it. Bytes bound code points
/// from above, so such a run fits a fragment. Two pointers over the hits.
bool Matcher::stop_here(std::vector<Hit>& hits, const StopRule& stop, std::size_t analysed) const {
    if (concepts_ == 0 || hits.empty()) return false;
    sort_hits(hits);
    std::vector<std::uint32_t> counts(concepts_, 0);
    std::uint32_t covered = 0;
    std::size_t i = 0;
    for (std::size_t j = 0; j < hits.size(); ++j) {
        if (counts[concept_of_key_[hits[j].key]]++ == 0) ++covered;
        while (hits[j].end - hits[i].start > stop.max_span_bytes)
            if (--counts[concept_of_key_[hits[i++].key]] == 0) --covered;
        if (covered == concepts_ && hits[j].end + stop.margin_bytes <= analysed) return true;
    }
    return false;
}

/// Phrases match where their words sit at consecutive positions, exactly
/// as the index sees them: a compound occupies its parts' positions, so
/// the word after it sits at position + span. Cost: one sort of the tokens
/// that are phrase words at all, then a lookup per step.
void Matcher::match_phrases(std::vector<PhraseToken>& tokens, std::vector<Hit>& hits) const {
    auto less = [](const PhraseToken& x, const PhraseToken& y) {
        return x.position != y.position ? x.position < y.position : x.word < y.word;
    };
    std::sort(tokens.begin(), tokens.end(), less);
    // Depth-first: at one position there may be both a part and a
    // compound, so a step can have more than one candidate.
    auto extend = [&](auto& self, const Phrase& phrase, std::size_t k,
                      Xapian::termpos position) -> std::optional<std::uint32_t> {
        if (k == phrase.words.size()) return std::uint32_t{0};
        PhraseToken probe{position, 0, 0, 0, phrase.words[k]};
        auto [lo, hi] = std::equal_range(tokens.begin(), tokens.end(), probe, less);
        for (auto it = lo; it != hi; ++it) {
            auto rest = self(self, phrase, k + 1, it->position + it->span);
            if (rest) return k + 1 == phrase.words.size() ? it->end : *rest;
        }
        return std::nullopt;
    };
    for (const auto& phrase : phrases_)
        for (const auto& t : tokens) {
            if (t.word != phrase.words[0]) continue;
            if (auto end = extend(extend, phrase, 1, t.position + t.span))
                hits.push_back({t.start, *end, phrase.key});
        }
}

/// Hits as display ranges: sorted, overlapping or touching ones merged.
std::vector<MatchRange> merge_ranges(const std::vector<Hit>& hits) {
    std::vector<MatchRange> out;
    for (const auto& h : hits) {
        if (!out.empty() && h.start <= out.back().end)
            out.back().end = std::max(out.back().end, h.end);
        else
            out.push_back({h.start, h.end});
    }
    return out;
}

/// The analysed part of a text: all of it up to kMaxAnalysedBytes, cut at a
/// whitespace so no word is split.
std::string_view analysed_part(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = floor_code_point_boundary(text, max_bytes);
    std::size_t ws = cut;
    // ASCII whitespace only: a byte >= 0x80 is part of a multi-byte sequence.
    while (ws > 0 && !(static_cast<unsigned char>(text[ws - 1]) < 0x80 &&
                       is_unicode_space(static_cast<unsigned char>(text[ws - 1]))))
        --ws;
    return text.substr(0, ws > 0 ? ws : cut);
}

}  // namespace newsdex::snippet
