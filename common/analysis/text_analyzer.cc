#include "analysis/text_analyzer.h"

#include <unicode/ubrk.h>

#include <algorithm>
#include <vector>

#include <xapian.h>

#include "analysis/token_normalizer.h"
#include "errors.h"

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
        {"english", "en"},    {"german", "de"},    {"deutsch", "de"},    {"french", "fr"},
        {"spanish", "es"},    {"italian", "it"},   {"dutch", "nl"},      {"portuguese", "pt"},
        {"swedish", "sv"},    {"norwegian", "no"}, {"danish", "da"},     {"finnish", "fi"},
        {"russian", "ru"},    {"arabic", "ar"},    {"japanese", "ja"},   {"chinese", "zh"},
        {"turkish", "tr"},    {"hungarian", "hu"}, {"romanian", "ro"},   {"nb", "no"},
        {"nn", "no"},         {"greek", "el"},     {"indonesian", "id"}, {"irish", "ga"},
        {"lithuanian", "lt"}, {"nepali", "ne"},    {"tamil", "ta"},      {"armenian", "hy"},
        {"basque", "eu"},     {"catalan", "ca"},
    };
    for (const auto& [name, iso] : kNames)
        if (code == name) return iso;
    return code;
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
    if (last_stemmer_ && lang == last_lang_) return *last_stemmer_;
    auto it = stemmers_.find(lang);
    if (it == stemmers_.end()) {
        Stemmer s;
        if (!lang.empty()) {
            try {
                s.stem = Xapian::Stem(std::string(lang));
                s.available = !s.stem.is_none();
            } catch (const Xapian::Error&) {
                s.available = false;  // no stemmer for this language: unstemmed terms only
            }
        }
        it = stemmers_.emplace(std::string(lang), std::move(s)).first;
    }
    last_lang_.assign(lang);
    last_stemmer_ = &it->second;  // stable: unordered_map never moves its elements
    return it->second;
}

const std::string& TextAnalyzer::stem(std::string_view folded, std::string_view lang) {
    Stemmer& s = stemmer_for(lang);
    if (!s.available || folded.empty()) return empty_;
    auto hit = s.cache.find(folded);
    if (hit != s.cache.end()) return hit->second;
    if (s.cache.size() >= kStemCacheLimit) s.cache.clear();
    std::string key(folded);
    std::string stemmed = fold_accents(s.stem(key));
    return s.cache.emplace(std::move(key), std::move(stemmed)).first->second;
}

Xapian::termpos TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                      const TokenSink& sink, Xapian::termpos first_position) {
    Xapian::termpos position = first_position;
    if (text.empty()) return position;

    segmenter_.segment(text, segments_);

    Token token;
    NormalizedWord word;
    std::vector<PendingPart> group;  // consecutive hyphen-joined parts

    auto flush_group = [&] {
        if (group.size() >= 2 && !std::all_of(group.begin(), group.end(), [](const PendingPart& p) {
                return all_digits(p.term);
            })) {
            token.term.clear();
            std::string folded;
            bool stemmable = true;
            for (const auto& p : group) {
                token.term += p.term;
                folded += p.folded;
                stemmable = stemmable && p.stemmable;
            }
            if (token.term.size() <= kMaxWordTermBytes) {
                if (stemmable)
                    token.stem = stem(folded, lang);
                else
                    token.stem.clear();
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

    for (const WordSegment& segment : segments_) {
        const std::uint32_t start = segment.start, end = segment.end;
        const std::int32_t status_tag = segment.status;
        std::string_view surface = text.substr(start, end - start);
        if (!group.empty()) {
            const PendingPart& last = group.back();
            std::string_view between = text.substr(last.end, start - last.end);
            if (!is_joining_hyphen(between)) flush_group();
        }
        Xapian::termpos this_position = position++;
        if (!normalize_word(surface, word) || word.term.size() > kMaxWordTermBytes) {
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
        if (stemmable)
            token.stem = stem(word.folded, lang);  // assignment reuses the token's buffer
        else
            token.stem.clear();
        token.position = this_position;
        token.span = 1;
        token.start = start;
        token.end = end;
        token.compound = false;
        sink(token);
        group.push_back(
            PendingPart{word.term, word.folded, this_position, token.start, token.end, stemmable});
    }
    flush_group();
    return position;
}

}  // namespace newsdex
