#pragma once
// Just enough SGML for news collections (Reuters-21578, TREC): finding the
// elements of one record, their attributes, and the text between tags.
//
// These collections are flat: an element never contains another of the same
// name, so a search for the matching close tag is exact. Tag names match
// case-insensitively; "<TEXT" matches "<TEXT>" and "<TEXT TYPE=...>" but not "<TEXTX>".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

struct SgmlElement {
    std::string_view open_tag;  ///< "<TEXT TYPE=\"BRIEF\">"
    std::string_view content;   ///< between the open and the close tag (to the end if unclosed)
};

/// Every `tag` element of `record`, in order.
std::vector<SgmlElement> find_elements(std::string_view record, std::string_view tag);

/// The first `tag` element, if any.
std::optional<SgmlElement> find_element(std::string_view record, std::string_view tag);

/// An attribute of an open tag (quoted or not); "" when absent.
std::string tag_attribute(std::string_view open_tag, std::string_view name);

/// The text with every <...> tag removed (a space stands in for a tag that
/// separated two words). A '<' not followed by a letter, '/' or '!' is text.
std::string strip_tags(std::string_view text);

/// Case-insensitive find of `needle` in `haystack` from `from`.
std::size_t find_icase(std::string_view haystack, std::string_view needle, std::size_t from = 0);

}  // namespace newsdex::readers
