#pragma once
// The query parser's first stage: sanitized query text -> lexemes (words,
// phrases, parentheses, operators, with their +/- marks, fields and byte
// offsets), then the repairs that let the parser assume a well-formed
// stream: at most kMaxQueryWords words, parentheses balanced and nested at
// most kMaxQueryDepth deep.
//
// For: where tokens of the query syntax begin and end (quotes, marks,
// field:value, wildcards, NEAR/n). Not for: the grammar (query_parser.cc)
// nor what a word matches (the analysis, at build time).

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::query_syntax {

enum class Lex { Word, Phrase, LParen, RParen, And, Or, Not, Near, End };

struct Lexeme {
    Lex kind = Lex::End;
    char modifier = 0;       ///< '+' or '-' written before the atom, else 0
    std::string_view field;  ///< canonical field name when the atom is field:value
    std::string_view text;   ///< word, phrase content, wildcard prefix or field value
    std::size_t start = 0;   ///< offset of `text` in the sanitized query
    bool wildcard = false;   ///< Word: written with a trailing '*' (stripped from `text`)
    unsigned distance = 0;   ///< Near: within this many words
};

/// Collects notes once each: a query with a thousand stray ')' needs one note.
class Notes {
  public:
    explicit Notes(std::vector<std::string>& out) : out_(out) {}
    void add(std::string note) {
        if (std::find(out_.begin(), out_.end(), note) == out_.end())
            out_.push_back(std::move(note));
    }

  private:
    std::vector<std::string>& out_;
};

/// Splits the sanitized query into lexemes. Quotes pair up left to right; an
/// opening quote without a partner is dropped and the rest lexed as words.
std::vector<Lexeme> lex(std::string_view s, Notes& notes);

/// Keeps the first kMaxQueryWords words and phrases (and what precedes the next one).
void limit_words(std::vector<Lexeme>& lexemes, Notes& notes);

/// Drops parentheses that would nest deeper than kMaxQueryDepth and those
/// without a partner, so that the parser only sees balanced groups (an
/// unclosed one is closed at the end) of bounded depth; ends with an End
/// lexeme.
std::vector<Lexeme> balance_parentheses(const std::vector<Lexeme>& in, Notes& notes);

}  // namespace newsdex::query_syntax
