#pragma once
// How a stored body divides into paragraphs for reading (`--show`).

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// The body's paragraphs, each on one line. A paragraph ends at a blank line
/// or where the next line is indented (Reuters and other wire copy mark
/// paragraphs by indentation, not blank lines); the lines inside a paragraph
/// were wrapped by the sender and are joined with one space. Runs of
/// whitespace become one space; empty paragraphs are dropped.
std::vector<std::string> body_paragraphs(std::string_view body);

/// `text` on one line: every run of whitespace (newlines included) becomes
/// one space, and leading/trailing whitespace goes. Titles pass through this
/// wherever text output prints them.
std::string one_line(std::string_view text);

}  // namespace newsdex
