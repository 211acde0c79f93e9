#include "byte_source.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "errors.h"

namespace newsdex::readers {

namespace {

// Block size handed to libarchive; also the granularity of progress reports.
constexpr std::size_t kArchiveBlock = std::size_t{64} * 1024;

std::string errno_text(int err) { return std::strerror(err); }

/// Reads a file descriptor; owns it unless it is standard input. With a
/// wake descriptor, each read first waits for either: input, or the wake
/// descriptor readable, which ends the input (the run was interrupted).
class FdSource : public ByteSource {
  public:
    FdSource(int fd, bool owned, int wake_fd = -1) : fd_(fd), owned_(owned), wake_fd_(wake_fd) {}
    ~FdSource() override {
        if (owned_) ::close(fd_);
    }
    FdSource(const FdSource&) = delete;
    FdSource& operator=(const FdSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        for (;;) {
            if (wake_fd_ >= 0) {
                pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
                if (::poll(fds, 2, -1) < 0) {
                    if (errno == EINTR) continue;
                    throw ReadError("poll error: " + errno_text(errno));
                }
                if (fds[1].revents != 0) return 0;
            }
            ssize_t n = ::read(fd_, buffer, size);
            if (n >= 0) {
                consumed_ += static_cast<std::uint64_t>(n);
                return static_cast<std::size_t>(n);
            }
            if (errno != EINTR) throw ReadError("read error: " + errno_text(errno));
        }
    }
    std::uint64_t disk_bytes() const override { return consumed_; }

  private:
    int fd_;
    bool owned_;
    int wake_fd_;
    std::uint64_t consumed_ = 0;
};

/// Files that cannot be opened at all are an InputError; libarchive's own
/// failures on a file that opens are about its content (ReadError).
void check_readable(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, "cannot open: " + errno_text(errno));
    ::close(fd);
}

std::string archive_message(struct archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown libarchive error";
}

/// The data of the current entry of a libarchive reader (not owned).
class ArchiveDataSource : public ByteSource {
  public:
    explicit ArchiveDataSource(struct archive* a) : archive_(a) {}

    std::size_t read(char* buffer, std::size_t size) override {
        for (;;) {
            la_ssize_t n = archive_read_data(archive_, buffer, size);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (n == ARCHIVE_RETRY) continue;
            // ARCHIVE_WARN has no data with it here; WARN and FATAL both end the
            // member because libarchive cannot say how much of it is sound.
            throw ReadError(archive_message(archive_));
        }
    }
    std::uint64_t disk_bytes() const override {
        la_int64_t n = archive_filter_bytes(archive_, -1);
        return n > 0 ? static_cast<std::uint64_t>(n) : 0;
    }

  private:
    struct archive* archive_;
};

struct ArchiveDeleter {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

/// A raw-format reader that owns its libarchive handle: a single compressed file.
class DecompressingSource : public ByteSource {
  public:
    explicit DecompressingSource(const std::string& path) : archive_(archive_read_new()) {
        if (!archive_) throw InputError(path, "cannot allocate a libarchive reader");
        check_readable(path);
        archive_read_support_filter_all(archive_.get());
        archive_read_support_format_raw(archive_.get());
        // Empty input is a valid, empty file (raw format refuses it otherwise).
        archive_read_support_format_empty(archive_.get());
        if (archive_read_open_filename(archive_.get(), path.c_str(), kArchiveBlock) != ARCHIVE_OK)
            throw ReadError(archive_message(archive_.get()));
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(archive_.get(), &entry);
        if (r == ARCHIVE_EOF) {
            at_end_ = true;
        } else if (r < ARCHIVE_WARN) {
            throw ReadError(archive_message(archive_.get()));
        }
        data_ = std::make_unique<ArchiveDataSource>(archive_.get());
    }

    std::size_t read(char* buffer, std::size_t size) override {
        if (at_end_) return 0;
        return data_->read(buffer, size);
    }
    std::uint64_t disk_bytes() const override { return data_->disk_bytes(); }

  private:
    ArchivePtr archive_;
    std::unique_ptr<ArchiveDataSource> data_;
    bool at_end_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, "cannot open: " + errno_text(errno));
    return std::make_unique<FdSource>(fd, true);
}

std::unique_ptr<ByteSource> open_stdin_source(int wake_fd) {
    return std::make_unique<FdSource>(STDIN_FILENO, false, wake_fd);
}

std::unique_ptr<ByteSource> open_decompressing_source(const std::string& path) {
    return std::make_unique<DecompressingSource>(path);
}

void ArchiveMembers::ArchiveFree::operator()(struct archive* a) const { archive_read_free(a); }

ArchiveMembers::ArchiveMembers(const std::string& path) : archive_(archive_read_new()) {
    if (!archive_) throw InputError(path, "cannot allocate a libarchive reader");
    check_readable(path);
    archive_read_support_filter_all(archive_.get());
    archive_read_support_format_all(archive_.get());
    archive_read_support_format_empty(archive_.get());
    if (archive_read_open_filename(archive_.get(), path.c_str(), kArchiveBlock) != ARCHIVE_OK)
        throw ReadError(archive_message(archive_.get()));
    member_ = std::make_unique<ArchiveDataSource>(archive_.get());
}

ArchiveMembers::~ArchiveMembers() = default;

bool ArchiveMembers::next(std::string& member_path) {
    for (;;) {
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(archive_.get(), &entry);
        if (r == ARCHIVE_EOF) return false;
        if (r == ARCHIVE_RETRY) continue;
        if (r < ARCHIVE_WARN) throw ReadError(archive_message(archive_.get()));
        if (archive_entry_filetype(entry) != AE_IFREG) continue;
        const char* name = archive_entry_pathname_utf8(entry);
        if (!name) name = archive_entry_pathname(entry);
        member_path = name ? name : "";
        return true;
    }
}

ByteSource& ArchiveMembers::member() { return *member_; }

std::uint64_t ArchiveMembers::disk_bytes() const { return member_->disk_bytes(); }

}  // namespace newsdex::readers
