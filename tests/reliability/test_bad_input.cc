// Bad input everywhere, through the whole indexer (run_index: read, sanitize,
// analyse, write): every reader gets truncated, empty and binary files,
// invalid UTF-8 at every position class, a 1 MB line, unclosed structure;
// JSON gets deep nesting and a huge record; compressed and zip input gets cut
// and corrupt streams; the shared corpora's known bad spots are indexed whole.
//
// What each case must show: the run never aborts; every valid article around
// the bad spot is indexed; and where a record is bad, a warning names the file
// and the record. (tests/common/test_readers_garbage.cc throws random bytes at
// the readers alone; this file is the end-to-end matrix.)

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <set>

#include <xapian.h>

#include "analysis/text_sanitizer.h"
#include "errors.h"
#include "indexer.h"
#include "readers/registry.h"
#include "reliability/reliability_util.h"
#include "stored_fields.h"
#include "terms.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// --- running the indexer and looking at what it did ---

struct Outcome {
    bool threw = false;
    std::string error;
    IndexStats stats;
    std::vector<Diagnostic> warnings;
    std::set<std::string> ids;      ///< native ids of the indexed articles
    std::vector<Article> articles;  ///< as stored
    std::string log;                ///< warnings as text, for failure messages

    bool has(const std::string& id) const { return ids.count(id) != 0; }
    /// A warning about `file` (its name appears in Diagnostic::file) that names
    /// a record when `record` is true.
    bool warned(const std::string& file, bool record) const {
        for (const auto& w : warnings)
            if (w.file.find(file) != std::string::npos && (!record || !w.record.empty()))
                return true;
        return false;
    }
    const Article* find(const std::string& id) const {
        for (const auto& a : articles)
            if (a.id == id) return &a;
        return nullptr;
    }
};

Outcome index_dir(const fs::path& input, Format format = Format::Auto) {
    test::TempDir db_dir;
    Outcome out;
    IndexOptions options;
    options.db_path = (db_dir / "db").string();
    options.inputs = {input.string()};
    options.collection = "bad";
    options.jobs = 2;
    options.flush_docs = 16;
    options.reader.format = format;
    options.walk.format = format;
    IndexCallbacks callbacks;
    std::mutex m;
    callbacks.on_warning = [&](const Diagnostic& d) {
        std::lock_guard lock(m);
        out.warnings.push_back(d);
        out.log += "  " + d.to_string() + (d.record_skipped ? "  [skipped]\n" : "\n");
    };
    try {
        out.stats = run_index(options, callbacks);
    } catch (const std::exception& e) {
        out.threw = true;
        out.error = e.what();
        return out;
    }
    Xapian::Database db(options.db_path);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Article a = decode_stored_fields(db.get_document(*it).get_data());
        out.ids.insert(a.id);
        out.articles.push_back(std::move(a));
    }
    return out;
}

void write_bytes(const fs::path& path, std::string_view bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string words(std::size_t bytes, std::uint32_t seed = 7) {
    static const char* const kWords[] = {"grain", "harbour", "talks", "minister", "rail", "price",
                                         "union", "vote",    "ferry", "council",  "flood"};
    std::string out;
    std::mt19937 rng(seed);
    while (out.size() < bytes) {
        out += kWords[rng() % std::size(kWords)];
        out += out.size() % 97 < 8 ? ". " : " ";
    }
    return out;
}

std::string png_and_random_bytes(std::size_t size) {
    std::string out("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    std::mt19937 rng(1987);
    while (out.size() < size) out += static_cast<char>(rng() & 0xFF);
    return out;
}

/// Fresh bytes from /dev/urandom: different every run, so a failure saves
/// them (the path is in the failure message) for a reproducer.
std::string urandom_bytes(std::size_t size) {
    std::string out(size, '\0');
    std::ifstream in("/dev/urandom", std::ios::binary);
    in.read(out.data(), static_cast<std::streamsize>(size));
    return out;
}

std::string keep_for_reproduction(const std::string& bytes, const std::string& name) {
    fs::path keep = fs::temp_directory_path() / ("newsdex-bad-input-" + name);
    write_bytes(keep, bytes);
    return keep.string();
}

// --- the formats ---

/// How to write a file of records in one format. Record ids are numbers
/// (Reuters NEWID and SMART *TEXT numbers must be).
struct Kit {
    std::string name;
    Format format;
    std::string ext;
    std::string header, separator, footer;
    std::function<std::string(const std::string& id, const std::string& body)> record;
    bool one_article_per_file = false;

    std::string file(const std::vector<std::string>& records) const {
        std::string out = header;
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (i) out += separator;
            out += records[i];
        }
        return out + footer;
    }
    std::string good(const std::string& id) const {
        return record(id, "Body of " + id + " about the grain harbour.");
    }
};

std::vector<Kit> kits() {
    std::vector<Kit> k;
    k.push_back({"text", parse_format("text"), ".txt", "", "", "",
                 [](const std::string& id, const std::string& body) {
                     return "Title " + id + "\n\n" + body + "\n";
                 },
                 true});
    k.push_back({"jsonl", parse_format("jsonl"), ".jsonl", "", "\n", "\n",
                 [](const std::string& id, const std::string& body) {
                     return "{\"id\":\"" + id + "\",\"title\":\"Title " + id + "\",\"body\":\"" +
                            body + "\"}";
                 }});
    k.push_back({"json", parse_format("json"), ".json", "[\n", ",\n", "\n]\n",
                 [](const std::string& id, const std::string& body) {
                     return "{\"id\":\"" + id + "\",\"title\":\"Title " + id + "\",\"body\":\"" +
                            body + "\"}";
                 }});
    k.push_back({"csv", parse_format("csv"), ".csv", "id,title,body\n", "\n", "\n",
                 [](const std::string& id, const std::string& body) {
                     return id + ",Title " + id + ",\"" + body + "\"";
                 }});
    k.push_back(
        {"reuters", parse_format("reuters"), ".sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n", "",
         "", [](const std::string& id, const std::string& body) {
             return "<REUTERS TOPICS=\"NO\" NEWID=\"" + id +
                    "\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>Title " + id +
                    "</TITLE>\n<BODY>" + body + "\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";
         }});
    k.push_back({"trec", parse_format("trec"), ".trec", "", "", "",
                 [](const std::string& id, const std::string& body) {
                     return "<DOC>\n<DOCNO> " + id + " </DOCNO>\n<HEADLINE>Title " + id +
                            "</HEADLINE>\n<TEXT>\n" + body + "\n</TEXT>\n</DOC>\n";
                 }});
    k.push_back({"smart", parse_format("smart"), ".ALL", "", "", "*STOP\n",
                 [](const std::string& id, const std::string& body) {
                     return "*TEXT " + id + " 01/04/63 PAGE 020\n\n" + body + "\n\n";
                 }});
    return k;
}

/// A directory with a good file before and after the case file (named
/// "case" + ext); for one-article-per-file formats the case file is alone.
fs::path case_dir(const test::TempDir& tmp, const Kit& kit, const std::string& case_bytes) {
    fs::path dir = tmp / "in";
    fs::remove_all(dir);
    if (kit.one_article_per_file) {
        write_bytes(dir / ("a-before" + kit.ext), kit.good("1"));
        write_bytes(dir / ("z-after" + kit.ext), kit.good("9"));
    } else {
        write_bytes(dir / ("a-before" + kit.ext), kit.file({kit.good("1"), kit.good("2")}));
        write_bytes(dir / ("z-after" + kit.ext), kit.file({kit.good("8"), kit.good("9")}));
    }
    write_bytes(dir / ("case" + kit.ext), case_bytes);
    return dir;
}

/// The files around the case were indexed whole, and the run did not abort.
void expect_survived(const Outcome& o, const Kit& kit, const std::string& what) {
    ASSERT_FALSE(o.threw) << kit.name << ", " << what << ": the run aborted: " << o.error;
    if (kit.one_article_per_file) {
        EXPECT_TRUE(o.has("a-before" + kit.ext) && o.has("z-after" + kit.ext))
            << kit.name << ", " << what << ": files around it lost\n"
            << o.log;
    } else {
        for (const char* id : {"1", "2", "8", "9"})
            EXPECT_TRUE(o.has(id)) << kit.name << ", " << what << ": article " << id
                                   << " of the files around it lost\n"
                                   << o.log;
    }
}

/// gtest prints parameters in failure messages and test names: the name only.
void PrintTo(const Kit& kit, std::ostream* os) { *os << kit.name; }

class AllReaders : public ::testing::TestWithParam<Kit> {};

TEST_P(AllReaders, TruncatedFile) {
    const Kit& kit = GetParam();
    if (kit.one_article_per_file) GTEST_SKIP() << "any prefix of a text file is a text file";
    test::TempDir tmp;
    std::string whole = kit.file({kit.good("101"), kit.good("102"), kit.record("103", words(400))});
    // Cut inside the last record's body: what comes before must all be there.
    std::string cut = whole.substr(0, whole.size() - 250);
    Outcome o = index_dir(case_dir(tmp, kit, cut), kit.format);
    expect_survived(o, kit, "truncated file");
    EXPECT_TRUE(o.has("101") && o.has("102")) << kit.name << ": records before the cut\n" << o.log;
    if (!o.has("103") && format_name(kit.format) != "smart") {
        EXPECT_TRUE(o.warned("case", true)) << kit.name << ": the cut record is named\n" << o.log;
    }
}

TEST_P(AllReaders, EmptyFile) {
    const Kit& kit = GetParam();
    test::TempDir tmp;
    Outcome o = index_dir(case_dir(tmp, kit, ""), kit.format);
    expect_survived(o, kit, "empty file");
}

TEST_P(AllReaders, PngHeaderAndRandomBytes) {
    const Kit& kit = GetParam();
    test::TempDir tmp;
    Outcome o = index_dir(case_dir(tmp, kit, png_and_random_bytes(64 * 1024)), kit.format);
    expect_survived(o, kit, "binary file");
    EXPECT_TRUE(o.warned("case", false)) << kit.name << ": a binary file is not indexed silently\n"
                                         << o.log;
}

TEST_P(AllReaders, UrandomBytes) {
    const Kit& kit = GetParam();
    test::TempDir tmp;
    std::string bytes = urandom_bytes(64 * 1024);
    Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
    expect_survived(o, kit, "random bytes");
    EXPECT_TRUE(o.warned("case", false)) << kit.name << ": random bytes are not indexed silently\n"
                                         << o.log;
    if (HasFailure())
        ADD_FAILURE() << "the bytes are kept in "
                      << keep_for_reproduction(bytes, kit.name + ".bin");
}

/// Invalid UTF-8 in a record's body at each position class: where the body
/// starts, in the middle, at its end, a multibyte sequence cut short, an
/// overlong form and a lone surrogate.
const std::pair<const char*, std::function<std::string(const std::string&)>> kInvalidUtf8[] = {
    {"start", [](const std::string& w) { return "\xFF" + w; }},
    {"middle", [](const std::string& w) { return w + "caf\xE9 \xC3\x28 " + w; }},
    {"end", [](const std::string& w) { return w + " \xFE"; }},
    {"truncated multibyte", [](const std::string& w) { return w + " price \xE2\x82"; }},
    {"overlong", [](const std::string& w) { return w + " \xC0\xAF " + w; }},
    {"surrogate", [](const std::string& w) { return w + " \xED\xA0\x80 " + w; }},
};

TEST_P(AllReaders, InvalidUtf8AtEveryPositionClass) {
    const Kit& kit = GetParam();
    for (const auto& [where, make] : kInvalidUtf8) {
        test::TempDir tmp;
        std::string body = make("grain harbour talks");
        std::string bytes =
            kit.one_article_per_file
                ? kit.record("102", body)
                : kit.file({kit.good("101"), kit.record("102", body), kit.good("103")});
        Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
        expect_survived(o, kit, where);
        std::string bad_id = kit.one_article_per_file ? "case" + kit.ext : "102";
        if (!kit.one_article_per_file) {
            EXPECT_TRUE(o.has("101") && o.has("103"))
                << kit.name << ", " << where << ": neighbours lost\n"
                << o.log;
        }
        EXPECT_TRUE(o.warned("case", true))
            << kit.name << ", " << where << ": the record is named\n"
            << o.log;
        // Repaired (Latin-1/Windows-1252 or U+FFFD) rather than dropped, and
        // what is stored is valid UTF-8 with the words around intact.
        const Article* a = o.find(bad_id);
        ASSERT_NE(a, nullptr) << kit.name << ", " << where << ": the record was dropped\n" << o.log;
        EXPECT_NE(a->body.find("grain harbour talks"), std::string::npos)
            << kit.name << ", " << where;
        std::string copy = a->body;
        EXPECT_EQ(sanitize_text(copy).invalid_sequences, 0u)
            << kit.name << ", " << where << ": stored text is valid";
    }
}

TEST_P(AllReaders, InvalidUtf8AtTheVeryStartAndEndOfTheFile) {
    const Kit& kit = GetParam();
    test::TempDir tmp;
    std::string bytes =
        kit.one_article_per_file ? kit.good("101") : kit.file({kit.good("101"), kit.good("102")});
    Outcome o = index_dir(case_dir(tmp, kit, "\xFF\xFE" + bytes + "\xE2\x82"), kit.format);
    expect_survived(o, kit, "invalid bytes around the file");
    std::size_t from_case = o.articles.size() - (kit.one_article_per_file ? 2 : 4);
    const std::string_view format = format_name(kit.format);
    if (format == "json") {
        // Bytes before the array are a syntax error at byte 0: there is no
        // telling where an element starts, so the file is reported, not read.
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    } else if (format == "csv") {
        // They spoil the header row, so the file reads as headerless (ids
        // from line numbers), but every row is still indexed.
        EXPECT_GE(from_case, 2u) << o.log;
    } else if (format == "jsonl") {
        EXPECT_TRUE(o.has("102")) << o.log;  // line 1 is reported, line 2 is fine
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    } else if (format == "smart") {
        // They damage the first *TEXT line: that document is reported.
        EXPECT_TRUE(o.has("102")) << o.log;
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    } else {  // outside records (SGML) or inside the text (text): all kept
        EXPECT_EQ(from_case, kit.one_article_per_file ? 1u : 2u) << o.log;
    }
}

TEST_P(AllReaders, OneMegabyteLine) {
    const Kit& kit = GetParam();
    test::TempDir tmp;
    std::string line = words(1 << 20);
    std::string bytes = kit.one_article_per_file
                            ? kit.record("102", line)
                            : kit.file({kit.good("101"), kit.record("102", line), kit.good("103")});
    Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
    expect_survived(o, kit, "1 MB line");
    const Article* a = o.find(kit.one_article_per_file ? "case" + kit.ext : "102");
    ASSERT_NE(a, nullptr) << kit.name << "\n" << o.log;
    EXPECT_GE(a->body.size(), line.size() - 2) << kit.name << ": the whole line is kept";
    EXPECT_EQ(o.stats.skipped, 0u) << o.log;
}

INSTANTIATE_TEST_SUITE_P(BadInput, AllReaders, ::testing::ValuesIn(kits()),
                         [](const auto& p) { return p.param.name; });

// A format added to the reader registry must come with its kit here.
TEST(BadInput, AKitForEveryRegisteredFormat) {
    std::set<std::string> with_kit;
    for (const Kit& kit : kits()) with_kit.insert(std::string(format_name(kit.format)));
    ASSERT_FALSE(readers::formats().empty());
    for (const readers::FormatReader* f : readers::formats())
        EXPECT_TRUE(with_kit.count(std::string(f->name))) << "no bad-input kit for " << f->name;
}

const Kit& kit_named(const std::string& name) {
    static const std::vector<Kit> all = kits();
    for (const auto& k : all)
        if (k.name == name) return k;
    throw std::logic_error("no kit " + name);
}

// --- structure that never ends ---

TEST(BadInput, CsvUnbalancedQuote) {
    const Kit& kit = kit_named("csv");
    // A quoted CSV field may span lines, so the reader cannot tell where an
    // unclosed one was meant to end: the lines up to the next quote become
    // part of it. Known limitation: the records swallowed are not indexed on
    // their own. What must hold: the records before it are indexed, the run
    // goes on, and a warning names the file and the line.
    {
        test::TempDir tmp;  // the next quote closes it: text follows the closing quote
        std::string bytes = kit.file({kit.good("101"), "102,Broken,\"this quote never closes",
                                      kit.good("103"), kit.good("104")});
        Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
        expect_survived(o, kit, "unbalanced quote");
        EXPECT_TRUE(o.has("101") && o.has("102") && o.has("104")) << o.log;
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    }
    {
        test::TempDir tmp;  // no quote after it: it runs to the end of the file
        std::string bytes = kit.file(
            {kit.good("101"), "102,Broken,\"this quote never closes", "103,Lost,unquoted"});
        Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
        expect_survived(o, kit, "unbalanced quote at the end");
        EXPECT_TRUE(o.has("101")) << o.log;
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    }
}

TEST(BadInput, CsvStrayQuoteInsideAnUnquotedField) {
    const Kit& kit = kit_named("csv");
    test::TempDir tmp;
    std::string bytes =
        kit.file({kit.good("101"), "102,Title,a 5\" floppy \"disk", kit.good("103")});
    Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
    expect_survived(o, kit, "stray quote");
    EXPECT_TRUE(o.has("101") && o.has("102") && o.has("103")) << o.log;
}

TEST(BadInput, SgmlUnclosedTags) {
    const Kit& kit = kit_named("reuters");
    struct Case {
        const char* what;
        std::string record;
    };
    const Case cases[] = {
        {"TITLE never closed",
         "<REUTERS NEWID=\"102\">\n<TEXT>\n<TITLE>Open title\n<BODY>grain "
         "body\n</BODY></TEXT>\n</REUTERS>\n"},
        {"BODY never closed",
         "<REUTERS NEWID=\"102\">\n<TEXT>\n<TITLE>T</TITLE>\n<BODY>grain "
         "body\n</TEXT>\n</REUTERS>\n"},
        {"REUTERS never closed",
         "<REUTERS NEWID=\"102\">\n<TEXT>\n<TITLE>T</TITLE>\n<BODY>grain body\n"},
        {"garbage tags",
         "<REUTERS NEWID=\"102\">\n<<<TEXT <TITLE <>/><BODY>grain body</BODY>\n</REUTERS>\n"},
    };
    for (const Case& c : cases) {
        test::TempDir tmp;
        Outcome o = index_dir(
            case_dir(tmp, kit, kit.file({kit.good("101"), c.record, kit.good("103")})), kit.format);
        expect_survived(o, kit, c.what);
        EXPECT_TRUE(o.has("101") && o.has("103")) << c.what << "\n" << o.log;
        if (!o.has("102")) {
            EXPECT_TRUE(o.warned("case", true)) << c.what << "\n" << o.log;
        }
    }
}

TEST(BadInput, TrecUnclosedTags) {
    const Kit& kit = kit_named("trec");
    const std::pair<const char*, std::string> cases[] = {
        {"TEXT never closed", "<DOC>\n<DOCNO> 102 </DOCNO>\n<TEXT>\ngrain body\n</DOC>\n"},
        {"DOC never closed", "<DOC>\n<DOCNO> 102 </DOCNO>\n<TEXT>\ngrain body\n</TEXT>\n"},
        {"DOCNO never closed", "<DOC>\n<DOCNO> 102\n<TEXT>\ngrain body\n</TEXT>\n</DOC>\n"},
    };
    for (const auto& [what, record] : cases) {
        test::TempDir tmp;
        Outcome o = index_dir(
            case_dir(tmp, kit, kit.file({kit.good("101"), record, kit.good("103")})), kit.format);
        expect_survived(o, kit, what);
        EXPECT_TRUE(o.has("101") && o.has("103")) << what << "\n" << o.log;
        // Either the record is read whole (a TEXT that </DOC> ends) or the
        // damage is reported naming it.
        const Article* a = o.find("102");
        bool whole = a && a->body == "grain body";
        EXPECT_TRUE(whole || o.warned("case", true)) << what << "\n" << o.log;
    }
}

TEST(BadInput, JsonDeepNesting) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    {
        const Kit& kit = kit_named("jsonl");
        test::TempDir tmp;
        std::string nested_value = "{\"id\":\"102\",\"body\":" + deep + "}";
        Outcome o = index_dir(
            case_dir(tmp, kit, kit.file({kit.good("101"), deep, nested_value, kit.good("103")})),
            kit.format);
        expect_survived(o, kit, "deep nesting");
        EXPECT_TRUE(o.has("101") && o.has("103")) << o.log;
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    }
    {
        const Kit& kit = kit_named("json");
        test::TempDir tmp;
        std::string nested_value = "{\"id\":\"102\",\"body\":" + deep + "}";
        Outcome o = index_dir(
            case_dir(tmp, kit, kit.file({kit.good("101"), nested_value, kit.good("103")})),
            kit.format);
        expect_survived(o, kit, "deep nesting");
        EXPECT_TRUE(o.has("101")) << o.log;
        EXPECT_TRUE(o.warned("case", true)) << o.log;
    }
}

TEST(BadInput, HugeJsonRecordsAndFiles) {
    const std::string body = words(8 << 20);
    for (const char* name : {"json", "jsonl"}) {
        const Kit& kit = kit_named(name);
        test::TempDir tmp;
        std::vector<std::string> records{kit.good("101"), kit.record("102", body)};
        for (int i = 0; i < 20000; ++i) records.push_back(kit.good(std::to_string(1000 + i)));
        Outcome o = index_dir(case_dir(tmp, kit, kit.file(records)), kit.format);
        expect_survived(o, kit, "huge JSON");
        EXPECT_EQ(o.stats.added, 20002u + 4u) << name << "\n" << o.log;
        ASSERT_NE(o.find("102"), nullptr);
        EXPECT_EQ(o.find("102")->body.size(), body.size());
    }
}

TEST(BadInput, JsonlWithoutFinalNewlineAndWithCrLf) {
    const Kit& kit = kit_named("jsonl");
    test::TempDir tmp;
    std::string bytes =
        kit.good("101") + "\r\n" + kit.good("102") + "\r\n" + kit.good("103");  // no final newline
    Outcome o = index_dir(case_dir(tmp, kit, bytes), kit.format);
    expect_survived(o, kit, "no final newline");
    EXPECT_TRUE(o.has("101") && o.has("102") && o.has("103")) << o.log;
}

// --- compressed and archived input ---

/// Writes `members` (name -> bytes) as a zip, or a single stream as .gz when
/// `gzip_single` is set (members must then hold one entry).
std::string pack(const std::vector<std::pair<std::string, std::string>>& members,
                 bool gzip_single) {
    std::string out;
    struct Sink {
        static la_ssize_t write(struct archive*, void* data, const void* buffer, size_t length) {
            static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), length);
            return static_cast<la_ssize_t>(length);
        }
    };
    struct archive* a = archive_write_new();
    if (gzip_single) {
        archive_write_add_filter_gzip(a);
        archive_write_set_format_raw(a);
    } else {
        archive_write_set_format_zip(a);
    }
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, &Sink::write, nullptr);
    for (const auto& [name, bytes] : members) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
        archive_write_header(a, e);
        archive_write_data(a, bytes.data(), bytes.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

TEST(BadInput, GzipWholeCutCorruptAndEmpty) {
    const Kit& kit = kit_named("jsonl");
    std::string records =
        kit.file({kit.good("101"), kit.good("102"), kit.record("103", words(200000))});
    std::string gz = pack({{"data", records}}, true);
    ASSERT_GT(gz.size(), 100u);
    struct Case {
        const char* what;
        std::string bytes;
        bool whole;
    };
    const Case cases[] = {
        {"whole", gz, true},
        {"cut short", gz.substr(0, gz.size() * 2 / 3), false},
        {"corrupt in the middle",
         gz.substr(0, gz.size() / 2) + png_and_random_bytes(4096) + gz.substr(gz.size() / 2),
         false},
        {"random bytes", png_and_random_bytes(8192), false},
    };
    for (const Case& c : cases) {
        test::TempDir tmp;
        fs::path dir = case_dir(tmp, kit, "");
        fs::remove(dir / "case.jsonl");
        write_bytes(dir / "case.jsonl.gz", c.bytes);
        Outcome o = index_dir(dir);
        expect_survived(o, kit, c.what);
        if (c.whole) {
            EXPECT_TRUE(o.has("101") && o.has("102") && o.has("103")) << o.log;
        } else {
            EXPECT_TRUE(o.warned("case.jsonl.gz", false)) << c.what << ": the damage is reported\n"
                                                          << o.log;
        }
    }
}

TEST(BadInput, ZipWithBadMembersCutAndCorrupt) {
    const Kit& kit = kit_named("jsonl");
    std::string zip = pack(
        {{"one.jsonl", kit.file({kit.good("101"), kit.good("102")})},
         {"binary.jsonl", png_and_random_bytes(4096)},
         {"empty.jsonl", ""},
         {"invalid.jsonl", kit.file({kit.record("103", "caf\xE9 \xFF grain")})},
         {"two.jsonl", kit.file({kit.good("104"), "{\"id\":\"105\",\"body\":", kit.good("106")})}},
        false);
    {
        test::TempDir tmp;
        fs::path dir = case_dir(tmp, kit, "");
        fs::remove(dir / "case.jsonl");
        write_bytes(dir / "case.zip", zip);
        Outcome o = index_dir(dir);
        expect_survived(o, kit, "zip with bad members");
        for (const char* id : {"101", "102", "103", "104", "106"})
            EXPECT_TRUE(o.has(id)) << id << "\n" << o.log;
        EXPECT_TRUE(o.warned("case.zip!binary.jsonl", true)) << o.log;
        // The repair is reported against the archive and the article's id.
        EXPECT_TRUE(o.warned("case.zip", true)) << o.log;
        EXPECT_TRUE(o.warned("case.zip!two.jsonl", true)) << o.log;
    }
    const std::pair<const char*, std::string> broken[] = {
        {"cut short", zip.substr(0, zip.size() / 2)},
        {"random bytes", png_and_random_bytes(8192)},
    };
    for (const auto& [what, bytes] : broken) {
        test::TempDir tmp;
        fs::path dir = case_dir(tmp, kit, "");
        fs::remove(dir / "case.jsonl");
        write_bytes(dir / "case.zip", bytes);
        Outcome o = index_dir(dir);
        expect_survived(o, kit, what);
        EXPECT_TRUE(o.warned("case.zip", false)) << what << "\n" << o.log;
    }
}

// --- one very large article ---

TEST(BadInputHuge, FiftyMegabyteArticle) {
    const Kit& kit = kit_named("text");
    test::TempDir tmp;
    std::string body = words(50u << 20);
    Outcome o = index_dir(case_dir(tmp, kit, kit.record("x", body)), kit.format);
    expect_survived(o, kit, "50 MB article");
    const Article* a = o.find("case.txt");
    ASSERT_NE(a, nullptr) << o.log;
    EXPECT_GE(a->body.size() + 2, body.size()) << "stored whole";
}

// --- the shared corpora's known bad spots (skipped without ../shared/corpus) ---

bool clean_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\n' && c != '\t') return false;
        if (c == 0x7F) return false;
        if (s.substr(i, 3) == "\xEF\xBB\xBF") return false;  // U+FEFF
        if (s.substr(i, 3) == "\xE2\x80\x8F" || s.substr(i, 3) == "\xE2\x80\x8E")
            return false;  // RLM, LRM
        if (s.substr(i, 2) == "\xE2\x80" && i + 2 < s.size() &&
            static_cast<unsigned char>(s[i + 2]) >= 0xAA &&
            static_cast<unsigned char>(s[i + 2]) <= 0xAE)
            return false;  // U+202A..U+202E embeddings and overrides
    }
    std::string copy(s);
    return sanitize_text(copy).invalid_sequences == 0;
}

TEST(BadInputShared, Reut2017InvalidByteAndControlEntities) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("reuters21578/reut2-017.sgm");
    Outcome o = index_dir(test::shared_corpus_dir() / "reuters21578" / "reut2-017.sgm");
    ASSERT_FALSE(o.threw) << o.error;
    EXPECT_EQ(o.stats.added, 1000u);
    bool named = false;
    for (const auto& w : o.warnings)
        named = named || (w.file == "reut2-017.sgm" && w.record.find("17980") != std::string::npos);
    EXPECT_TRUE(named) << "the 0xFC byte is reported with file and NEWID\n" << o.log;
    const Article* a = o.find("17980");
    ASSERT_NE(a, nullptr);
    EXPECT_NE(a->body.find("growth.\xC3\xBC"), std::string::npos) << "0xFC read as Latin-1 ü";
    for (const auto& article : o.articles)
        ASSERT_TRUE(clean_text(article.title) && clean_text(article.body))
            << "control characters stored in " << article.id;
}

TEST(BadInputShared, BbcLatin1PoundSign) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("bbc/sport");
    Outcome o = index_dir(test::shared_corpus_dir() / "bbc" / "sport");
    ASSERT_FALSE(o.threw) << o.error;
    EXPECT_EQ(o.stats.added, 511u);
    EXPECT_TRUE(o.warned("199.txt", true)) << o.log;
    const Article* a = o.find("199.txt");
    ASSERT_NE(a, nullptr);
    EXPECT_NE(a->body.find("\xC2\xA3"
                           "15.8m"),
              std::string::npos)
        << "0xA3 read as Latin-1 £";
}

TEST(BadInputShared, TimeIrregularHeaders) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("time");
    Outcome o = index_dir(test::shared_corpus_dir() / "time");
    ASSERT_FALSE(o.threw) << o.error;
    EXPECT_EQ(o.stats.added, 423u) << o.log;
    for (const char* id : {"431", "503", "504", "557", "561"}) EXPECT_TRUE(o.has(id)) << id;
}

TEST(BadInputShared, JapaneseByteOrderMarkMidFile) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("multilingual/ja_livedoor/topic-news/topic-news-6698160.txt");
    Outcome o = index_dir(test::shared_corpus_dir() / "multilingual" / "ja_livedoor" /
                          "topic-news" / "topic-news-6698160.txt");
    ASSERT_FALSE(o.threw) << o.error;
    ASSERT_EQ(o.articles.size(), 1u);
    EXPECT_TRUE(clean_text(o.articles[0].body)) << "no U+FEFF stored";
    EXPECT_EQ(o.articles[0].lang, "ja");
}

TEST(BadInputShared, ArabicBidiControls) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("multilingual/ar_saudinewsnet");
    Outcome o = index_dir(test::shared_corpus_dir() / "multilingual" / "ar_saudinewsnet");
    ASSERT_FALSE(o.threw) << o.error;
    EXPECT_EQ(o.stats.added, 1318u);
    for (const auto& a : o.articles)
        ASSERT_TRUE(clean_text(a.title) && clean_text(a.body))
            << "bidi controls stored in " << a.id;
}

TEST(BadInputShared, JsonlWithoutFinalNewline) {
    NEWSDEX_REQUIRE_SHARED_CORPUS("jsonl_grover_realnews/april2019_set_mini.jsonl");
    Outcome o =
        index_dir(test::shared_corpus_dir() / "jsonl_grover_realnews" / "april2019_set_mini.jsonl");
    ASSERT_FALSE(o.threw) << o.error;
    EXPECT_EQ(o.stats.added, 8u) << "the last record has no newline after it\n" << o.log;
}

}  // namespace
}  // namespace newsdex
