#pragma once
// Compact plain-text tables for newsdex-bench's human output: the first
// column left-aligned, the others right-aligned, two spaces between columns.
// Widths count UTF-8 code points so "·" and "×" do not skew them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "number_format.h"  // group_thousands, used beside these helpers

namespace newsdex::bench {

class TextTable {
  public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    std::string render() const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

/// Concatenates strings, literals and views by appending each in turn (no
/// "literal" + std::string temporaries, on which GCC 12 warns -Wrestrict falsely).
template <class... Parts>
std::string concat(const Parts&... parts) {
    std::string out;
    (out.append(std::string_view(parts)), ...);
    return out;
}

/// "%.*f" as a string.
std::string fixed(double value, int decimals);
/// Latency in ms with 3 significant-ish digits: 0.0812, 0.812, 8.12, 81.2, 812.
std::string ms(double value);
/// A ratio as "1.23×".
std::string ratio(double value);

}  // namespace newsdex::bench
