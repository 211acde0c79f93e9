// The fuzz targets' bodies (fuzz/targets.cc) in the ordinary test suite:
// every input in fuzz/regressions/ (each once crashed a target, or failed one
// of its checks) and seed inputs built from the fixtures and sample corpus,
// with every format, container and chunk size. A failed check aborts, so
// this test crashes exactly when a fuzzer would report.

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

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

TEST(FuzzReplay, EveryRegressionInput) {
    const std::pair<const char*, Target> targets[] = {{"reader", &fuzz::reader_one_input},
                                                      {"analysis", &fuzz::analysis_one_input},
                                                      {"query", &fuzz::query_one_input},
                                                      {"snippet", &fuzz::snippet_one_input}};
    std::size_t replayed = 0;
    for (const auto& [name, target] : targets) {
        for (const fs::path& file :
             files_under(test::source_dir() / "fuzz" / "regressions" / name)) {
            // Named before it runs: an abort then says which input it was.
            std::cerr << "replaying " << file.string() << '\n';
            EXPECT_EQ(run(target, slurp(file)), 0);
            ++replayed;
        }
    }
    std::cout << "[          ] " << replayed << " regression inputs\n";
}

std::vector<fs::path> seed_files() {
    std::vector<fs::path> out = files_under(test::fixtures_dir() / "readers");
    for (const auto& f : files_under(test::source_dir() / "corpus")) out.push_back(f);
    return out;
}

TEST(FuzzReplay, ReaderOnEveryFixtureWithEveryFormatAndChunkSize) {
    for (const fs::path& file : seed_files()) {
        std::string bytes = slurp(file);
        for (unsigned format = 0; format < 8; ++format) {
            for (unsigned char chunk : {0, 6, 255}) {
                std::string input{static_cast<char>(format), static_cast<char>(chunk)};
                run(&fuzz::reader_one_input, input + bytes);
                // With ';' and '\'' for CSV.
                input[0] = static_cast<char>(format | 0x60);
                run(&fuzz::reader_one_input, input + bytes);
            }
            // As a .gz and a .zip file: real ones decompress, others are errors.
            for (unsigned container : {2u, 3u}) {
                std::string input{static_cast<char>(format | container << 3), '\0'};
                run(&fuzz::reader_one_input, input + bytes);
            }
        }
    }
}

TEST(FuzzReplay, AnalysisOnTheSampleCorpusInEveryLanguage) {
    for (const fs::path& file : seed_files()) {
        std::string bytes = slurp(file).substr(0, 64 * 1024);
        for (unsigned lang = 0; lang < 16; ++lang)
            run(&fuzz::analysis_one_input, static_cast<char>(lang) + bytes);
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
            run(&fuzz::query_one_input, static_cast<char>(options) + q);
}

TEST(FuzzReplay, SnippetsOfTheSampleCorpusForEverySeedQuery) {
    auto queries = seed_queries();
    for (const fs::path& file : files_under(test::source_dir() / "corpus" / "text")) {
        std::string text = slurp(file);
        for (const auto& q : queries)
            for (unsigned char options : {0x00, 0x07, 0x3F, 0xC1})
                run(&fuzz::snippet_one_input, static_cast<char>(options) + q + '\0' + text);
    }
}

}  // namespace
}  // namespace newsdex
