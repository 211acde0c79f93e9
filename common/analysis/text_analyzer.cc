#include "analysis/text_analyzer.h"

#include <unicode/ubrk.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

#include <xapian.h>

#include "analysis/language_guess.h"
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

/// Whether a word written with dots between letters ("CBKG.F", "N.SEA",
/// "example.com"; normalize_word joins it to "cbkgf") is also indexed by its
/// parts, as a hyphenated word is. Letter acronyms ("U.S.", "e.g.") are not:
/// every part is one letter and a part alone means nothing.
bool splits_at_dots(std::string_view surface, std::string_view term) {
    if (surface.find('.') == std::string_view::npos || term.find('.') != std::string_view::npos)
        return false;  // no dot, or dots kept (numbers, mixed tokens): one word
    std::size_t longest = 0, run = 0;
    for (char c : surface) {
        if (c == '.') {
            run = 0;
            continue;
        }
        // Count code points, not bytes: "Ü.S" is an acronym too.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) longest = std::max(longest, ++run);
    }
    return longest >= 2;
}

/// The Xapian stemmer for a language code. German uses Snowball's german2,
/// which also reads ae/oe/ue as ä/ö/ü, so "Oesterreich" (typed without
/// umlauts) stems like "Österreich".
std::string stemmer_name(std::string_view lang) {
    if (lang == "de" || lang == "german") return "german2";
    return std::string(lang);
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

std::vector<std::string> supported_languages() {
    std::set<std::string> codes(kScriptLanguages.begin(), kScriptLanguages.end());
    std::istringstream names(Xapian::Stem::get_available_languages());
    for (std::string name; names >> name;) {
        // Variants without an ISO code (porter, lovins, german2, ...) stay
        // accepted by name but are not listed.
        std::string code = canonical_language(name);
        if (code.size() == 2) codes.insert(code);
    }
    return {codes.begin(), codes.end()};
}

bool is_supported_language(std::string_view lang) {
    const std::string code = canonical_language(lang);
    if (code.empty()) return false;
    if (TextAnalyzer::has_stemmer(code)) return true;
    for (std::string_view script : kScriptLanguages)
        if (code == script) return true;
    return false;
}

bool TextAnalyzer::has_stemmer(std::string_view lang) {
    if (lang.empty()) return false;
    try {
        Xapian::Stem stem{stemmer_name(lang)};
        return !stem.is_none();
    } catch (const Xapian::Error&) {
        return false;
    }
}

bool TextAnalyzer::stems_clitics(std::string_view lang) {
    // Measured on Arabic (bench/RESULTS.md, issue 15 item 2). Snowball's
    // Indonesian strips -nya/-ku/-mu and Spanish/Italian verb enclitics too,
    // but no topics measure them yet, so they are left out.
    return canonical_language(lang) == "ar";
}

TextAnalyzer::Stemmer& TextAnalyzer::stemmer_for(std::string_view lang) {
    if (last_stemmer_ && lang == last_lang_) return *last_stemmer_;
    auto it = stemmers_.find(lang);
    if (it == stemmers_.end()) {
        Stemmer s;
        if (!lang.empty()) {
            try {
                s.stem = Xapian::Stem(stemmer_name(lang));
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
    if (folded.empty()) return empty_;
    auto hit = s.cache.find(folded);
    if (hit != s.cache.end()) return hit->second;
    if (s.cache.size() >= kStemCacheLimit) s.cache.clear();
    std::string key(folded);
    // No stemmer: the word is its own stem, so that every stemmable word of
    // every article has a stem term and one query over stems finds them all.
    std::string stemmed = fold_accents(s.available ? s.stem(key) : key);
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
        if (!normalize_word(surface, word) || word.term.size() > kMaxWordTermBytes) {
            ++position;
            flush_group();
            continue;
        }
        // Only words that start with a letter are stemmed (as Xapian's
        // TermGenerator does): stems of numbers ("1.13", "4th") are noise that
        // doubles the stem vocabulary. Kana and ideographs are not stemmed
        // either: no Xapian stemmer handles them.
        const bool letters = status_tag >= UBRK_WORD_LETTER && status_tag < UBRK_WORD_KANA;
        if (letters && splits_at_dots(surface, word.term)) {
            // "CBKG.F": its parts "cbkg" and "f" at consecutive positions, then
            // the joined "cbkgf" over them (flush_group), as for "cease-fire".
            flush_group();
            for (std::size_t from = 0; from <= surface.size();) {
                std::size_t dot = std::min(surface.find('.', from), surface.size());
                NormalizedWord part;
                if (dot > from && normalize_word(surface.substr(from, dot - from), part)) {
                    token.term = part.term;
                    const bool stemmable = !(part.term[0] >= '0' && part.term[0] <= '9');
                    if (stemmable)
                        token.stem = stem(part.folded, lang);
                    else
                        token.stem.clear();
                    token.position = position++;
                    token.span = 1;
                    token.start = start + static_cast<std::uint32_t>(from);
                    token.end = start + static_cast<std::uint32_t>(dot);
                    token.compound = false;
                    sink(token);
                    group.push_back(PendingPart{part.term, part.folded, token.position, token.start,
                                                token.end, stemmable});
                }
                from = dot + 1;
            }
            flush_group();
            continue;
        }
        Xapian::termpos this_position = position++;
        bool stemmable = letters && !(word.term[0] >= '0' && word.term[0] <= '9');
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
