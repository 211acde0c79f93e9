// newsdex-serve: the search API and page over newsdex databases. A thin main
// over http_server (HTTP) and api (the endpoints), which use the searcher library.

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli_options.h"
#include "errors.h"
#include "http_server.h"

namespace {

const char* kUsage =
    "usage: newsdex-serve [--db DIR]... [--listen ADDRESS:PORT] [--threads N] [--timeout-ms MS]\n"
    "                     [--max-query-bytes N] [--max-limit N] [--max-connections N]\n"
    "                     [--remote-timeout-ms MS]\n"
    "Serves GET /api/search (the JSON of newsdex-search --json), /api/article/COLLECTION/ID,\n"
    "/api/info, /healthz and the search page at /. Listens on 127.0.0.1:8080 unless told\n"
    "otherwise (port 0: any free port; the address is printed). SIGTERM or Ctrl-C: finish\n"
    "the requests in flight, then exit 0.\n"
    "Exit status: 0 stopped, 2 usage error, 3 database missing or unreadable, or cannot listen.";

/// "127.0.0.1:8080", "[::1]:8080", "localhost:8080" -> address and port.
std::pair<std::string, unsigned short> parse_listen(const std::string& text) {
    using newsdex::UsageError;
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw UsageError("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
    std::string host = text.substr(0, colon);
    const std::string port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host == "localhost") host = "127.0.0.1";
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || ptr != port_text.data() + port_text.size() ||
        port > 65535)
        throw UsageError("--listen: the port must be a number from 0 to 65535");
    return {host, static_cast<unsigned short>(port)};
}

}  // namespace

int main(int argc, char** argv) {
    namespace po = newsdex::cli::po;
    using namespace newsdex;

    cli::DatabaseListOption dbs;
    server::ServerOptions options;
    options.threads = std::max(1u, std::thread::hardware_concurrency());
    std::string listen = "127.0.0.1:8080";
    unsigned timeout_ms = static_cast<unsigned>(options.limits.request_time.count());
    std::int64_t remote_timeout_ms = options.shards.remote_timeout.count();

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help");
    dbs.add_to(desc);
    desc.add_options()("listen", po::value(&listen)->value_name("ADDRESS:PORT"),
                       "where to listen (default 127.0.0.1:8080, loopback only)")(
        "threads", cli::whole_number(&options.threads, 1, 256, "threads")->value_name("N"),
        "worker threads, each with its own database handle, 1..256 (default: cores)")(
        "timeout-ms", cli::whole_number(&timeout_ms, 1, 600000, "timeout-ms")->value_name("MS"),
        "a search running longer is stopped with 503, 1..600000 (default 2000)")(
        "max-query-bytes",
        cli::whole_number(&options.limits.max_query_bytes, 1, 65536, "max-query-bytes")
            ->value_name("N"),
        "longest q accepted, 1..65536 (default 1024)")(
        "max-limit",
        cli::whole_number(&options.limits.max_limit, 1, 10000, "max-limit")->value_name("N"),
        "most hits per page, 1..10000 (default 100)")(
        "max-connections",
        cli::whole_number(&options.limits.max_connections, 1, 100000, "max-connections")
            ->value_name("N"),
        "open connections at once; more are refused, 1..100000 (default 1024)")(
        "remote-timeout-ms",
        cli::whole_number(&remote_timeout_ms, 1, kMaxRemoteTimeout.count(), "remote-timeout-ms")
            ->value_name("MS"),
        "longest wait for a remote shard (a stub's 'remote HOST:PORT') to connect or answer, "
        "1..600000 (default 5000); past it the search answers from the other shards, with a note");

    try {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, nullptr, vm, kUsage)) return kExitOk;
        dbs.finish();
        options.db_paths = dbs.paths;
        std::tie(options.address, options.port) = parse_listen(listen);
        options.limits.request_time = std::chrono::milliseconds(timeout_ms);
        options.shards.remote_timeout = std::chrono::milliseconds(remote_timeout_ms);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-serve: %s\n%s\n", e.what(), kUsage);
        return kExitUsage;
    }

    // A client that goes away or a closed stdout must not kill the server:
    // writes report EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        server::HttpServer http(options);
        const bool v6 = options.address.find(':') != std::string::npos;
        std::printf("newsdex-serve: listening on http://%s%s%s:%u/ (%u threads)\n", v6 ? "[" : "",
                    options.address.c_str(), v6 ? "]" : "", http.port(), options.threads);
        std::fflush(stdout);
        http.run();
        std::printf("newsdex-serve: stopped\n");
        return kExitOk;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdex-serve: %s\n", e.what());
        return kExitFailure;
    }
}
