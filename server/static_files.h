#pragma once
// The page's files (server/static/), compiled into the binary by
// embed_static.cmake: the server never reads a path named in a URL.

#include <cstddef>
#include <string_view>

namespace newsdex::server {

struct StaticFile {
    std::string_view name;          ///< path under static/, e.g. "app.js"
    std::string_view content_type;  ///< with charset for text
    std::string_view body;
};

/// The embedded file with this name, nullptr when there is none.
const StaticFile* find_static_file(std::string_view name);

}  // namespace newsdex::server
