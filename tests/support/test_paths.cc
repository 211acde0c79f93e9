#include "support/test_paths.h"

#include <cstdlib>
#include <random>
#include <system_error>

namespace fs = std::filesystem;

namespace newsdex::test {

namespace {
fs::path env_path(const char* name, const fs::path& fallback) {
    const char* value = std::getenv(name);
    return value && *value ? fs::path(value) : fallback;
}
}  // namespace

fs::path source_dir() { return env_path("NEWSDEX_SOURCE_DIR", NEWSDEX_TEST_SOURCE_DIR); }
fs::path binary_dir() { return env_path("NEWSDEX_BINARY_DIR", NEWSDEX_TEST_BINARY_DIR); }
fs::path fixtures_dir() { return source_dir() / "tests" / "fixtures"; }

fs::path shared_corpus_dir() {
    fs::path dir =
        env_path("NEWSDEX_SHARED_CORPUS", source_dir().parent_path() / "shared" / "corpus");
    std::error_code ec;
    return fs::is_directory(dir, ec) ? dir : fs::path();
}

TempDir::TempDir() {
    std::random_device rd;
    for (;;) {
        path_ = fs::temp_directory_path() / ("newsdex-test-" + std::to_string(rd()));
        std::error_code ec;
        if (fs::create_directory(path_, ec)) break;
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

}  // namespace newsdex::test
