#include "analysis/word_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <array>
#include <cstring>
#include <string>

#include "errors.h"

namespace newsdex {

namespace {

// UAX #29 word-break classes of the ASCII characters that matter, as ICU 72
// tailors them: ALetter [A-Za-z@] (ICU adds '@'), Numeric [0-9], ExtendNumLet
// '_', MidNumLet '.', Single_Quote '\'', MidNum ',' ';'. ICU removes ':' from
// MidLetter (UAX #29 keeps it for Swedish), so no ASCII MidLetter remains.
enum Class : std::uint8_t {
    kOther,
    kLetter,
    kDigit,
    kExtendNumLet,
    kMidNumLet,
    kSingleQuote,
    kMidNum
};

constexpr auto kClasses = [] {
    std::array<Class, 128> c{};
    for (int ch = 'a'; ch <= 'z'; ++ch) c[ch] = kLetter;
    for (int ch = 'A'; ch <= 'Z'; ++ch) c[ch] = kLetter;
    c['@'] = kLetter;
    for (int ch = '0'; ch <= '9'; ++ch) c[ch] = kDigit;
    c['_'] = kExtendNumLet;
    c['.'] = kMidNumLet;
    c['\''] = kSingleQuote;
    c[','] = kMidNum;
    c[';'] = kMidNum;
    return c;
}();

inline Class class_of(char ch) { return kClasses[static_cast<unsigned char>(ch) & 0x7f]; }
inline bool is_word_char(Class c) { return c == kLetter || c == kDigit || c == kExtendNumLet; }

}  // namespace

bool is_ascii(std::string_view text) {
    // Eight bytes at a time: news text is long and mostly ASCII.
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, text.data() + i, 8);
        if (chunk & 0x8080808080808080ULL) return false;
    }
    for (; i < text.size(); ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
    return true;
}

void ascii_word_segments(std::string_view text, std::vector<WordSegment>& out) {
    out.clear();
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (!is_word_char(class_of(text[i]))) {
            ++i;
            continue;
        }
        // A word: letters, digits and '_' (WB5, WB8-10, WB13a/b), joined
        // across one '.' or '\'' between two letters (WB6/7) or one of
        // ". ' , ;" between two digits (WB11/12).
        const std::size_t start = i;
        bool only_underscores = true;  // decides whether a lone '_' is a word
        while (i < n) {
            const Class c = class_of(text[i]);
            if (is_word_char(c)) {
                only_underscores = only_underscores && c == kExtendNumLet;
                ++i;
                continue;
            }
            if (i + 1 >= n) break;
            const Class before = class_of(text[i - 1]), after = class_of(text[i + 1]);
            const bool letters =
                before == kLetter && after == kLetter && (c == kMidNumLet || c == kSingleQuote);
            const bool digits = before == kDigit && after == kDigit &&
                                (c == kMidNumLet || c == kSingleQuote || c == kMidNum);
            if (!letters && !digits) break;
            ++i;  // the joiner; the character after it is taken next round
        }
        // ICU's status is that of the rule that joined the last two
        // characters: ending in a digit is a number ("mp3"), in a letter a
        // letter word ("3c"); a final '_' takes its predecessor's kind
        // ("1_" number), except after another '_' ("1__" letter word). A lone
        // '_' is no word; a run of them is a letter word.
        const std::size_t length = i - start;
        if (only_underscores && length == 1) continue;
        const Class last = class_of(text[i - 1]);
        const Class before_last = length >= 2 ? class_of(text[i - 2]) : kOther;
        const bool number = last == kDigit || (last == kExtendNumLet && before_last == kDigit);
        out.push_back(WordSegment{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i),
                                  number ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER});
    }
}

WordSegmenter::WordSegmenter() {
    UErrorCode status = U_ZERO_ERROR;
    // The root locale's word rules: UAX #29 plus the dictionaries for scripts
    // written without spaces (Japanese, Chinese, Thai, Khmer, ...).
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !breaker_)
        throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
}

WordSegmenter::~WordSegmenter() {
    if (utext_) utext_close(utext_);
}

void WordSegmenter::icu_segments(std::string_view text, std::vector<WordSegment>& out) {
    out.clear();
    if (text.empty()) return;
    UErrorCode status = U_ZERO_ERROR;
    // A UTF-8 UText makes the break iterator report byte offsets directly.
    utext_ = utext_openUTF8(utext_, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw Error(std::string("ICU utext_openUTF8: ") + u_errorName(status));
    breaker_->setText(utext_, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU setText: ") + u_errorName(status));
    int32_t start = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker_->next()) {
        int32_t rule_status = breaker_->getRuleStatus();
        if (rule_status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
        out.push_back(WordSegment{static_cast<std::uint32_t>(start),
                                  static_cast<std::uint32_t>(end), rule_status});
    }
}

void WordSegmenter::segment(std::string_view text, std::vector<WordSegment>& out) {
    if (is_ascii(text))
        ascii_word_segments(text, out);
    else
        icu_segments(text, out);
}

}  // namespace newsdex
