#pragma once
// newsdex-serve's HTTP/1.1 layer on Boost.Beast (asynchronous): a connection
// holds no thread while it is idle or slow, only while its request is being
// answered; N threads each own one Worker (one Searcher, one
// Xapian::Database) and answer whichever request is ready.
//
// Limits (api.h Limits): request line + headers in max_header_bytes and at
// most max_header_count fields (else 431), no body (413), a whole request
// within read_timeout (else the connection is closed), max_connections open
// at once (more are closed at accept). stop() or SIGTERM/SIGINT: stop
// accepting, close idle connections, let requests being answered finish and
// be sent, then run() returns.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api.h"

namespace newsdex::server {

struct ServerOptions {
    std::vector<std::string> db_paths;
    std::string address = "127.0.0.1";  ///< an IP literal
    unsigned short port = 8080;         ///< 0: any free port (see HttpServer::port)
    unsigned threads = 2;
    Limits limits;
    ShardOptions shards;         ///< remote shards of a stub: timeout and retry
    bool handle_signals = true;  ///< SIGTERM/SIGINT drain and stop
    /// What answers a request read in full; empty: api.h's handle(). Tests
    /// put a handler here that holds a request in flight (drain on stop).
    std::function<Response(const std::string& method, const std::string& target, Worker& worker,
                           const Limits& limits, std::chrono::steady_clock::time_point received)>
        handler;
};

class HttpServer {
  public:
    /// Opens every database once per thread and binds the socket. Throws
    /// DatabaseError (a database cannot be opened) or Error (cannot listen).
    explicit HttpServer(ServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// The bound port (the real one when options.port was 0).
    unsigned short port() const;

    /// Serves on options.threads threads until stop() or a signal, then
    /// drains (see above) and returns.
    void run();

    /// Starts draining; safe from any thread, also before run().
    void stop();

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::server
