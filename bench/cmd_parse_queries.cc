// newsdex-bench parse-queries --queries FILE: each query of a CLASS<TAB>QUERY
// file as newsdex's own parser reads it (searcher/query_json.h), one JSON
// object per line: {"class", "line", "text", "parsed": {...}}. bench/peers/
// translates these trees into other engines' syntax, so no peer
// re-implements the query language.

#include <sstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "analysis/text_analyzer.h"
#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "query_file.h"
#include "query_json.h"
#include "query_parser.h"

namespace newsdex::bench {

namespace {

const char* kParseUsage =
    "usage: newsdex-bench parse-queries --queries FILE [--lang CODE,...] [--out FILE]\n"
    "Writes each query of FILE (CLASS<TAB>QUERY lines) as newsdex parses it, one JSON object a\n"
    "line: {\"class\", \"line\", \"text\", \"parsed\": {\"query\", \"notes\", \"tree\"}}; each "
    "word,\n"
    "phrase and wildcard of the tree carries its analysed terms in every --lang language\n"
    "(default en).";

std::vector<std::string> language_list(const std::string& spec) {
    std::vector<std::string> out;
    std::stringstream in(spec);
    for (std::string code; std::getline(in, code, ',');) {
        if (code.empty()) continue;
        if (!is_supported_language(code))
            throw UsageError("--lang " + code + ": not a supported language");
        out.push_back(canonical_language(code));
    }
    return out;
}

}  // namespace

int parse_queries_command(int argc, char** argv) {
    namespace po = cli::po;
    std::string queries_path, out_path = "-", langs = "en";
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "queries", po::value(&queries_path)->value_name("FILE"), "CLASS<TAB>QUERY file")(
        "lang", po::value(&langs)->value_name("CODE,..."),
        "analyse words in these languages (default en; '' for none)")(
        "out,o", po::value(&out_path)->value_name("FILE"),
        "write to FILE (default '-': standard output)");
    bool parsed = false;
    std::vector<std::string> languages;
    int code = guarded("parse-queries", kParseUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kParseUsage)) return kExitOk;
        if (queries_path.empty()) throw UsageError("--queries FILE is required");
        languages = language_list(langs);
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;
    return guarded("parse-queries", kParseUsage, false, [&] {
        TextAnalyzer analyzer;
        std::string out;
        for (const QueryLine& q : read_query_file(queries_path)) {
            rapidjson::StringBuffer head;
            rapidjson::Writer<rapidjson::StringBuffer> w(head);
            w.StartObject();
            w.Key("class");
            w.String(q.label.data(), static_cast<rapidjson::SizeType>(q.label.size()));
            w.Key("line");
            w.Uint(q.line);
            w.Key("text");
            w.String(q.text.data(), static_cast<rapidjson::SizeType>(q.text.size()));
            w.EndObject();
            // The parsed query is JSON already: it goes in as the last member.
            std::string line(head.GetString(), head.GetSize() - 1);  // without the closing '}'
            line += ",\"parsed\":";
            line += parsed_query_json(parse_query(q.text), &analyzer, languages);
            line += "}\n";
            out += line;
        }
        write_output(out_path, out);
        return kExitOk;
    });
}

}  // namespace newsdex::bench
