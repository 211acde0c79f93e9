#include "query_builder.h"

// The operator tree: a parsed query (query_parser.h) -> the Xapian::Query
// and its fallbacks (QueryPlan). Leaves go to LeafQueryBuilder (what one word,
// phrase, wildcard or NEAR matches), filter fields to filter_query.h, the
// ranking bonuses to ranking_bonuses.h; this file decides how the parts
// combine: the default operator, AND OR NOT, exclusions and filters hoisted
// out of the scoring, and the relaxed, literal and filled variants.

#include <algorithm>
#include <map>

#include "errors.h"
#include "filter_query.h"
#include "leaf_query_builder.h"
#include "query_composition.h"
#include "query_parser.h"
#include "ranking_bonuses.h"
#include "schema.h"

namespace newsdex {

namespace {

/// A built sub-query in three parts, so that filters and exclusions can be
/// hoisted to the enclosing AND instead of forcing a MatchAll underneath:
/// the meaning is `positive FILTER filter AND_NOT excluded`, with an empty
/// positive standing for "all documents".
struct Part {
    Xapian::Query positive;
    Xapian::Query filter;
    Xapian::Query excluded;
    /// A plain single-token free word: its unstemmed term, for the proximity bonus.
    std::string proximity_term;

    bool empty() const { return positive.empty() && filter.empty() && excluded.empty(); }
    bool only_positive() const { return filter.empty() && excluded.empty(); }
    bool only_filter() const { return positive.empty() && excluded.empty() && !filter.empty(); }
};

/// A Part as one query. Without a positive part it is boolean (weight 0), so
/// that "a OR NOT b" does not rank by MatchAll's weight.
Xapian::Query materialize(const Part& p) {
    if (!p.positive.empty()) {
        Xapian::Query q = p.positive;
        if (!p.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, p.filter);
        if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
        return q;
    }
    Xapian::Query q = p.filter.empty() ? Xapian::Query::MatchAll : p.filter;
    if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

/// The top-level query: MatchAll when only filters or exclusions remain.
Xapian::Query finish(const Part& p) {
    if (p.empty()) return {};
    Xapian::Query q = p.positive.empty() ? Xapian::Query::MatchAll : p.positive;
    if (!p.filter.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, p.filter);
    if (!p.excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, p.excluded);
    return q;
}

class Builder {
  public:
    /// `leaves` turns each leaf into its query (and notes what it ignores).
    /// `excluded_words_as_words`: build the literal variant (QueryPlan::literal),
    /// where a '-word' item of a sequence is a plain word.
    Builder(LeafQueryBuilder& leaves, bool any, HighlightTerms& highlight,
            bool excluded_words_as_words = false)
        : leaves_(leaves),
          any_(any),
          excluded_words_as_words_(excluded_words_as_words),
          highlight_(highlight) {}

    /// Whether some AND of two or more free items exists that an OR could relax.
    bool relaxable() const { return relaxable_; }
    /// The '-word' items of positive sequences, as written ("-minister").
    const std::vector<std::string>& excluded_words() const { return excluded_words_; }

    // Recursion follows the tree, whose depth query_parser bounds
    // (kMaxQueryDepth groups, each a few levels).
    Part build(const QueryNode& n, bool negated) {
        Part p;
        switch (n.kind) {
            case QueryNodeKind::Empty:
                break;
            case QueryNodeKind::Word:
                p = free_word(n.text, negated);
                break;
            case QueryNodeKind::Phrase:
                p.positive = leaves_.phrase(n.text, "", sink(negated));
                break;
            case QueryNodeKind::Wildcard:
                p.positive = leaves_.wildcard(n.text, "", sink(negated));
                break;
            case QueryNodeKind::Field:
                p = field(n, negated);
                break;
            case QueryNodeKind::Near:
                p.positive = leaves_.near(n, sink(negated));
                break;
            case QueryNodeKind::Seq:
                p = seq(n, negated);
                break;
            case QueryNodeKind::And:
                for (const auto& c : n.children) merge_and(p, build(c, negated));
                break;
            case QueryNodeKind::Or:
                p = any_of(n, negated);
                break;
            case QueryNodeKind::Not:
                if (!n.children.empty()) {
                    Part inner = build(n.children.front(), true);
                    if (!inner.empty()) {
                        p.excluded = materialize(inner);
                        note_exclusion("NOT " + describe(n.children.front()));
                    }
                }
                break;
        }
        return p;
    }

  private:
    HighlightTerms* sink(bool negated) { return negated ? nullptr : &highlight_; }

    /// Every exclusion is said, so a pasted text that lost articles to a
    /// '-' or a NOT shows why.
    void note_exclusion(const std::string& what) {
        leaves_.note("excluded: articles matching " + what);
    }

    /// AND semantics: positives AND-ed, filters AND-ed, exclusions OR-ed.
    static void merge_and(Part& into, const Part& p) {
        auto and_in = [](Xapian::Query& a, const Xapian::Query& b, Xapian::Query::op op) {
            if (b.empty()) return;
            a = a.empty() ? b : Xapian::Query(op, a, b);
        };
        and_in(into.positive, p.positive, Xapian::Query::OP_AND);
        and_in(into.filter, p.filter, Xapian::Query::OP_AND);
        and_in(into.excluded, p.excluded, Xapian::Query::OP_OR);
    }

    /// A free word (LeafQueryBuilder::free_word), with the title bonus when
    /// it is asked for rather than excluded.
    Part free_word(std::string_view text, bool negated) {
        Part p;
        FreeWordQuery w = leaves_.free_word(text, sink(negated));
        p.positive = std::move(w.query);
        p.proximity_term = std::move(w.proximity_term);
        if (!negated && !w.title.empty()) p.positive = with_title_bonus(p.positive, w.title);
        return p;
    }

    /// A boolean filter field (is_filter_field) of the tree.
    Xapian::Query filter(const QueryNode& n) {
        if (n.children.empty()) return {};
        std::string note;
        Xapian::Query q = filter_query(n.text, n.children.front().text, note);
        if (!note.empty()) leaves_.note(std::move(note));
        return q;
    }

    Part field(const QueryNode& n, bool negated) {
        Part p;
        if (n.children.empty()) return p;
        const QueryNode& value = n.children.front();
        if (is_filter_field(n.text)) {
            p.filter = filter(n);
            return p;
        }
        if (n.text == "title") {
            const std::string prefix(schema::kPrefixTitle);
            const std::string stem_prefix = std::string(schema::kPrefixStem) + prefix;
            if (value.kind == QueryNodeKind::Wildcard)
                p.positive = leaves_.wildcard(value.text, prefix, sink(negated));
            else if (value.kind == QueryNodeKind::Phrase)
                p.positive = leaves_.phrase(value.text, prefix, sink(negated));
            else
                p.positive = leaves_.word(value.text, prefix, stem_prefix, sink(negated));
            return p;
        }
        // author: names are indexed unstemmed with positions, so a name of
        // several words is a phrase whether quoted or not. Not highlighted:
        // snippets come from the text, where the name is not what was asked.
        const std::string prefix(schema::kPrefixAuthor);
        if (value.kind == QueryNodeKind::Wildcard)
            p.positive = leaves_.wildcard(value.text, prefix, nullptr);
        else
            p.positive = leaves_.phrase(value.text, prefix, nullptr);
        return p;
    }

    /// Juxtaposed items under the default operator. Filters of the same
    /// field are OR-ed, different fields AND-ed (Xapian QueryParser's rule),
    /// and all of them hoisted into a FILTER so they never change scores.
    Part seq(const QueryNode& n, bool negated) {
        std::vector<Xapian::Query> required, optional, filters, excluded;
        std::map<std::string, std::vector<Xapian::Query>> by_field;  // ordered: stable queries
        std::vector<std::string> proximity;
        std::size_t free_items = 0;
        for (const QueryNode& item : n.children) {
            const bool excluded_word =
                item.occur == Occur::Excluded && item.kind == QueryNodeKind::Word;
            if (excluded_word && !negated) excluded_words_.push_back(describe(item));
            const bool item_excluded =
                item.occur == Occur::Excluded && !(excluded_word && excluded_words_as_words_);
            if (item.kind == QueryNodeKind::Field && is_filter_field(item.text) && !item_excluded) {
                Xapian::Query q = filter(item);
                if (!q.empty()) by_field[item.text].push_back(std::move(q));
                continue;
            }
            Part p = build(item, negated || item_excluded);
            if (p.empty()) continue;
            if (item_excluded) {
                excluded.push_back(materialize(p));
                note_exclusion(describe(item));
                continue;
            }
            if (any_ && item.occur == Occur::Default) {
                optional.push_back(p.only_positive() ? p.positive : materialize(p));
            } else {
                if (!p.positive.empty()) {
                    required.push_back(p.positive);
                    if (item.occur == Occur::Default) ++free_items;
                }
                if (!p.filter.empty()) filters.push_back(p.filter);
                if (!p.excluded.empty()) excluded.push_back(p.excluded);
            }
            if (!p.proximity_term.empty()) proximity.push_back(p.proximity_term);
        }
        for (const auto& [name, qs] : by_field)
            filters.push_back(combine(Xapian::Query::OP_OR, qs));
        if (!any_ && free_items >= 2) relaxable_ = true;

        Part out;
        Xapian::Query must = combine(Xapian::Query::OP_AND, required);
        Xapian::Query may = combine(Xapian::Query::OP_OR, optional);
        if (!must.empty() && !may.empty())
            out.positive = Xapian::Query(Xapian::Query::OP_AND_MAYBE, must, may);
        else
            out.positive = must.empty() ? may : must;

        // Not in any-mode: there most matches lack some of the words, the NEAR
        // check runs on every candidate and defeats Xapian's max-weight
        // pruning (Reuters 'any' class p50 7.3 ms with it, 0.47 ms without;
        // TIME MAP unchanged).
        if (!any_) out.positive = with_proximity_bonus(out.positive, std::move(proximity));
        out.filter = combine(Xapian::Query::OP_AND, filters);
        out.excluded = combine(Xapian::Query::OP_OR, excluded);
        return out;
    }

    Part any_of(const QueryNode& n, bool negated) {
        std::vector<Part> parts;
        for (const auto& c : n.children) {
            Part p = build(c, negated);
            if (!p.empty()) parts.push_back(std::move(p));
        }
        if (parts.size() == 1) return std::move(parts.front());
        Part out;
        if (parts.empty()) return out;
        std::vector<Xapian::Query> qs;
        if (std::all_of(parts.begin(), parts.end(),
                        [](const Part& p) { return p.only_filter(); })) {
            for (const auto& p : parts) qs.push_back(p.filter);
            out.filter = combine(Xapian::Query::OP_OR, qs);
            return out;
        }
        for (const auto& p : parts) qs.push_back(p.only_positive() ? p.positive : materialize(p));
        out.positive = combine(Xapian::Query::OP_OR, qs);
        return out;
    }

    LeafQueryBuilder& leaves_;
    bool any_;
    bool excluded_words_as_words_;
    HighlightTerms& highlight_;
    bool relaxable_ = false;
    std::vector<std::string> excluded_words_;
};

}  // namespace

QueryPlan build_query(std::string_view query_text, const QueryOptions& options,
                      TextAnalyzer& analyzer) {
    QueryPlan plan;
    ParsedQuery parsed = parse_query(query_text);
    plan.notes = std::move(parsed.notes);
    const bool narrowed = !options.lang.empty();
    std::vector<std::string> langs;
    if (narrowed) {
        langs.push_back(canonical_language(options.lang));
    } else {
        for (const auto& l : options.languages) {
            std::string lang = canonical_language(l);
            if (!lang.empty() && std::find(langs.begin(), langs.end(), lang) == langs.end())
                langs.push_back(std::move(lang));
        }
    }
    if (langs.empty()) langs.emplace_back("en");
    // Each variant of the tree gets its own leaves: only the query as typed
    // reports notes.
    auto leaves_for = [&](std::vector<std::string>& notes) {
        LeafQueryBuilder leaves(analyzer, langs, narrowed, options.hyphenations, options.forms,
                                options.exact_form_weight, notes);
        leaves.set_compounds(options.compounds);
        return leaves;
    };

    LeafQueryBuilder leaves = leaves_for(plan.notes);
    Builder builder(leaves, options.any, plan.highlight);
    plan.query = finish(builder.build(parsed.root, false));
    if (plan.query.empty()) {
        plan.notes.push_back("nothing to search for");
        return plan;
    }
    if (!options.any && builder.relaxable()) {
        // The same tree with the default operator OR: filters, +required and
        // exclusions are kept by construction.
        HighlightTerms unused_highlight;
        std::vector<std::string> unused_notes;
        LeafQueryBuilder relaxed_leaves = leaves_for(unused_notes);
        Builder relaxed(relaxed_leaves, true, unused_highlight);
        plan.relaxed = finish(relaxed.build(parsed.root, false));
    }
    if (!builder.excluded_words().empty()) {
        // "COFFEE PRICES BAD NEWS FOR LATIN AMERICA -MINISTER": Reuters'
        // attribution dash reads as an exclusion, and the one article with
        // that headline is the one excluded. Used only when the query as
        // typed matches nothing (the searcher decides), and said.
        std::vector<std::string> unused_notes;
        LeafQueryBuilder literal_leaves = leaves_for(unused_notes);
        Builder literal(literal_leaves, options.any, plan.literal_highlight, true);
        plan.literal = finish(literal.build(parsed.root, false));
        std::string words;
        for (const auto& w : builder.excluded_words()) words += (words.empty() ? "" : " ") + w;
        plan.literal_note = "nothing matched with " + words +
                            " excluded: searched for the excluded words as words instead";
    }
    Xapian::termcount gaps = 0;
    // Segmentation does not depend on the language: one analysis gives the tokens.
    const std::vector<std::string> tokens =
        title_tokens(parsed.root, langs.front(), analyzer, gaps);
    plan.query = with_whole_title_bonus(plan.query, tokens, gaps);
    plan.relaxed = with_whole_title_bonus(plan.relaxed, tokens, gaps);
    plan.literal = with_whole_title_bonus(plan.literal, tokens, gaps);
    plan.filled = filled_query(plan.relaxed, plan.query);
    return plan;
}

}  // namespace newsdex
