#pragma once
// Query text -> syntax tree, leniently. No analysis happens here: leaves keep
// the text as typed (with byte offsets, for "did you mean"), and the builder
// (query_builder.cc) runs them through the shared analysis pipeline.
//
// Grammar (Xapian QueryParser's precedence: juxtaposition binds tightest,
// then AND / NOT, then OR):
//
//   or_expr  := and_expr (OR and_expr)*
//   and_expr := [NOT] seq ((AND [NOT] | NOT) seq)*     NOT x = AND_NOT x
//   seq      := item+                                  the default operator
//   item     := ['+' | '-'] atom (NEAR[/n] atom)*
//
// A '+' or '-' is a mark only at the start of a token that follows whitespace,
// the start of the query or an opening parenthesis; written after a word, a
// closing parenthesis or a quote it is punctuation (pasted headlines:
// "(CORRECTED)-BANKERS TRUST", "\"target\"-denial" search every word).
//   atom     := word | word* | "phrase" | field:value | field:"value" | ( or_expr )
//
// Operators are recognised in upper case only ("and" is a word). Nothing is
// ever an error: an unbalanced quote, an unbalanced or too deeply nested
// parenthesis, a dangling operator or an empty field is dropped or searched as
// words, with a note; so are words beyond kMaxQueryWords. The parser never recurses more than
// kMaxQueryDepth parenthesis levels, so hostile input cannot overflow the stack.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query_fields.h"

namespace newsdex {

/// Parentheses nested deeper than this are ignored (as punctuation).
inline constexpr int kMaxQueryDepth = 64;
/// Words and phrases after this many are dropped (with a note): Xapian's
/// matcher slows down superlinearly on queries of thousands of subqueries, and
/// nobody types a thousand words on purpose (a pasted article, a script gone wrong).
inline constexpr std::size_t kMaxQueryWords = 1000;
/// `a NEAR b`: within this many words (Xapian QueryParser's default).
inline constexpr unsigned kDefaultNearDistance = 10;
/// `NEAR/n` larger than this is capped: a huge window is just AND, but costs
/// position checks.
inline constexpr unsigned kMaxNearDistance = 1000;

enum class QueryNodeKind {
    Empty,     ///< nothing searchable (e.g. "()")
    Word,      ///< text: one whitespace-delimited word as typed (may analyse to several tokens)
    Phrase,    ///< text: the words between the quotes
    Wildcard,  ///< text: the prefix as typed, without the trailing '*'
    Field,     ///< text: field name (lower case); children[0]: the value (Word, Phrase or Wildcard)
    Near,      ///< children: Word/Phrase operands; distance: within this many words
    Seq,       ///< juxtaposed items, combined by the default operator; children carry occur
    And,       ///< explicit AND; a child Not is AND_NOT
    Or,        ///< explicit OR
    Not,       ///< children[0] must not match
};

/// The +/- marks of an item in a sequence.
enum class Occur { Default, Required, Excluded };

struct QueryNode {
    QueryNodeKind kind = QueryNodeKind::Empty;
    Occur occur = Occur::Default;
    std::string text;
    unsigned distance = 0;
    /// Leaves: [start, end) of `text` in ParsedQuery::text (the sanitized query).
    std::size_t start = 0, end = 0;
    std::vector<QueryNode> children;
};

struct ParsedQuery {
    std::string text;  ///< the sanitized query text that offsets refer to
    QueryNode root;
    std::vector<std::string> notes;
};

/// Parses any bytes (sanitized to UTF-8 first). Never throws for any input.
ParsedQuery parse_query(std::string_view text);

/// A compact s-expression of the tree, for tests and --debug:
/// `(and (seq foo -bar) (or "a b" neg*))`, `title:"cease fire"`, `(near/10 a b)`.
std::string describe(const QueryNode& node);

}  // namespace newsdex
