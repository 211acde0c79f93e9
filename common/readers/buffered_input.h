#pragma once
// A read buffer over a ByteSource: lines, single characters and look-ahead for
// the format readers, plus progress reports as chunks are pulled from disk.
//
// Invariant: the buffer holds at most one chunk plus the look-ahead a caller
// asked for (peek) or the current line, so memory is bounded by the longest
// line or record, never by the file.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "byte_source.h"

namespace newsdex::readers {

class BufferedInput {
  public:
    /// `progress` (may be empty) receives source.disk_bytes() after every chunk read.
    BufferedInput(ByteSource& source, std::function<void(std::uint64_t)> progress = {});

    /// Up to `size` bytes ahead without consuming them (fewer only at the end).
    std::string_view peek(std::size_t size);

    /// Next character as 0..255, or -1 at the end; get() consumes it.
    int peek_char() {
        if (pos_ == end_ && !fill()) return -1;
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    int get() {
        if (pos_ == end_ && !fill()) return -1;
        ++offset_;
        return static_cast<unsigned char>(buffer_[pos_++]);
    }

    /// Next line without its "\n" or "\r\n"; false at the end of the input
    /// (a last line without a final newline is still returned).
    bool getline(std::string& line);

    /// Skips `size` bytes (or up to the end).
    void skip(std::size_t size);

    /// Skips a UTF-8 byte order mark if the input starts with one here.
    void skip_bom();

    /// Bytes consumed so far (of the decompressed data).
    std::uint64_t offset() const { return offset_; }
    bool at_end() { return peek_char() < 0; }

  private:
    /// Reads another chunk after the unconsumed bytes; false at the end of the data.
    bool fill();

    ByteSource& source_;
    std::function<void(std::uint64_t)> progress_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;  ///< next unconsumed byte
    std::size_t end_ = 0;  ///< one past the last valid byte
    std::uint64_t offset_ = 0;
    bool eof_ = false;
};

/// RapidJSON input stream over a BufferedInput (the Stream concept: Peek, Take,
/// Tell; the Put* members exist only to satisfy the concept and are never used
/// by a reading parser).
class JsonInputStream {
  public:
    using Ch = char;
    explicit JsonInputStream(BufferedInput& in) : in_(in) {}
    Ch Peek() const {
        int c = in_.peek_char();
        return c < 0 ? '\0' : static_cast<Ch>(c);
    }
    Ch Take() {
        int c = in_.get();
        return c < 0 ? '\0' : static_cast<Ch>(c);
    }
    /// Bytes consumed from the start of the input, so that RapidJSON's error
    /// offsets are byte offsets into the (decompressed) file.
    std::size_t Tell() const { return static_cast<std::size_t>(in_.offset()); }
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

  private:
    BufferedInput& in_;
};

}  // namespace newsdex::readers
