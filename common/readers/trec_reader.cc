// TREC SGML: <DOC><DOCNO>id</DOCNO> ... <TEXT>...</TEXT></DOC>, one after the
// other. The headline comes from HEADLINE, HL, HEAD or TITLE (the collections
// disagree), the date from DATE or DD, the byline from BYLINE or AUTHOR. All
// TEXT blocks of a document are its body, in order; inner markup (<P>, <F P=..>)
// is dropped. One document is buffered at a time.

#include "buffered_input.h"
#include "reader_support.h"
#include "registry.h"
#include "sgml_elements.h"
#include "sgml_entities.h"
#include "sgml_record_stream.h"

namespace newsdex::readers {

namespace {

constexpr std::string_view kOpen = "<DOC>";
constexpr std::string_view kClose = "</DOC>";

std::string clean(std::string_view raw) { return decode_sgml_entities(strip_tags(raw)); }

/// Trimmed text of the first of `tags` present; several HEAD elements (FT) are joined.
std::string first_of(std::string_view doc, std::initializer_list<std::string_view> tags) {
    for (auto tag : tags) {
        std::string joined;
        for (const auto& e : find_elements(doc, tag)) {
            std::string part(trim(clean(e.content)));
            if (part.empty()) continue;
            if (!joined.empty()) joined += ' ';
            joined += part;
        }
        if (!joined.empty()) return joined;
    }
    return {};
}

void emit_doc(std::string_view doc, std::size_t ordinal, const std::string& name,
              const ReadContext& ctx, bool truncated) {
    Article a;
    if (auto docno = find_element(doc, "DOCNO")) a.id = std::string(trim(clean(docno->content)));
    // An unclosed DOCNO runs to the end of the document: the id is its first
    // line, not the whole text.
    bool docno_unclosed = a.id.find('\n') != std::string::npos;
    if (docno_unclosed) a.id = std::string(trim(std::string_view(a.id).substr(0, a.id.find('\n'))));
    std::string where;
    if (a.id.empty()) {
        a.id = name + "#" + std::to_string(ordinal);
        where = "document " + std::to_string(ordinal);
        warn(ctx, name, where, "no DOCNO; id " + a.id);
    } else {
        where = "DOCNO=" + a.id;
        if (docno_unclosed)
            warn(ctx, name, where, "<DOCNO> not closed on its line; id taken from that line");
    }
    if (truncated) warn(ctx, name, where, "document not closed by </DOC> (file truncated?)");

    a.title = first_of(doc, {"HEADLINE", "HL", "HEAD", "TITLE"});
    std::string date = first_of(doc, {"DATE", "DD"});
    if (!date.empty()) assign_date(a, date, ctx, name, where);
    std::string byline = first_of(doc, {"BYLINE", "AUTHOR"});
    if (istarts_with(byline, "by ")) byline.erase(0, 3);
    if (!trim(byline).empty()) a.authors.emplace_back(trim(byline));
    std::string source = first_of(doc, {"SOURCE", "SO"});
    a.source = source;

    std::string body;
    std::string dateline = first_of(doc, {"DATELINE"});
    if (!dateline.empty()) body = dateline;
    for (const auto& e : find_elements(doc, "TEXT")) {
        std::string part(trim(clean(e.content)));
        if (part.empty()) continue;
        if (!body.empty()) body += "\n\n";
        body += part;
    }
    a.body = std::move(body);
    if (trim(a.title).empty() && trim(a.body).empty()) {
        // As elsewhere: a document with (blank) text elements is kept and
        // warned about; one without any is not an article.
        bool has_elements = find_element(doc, "TEXT") || find_element(doc, "HEADLINE") ||
                            find_element(doc, "HL") || find_element(doc, "HEAD") ||
                            find_element(doc, "TITLE");
        if (!has_elements) {
            warn_skipped(ctx, name, where, "skipped: no headline or text");
            return;
        }
        warn(ctx, name, where, "no text (headline and text are blank)");
    }
    ctx.emit(std::move(a));
}

void read_trec(BufferedInput& in, const std::string& name, std::string_view /*extension*/,
               const ReadContext& ctx) {
    in.skip_bom();
    std::size_t ordinal = 0;
    for_each_sgml_record(in, {kOpen, kClose, /*keep_open_tag=*/false}, ctx,
                         [&](const std::string& doc, bool unterminated) {
                             emit_doc(doc, ++ordinal, name, ctx, unterminated);
                         });
    if (ordinal == 0) warn(ctx, name, "", "no <DOC> documents found");
}

constexpr std::string_view kExtensions[] = {".trec"};

Sniffed sniff_trec(std::string_view head) {
    return istarts_with(head, "<DOC>") || istarts_with(head, "<DOC ") ? Sniffed::Yes : Sniffed::No;
}

}  // namespace

extern const FormatReader kTrecFormat{.name = "trec",
                                      .extensions = kExtensions,
                                      .sniff = sniff_trec,
                                      .read = read_trec,
                                      .role = DirectoryRole::Collection,
                                      .companion = {}};

}  // namespace newsdex::readers
