#include "result_format.h"

#include "analysis/text_sanitizer.h"
#include "article_view.h"
#include "number_format.h"
#include "terminal_text.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

namespace newsdex {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put_string(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

/// Text that echoes what the user typed (the query, notes quoting it): it may
/// hold any bytes, and JSON must be valid UTF-8, so the sanitized text (what
/// was searched for) is written.
void put_typed_text(JsonWriter& w, std::string text) {
    sanitize_text(text);
    put_string(w, text);
}

void put_string_or_null(JsonWriter& w, std::string_view s) {
    if (s.empty())
        w.Null();
    else
        put_string(w, s);
}

void put_list(JsonWriter& w, const std::vector<std::string>& items) {
    w.StartArray();
    for (const auto& item : items) put_string(w, item);
    w.EndArray();
}

void put_date(JsonWriter& w, const std::optional<std::int64_t>& date) {
    if (date)
        put_string(w, format_date(*date));
    else
        w.Null();
}

void put_facets(JsonWriter& w,
                const std::vector<std::pair<std::string, std::vector<FacetValue>>>& facets) {
    w.StartObject();
    for (const auto& [name, values] : facets) {
        w.Key(name.c_str());
        w.StartArray();
        for (const auto& v : values) {
            w.StartObject();
            w.Key("value");
            put_string(w, v.value);
            w.Key("count");
            w.Uint64(v.count);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
}

/// The one JSON form of a hit (json and jsonl).
void put_hit(JsonWriter& w, const Hit& h) {
    w.StartObject();
    w.Key("rank");
    w.Uint(h.rank);
    w.Key("collection");
    put_string(w, h.collection);
    w.Key("id");
    put_string(w, h.id);
    w.Key("title");
    put_string(w, h.title);
    w.Key("title_html");
    put_string(w, h.title_marked.html);
    w.Key("title_from_body");
    w.Bool(h.title_from_body);
    w.Key("date");
    put_date(w, h.date);
    w.Key("source");
    put_string_or_null(w, h.source);
    w.Key("url");
    put_string_or_null(w, h.url);
    w.Key("lang");
    put_string(w, h.lang);
    w.Key("topics");
    put_list(w, h.topics);
    w.Key("authors");
    put_list(w, h.authors);
    w.Key("places");
    put_list(w, h.places);
    w.Key("similar");
    w.StartArray();
    for (const auto& s : h.similar) {
        w.StartObject();
        w.Key("collection");
        put_string(w, s.collection);
        w.Key("id");
        put_string(w, s.id);
        w.EndObject();
    }
    w.EndArray();
    w.Key("similar_total");
    w.Uint64(h.similar_total);
    w.Key("score");
    w.Double(h.score);
    w.Key("snippet");
    put_string(w, h.snippet.html);
    w.Key("snippet_text");
    put_string(w, h.snippet.text);
    w.Key("highlights");
    w.StartArray();
    for (const auto& [start, end] : h.snippet.highlights) {
        w.StartArray();
        w.Uint(start);
        w.Uint(end);
        w.EndArray();
    }
    w.EndArray();
    w.EndObject();
}

std::string score_text(double score) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", score);
    return buf;
}

/// The columns of tsv and csv, in order.
std::vector<std::string> hit_columns(const Hit& h) {
    return {std::to_string(h.rank),
            h.collection,
            h.id,
            h.date ? format_date(*h.date) : std::string(),
            h.source,
            h.title,
            h.url,
            score_text(h.score),
            h.snippet.text};
}

const std::vector<std::string> kColumnNames = {"rank",  "collection", "id",    "date",   "source",
                                               "title", "url",        "score", "snippet"};

/// Similar articles named on a hit's metadata line in text output.
constexpr std::size_t kSimilarShownInText = 3;

const char* kBold = "\x1b[1m";
const char* kDim = "\x1b[2m";
const char* kReset = "\x1b[0m";
constexpr std::string_view kIndent = "   ";

/// How matches are marked: colour, "[...]" (a terminal without colour, or
/// --brackets), else plain text (piped output).
TerminalStyle terminal_marks(const TextStyle& style) {
    if (style.ansi) return TerminalStyle::Ansi;
    return style.brackets ? TerminalStyle::Brackets : TerminalStyle::Plain;
}

class TextWriter : public ResultWriter {
  public:
    TextWriter(const TextStyle& style, Output out) : style_(style), out_(std::move(out)) {}

    void begin(const SearchResult& r) override {
        std::string head =
            total_phrase(r) + " for \"" + terminal_safe(r.query, kMaxEchoedQueryChars) + "\"";
        char took[48];
        std::snprintf(took, sizeof took, " (%.1f ms)\n", r.took_ms);
        head += took;
        if (r.relaxed)
            head += "no article has all the words; showing articles that match the most\n";
        if (!r.suggestion.empty())
            head += "did you mean: " + terminal_safe(r.suggestion, kMaxEchoedQueryChars) + "\n";
        for (const auto& note : r.notes) head += "note: " + terminal_safe(note) + "\n";
        out_(head);
        facets_ = r.facets;
        counts_clusters_ = r.counts_clusters;
    }

    void hit(const Hit& h) override {
        const TerminalStyle marks = terminal_marks(style_);
        std::string out = "\n";
        out += std::to_string(h.rank);
        out += ". ";
        if (style_.ansi) out += kBold;
        out += h.title_marked.text.empty()
                   ? "(untitled)"
                   : one_line(render_terminal(h.title_marked, marks, style_.ansi ? kBold : ""));
        if (style_.ansi) out += kReset;
        out += "\n   ";
        if (style_.ansi) out += kDim;
        std::string meta;
        if (h.date) meta += format_date(*h.date);
        if (!h.source.empty()) meta += (meta.empty() ? "" : " · ") + h.source;
        meta += (meta.empty() ? "" : " · ") + h.collection + "/" + h.id;
        if (h.similar_total > 0) {
            meta += " · +" + group_thousands(h.similar_total) + " similar";
            // Enough to find them (--show) without flooding the page.
            for (std::size_t i = 0; i < h.similar.size() && i < kSimilarShownInText; ++i)
                meta += std::string(i == 0 ? " (" : ", ") + h.similar[i].collection + "/" +
                        h.similar[i].id;
            if (!h.similar.empty()) meta += h.similar_total > kSimilarShownInText ? ", …)" : ")";
        }
        out += meta;
        if (style_.ansi) out += kReset;
        out += "\n";
        if (!h.url.empty()) {
            out += kIndent;
            if (style_.ansi) out += kDim;
            out += terminal_safe(h.url);
            if (style_.ansi) out += kReset;
            out += "\n";
        }
        if (!h.snippet.text.empty())
            out += std::string(kIndent) +
                   wrap_for_terminal(render_terminal(h.snippet, marks), style_.width, kIndent) +
                   "\n";
        out_(out);
        if (counts_clusters_ && h.similar_total > 0) collapsed_ = true;
    }

    void finish() override {
        std::string out;
        if (collapsed_)
            out += "\n(near-duplicates are shown once; --no-collapse lists every article)\n";
        for (const auto& [name, values] : facets_) {
            out += "\n" + name + ":";
            for (const auto& v : values)
                out += "  " + v.value + " (" + group_thousands(v.count) + ")";
            out += "\n";
        }
        out_(out);
    }

  private:
    TextStyle style_;
    Output out_;
    std::vector<std::pair<std::string, std::vector<FacetValue>>> facets_;
    bool counts_clusters_ = false;  ///< collapsing is on
    bool collapsed_ = false;        ///< a hit stood for near-duplicates
};

/// json (one object, hits last so they can stream) and jsonl (hits only).
class JsonWriterSink : public ResultWriter {
  public:
    JsonWriterSink(bool lines, Output out) : lines_(lines), out_(std::move(out)) {}

    void begin(const SearchResult& r) override {
        if (lines_) return;
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        w.Key("query");
        put_typed_text(w, r.query);
        w.Key("estimated_total");
        w.Uint64(r.estimated_total);
        w.Key("total_is_exact");
        w.Bool(r.total_is_exact);
        w.Key("total_lower");
        w.Uint64(r.total_lower);
        w.Key("total_upper");
        w.Uint64(r.total_upper);
        w.Key("counts");
        w.String(r.counts_clusters ? "clusters" : "articles");
        w.Key("took_ms");
        w.Double(r.took_ms);
        w.Key("suggestion");
        put_string_or_null(w, r.suggestion);
        w.Key("relaxed");
        w.Bool(r.relaxed);
        w.Key("notes");
        w.StartArray();
        for (const auto& note : r.notes) put_typed_text(w, note);
        w.EndArray();
        w.Key("facets");
        put_facets(w, r.facets);
        w.Key("hits");
        w.StartArray();
        // Leave the object and array open: hits and the closing come later.
        // rapidjson checks balance, so take the text as it stands.
        std::string head(buffer.GetString(), buffer.GetSize());
        out_(head);
    }

    void hit(const Hit& h) override {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        put_hit(w, h);
        std::string text;
        if (!lines_ && hits_ > 0) text += ",";
        text.append(buffer.GetString(), buffer.GetSize());
        if (lines_) text += "\n";
        out_(text);
        ++hits_;
    }

    void finish() override {
        if (!lines_) out_("]}\n");
    }

  private:
    bool lines_;
    Output out_;
    std::uint64_t hits_ = 0;
};

/// tsv and csv.
class TableWriter : public ResultWriter {
  public:
    TableWriter(bool csv, Output out) : csv_(csv), out_(std::move(out)) {}

    void begin(const SearchResult&) override { row(kColumnNames); }
    void hit(const Hit& h) override { row(hit_columns(h)); }
    void finish() override {}

  private:
    void row(const std::vector<std::string>& fields) {
        std::string line;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) line += csv_ ? ',' : '\t';
            line += csv_ ? csv_field(fields[i]) : tsv_field(fields[i]);
        }
        line += csv_ ? "\r\n" : "\n";
        out_(line);
    }

    static std::string csv_field(const std::string& f) {
        if (f.find_first_of(",\"\r\n") == std::string::npos) return f;
        std::string q = "\"";
        for (char c : f) {
            if (c == '"') q += '"';
            q += c;
        }
        return q + "\"";
    }

    static std::string tsv_field(const std::string& f) {
        std::string out = f;
        for (char& c : out)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        return out;
    }

    bool csv_;
    Output out_;
};

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "text") return OutputFormat::Text;
    if (name == "json") return OutputFormat::Json;
    if (name == "jsonl") return OutputFormat::Jsonl;
    if (name == "tsv") return OutputFormat::Tsv;
    if (name == "csv") return OutputFormat::Csv;
    return std::nullopt;
}

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, const TextStyle& style,
                                                 ResultWriter::Output out) {
    switch (format) {
        case OutputFormat::Text:
            return std::make_unique<TextWriter>(style, std::move(out));
        case OutputFormat::Json:
            return std::make_unique<JsonWriterSink>(false, std::move(out));
        case OutputFormat::Jsonl:
            return std::make_unique<JsonWriterSink>(true, std::move(out));
        case OutputFormat::Tsv:
            return std::make_unique<TableWriter>(false, std::move(out));
        case OutputFormat::Csv:
            return std::make_unique<TableWriter>(true, std::move(out));
    }
    return nullptr;
}

std::string format_result(const SearchResult& result, OutputFormat format, const TextStyle& style) {
    std::string out;
    auto writer = make_result_writer(format, style, [&](std::string_view s) { out += s; });
    writer->begin(result);
    for (const Hit& h : result.hits) writer->hit(h);
    writer->finish();
    return out;
}

std::string format_text(const SearchResult& result, const TextStyle& style) {
    return format_result(result, OutputFormat::Text, style);
}

std::string format_json(const SearchResult& result) {
    return format_result(result, OutputFormat::Json);
}

std::string total_phrase(const SearchResult& r) {
    const std::string noun = r.total_upper == 1 ? "result" : "results";
    if (r.total_is_exact) return group_thousands(r.estimated_total) + " " + noun;
    // Above the count bound: the bounds Xapian proved, not a single low guess.
    return "between " + group_thousands(r.total_lower) + " and " + group_thousands(r.total_upper) +
           " " + noun + " (about " + group_thousands(r.estimated_total) + ")";
}

std::string format_article_text(const ShownArticle& shown, const TextStyle& style) {
    const Article& a = shown.article;
    const TerminalStyle marks = terminal_marks(style);
    std::string out;
    if (style.ansi) out += kBold;
    out += a.title.empty()
               ? "(untitled)"
               : one_line(render_terminal(shown.title_marked, marks, style.ansi ? kBold : ""));
    if (style.ansi) out += kReset;
    out += "\n";
    auto field = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        if (style.ansi) out += kDim;
        out += name;
        if (style.ansi) out += kReset;
        out += one_line(value) + "\n";
    };
    auto joined = [](const std::vector<std::string>& items) {
        std::string s;
        for (const auto& item : items) s += (s.empty() ? "" : ", ") + item;
        return s;
    };
    field("id:      ", a.collection + "/" + a.id);
    field("date:    ", a.date ? format_date(*a.date) : std::string());
    field("source:  ", a.source);
    field("url:     ", a.url);
    field("authors: ", joined(a.authors));
    field("topics:  ", joined(a.topics));
    field("places:  ", joined(a.places));
    field("lang:    ", a.lang);
    for (const auto& paragraph : shown.paragraphs_marked) {
        out += '\n';
        out += wrap_for_terminal(render_terminal(paragraph, marks), style.width, "");
        out += '\n';
    }
    return out;
}

namespace {

/// How an article's date is written: the day ("YYYY-MM-DD", what readers
/// see) or, for an export that must index back to the same second, the
/// instant ("YYYY-MM-DDTHH:MM:SSZ", which newsdex-index's date parser reads
/// back exactly) followed by "epoch" (seconds since 1970 UTC, or null).
enum class DateForm { Day, Instant };

/// The stored fields of an article as members of the current JSON object:
/// the one writer behind format_article_json and format_stored_article_json.
void put_article_fields(JsonWriter& w, const Article& a, DateForm date_form) {
    w.Key("collection");
    put_string(w, a.collection);
    w.Key("id");
    put_string(w, a.id);
    w.Key("title");
    put_string(w, a.title);
    w.Key("date");
    if (date_form == DateForm::Day) {
        put_date(w, a.date);
    } else if (a.date) {
        put_string(w, format_date_time(*a.date));
    } else {
        w.Null();
    }
    if (date_form == DateForm::Instant) {
        w.Key("epoch");
        a.date ? w.Int64(*a.date) : w.Null();
    }
    w.Key("source");
    put_string_or_null(w, a.source);
    w.Key("url");
    put_string_or_null(w, a.url);
    w.Key("lang");
    put_string(w, a.lang);
    w.Key("authors");
    put_list(w, a.authors);
    w.Key("topics");
    put_list(w, a.topics);
    w.Key("places");
    put_list(w, a.places);
    w.Key("body");
    put_string(w, a.body);
}

}  // namespace

std::string format_article_json(const ShownArticle& shown) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    put_article_fields(w, shown.article, DateForm::Day);
    w.Key("paragraphs");
    put_list(w, shown.paragraphs);
    w.Key("title_html");
    put_string(w, shown.title_marked.html);
    w.Key("paragraphs_html");
    w.StartArray();
    for (const auto& p : shown.paragraphs_marked) put_string(w, p.html);
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string format_stored_article_json(const Article& article) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    put_article_fields(w, article, DateForm::Instant);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string format_info_text(const DatabaseInfo& info) {
    std::string out;
    for (const auto& p : info.paths) out += "database: " + p + "\n";
    out += "articles: " + group_thousands(info.articles) + "\n";
    out += "distinct words: " + group_thousands(info.distinct_words) + "\n";
    out += "words indexed: " + group_thousands(info.total_words) + "\n";
    char size[64];
    std::snprintf(size, sizeof size, "size on disk: %.1f MB\n", double(info.size_bytes) / 1e6);
    out += size;
    out += "dates: " + (info.first_date ? format_date(*info.first_date) : std::string("-")) +
           " .. " + (info.last_date ? format_date(*info.last_date) : std::string("-")) + "\n";
    for (const auto& [name, values] : info.breakdowns) {
        out += (name == "lang" ? std::string("language") : name) + "s:";
        std::size_t shown = 0;
        for (const auto& v : values) {
            if (++shown > 25) {
                out += "  … (" + group_thousands(values.size()) + " in all)";
                break;
            }
            out += "  " + v.value + " (" + group_thousands(v.count) + ")";
        }
        out += "\n";
    }
    return out;
}

std::string format_info_json(const DatabaseInfo& info) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("databases");
    put_list(w, info.paths);
    w.Key("articles");
    w.Uint64(info.articles);
    w.Key("distinct_words");
    w.Uint64(info.distinct_words);
    w.Key("total_words");
    w.Uint64(info.total_words);
    w.Key("size_bytes");
    w.Uint64(info.size_bytes);
    w.Key("first_date");
    put_date(w, info.first_date);
    w.Key("last_date");
    put_date(w, info.last_date);
    w.Key("breakdowns");
    put_facets(w, info.breakdowns);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace newsdex
