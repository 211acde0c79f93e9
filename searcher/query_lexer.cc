#include "query_lexer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "query_fields.h"
#include "query_parser.h"

namespace newsdex::query_syntax {

namespace {

/// Length in bytes of a quote character starting at s[i] (" “ ” „ ‟), else 0.
std::size_t quote_length(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80') {
        unsigned char c = static_cast<unsigned char>(s[i + 2]);
        if (c >= 0x9C && c <= 0x9F) return 3;  // U+201C..U+201F
    }
    return 0;
}

/// Length in bytes of a whitespace character starting at s[i], else 0.
std::size_t space_length(std::string_view s, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v');
    int32_t pos = static_cast<int32_t>(i);
    UChar32 cp = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), cp);
    return cp >= 0 && u_isUWhiteSpace(cp) ? static_cast<std::size_t>(pos) - i : 0;
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::vector<Lexeme> lex(std::string_view s, Notes& notes) {
    std::vector<Lexeme> out;
    char pending_modifier = 0;       // "-" written directly before a quote or '('
    std::string_view pending_field;  // "source:" written directly before a quote
    auto take_pending = [&](Lexeme& l) {
        l.modifier = pending_modifier;
        l.field = pending_field;
        pending_modifier = 0;
        pending_field = {};
    };
    auto drop_pending = [&] {
        if (!pending_field.empty())
            notes.add("empty field " + std::string(pending_field) + ": ignored");
        pending_modifier = 0;
        pending_field = {};
    };

    // Whether the next lexeme starts a token: at the start of the query, after
    // whitespace or after an opening parenthesis (the start of a group). Only
    // there is a leading '+' or '-' a mark; elsewhere it is punctuation inside
    // pasted text: "(CORRECTED)-BANKERS", "SURPLUS)-OFFICIAL", "\"target\"-denial".
    bool at_token_start = true;
    std::size_t i = 0;
    while (i < s.size()) {
        if (std::size_t n = space_length(s, i)) {
            drop_pending();
            at_token_start = true;
            i += n;
            continue;
        }
        const bool can_mark = at_token_start;
        at_token_start = s[i] == '(';
        if (s[i] == '(' || s[i] == ')') {
            Lexeme l;
            l.kind = s[i] == '(' ? Lex::LParen : Lex::RParen;
            l.start = i;
            if (l.kind == Lex::LParen) {
                if (!pending_field.empty()) drop_pending();  // field:(...) is not supported
                take_pending(l);
                l.field = {};
            } else {
                drop_pending();
            }
            out.push_back(l);
            ++i;
            continue;
        }
        if (std::size_t q = quote_length(s, i)) {
            std::size_t close = i + q;
            std::size_t close_len = 0;
            while (close < s.size() && (close_len = quote_length(s, close)) == 0) ++close;
            if (close >= s.size()) {
                notes.add("unbalanced quote: searched as words");
                drop_pending();
                i += q;
                continue;
            }
            Lexeme l;
            l.kind = Lex::Phrase;
            take_pending(l);
            if (s.substr(i + q, close - i - q).find('*') != std::string_view::npos)
                notes.add("wildcards inside a phrase are not supported: * searched as written");
            l.start = i + q;
            l.text = s.substr(i + q, close - i - q);
            out.push_back(l);
            i = close + close_len;
            continue;
        }

        // A word: up to whitespace, a parenthesis or a quote.
        std::size_t end = i;
        while (end < s.size() && s[end] != '(' && s[end] != ')' && !quote_length(s, end) &&
               !space_length(s, end))
            ++end;
        std::string_view w = s.substr(i, end - i);
        std::size_t w_start = i;
        bool before_group = end < s.size() && (s[end] == '(' || quote_length(s, end));
        i = end;
        drop_pending();  // a pending mark is only ever followed by a quote or '('

        Lexeme l;
        l.kind = Lex::Word;
        if (w == "AND" || w == "OR" || w == "NOT") {
            l.kind = w == "AND" ? Lex::And : w == "OR" ? Lex::Or : Lex::Not;
            out.push_back(l);
            continue;
        }
        if (w == "NEAR" || w.starts_with("NEAR/")) {
            l.kind = Lex::Near;
            l.distance = kDefaultNearDistance;
            std::string_view digits = w.size() > 5 ? w.substr(5) : std::string_view{};
            const bool numeric =
                !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
            if (numeric) {
                unsigned n = 0;
                for (char c : digits) n = std::min(kMaxNearDistance + 1, n * 10 + (c - '0'));
                l.distance = std::clamp(n, 1u, kMaxNearDistance);
                if (n != l.distance)
                    notes.add(std::string(w) + ": the distance is 1 to " +
                              std::to_string(kMaxNearDistance) + " words; used NEAR/" +
                              std::to_string(l.distance));
            } else if (w != "NEAR") {
                notes.add(std::string(w) +
                          ": the distance must be a whole number of words; used NEAR/" +
                          std::to_string(kDefaultNearDistance));
            }
            out.push_back(l);
            continue;
        }
        if (w == "+" || w == "-") {
            if (before_group && can_mark) pending_modifier = w[0];
            continue;  // otherwise a lone sign is punctuation
        }
        if (w[0] == '+' || w[0] == '-') {
            // Not a mark after a word, ')' or a quote: then only punctuation
            // joining it to what precedes, dropped like the analyzer drops it.
            if (can_mark) l.modifier = w[0];
            w.remove_prefix(1);
            ++w_start;
            if (w.empty()) continue;
        }
        if (std::size_t colon = w.find(':'); colon != std::string_view::npos && colon > 0) {
            std::string_view field = canonical_field(w.substr(0, colon));
            if (field.empty() && looks_like_field(w.substr(0, colon), w.substr(colon + 1)))
                notes.add("unknown field " + std::string(w.substr(0, colon)) +
                          ": searched as words (fields: " + known_fields_list() + ")");
            if (!field.empty()) {
                std::string_view value = w.substr(colon + 1);
                if (value.empty()) {
                    if (before_group && quote_length(s, end)) {
                        pending_modifier = l.modifier;
                        pending_field = field;
                    } else {
                        notes.add("empty field " + std::string(field) + ": ignored");
                    }
                    continue;
                }
                l.field = field;
                w = value;
                w_start += colon + 1;
                if (field != "title" && field != "author") {  // filter values are taken verbatim
                    l.text = w;
                    l.start = w_start;
                    out.push_back(l);
                    continue;
                }
            }
        }
        if (w.front() == '*' && w.find_first_not_of('*') != std::string_view::npos) {
            notes.add("leading wildcard " + std::string(w) +
                      ": not supported (only word endings: negotiat*), ignored");
            continue;
        }
        if (w.back() == '*') {
            std::string_view prefix = w;
            while (!prefix.empty() && prefix.back() == '*') prefix.remove_suffix(1);
            if (prefix.empty()) {
                notes.add("a bare * matches everything: ignored");
                continue;
            }
            if (code_points(prefix) < 2) {
                notes.add("wildcard " + std::string(w) + ": prefix too short, ignored");
                continue;
            }
            l.wildcard = true;
            w = prefix;
        }
        l.text = w;
        l.start = w_start;
        out.push_back(l);
    }
    drop_pending();
    return out;
}

void limit_words(std::vector<Lexeme>& lexemes, Notes& notes) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < lexemes.size(); ++i) {
        if (lexemes[i].kind != Lex::Word && lexemes[i].kind != Lex::Phrase) continue;
        if (++words > kMaxQueryWords) {
            lexemes.resize(i);
            notes.add("query too long: only the first " + std::to_string(kMaxQueryWords) +
                      " words are searched");
            return;
        }
    }
}

std::vector<Lexeme> balance_parentheses(const std::vector<Lexeme>& in, Notes& notes) {
    std::vector<Lexeme> out;
    out.reserve(in.size() + 1);
    std::vector<bool> kept;  // per open parenthesis: passed on to the parser?
    int depth = 0;
    for (const Lexeme& l : in) {
        if (l.kind == Lex::LParen) {
            bool keep = depth < kMaxQueryDepth;
            kept.push_back(keep);
            if (!keep) {
                notes.add("parentheses nested deeper than " + std::to_string(kMaxQueryDepth) +
                          ": treated as plain text");
                continue;
            }
            ++depth;
        } else if (l.kind == Lex::RParen) {
            if (kept.empty()) {
                notes.add("unbalanced parenthesis: ')' ignored");
                continue;
            }
            bool keep = kept.back();
            kept.pop_back();
            if (!keep) continue;
            --depth;
        }
        out.push_back(l);
    }
    if (!kept.empty()) notes.add("unbalanced parenthesis: closed at the end");
    out.push_back(Lexeme{});  // End sentinel
    return out;
}

}  // namespace newsdex::query_syntax
