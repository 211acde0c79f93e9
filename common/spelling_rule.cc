#include "spelling_rule.h"

#include <algorithm>

namespace newsdex {

bool is_spelling_word(std::string_view term) {
    if (term.size() < kMinSpellingWordBytes || term.size() > kMaxSpellingWordBytes) return false;
    return std::none_of(term.begin(), term.end(),
                        [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '\''; });
}

}  // namespace newsdex
