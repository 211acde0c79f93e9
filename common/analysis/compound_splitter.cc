#include "analysis/compound_splitter.h"

#include <algorithm>

namespace newsdex {

namespace {

/// A compound of more parts than this is not split (real German compounds
/// rarely have more than four; the bound keeps the search small on junk).
constexpr int kMaxDepth = 6;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t code_points(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return !continuation(c); }));
}

bool CompoundSplitter::split_into(std::string_view term, std::vector<CompoundPart>& parts,
                                  int depth) const {
    if (depth > kMaxDepth || code_points(term) < 2 * kMinCompoundPart) return false;
    // First parts from the longest down; a part boundary never cuts a code point.
    for (std::size_t end = term.size(); end-- > 1;) {
        if (continuation(term[end])) continue;
        std::string_view first = term.substr(0, end);
        if (code_points(first) < kMinCompoundPart) break;
        if (!is_word_(first)) continue;
        for (std::string_view link : kGermanLinkingElements) {
            if (term.substr(end, link.size()) != link) continue;
            std::string_view rest = term.substr(end + link.size());
            if (code_points(rest) < kMinCompoundPart) continue;
            const std::size_t mark = parts.size();
            parts.push_back(CompoundPart{std::string(first), std::string(link)});
            if (is_word_(rest)) {
                parts.push_back(CompoundPart{std::string(rest), {}});
                return true;
            }
            if (split_into(rest, parts, depth + 1)) return true;
            parts.resize(mark);
        }
    }
    return false;
}

std::vector<CompoundPart> CompoundSplitter::split(std::string_view term) const {
    std::vector<CompoundPart> parts;
    if (!split_into(term, parts, 0)) parts.clear();
    return parts;
}

std::vector<std::string> CompoundSplitter::part_words(std::string_view term) const {
    std::vector<std::string> words;
    std::vector<std::string> pending{std::string(term)};
    while (!pending.empty()) {
        std::string next = std::move(pending.back());
        pending.pop_back();
        for (CompoundPart& part : split(next)) {
            if (std::find(words.begin(), words.end(), part.word) != words.end()) continue;
            words.push_back(part.word);
            pending.push_back(std::move(part.word));
        }
    }
    return words;
}

}  // namespace newsdex
