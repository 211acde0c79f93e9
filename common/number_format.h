#pragma once
// Numbers as people read them in summaries and tables.

#include <cstdint>
#include <string>

namespace newsdex {

/// 21578 -> "21,578".
std::string group_thousands(std::uint64_t value);

}  // namespace newsdex
