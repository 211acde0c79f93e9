#pragma once
// The corpus formats newsdex reads, as one table. A format is its reader file
// (foo_reader.cc, which defines `const FormatReader kFooFormat` next to its
// read function) plus one row in registry.cc. Everything that must know the
// formats reads the table: --format's names, detection by extension and by
// first bytes (format.cc), dispatch (read_file.cc), the directory walk's rules
// (input_walk.cc), the fuzz target's format byte and its seed corpora (fuzz/).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "corpus_reader.h"

namespace newsdex::readers {

class BufferedInput;

/// What the first bytes of a file say about one format.
enum class Sniffed {
    No,        ///< not this format
    Yes,       ///< this format
    Companion  ///< a file that goes with this format but holds no articles
               ///< (SMART's "*FIND" query file): passed over, with FormatReader::companion
};

/// How files of a format sit among others in a directory (input_walk.cc).
enum class DirectoryRole {
    Standalone,  ///< says nothing about its neighbours (JSONL, JSON)
    Collection,  ///< a markup collection (Reuters, TREC, SMART): the Companion-role
                 ///< files beside it are its documentation and lists, not articles
    Companion    ///< loose text or tables (text, CSV): passed over beside a Collection
};

struct FormatReader {
    /// --format's value, lower case; also the name in summaries.
    std::string_view name;
    /// Lower-case extensions with the dot, which decide without looking at the
    /// bytes. Empty for a format only ever told by its bytes (SMART).
    std::span<const std::string_view> extensions;
    /// Looks at the first bytes of a file whose extension decided nothing
    /// (a BOM and leading blanks already removed; at most kSniffBytes).
    /// nullptr: never sniffed (plain text and CSV have no magic).
    Sniffed (*sniff)(std::string_view head) = nullptr;
    /// Reads one stream (a file, a decompressed file or an archive member) named
    /// `name` in ids and diagnostics, whose own extension is `extension` (lower
    /// case, "" when none). Never throws for bad content: ReadError from the
    /// byte source and exceptions from ctx.emit pass through.
    void (*read)(BufferedInput& in, const std::string& name, std::string_view extension,
                 const ReadContext& ctx) = nullptr;
    DirectoryRole role = DirectoryRole::Standalone;
    /// The reason a Sniffed::Companion file is passed over ("query file (*FIND)").
    std::string_view companion = {};
};

/// Every format, in the table's order (fixed: the fuzz target's format byte
/// indexes it, so a new format is appended).
std::span<const FormatReader* const> formats();

/// The format whose --format name is `name` (case-insensitive), if any.
const FormatReader* find_format(std::string_view name);

/// The position of `format` in formats().
std::size_t format_index(const FormatReader& format);

}  // namespace newsdex::readers
