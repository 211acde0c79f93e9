#include "format.h"

#include "buffered_input.h"
#include "byte_source.h"
#include "errors.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex {

Format parse_format(std::string_view name) {
    if (readers::iequals(name, "auto")) return Format::Auto;
    if (const readers::FormatReader* f = readers::find_format(name)) return Format(*f);
    std::string known = "auto";
    for (const readers::FormatReader* f : readers::formats()) {
        known += ", ";
        known += f->name;
    }
    throw UsageError("unknown format \"" + std::string(name) + "\" (known: " + known + ")");
}

std::string_view format_name(Format format) {
    return format.is_auto() ? std::string_view("auto") : format.reader().name;
}

Format detect_format(const std::string& path) { return readers::detect(path).format; }

}  // namespace newsdex

namespace newsdex::readers {

namespace {

constexpr std::string_view kCompressionSuffixes[] = {".gz",  ".bz2",  ".xz", ".zst",
                                                     ".lz4", ".lzma", ".z"};
constexpr std::string_view kArchiveSuffixes[] = {".zip", ".tar", ".tgz", ".tbz2", ".txz"};

// Extensions that are known not to hold news articles; sniffing them would only
// risk taking, say, a JSON config file or an HTML page for a corpus.
constexpr std::string_view kNotCorpusExtensions[] = {
    ".md",  ".markdown", ".rst",  ".dtd",  ".html", ".htm", ".pdf",   ".ps",    ".css",  ".js",
    ".py",  ".sh",       ".pl",   ".r",    ".c",    ".h",   ".cc",    ".cpp",   ".java", ".ipynb",
    ".png", ".jpg",      ".jpeg", ".gif",  ".svg",  ".doc", ".docx",  ".xls",   ".xlsx", ".ppt",
    ".odt", ".yaml",     ".yml",  ".toml", ".ini",  ".cfg", ".xsd",   ".qrels", ".log",  ".pkl",
    ".npy", ".bin",      ".exe",  ".so",   ".o",    ".a",   ".class", ".jar",   ".db",   ".sqlite"};

constexpr std::string_view kDocumentationPrefixes[] = {"readme",     "license", "licence",
                                                       "provenance", "changes", "changelog",
                                                       "copying",    "notice",  "authors"};

std::string_view base_name(std::string_view path) {
    std::size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// ".all" for "TIME.ALL", "" for "README" and ".hidden".
std::string extension_of(std::string_view name) {
    std::string_view base = base_name(name);
    std::size_t dot = base.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    return to_lower(base.substr(dot));
}

bool ends_with_icase(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace

NameInfo analyse_name(std::string_view name) {
    NameInfo info;
    std::string ext = extension_of(name);
    for (auto suffix : kArchiveSuffixes) {
        if (ext == suffix) {
            info.container = Container::Archive;
            info.inner_name.assign(name);
            info.extension = ext;
            return info;
        }
    }
    for (auto suffix : kCompressionSuffixes) {
        if (ext == suffix) {
            std::string_view inner = name.substr(0, name.size() - suffix.size());
            // foo.tar.gz is an archive; libarchive undoes the compression itself.
            info.container =
                ends_with_icase(inner, ".tar") ? Container::Archive : Container::Compressed;
            info.inner_name.assign(info.container == Container::Archive ? name : inner);
            info.extension = info.container == Container::Archive ? ext : extension_of(inner);
            return info;
        }
    }
    info.inner_name.assign(name);
    info.extension = ext;
    return info;
}

Format format_from_extension(std::string_view ext, bool& sniff) {
    sniff = false;
    for (const FormatReader* f : formats())
        for (std::string_view own : f->extensions)
            if (ext == own) return Format(*f);
    for (auto no : kNotCorpusExtensions)
        if (ext == no) return Format::Auto;
    sniff = true;
    return Format::Auto;
}

Format sniff_format(std::string_view head, std::string* companion) {
    if (companion) companion->clear();
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    while (!head.empty() && (head.front() == ' ' || head.front() == '\t' || head.front() == '\r' ||
                             head.front() == '\n'))
        head.remove_prefix(1);
    for (const FormatReader* f : formats()) {
        if (!f->sniff) continue;
        switch (f->sniff(head)) {
            case Sniffed::Yes:
                return Format(*f);
            case Sniffed::Companion:
                if (companion) companion->assign(f->companion);
                return Format::Auto;
            case Sniffed::No:
                break;
        }
    }
    return Format::Auto;
}

std::string not_corpus_reason(const NameInfo& info) {
    return "not a corpus file (" + (info.extension.empty() ? "no extension" : info.extension) + ")";
}

bool is_documentation_name(std::string_view file_name) {
    std::string_view base = base_name(file_name);
    for (auto prefix : kDocumentationPrefixes)
        if (istarts_with(base, prefix)) return true;
    return false;
}

namespace {

/// Detection of one stream whose name is known: by extension, then by bytes.
Detection detect_stream(const NameInfo& info, ByteSource* source) {
    bool sniff = false;
    Format format = format_from_extension(info.extension, sniff);
    if (format != Format::Auto) return {format, {}};
    if (sniff && source) {
        BufferedInput in(*source);
        std::string companion;
        format = sniff_format(in.peek(kSniffBytes), &companion);
        if (format != Format::Auto) return {format, {}};
        if (!companion.empty()) return {Format::Auto, companion};
    }
    return {Format::Auto, not_corpus_reason(info)};
}

}  // namespace

Detection detect(const std::string& path) {
    NameInfo info = analyse_name(path);
    try {
        switch (info.container) {
            case Container::Archive: {
                // The first regular member decides: archives of news are
                // collections of one kind of file.
                ArchiveMembers members(path);
                std::string member;
                while (members.next(member)) {
                    std::string_view base = base_name(member);
                    if (base.empty() || base.front() == '.' || is_documentation_name(base))
                        continue;
                    NameInfo inner = analyse_name(member);
                    if (inner.container != Container::None) continue;
                    Detection d = detect_stream(inner, &members.member());
                    if (d.format != Format::Auto) return d;
                }
                return {Format::Auto, "archive without corpus files (" + info.extension + ")"};
            }
            case Container::Compressed: {
                bool sniff = false;
                format_from_extension(info.extension, sniff);
                if (!sniff) return detect_stream(info, nullptr);
                auto source = open_decompressing_source(path);
                return detect_stream(info, source.get());
            }
            case Container::None: {
                bool sniff = false;
                format_from_extension(info.extension, sniff);
                if (!sniff) return detect_stream(info, nullptr);
                auto source = open_file_source(path);
                return detect_stream(info, source.get());
            }
        }
    } catch (const InputError&) {
        return {Format::Auto, "not a corpus file (unreadable)", true};
    } catch (const ReadError&) {
        return {Format::Auto, "not a corpus file (unreadable)", true};
    }
    return {Format::Auto, not_corpus_reason(info)};
}

}  // namespace newsdex::readers
