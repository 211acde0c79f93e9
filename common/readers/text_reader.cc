// Plain text: one article per file, id = the file's name.
//
// Layout rules, from the corpora seen:
//  - Leading lines that are only a URL or only a date are the url and the date
//    (livedoor: URL, ISO date, title, body). After such lines the next line is
//    the title, blank line or not.
//  - Otherwise the first line is the title when it is short (<= 200 characters)
//    and a blank line follows it (BBC: title, blank line, paragraphs).
//  - Otherwise there is no title (the seed articles start with their text).
// A BOM at the start is dropped and CRLF line ends become LF; other bytes are
// passed through untouched for the sanitizer.

#include <vector>

#include "buffered_input.h"
#include "date_parse.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex::readers {

namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxDateLineBytes = 64;

/// Characters, counting UTF-8 continuation bytes as part of their character.
std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool is_url_line(std::string_view line) {
    line = trim(line);
    if (!istarts_with(line, "http://") && !istarts_with(line, "https://")) return false;
    return line.find_first_of(" \t") == std::string_view::npos;
}

bool is_date_line(std::string_view line) {
    line = trim(line);
    return !line.empty() && line.size() <= kMaxDateLineBytes && parse_date(line).has_value();
}

bool blank(const std::string& s) { return trim(s).empty(); }

void read_text(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
               const ReadContext& ctx) {
    in.skip_bom();
    std::vector<std::string> lines;
    std::string line;
    while (in.getline(line)) lines.push_back(line);

    std::size_t i = 0;
    auto skip_blank = [&] {
        while (i < lines.size() && blank(lines[i])) ++i;
    };
    skip_blank();
    if (i == lines.size()) {
        warn_skipped(ctx, name, "", "skipped: empty file");
        return;
    }

    Article a;
    a.id = name;
    bool had_meta = false;
    for (;;) {
        if (a.url.empty() && is_url_line(lines[i])) {
            a.url = std::string(trim(lines[i]));
        } else if (a.date_text.empty() && is_date_line(lines[i])) {
            assign_date(a, lines[i], ctx, name, "line " + std::to_string(i + 1));
        } else {
            break;
        }
        had_meta = true;
        ++i;
        skip_blank();
        if (i == lines.size()) break;
    }

    if (i < lines.size()) {
        const std::string& first = lines[i];
        bool short_line = char_count(trim(first)) <= kMaxTitleChars;
        bool blank_after = i + 1 < lines.size() && blank(lines[i + 1]);
        bool more_after = false;
        for (std::size_t j = i + 1; j < lines.size() && !more_after; ++j)
            more_after = !blank(lines[j]);
        if (short_line && ((had_meta) || (blank_after && more_after))) {
            a.title = std::string(trim(first));
            ++i;
            skip_blank();
        }
    }

    // The body: the remaining lines, trailing blank lines dropped.
    std::size_t end = lines.size();
    while (end > i && blank(lines[end - 1])) --end;
    for (std::size_t j = i; j < end; ++j) {
        a.body += lines[j];
        if (j + 1 < end) a.body += '\n';
    }
    if (a.title.empty() && a.body.empty()) {
        warn_skipped(ctx, name, "", "skipped: no text after the url/date lines");
        return;
    }
    ctx.emit(std::move(a));
}

constexpr std::string_view kExtensions[] = {".txt", ".text"};

}  // namespace

extern const FormatReader kTextFormat{.name = "text",
                                      .extensions = kExtensions,
                                      .sniff = nullptr,
                                      .read = read_text,
                                      .role = DirectoryRole::Companion,
                                      .companion = {}};

}  // namespace newsdex::readers
