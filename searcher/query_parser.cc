#include "query_parser.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "analysis/text_sanitizer.h"

namespace newsdex {

namespace {

// Canonical field names; lexemes point into this table, so its views outlive them.
constexpr std::array<std::string_view, 12> kFields = {"title", "author", "source",     "topic",
                                                      "lang",  "id",     "collection", "date",
                                                      "place", "people", "org",        "exchange"};
constexpr std::array<std::string_view, 10> kFilterFields = {
    "source", "topic", "lang", "id", "collection", "date", "place", "people", "org", "exchange"};
/// Other spellings users type for a field (plurals, the Reuters tag names).
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kFieldAliases = {{
    {"places", "place"},
    {"person", "people"},
    {"orgs", "org"},
    {"exchanges", "exchange"},
    {"topics", "topic"},
    {"authors", "author"},
    {"language", "lang"},
}};

std::string_view canonical_field(std::string_view name) {
    if (name.size() > 16) return {};
    std::string lower(name);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (std::string_view f : kFields)
        if (f == lower) return f;
    for (const auto& [alias, f] : kFieldAliases)
        if (alias == lower) return f;
    return {};
}

/// "title author source ..." for notes: follows kFields, so a new field is
/// listed without another edit.
std::string known_fields_list() {
    std::string out;
    for (std::string_view f : kFields) {
        if (!out.empty()) out += ' ';
        out += f;
    }
    return out;
}

/// "word:value" where word is letters only: meant as a field, but not one of
/// ours (times, ratios and URLs have digits or slashes, so they do not count).
bool looks_like_field(std::string_view name, std::string_view value) {
    if (name.size() < 2 || name.size() > 16 || value.empty() || value.substr(0, 2) == "//")
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

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

/// Splits the sanitized query into lexemes. Quotes pair up left to right; an
/// opening quote without a partner is dropped and the rest lexed as words.
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

/// Keeps the first kMaxQueryWords words and phrases (and what precedes the next one).
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

/// Drops parentheses that would nest deeper than kMaxQueryDepth and those
/// without a partner, so that the parser only sees balanced groups (an
/// unclosed one is closed at the end) of bounded depth.
std::vector<Lexeme> balance_parentheses(std::vector<Lexeme> in, Notes& notes) {
    std::vector<Lexeme> out;
    out.reserve(in.size() + 1);
    std::vector<bool> kept;  // per open parenthesis: passed on to the parser?
    int depth = 0;
    for (Lexeme& l : in) {
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

bool is_query_field(std::string_view name) { return !canonical_field(name).empty(); }

bool is_filter_field(std::string_view name) {
    std::string_view f = canonical_field(name);
    return std::find(kFilterFields.begin(), kFilterFields.end(), f) != kFilterFields.end();
}

ParsedQuery parse_query(std::string_view text) {
    ParsedQuery parsed;
    parsed.text = std::string(text);
    sanitize_text(parsed.text);
    Notes notes(parsed.notes);
    std::vector<Lexeme> lexemes = lex(parsed.text, notes);
    limit_words(lexemes, notes);
    lexemes = balance_parentheses(std::move(lexemes), notes);
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
