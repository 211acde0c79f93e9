#include "support/near_duplicate_fixtures.h"

#include <random>

namespace newsdex::test {

const char* const kBoilerplateFooter =
    "Copyright 2024 Harbor Gazette. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed. Contact the newsroom at the address on our website "
    "for corrections and reprints.";

std::vector<std::string> story_paragraphs(unsigned seed, int paragraphs) {
    std::mt19937 rng(seed);
    std::vector<std::string> out;
    for (int p = 0; p < paragraphs; ++p) {
        std::string text;
        for (int i = 0; i < 40; ++i) {
            if (!text.empty()) text += ' ';
            text += 'w';
            text += std::to_string(rng() % 2000);
        }
        out.push_back(text + ".");
    }
    return out;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
    return out;
}

}  // namespace newsdex::test
