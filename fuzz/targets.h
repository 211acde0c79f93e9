#pragma once
// The fuzz targets' bodies, as plain functions: the libFuzzer executables
// (fuzz_*.cc, built with clang when NEWSDEX_FUZZ=ON) call them, and so does
// the regression test tests/reliability/test_fuzz_replay.cc in every build,
// which replays fuzz/regressions/ and the seed corpora through them.
//
// Each function returns 0 and stops the process (abort via check()) when an
// invariant of the code under test does not hold: a crash, a sanitizer
// report, an uncaught exception or a failed check() is a finding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

/// Every reader on arbitrary bytes (encode_reader_input() writes such input):
///   byte 0  the format: an index into the reader registry
///           (common/readers/registry.h); any larger value: detected from the bytes
///   byte 1  bits 0-1 the container (0-1: streamed from memory in chunks of
///           byte 2 + 1 bytes; 2: a .gz file; 3: a .zip file), bit 2 a ';' CSV
///           delimiter, bit 3 a "'" CSV quote, bits 4-7 which of the format's
///           extensions the file has (modulo their number: .tsv for CSV)
///   byte 2  the chunk size - 1
///   rest    the file
/// Articles are sanitized as the indexer does and must then be valid UTF-8
/// without control characters.
int reader_one_input(const std::uint8_t* data, std::size_t size);

/// Byte 1 of reader_one_input's input.
enum ReaderFlags : std::uint8_t {
    kFromMemory = 0,
    kGzipFile = 2,
    kZipFile = 3,
    kSemicolonDelimiter = 1 << 2,
    kApostropheQuote = 1 << 3,
};
/// Byte 0 of reader_one_input's input for "detect the format from the bytes".
inline constexpr std::uint8_t kDetectFormat = 0xFF;

/// reader_one_input's input: `format` (a registry index or kDetectFormat),
/// `flags` (ReaderFlags, plus the extension choice << 4), `chunk` (1-256) and the file.
std::string encode_reader_input(std::uint8_t format, std::uint8_t flags, unsigned chunk,
                                std::string_view file);

/// reader_one_input's format byte for a file, from the reader registry's
/// detection of its name and first bytes (kDetectFormat when none).
std::uint8_t format_byte_of(const std::string& path);

/// Sanitize + analyze + build the Xapian document. Byte 0 picks the language;
/// the rest is the text (first line title, rest body). Checks the sanitizer's
/// output invariants, every token's offsets and terms, and that stored fields
/// decode to what was stored.
int analysis_one_input(const std::uint8_t* data, std::size_t size);

/// build_query on arbitrary query text (byte 0: any-mode and language), then
/// the plan is run on a small in-memory index and "did you mean" computed.
int query_one_input(const std::uint8_t* data, std::size_t size);

/// Snippets: the bytes up to the first NUL are a query (its highlight terms),
/// the rest the stored text (sanitized first, as stored text is). Byte 0
/// picks the snippet length and fragment count. Checks fragment and match
/// offsets, then renders text, HTML and terminal forms.
int snippet_one_input(const std::uint8_t* data, std::size_t size);

/// Aborts with `what` when `condition` is false (also in release builds).
void check(bool condition, const char* what);

/// Whether `s` is well-formed UTF-8 (an implementation independent of the
/// sanitizer's, so the two check each other).
bool valid_utf8(std::string_view s);

}  // namespace newsdex::fuzz
