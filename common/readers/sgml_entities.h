#pragma once
// SGML/HTML character references in Reuters and TREC text: "&#5;", "&#x41;",
// "&lt;", "&amp;", "&nbsp;" ... decoded to UTF-8 bytes.
//
// Decoding is literal: "&#5;" becomes the control byte 0x05 (the text sanitizer
// drops such bytes later; the readers never judge text). References 128..159,
// which in SGML/HTML practice mean Windows-1252, become the characters that code
// page puts there. Unknown names and malformed references stay as written.

#include <string>
#include <string_view>

namespace newsdex::readers {

std::string decode_sgml_entities(std::string_view text);

}  // namespace newsdex::readers
