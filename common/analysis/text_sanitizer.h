#pragma once
// First stage of the analysis pipeline: any bytes in, clean UTF-8 out.
//
// Invariant of the output: valid UTF-8; no C0/C1 control characters except
// '\n' and '\t' (a run of them becomes one space where it separated text, as
// Reuters' "&#5;&#30;" does); no format characters (BOM U+FEFF anywhere, bidi
// marks and embeddings, zero-width characters, soft hyphen); line endings '\n'.
// Stored text is this output, so offsets computed on it are offsets into what
// the searcher shows.

#include <cstddef>
#include <optional>
#include <string>

#include "article.h"

namespace newsdex {

struct SanitizeReport {
    /// Invalid UTF-8 sequences found; each byte of one was decoded as
    /// Windows-1252/Latin-1 (0xFC -> ü, 0xA3 -> £), or U+FFFD where that
    /// code page leaves the byte undefined.
    std::size_t invalid_sequences = 0;
    std::size_t first_invalid_offset = 0;  ///< byte offset of the first one in the input
};

/// Cleans `text` in place; returns what had to be repaired.
SanitizeReport sanitize_text(std::string& text);

/// Cleans every text field of an article. Returns a one-line description of
/// the encoding repairs made (for a warning naming file and record), or
/// nullopt when the bytes were valid UTF-8.
std::optional<std::string> sanitize_article(Article& article);

}  // namespace newsdex
