#include "query_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "date_range.h"

namespace newsdex {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put_string(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

std::string_view kind_name(QueryNodeKind kind) {
    switch (kind) {
        case QueryNodeKind::Empty:
            return "empty";
        case QueryNodeKind::Word:
            return "word";
        case QueryNodeKind::Phrase:
            return "phrase";
        case QueryNodeKind::Wildcard:
            return "wildcard";
        case QueryNodeKind::Field:
            return "field";
        case QueryNodeKind::Near:
            return "near";
        case QueryNodeKind::Seq:
            return "seq";
        case QueryNodeKind::And:
            return "and";
        case QueryNodeKind::Or:
            return "or";
        case QueryNodeKind::Not:
            return "not";
    }
    return "empty";
}

struct Analysis {
    TextAnalyzer* analyzer;
    const std::vector<std::string>& languages;
};

bool is_text_leaf(QueryNodeKind kind) {
    return kind == QueryNodeKind::Word || kind == QueryNodeKind::Phrase ||
           kind == QueryNodeKind::Wildcard;
}

void put_terms(JsonWriter& w, const QueryNode& node, const Analysis& analysis) {
    w.Key("terms");
    w.StartObject();
    for (const std::string& lang : analysis.languages) {
        w.Key(lang.data(), static_cast<rapidjson::SizeType>(lang.size()));
        w.StartArray();
        analysis.analyzer->analyze(node.text, lang, [&](const Token& token) {
            w.StartObject();
            w.Key("term");
            put_string(w, token.term);
            w.Key("stem");
            put_string(w, token.stem);
            if (token.compound) {
                w.Key("compound");
                w.Bool(true);
            }
            w.EndObject();
        });
        w.EndArray();
    }
    w.EndObject();
}

void put_node(JsonWriter& w, const QueryNode& node, const Analysis& analysis, bool analysed) {
    w.StartObject();
    w.Key("kind");
    put_string(w, kind_name(node.kind));
    if (node.occur != Occur::Default) {
        w.Key("occur");
        put_string(w, node.occur == Occur::Required ? "+" : "-");
    }
    if (!node.text.empty()) {
        w.Key("text");
        put_string(w, node.text);
    }
    if (node.kind == QueryNodeKind::Near) {
        w.Key("distance");
        w.Uint(node.distance);
    }
    if (node.kind == QueryNodeKind::Field && is_filter_field(node.text)) {
        w.Key("filter");
        w.Bool(true);
    }
    if (analysed && is_text_leaf(node.kind) && analysis.analyzer && !analysis.languages.empty())
        put_terms(w, node, analysis);
    if (node.kind == QueryNodeKind::Field && node.text == "date" && !node.children.empty()) {
        if (auto range = parse_date_range(node.children[0].text)) {
            w.Key("from");
            range->from ? w.Int64(*range->from) : w.Null();
            w.Key("to");
            range->to ? w.Int64(*range->to) : w.Null();
        }
    }
    if (!node.children.empty()) {
        w.Key("children");
        w.StartArray();
        // A filter's value (topic:acq, date:1987) is matched as a whole, never
        // analysed: its terms would say something false.
        const bool filter = node.kind == QueryNodeKind::Field && is_filter_field(node.text);
        for (const QueryNode& child : node.children)
            put_node(w, child, analysis, analysed && !filter);
        w.EndArray();
    }
    w.EndObject();
}

}  // namespace

std::string parsed_query_json(const ParsedQuery& parsed, TextAnalyzer* analyzer,
                              const std::vector<std::string>& languages) {
    const Analysis analysis{analyzer, languages};
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("query");
    put_string(w, parsed.text);
    w.Key("notes");
    w.StartArray();
    for (const std::string& note : parsed.notes) put_string(w, note);
    w.EndArray();
    w.Key("tree");
    put_node(w, parsed.root, analysis, true);
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace newsdex
