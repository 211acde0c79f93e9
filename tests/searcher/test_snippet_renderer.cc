// Table-driven tests of snippet rendering. A row's input is the source text
// with the fragments in {braces} and the matches in [brackets] (the helper
// strips the markers and computes the byte offsets), so rows read like the
// snippet they render. Expected: the bracket (terminal) form, the HTML, and
// the code-point highlight offsets.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "snippet_renderer.h"

namespace newsdex {
namespace {

struct Marked {
    std::string source;
    std::vector<Fragment> fragments;
};

/// Parses "{...[match]...}" markup into a source text and its fragments.
Marked parse(std::string_view markup) {
    Marked m;
    for (char c : markup) {
        auto at = static_cast<std::uint32_t>(m.source.size());
        switch (c) {
            case '{':
                m.fragments.push_back({at, at, {}});
                break;
            case '}':
                m.fragments.back().end = at;
                break;
            case '[':
                m.fragments.back().matches.push_back({at, at});
                break;
            case ']':
                m.fragments.back().matches.back().end = at;
                break;
            default:
                m.source.push_back(c);
        }
    }
    return m;
}

std::string show_highlights(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& hs) {
    std::string out;
    for (const auto& [a, b] : hs) {
        if (!out.empty()) out += ' ';
        out += std::to_string(a) + '-' + std::to_string(b);
    }
    return out;
}

struct RenderCase {
    const char* name;
    std::string markup;
    std::string brackets;    // render_terminal(Brackets)
    std::string html;        // "" = same as brackets with [ ] -> <mark> </mark>
    std::string highlights;  // "start-end ..." in code points of the text
};

void PrintTo(const RenderCase& c, std::ostream* os) { *os << c.name; }

class SnippetRenderTest : public ::testing::TestWithParam<RenderCase> {};

TEST_P(SnippetRenderTest, Renders) {
    const auto& c = GetParam();
    Marked m = parse(c.markup);
    RenderedSnippet r = render_snippet(m.source, m.fragments);
    EXPECT_EQ(render_terminal(r, TerminalStyle::Brackets), c.brackets);
    std::string html = c.html;
    if (html.empty())
        for (char ch : c.brackets)
            html += ch == '[' ? "<mark>" : ch == ']' ? "</mark>" : std::string(1, ch);
    EXPECT_EQ(r.html, html);
    EXPECT_EQ(show_highlights(r.highlights), c.highlights);
}

const RenderCase kCases[] = {
    {"whole_text_no_ellipsis", "{The [cat] sat.}", "The [cat] sat.", "", "4-7"},
    {"leading_ellipsis", "The cat sat. {The [dog] ran.}", "\u2026The [dog] ran.", "", "5-8"},
    {"trailing_ellipsis", "{The [dog] ran.} Then it slept.", "The [dog] ran.\u2026", "", "4-7"},
    {"both_ellipses", "One. {Two [three].} Four.", "\u2026Two [three].\u2026", "", "5-10"},
    {"two_fragments_joined", "{A [b] c.} D e f. {G [h].}", "A [b] c. \u2026 G [h].", "",
     "2-3 11-12"},
    {"surrounding_whitespace_of_text_ignored", "  \n{Start [here].}\n\n", "Start [here].", "",
     "6-10"},
    {"whitespace_runs_collapse", "{The\n\n  [cease\n fire]\t held}", "The [cease fire] held", "",
     "4-14"},
    {"fragment_whitespace_trimmed", "Intro.{  [Next] part.  }End.", "\u2026[Next] part.\u2026", "",
     "1-5"},
    {"match_at_very_end", "{Talks with [Hezbollah]}", "Talks with [Hezbollah]", "", "11-20"},
    {"script_escaped", "{Note <script>alert(1)</script> & [\"quoted\"] it's}",
     "Note <script>alert(1)</script> & [\"quoted\"] it's",
     "Note &lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>&quot;quoted&quot;</mark> it&#39;s",
     "33-41"},
    {"match_markup_escaped", "{a [<b>] c}", "a [<b>] c", "a <mark>&lt;b&gt;</mark> c", "2-5"},
    {"japanese_offsets_in_code_points",
     "\u5929\u6c17\u3002{[\u9078\u6319]\u306f\u65e5\u66dc\u65e5\u3002}",
     "\u2026[\u9078\u6319]\u306f\u65e5\u66dc\u65e5\u3002", "", "1-3"},
    {"arabic_offsets_in_code_points",
     "{\u0627\u0644\u062d\u0643\u0648\u0645\u0629 [\u0627\u0644\u0631\u064a\u0627\u0636]}",
     "\u0627\u0644\u062d\u0643\u0648\u0645\u0629 [\u0627\u0644\u0631\u064a\u0627\u0636]", "",
     "8-14"},
    {"german_offsets_in_code_points", "{Die [Stra\u00dfenbahn] f\u00e4hrt}",
     "Die [Stra\u00dfenbahn] f\u00e4hrt", "", "4-15"},
    {"adjacent_matches_stay_separate", "{[Blinken] [Netanyahu]}", "[Blinken] [Netanyahu]", "",
     "0-7 8-17"},
    {"no_fragments", "Some text.", "", "", ""},
    {"empty_source", "", "", "", ""},
};

INSTANTIATE_TEST_SUITE_P(snippet, SnippetRenderTest, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(SnippetRenderer, AnsiStyleWrapsMatches) {
    Marked m = parse("{The [cat] sat.}");
    RenderedSnippet r = render_snippet(m.source, m.fragments);
    EXPECT_EQ(render_terminal(r, TerminalStyle::Ansi), "The \x1b[1;33mcat\x1b[0m sat.");
}

TEST(SnippetRenderer, OverlappingAndUnsortedMatchesAreMerged) {
    std::string source = "cease-fire talks";
    Fragment f{0, static_cast<std::uint32_t>(source.size()), {{6, 16}, {0, 5}, {0, 10}}};
    RenderedSnippet r = render_snippet(source, {f});
    EXPECT_EQ(render_terminal(r, TerminalStyle::Brackets), "[cease-fire talks]");
}

TEST(SnippetRenderer, OutOfRangeFragmentsAreClamped) {
    std::string source = "Short text.";
    Fragment f{6, 500, {{6, 400}}};
    RenderedSnippet r = render_snippet(source, {f});
    EXPECT_EQ(render_terminal(r, TerminalStyle::Brackets), "\u2026[text.]");
}

TEST(SnippetRenderer, HtmlEscape) {
    EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    EXPECT_EQ(html_escape("caf\u00e9 \u9078\u6319"), "caf\u00e9 \u9078\u6319");
    EXPECT_EQ(html_escape(""), "");
}

}  // namespace
}  // namespace newsdex
