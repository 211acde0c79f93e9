#include "sgml_elements.h"

#include <cctype>

#include "reader_support.h"

namespace newsdex::readers {

std::size_t find_icase(std::string_view haystack, std::string_view needle, std::size_t from) {
    if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
    const auto first = static_cast<unsigned char>(needle.front());
    const char lower = static_cast<char>(std::tolower(first));
    const char upper = static_cast<char>(std::toupper(first));
    for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
        if (haystack[i] != lower && haystack[i] != upper) continue;
        if (iequals(haystack.substr(i, needle.size()), needle)) return i;
    }
    return std::string_view::npos;
}

namespace {

/// Position of the next open tag `<tag` followed by '>' or a blank, from `from`.
std::size_t find_open(std::string_view record, std::string_view tag, std::size_t from) {
    std::string pattern(1, '<');  // (not "<" + tag: GCC 12 -Wrestrict false positive)
    pattern.append(tag);
    for (std::size_t at = find_icase(record, pattern, from); at != std::string_view::npos;
         at = find_icase(record, pattern, at + 1)) {
        std::size_t after = at + pattern.size();
        if (after >= record.size()) return std::string_view::npos;
        char c = record[after];
        if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/') return at;
    }
    return std::string_view::npos;
}

std::string close_tag(std::string_view tag) {
    std::string close("</");
    close.append(tag);
    close += '>';
    return close;
}

}  // namespace

std::vector<SgmlElement> find_elements(std::string_view record, std::string_view tag) {
    std::vector<SgmlElement> out;
    const std::string close = close_tag(tag);
    std::size_t from = 0;
    for (;;) {
        std::size_t open = find_open(record, tag, from);
        if (open == std::string_view::npos) break;
        std::size_t open_end = record.find('>', open);
        if (open_end == std::string_view::npos) break;
        SgmlElement e;
        e.open_tag = record.substr(open, open_end + 1 - open);
        std::size_t content_start = open_end + 1;
        std::size_t end = find_icase(record, close, content_start);
        if (end == std::string_view::npos) {
            e.content = record.substr(content_start);
            out.push_back(e);
            break;
        }
        e.content = record.substr(content_start, end - content_start);
        out.push_back(e);
        from = end + close.size();
    }
    return out;
}

std::optional<SgmlElement> find_element(std::string_view record, std::string_view tag) {
    const std::string close = close_tag(tag);
    std::size_t open = find_open(record, tag, 0);
    if (open == std::string_view::npos) return std::nullopt;
    std::size_t open_end = record.find('>', open);
    if (open_end == std::string_view::npos) return std::nullopt;
    SgmlElement e;
    e.open_tag = record.substr(open, open_end + 1 - open);
    std::size_t end = find_icase(record, close, open_end + 1);
    e.content = end == std::string_view::npos ? record.substr(open_end + 1)
                                              : record.substr(open_end + 1, end - open_end - 1);
    return e;
}

std::string tag_attribute(std::string_view open_tag, std::string_view name) {
    std::size_t from = 0;
    for (;;) {
        std::size_t at = find_icase(open_tag, name, from);
        if (at == std::string_view::npos) return {};
        from = at + 1;
        // A whole attribute name: preceded by a blank, followed by '='.
        if (at == 0 || !std::isspace(static_cast<unsigned char>(open_tag[at - 1]))) continue;
        std::size_t i = at + name.size();
        while (i < open_tag.size() && open_tag[i] == ' ') ++i;
        if (i >= open_tag.size() || open_tag[i] != '=') continue;
        ++i;
        while (i < open_tag.size() && open_tag[i] == ' ') ++i;
        if (i >= open_tag.size()) return {};
        char q = open_tag[i];
        if (q == '"' || q == '\'') {
            std::size_t end = open_tag.find(q, i + 1);
            if (end == std::string_view::npos) return std::string(open_tag.substr(i + 1));
            return std::string(open_tag.substr(i + 1, end - i - 1));
        }
        std::size_t end = i;
        while (end < open_tag.size() && open_tag[end] != '>' &&
               !std::isspace(static_cast<unsigned char>(open_tag[end])))
            ++end;
        return std::string(open_tag.substr(i, end - i));
    }
}

std::string strip_tags(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t lt = text.find('<', i);
        if (lt == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, lt - i));
        // Only "<" followed by a letter, '/' or '!' starts a tag; "a < b" is text.
        char next = lt + 1 < text.size() ? text[lt + 1] : '\0';
        if (!std::isalpha(static_cast<unsigned char>(next)) && next != '/' && next != '!') {
            out += '<';
            i = lt + 1;
            continue;
        }
        std::size_t gt = text.find('>', lt);
        if (gt == std::string_view::npos) {
            out.append(text.substr(lt));
            break;
        }
        i = gt + 1;
        // "<P>one</P><P>two</P>": a tag between two words separates them.
        auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
        if (!out.empty() && !blank(out.back()) && i < text.size() && !blank(text[i]) &&
            text[i] != '<')
            out += ' ';
    }
    return out;
}

}  // namespace newsdex::readers
