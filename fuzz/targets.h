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

namespace newsdex::fuzz {

/// Every reader on arbitrary bytes. Byte 0: bits 0-2 the format (text, jsonl,
/// json, csv, reuters, trec, smart; 7 = detected from the bytes), bits 3-4 the
/// container (0-1: streamed from memory in chunks of byte 1 + 1 bytes;
/// 2: a .gz file; 3: a .zip file), bit 5 a ';' CSV delimiter, bit 6 a "'"
/// CSV quote. The rest is the file. Articles are sanitized as the indexer
/// does and must then be valid UTF-8 without control characters.
int reader_one_input(const std::uint8_t* data, std::size_t size);

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
