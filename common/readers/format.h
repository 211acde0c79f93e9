#pragma once
// Telling a file's format: from its name first, from its first bytes when the
// name says nothing. The formats themselves (their extensions and magic) are
// rows of the reader registry (registry.h); this file adds what holds for all:
//
//   a format's own extension        that format (.txt text, .jsonl jsonl, .csv/.tsv
//                                   csv, .sgm reuters, ... as registered)
//   .gz .bz2 .xz .zst .lz4 .lzma .z the format of the name without that suffix
//   .zip .tar .tgz .tar.*           an archive: each member by its own name
//   .md .dtd .html .pdf ...         not a corpus file (not sniffed)
// Anything else, including no extension (TIME.ALL, fr940104.0, foo.xml), is
// sniffed by each format in registry order, after a BOM and leading blanks
// ("*TEXT" smart, "<REUTERS" reuters, "<DOC>" trec, "{" jsonl, "[" json); a
// format's companion file ("*FIND", SMART's queries) is passed over.

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus_reader.h"

namespace newsdex::readers {

enum class Container { None, Compressed, Archive };

struct NameInfo {
    Container container = Container::None;
    std::string inner_name;  ///< the name without a compression suffix
    std::string extension;   ///< of inner_name, lower case with the dot; "" when none
};

NameInfo analyse_name(std::string_view name);

/// Format for an extension; Auto with `sniff` set when the bytes must decide,
/// Auto with `sniff` clear when the extension is known not to be a corpus.
Format format_from_extension(std::string_view extension, bool& sniff);

/// Format from the first bytes of a file (a BOM and leading blanks are skipped).
/// Auto when nothing matched; then `companion`, when given, is set to the
/// reason for a format's companion file ("query file (*FIND)") or cleared.
Format sniff_format(std::string_view head, std::string* companion = nullptr);

/// How many bytes sniff_format wants to see.
constexpr std::size_t kSniffBytes = 1024;

/// The verdict on one file: a format, or why it is not a corpus file.
struct Detection {
    Format format = Format::Auto;
    std::string
        reason;  ///< set when format == Auto: "not a corpus file (.dtd)", "query file (*FIND)"
    /// The file could not be opened or its (compressed, archived) bytes could
    /// not be read, so what it holds is unknown (format Auto).
    bool unreadable = false;
};

/// Detects by name, then (when needed) by the first bytes of the file, looking
/// inside compressed files and at an archive's first member. Never throws: an
/// unreadable file is "not a corpus file (unreadable)" with `unreadable` set.
Detection detect(const std::string& path);

/// The reason string for a file (or member) the detection found no format for.
std::string not_corpus_reason(const NameInfo& info);

/// README*, LICENSE*, PROVENANCE*, CHANGES*, COPYING* ... (case-insensitive, any extension).
bool is_documentation_name(std::string_view file_name);

}  // namespace newsdex::readers
