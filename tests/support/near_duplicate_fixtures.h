#pragma once
// Articles for near-duplicate tests: a story and its planted variants (the
// edits syndicated copy goes through), and unrelated stories that share a
// boilerplate footer.

#include <string>
#include <vector>

#include "article.h"

namespace newsdex::test {

/// A deterministic body of `paragraphs` paragraphs of 40 words each, drawn
/// from a 2,000-word vocabulary by `seed`.
std::vector<std::string> story_paragraphs(unsigned seed, int paragraphs);

/// Paragraphs joined with blank lines.
std::string join_paragraphs(const std::vector<std::string>& paragraphs);

/// A footer many unrelated articles of one source end with.
extern const char* const kBoilerplateFooter;

}  // namespace newsdex::test
