#include "query_file.h"

#include <fstream>

#include "errors.h"

namespace newsdex::bench {

namespace {

std::string trim(std::string_view s) {
    const char* ws = " \t\r\n\v\f";
    auto first = s.find_first_not_of(ws);
    if (first == std::string_view::npos) return {};
    auto last = s.find_last_not_of(ws);
    return std::string(s.substr(first, last - first + 1));
}

[[noreturn]] void fail(const std::string& name, unsigned line, const std::string& what,
                       const std::string& text) {
    std::string message = name;
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += what;
    message += ": '";
    message += text.size() > 80 ? text.substr(0, 80) + "..." : text;
    message += '\'';
    throw UsageError(message);
}

}  // namespace

std::vector<QueryLine> parse_query_lines(std::istream& in, const std::string& name) {
    std::vector<QueryLine> out;
    std::string raw;
    unsigned number = 0;
    while (std::getline(in, raw)) {
        ++number;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        std::string whole = trim(raw);
        if (whole.empty() || whole[0] == '#') continue;
        auto tab = raw.find('\t');
        if (tab == std::string::npos)
            fail(name, number, "expected LABEL<TAB>QUERY, but the line has no tab", raw);
        QueryLine q{trim(std::string_view(raw).substr(0, tab)),
                    trim(std::string_view(raw).substr(tab + 1)), number};
        if (q.label.empty()) fail(name, number, "empty label before the tab", raw);
        if (q.text.empty()) fail(name, number, "empty query after the tab", raw);
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<QueryLine> read_query_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    return parse_query_lines(in, path);
}

}  // namespace newsdex::bench
