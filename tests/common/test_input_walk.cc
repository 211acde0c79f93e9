// walk_inputs(): which files are taken, in what order and under what names, and
// why the others were passed over.

#include <gtest/gtest.h>

#include <set>

#include "common/reader_test_util.h"
#include "readers/reader_support.h"
#include "readers/registry.h"

namespace newsdex {
namespace {

using test::write_file;

class InputWalkTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto& root = dir.path();
        write_file(root / "b.txt", "Title B\n\nBody.\n");
        write_file(root / "a.txt", "Title A\n\nBody.\n");
        write_file(root / "README.md", "# about\n");
        write_file(root / "LICENSE", "MIT\n");
        write_file(root / "Provenance.TXT", "where from\n");
        write_file(root / "notes.md", "notes\n");
        write_file(root / ".hidden.txt", "hidden\n");
        write_file(root / ".git" / "config", "[core]\n");
        write_file(root / "data.jsonl", "{\"title\": \"J\", \"body\": \"x\"}\n");
        write_file(root / "nested" / "deeper" / "x.json", "[{\"title\": \"X\", \"body\": \"y\"}]");
        write_file(root / "reuters" / "reut2-000.sgm", "<REUTERS NEWID=\"1\"></REUTERS>\n");
        write_file(root / "reuters" / "all-topics-strings.lc.txt", "acq\nalum\n");
        write_file(root / "reuters" / "lewis.dtd", "<!ELEMENT LEWIS>\n");
        write_file(root / "smart" / "DOCS", "*TEXT 1 01/01/63 PAGE 1\nTEXT\n*STOP\n");
        write_file(root / "smart" / "QUERIES", "*FIND 1\nQUERY\n*STOP\n");
        write_file(root / "smart" / "topics.tsv", "1\tquery one\n");
        write_file(root / "smart" / "RELS", "1 2 3\n");
        write_file(root / "unknown" / "mystery", "hello\n");
        write_file(root / "unknown" / "blob.bin", "\x01\x02");
    }

    std::vector<std::string> names(const InputWalk& w) {
        std::vector<std::string> out;
        for (const auto& f : w.files) out.push_back(f.name);
        return out;
    }

    test::TempDir dir;
};

TEST_F(InputWalkTest, TakesCorpusFilesSortedWithRelativeNames) {
    InputWalk w = walk_inputs({dir.path().string()}, {});
    EXPECT_EQ(names(w),
              (std::vector<std::string>{"a.txt", "b.txt", "data.jsonl", "nested/deeper/x.json",
                                        "reuters/reut2-000.sgm", "smart/DOCS"}));
    EXPECT_EQ(w.files[0].path, (dir.path() / "a.txt").string());
    EXPECT_EQ(w.files[0].size, 15u);
}

TEST_F(InputWalkTest, CountsWhatWasPassedOver) {
    InputWalk w = walk_inputs({dir.path().string()}, {});
    std::map<std::string, std::uint64_t> expected = {
        {"documentation (README, LICENSE, PROVENANCE)", 3},
        {"not a corpus file (.md)", 1},
        {"not a corpus file (.dtd)", 1},
        {"not a corpus file (.bin)", 1},
        {"not a corpus file (no extension)", 2},  // unknown/mystery, smart/RELS
        {"query file (*FIND)", 1},
        {"text file beside a reuters corpus", 1},
        {"text file beside a smart corpus", 1},
    };
    EXPECT_EQ(w.passed_over, expected);
}

TEST_F(InputWalkTest, IncludeAndExclude) {
    WalkOptions options;
    options.exclude = {"*.txt"};
    InputWalk w = walk_inputs({dir.path().string()}, options);
    EXPECT_EQ(names(w), (std::vector<std::string>{"data.jsonl", "nested/deeper/x.json",
                                                  "reuters/reut2-000.sgm", "smart/DOCS"}));
    EXPECT_EQ(w.passed_over["excluded by --exclude"],
              3u);  // a, b, all-topics (globs are case-sensitive)

    WalkOptions only_nested;
    only_nested.include = {"nested/*"};
    InputWalk n = walk_inputs({dir.path().string()}, only_nested);
    EXPECT_EQ(names(n), (std::vector<std::string>{"nested/deeper/x.json"}));
    EXPECT_GT(n.passed_over["not matched by --include"], 10u);

    WalkOptions by_name;
    by_name.include = {"x.json", "a.t*"};
    EXPECT_EQ(names(walk_inputs({dir.path().string()}, by_name)),
              (std::vector<std::string>{"a.txt", "nested/deeper/x.json"}));
}

TEST_F(InputWalkTest, ForcedFormatTakesEverythingButHidden) {
    WalkOptions options;
    options.format = parse_format("text");
    InputWalk w = walk_inputs({dir.path().string()}, options);
    EXPECT_EQ(w.files.size(), 17u);
    EXPECT_TRUE(w.passed_over.empty());
    for (const auto& f : w.files) EXPECT_FALSE(f.name.starts_with(".")) << f.name;
}

TEST_F(InputWalkTest, FilesNamedDirectlyAreTakenByFileName) {
    InputWalk w = walk_inputs({(dir.path() / "README.md").string(),
                               (dir.path() / "nested" / "deeper" / "x.json").string(), "-"},
                              {});
    ASSERT_EQ(w.files.size(), 3u);
    EXPECT_EQ(w.files[0].name, "README.md");
    EXPECT_EQ(w.files[1].name, "x.json");
    EXPECT_EQ(w.files[2].path, "-");
    EXPECT_EQ(w.files[2].name, "stdin");
}

TEST_F(InputWalkTest, MissingInputIsAnError) {
    EXPECT_THROW(walk_inputs({(dir.path() / "nope").string()}, {}), InputError);
}

TEST_F(InputWalkTest, SeveralInputsKeepTheirOrder) {
    InputWalk w =
        walk_inputs({(dir.path() / "smart").string(), (dir.path() / "nested").string()}, {});
    EXPECT_EQ(names(w), (std::vector<std::string>{"DOCS", "deeper/x.json"}));
}

TEST(FormatNames, RoundTrip) {
    EXPECT_EQ(parse_format(format_name(Format::Auto)), Format::Auto);
    ASSERT_EQ(readers::formats().size(), 7u);  // text jsonl json csv reuters trec smart
    for (const readers::FormatReader* f : readers::formats()) {
        EXPECT_EQ(parse_format(format_name(Format(*f))), Format(*f)) << f->name;
        EXPECT_EQ(format_name(parse_format(f->name)), f->name);
    }
    EXPECT_EQ(format_name(parse_format("JSONL")), "jsonl");
    EXPECT_THROW(parse_format("xml"), UsageError);
}

// The registry's rows are consistent: distinct names, no extension claimed by
// two formats, every extension lower case with its dot, every format readable.
TEST(FormatRegistry, RowsAreConsistent) {
    std::set<std::string_view> names, extensions;
    for (const readers::FormatReader* f : readers::formats()) {
        EXPECT_TRUE(names.insert(f->name).second) << f->name;
        EXPECT_NE(f->read, nullptr) << f->name;
        EXPECT_TRUE(f->extensions.size() > 0 || f->sniff != nullptr)
            << f->name << ": neither an extension nor a sniffer can tell it";
        for (std::string_view e : f->extensions) {
            EXPECT_TRUE(extensions.insert(e).second) << e << " claimed twice";
            EXPECT_TRUE(e.size() >= 2 && e[0] == '.') << e;
            EXPECT_EQ(readers::to_lower(e), e);
        }
    }
}

TEST(DetectFormat, ByExtensionAndBytes) {
    test::TempDir dir;
    write_file(dir / "a.ndjson", "");
    write_file(dir / "b.TSV", "");
    write_file(dir / "c.sgml", "");
    write_file(dir / "d", "\xEF\xBB\xBF  [ {\"a\": 1} ]");
    write_file(dir / "e", "\n{\"a\": 1}\n");
    write_file(dir / "f.xml", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">");
    write_file(dir / "g.xml", "<?xml version=\"1.0\"?><rss/>");
    write_file(dir / "h.txt", "*TEXT 1 01/01/63 PAGE 1\n");  // .txt is never sniffed
    EXPECT_EQ(format_name(detect_format((dir / "a.ndjson").string())), "jsonl");
    EXPECT_EQ(format_name(detect_format((dir / "b.TSV").string())), "csv");
    EXPECT_EQ(format_name(detect_format((dir / "c.sgml").string())), "reuters");
    EXPECT_EQ(format_name(detect_format((dir / "d").string())), "json");
    EXPECT_EQ(format_name(detect_format((dir / "e").string())), "jsonl");
    EXPECT_EQ(format_name(detect_format((dir / "f.xml").string())), "reuters");
    EXPECT_EQ(format_name(detect_format((dir / "g.xml").string())), "auto");
    EXPECT_EQ(format_name(detect_format((dir / "h.txt").string())), "text");
    EXPECT_EQ(format_name(detect_format((dir / "missing").string())), "auto");
}

}  // namespace
}  // namespace newsdex
