// libFuzzer entry point; the target itself is newsdex::fuzz::reader_one_input (targets.h).
#include <cstddef>
#include <cstdint>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return newsdex::fuzz::reader_one_input(data, size);
}
