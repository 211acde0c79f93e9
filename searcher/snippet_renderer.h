#pragma once
// Snippet rendering: fragments of a text -> output strings. Selection
// (snippet_selector.h) decides what; this decides how it looks.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snippet_selector.h"

namespace newsdex {

struct RenderedSnippet {
    /// Plain text of the fragments, joined by " … ", with a leading/trailing
    /// "…" where a fragment does not start/end the text.
    std::string text;
    /// [start, end) of each match in `text`, in Unicode code points (what a
    /// JSON consumer indexes by, independent of the HTML escaping).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;
    /// `text` HTML-escaped (& < > " ') with matches in <mark>…</mark>.
    std::string html;
};

enum class TerminalStyle {
    Plain,     ///< the text alone (piped output: what grep and scripts want)
    Brackets,  ///< "[match]" (a terminal without colour, or asked with --brackets)
    Ansi,      ///< bold + colour escape sequences
};

/// Builds text, highlights and html for fragments of `source`.
RenderedSnippet render_snippet(std::string_view source, const std::vector<Fragment>& fragments);

/// The plain text with matches marked for a terminal. With Ansi, each match
/// ends in a full reset followed by `after_mark`: the style of the text around
/// the snippet (a bold title stays bold after its first match).
std::string render_terminal(const RenderedSnippet& snippet, TerminalStyle style,
                            std::string_view after_mark = {});

/// HTML-escapes text (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace newsdex
