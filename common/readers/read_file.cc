// read_file(): opens an input (file, stdin, compressed file or archive), tells
// its format and hands it to the format's reader.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "buffered_input.h"
#include "byte_source.h"
#include "corpus_reader.h"
#include "errors.h"
#include "format.h"
#include "reader_support.h"
#include "registry.h"

namespace newsdex {

namespace {

using readers::BufferedInput;
using readers::ByteSource;

/// Runs the reader for `format` (not Auto) over one stream whose own
/// extension is `extension`. A ReadError part-way through becomes a warning:
/// the articles already emitted stay, the rest of this stream is given up.
void run_reader(Format format, std::string_view extension, ByteSource& source,
                const std::string& name, const ReadContext& ctx) {
    BufferedInput in(source, ctx.progress);
    try {
        format.reader().read(in, name, extension, ctx);
    } catch (const readers::ReadError& e) {
        readers::warn_skipped(ctx, name, "byte " + std::to_string(in.offset()),
                              std::string("cannot read further: ") + e.what());
    }
}

/// A source that first returns bytes already read for sniffing, then the rest.
class PrefixedSource : public ByteSource {
  public:
    PrefixedSource(std::string prefix, ByteSource& rest)
        : prefix_(std::move(prefix)), rest_(rest) {}
    std::size_t read(char* buffer, std::size_t size) override {
        if (pos_ < prefix_.size()) {
            std::size_t n = std::min(size, prefix_.size() - pos_);
            prefix_.copy(buffer, n, pos_);
            pos_ += n;
            return n;
        }
        return rest_.read(buffer, size);
    }
    std::uint64_t disk_bytes() const override { return rest_.disk_bytes(); }

  private:
    std::string prefix_;
    std::size_t pos_ = 0;
    ByteSource& rest_;
};

/// Reads up to kSniffBytes from `source` (fewer at its end).
std::string read_head(ByteSource& source) {
    std::string head(readers::kSniffBytes, '\0');
    std::size_t got = 0;
    while (got < head.size()) {
        std::size_t n = source.read(head.data() + got, head.size() - got);
        if (n == 0) break;
        got += n;
    }
    head.resize(got);
    return head;
}

/// Reads one stream (a file, a decompressed file or an archive member) whose
/// name is `info`. Returns false (with `reason`) when its format cannot be told.
bool read_stream(const readers::NameInfo& info, ByteSource& source, const std::string& name,
                 const ReadContext& ctx, std::string& reason) {
    bool sniff = false;
    Format format = ctx.options.format;
    if (format == Format::Auto) format = readers::format_from_extension(info.extension, sniff);
    if (format != Format::Auto) {
        run_reader(format, info.extension, source, name, ctx);
        return true;
    }
    if (!sniff) {
        reason = readers::not_corpus_reason(info);
        return false;
    }
    std::string head;
    try {
        head = read_head(source);
    } catch (const readers::ReadError& e) {
        reason = std::string("unreadable: ") + e.what();
        return false;
    }
    std::string companion;
    format = readers::sniff_format(head, &companion);
    if (format == Format::Auto) {
        reason = companion.empty() ? readers::not_corpus_reason(info) : companion;
        return false;
    }
    PrefixedSource replay(std::move(head), source);
    run_reader(format, info.extension, replay, name, ctx);
    return true;
}

std::string_view base_name(std::string_view path) {
    std::size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void read_archive(const InputFile& input, const ReadContext& ctx) {
    std::unique_ptr<readers::ArchiveMembers> opened;
    try {
        opened = std::make_unique<readers::ArchiveMembers>(input.path);
    } catch (const readers::ReadError& e) {
        readers::warn_skipped(ctx, input.name, "",
                              std::string("cannot read the archive: ") + e.what());
        return;
    }
    readers::ArchiveMembers& members = *opened;
    std::string member;
    try {
        while (members.next(member)) {
            if (readers::is_cancelled(ctx)) return;
            std::string_view base = base_name(member);
            // Hidden members (.DS_Store, __MACOSX/._foo) are packaging debris.
            if (base.empty() || base.front() == '.' ||
                member.find("__MACOSX/") != std::string::npos)
                continue;
            std::string name = input.name + "!" + member;
            readers::NameInfo info = readers::analyse_name(member);
            if (info.container != readers::Container::None) {
                readers::warn_skipped(ctx, name, "",
                                      "passed over: archives inside archives are not read");
                continue;
            }
            if (ctx.options.format == Format::Auto && readers::is_documentation_name(base)) {
                readers::warn(ctx, name, "", "passed over: documentation");
                continue;
            }
            std::string reason;
            if (!read_stream(info, members.member(), name, ctx, reason))
                readers::warn(ctx, name, "", "passed over: " + reason);
        }
    } catch (const readers::ReadError& e) {
        readers::warn_skipped(ctx, input.name, "",
                              std::string("cannot read the archive further: ") + e.what());
    }
    // libarchive may not read every byte of the file (a zip's central
    // directory): at the end the whole file counts as consumed.
    std::error_code ec;
    std::uint64_t size = std::filesystem::file_size(input.path, ec);
    if (ctx.progress) ctx.progress(std::max(members.disk_bytes(), ec ? 0 : size));
}

}  // namespace

void read_file(const InputFile& input, const ReadContext& ctx) {
    using readers::Container;
    std::string reason;
    if (input.path == "-") {
        // Standard input carries JSON Lines unless a format was forced.
        auto source = readers::open_stdin_source(ctx.wake_fd);
        Format format =
            ctx.options.format == Format::Auto ? parse_format("jsonl") : ctx.options.format;
        run_reader(format, "", *source, input.name, ctx);
        return;
    }
    readers::NameInfo info = readers::analyse_name(input.path);
    switch (info.container) {
        case Container::Archive:
            read_archive(input, ctx);
            return;
        case Container::Compressed: {
            std::unique_ptr<ByteSource> source;
            try {
                source = readers::open_decompressing_source(input.path);
            } catch (const readers::ReadError& e) {
                readers::warn_skipped(ctx, input.name, "",
                                      std::string("cannot decompress: ") + e.what());
                return;
            }
            if (!read_stream(info, *source, input.name, ctx, reason))
                throw InputError(input.name,
                                 "cannot tell the format (" + reason + "); use --format");
            if (ctx.progress) ctx.progress(source->disk_bytes());
            return;
        }
        case Container::None: {
            auto source = readers::open_file_source(input.path);
            if (!read_stream(info, *source, input.name, ctx, reason))
                throw InputError(input.name,
                                 "cannot tell the format (" + reason + "); use --format");
            if (ctx.progress) ctx.progress(source->disk_bytes());
            return;
        }
    }
}

}  // namespace newsdex
