#include "analysis/cjk_bigrams.h"

#include <unicode/normalizer2.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <string>

namespace newsdex {

namespace {

/// Half-width katakana (U+FF61..U+FF9F) -> full-width, as NFKC maps them; the
/// rest of the text is left alone (full-width Latin is not CJK anyway).
UChar32 fold_width(UChar32 c) {
    if (c < 0xFF61 || c > 0xFF9F) return c;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return c;
    icu::UnicodeString s(c);
    icu::UnicodeString out = nfkc->normalize(s, status);
    return U_SUCCESS(status) && out.countChar32() == 1 ? out.char32At(0) : c;
}

/// Han (incl. 々 and 〆) or katakana (incl. the prolonged sound mark ー, whose
/// script property is Common).
bool in_run(UChar32 c) {
    if (c < 0x2E80) return false;  // below the CJK blocks: fast exit for most text
    if (c == 0x30FC || c == 0x3005 || c == 0x3006) return true;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    return U_SUCCESS(status) && (script == USCRIPT_HAN || script == USCRIPT_KATAKANA);
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    std::int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
    if (!error) out.append(buf, static_cast<std::size_t>(n));
}

bool is_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

Xapian::termpos cjk_bigrams(std::string_view text, const CjkBigramSink& sink,
                            Xapian::termpos first_position) {
    Xapian::termpos position = first_position;
    if (is_ascii(text)) return position + static_cast<Xapian::termpos>(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    UChar32 previous = -1;  // the run's last character, or -1 outside a run
    std::string pair;
    for (std::int32_t i = 0; i < length; ++position) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        c = c < 0 ? c : fold_width(c);
        if (c < 0 || !in_run(c)) {
            previous = -1;
            continue;
        }
        if (previous >= 0) {
            pair.clear();
            append_utf8(pair, previous);
            append_utf8(pair, c);
            sink(CjkBigram{pair, position - 1});
        }
        previous = c;
    }
    return position;
}

bool has_cjk_bigrams(std::string_view text) {
    bool found = false;
    cjk_bigrams(text, [&](const CjkBigram&) { found = true; });
    return found;
}

}  // namespace newsdex
