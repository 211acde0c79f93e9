// Passage selection: the scoring and choosing stage of snippets (Lucene's
// uhighlight splits the same way: matching in snippet_matcher.h, break
// iteration in sentence_splitter.h, scoring and selection here, formatting in
// snippet_renderer.h). Everything here is linear in the text: windows of
// consecutive sentences slide with two pointers while per-key counts keep the
// score current, and cuts snap to word boundaries taken from the matcher's
// tokens.
#include "snippet_selector.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "sentence_splitter.h"
#include "utf8.h"
#include "visible_text.h"

namespace newsdex {

namespace snippet {
namespace {

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
/// With nothing to highlight only the opening is shown, so only a little more
/// than the budget is analysed (the margin lets the dictionary-based word
/// breaker see whole words at the end).
constexpr std::size_t kOpeningMarginChars = 64;

/// A sentence with the run of hits starting inside it.
struct Sentence {
    std::uint32_t start, end;          ///< trimmed of whitespace, non-empty
    std::uint32_t length;              ///< visible_length(start, end)
    std::uint32_t first_hit, end_hit;  ///< the hits starting inside: [first_hit, end_hit)
};

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
        for (const SentenceSpan& span : split_sentences(s_))
            sentences_.push_back({span.start, span.end, span.length, 0, 0});
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
        return (w && w->end == x) || is_unicode_space(code_point_at(s_, x));
    }
    bool valid_start(std::size_t x) const {
        if (x == 0) return true;
        if (inside_word(x)) return false;
        std::size_t prev = x;
        return word_starts_at(x) || is_unicode_space(prev_code_point(s_, prev));
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
            bool dangling = is_unicode_space(c) || c == ',' || c == ';' || c == ':' || c == '(' ||
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

}  // namespace
}  // namespace snippet

SnippetSelector::SnippetSelector(TextAnalyzer& analyzer, const HighlightTerms& highlight,
                                 std::string lang)
    : analyzer_(analyzer), highlight_(highlight), lang_(std::move(lang)) {}

std::vector<MatchRange> SnippetSelector::find_matches(std::string_view text) {
    text = snippet::analysed_part(text);
    snippet::Matcher matcher(highlight_, analyzer_, lang_);
    if (matcher.empty() || text.empty()) return {};
    return snippet::merge_ranges(matcher.run(analyzer_, text, lang_).hits);
}

std::vector<Fragment> SnippetSelector::select(std::string_view text,
                                              const SnippetOptions& options) {
    text = snippet::analysed_part(text);
    if (text.empty() || options.max_chars == 0) return {};
    snippet::Matcher matcher(highlight_, analyzer_, lang_);
    if (matcher.empty()) {
        // Only the opening can be shown: analyse just enough of it for word
        // boundaries, however long the article.
        std::size_t start = skip_space_forward(text, 0, text.size());
        std::size_t end = advance_visible(
            text, start, options.max_chars + snippet::kOpeningMarginChars, text.size());
        while (end < text.size() && !is_unicode_space(code_point_at(text, end)))
            next_code_point(text, end);
        text = text.substr(0, end);
        return snippet::Selection(text, matcher.run(analyzer_, text, lang_)).run(options);
    }
    // Enough text after the passage for the window to be filled to the
    // budget in any script (at most 4 bytes a character).
    snippet::StopRule stop{true, snippet::plan(options).budget, 4 * options.max_chars};
    snippet::Analysis analysis = matcher.run(analyzer_, text, lang_, stop);
    // Selection sees only what was analysed; the renderer, given the whole
    // text, still marks that the passage does not reach its end.
    text = text.substr(0, analysis.analysed);
    return snippet::Selection(text, std::move(analysis)).run(options);
}

}  // namespace newsdex
