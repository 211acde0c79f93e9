#pragma once
// newsdex-serve's endpoints as plain functions of (request, worker): no HTTP
// library types, so the handlers are tested directly (tests/server/).
//
//   GET /api/search?q=&limit=&offset=&sort=&facet=&any=&lang=&date=
//       the JSON of `newsdex-search --json` (result_format's one formatter)
//   GET /api/article/{collection}/{id}   the stored article; 404 when absent
//   GET /api/info                        format_info_json of the databases
//   GET /healthz                         {"status":"ok","articles":N}
//   GET /  and  /static/...              the page, embedded at build time
//
// Every error is JSON: {"error": "...", "status": N}.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "searcher.h"

namespace newsdex::server {

/// Bounds that keep one request from costing much: all enforced here or by
/// the HTTP layer (http_server.h), all overridable on the command line.
struct Limits {
    std::size_t max_query_bytes = 1024;  ///< q, after decoding
    unsigned max_limit = 100;            ///< hits per page
    unsigned max_offset = 10000;         ///< deepest page start (deep paging costs O(offset))
    std::chrono::milliseconds request_time{2000};  ///< past it: 503
    std::size_t max_header_bytes = 8192;           ///< request line + headers
    std::size_t max_header_count = 64;
    std::size_t max_body_bytes = 0;         ///< GET only: any body is refused
    std::chrono::seconds read_timeout{10};  ///< a whole request must arrive within it
    std::size_t max_connections = 1024;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< beyond the common ones
};

/// What one worker thread owns: its own Searcher (its own Xapian::Database)
/// and what it caches about the revision that Searcher is at.
struct Worker {
    explicit Worker(const std::vector<std::string>& db_paths, ShardOptions shard_options = {})
        : searcher(db_paths, shard_options) {}
    Searcher searcher;
    std::optional<std::string> info_json;  ///< /api/info at the current revision
};

/// The headers every response carries (CSP, nosniff, ...), as sent.
const std::vector<std::pair<std::string, std::string>>& common_headers();

/// {"error": message, "status": status}
Response error_response(unsigned status, const std::string& message);

/// Answers one GET (or HEAD: the caller drops the body). `received` is when
/// the request was read; the search is abandoned with a 503 once
/// limits.request_time has passed since then. Never throws.
Response handle(const std::string& method, const std::string& target, Worker& worker,
                const Limits& limits, std::chrono::steady_clock::time_point received);

}  // namespace newsdex::server
