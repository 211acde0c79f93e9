#pragma once
// Text bound for a terminal: made safe to print (what a user typed or an
// article holds must never move the cursor, change colours or retitle the
// window) and wrapped to the terminal's width by display columns.

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

/// `text` with every control character (C0, DEL, C1, including ESC) shown as
/// a visible escape ("\e", "\x07", "\u009b"), invalid UTF-8 bytes as U+FFFD,
/// and newlines and tabs as spaces; cut after `max_chars` code points with
/// " … (N more characters)" so a pasted 5,000-word query cannot fill the
/// screen. max_chars 0: no cut.
std::string terminal_safe(std::string_view text, std::size_t max_chars = 0);

/// Whether to colour output for `--color WHEN` (auto, always, never): "auto"
/// colours only a terminal, and not when the user opted out with NO_COLOR
/// (any non-empty value, no-color.org) or the terminal cannot show colour
/// (TERM=dumb). `no_color` and `term` are the environment's values (null when
/// unset).
bool color_wanted(std::string_view when, bool is_tty, const char* no_color, const char* term);

/// Columns a code point takes: 0 for combining marks and zero-width
/// characters, 2 for East Asian wide and full-width ones, else 1.
int display_columns(char32_t c);

/// `text` (one line, possibly with ANSI SGR sequences, which take no columns)
/// wrapped at spaces to lines of at most `width` columns, each continuation
/// line starting with `indent`; the first line is assumed to start after
/// `indent` too. A word longer than a line, or a run of CJK text without
/// spaces, is broken between code points. width 0: unchanged.
std::string wrap_for_terminal(std::string_view text, std::size_t width, std::string_view indent);

}  // namespace newsdex
