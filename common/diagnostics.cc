#include "diagnostics.h"

namespace newsdex {

std::string Diagnostic::to_string() const {
    std::string out = file;
    if (!record.empty()) {
        out += ": ";
        out += record;
    }
    out += ": ";
    out += message;
    return out;
}

}  // namespace newsdex
