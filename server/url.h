#pragma once
// Request targets: percent-decoding and query strings, strictly. A malformed
// escape is an error the caller answers with 400, never a guess.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::server {

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in a
/// query string). nullopt for a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// Percent-encodes everything but unreserved characters (RFC 3986).
std::string percent_encode(std::string_view text);

struct Target {
    std::string path;  ///< still encoded: segments are decoded one by one
    std::vector<std::pair<std::string, std::string>> params;  ///< decoded, in order
};

/// Splits "/path?a=1&b=2" into the path and its decoded parameters. Empty
/// pieces ("a=1&&b") are skipped; "a" alone is a=(empty). nullopt when an
/// escape is malformed or the target does not start with '/'.
std::optional<Target> parse_target(std::string_view target);

}  // namespace newsdex::server
