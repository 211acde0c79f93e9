#include "document_builder.h"

#include "schema.h"
#include "spelling_rule.h"
#include "stored_fields.h"
#include "terms.h"

#include <vector>

namespace newsdex {

namespace {

/// Compounds of more parts than this are not recorded for splitting.
constexpr std::size_t kMaxHyphenatedParts = 4;
/// Xapian's limit on a term is 245 bytes.
constexpr std::size_t kMaxHyphenatedTermBytes = 240;

}  // namespace

BuiltDocument build_document(const Article& a, TextAnalyzer& analyzer) {
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    const std::string& lang = a.lang;

    const std::string title_prefix(schema::kPrefixTitle);
    const std::string stem_prefix(schema::kPrefixStem);
    const std::string title_stem_prefix = stem_prefix + title_prefix;
    std::string scratch;
    // The last words added, for a compound's parts: a compound token comes
    // right after its parts (text_analyzer.h).
    std::vector<std::string> recent;
    const std::string hyphen_prefix(schema::kPrefixHyphenated);

    auto add_word = [&](const Token& t, Xapian::termcount wdf, bool also_title) {
        if (!t.compound) {
            if (recent.size() >= kMaxHyphenatedParts) recent.erase(recent.begin());
            recent.push_back(t.term);
        } else if (t.span <= recent.size()) {
            scratch.assign(hyphen_prefix).append(t.term).push_back(schema::kListSeparator);
            for (std::size_t i = recent.size() - t.span; i < recent.size(); ++i) {
                scratch += recent[i];
                if (i + 1 < recent.size()) scratch.push_back(' ');
            }
            if (scratch.size() <= kMaxHyphenatedTermBytes) doc.add_boolean_term(scratch);
        }
        // A compound's joined term sits at its first and its last part's
        // position; the second posting adds no wdf so the word counts once.
        doc.add_posting(t.term, t.position, wdf);
        if (t.span > 1) doc.add_posting(t.term, t.position + t.span - 1, 0);
        if (!t.stem.empty()) {
            scratch.assign(stem_prefix).append(t.stem);
            doc.add_term(scratch, wdf);
        }
        if (also_title) {
            scratch.assign(title_prefix).append(t.term);
            doc.add_posting(scratch, t.position, 1);
            if (t.span > 1) doc.add_posting(scratch, t.position + t.span - 1, 0);
            if (!t.stem.empty()) {
                scratch.assign(title_stem_prefix).append(t.stem);
                doc.add_term(scratch, 1);
            }
        }
        if (!t.compound && is_spelling_word(t.term)) built.spelling_words.push_back(t.term);
    };

    Xapian::termpos pos = 1;
    pos = analyzer.analyze(
        a.title, lang, [&](const Token& t) { add_word(t, 1 + schema::kTitleWdfBoost, true); }, pos);
    pos = analyzer.analyze(
        a.body, lang, [&](const Token& t) { add_word(t, 1, false); },
        pos + schema::kFieldPositionGap);

    const std::string author_prefix(schema::kPrefixAuthor);
    for (const auto& author : a.authors) {
        pos = analyzer.analyze(
            author, lang,
            [&](const Token& t) {
                scratch.assign(author_prefix).append(t.term);
                doc.add_posting(scratch, t.position, 1);
            },
            pos + schema::kFieldPositionGap);
    }

    // Boolean filters: wdf 0, so they never change a document's length or score.
    built.unique_term = unique_term(a.collection, a.id);
    doc.add_boolean_term(built.unique_term);
    doc.add_boolean_term(filter_term(schema::kPrefixCollection, a.collection));
    if (!a.source.empty()) doc.add_boolean_term(filter_term(schema::kPrefixSource, a.source));
    if (!lang.empty()) doc.add_boolean_term(filter_term(schema::kPrefixLang, lang));
    for (const auto& topic : a.topics)
        if (!topic.empty()) doc.add_boolean_term(filter_term(schema::kPrefixTopic, topic));

    if (a.date)
        doc.add_value(schema::kSlotDate, Xapian::sortable_serialise(static_cast<double>(*a.date)));
    if (!a.source.empty()) doc.add_value(schema::kSlotSource, a.source);
    doc.add_value(schema::kSlotCollection, a.collection);
    if (!lang.empty()) doc.add_value(schema::kSlotLang, lang);
    if (!a.topics.empty()) {
        std::string joined;
        for (const auto& topic : a.topics) {
            if (!joined.empty()) joined.push_back(schema::kListSeparator);
            joined += topic;
        }
        doc.add_value(schema::kSlotTopics, joined);
    }

    doc.set_data(encode_stored_fields(a));
    return built;
}

}  // namespace newsdex
