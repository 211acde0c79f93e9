// Reuters-21578 SGML: a DOCTYPE line, then sibling <REUTERS NEWID="n"> elements
// with DATE, TOPICS/PLACES/PEOPLE/ORGS/EXCHANGES (<D> lists) and TEXT (TITLE, DATELINE, BODY).
//
// The file is read line by line; one record is buffered at a time. TEXT comes in
// three kinds: normal (TITLE + BODY), TYPE="BRIEF" (a title only) and
// TYPE="UNPROC" (raw text, no inner tags). Every record is emitted, even one
// without text (it still has an id and a date); that one is warned about.

#include "buffered_input.h"
#include "reader_support.h"
#include "registry.h"
#include "sgml_elements.h"
#include "sgml_entities.h"
#include "sgml_record_stream.h"

namespace newsdex::readers {

namespace {

constexpr std::string_view kOpen = "<REUTERS";
constexpr std::string_view kClose = "</REUTERS>";

/// True when the text has something beyond blanks and control characters
/// (Reuters wraps every text in &#2; ... &#3; markers).
bool has_text(std::string_view s) {
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u > 0x20 && u != 0x7F) return true;
    }
    return false;
}

std::string element_text(std::string_view record, std::string_view tag) {
    auto e = find_element(record, tag);
    if (!e) return {};
    return decode_sgml_entities(strip_tags(e->content));
}

std::vector<std::string> d_list(std::string_view record, std::string_view tag) {
    std::vector<std::string> out;
    auto e = find_element(record, tag);
    if (!e) return out;
    for (const auto& d : find_elements(e->content, "D")) {
        std::string value(trim(decode_sgml_entities(strip_tags(d.content))));
        if (!value.empty()) out.push_back(std::move(value));
    }
    return out;
}

class ReutersParser {
  public:
    ReutersParser(const std::string& name, const ReadContext& ctx) : name_(name), ctx_(ctx) {}

    void record(std::string_view text, bool truncated) {
        ++ordinal_;
        std::size_t open_end = text.find('>');
        std::string_view open_tag =
            open_end == std::string_view::npos ? text : text.substr(0, open_end + 1);
        Article a;
        std::string newid = tag_attribute(open_tag, "NEWID");
        std::string where;
        if (newid.empty()) {
            a.id = name_ + "#" + std::to_string(ordinal_);
            where = "record " + std::to_string(ordinal_);
            warn(ctx_, name_, where, "no NEWID attribute; id " + a.id);
        } else {
            a.id = newid;
            where = "NEWID=" + newid;
        }
        if (truncated)
            warn(ctx_, name_, where, "record not closed by </REUTERS> (file truncated?)");
        a.source = "Reuters";

        std::string_view body_part =
            open_end == std::string_view::npos ? std::string_view() : text.substr(open_end + 1);
        if (auto date = find_element(body_part, "DATE")) {
            // Some dates carry wire routing codes after control characters
            // ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM"); they are not part of the date.
            std::string date_text = decode_sgml_entities(date->content);
            std::string_view value = trim(date_text);
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (static_cast<unsigned char>(value[i]) < 0x20 && value[i] != ' ') {
                    value = trim(value.substr(0, i));
                    break;
                }
            }
            assign_date(a, value, ctx_, name_, where);
        }
        a.topics = d_list(body_part, "TOPICS");
        a.places = d_list(body_part, "PLACES");
        a.people = d_list(body_part, "PEOPLE");
        a.orgs = d_list(body_part, "ORGS");
        a.exchanges = d_list(body_part, "EXCHANGES");

        if (auto t = find_element(body_part, "TEXT")) {
            std::string type = to_lower(tag_attribute(t->open_tag, "TYPE"));
            a.title = std::string(trim(element_text(t->content, "TITLE")));
            // Unprocessed stories have no inner markup: their raw text is the body.
            auto body = type == "unproc" ? std::nullopt : find_element(t->content, "BODY");
            if (body) {
                std::string dateline(trim(element_text(t->content, "DATELINE")));
                std::string text_body = decode_sgml_entities(strip_tags(body->content));
                // The dateline ("SALVADOR, Feb 26 -") opens the story in print.
                a.body = dateline.empty() ? text_body : dateline + " " + text_body;
            } else if (type == "unproc" || (type != "brief" && a.title.empty())) {
                a.body = decode_sgml_entities(strip_tags(t->content));
            }
        }
        if (!has_text(a.title) && !has_text(a.body))
            warn(ctx_, name_, where, "no text (indexed with its id and date only)");
        ctx_.emit(std::move(a));
    }

  private:
    const std::string& name_;
    const ReadContext& ctx_;
    std::size_t ordinal_ = 0;
};

void read_reuters(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
                  const ReadContext& ctx) {
    in.skip_bom();
    ReutersParser parser(name, ctx);
    std::size_t records = for_each_sgml_record(
        in, {kOpen, kClose, /*keep_open_tag=*/true}, ctx,
        [&](const std::string& record, bool unterminated) { parser.record(record, unterminated); });
    if (records == 0) warn(ctx, name, "", "no <REUTERS> records found");
}

constexpr std::string_view kExtensions[] = {".sgm", ".sgml"};

Sniffed sniff_reuters(std::string_view head) {
    return istarts_with(head, "<REUTERS") || istarts_with(head, "<!DOCTYPE lewis") ? Sniffed::Yes
                                                                                   : Sniffed::No;
}

}  // namespace

extern const FormatReader kReutersFormat{.name = "reuters",
                                         .extensions = kExtensions,
                                         .sniff = sniff_reuters,
                                         .read = read_reuters,
                                         .role = DirectoryRole::Collection,
                                         .companion = {}};

}  // namespace newsdex::readers
