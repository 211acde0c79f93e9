// The fuzz targets' bodies (fuzz/targets.cc) in the ordinary test suite:
// every input in fuzz/regressions/ (each once crashed a target, or failed one
// of its checks) and seed inputs built from the fixtures and sample corpus,
// with every format, container and chunk size. A failed check aborts, so
// this test crashes exactly when a fuzzer would report.

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "corpus_reader.h"
#include "readers/registry.h"
#include "support/test_paths.h"
#include "targets.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

using Target = int (*)(const std::uint8_t*, std::size_t);

int run(Target target, std::string_view bytes) {
    return target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

std::vector<fs::path> files_under(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && it->path().filename() != "README.md")
            out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

// The replay can only fail through check(): prove that it stops the process
// with its message, so a broken invariant cannot pass unnoticed.
TEST(FuzzReplayDeathTest, AFailedCheckStopsTheProcess) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH(fuzz::check(false, "sentinel invariant"),
                 "newsdex fuzz check failed: sentinel invariant");
}

TEST(FuzzReplay, EveryRegressionInput) {
    const std::pair<const char*, Target> targets[] = {{"reader", &fuzz::reader_one_input},
                                                      {"analysis", &fuzz::analysis_one_input},
                                                      {"query", &fuzz::query_one_input},
                                                      {"snippet", &fuzz::snippet_one_input}};
    for (const auto& [name, target] : targets) {
        const auto files = files_under(test::source_dir() / "fuzz" / "regressions" / name);
        // An empty directory would make this test pass without replaying
        // anything (a moved folder, a bad checkout): every target keeps inputs.
        EXPECT_FALSE(files.empty()) << "no regression inputs for the " << name << " target";
        for (const fs::path& file : files) {
            // Named before it runs: an abort then says which input it was.
            std::cerr << "replaying " << file.string() << '\n';
            EXPECT_EQ(run(target, slurp(file)), 0) << file.string();
        }
        std::cout << "[          ] " << files.size() << " " << name << " regression inputs\n";
    }
}

std::vector<fs::path> seed_files() {
    std::vector<fs::path> out = files_under(test::fixtures_dir() / "readers");
    for (const auto& f : files_under(test::source_dir() / "corpus")) out.push_back(f);
    return out;
}

// The seeds must give every registered reader real input of its own format,
// or the replays below would pass without reading anything in that format.
TEST(FuzzReplay, SeedsHoldAFileOfEveryFormat) {
    std::set<std::string> seen;
    for (const fs::path& file : seed_files())
        seen.insert(std::string(format_name(detect_format(file.string()))));
    ASSERT_FALSE(readers::formats().empty());
    for (const readers::FormatReader* f : readers::formats())
        EXPECT_TRUE(seen.count(std::string(f->name))) << "no seed file of format " << f->name;
}

TEST(FuzzReplay, ReaderOnEveryFixtureWithEveryFormatAndChunkSize) {
    const auto files = seed_files();
    ASSERT_FALSE(files.empty());
    // Every registered format and detection, whatever the file really is.
    std::vector<std::uint8_t> formats;
    for (std::size_t i = 0; i < readers::formats().size(); ++i)
        formats.push_back(static_cast<std::uint8_t>(i));
    formats.push_back(fuzz::kDetectFormat);
    for (const fs::path& file : files) {
        const std::string bytes = slurp(file);
        for (std::uint8_t format : formats) {
            for (unsigned chunk : {1u, 7u, 256u}) {
                // Each of the format's extensions (.csv and .tsv), and CSV with ';' and '\''.
                for (std::uint8_t flags : {std::uint8_t{0x00}, std::uint8_t{0x1C}})
                    EXPECT_EQ(run(&fuzz::reader_one_input,
                                  fuzz::encode_reader_input(format, flags, chunk, bytes)),
                              0);
            }
            // As a .gz and a .zip file: real ones decompress, others are errors.
            for (std::uint8_t container : {fuzz::kGzipFile, fuzz::kZipFile})
                EXPECT_EQ(run(&fuzz::reader_one_input,
                              fuzz::encode_reader_input(format, container, 1, bytes)),
                          0);
        }
    }
}

TEST(FuzzReplay, AnalysisOnTheSampleCorpusInEveryLanguage) {
    const auto files = seed_files();
    ASSERT_FALSE(files.empty());
    for (const fs::path& file : files) {
        std::string bytes = slurp(file).substr(0, 64 * 1024);
        for (unsigned lang = 0; lang < 16; ++lang)
            EXPECT_EQ(run(&fuzz::analysis_one_input, static_cast<char>(lang) + bytes), 0);
    }
}

std::vector<std::string> seed_queries() {
    std::vector<std::string> out;
    std::ifstream in(test::source_dir() / "fuzz" / "seeds" / "queries.txt", std::ios::binary);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

TEST(FuzzReplay, QuerySeedsWithEveryOption) {
    auto queries = seed_queries();
    ASSERT_GT(queries.size(), 10u);
    for (const auto& q : queries)
        for (unsigned options = 0; options < 32; ++options)
            EXPECT_EQ(run(&fuzz::query_one_input, static_cast<char>(options) + q), 0);
}

TEST(FuzzReplay, SnippetsOfTheSampleCorpusForEverySeedQuery) {
    const auto queries = seed_queries();
    const auto texts = files_under(test::source_dir() / "corpus" / "text");
    ASSERT_GT(queries.size(), 10u);
    ASSERT_FALSE(texts.empty());
    for (const fs::path& file : texts) {
        std::string text = slurp(file);
        for (const auto& q : queries)
            for (unsigned options : {0x00u, 0x07u, 0x3Fu, 0xC1u})
                EXPECT_EQ(
                    run(&fuzz::snippet_one_input, static_cast<char>(options) + q + '\0' + text), 0);
    }
}

}  // namespace
}  // namespace newsdex
