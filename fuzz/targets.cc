#include "targets.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/language_guess.h"
#include "analysis/text_analyzer.h"
#include "analysis/text_sanitizer.h"
#include "corpus_reader.h"
#include "document_builder.h"
#include "errors.h"
#include "query_builder.h"
#include "readers/buffered_input.h"
#include "readers/byte_source.h"
#include "readers/format.h"
#include "readers/registry.h"
#include "snippet_renderer.h"
#include "snippet_selector.h"
#include "spelling_suggestion.h"
#include "stored_fields.h"

namespace fs = std::filesystem;

namespace newsdex::fuzz {

void check(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "newsdex fuzz check failed: %s\n", what);
    std::abort();
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07;
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

namespace {

/// Code points of valid UTF-8.
std::vector<std::uint32_t> code_points(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        std::uint32_t cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
        for (std::size_t k = 1; k <= n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n + 1;
    }
    return out;
}

bool on_boundary(std::string_view s, std::size_t offset) {
    return offset == s.size() ||
           (offset < s.size() && (static_cast<unsigned char>(s[offset]) & 0xC0) != 0x80);
}

/// text_sanitizer.h's output invariant: valid UTF-8, no control characters
/// but '\n' and '\t', no format characters.
void check_clean(std::string_view s, const char* what) {
    check(valid_utf8(s), what);
    for (std::uint32_t cp : code_points(s)) {
        bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
        bool format = cp == 0xFEFF || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
                      (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        check(!control && !format, what);
    }
}

void check_article(Article& a) {
    sanitize_article(a);
    for (const std::string* s : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.lang})
        check_clean(*s, "sanitized article field is clean");
    for (const auto* list : {&a.authors, &a.topics, &a.places})
        for (const auto& s : *list) check_clean(s, "sanitized article list item is clean");
}

TextAnalyzer& analyzer() {
    static TextAnalyzer instance;  // as each indexer worker and searcher keeps one
    return instance;
}

/// A scratch file for inputs that must come from disk (compressed, zip).
const fs::path& scratch_dir() {
    struct Dir {
        fs::path path;
        Dir() {
            path = fs::temp_directory_path() / ("newsdex-fuzz-" + std::to_string(getpid()));
            fs::create_directories(path);
        }
        ~Dir() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    };
    static Dir dir;
    return dir.path;
}

/// Bytes from memory, handed out in chunks of a chosen size, so every buffer
/// boundary of BufferedInput gets its turn.
class MemorySource : public readers::ByteSource {
  public:
    MemorySource(std::string_view data, std::size_t chunk) : data_(data), chunk_(chunk) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::min({size, chunk_, data_.size() - pos_});
        data_.copy(buffer, n, pos_);
        pos_ += n;
        return n;
    }
    std::uint64_t disk_bytes() const override { return pos_; }

  private:
    std::string_view data_;
    std::size_t chunk_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string encode_reader_input(std::uint8_t format, std::uint8_t flags, unsigned chunk,
                                std::string_view file) {
    check(chunk >= 1 && chunk <= 256, "chunk size in 1..256");
    std::string out{static_cast<char>(format), static_cast<char>(flags),
                    static_cast<char>(chunk - 1)};
    out += file;
    return out;
}

std::uint8_t format_byte_of(const std::string& path) {
    Format format = detect_format(path);
    return format.is_auto() ? kDetectFormat
                            : static_cast<std::uint8_t>(readers::format_index(format.reader()));
}

int reader_one_input(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const auto registered = readers::formats();
    const Format format = data[0] < registered.size() ? Format(*registered[data[0]]) : Format::Auto;
    const unsigned flags = data[1];
    const unsigned container = flags & 3;
    const std::size_t chunk = std::size_t{data[2]} + 1;
    std::string_view bytes(reinterpret_cast<const char*>(data) + 3, size - 3);
    std::string extension;
    if (!format.is_auto() && !format.reader().extensions.empty()) {
        const auto& extensions = format.reader().extensions;
        extension = extensions[(flags >> 4) % extensions.size()];
    }

    ReaderOptions options;
    options.format = format;
    if (flags & kSemicolonDelimiter) options.csv_delimiter = ';';
    if (flags & kApostropheQuote) options.csv_quote = '\'';
    std::size_t articles = 0;
    ReadContext ctx{options,
                    [&](Article&& a) {
                        ++articles;
                        check_article(a);
                    },
                    [](Diagnostic d) { check(!d.file.empty(), "a warning names its file"); },
                    [](std::uint64_t) {}, nullptr};

    if (container <= 1) {
        MemorySource source(bytes, chunk);
        readers::BufferedInput in(source);
        Format chosen = format;
        if (chosen.is_auto()) chosen = readers::sniff_format(in.peek(readers::kSniffBytes));
        if (!chosen.is_auto()) chosen.reader().read(in, "fuzz" + extension, extension, ctx);
        return 0;
    }
    // Through read_file, as the indexer reads: a .gz file, or a .zip whose
    // bytes are the input (libarchive's parsers and our member loop). A file
    // of unknown format has no extension, so it is sniffed.
    std::string name = "input" + extension + (container == kGzipFile ? ".gz" : ".zip");
    fs::path path = scratch_dir() / name;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    try {
        read_file(InputFile{path.string(), name, bytes.size()}, ctx);
    } catch (const InputError&) {
        // Documented: the file's format cannot be told.
    }
    return 0;
}

namespace {

const char* const kLanguages[] = {"en", "de", "fr", "es", "ru", "ja", "zh", "ko",
                                  "ar", "he", "th", "el", "",   "nl", "xx", "English"};

}  // namespace

int analysis_one_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string lang = kLanguages[data[0] % std::size(kLanguages)];
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

    std::string sanitized = text;
    SanitizeReport report = sanitize_text(sanitized);
    check_clean(sanitized, "sanitize_text output is clean");
    check(report.invalid_sequences == 0 || report.first_invalid_offset < text.size(),
          "first invalid offset lies in the input");
    std::string again = sanitized;
    check(sanitize_text(again).invalid_sequences == 0 && again == sanitized,
          "sanitize_text is idempotent");

    Xapian::termpos last = 0;
    Xapian::termpos end = analyzer().analyze(sanitized, lang, [&](const Token& t) {
        check(t.start <= t.end && t.end <= sanitized.size(), "token offsets lie in the text");
        check(on_boundary(sanitized, t.start) && on_boundary(sanitized, t.end),
              "token offsets on UTF-8 boundaries");
        check(!t.term.empty() && t.term.size() <= TextAnalyzer::kMaxWordTermBytes, "term size");
        check(valid_utf8(t.term) && valid_utf8(t.stem), "terms are UTF-8");
        check(t.span >= 1, "span");
        check(t.position >= last || t.compound, "positions do not go back");
        if (!t.compound) last = t.position;
    });
    check(end >= last, "analyze returns the position after the last word");
    guess_language_by_script(sanitized);

    // The article path: sanitize_article, then the document the indexer stores.
    Article a;
    std::size_t eol = text.find('\n');
    a.title = text.substr(0, eol);
    a.body = eol == std::string::npos ? std::string() : text.substr(eol + 1);
    a.id = text.substr(0, std::min<std::size_t>(text.size(), 40));
    a.collection = "fuzz";
    a.authors = {a.title};
    a.topics = {a.id};
    sanitize_article(a);
    a.lang = canonical_language(lang);
    if (a.id.empty()) a.id = "fuzz#1";
    BuiltDocument built = build_document(a, analyzer());
    check(!built.unique_term.empty(), "a document has its unique term");
    Article stored = decode_stored_fields(built.document.get_data());
    check(stored.id == a.id && stored.title == a.title && stored.body == a.body,
          "stored fields round-trip");
    return 0;
}

namespace {

/// A small index (on disk: spelling data needs a real backend) to run plans on.
const Xapian::Database& query_index() {
    struct Index {
        fs::path path;
        Xapian::Database db;
        Index() {
            path = scratch_dir() / "index";
            Xapian::WritableDatabase w(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
            const char* const rows[][4] = {
                {"1", "Port strike ends",
                 "Dockers at the harbour voted to end the cease-fire talks.", "en"},
                {"2", "Grain prices rise", "Wheat and grain futures rose on the Chicago market.",
                 "en"},
                {"3", "Hafenstreik beendet", "Die Hafenarbeiter stimmten für das Ende des Streiks.",
                 "de"},
                {"4", "港湾ストライキ", "港湾労働者がストライキを終えた。", "ja"},
                {"5", "Minister negotiates",
                 "The minister negotiated a ceasefire; negotiations go on.", "en"},
            };
            for (const auto& row : rows) {
                Article a;
                a.id = row[0];
                a.title = row[1];
                a.body = row[2];
                a.lang = row[3];
                a.collection = "fuzz";
                a.source = "Wire";
                a.topics = {"trade"};
                a.date = 545000000 + 86400 * (row[0][0] - '0');
                BuiltDocument built = build_document(a, analyzer());
                w.replace_document(built.unique_term, built.document);
                for (const auto& word : built.spelling_words) w.add_spelling(word);
            }
            w.commit();
            db = Xapian::Database(path.string());
        }
    };
    static Index index;
    return index.db;
}

}  // namespace

int query_one_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    QueryOptions options;
    options.any = data[0] & 1;
    options.lang = kLanguages[(data[0] >> 1) % std::size(kLanguages)];
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

    QueryPlan plan = build_query(text, options, analyzer());
    for (const auto& note : plan.notes) check(valid_utf8(note), "notes are UTF-8");
    for (const auto& term : plan.highlight.terms)
        check(valid_utf8(term), "highlight terms are UTF-8");

    const Xapian::Database& db = query_index();
    for (const Xapian::Query* q : {&plan.query, &plan.relaxed}) {
        if (q->empty()) continue;
        q->get_description();
        Xapian::Enquire enquire(db);
        enquire.set_query(*q);
        Xapian::MSet mset = enquire.get_mset(0, 10);
        check(mset.size() <= db.get_doccount(), "no more hits than documents");
    }
    check(valid_utf8(spelling_suggestion(text, db, analyzer())), "suggestion is UTF-8");
    return 0;
}

int snippet_one_input(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string_view all(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::size_t split = all.find('\0');
    std::string_view query = all.substr(0, split);
    std::string text(split == std::string_view::npos ? std::string_view() : all.substr(split + 1));
    sanitize_text(text);  // stored text is sanitized text

    QueryOptions qo;
    QueryPlan plan = build_query(query, qo, analyzer());
    SnippetOptions options;
    options.max_chars = 1 + (data[0] & 0x3F) * 8;
    options.fragments = 1 + ((data[0] >> 6) & 3);

    SnippetSelector selector(analyzer(), plan.highlight, "en");
    std::uint32_t previous_end = 0;
    for (const MatchRange& m : selector.find_matches(text)) {
        check(m.start < m.end && m.end <= text.size(), "match inside the text");
        check(m.start >= previous_end, "matches sorted and disjoint");
        check(on_boundary(text, m.start) && on_boundary(text, m.end), "match on UTF-8 boundaries");
        previous_end = m.end;
    }
    std::vector<Fragment> fragments = selector.select(text, options);
    check(fragments.size() <= options.fragments, "at most the fragments asked for");
    previous_end = 0;
    for (const Fragment& f : fragments) {
        check(f.start <= f.end && f.end <= text.size(), "fragment inside the text");
        check(f.start >= previous_end, "fragments in text order, disjoint");
        check(on_boundary(text, f.start) && on_boundary(text, f.end),
              "fragment on UTF-8 boundaries");
        for (const MatchRange& m : f.matches)
            check(m.start >= f.start && m.end <= f.end && m.start < m.end,
                  "matches inside their fragment");
        previous_end = f.end;
    }

    RenderedSnippet r = render_snippet(text, fragments);
    check(valid_utf8(r.text) && valid_utf8(r.html), "rendered snippet is UTF-8");
    std::size_t chars = code_points(r.text).size();
    for (const auto& [start, end] : r.highlights)
        check(start < end && end <= chars, "highlight inside the text");
    check(valid_utf8(render_terminal(r, TerminalStyle::Brackets)), "terminal text is UTF-8");
    check(valid_utf8(render_terminal(r, TerminalStyle::Ansi)), "ANSI text is UTF-8");
    check(valid_utf8(html_escape(text)), "escaped text is UTF-8");
    return 0;
}

}  // namespace newsdex::fuzz
