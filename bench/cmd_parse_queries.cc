// newsdex-bench parse-queries --queries FILE: each query of a CLASS<TAB>QUERY
// file as newsdex's parser reads it (searcher/query_json.h), one JSON object
// per line: {"class", "line", "text", "parsed": {...}}. bench/peers/
// translates these trees into other engines' syntax, so no peer re-implements
// the query language.

#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "query_file.h"
#include "query_json.h"
#include "query_parser.h"

namespace newsdex::bench {

namespace {

const char* kParseUsage =
    "usage: newsdex-bench parse-queries --queries FILE [--out FILE]\n"
    "Writes each query of FILE (CLASS<TAB>QUERY lines) as newsdex parses it, one JSON object a\n"
    "line: {\"class\", \"line\", \"text\", \"parsed\": {\"query\", \"notes\", \"tree\"}}.";

}  // namespace

int parse_queries_command(int argc, char** argv) {
    namespace po = cli::po;
    std::string queries_path, out_path = "-";
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "queries", po::value(&queries_path)->value_name("FILE"), "CLASS<TAB>QUERY file")(
        "out,o", po::value(&out_path)->value_name("FILE"),
        "write to FILE (default '-': standard output)");
    bool parsed = false;
    int code = guarded("parse-queries", kParseUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kParseUsage)) return kExitOk;
        if (queries_path.empty()) throw UsageError("--queries FILE is required");
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;
    return guarded("parse-queries", kParseUsage, false, [&] {
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
            line += parsed_query_json(parse_query(q.text));
            line += "}\n";
            out += line;
        }
        write_output(out_path, out);
        return kExitOk;
    });
}

}  // namespace newsdex::bench
