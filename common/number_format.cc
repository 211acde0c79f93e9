#include "number_format.h"

namespace newsdex {

std::string group_thousands(std::uint64_t value) {
    std::string digits = std::to_string(value), out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace newsdex
