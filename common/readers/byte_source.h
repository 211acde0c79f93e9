#pragma once
// Where a reader's bytes come from: a file, standard input, a compressed file
// (decompressed on the fly) or one member of an archive. Every source is
// forward-only and reads in chunks, so memory does not grow with the file.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

struct archive;

namespace newsdex::readers {

/// The bytes could not be read part-way through (I/O error, corrupt or truncated
/// compressed data). Readers let it propagate; read_file turns it into a warning
/// and keeps the articles already emitted.
class ReadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A forward-only stream of raw bytes.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    /// Reads up to `size` bytes; returns 0 only at the end of the data. Throws ReadError.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// Bytes of the file on disk consumed so far (compressed bytes for compressed
    /// input), for progress reports.
    virtual std::uint64_t disk_bytes() const = 0;
};

/// Opens a regular file. Throws InputError when it cannot be opened.
std::unique_ptr<ByteSource> open_file_source(const std::string& path);

/// Standard input (not owned: it is never closed). With `wake_fd` >= 0, a
/// read ends the input as soon as `wake_fd` is readable, even while standard
/// input is an idle pipe.
std::unique_ptr<ByteSource> open_stdin_source(int wake_fd = -1);

/// A single compressed file (.gz, .bz2, .xz, .zst, ...), decompressed while read.
/// Throws InputError when the file cannot be opened, ReadError when its content
/// is not readable compressed data.
std::unique_ptr<ByteSource> open_decompressing_source(const std::string& path);

/// The regular-file members of an archive (.zip, .tar, .tar.gz, ...), one after
/// the other. Each member is read through member() before moving on.
class ArchiveMembers {
  public:
    /// Throws InputError when the file cannot be opened, ReadError when it is not
    /// an archive libarchive can read.
    explicit ArchiveMembers(const std::string& path);
    ~ArchiveMembers();
    ArchiveMembers(const ArchiveMembers&) = delete;
    ArchiveMembers& operator=(const ArchiveMembers&) = delete;

    /// Moves to the next regular file (directories and links are passed by);
    /// false at the end of the archive. Throws ReadError for a corrupt archive.
    bool next(std::string& member_path);
    /// The current member's bytes; valid until the next call to next().
    ByteSource& member();
    std::uint64_t disk_bytes() const;

  private:
    struct ArchiveFree {
        void operator()(struct archive* a) const;
    };
    std::unique_ptr<struct archive, ArchiveFree> archive_;
    std::unique_ptr<ByteSource> member_;
};

}  // namespace newsdex::readers
