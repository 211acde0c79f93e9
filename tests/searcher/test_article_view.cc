// Paragraphs for reading and one-line titles.
#include <gtest/gtest.h>

#include "article_view.h"

namespace newsdex {
namespace {

using Paragraphs = std::vector<std::string>;

TEST(ArticleView, IndentedWireCopyStartsAParagraphAtEachIndent) {
    EXPECT_EQ(body_paragraphs("SALVADOR, Feb 26 - Showers continued\nin the cocoa zone.\n"
                              "    The dry period means\nthe crop will be late.\n    Total "
                              "arrivals rose.\n"),
              (Paragraphs{"SALVADOR, Feb 26 - Showers continued in the cocoa zone.",
                          "The dry period means the crop will be late.", "Total arrivals rose."}));
}

TEST(ArticleView, BlankLinesSeparateParagraphs) {
    EXPECT_EQ(body_paragraphs("First line\nwrapped.\n\n\nSecond.\n"),
              (Paragraphs{"First line wrapped.", "Second."}));
}

TEST(ArticleView, ALineAPieceWhenNothingMarksParagraphs) {
    EXPECT_EQ(body_paragraphs("One.\nTwo.\nThree.\n"), (Paragraphs{"One.", "Two.", "Three."}));
    EXPECT_EQ(body_paragraphs(""), Paragraphs{});
    EXPECT_EQ(body_paragraphs("  \n\n "), Paragraphs{});
}

TEST(ArticleView, OneLineCollapsesEveryWhitespaceRun) {
    EXPECT_EQ(one_line("  OPEC WANTS\n18 DLR\r\n\tOIL PRICE \n"), "OPEC WANTS 18 DLR OIL PRICE");
    EXPECT_EQ(one_line(""), "");
}

}  // namespace
}  // namespace newsdex
