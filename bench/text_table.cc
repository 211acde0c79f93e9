#include "text_table.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace newsdex::bench {

namespace {

std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

std::string TextTable::render() const {
    std::vector<std::size_t> width(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(header_);
    for (const auto& row : rows_) measure(row);

    std::string out;
    auto emit = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < width.size(); ++i) {
            const std::string cell = i < row.size() ? row[i] : "";
            const std::string pad(width[i] - display_width(cell), ' ');
            if (i) line += "  ";
            line += i == 0 ? cell + pad : pad + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
    };
    emit(header_);
    for (const auto& row : rows_) emit(row);
    return out;
}

std::string fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string ms(double value) {
    if (value < 1) return fixed(value, 4);
    if (value < 10) return fixed(value, 3);
    if (value < 100) return fixed(value, 2);
    if (value < 1000) return fixed(value, 1);
    return fixed(value, 0);
}

std::string ratio(double value) {
    std::string s = fixed(value, 2);
    s += "\xc3\x97";
    return s;
}

}  // namespace newsdex::bench
