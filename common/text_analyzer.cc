#include "text_analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include <xapian.h>

#include "errors.h"
#include "token_normalizer.h"

namespace newsdex {

namespace {

// Stem caches are per analyzer and per language; news vocabularies are
// Zipfian, so a modest cache answers most lookups. Cleared when full.
constexpr std::size_t kStemCacheLimit = 1 << 17;

/// The hyphen between two parts of a compound: ASCII hyphen-minus, U+2010
/// HYPHEN, U+2011 NON-BREAKING HYPHEN. Dashes (en/em) separate, they do not join.
bool is_joining_hyphen(std::string_view between) {
    return between == "-" || between == "\xE2\x80\x90" || between == "\xE2\x80\x91";
}

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct PendingPart {
    std::string term;
    std::string folded;
    Xapian::termpos position;
    std::uint32_t start, end;
    bool stemmable;
};

}  // namespace

std::string canonical_language(std::string_view lang) {
    std::string code;
    for (char c : lang) {
        if (c == '-' || c == '_') break;
        code.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    static const std::pair<const char*, const char*> kNames[] = {
        {"english", "en"},   {"german", "de"},     {"deutsch", "de"},    {"french", "fr"},
        {"spanish", "es"},   {"italian", "it"},    {"dutch", "nl"},      {"portuguese", "pt"},
        {"swedish", "sv"},   {"norwegian", "no"},  {"danish", "da"},     {"finnish", "fi"},
        {"russian", "ru"},   {"arabic", "ar"},     {"japanese", "ja"},   {"chinese", "zh"},
        {"turkish", "tr"},   {"hungarian", "hu"},  {"romanian", "ro"},   {"nb", "no"},
        {"nn", "no"},        {"greek", "el"},      {"indonesian", "id"}, {"irish", "ga"},
        {"lithuanian", "lt"}, {"nepali", "ne"},    {"tamil", "ta"},      {"armenian", "hy"},
        {"basque", "eu"},    {"catalan", "ca"},
    };
    for (const auto& [name, iso] : kNames)
        if (code == name) return iso;
    return code;
}

TextAnalyzer::TextAnalyzer() {
    UErrorCode status = U_ZERO_ERROR;
    // The root locale's word rules: UAX #29 plus the dictionaries for scripts
    // written without spaces (Japanese, Chinese, Thai, Khmer, ...).
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !breaker_)
        throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
}

TextAnalyzer::~TextAnalyzer() {
    if (utext_) utext_close(utext_);
}

bool TextAnalyzer::has_stemmer(std::string_view lang) {
    if (lang.empty()) return false;
    try {
        Xapian::Stem stem{std::string(lang)};
        return !stem.is_none();
    } catch (const Xapian::Error&) {
        return false;
    }
}

TextAnalyzer::Stemmer& TextAnalyzer::stemmer_for(std::string_view lang) {
    auto it = stemmers_.find(std::string(lang));
    if (it != stemmers_.end()) return it->second;
    Stemmer s;
    if (!lang.empty()) {
        try {
            s.stem = Xapian::Stem(std::string(lang));
            s.available = !s.stem.is_none();
        } catch (const Xapian::Error&) {
            s.available = false;  // no stemmer for this language: unstemmed terms only
        }
    }
    return stemmers_.emplace(std::string(lang), std::move(s)).first->second;
}

std::string TextAnalyzer::stem(std::string_view folded, std::string_view lang) {
    Stemmer& s = stemmer_for(lang);
    if (!s.available || folded.empty()) return {};
    std::string key(folded);
    auto hit = s.cache.find(key);
    if (hit != s.cache.end()) return hit->second;
    std::string stemmed = fold_accents(s.stem(key));
    if (s.cache.size() >= kStemCacheLimit) s.cache.clear();
    s.cache.emplace(std::move(key), stemmed);
    return stemmed;
}

Xapian::termpos TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                      const TokenSink& sink, Xapian::termpos first_position) {
    Xapian::termpos position = first_position;
    if (text.empty()) return position;

    UErrorCode status = U_ZERO_ERROR;
    // A UTF-8 UText makes the break iterator report byte offsets directly.
    utext_ = utext_openUTF8(utext_, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw Error(std::string("ICU utext_openUTF8: ") + u_errorName(status));
    breaker_->setText(utext_, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU setText: ") + u_errorName(status));

    Token token;
    NormalizedWord word;
    std::vector<PendingPart> group;  // consecutive hyphen-joined parts

    auto flush_group = [&] {
        if (group.size() >= 2 &&
            !std::all_of(group.begin(), group.end(),
                         [](const PendingPart& p) { return all_digits(p.term); })) {
            token.term.clear();
            std::string folded;
            bool stemmable = true;
            for (const auto& p : group) {
                token.term += p.term;
                folded += p.folded;
                stemmable = stemmable && p.stemmable;
            }
            if (token.term.size() <= kMaxTermBytes) {
                token.stem = stemmable ? stem(folded, lang) : std::string();
                token.position = group.front().position;
                token.span = static_cast<Xapian::termpos>(group.size());
                token.start = group.front().start;
                token.end = group.back().end;
                token.compound = true;
                sink(token);
            }
        }
        group.clear();
    };

    int32_t start = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker_->next()) {
        int32_t status_tag = breaker_->getRuleStatus();
        if (status_tag < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
        std::string_view surface = text.substr(static_cast<std::size_t>(start),
                                               static_cast<std::size_t>(end - start));
        if (!group.empty()) {
            const PendingPart& last = group.back();
            std::string_view between =
                text.substr(last.end, static_cast<std::size_t>(start) - last.end);
            if (!is_joining_hyphen(between)) flush_group();
        }
        Xapian::termpos this_position = position++;
        if (!normalize_word(surface, word) || word.term.size() > kMaxTermBytes) {
            flush_group();
            continue;
        }
        // Only words that start with a letter are stemmed (as Xapian's
        // TermGenerator does): stems of numbers ("1.13", "4th") are noise that
        // doubles the stem vocabulary. Kana and ideographs are not stemmed
        // either: no Xapian stemmer handles them.
        bool stemmable = status_tag >= UBRK_WORD_LETTER && status_tag < UBRK_WORD_KANA &&
                         !(word.term[0] >= '0' && word.term[0] <= '9');
        token.term = word.term;
        token.stem = stemmable ? stem(word.folded, lang) : std::string();
        token.position = this_position;
        token.span = 1;
        token.start = static_cast<std::uint32_t>(start);
        token.end = static_cast<std::uint32_t>(end);
        token.compound = false;
        sink(token);
        group.push_back(PendingPart{word.term, word.folded, this_position, token.start, token.end,
                                    stemmable});
    }
    flush_group();
    return position;
}

}  // namespace newsdex
