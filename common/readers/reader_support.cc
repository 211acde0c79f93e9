#include "reader_support.h"

#include <cctype>

#include "date_parse.h"

namespace newsdex::readers {

void warn(const ReadContext& ctx, const std::string& file, std::string record,
          std::string message) {
    if (!ctx.warn) return;
    ctx.warn(Diagnostic{file, std::move(record), std::move(message), false});
}

void warn_skipped(const ReadContext& ctx, const std::string& file, std::string record,
                  std::string message) {
    if (!ctx.warn) return;
    ctx.warn(Diagnostic{file, std::move(record), std::move(message), true});
}

void assign_date(Article& article, std::string_view text, const ReadContext& ctx,
                 const std::string& file, const std::string& record) {
    text = trim(text);
    if (text.empty()) return;
    article.date_text.assign(text);
    article.date = parse_date(text);
    if (!article.date) warn(ctx, file, record, "unreadable date \"" + article.date_text + "\"");
}

std::string_view trim(std::string_view s) {
    auto blank = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string line_id(const std::string& name, std::uint64_t line) {
    return name + ":" + std::to_string(line);
}

}  // namespace newsdex::readers
