#include "analysis/language_detect.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "analysis/language_guess.h"
#include "analysis/text_analyzer.h"

namespace newsdex {

namespace {

/// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

/// CLD2's code for a language it is sure of, as newsdex names languages; ""
/// for its "unknown" answers and its extended pseudo-languages.
std::string cld2_code(CLD2::Language language) {
    if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE ||
        language >= CLD2::X_BORK_BORK_BORK)
        return {};
    std::string_view code = CLD2::LanguageCode(language);
    // CLD2 keeps Google's pre-1989 codes for Hebrew, Yiddish and Javanese.
    if (code == "iw") return "he";
    if (code == "ji") return "yi";
    if (code == "jw") return "jv";
    return canonical_language(code);  // "zh-Hant" -> "zh", "nn" -> "no"
}

}  // namespace

std::string detect_language(std::string_view title, std::string_view body, std::string_view usual,
                            bool* reliable_out) {
    if (reliable_out) *reliable_out = false;
    std::string sample(utf8_prefix(title, kLanguageDetectSampleBytes));
    sample += '\n';
    sample += utf8_prefix(
        body, kLanguageDetectSampleBytes - std::min(sample.size(), kLanguageDetectSampleBytes));

    CLD2::Language top3[3];
    int percent3[3];
    double scores3[3];
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &hints,
        /*flags=*/0, top3, percent3, scores3, nullptr, &text_bytes, &reliable, &valid_prefix);
    if (reliable) {
        std::string code = cld2_code(language);
        if (!code.empty()) {
            if (reliable_out) *reliable_out = true;
            return code;
        }
    }
    // Not sure (short or mixed text): a script that names one language still
    // does; Latin or Cyrillic alone does not.
    std::string by_script = guess_language_by_script(sample);
    if (!by_script.empty() || usual.empty()) return by_script;
    // Short text in an input whose articles are mostly in `usual`: CLD2's
    // best effort, told what to expect, must still agree.
    const std::string usual_code(usual);
    CLD2::Language expected = CLD2::GetLanguageFromName(usual_code.c_str());
    if (expected == CLD2::UNKNOWN_LANGUAGE) return {};
    const CLD2::CLDHints hinted{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, expected};
    language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &hinted,
        CLD2::kCLDFlagBestEffort, top3, percent3, scores3, nullptr, &text_bytes, &reliable,
        &valid_prefix);
    return cld2_code(language) == usual ? usual_code : std::string();
}

std::string ArticleLanguages::operator()(const Article& article, std::string_view forced) {
    if (!article.lang.empty()) return canonical_language(article.lang);
    if (!forced.empty()) return canonical_language(forced);
    auto& counts = reliable_[article.collection];
    std::string usual;
    std::uint64_t most = 0;
    for (const auto& [lang, n] : counts)
        if (n > most) usual = lang, most = n;
    bool reliable = false;
    std::string detected = detect_language(article.title, article.body, usual, &reliable);
    if (reliable) ++counts[detected];
    return detected.empty() ? std::string(kUndeterminedLanguage) : detected;
}

}  // namespace newsdex
