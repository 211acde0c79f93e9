// Snippet selection. One analysis of the text by the shared pipeline (in
// chunks, so a very long article can stop early) gives every token with its
// byte span; matching compares analysed forms, so a highlighted word is
// exactly a word the index matched. Everything after that is linear in the
// text: sentences are split with a cheap rule, windows of
// consecutive sentences slide with two pointers while per-key counts keep the
// score current, and cuts snap to word boundaries taken from the same tokens.
#include "snippet_selector.h"
#include "utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace newsdex {

namespace {

// ---------------------------------------------------------------------------
// Scores are integers so that equal windows tie exactly (ties go to the
// earlier window) instead of depending on floating-point summation order.

using Score = std::int64_t;
constexpr Score kUnit = Score{1} << 16;
/// A key's k-th occurrence (counting from 0) is worth weight >> k: the first
/// 1, the second 1/2, the third 1/4... Distinct terms therefore beat repeats.
constexpr Score kTermWeight = kUnit;
/// A multi-word phrase is the user's most specific request.
constexpr Score kPhraseWeight = 2 * kUnit;
/// A second (third...) fragment is only worth its space when it adds a new
/// key or the second occurrence of a key shown once.
constexpr Score kMinExtraFragmentGain = kUnit / 2;
/// Lede preference: a window starting at the first sentence gets this, the
/// second sentence half of it. Equal to a third repeat, so it breaks near-ties
/// without outweighing a distinct term.
constexpr Score kLedeBonus = kUnit / 4;

/// Fragments shorter than this read as noise; fewer, longer ones are shown.
constexpr std::size_t kMinFragmentChars = 24;
/// Filling a window with the beginning of the next sentence is only done when
/// at least this much room is left (a lone "The…" helps nobody).
constexpr std::size_t kMinFillChars = 16;
/// Texts are analysed up to this many bytes (some 40,000 words): far more
/// than any news article, while bounding the cost of a pathological record
/// (analysis runs at roughly 15 MB/s) and keeping offsets in the int32 range
/// ICU's UTF-8 macros use. Matches beyond it are not looked for.
constexpr std::size_t kMaxAnalysedBytes = std::size_t{256} << 10;
/// Long texts are analysed in chunks of about this size, so that analysis
/// can stop once the opening chunks hold every query concept together. Above
/// the 99th percentile of news article sizes: most texts are one chunk.
constexpr std::size_t kChunkBytes = 8 << 10;
constexpr std::size_t kChunkSlackBytes = 2 << 10;  ///< how far to look for a break after it
/// With nothing to highlight only the opening is shown, so only a little more
/// than the budget is analysed (the margin lets the dictionary-based word
/// breaker see whole words at the end).
constexpr std::size_t kOpeningMarginChars = 64;

constexpr std::uint32_t kNoKey = std::numeric_limits<std::uint32_t>::max();

UChar32 cp_at(std::string_view s, std::size_t i) { return next_code_point(s, i); }

/// Whitespace as the renderer collapses it (White_Space property).
bool is_space(UChar32 c) {
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    return u_isUWhiteSpace(c);
}

/// The largest code point boundary <= i (for cutting a byte budget).
std::size_t floor_boundary(std::string_view s, std::size_t i) {
    if (i >= s.size()) return s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

std::size_t skip_space_forward(std::string_view s, std::size_t i, std::size_t limit) {
    while (i < limit) {
        std::size_t next = i;
        if (!is_space(next_code_point(s, next))) break;
        i = next;
    }
    return i;
}

std::size_t skip_space_backward(std::string_view s, std::size_t i, std::size_t floor) {
    while (i > floor) {
        std::size_t prev = i;
        if (!is_space(prev_code_point(s, prev))) break;
        i = prev;
    }
    return i;
}

/// Visible length of [a, b): code points, each whitespace run counting as one
/// (the renderer collapses runs to one space).
std::size_t visible_length(std::string_view s, std::size_t a, std::size_t b) {
    std::size_t n = 0;
    bool in_space = false;
    while (a < b) {
        bool sp = is_space(next_code_point(s, a));
        if (!sp || !in_space) ++n;
        in_space = sp;
    }
    return n;
}

/// The furthest position p <= limit with visible_length(from, p) <= k.
std::size_t advance_visible(std::string_view s, std::size_t from, std::size_t k,
                            std::size_t limit) {
    std::size_t n = 0;
    bool in_space = false;
    std::size_t i = from;
    while (i < limit) {
        std::size_t next = i;
        bool sp = is_space(next_code_point(s, next));
        if (!sp || !in_space) {
            if (n == k) return i;
            ++n;
        }
        in_space = sp;
        i = next;
    }
    return limit;
}

// ---------------------------------------------------------------------------
// Matching.

struct Hit {
    std::uint32_t start, end;  ///< bytes
    std::uint32_t key;         ///< which highlight item matched (for scoring)
};

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
/// term "plans" and stem "plan" are one concept).
class Matcher {
  public:
    Matcher(const HighlightTerms& h, TextAnalyzer& analyzer, const std::string& lang) {
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
                if (auto it = stem_concepts.find(analyzer.stem(term, lang));
                    it != stem_concepts.end())
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

    bool empty() const { return weights_.empty(); }

    /// Analyses `text` chunk by chunk (chunks end at whitespace, where no
    /// word or compound can straddle, and positions chain across them, so the
    /// tokens are exactly those of one analysis of the whole). With `stop`
    /// enabled, stops after a chunk once every concept has been seen within
    /// one fragment's reach: a later passage could then only add repeats,
    /// not worth analysing the rest of a very long article for.
    Analysis run(TextAnalyzer& analyzer, std::string_view text, std::string_view lang,
                 const StopRule& stop = {}) const {
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
    std::uint32_t add_key(Score weight, std::uint32_t concept_id) {
        weights_.push_back(weight);
        concept_of_key_.push_back(concept_id);
        return static_cast<std::uint32_t>(weights_.size() - 1);
    }

    static void sort_hits(std::vector<Hit>& hits) {
        std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
            return x.start != y.start ? x.start < y.start : x.end < y.end;
        });
    }

    /// The end of the chunk starting at `offset`: after a newline, else a
    /// space, else a CJK full stop, found shortly after kChunkBytes.
    static std::size_t chunk_end(std::string_view text, std::size_t offset) {
        if (text.size() - offset <= kChunkBytes + kChunkSlackBytes) return text.size();
        std::string_view window = text.substr(offset + kChunkBytes, kChunkSlackBytes);
        std::size_t at = window.find('\n');
        if (at == std::string_view::npos) at = window.find(' ');
        if (at != std::string_view::npos) return offset + kChunkBytes + at + 1;
        at = window.find("\xE3\x80\x82");  // 。
        if (at != std::string_view::npos) return offset + kChunkBytes + at + 3;
        // No break in sight: a cut between code points (may split one word).
        return floor_boundary(text, offset + kChunkBytes);
    }

    /// Whether some run of hits spanning at most max_span_bytes covers every
    /// concept, with margin_bytes analysed after it. Bytes bound code points
    /// from above, so such a run fits a fragment. Two pointers over the hits.
    bool stop_here(std::vector<Hit>& hits, const StopRule& stop, std::size_t analysed) const {
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
    void match_phrases(std::vector<PhraseToken>& tokens, std::vector<Hit>& hits) const {
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

    std::vector<Score> weights_;
    std::vector<std::uint32_t> concept_of_key_;
    std::uint32_t concepts_ = 0;
    std::unordered_map<std::string_view, std::uint32_t> stem_ids_, term_ids_;
    std::vector<std::pair<std::string_view, std::uint32_t>> prefixes_;
    std::unordered_map<std::string_view, std::int32_t> phrase_word_ids_;
    std::vector<Phrase> phrases_;
};

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

// ---------------------------------------------------------------------------
// Sentences. A rule rather than ICU's sentence iterator: it is cheaper, and
// its mistakes (an unlisted abbreviation) only make windows a little coarser.

bool is_terminator(UChar32 c) {
    switch (c) {
        case '.':
        case '!':
        case '?':
        case 0x2026:  // … (an ellipsis ending a sentence)
        case 0x061F:
        case 0x06D4:  // Arabic question mark, Urdu full stop
        case 0x0964:
        case 0x0965:  // Devanagari danda
        case 0x3002:
        case 0xFF01:
        case 0xFF1F:
        case 0xFF0E:
        case 0xFF61:  // CJK
            return true;
        default:
            return false;
    }
}

/// Terminators of scripts written without spaces end a sentence on their own.
bool is_fullwidth_terminator(UChar32 c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E || c == 0xFF61;
}

/// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(UChar32 c) {
    switch (c) {
        case '"':
        case '\'':
        case ')':
        case ']':
        case 0x2019:
        case 0x201D:
        case 0x00BB:
        case 0x203A:  // ’ ” » ›
        case 0x300D:
        case 0x300F:
        case 0xFF09:
        case 0x3011:  // 」 』 ） 】
            return true;
        default:
            return false;
    }
}

/// Whether the '.' at `dot` ends an abbreviation or initial rather than a
/// sentence: "Mr.", "Gen.", "F." (an initial), "U.S." (dots inside).
bool is_abbreviation(std::string_view s, std::size_t dot) {
    std::size_t begin = dot;
    while (begin > 0) {
        std::size_t prev = begin;
        UChar32 c = prev_code_point(s, prev);
        if (is_space(c) || c == '(' || c == '"' || c == 0x201C) break;
        begin = prev;
    }
    std::string_view word = s.substr(begin, dot - begin);
    if (word.empty()) return false;
    if (word.find('.') != std::string_view::npos) return true;
    std::size_t i = 0;
    UChar32 first = next_code_point(word, i);
    if (i == word.size() && u_isalpha(first)) return true;
    if (word.size() > 6) return false;  // longer than any listed
    std::string lower;
    for (char c : word)
        lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    static constexpr std::array<std::string_view, 45> kAbbreviations = {
        "mr",  "mrs",  "ms",  "dr",  "prof", "st",  "sen",  "rep",    "gov",  "gen", "lt",   "col",
        "sgt", "capt", "maj", "adm", "cmdr", "jr",  "sr",   "inc",    "corp", "co",  "ltd",  "no",
        "vs",  "etc",  "jan", "feb", "mar",  "apr", "jun",  "jul",    "aug",  "sep", "sept", "oct",
        "nov", "dec",  "mt",  "ft",  "rev",  "hon", "dept", "approx", "fig"};
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

/// Hard-wrapped text (Reuters: ~70-column lines, paragraphs indented) must not
/// break sentences at every newline; text with one paragraph per line must.
bool looks_hard_wrapped(std::string_view s) {
    std::size_t lines = 0, short_lines = 0, len = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            if (len > 0) {
                ++lines;
                if (len <= 80) ++short_lines;
            }
            len = 0;
        } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++len;  // counts code points, not bytes
        }
    }
    return lines >= 3 && short_lines * 10 >= lines * 9;
}

struct Sentence {
    std::uint32_t start, end;          ///< trimmed of whitespace, non-empty
    std::uint32_t length;              ///< visible_length(start, end)
    std::uint32_t first_hit, end_hit;  ///< the hits starting inside: [first_hit, end_hit)
};

std::vector<Sentence> split_sentences(std::string_view s) {
    std::vector<Sentence> out;
    const bool wrapped = looks_hard_wrapped(s);
    std::size_t seg = 0;
    auto cut = [&](std::size_t at) {
        std::size_t a = skip_space_forward(s, seg, at);
        std::size_t b = skip_space_backward(s, at, a);
        if (a < b)
            out.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b),
                           static_cast<std::uint32_t>(visible_length(s, a, b)), 0, 0});
        seg = at;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        UChar32 c = next_code_point(s, i);
        if (c == '\n') {
            // A paragraph ends at a blank line or before an indented line;
            // in text that is not hard-wrapped, at any newline.
            bool paragraph = !wrapped;
            if (!paragraph && i < s.size()) {
                UChar32 n = cp_at(s, i);
                paragraph = is_space(n);
            }
            if (paragraph) cut(i);
            continue;
        }
        if (!is_terminator(c)) continue;
        bool fullwidth = is_fullwidth_terminator(c);
        while (i < s.size()) {
            std::size_t next = i;
            UChar32 d = next_code_point(s, next);
            if (!is_terminator(d) && !is_closer(d)) break;
            fullwidth = fullwidth || is_fullwidth_terminator(d);
            i = next;
        }
        if (fullwidth || i == s.size()) {
            cut(i);
            continue;
        }
        if (!is_space(cp_at(s, i))) continue;  // "5.93", "x.com"
        std::size_t k = skip_space_forward(s, i, s.size());
        if (k == s.size()) {
            cut(i);
            continue;
        }
        UChar32 following = cp_at(s, k);
        if (u_islower(following)) continue;  // "e.g. this", "U.S. officials"
        if (c == '.' && is_abbreviation(s, at)) continue;
        cut(i);
    }
    cut(s.size());
    return out;
}

// ---------------------------------------------------------------------------
// Selection over one text.

struct Plan {
    std::size_t fragments;  ///< how many to aim for
    std::size_t budget;     ///< visible characters each
};

Plan plan(const SnippetOptions& options) {
    std::size_t count = std::max<std::size_t>(1, options.fragments);
    count = std::min(count, std::max<std::size_t>(1, options.max_chars / kMinFragmentChars));
    return {count, options.max_chars / count};
}

struct Window {
    std::size_t lo, hi;  ///< sentences, inclusive
    Score gain;          ///< match score alone (given the fragments already chosen)
    Score value;         ///< gain plus lede preference: what windows compete on
};

class Selection {
  public:
    Selection(std::string_view text, Analysis analysis) : s_(text), a_(std::move(analysis)) {}

    std::vector<Fragment> run(const SnippetOptions& options) {
        if (a_.hits.empty()) return opening(options.max_chars);
        sentences_ = split_sentences(s_);
        assign_hits();
        counts_.assign(a_.weights.size(), 0);
        prefix_len_.assign(sentences_.size() + 1, 0);
        for (std::size_t k = 0; k < sentences_.size(); ++k)
            prefix_len_[k + 1] = prefix_len_[k] + sentences_[k].length;

        auto [count, budget] = plan(options);
        std::vector<Window> chosen = choose(count, budget);
        if (count > 1 && chosen.size() == 1) {
            // Everything worth showing is in one place: give it all the room.
            budget = options.max_chars;
            chosen = choose(1, budget);
        }
        return build(chosen, budget);
    }

  private:
    // --- word boundaries (from the analysed tokens) ---

    /// The last word starting before x, or null.
    const Span* word_before(std::size_t x) const {
        auto it = std::upper_bound(a_.words.begin(), a_.words.end(), x,
                                   [](std::size_t v, const Span& w) { return v <= w.start; });
        return it == a_.words.begin() ? nullptr : &*(it - 1);
    }
    bool inside_word(std::size_t x) const {
        const Span* w = word_before(x);
        return w && x < w->end;
    }
    bool word_starts_at(std::size_t x) const {
        auto it = std::lower_bound(a_.words.begin(), a_.words.end(), x,
                                   [](const Span& w, std::size_t v) { return w.start < v; });
        return it != a_.words.end() && it->start == x;
    }
    /// A fragment may end at x: after a word or before whitespace, never
    /// inside a word (a compound counts as one word).
    bool valid_end(std::size_t x) const {
        if (x >= s_.size()) return true;
        if (inside_word(x)) return false;
        const Span* w = word_before(x);
        return (w && w->end == x) || is_space(cp_at(s_, x));
    }
    bool valid_start(std::size_t x) const {
        if (x == 0) return true;
        if (inside_word(x)) return false;
        std::size_t prev = x;
        return word_starts_at(x) || is_space(prev_code_point(s_, prev));
    }

    /// The last valid end in [floor, x], minus whitespace and dangling
    /// punctuation. When the stretch is one unbreakable run: x itself if
    /// `or_x` (a cut mid-word beats no text), else floor.
    std::size_t snap_end(std::size_t x, std::size_t floor, bool or_x = true) const {
        std::size_t p = x;
        while (p > floor && !valid_end(p)) prev_code_point(s_, p);
        if (!valid_end(p)) {
            if (!or_x) return floor;
            p = x;
        }
        // A cut after "said," or before an opening quote leaves a dangling mark.
        while (p > floor) {
            std::size_t prev = p;
            UChar32 c = prev_code_point(s_, prev);
            bool dangling = is_space(c) || c == ',' || c == ';' || c == ':' || c == '(' ||
                            c == '[' || c == '-' || c == 0x2013 || c == 0x2014 || c == 0x201C ||
                            c == 0x2018 || c == 0x00AB || c == 0x3001 || c == 0xFF0C || c == 0xFF1A;
            if (!dangling) break;
            p = prev;
        }
        return p;
    }

    /// The first valid start in [x, ceil], with leading whitespace skipped.
    std::size_t snap_start(std::size_t x, std::size_t ceil) const {
        std::size_t p = x;
        while (p < ceil && !valid_start(p)) next_code_point(s_, p);
        if (!valid_start(p)) p = x;
        return skip_space_forward(s_, p, ceil);
    }

    // --- no match: the opening ---

    std::vector<Fragment> opening(std::size_t budget) const {
        std::size_t start = skip_space_forward(s_, 0, s_.size());
        if (start == s_.size() || budget == 0) return {};
        std::size_t end = advance_visible(s_, start, budget, s_.size());
        end = end < s_.size() ? snap_end(end, start) : skip_space_backward(s_, end, start);
        if (end <= start) return {};
        return {Fragment{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), {}}};
    }

    // --- windows ---

    void assign_hits() {
        // Hits are sorted by start and lie inside words, hence inside
        // sentences; one merge pass gives each sentence its contiguous run.
        std::size_t h = 0;
        for (std::size_t k = 0; k < sentences_.size(); ++k) {
            Sentence& sen = sentences_[k];
            while (h < a_.hits.size() && a_.hits[h].start < sen.start) ++h;  // defensive
            sen.first_hit = static_cast<std::uint32_t>(h);
            while (h < a_.hits.size() && a_.hits[h].start < sen.end) ++h;
            sen.end_hit = static_cast<std::uint32_t>(h);
        }
    }

    std::size_t span_length(std::size_t lo, std::size_t hi) const {
        // Whole sentences joined by one (collapsed) space each.
        return prefix_len_[hi + 1] - prefix_len_[lo] + (hi - lo);
    }

    static Score occurrence_value(Score weight, std::uint32_t index) {
        return index >= 48 ? 0 : weight >> index;
    }

    /// The best window inside sentences [g0, g1) fitting `budget`, scored
    /// against `prior` (occurrences already shown). Two pointers: each
    /// sentence enters and leaves the window once, so the cost is linear in
    /// sentences + hits. Windows start only at sentences with hits: one
    /// starting before them holds no more (it ends no later) and reads worse.
    std::optional<Window> best_window(std::size_t g0, std::size_t g1, std::size_t budget,
                                      const std::vector<std::uint32_t>& prior) {
        std::fill(counts_.begin(), counts_.end(), 0u);
        Score gain = 0;
        auto add = [&](std::size_t k) {
            for (std::uint32_t h = sentences_[k].first_hit; h < sentences_[k].end_hit; ++h) {
                std::uint32_t key = a_.hits[h].key;
                gain += occurrence_value(a_.weights[key], prior[key] + counts_[key]++);
            }
        };
        auto remove = [&](std::size_t k) {
            for (std::uint32_t h = sentences_[k].first_hit; h < sentences_[k].end_hit; ++h) {
                std::uint32_t key = a_.hits[h].key;
                gain -= occurrence_value(a_.weights[key], prior[key] + --counts_[key]);
            }
        };
        std::optional<Window> best;
        std::size_t hi = g0;  // one past the window's last sentence
        for (std::size_t lo = g0; lo < g1; ++lo) {
            if (hi <= lo) {
                add(lo);  // a sentence longer than the budget stands alone (trimmed later)
                hi = lo + 1;
            }
            while (hi < g1 && span_length(lo, hi) <= budget) add(hi++);
            if (sentences_[lo].first_hit != sentences_[lo].end_hit) {
                Score lede = lo < 2 ? kLedeBonus >> lo : 0;
                Window w{lo, hi - 1, gain, gain + lede};
                if (w.gain > 0 && (!best || w.value > best->value)) best = w;
            }
            remove(lo);
        }
        return best;
    }

    /// Greedy: the best window, then the best among the remaining sentences
    /// given what is already shown, while that adds enough.
    std::vector<Window> choose(std::size_t count, std::size_t budget) {
        std::vector<std::uint32_t> prior(a_.weights.size(), 0);
        std::vector<Window> chosen;  // kept sorted by lo
        while (chosen.size() < count) {
            std::optional<Window> best;
            std::size_t g0 = 0;
            for (std::size_t c = 0; c <= chosen.size(); ++c) {
                std::size_t g1 = c < chosen.size() ? chosen[c].lo : sentences_.size();
                if (g0 < g1)
                    if (auto w = best_window(g0, g1, budget, prior);
                        w && (!best || w->value > best->value))
                        best = w;
                if (c < chosen.size()) g0 = chosen[c].hi + 1;
            }
            if (!best || (!chosen.empty() && best->gain < kMinExtraFragmentGain)) break;
            for (std::size_t k = best->lo; k <= best->hi; ++k)
                for (std::uint32_t h = sentences_[k].first_hit; h < sentences_[k].end_hit; ++h)
                    ++prior[a_.hits[h].key];
            chosen.insert(
                std::upper_bound(chosen.begin(), chosen.end(), *best,
                                 [](const Window& x, const Window& y) { return x.lo < y.lo; }),
                *best);
        }
        return chosen;
    }

    // --- fragments ---

    /// A sentence longer than the budget: the stretch holding the best
    /// cluster of its hits, with some context before and the rest after.
    Span trim(const Sentence& sen, std::size_t budget) const {
        struct Pos {
            std::size_t vstart, vend;  // visible offsets from sen.start
        };
        std::vector<Pos> pos;
        std::size_t cursor = sen.start, vcursor = 0;
        for (std::uint32_t h = sen.first_hit; h < sen.end_hit; ++h) {
            const Hit& hit = a_.hits[h];
            vcursor += visible_length(s_, cursor, hit.start);
            cursor = hit.start;
            pos.push_back({vcursor, vcursor + visible_length(s_, hit.start, hit.end)});
        }
        // Cluster: the run of hits [a, z] fitting the budget with the best
        // score (counts as in best_window). A prefix maximum of the ends
        // stands in for the cluster's end; with nested hits it can only
        // overestimate, i.e. be conservative.
        std::vector<std::size_t> end_max(pos.size());
        for (std::size_t i = 0; i < pos.size(); ++i)
            end_max[i] = std::max(pos[i].vend, i ? end_max[i - 1] : 0);
        std::unordered_map<std::uint32_t, std::uint32_t> counts;
        Score gain = 0, best_gain = -1;
        std::size_t best_a = 0, best_z = 0, z = 0;
        for (std::size_t a = 0; a < pos.size(); ++a) {
            if (z < a) z = a;
            while (z < pos.size() && end_max[z] - pos[a].vstart <= budget) {
                std::uint32_t key = a_.hits[sen.first_hit + z].key;
                gain += occurrence_value(a_.weights[key], counts[key]++);
                ++z;
            }
            if (z > a && gain > best_gain) {
                best_gain = gain;
                best_a = a;
                best_z = z - 1;
            }
            if (z > a) {
                std::uint32_t key = a_.hits[sen.first_hit + a].key;
                gain -= occurrence_value(a_.weights[key], --counts[key]);
            }
        }
        const Hit& first = a_.hits[sen.first_hit + best_a];
        std::size_t cluster_end = first.end;
        for (std::size_t i = best_a; i <= best_z; ++i)
            cluster_end = std::max<std::size_t>(cluster_end, a_.hits[sen.first_hit + i].end);

        if (best_gain < 0) {
            // One match longer than the budget: show its beginning.
            std::size_t end = advance_visible(s_, first.start, budget, sen.end);
            return {first.start, static_cast<std::uint32_t>(snap_end(end, first.start))};
        }
        std::size_t vs = pos[best_a].vstart, ve = end_max[best_z];
        std::size_t slack = budget - (ve - vs);
        std::size_t tail = sen.length - ve;
        // A third of the room before the matches reads naturally; more when
        // the sentence ends soon after them.
        std::size_t lead = std::min(vs, slack / 3);
        if (tail < slack - lead) lead = std::min(vs, slack - tail);
        std::size_t start = advance_visible(s_, sen.start, vs - lead, first.start);
        start = snap_start(start, first.start);
        std::size_t end = advance_visible(s_, start, budget, sen.end);
        if (end < sen.end) end = snap_end(end, cluster_end);
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
    }

    std::vector<Fragment> build(const std::vector<Window>& chosen, std::size_t budget) {
        std::vector<Span> spans;
        std::size_t touched = 0;  // sentences before this index belong to earlier fragments
        for (std::size_t c = 0; c < chosen.size(); ++c) {
            std::size_t lo = chosen[c].lo, hi = chosen[c].hi;
            const std::size_t next_taken =
                c + 1 < chosen.size() ? chosen[c + 1].lo : sentences_.size();
            if (sentences_[lo].length > budget) {
                spans.push_back(trim(sentences_[lo], budget));
                touched = lo + 1;
                continue;
            }
            std::size_t start = sentences_[lo].start, end = sentences_[hi].end;
            std::size_t used = span_length(lo, hi);
            std::size_t room = budget - used;
            bool filled = false;
            if (hi + 1 < next_taken && room > kMinFillChars) {
                // Continue into the next sentence up to the budget, at a word
                // boundary; the renderer's trailing "…" shows the cut.
                const Sentence& next = sentences_[hi + 1];
                std::size_t cut = advance_visible(s_, next.start, room - 1, next.end);
                cut = snap_end(cut, next.start, /*or_x=*/false);
                if (cut > next.start) {
                    end = cut;
                    filled = true;
                }
            }
            if (!filled && hi + 1 >= next_taken) {
                // Nothing to continue into (end of text, or the next
                // fragment): whole sentences before the window instead.
                while (lo > touched && used + 1 + sentences_[lo - 1].length <= budget) {
                    --lo;
                    used += 1 + sentences_[lo].length;
                }
                start = sentences_[lo].start;
            }
            spans.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
            touched = filled ? hi + 2 : hi + 1;
        }

        // Fragments with only whitespace between them are one passage: an
        // ellipsis there would claim something was left out.
        std::vector<Span> merged;
        for (const Span& sp : spans) {
            // A budget smaller than the one word it must show leaves nothing.
            if (sp.start >= sp.end) continue;
            if (!merged.empty() && skip_space_forward(s_, merged.back().end, sp.start) >= sp.start)
                merged.back().end = std::max(merged.back().end, sp.end);
            else
                merged.push_back(sp);
        }

        std::vector<MatchRange> ranges = merge_ranges(a_.hits);
        std::vector<Fragment> out;
        std::size_t r = 0;
        for (const Span& sp : merged) {
            Fragment f{sp.start, sp.end, {}};
            while (r < ranges.size() && ranges[r].end <= sp.start) ++r;
            for (std::size_t q = r; q < ranges.size() && ranges[q].start < sp.end; ++q)
                f.matches.push_back(
                    {std::max(ranges[q].start, sp.start), std::min(ranges[q].end, sp.end)});
            out.push_back(std::move(f));
        }
        return out;
    }

    std::string_view s_;
    Analysis a_;
    std::vector<Sentence> sentences_;
    std::vector<std::size_t> prefix_len_;  ///< visible lengths of sentences before k
    std::vector<std::uint32_t> counts_;    ///< per-key occurrences in the sliding window
};

/// The analysed part of a text: all of it up to kMaxAnalysedBytes, cut at a
/// whitespace so no word is split.
std::string_view analysed_part(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = floor_boundary(text, max_bytes);
    std::size_t ws = cut;
    // ASCII whitespace only: a byte >= 0x80 is part of a multi-byte sequence.
    while (ws > 0 && !(static_cast<unsigned char>(text[ws - 1]) < 0x80 &&
                       is_space(static_cast<unsigned char>(text[ws - 1]))))
        --ws;
    return text.substr(0, ws > 0 ? ws : cut);
}

}  // namespace

SnippetSelector::SnippetSelector(TextAnalyzer& analyzer, const HighlightTerms& highlight,
                                 std::string lang)
    : analyzer_(analyzer), highlight_(highlight), lang_(std::move(lang)) {}

std::vector<MatchRange> SnippetSelector::find_matches(std::string_view text) {
    text = analysed_part(text, kMaxAnalysedBytes);
    Matcher matcher(highlight_, analyzer_, lang_);
    if (matcher.empty() || text.empty()) return {};
    return merge_ranges(matcher.run(analyzer_, text, lang_).hits);
}

std::vector<Fragment> SnippetSelector::select(std::string_view text,
                                              const SnippetOptions& options) {
    text = analysed_part(text, kMaxAnalysedBytes);
    if (text.empty() || options.max_chars == 0) return {};
    Matcher matcher(highlight_, analyzer_, lang_);
    if (matcher.empty()) {
        // Only the opening can be shown: analyse just enough of it for word
        // boundaries, however long the article.
        std::size_t start = skip_space_forward(text, 0, text.size());
        std::size_t end =
            advance_visible(text, start, options.max_chars + kOpeningMarginChars, text.size());
        while (end < text.size() && !is_space(cp_at(text, end))) next_code_point(text, end);
        text = text.substr(0, end);
        return Selection(text, matcher.run(analyzer_, text, lang_)).run(options);
    }
    // Enough text after the passage for the window to be filled to the
    // budget in any script (at most 4 bytes a character).
    StopRule stop{true, plan(options).budget, 4 * options.max_chars};
    Analysis analysis = matcher.run(analyzer_, text, lang_, stop);
    // Selection sees only what was analysed; the renderer, given the whole
    // text, still marks that the passage does not reach its end.
    text = text.substr(0, analysis.analysed);
    return Selection(text, std::move(analysis)).run(options);
}

}  // namespace newsdex
