#include "analysis/token_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <utility>

namespace newsdex {

namespace {

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return *instance;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return *instance;
}

const icu::Normalizer2& nfc() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return *instance;
}

bool is_apostrophe(UChar32 c) {
    return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == 0x0060 || c == 0x00B4 ||
           c == 0x2032 || c == 0xFF07;
}

/// Scripts whose combining marks are accents that users omit when typing.
bool marks_are_accents(UChar32 base) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(base, &status);
    return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC ||
           script == USCRIPT_ARABIC || script == USCRIPT_HEBREW;
}

/// Possessive and acronym clean-up on an ASCII-apostrophe, lower-case word.
void tidy_word(std::string& w) {
    if (w.size() >= 2 && w.compare(w.size() - 2, 2, "'s") == 0) {
        w.resize(w.size() - 2);
    }
    while (!w.empty() && w.back() == '\'') w.pop_back();
    while (!w.empty() && w.front() == '\'') w.erase(0, 1);
    // "u.s" / "u.n" -> "us" / "un": acronyms match with or without dots.
    if (w.find('.') != std::string::npos) {
        bool acronym = std::all_of(w.begin(), w.end(), [](char c) {
            return c == '.' || static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z');
        });
        if (acronym) w.erase(std::remove(w.begin(), w.end(), '.'), w.end());
    }
}

bool is_plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// Letters and digits that writers use interchangeably, folded to one form
/// for matching (after accents are removed). Arabic, as Lucene's
/// ArabicNormalizer: alef maksura -> yeh, and teh marbuta -> heh at the end of
/// a word (hamza forms fold with the accents: their hamza is a combining mark
/// under NFD). Arabic-Indic and Extended Arabic-Indic (Persian) digits ->
/// ASCII digits, so 2015 finds the Arabic-script numeral.
/// Returns whether anything changed.
bool fold_interchangeable(icu::UnicodeString& s) {
    bool changed = false;
    for (int32_t i = 0; i < s.length(); ++i) {
        char16_t c = s.charAt(i);
        char16_t to = c;
        if (c >= 0x0660 && c <= 0x0669)
            to = static_cast<char16_t>(u'0' + (c - 0x0660));
        else if (c >= 0x06F0 && c <= 0x06F9)
            to = static_cast<char16_t>(u'0' + (c - 0x06F0));
        else if (c == 0x0649)                         // ى alef maksura
            to = 0x064A;                              // ي yeh
        else if (c == 0x0629 && i + 1 == s.length())  // ة teh marbuta, word end
            to = 0x0647;                              // ه heh
        if (to != c) {
            s.setCharAt(i, to);
            changed = true;
        }
    }
    return changed;
}

}  // namespace

std::vector<std::string> written_variants(std::string_view folded) {
    // Only the word-final letters whose two spellings stem differently.
    static constexpr std::pair<std::string_view, std::string_view> kFinalPairs[] = {
        {"\u0629", "\u0647"},  // ة / ه
        {"\u0649", "\u064A"},  // ى / ي
    };
    std::vector<std::string> out;
    for (const auto& [a, b] : kFinalPairs) {
        for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
            if (folded.size() > from.size() && folded.ends_with(from)) {
                std::string v(folded.substr(0, folded.size() - from.size()));
                v += to;
                out.push_back(std::move(v));
            }
        }
    }
    return out;
}

std::string fold_accents(std::string_view folded) {
    if (is_plain_ascii(folded)) return std::string(folded);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    icu::UnicodeString decomposed = nfd().normalize(s, status);
    if (U_FAILURE(status)) return std::string(folded);
    icu::UnicodeString kept;
    UChar32 base = 0;
    bool changed = false;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (c == 0x0640) {  // Arabic tatweel: typographic stretching, not a letter
            changed = true;
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK && base && marks_are_accents(base)) {
            changed = true;
            continue;
        }
        if (u_charType(c) != U_NON_SPACING_MARK) base = c;
        kept.append(c);
    }
    if (fold_interchangeable(kept)) changed = true;
    if (!changed) return std::string(folded);
    icu::UnicodeString composed = nfc().normalize(kept, status);
    std::string out;
    (U_SUCCESS(status) ? composed : kept).toUTF8String(out);
    return out;
}

bool normalize_word(std::string_view surface, NormalizedWord& out) {
    out.folded.clear();
    if (is_plain_ascii(surface)) {
        // ASCII fast path: NFKC_Casefold of ASCII is lower-casing.
        out.folded.assign(surface);
        for (char& c : out.folded)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (out.folded.find_first_of("`'.") != std::string::npos) tidy_word(out.folded);
        out.term = out.folded;
        return !out.term.empty();
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(
        icu::StringPiece(surface.data(), static_cast<int32_t>(surface.size())));
    icu::UnicodeString n = nfkc_casefold().normalize(s, status);
    if (U_FAILURE(status)) n = s.foldCase();
    for (int32_t i = 0; i < n.length(); ++i)
        if (is_apostrophe(n.charAt(i))) n.setCharAt(i, u'\'');
    n.toUTF8String(out.folded);
    tidy_word(out.folded);
    out.term = fold_accents(out.folded);
    return !out.term.empty();
}

}  // namespace newsdex
