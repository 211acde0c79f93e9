// fuzz_seeds ROOT OUT: writes the fuzz targets' seed corpora into OUT/TARGET/
// from the tree at ROOT: every reader fixture and sample-corpus file, encoded
// for the reader target with the format the reader registry detects for it
// (so a new format's fixtures seed the fuzzer without touching this file or
// scripts/fuzz.sh), and fuzz/seeds/queries.txt for the query and snippet targets.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "readers/format.h"
#include "readers/registry.h"
#include "targets.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> files_under(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && !entry.path().filename().string().starts_with("README"))
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

void write(const fs::path& dir, std::size_t n, const std::string& bytes) {
    fs::create_directories(dir);
    std::ofstream(dir / ("seed-" + std::to_string(n)), std::ios::binary) << bytes;
}

/// reader_one_input's flags for a file: its container and, for a format with
/// several extensions, which one it has (.tsv).
std::uint8_t flags_of(const fs::path& file, std::uint8_t format) {
    using namespace newsdex;
    readers::NameInfo info = readers::analyse_name(file.string());
    std::uint8_t flags = fuzz::kFromMemory;
    if (info.container == readers::Container::Compressed) flags = fuzz::kGzipFile;
    if (info.container == readers::Container::Archive) flags = fuzz::kZipFile;
    const auto formats = readers::formats();
    if (format < formats.size()) {
        const auto& extensions = formats[format]->extensions;
        for (std::size_t i = 0; i < extensions.size(); ++i)
            if (extensions[i] == info.extension) flags |= static_cast<std::uint8_t>(i << 4);
    }
    return flags;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: fuzz_seeds SOURCE_ROOT OUTPUT_DIR\n");
        return 2;
    }
    const fs::path root = argv[1];
    const fs::path out = argv[2];
    std::vector<fs::path> files = files_under(root / "tests" / "fixtures" / "readers");
    for (const auto& f : files_under(root / "corpus")) files.push_back(f);
    std::size_t n = 0;
    for (const fs::path& file : files) {
        ++n;
        const std::string bytes = slurp(file);
        const std::uint8_t format = newsdex::fuzz::format_byte_of(file.string());
        write(out / "reader", n,
              newsdex::fuzz::encode_reader_input(format, flags_of(file, format), 256, bytes));
        write(out / "analysis", n, std::string(1, '\0') + bytes.substr(0, 16384));
    }
    std::ifstream queries(root / "fuzz" / "seeds" / "queries.txt", std::ios::binary);
    const std::string article = slurp(root / "corpus" / "text" / "harbor-talks.txt");
    std::size_t q = 0;
    for (std::string line; std::getline(queries, line);) {
        ++q;
        write(out / "query", q, std::string(1, '\0') + line);
        write(out / "snippet", q, std::string(1, '\x07') + line + '\0' + article);
    }
    std::fprintf(stderr, "fuzz_seeds: %zu files, %zu queries\n", n, q);
    return n > 0 && q > 0 ? 0 : 1;
}
