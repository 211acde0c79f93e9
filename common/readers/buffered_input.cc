#include "buffered_input.h"

#include <algorithm>
#include <cstring>

namespace newsdex::readers {

namespace {
constexpr std::size_t kChunk = std::size_t{64} * 1024;
}

BufferedInput::BufferedInput(ByteSource& source, std::function<void(std::uint64_t)> progress)
    : source_(source), progress_(std::move(progress)) {
    buffer_.resize(kChunk);
}

bool BufferedInput::fill() {
    if (eof_) return false;
    // Keep the unconsumed tail at the front, then make room for a whole chunk.
    if (pos_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
    }
    if (buffer_.size() - end_ < kChunk) buffer_.resize(end_ + kChunk);
    std::size_t n = source_.read(buffer_.data() + end_, kChunk);
    if (progress_) progress_(source_.disk_bytes());
    if (n == 0) {
        eof_ = true;
        return false;
    }
    end_ += n;
    return true;
}

std::string_view BufferedInput::peek(std::size_t size) {
    while (end_ - pos_ < size && fill()) {
    }
    return {buffer_.data() + pos_, std::min(size, end_ - pos_)};
}

bool BufferedInput::getline(std::string& line) {
    line.clear();
    bool any = false;
    for (;;) {
        if (pos_ == end_ && !fill()) break;
        any = true;
        const char* begin = buffer_.data() + pos_;
        const char* stop = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
        if (stop) {
            std::size_t n = static_cast<std::size_t>(stop - begin);
            line.append(begin, n);
            pos_ += n + 1;
            offset_ += n + 1;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            return true;
        }
        line.append(begin, end_ - pos_);
        offset_ += end_ - pos_;
        pos_ = end_;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
}

void BufferedInput::skip(std::size_t size) {
    while (size > 0) {
        if (pos_ == end_ && !fill()) return;
        std::size_t n = std::min(size, end_ - pos_);
        pos_ += n;
        offset_ += n;
        size -= n;
    }
}

void BufferedInput::skip_bom() {
    if (peek(3) == "\xEF\xBB\xBF") skip(3);
}

}  // namespace newsdex::readers
