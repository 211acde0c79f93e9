#pragma once
// Helpers for the reader tests: run read_file() and collect what it produced.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "corpus_reader.h"
#include "date_parse.h"
#include "errors.h"
#include "support/test_paths.h"

namespace newsdex::test {

struct ReadResult {
    std::vector<Article> articles;
    std::vector<Diagnostic> warnings;
    std::vector<std::uint64_t> progress;

    const Article* find(std::string_view id) const {
        for (const auto& a : articles)
            if (a.id == id) return &a;
        return nullptr;
    }
    /// A warning whose record equals `record` (any record when empty) and whose
    /// message contains `text`.
    bool warned(std::string_view record, std::string_view text) const {
        for (const auto& w : warnings)
            if ((record.empty() || w.record == record) && w.message.find(text) != std::string::npos)
                return true;
        return false;
    }
    /// Whether the warning about `record` says the record was not indexed.
    bool skipped(std::string_view record) const {
        for (const auto& w : warnings)
            if (w.record == record) return w.record_skipped;
        ADD_FAILURE() << "no warning about " << record;
        return false;
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& a : articles) out.push_back(a.id);
        return out;
    }
};

inline ReadResult read_input(const InputFile& input, const ReaderOptions& options = {},
                             const std::atomic<bool>* cancelled = nullptr) {
    ReadResult result;
    ReadContext ctx{options, [&](Article&& a) { result.articles.push_back(std::move(a)); },
                    [&](Diagnostic d) { result.warnings.push_back(std::move(d)); },
                    [&](std::uint64_t n) { result.progress.push_back(n); }, cancelled};
    read_file(input, ctx);
    return result;
}

/// Reads a file named directly (its name is its file name, as on a command line).
inline ReadResult read_path(const std::filesystem::path& path, const ReaderOptions& options = {}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    return read_input(InputFile{path.string(), path.filename().string(), ec ? 0 : size}, options);
}

inline std::filesystem::path reader_fixture(const std::string& relative) {
    return fixtures_dir() / "readers" / relative;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Seconds since the epoch of a UTC civil time.
inline std::int64_t utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

}  // namespace newsdex::test
