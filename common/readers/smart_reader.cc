// SMART / Glasgow test collections (TIME, CACM, MED ...): "*TEXT <id> <mm/dd/yy>
// PAGE <n>" opens a document, whose text runs to the next "*TEXT" or "*STOP".
//
// The TIME file is double-spaced (a blank line after every text line); blank
// lines are dropped and the text lines kept one per line. Header irregularities
// seen in TIME.ALL are accepted: runs of spaces, and "08/30 63" for "08/30/63".
// "*FIND" (query) sections in the same file are passed over.

#include <sstream>
#include <vector>

#include "buffered_input.h"
#include "date_parse.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex::readers {

namespace {

struct SmartDoc {
    std::string header;
    std::uint64_t line = 0;
    std::string body;
};

std::vector<std::string> split_blanks(std::string_view s) {
    std::vector<std::string> out;
    std::istringstream stream{std::string(s)};
    std::string token;
    while (stream >> token) out.push_back(token);
    return out;
}

void emit_doc(SmartDoc& doc, std::size_t ordinal, const std::string& name, const ReadContext& ctx) {
    // Tokens: "*TEXT" id [date tokens ...] ["PAGE" n]
    std::vector<std::string> tokens = split_blanks(doc.header);
    Article a;
    std::string where = "line " + std::to_string(doc.line);
    if (tokens.size() >= 2) {
        a.id = tokens[1];
    } else {
        a.id = name + "#" + std::to_string(ordinal);
        warn(ctx, name, where, "*TEXT line without a document number; id " + a.id);
    }
    std::string date_text;
    std::string date_joined;
    for (std::size_t i = 2; i < tokens.size() && !iequals(tokens[i], "PAGE"); ++i) {
        date_text += (date_text.empty() ? "" : " ") + tokens[i];
        // "08/30 63": the pieces of one date split by a stray blank.
        if (!date_joined.empty() && date_joined.back() != '/' && tokens[i].front() != '/')
            date_joined += '/';
        date_joined += tokens[i];
    }
    if (!date_text.empty()) {
        a.date_text = date_text;
        a.date = parse_date(date_joined);
        if (!a.date) warn(ctx, name, where, "unreadable date \"" + date_text + "\"");
    }
    while (!doc.body.empty() && doc.body.back() == '\n') doc.body.pop_back();
    a.body = std::move(doc.body);
    if (trim(a.body).empty()) warn(ctx, name, where, "no text (indexed with its id only)");
    ctx.emit(std::move(a));
}

void read_smart(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
                const ReadContext& ctx) {
    in.skip_bom();
    std::string line;
    std::uint64_t line_number = 0;
    SmartDoc doc;
    bool in_doc = false;
    bool seen_marker = false;
    std::uint64_t stray_line = 0;  // first non-blank line before any marker
    std::size_t ordinal = 0;
    while (in.getline(line)) {
        ++line_number;
        // Only these markers open sections; any other line starting with '*' is text.
        bool marker = line.compare(0, 5, "*TEXT") == 0 || line.compare(0, 5, "*FIND") == 0 ||
                      line.compare(0, 5, "*STOP") == 0;
        if (marker) {
            seen_marker = true;
            if (in_doc) emit_doc(doc, ++ordinal, name, ctx);
            in_doc = false;
            if (line.compare(0, 5, "*STOP") == 0) break;
            if (line.compare(0, 5, "*TEXT") == 0) {
                if (is_cancelled(ctx)) return;
                in_doc = true;
                doc = SmartDoc{line, line_number, {}};
            }
            // "*FIND" (a query) starts a section that is not a document.
            continue;
        }
        if (!seen_marker && !stray_line && !trim(line).empty()) stray_line = line_number;
        if (!in_doc || trim(line).empty()) continue;
        doc.body += line;
        doc.body += '\n';
    }
    if (in_doc) emit_doc(doc, ++ordinal, name, ctx);
    // Text before the first marker belongs to no document: most likely a
    // first *TEXT line damaged at its start.
    if (stray_line && ordinal > 0)
        warn_skipped(ctx, name, "line " + std::to_string(stray_line),
                     "text before the first *TEXT line is not indexed (a damaged header?)");
    if (ordinal == 0) warn(ctx, name, "", "no *TEXT documents found");
}

Sniffed sniff_smart(std::string_view head) {
    if (head.starts_with("*TEXT")) return Sniffed::Yes;
    // The collection's queries (TIME.QUE) are "*FIND n" records: no articles.
    if (head.starts_with("*FIND")) return Sniffed::Companion;
    return Sniffed::No;
}

}  // namespace

extern const FormatReader kSmartFormat{.name = "smart",
                                       .extensions = {},
                                       .sniff = sniff_smart,
                                       .read = read_smart,
                                       .role = DirectoryRole::Collection,
                                       .companion = "query file (*FIND)"};

}  // namespace newsdex::readers
