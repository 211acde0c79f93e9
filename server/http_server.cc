#include "http_server.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "errors.h"

namespace newsdex::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// The Worker of the thread running the current handler (set once per thread
/// by run(); a Worker is used by its thread only).
thread_local Worker* t_worker = nullptr;

class Session;

/// What every connection shares.
struct Shared {
    Limits limits;
    decltype(ServerOptions::handler) handler;  ///< never empty once the server is built
    std::atomic<bool> draining{false};
    std::mutex mutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  ///< guarded by mutex
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

    ~Session() {
        std::lock_guard lock(shared_.mutex);
        shared_.sessions.erase(this);
    }

    void start() {
        // A response goes out in one write; do not let Nagle hold its tail
        // back waiting for the client's delayed ACK.
        beast::error_code ignored;
        stream_.socket().set_option(tcp::no_delay(true), ignored);
        {
            std::lock_guard lock(shared_.mutex);
            shared_.sessions.emplace(this, weak_from_this());
        }
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

    /// Runs on the session's strand: an idle or half-read connection is
    /// closed now; one whose answer is being written closes after it.
    void drain() {
        if (writing_)
            close_after_write_ = true;
        else
            close();
    }

    auto executor() { return stream_.get_executor(); }

  private:
    void read() {
        if (shared_.draining) return close();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.limits.max_header_bytes));
        parser_->body_limit(shared_.limits.max_body_bytes);
        // One deadline for the whole request (not per read), so a client that
        // trickles a byte at a time cannot keep the connection for ever.
        stream_.expires_after(shared_.limits.read_timeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::header_limit)
            return answer(error_response(431, "request line and headers are too large"), false);
        if (ec == http::error::body_limit || ec == http::error::unexpected_body)
            return answer(error_response(413, "requests have no body here"), false);
        // End of stream, a request cut short, timeout, reset, cancelled by a
        // drain: there is nobody to answer.
        if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
            ec == beast::error::timeout)
            return close();
        if (ec && ec.category() == beast::http::make_error_code(http::error::bad_target).category())
            return answer(error_response(400, "malformed HTTP request"), false);
        if (ec) return close();

        const auto received = std::chrono::steady_clock::now();
        const auto& request = parser_->get();
        std::size_t fields = 0;
        for (auto it = request.begin(); it != request.end(); ++it) ++fields;
        if (fields > shared_.limits.max_header_count)
            return answer(error_response(431, "too many header fields"), false);

        head_ = request.method() == http::verb::head;
        version_ = request.version();
        Response response =
            shared_.handler(std::string(request.method_string()), std::string(request.target()),
                            *t_worker, shared_.limits, received);
        if (response.status >= 500)
            std::fprintf(stderr, "newsdex-serve: %u for %.*s: %s", response.status,
                         static_cast<int>(std::min<std::size_t>(request.target().size(), 200)),
                         request.target().data(), response.body.c_str());
        // Read after the answer is computed: a drain that began meanwhile
        // closes the connection after this answer, and the client is told so.
        const bool keep_alive = request.keep_alive() && !shared_.draining;
        answer(std::move(response), keep_alive);
    }

    void answer(Response response, bool keep_alive) {
        response_ = {};
        response_.version(version_);
        response_.result(static_cast<http::status>(response.status));
        response_.set(http::field::server, "newsdex-serve");
        response_.set(http::field::content_type, response.content_type);
        for (const auto& [name, value] : common_headers()) response_.set(name, value);
        for (const auto& [name, value] : response.headers) response_.set(name, value);
        response_.keep_alive(keep_alive);
        if (head_) {
            response_.content_length(response.body.size());
        } else {
            response_.body() = std::move(response.body);
            response_.prepare_payload();
        }
        writing_ = true;
        stream_.expires_after(shared_.limits.read_timeout);
        http::async_write(
            stream_, response_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        writing_ = false;
        if (ec || !response_.keep_alive() || close_after_write_ || shared_.draining) return close();
        read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::empty_body>> parser_;
    http::response<http::string_body> response_;
    unsigned version_ = 11;
    bool head_ = false;
    bool writing_ = false;
    bool close_after_write_ = false;
};

}  // namespace

class HttpServer::Impl {
  public:
    explicit Impl(ServerOptions options)
        : options_(std::move(options)), acceptor_(asio::make_strand(ioc_)), signals_(ioc_) {
        shared_.limits = options_.limits;
        shared_.handler = options_.handler ? options_.handler : handle;
        if (options_.threads == 0) options_.threads = 1;
        // Each thread's own Searcher, opened here so a bad --db fails before
        // the port is taken.
        for (unsigned i = 0; i < options_.threads; ++i)
            workers_.push_back(std::make_unique<Worker>(options_.db_paths, options_.shards));
        beast::error_code ec;
        const auto address = asio::ip::make_address(options_.address, ec);
        if (ec) throw Error("--listen: '" + options_.address + "' is not an IP address");
        const tcp::endpoint endpoint(address, options_.port);
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            throw Error("cannot listen on " + options_.address + ":" +
                        std::to_string(options_.port) + ": " + ec.message());
        port_ = acceptor_.local_endpoint().port();
    }

    unsigned short port() const { return port_; }

    void run() {
        if (options_.handle_signals) {
            signals_.add(SIGTERM);
            signals_.add(SIGINT);
            signals_.async_wait([this](beast::error_code ec, int) {
                if (!ec) stop();
            });
        }
        asio::dispatch(acceptor_.get_executor(), [this] { accept(); });
        std::vector<std::thread> threads;
        for (unsigned i = 0; i < options_.threads; ++i) {
            threads.emplace_back([this, i] {
                t_worker = workers_[i].get();
                ioc_.run();
            });
        }
        for (auto& t : threads) t.join();
    }

    void stop() {
        asio::post(acceptor_.get_executor(), [this] {
            if (shared_.draining.exchange(true)) return;
            beast::error_code ignored;
            acceptor_.close(ignored);
            signals_.cancel(ignored);
            std::lock_guard lock(shared_.mutex);
            for (auto& [raw, weak] : shared_.sessions) {
                if (auto session = weak.lock()) {
                    asio::post(session->executor(), [session] { session->drain(); });
                }
            }
        });
    }

  private:
    void accept() {
        acceptor_.async_accept(
            asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
                if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
                if (!ec) {
                    std::size_t open = 0;
                    {
                        std::lock_guard lock(shared_.mutex);
                        open = shared_.sessions.size();
                    }
                    if (open >= shared_.limits.max_connections) {
                        beast::error_code ignored;
                        socket.close(ignored);
                    } else {
                        std::make_shared<Session>(std::move(socket), shared_)->start();
                    }
                }
                accept();
            });
    }

    // Declared before ioc_: handlers still queued when the io_context goes
    // hold sessions, whose destructors use shared_.
    ServerOptions options_;
    Shared shared_;
    std::vector<std::unique_ptr<Worker>> workers_;
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    asio::signal_set signals_;
    unsigned short port_ = 0;
};

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;
unsigned short HttpServer::port() const { return impl_->port(); }
void HttpServer::run() { impl_->run(); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace newsdex::server
