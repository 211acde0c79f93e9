// newsdex-bench known-item --qrels FILE --run NAME=FILE...: known_item.h's
// MRR@10 and success@1 for several engines' run files on the same topics,
// and the topics where the first run ranks the wanted article worse than
// each other run (with their text when --topics is given).

#include <algorithm>
#include <cstdio>
#include <map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli_options.h"
#include "commands.h"
#include "errors.h"
#include "known_item.h"
#include "query_file.h"
#include "text_table.h"
#include "trec_files.h"

namespace newsdex::bench {

namespace {

const char* kKnownItemUsage =
    "usage: newsdex-bench known-item --qrels FILE --run NAME=FILE [--run NAME=FILE]...\n"
    "                                [--topics FILE] [--depth N] [--show N] [--json OUT]\n"
    "Known-item scores of TREC run files on the same qrels: MRR@N (default N = 10) and\n"
    "success@1, every topic with a relevant article counted (0 where a run has nothing).\n"
    "Then the topics where the first run ranks the wanted article worse than each other\n"
    "run, with the topic's text from --topics, at most --show of them (default 20).";

struct NamedRun {
    std::string name, path;
    KnownItemScores scores;
};

std::string fixed4(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", v);
    return text;
}

std::string rank_text(std::size_t rank) { return rank ? std::to_string(rank) : "-"; }

}  // namespace

int known_item_command(int argc, char** argv) {
    namespace po = cli::po;
    std::string qrels_file, topics_file, json_out;
    std::vector<std::string> run_specs;
    std::size_t depth = kKnownItemDepth, show = 20;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "qrels", po::value(&qrels_file)->value_name("FILE"), "TREC qrels: TOPIC 0 DOCNO LEVEL")(
        "run", po::value(&run_specs)->value_name("NAME=FILE")->composing(),
        "a TREC run file and the name to show for it (repeat; the first is the reference)")(
        "topics", po::value(&topics_file)->value_name("FILE"),
        "TOPIC<TAB>TEXT, to show the text of the topics a run loses")(
        "depth", cli::whole_number(&depth, 1, 1000, "depth")->value_name("N"),
        "MRR cut-off (default 10)")("show",
                                    cli::whole_number(&show, 0, 100000, "show")->value_name("N"),
                                    "list at most N losing topics per pair (default 20)")(
        "json", po::value(&json_out)->value_name("OUT"), "write the scores as JSON ('-': stdout)");
    std::vector<NamedRun> runs;
    bool parsed = false;
    int code = guarded("known-item", kKnownItemUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kKnownItemUsage)) return kExitOk;
        if (qrels_file.empty() || run_specs.empty())
            throw UsageError("--qrels and at least one --run NAME=FILE are required");
        for (const std::string& spec : run_specs) {
            const auto eq = spec.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
                throw UsageError("--run " + spec + ": expected NAME=FILE");
            runs.push_back({spec.substr(0, eq), spec.substr(eq + 1), {}});
        }
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;
    return guarded("known-item", kKnownItemUsage, false, [&] {
        const Qrels qrels = read_qrels(qrels_file);
        std::map<std::string, std::string> topic_text;
        if (!topics_file.empty())
            for (const QueryLine& t : read_query_file(topics_file)) topic_text[t.label] = t.text;
        for (NamedRun& r : runs) r.scores = score_known_item(read_run(r.path), qrels, depth);

        std::string out;
        TextTable table({"run", "topics", "MRR@" + std::to_string(depth), "success@1"});
        for (const NamedRun& r : runs)
            table.add({r.name, std::to_string(r.scores.topics), fixed4(r.scores.mrr),
                       fixed4(r.scores.success_at_1)});
        out += table.render();
        for (std::size_t i = 1; i < runs.size(); ++i) {
            const auto worse = topics_ranked_worse(runs[0].scores, runs[i].scores);
            out +=
                concat("\n", runs[0].name, " ranks the article worse than ", runs[i].name, " on ",
                       std::to_string(worse.size()), " topics (rank ", runs[0].name, " / ",
                       runs[i].name, "; - = not in the top ", std::to_string(depth), ")\n");
            for (std::size_t k = 0; k < worse.size() && k < show; ++k) {
                const std::string& t = worse[k];
                out += concat("  ", t, "  ", rank_text(runs[0].scores.rank.at(t)), " / ",
                              rank_text(runs[i].scores.rank.at(t)));
                if (auto it = topic_text.find(t); it != topic_text.end())
                    out += concat("  ", it->second);
                out += "\n";
            }
        }
        if (json_out != "-") std::fwrite(out.data(), 1, out.size(), stdout);
        if (!json_out.empty()) {
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
            w.StartObject();
            w.Key("tool");
            w.String("newsdex-bench known-item");
            w.Key("qrels");
            w.String(qrels_file.c_str());
            w.Key("depth");
            w.Uint64(depth);
            w.Key("runs");
            w.StartArray();
            for (const NamedRun& r : runs) {
                w.StartObject();
                w.Key("name");
                w.String(r.name.c_str());
                w.Key("file");
                w.String(r.path.c_str());
                w.Key("topics");
                w.Uint64(r.scores.topics);
                w.Key("mrr");
                w.Double(r.scores.mrr);
                w.Key("success_at_1");
                w.Double(r.scores.success_at_1);
                w.Key("rank");
                w.StartObject();
                for (const auto& [topic, rank] : r.scores.rank) {
                    w.Key(topic.c_str());
                    w.Uint64(rank);
                }
                w.EndObject();
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
            write_output(json_out, std::string(buffer.GetString(), buffer.GetSize()) + "\n");
        }
        return kExitOk;
    });
}

}  // namespace newsdex::bench
