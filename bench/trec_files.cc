#include "trec_files.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "errors.h"

namespace newsdex::bench {

namespace {

std::string format_score(double score) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", score);
    return buf;
}

}  // namespace

Qrels parse_qrels(std::istream& in, const std::string& name) {
    Qrels qrels;
    std::string line;
    unsigned number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::istringstream fields(line);
        std::string topic, iteration, docno, level_text, extra;
        if (!(fields >> topic)) continue;  // blank line
        if (!(fields >> iteration >> docno >> level_text) || (fields >> extra)) {
            std::string message = name;
            message += ':';
            message += std::to_string(number);
            message += ": expected 'TOPIC ITERATION DOCNO LEVEL'";
            throw UsageError(message);
        }
        char* end = nullptr;
        long level = std::strtol(level_text.c_str(), &end, 10);
        if (end == level_text.c_str() || *end != '\0') {
            std::string message = name;
            message += ':';
            message += std::to_string(number);
            message += ": relevance level is not an integer: '";
            message += level_text;
            message += '\'';
            throw UsageError(message);
        }
        qrels[topic][docno] = static_cast<int>(level);
    }
    return qrels;
}

std::vector<std::pair<std::string, std::vector<RankedDoc>>> read_run(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    std::vector<std::pair<std::string, std::vector<RankedDoc>>> rankings;
    std::map<std::string, std::size_t> index;
    std::string line;
    unsigned number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::istringstream fields(line);
        std::string topic, q0, docno, rank, score_text, tag;
        if (!(fields >> topic)) continue;  // blank line
        char* end = nullptr;
        if (!(fields >> q0 >> docno >> rank >> score_text >> tag) ||
            (std::strtod(score_text.c_str(), &end), end == score_text.c_str() || *end != '\0')) {
            std::string message = path;
            message += ':';
            message += std::to_string(number);
            message += ": expected 'TOPIC Q0 DOCNO RANK SCORE TAG'";
            throw UsageError(message);
        }
        auto [it, fresh] = index.emplace(topic, rankings.size());
        if (fresh) rankings.emplace_back(topic, std::vector<RankedDoc>{});
        rankings[it->second].second.push_back({docno, std::strtod(score_text.c_str(), nullptr)});
    }
    for (auto& [topic, ranking] : rankings) trec_order(ranking);
    return rankings;
}

Qrels read_qrels(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    return parse_qrels(in, path);
}

std::string run_docno(std::string_view id) {
    std::string out(id);
    for (char& c : out)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = '_';
    return out;
}

double run_score(double score) { return std::strtod(format_score(score).c_str(), nullptr); }

void write_run(std::ostream& out, const std::string& topic, const std::vector<RankedDoc>& ranking,
               const std::string& tag) {
    std::size_t rank = 0;
    for (const RankedDoc& d : ranking)
        out << topic << " Q0 " << d.docno << ' ' << ++rank << ' ' << format_score(d.score) << ' '
            << tag << '\n';
}

}  // namespace newsdex::bench
