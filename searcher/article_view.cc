#include "article_view.h"

namespace newsdex {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

std::vector<std::string> body_paragraphs(std::string_view body) {
    // A body without any blank or indented line (JSON feeds write one
    // paragraph per line) has a paragraph per line: nothing was wrapped.
    bool marked = false;
    for (std::string_view rest = body; !rest.empty() && !marked;) {
        std::size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
        if (rest.find_first_not_of(" \t\r\n\f") == std::string_view::npos) break;  // the end
        std::string_view next = rest.substr(0, rest.find('\n'));
        marked = next.find_first_not_of(" \t\r\f") == std::string_view::npos || next[0] == ' ' ||
                 next[0] == '\t';
    }
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string p = one_line(current);
        if (!p.empty()) out.push_back(std::move(p));
        current.clear();
    };
    while (!body.empty()) {
        std::size_t eol = body.find('\n');
        std::string_view line = body.substr(0, eol);
        body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);
        bool blank = line.find_first_not_of(" \t\r\f") == std::string_view::npos;
        bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if (blank || indented || !marked) flush();
        if (!blank) current.append(line).push_back('\n');
    }
    flush();
    return out;
}

}  // namespace newsdex
