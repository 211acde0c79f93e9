#include "query_parser.h"

// The grammar (query_parser.h) over the lexemes of query_lexer.h: a
// recursive-descent parser whose depth the lexer bounds, and describe().

#include "analysis/text_sanitizer.h"
#include "query_lexer.h"

namespace newsdex {

namespace {

using query_syntax::Lex;
using query_syntax::Lexeme;
using query_syntax::Notes;

QueryNode leaf(QueryNodeKind kind, const Lexeme& l) {
    QueryNode n;
    n.kind = kind;
    n.text = std::string(l.text);
    n.start = l.start;
    n.end = l.start + l.text.size();
    return n;
}

class Parser {
  public:
    Parser(std::vector<Lexeme> lexemes, Notes& notes) : lx_(std::move(lexemes)), notes_(notes) {}

    QueryNode parse_all() {
        QueryNode root = parse_or(0);
        // The grammar consumes every lexeme at depth 0 (stray ')' were removed
        // by balance_parentheses); this loop only guarantees termination.
        while (peek().kind != Lex::End) {
            advance();
            notes_.add("unexpected operator: ignored");
            QueryNode more = parse_or(0);
            if (more.kind == QueryNodeKind::Empty) continue;
            if (root.kind == QueryNodeKind::Empty) {
                root = std::move(more);
            } else {
                QueryNode both;
                both.kind = QueryNodeKind::And;
                both.children.push_back(std::move(root));
                both.children.push_back(std::move(more));
                root = std::move(both);
            }
        }
        return root;
    }

  private:
    const Lexeme& peek(std::size_t ahead = 0) const {
        return lx_[std::min(pos_ + ahead, lx_.size() - 1)];
    }
    void advance() {
        if (pos_ + 1 < lx_.size()) ++pos_;
    }
    static bool starts_seq(const Lexeme& l) {
        return l.kind == Lex::Word || l.kind == Lex::Phrase || l.kind == Lex::LParen ||
               l.kind == Lex::Near;
    }
    static bool near_operand(const Lexeme& l) {
        return (l.kind == Lex::Word && l.field.empty() && !l.wildcard) ||
               (l.kind == Lex::Phrase && l.field.empty());
    }

    static QueryNode collapse(QueryNodeKind kind, std::vector<QueryNode> parts) {
        QueryNode n;
        if (parts.empty()) return n;
        // A lone "-x" keeps its sequence: the mark means nothing outside one.
        if (parts.size() == 1 && parts[0].occur != Occur::Excluded) {
            parts[0].occur = Occur::Default;  // "+a" alone is just "a"
            return std::move(parts[0]);
        }
        n.kind = kind;
        n.children = std::move(parts);
        return n;
    }

    /// One note per dangling operator, naming what is missing.
    void dangling(std::string_view op, bool have_left, bool have_right) {
        std::string what = !have_left && !have_right ? " without operands"
                           : !have_left              ? " without a left operand"
                                                     : " without a right operand";
        notes_.add(std::string(op) + what + ": ignored");
    }

    QueryNode parse_or(int depth) {
        std::vector<QueryNode> alternatives;
        std::size_t before = pos_;
        QueryNode first = parse_and(depth);
        bool have_left = pos_ != before;
        if (first.kind != QueryNodeKind::Empty) alternatives.push_back(std::move(first));
        while (peek().kind == Lex::Or) {
            advance();
            // A following AND is left to parse_and, which notes it as dangling.
            bool have_right =
                starts_seq(peek()) || peek().kind == Lex::Not || peek().kind == Lex::And;
            if (!have_left || !have_right) dangling("OR", have_left, have_right);
            if (!have_right) continue;
            have_left = true;
            QueryNode next = parse_and(depth);
            if (next.kind != QueryNodeKind::Empty) alternatives.push_back(std::move(next));
        }
        return collapse(QueryNodeKind::Or, std::move(alternatives));
    }

    QueryNode parse_and(int depth) {
        std::vector<QueryNode> parts;
        bool first = true;
        for (;;) {
            if (peek().kind == Lex::And) {
                advance();
                bool have_right = starts_seq(peek()) || peek().kind == Lex::Not;
                if (first || !have_right) dangling("AND", !first, have_right);
                if (!have_right) {
                    first = false;
                    continue;
                }
            }
            bool negate = false;
            if (peek().kind == Lex::Not) {
                unsigned count = 0;
                while (peek().kind == Lex::Not) {  // iterative: "NOT NOT ..." cannot recurse
                    advance();
                    ++count;
                }
                first = false;
                if (!starts_seq(peek())) {
                    notes_.add("NOT without an operand: ignored");
                    continue;
                }
                negate = count % 2 == 1;
            } else if (!starts_seq(peek())) {
                break;
            }
            first = false;
            QueryNode operand = parse_seq(depth);
            if (operand.kind == QueryNodeKind::Empty) continue;
            if (negate) {
                QueryNode n;
                n.kind = QueryNodeKind::Not;
                n.children.push_back(std::move(operand));
                operand = std::move(n);
            }
            parts.push_back(std::move(operand));
        }
        return collapse(QueryNodeKind::And, std::move(parts));
    }

    QueryNode parse_seq(int depth) {
        std::vector<QueryNode> items;
        while (starts_seq(peek())) {
            if (peek().kind == Lex::Near) {
                advance();
                notes_.add("NEAR needs a word on each side: ignored");
                continue;
            }
            QueryNode item = parse_item(depth);
            if (item.kind != QueryNodeKind::Empty) items.push_back(std::move(item));
        }
        return collapse(QueryNodeKind::Seq, std::move(items));
    }

    /// Why NEAR cannot join these two lexemes, as a note.
    static std::string near_refusal(const Lexeme& left, const Lexeme& right) {
        for (const Lexeme* l : {&left, &right}) {
            if (l->wildcard)
                return "NEAR does not take wildcards (" + std::string(l->text) +
                       "*): searched without NEAR";
            if (!l->field.empty())
                return "NEAR does not take fields (" + std::string(l->field) +
                       ":): searched without NEAR";
        }
        return "NEAR needs a word on each side: ignored";
    }

    QueryNode parse_item(int depth) {
        char modifier = peek().modifier;
        bool nearable = near_operand(peek());
        const Lexeme first = peek();
        QueryNode node = parse_atom(depth);
        if (peek().kind == Lex::Near) {
            QueryNode near;
            near.kind = QueryNodeKind::Near;
            near.children.push_back(std::move(node));
            while (peek().kind == Lex::Near) {
                if (!nearable || !near_operand(peek(1))) {
                    notes_.add(near_refusal(first, peek(1)));
                    advance();
                    break;
                }
                near.distance = peek().distance;  // the last NEAR/n wins, as in Xapian
                advance();
                near.children.push_back(parse_atom(depth));
            }
            if (near.children.size() >= 2)
                node = std::move(near);
            else
                node = std::move(near.children.front());
        }
        if (node.kind == QueryNodeKind::Empty) return node;
        node.occur = modifier == '+'   ? Occur::Required
                     : modifier == '-' ? Occur::Excluded
                                       : Occur::Default;
        return node;
    }

    // Invariant: balance_parentheses let through at most kMaxQueryDepth
    // nested groups, so the recursion through parse_or is bounded.
    QueryNode parse_atom(int depth) {
        Lexeme l = peek();
        advance();
        switch (l.kind) {
            case Lex::Word:
            case Lex::Phrase: {
                QueryNodeKind kind = l.kind == Lex::Phrase ? QueryNodeKind::Phrase
                                     : l.wildcard          ? QueryNodeKind::Wildcard
                                                           : QueryNodeKind::Word;
                QueryNode value = leaf(kind, l);
                if (l.field.empty()) return value;
                QueryNode field;
                field.kind = QueryNodeKind::Field;
                field.text = std::string(l.field);
                field.start = value.start;
                field.end = value.end;
                field.children.push_back(std::move(value));
                return field;
            }
            case Lex::LParen: {
                QueryNode inner = parse_or(depth + 1);
                if (peek().kind == Lex::RParen) advance();  // else: End, closed implicitly
                if (inner.kind == QueryNodeKind::Empty) notes_.add("empty parentheses: ignored");
                return inner;
            }
            default:
                return QueryNode{};
        }
    }

    std::vector<Lexeme> lx_;
    std::size_t pos_ = 0;
    Notes& notes_;
};

void describe_into(const QueryNode& n, std::string& out) {
    if (n.occur == Occur::Required) out += '+';
    if (n.occur == Occur::Excluded) out += '-';
    auto list = [&](std::string_view head) {
        out += '(';
        out += head;
        for (const auto& c : n.children) {
            out += ' ';
            describe_into(c, out);
        }
        out += ')';
    };
    switch (n.kind) {
        case QueryNodeKind::Empty:
            out += "()";
            break;
        case QueryNodeKind::Word:
            out += n.text;
            break;
        case QueryNodeKind::Phrase:
            out += '"';
            out += n.text;
            out += '"';
            break;
        case QueryNodeKind::Wildcard:
            out += n.text;
            out += '*';
            break;
        case QueryNodeKind::Field:
            out += n.text;
            out += ':';
            if (!n.children.empty()) describe_into(n.children.front(), out);
            break;
        case QueryNodeKind::Near:
            list("near/" + std::to_string(n.distance));
            break;
        case QueryNodeKind::Seq:
            list("seq");
            break;
        case QueryNodeKind::And:
            list("and");
            break;
        case QueryNodeKind::Or:
            list("or");
            break;
        case QueryNodeKind::Not:
            list("not");
            break;
    }
}
}  // namespace

ParsedQuery parse_query(std::string_view text) {
    ParsedQuery parsed;
    parsed.text = std::string(text);
    sanitize_text(parsed.text);
    Notes notes(parsed.notes);
    std::vector<Lexeme> lexemes = query_syntax::lex(parsed.text, notes);
    query_syntax::limit_words(lexemes, notes);
    lexemes = query_syntax::balance_parentheses(lexemes, notes);
    Parser parser(std::move(lexemes), notes);
    parsed.root = parser.parse_all();
    return parsed;
}

std::string describe(const QueryNode& node) {
    std::string out;
    describe_into(node, out);
    return out;
}

}  // namespace newsdex
