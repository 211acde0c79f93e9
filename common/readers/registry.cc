#include "registry.h"

#include <algorithm>

#include "reader_support.h"

namespace newsdex::readers {

// Each is defined in its reader file (text_reader.cc, ...).
extern const FormatReader kTextFormat, kJsonlFormat, kJsonFormat, kCsvFormat, kReutersFormat,
    kTrecFormat, kSmartFormat;

namespace {

// The table. Its order is --format's listing and the order in which formats
// sniff a file's first bytes (no two claim the same bytes); the fuzz
// target's format byte indexes it, so a new format goes at the end.
const FormatReader* const kTable[] = {&kTextFormat,    &kJsonlFormat, &kJsonFormat, &kCsvFormat,
                                      &kReutersFormat, &kTrecFormat,  &kSmartFormat};

}  // namespace

std::span<const FormatReader* const> formats() { return kTable; }

const FormatReader* find_format(std::string_view name) {
    for (const FormatReader* f : kTable)
        if (iequals(f->name, name)) return f;
    return nullptr;
}

std::size_t format_index(const FormatReader& format) {
    return static_cast<std::size_t>(std::find(std::begin(kTable), std::end(kTable), &format) -
                                    std::begin(kTable));
}

}  // namespace newsdex::readers
