#pragma once
// Corpus readers: turn files in their native formats into a stream of Articles.
//
// Every reader streams: memory stays bounded by the largest single record,
// whatever the size of the file. Bad records produce a Diagnostic naming the
// file and record and are skipped; the rest of the file is still read.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "diagnostics.h"

namespace newsdex {

namespace readers {
struct FormatReader;
}

/// A corpus format: a row of the reader registry (common/readers/registry.h),
/// or Auto (tell each file's format from its name and first bytes; as a
/// detection result, "not a corpus file").
class Format {
  public:
    static const Format Auto;

    constexpr Format() = default;
    constexpr explicit Format(const readers::FormatReader& reader) : reader_(&reader) {}

    constexpr bool is_auto() const { return reader_ == nullptr; }
    /// Precondition: !is_auto().
    const readers::FormatReader& reader() const { return *reader_; }

    friend constexpr bool operator==(Format, Format) = default;

  private:
    const readers::FormatReader* reader_ = nullptr;
};

inline constexpr Format Format::Auto{};

/// "auto" or a registered format's name (case-insensitive); throws UsageError
/// naming the known formats for anything else.
Format parse_format(std::string_view name);
/// "auto" or the format's name.
std::string_view format_name(Format format);

struct ReaderOptions {
    Format format = Format::Auto;
    /// --field NAME=KEY: logical field (id, title, body, date, source, url,
    /// authors, topics, lang) -> key in the record (JSON key, CSV header name
    /// or 1-based CSV column number).
    std::map<std::string, std::string> field_overrides;
    char csv_delimiter = ',';
    char csv_quote = '"';
};

/// One input file, as found on the command line or by a directory walk.
struct InputFile {
    std::string path;        ///< what to open ("-" = standard input, read as JSONL)
    std::string name;        ///< the path relative to the directory named on the command line,
                             ///< or the file name; used for ids and in diagnostics
    std::uint64_t size = 0;  ///< bytes on disk (0 for stdin), for progress and ETA
};

/// What a reader needs besides the file: where articles and warnings go.
struct ReadContext {
    const ReaderOptions& options;
    /// Receives each article with id and fields filled, text still raw (the
    /// caller sanitizes). Collection is left empty.
    std::function<void(Article&&)> emit;
    DiagnosticSink warn;
    /// Bytes of the file on disk consumed so far (compressed bytes for
    /// compressed input); called now and then, not necessarily per record.
    std::function<void(std::uint64_t)> progress;
    /// Set when the user interrupted: readers stop between records.
    const std::atomic<bool>* cancelled = nullptr;
    /// A descriptor that becomes readable when the user interrupts (-1: none).
    /// A read from standard input waits on it too, and ends the input when it
    /// is readable: an idle pipe must not hold up an interrupt.
    int wake_fd = -1;
};

/// Reads one file in the given (or detected) format.
/// Throws InputError if the file cannot be opened or its format cannot be told.
void read_file(const InputFile& input, const ReadContext& context);

/// The format of a file from its name (extension, also under .gz/.zst/.zip)
/// and, when the name says nothing, its first bytes. Format::Auto = not a corpus file.
Format detect_format(const std::string& path);

/// Result of expanding the command line's INPUTs into files.
struct InputWalk {
    std::vector<InputFile> files;
    /// reason -> number of files passed over ("documentation (README, LICENSE, PROVENANCE)",
    /// "excluded by --exclude", "not a corpus file (.dtd)", "text file beside a reuters corpus",
    /// ...)
    std::map<std::string, std::uint64_t> passed_over;
};

struct WalkOptions {
    Format format = Format::Auto;  ///< forced format: every file is taken
    std::vector<std::string>
        include;  ///< --include GLOB (matched against the relative path and the file name)
    std::vector<std::string> exclude;  ///< --exclude GLOB
};

/// Expands files and directories (recursively, hidden entries skipped, sorted
/// so runs are reproducible). Throws InputError for an INPUT that does not exist.
InputWalk walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options);

}  // namespace newsdex
