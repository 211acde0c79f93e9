// The ASCII fast path must segment exactly as ICU does: documents and queries
// may take different paths (a document with one "£" goes through ICU, the
// query "price" through the fast path), so any difference would be a drift
// between index-time and query-time analysis.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "analysis/word_segmenter.h"
#include "support/test_paths.h"

namespace newsdex {
namespace {

std::string describe(std::string_view text, const std::vector<WordSegment>& segments) {
    std::string out;
    for (const auto& s : segments) {
        out += '[';
        out += text.substr(s.start, s.end - s.start);
        out += "]/";
        out += std::to_string(s.status);
        out += ' ';
    }
    return out;
}

void expect_same_as_icu(WordSegmenter& segmenter, const std::string& text) {
    std::vector<WordSegment> fast, icu;
    ascii_word_segments(text, fast);
    segmenter.icu_segments(text, icu);
    if (fast == icu) return;
    std::size_t i = 0;
    while (i < fast.size() && i < icu.size() && fast[i] == icu[i]) ++i;
    auto window = [&](const std::vector<WordSegment>& v) {
        std::vector<WordSegment> w(v.begin() + static_cast<long>(std::min(i, v.size())),
                                   v.begin() + static_cast<long>(std::min(i + 3, v.size())));
        return describe(text, w);
    };
    FAIL() << "text: \"" << text.substr(0, 120) << "\"\n first difference at segment " << i
           << "\n fast: " << window(fast) << "\n  icu: " << window(icu);
}

TEST(WordSegmenter, AsciiFastPathEqualsIcuOnEveryShortString) {
    // Every string of up to 5 characters over the classes that matter (and
    // some that must not join anything).
    const std::string alphabet = "aZ19._',;:-@ \n/\"$%&+=#";
    WordSegmenter segmenter;
    std::string text;
    std::function<void(std::size_t)> all = [&](std::size_t length) {
        if (length == 0) {
            expect_same_as_icu(segmenter, text);
            return;
        }
        for (char c : alphabet) {
            text.push_back(c);
            all(length - 1);
            text.pop_back();
            if (::testing::Test::HasFatalFailure()) return;
        }
    };
    for (std::size_t length = 1; length <= 5 && !::testing::Test::HasFatalFailure(); ++length)
        all(length);
}

TEST(WordSegmenter, AsciiFastPathEqualsIcuOnRandomText) {
    WordSegmenter segmenter;
    std::mt19937 rng(20261122);
    for (int round = 0; round < 2000 && !::testing::Test::HasFatalFailure(); ++round) {
        std::string text(1 + rng() % 200, ' ');
        for (char& c : text) c = static_cast<char>(1 + rng() % 127);  // every ASCII byte but NUL
        expect_same_as_icu(segmenter, text);
    }
}

TEST(WordSegmenter, AsciiFastPathEqualsIcuOnRealNews) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("bbc");
    WordSegmenter segmenter;
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(test::shared_corpus_dir() / "bbc")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!is_ascii(text)) continue;
        expect_same_as_icu(segmenter, text);
        if (::testing::Test::HasFatalFailure() || ++files >= 300) break;
    }
    EXPECT_GT(files, 100u);
}

TEST(WordSegmenter, UsesIcuForNonAscii) {
    WordSegmenter segmenter;
    std::vector<WordSegment> out;
    std::string text = "\u6771\u4eac\u90fd caf\u00e9";
    segmenter.segment(text, out);
    ASSERT_EQ(out.size(), 3u) << describe(text, out);  // dictionary words, then café
    EXPECT_EQ(text.substr(out[2].start, out[2].end - out[2].start), "caf\u00e9");
}

TEST(WordSegmenter, IsAscii) {
    EXPECT_TRUE(is_ascii(""));
    EXPECT_TRUE(is_ascii("plain ASCII text that is longer than eight bytes"));
    EXPECT_FALSE(is_ascii("longer text with a pound \xC2\xA3 sign"));
    EXPECT_FALSE(is_ascii("\xC3\xA9"));
}

}  // namespace
}  // namespace newsdex
