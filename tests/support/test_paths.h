#pragma once
// Where tests find things: the source tree, the build tree, the shared corpora
// beside the checkout, and scratch directories that clean up after themselves.

#include <filesystem>
#include <string>

namespace newsdex::test {

std::filesystem::path source_dir();
std::filesystem::path binary_dir();
std::filesystem::path fixtures_dir();  ///< tests/fixtures
/// ../shared/corpus beside the checkout, or empty when absent (NEWSDEX_SHARED_CORPUS overrides).
std::filesystem::path shared_corpus_dir();

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

}  // namespace newsdex::test

/// Skips the current test when ../shared/corpus (or the given subfolder) is absent.
#define NEWSDEX_REQUIRE_SHARED_CORPUS(sub)                                          \
    do {                                                                            \
        if (::newsdex::test::shared_corpus_dir().empty() ||                         \
            !std::filesystem::exists(::newsdex::test::shared_corpus_dir() / (sub))) \
            GTEST_SKIP() << "shared corpus folder " << (sub) << " not present";     \
    } while (0)
