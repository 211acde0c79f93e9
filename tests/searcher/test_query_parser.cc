// Table-driven tests of the query parser: each row is query text -> the tree
// as describe() renders it, plus a fragment every lenient case must leave in
// the notes (and strict cases must leave no notes at all).
#include <gtest/gtest.h>

#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "date_range.h"
#include "query_parser.h"

namespace newsdex {
namespace {

struct ParseCase {
    const char* name;
    std::string query;
    std::string tree;  ///< describe(root)
    std::string note;  ///< a fragment of some note; "" = no notes expected
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

class ParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseTest, Tree) {
    const auto& c = GetParam();
    ParsedQuery parsed = parse_query(c.query);
    EXPECT_EQ(describe(parsed.root), c.tree);
    std::string all_notes;
    for (const auto& n : parsed.notes) all_notes += n + "; ";
    if (c.note.empty())
        EXPECT_TRUE(parsed.notes.empty()) << all_notes;
    else
        EXPECT_NE(all_notes.find(c.note), std::string::npos) << all_notes;
}

std::string nested(int depth, const std::string& inner) {
    return std::string(static_cast<std::size_t>(depth), '(') + inner +
           std::string(static_cast<std::size_t>(depth), ')');
}

std::string repeat_word(const std::string& w, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += w;
    return s;
}

const ParseCase kCases[] = {
    // --- words and the default operator
    {"single_word", "gaza", "gaza", ""},
    {"juxtaposed_words", "gaza ceasefire", "(seq gaza ceasefire)", ""},
    {"lower_case_operators_are_words", "gaza and or not near", "(seq gaza and or not near)", ""},
    {"hyphenated_word_stays_one_word", "cease-fire", "cease-fire", ""},
    {"possessive_kept_as_typed", "Blinken\u2019s", "Blinken\u2019s", ""},
    {"unicode_space_separates", "gaza\u00a0ceasefire", "(seq gaza ceasefire)", ""},
    // --- boolean operators and precedence (juxtaposition > AND/NOT > OR)
    {"and", "gaza AND ceasefire", "(and gaza ceasefire)", ""},
    {"or", "gaza OR lebanon", "(or gaza lebanon)", ""},
    {"seq_binds_tighter_than_or", "israel gaza OR lebanon", "(or (seq israel gaza) lebanon)", ""},
    {"and_binds_tighter_than_or", "a AND b OR c", "(or (and a b) c)", ""},
    {"binary_not", "gaza NOT hamas", "(and gaza (not hamas))", ""},
    {"and_not", "gaza AND NOT hamas", "(and gaza (not hamas))", ""},
    {"not_takes_the_whole_sequence", "gaza NOT hamas israel", "(and gaza (not (seq hamas israel)))",
     ""},
    {"leading_not_is_pure_negative", "NOT hamas", "(not hamas)", ""},
    {"double_not_cancels", "NOT NOT hamas", "hamas", ""},
    // --- + and -
    {"minus_word", "-hamas", "(seq -hamas)", ""},
    {"plus_and_minus", "+gaza aid -hamas", "(seq +gaza aid -hamas)", ""},
    {"plus_alone_is_plain", "+gaza", "gaza", ""},
    {"minus_phrase", "talks -\"cease fire\"", "(seq talks -\"cease fire\")", ""},
    {"minus_group", "talks -(hamas OR hezbollah)", "(seq talks -(or hamas hezbollah))", ""},
    {"lone_minus_is_punctuation", "gaza - talks", "(seq gaza talks)", ""},
    // A mark only where a token starts (whitespace, query start, '('): pasted
    // Reuters headlines keep every word.
    {"minus_after_close_paren_is_text", "(corrected)-bankers trust",
     "(seq corrected bankers trust)", ""},
    {"minus_after_group_is_text", "(3.8 billion december surplus)-official",
     "(seq (seq 3.8 billion december surplus) official)", ""},
    {"minus_after_quote_is_text", "\"target\"-denial", "(seq \"target\" denial)", ""},
    {"plus_after_quote_is_text", "\"a b\"+c", "(seq \"a b\" c)", ""},
    {"lone_minus_after_quote_is_text", "\"a\"-(b c)", "(seq \"a\" (seq b c))", ""},
    {"minus_after_open_paren_is_a_mark", "talks (-hamas gaza)", "(seq talks (seq -hamas gaza))",
     ""},
    {"minus_after_whitespace_is_a_mark", "latin america -minister", "(seq latin america -minister)",
     ""},
    // --- parentheses
    {"group", "(gaza OR lebanon) talks", "(seq (or gaza lebanon) talks)", ""},
    {"nested_groups", "((a OR b) AND (c OR d))", "(and (or a b) (or c d))", ""},
    {"group_at_depth_limit_kept", nested(64, "a OR b"), "(or a b)", ""},
    // --- phrases
    {"phrase", "\"cease fire\"", "\"cease fire\"", ""},
    {"curly_quotes", "\u201ccease fire\u201d talks", "(seq \"cease fire\" talks)", ""},
    {"operators_inside_phrase_are_words", "\"war AND peace\"", "\"war AND peace\"", ""},
    {"one_word_phrase", "\"planning\"", "\"planning\"", ""},
    // --- NEAR
    {"near", "blinken NEAR netanyahu", "(near/10 blinken netanyahu)", ""},
    {"near_n", "blinken NEAR/3 netanyahu", "(near/3 blinken netanyahu)", ""},
    {"near_chain_last_distance_wins", "a NEAR/2 b NEAR/5 c", "(near/5 a b c)", ""},
    {"near_phrase_operand", "\"prime minister\" NEAR gaza", "(near/10 \"prime minister\" gaza)",
     ""},
    {"near_in_sequence", "talks a NEAR b", "(seq talks (near/10 a b))", ""},
    {"minus_near", "talks -a NEAR b", "(seq talks -(near/10 a b))", ""},
    // --- wildcards
    {"wildcard", "negotiat*", "negotiat*", ""},
    {"wildcard_stars_collapsed", "negotiat**", "negotiat*", ""},
    {"star_inside_word_is_text", "ne*ot", "ne*ot", ""},
    // --- fields
    {"title_word", "title:gaza", "title:gaza", ""},
    {"field_name_case_insensitive", "Title:gaza", "title:gaza", ""},
    {"title_phrase", "title:\"cease fire\"", "title:\"cease fire\"", ""},
    {"title_wildcard", "title:negotiat*", "title:negotiat*", ""},
    {"author", "author:\"Jane Doe\"", "author:\"Jane Doe\"", ""},
    {"source_quoted", "source:\"Harbor Gazette\" ferry", "(seq source:\"Harbor Gazette\" ferry)",
     ""},
    {"filter_value_star_is_verbatim", "source:reu*", "source:reu*", ""},
    {"same_field_twice", "source:a source:b", "(seq source:a source:b)", ""},
    {"excluded_filter", "ferry -topic:sport", "(seq ferry -topic:sport)", ""},
    {"date_range", "date:1987-03-01..1987-03-31", "date:1987-03-01..1987-03-31", ""},
    {"date_open_start", "date:..1987-02", "date:..1987-02", ""},
    // An unknown field is searched as text, with a note naming it and the
    // known fields (issue 11 item 5: "place:usa" gave 0 hits silently before place: was one).
    {"unknown_field_is_text", "foo:bar", "foo:bar", "unknown field foo: searched as words"},
    {"unknown_field_lists_known_ones", "region:usa", "region:usa", "fields: title author"},
    {"time_is_not_a_field", "10:30 talks", "(seq 10:30 talks)", ""},
    {"time_is_text", "10:30", "10:30", ""},
    {"url_is_text", "http://example.com", "http://example.com", ""},
    // --- lenient recovery
    {"unbalanced_quote", "\"cease fire talks", "(seq cease fire talks)", "unbalanced quote"},
    {"unbalanced_quote_after_phrase", "\"a b\" \"c d", "(seq \"a b\" c d)", "unbalanced quote"},
    {"unclosed_parenthesis", "(gaza OR lebanon talks", "(or gaza (seq lebanon talks))",
     "unbalanced parenthesis"},
    {"stray_close_parenthesis", "gaza) talks", "(seq gaza talks)", "unbalanced parenthesis"},
    {"empty_parentheses", "()", "()", "empty parentheses"},
    {"dangling_and", "gaza AND", "gaza", "AND without a right operand"},
    {"leading_and", "AND gaza", "gaza", "AND without a left operand"},
    {"dangling_or", "gaza OR", "gaza", "OR without a right operand"},
    {"lone_or", "OR", "()", "OR without operands"},
    {"lone_and", "AND", "()", "AND without operands"},
    {"lone_not", "NOT", "()", "NOT without an operand"},
    {"only_operators", "AND OR NOT NEAR", "()", "without"},
    {"double_or", "gaza OR OR lebanon", "(or gaza lebanon)", "OR without a right operand"},
    {"or_and", "gaza OR AND lebanon", "(or gaza lebanon)", "AND without a left operand"},
    {"near_without_left", "NEAR gaza", "gaza", "NEAR needs a word on each side"},
    {"near_without_right", "gaza NEAR", "gaza", "NEAR needs a word on each side"},
    {"near_with_group", "(gaza) NEAR talks", "(seq gaza talks)", "NEAR needs a word"},
    {"bare_star", "*", "()", "bare *"},
    {"leading_wildcard", "*tion gaza", "gaza", "leading wildcard *tion: not supported"},
    {"wildcard_in_phrase", "\"interest rat*\"", "\"interest rat*\"",
     "wildcards inside a phrase are not supported"},
    {"near_negative_distance", "cocoa NEAR/-3 prices", "(near/10 cocoa prices)",
     "NEAR/-3: the distance must be a whole number"},
    {"near_zero_distance", "cocoa NEAR/0 prices", "(near/1 cocoa prices)",
     "NEAR/0: the distance is 1 to 1000 words; used NEAR/1"},
    {"near_huge_distance", "cocoa NEAR/100000 prices", "(near/1000 cocoa prices)",
     "used NEAR/1000"},
    {"near_wildcard_operand", "opec NEAR/5 quot*", "(seq opec quot*)",
     "NEAR does not take wildcards (quot*): searched without NEAR"},
    {"near_field_operand", "title:opec NEAR quota", "(seq title:opec quota)",
     "NEAR does not take fields (title:)"},
    {"one_char_wildcard", "a* gaza", "gaza", "prefix too short"},
    {"empty_field", "title: gaza", "gaza", "empty field title"},
    {"empty_field_at_end", "gaza source:", "gaza", "empty field source"},
    {"too_deep_parentheses", nested(100, "a OR b"), "(or a b)", "nested deeper than 64"},
    {"only_parentheses", std::string(10000, '('), "()", "unbalanced parenthesis"},
    {"too_many_words", repeat_word("w ", kMaxQueryWords) + "last",
     "(seq" + repeat_word(" w", kMaxQueryWords) + ")", "query too long"},
};

INSTANTIATE_TEST_SUITE_P(Query, ParseTest, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

// Leaves carry byte offsets into the sanitized text, for "did you mean".
TEST(QueryParserOffsets, LeavesPointAtTheirText) {
    ParsedQuery parsed = parse_query("-Gazza title:\"cease fier\" (talks)");
    ASSERT_EQ(describe(parsed.root), "(seq -Gazza title:\"cease fier\" talks)");
    const auto& items = parsed.root.children;
    auto text_of = [&](const QueryNode& n) { return parsed.text.substr(n.start, n.end - n.start); };
    EXPECT_EQ(text_of(items[0]), "Gazza");
    EXPECT_EQ(text_of(items[1].children[0]), "cease fier");
    EXPECT_EQ(text_of(items[2]), "talks");
}

TEST(QueryParserOffsets, InvalidUtf8IsSanitizedFirst) {
    ParsedQuery parsed = parse_query("caf\xE9 \xFF\xFE talks");
    for (unsigned char c : parsed.text) EXPECT_NE(c, 0xFF);
    EXPECT_NE(describe(parsed.root).find("talks"), std::string::npos);
}

// Hostile inputs: each must parse quickly, without deep recursion.
struct HostileCase {
    const char* name;
    std::string query;
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

class ParseRobustness : public ::testing::TestWithParam<HostileCase> {};

// No timing assert (speed belongs in bench/): a hang is caught by ctest's timeout.
TEST_P(ParseRobustness, Parses) {
    ParsedQuery parsed = parse_query(GetParam().query);
    EXPECT_FALSE(describe(parsed.root).empty() && parsed.notes.empty())
        << "an unparseable query must at least say why";
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
}

std::string many_words(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "word" + std::to_string(i % 97) + ' ';
    return s;
}

std::string repeated(const std::string& unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    Query, ParseRobustness,
    ::testing::Values(HostileCase{"random_bytes", random_bytes(20000, 1)},
                      HostileCase{"random_bytes_2", random_bytes(20000, 2)},
                      HostileCase{"ten_thousand_words", many_words(10000)},
                      HostileCase{"ten_thousand_open_parens", std::string(10000, '(')},
                      HostileCase{"ten_thousand_close_parens", std::string(10000, ')')},
                      HostileCase{"deep_balanced", nested(10000, "a")},
                      HostileCase{"ten_thousand_nots", repeated("NOT ", 10000) + "a"},
                      HostileCase{"ten_thousand_quotes", std::string(10001, '"')},
                      HostileCase{"ten_thousand_near", repeated("a NEAR ", 10000) + "b"},
                      HostileCase{"ten_thousand_minus_groups", repeated("-(a ", 10000)}),
    [](const auto& p) { return std::string(p.param.name); });

// --- date: values ------------------------------------------------------------

struct DateCase {
    const char* name;
    std::string spec;
    std::string expected;  ///< "from..to" as UTC ISO seconds, "" for an open side; "invalid"
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << c.name; }

std::string iso(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

class DateRangeTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateRangeTest, Range) {
    auto range = parse_date_range(GetParam().spec);
    std::string got = "invalid";
    if (range)
        got = (range->from ? iso(*range->from) : "") + ".." + (range->to ? iso(*range->to) : "");
    EXPECT_EQ(got, GetParam().expected);
}

const DateCase kDateCases[] = {
    {"year", "1987", "1987-01-01T00:00:00..1987-12-31T23:59:59"},
    {"month", "1987-03", "1987-03-01T00:00:00..1987-03-31T23:59:59"},
    {"leap_february", "2024-02", "2024-02-01T00:00:00..2024-02-29T23:59:59"},
    {"day", "1987-03-05", "1987-03-05T00:00:00..1987-03-05T23:59:59"},
    {"range", "1987-03-01..1987-03-31", "1987-03-01T00:00:00..1987-03-31T23:59:59"},
    {"range_of_months", "1987-02..1987-03", "1987-02-01T00:00:00..1987-03-31T23:59:59"},
    {"open_start", "..1987-02", "..1987-02-28T23:59:59"},
    {"open_end", "2024-10..", "2024-10-01T00:00:00.."},
    {"same_day_range", "1987-03-05..1987-03-05", "1987-03-05T00:00:00..1987-03-05T23:59:59"},
    {"month_13", "1987-13", "invalid"},
    {"february_30", "1987-02-30", "invalid"},
    {"not_leap", "2023-02-29", "invalid"},
    {"two_digit_year", "87", "invalid"},
    {"words", "yesterday", "invalid"},
    {"open_both", "..", "invalid"},
    {"reversed", "1988..1987", "invalid"},
    {"trailing_text", "1987-03-05x", "invalid"},
    {"single_digit_month", "1987-3", "invalid"},
    {"three_dots", "1987...1988", "invalid"},
    {"empty", "", "invalid"},
};

INSTANTIATE_TEST_SUITE_P(Query, DateRangeTest, ::testing::ValuesIn(kDateCases),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace newsdex
