// Snippet rendering: one walk over each fragment's code points builds the
// plain text, the code-point highlight offsets and the HTML together, so the
// three can never disagree about where a match is.
#include "snippet_renderer.h"
#include "utf8.h"

#include <algorithm>

namespace newsdex {

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 …
constexpr std::string_view kJoin = " \xE2\x80\xA6 ";
constexpr std::string_view kMarkOpen = "<mark>";
constexpr std::string_view kMarkClose = "</mark>";
constexpr std::string_view kAnsiOpen = "\x1b[1;33m";  // bold yellow
constexpr std::string_view kAnsiClose = "\x1b[0m";

/// The end of the last non-space code point in [from, to).
std::size_t trim_end(std::string_view s, std::size_t from, std::size_t to) {
    std::size_t last = from;
    for (std::size_t i = from; i < to;) {
        if (!is_unicode_space(next_code_point(s, i))) last = i;
    }
    return last;
}

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
}

/// Accumulates the three outputs. Invariant: `code_points` is the length of
/// `out.text` in code points; a collapsed space is written lazily, only when
/// something visible follows it inside the same fragment.
class Builder {
  public:
    void literal(std::string_view s) {
        out.text += s;
        append_escaped(out.html, s);
        for (std::size_t i = 0; i < s.size();) {
            next_code_point(s, i);
            ++code_points;
        }
    }

    void visible(std::string_view cp_bytes) {
        if (pending_space_) {
            pending_space_ = false;
            literal(" ");
        }
        if (open_ && !mark_written_) {
            // The mark opens at the first visible character, so whitespace
            // never starts a highlight.
            out.html += kMarkOpen;
            mark_written_ = true;
            mark_start_ = code_points;
        }
        literal(cp_bytes);
    }

    void space() { pending_space_ = true; }
    void drop_pending_space() { pending_space_ = false; }

    void open_mark() { open_ = true; }
    void close_mark() {
        if (open_ && mark_written_) {
            out.html += kMarkClose;
            out.highlights.emplace_back(mark_start_, code_points);
        }
        open_ = mark_written_ = false;
    }

    RenderedSnippet out;
    std::uint32_t code_points = 0;

  private:
    bool pending_space_ = false;
    bool open_ = false;          // inside a match range
    bool mark_written_ = false;  // its <mark> is in the html
    std::uint32_t mark_start_ = 0;
};

/// A fragment's matches, sorted, merged and clipped to [start, end): the
/// selector already guarantees this, other callers may not.
std::vector<MatchRange> clean_matches(const Fragment& f, std::size_t start, std::size_t end) {
    std::vector<MatchRange> in = f.matches;
    std::sort(in.begin(), in.end(), [](const MatchRange& a, const MatchRange& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    std::vector<MatchRange> out;
    for (MatchRange m : in) {
        m.start = static_cast<std::uint32_t>(std::max<std::size_t>(m.start, start));
        m.end = static_cast<std::uint32_t>(std::min<std::size_t>(m.end, end));
        if (m.start >= m.end) continue;
        if (!out.empty() && m.start <= out.back().end)
            out.back().end = std::max(out.back().end, m.end);
        else
            out.push_back(m);
    }
    return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_escaped(out, text);
    return out;
}

RenderedSnippet render_snippet(std::string_view source, const std::vector<Fragment>& fragments) {
    // Fragments clamped to the source, in order, not overlapping, trimmed of
    // whitespace, empty ones dropped.
    struct Piece {
        std::size_t start, end;
        const Fragment* fragment;
    };
    std::vector<Piece> pieces;
    for (const Fragment& f : fragments) {
        std::size_t start = std::min<std::size_t>(f.start, source.size());
        std::size_t end = std::min<std::size_t>(f.end, source.size());
        // Offsets should be code point boundaries; step off continuation bytes.
        while (start < end && (static_cast<unsigned char>(source[start]) & 0xC0) == 0x80) ++start;
        while (end < source.size() && end > start &&
               (static_cast<unsigned char>(source[end]) & 0xC0) == 0x80)
            --end;
        pieces.push_back({start, end, &f});
    }
    std::sort(pieces.begin(), pieces.end(),
              [](const Piece& a, const Piece& b) { return a.start < b.start; });
    std::vector<Piece> clean;
    for (Piece p : pieces) {
        if (!clean.empty()) p.start = std::max(p.start, clean.back().end);
        p.start = skip_space_forward(source, p.start, p.end);
        p.end = trim_end(source, p.start, p.end);
        if (p.start < p.end) clean.push_back(p);
    }
    Builder b;
    if (clean.empty()) return std::move(b.out);

    const std::size_t text_start = skip_space_forward(source, 0, source.size());
    const std::size_t text_end = trim_end(source, 0, source.size());

    if (clean.front().start > text_start) b.literal(kEllipsis);
    for (std::size_t k = 0; k < clean.size(); ++k) {
        const Piece& p = clean[k];
        if (k > 0) b.literal(kJoin);
        std::vector<MatchRange> matches = clean_matches(*p.fragment, p.start, p.end);
        std::size_t m = 0;
        for (std::size_t i = p.start; i < p.end;) {
            while (m < matches.size() && i >= matches[m].end) {
                b.close_mark();
                ++m;
            }
            if (m < matches.size() && i >= matches[m].start) b.open_mark();
            std::size_t cp_start = i;
            UChar32 c = next_code_point(source, i);
            if (is_unicode_space(c))
                b.space();
            else
                b.visible(source.substr(cp_start, i - cp_start));
        }
        b.close_mark();
        b.drop_pending_space();  // pieces are trimmed; defensive
    }
    if (clean.back().end < text_end) b.literal(kEllipsis);
    return std::move(b.out);
}

std::string render_terminal(const RenderedSnippet& snippet, TerminalStyle style,
                            std::string_view after_mark) {
    if (style == TerminalStyle::Plain) return snippet.text;
    const std::string_view open = style == TerminalStyle::Ansi ? kAnsiOpen : "[";
    std::string close(style == TerminalStyle::Ansi ? kAnsiClose : "]");
    if (style == TerminalStyle::Ansi) close += after_mark;
    auto highlights = snippet.highlights;
    std::sort(highlights.begin(), highlights.end());
    const std::string& text = snippet.text;
    std::string out;
    out.reserve(text.size() + highlights.size() * (open.size() + close.size()));
    std::size_t h = 0;
    bool inside = false;
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < text.size(); ++cp) {
        while (h < highlights.size() && cp >= highlights[h].second) {
            if (inside) out += close;
            inside = false;
            ++h;
        }
        if (!inside && h < highlights.size() && cp >= highlights[h].first) {
            out += open;
            inside = true;
        }
        std::size_t start = i;
        next_code_point(text, i);
        out.append(text, start, i - start);
    }
    if (inside) out += close;
    return out;
}

}  // namespace newsdex
