#include "analysis/language_guess.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <algorithm>
#include <array>

#include "utf8.h"

namespace newsdex {

std::string guess_language_by_script(std::string_view text) {
    // Enough letters to tell, cheap per article.
    const std::string_view sample =
        text.substr(0, std::min(text.size(), kLanguageGuessSampleBytes));
    enum { kLatin, kKana, kHan, kHangul, kArabic, kGreek, kHebrew, kThai, kOther, kCount };
    std::array<std::size_t, kCount> counts{};
    std::size_t letters = 0;
    for (std::size_t i = 0; i < sample.size();) {
        const UChar32 c = next_code_point(sample, i);  // U+FFFD for a bad byte: not a letter
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++counts[kLatin], ++letters;
            continue;
        }
        if (!u_isalpha(c)) continue;
        ++letters;
        UErrorCode status = U_ZERO_ERROR;
        switch (uscript_getScript(c, &status)) {
            case USCRIPT_LATIN:
                ++counts[kLatin];
                break;
            case USCRIPT_HIRAGANA:
            case USCRIPT_KATAKANA:
                ++counts[kKana];
                break;
            case USCRIPT_HAN:
                ++counts[kHan];
                break;
            case USCRIPT_HANGUL:
                ++counts[kHangul];
                break;
            case USCRIPT_ARABIC:
                ++counts[kArabic];
                break;
            case USCRIPT_GREEK:
                ++counts[kGreek];
                break;
            case USCRIPT_HEBREW:
                ++counts[kHebrew];
                break;
            case USCRIPT_THAI:
                ++counts[kThai];
                break;
            default:
                ++counts[kOther];
                break;
        }
    }
    if (letters == 0) return {};
    auto most = [&](std::size_t n) { return n * 2 > letters; };
    // Japanese mixes kanji and kana: any real share of kana makes it Japanese.
    if (most(counts[kKana] + counts[kHan]) && counts[kKana] * 10 >= letters) return "ja";
    if (most(counts[kHan])) return "zh";
    if (most(counts[kHangul])) return "ko";
    if (most(counts[kArabic])) return "ar";
    if (most(counts[kGreek])) return "el";
    if (most(counts[kHebrew])) return "he";
    if (most(counts[kThai])) return "th";
    return {};
}

}  // namespace newsdex
