#include "trec_files.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
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
