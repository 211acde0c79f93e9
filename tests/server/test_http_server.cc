// newsdex-serve's HTTP layer over real loopback sockets: limits (431, 413),
// keep-alive, HEAD, security headers, drain on stop() (idle connections closed,
// a request in flight answered in full), and the binary itself:
// usage errors exit 2, SIGTERM exits 0.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "http_server.h"
#include "support/fixture_index.h"
#include "support/run_command.h"
#include "support/test_paths.h"

extern char** environ;

namespace newsdex::server {
namespace {

/// A connected loopback socket that never blocks a test for ever.
class Client {
  public:
    explicit Client(unsigned short port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        timeval tv{10, 0};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~Client() { close(fd_); }
    bool connected() const { return connected_; }
    void send_all(const std::string& text) {
        std::size_t sent = 0;
        while (sent < text.size()) {
            ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return;  // the server may close early (a limit); reading shows why
            sent += static_cast<std::size_t>(n);
        }
    }
    /// Everything until the server closes the connection.
    std::string read_all() {
        std::string out;
        char buf[4096];
        for (;;) {
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }
    /// Reads until `marker` has been seen `count` times (a keep-alive answer).
    std::string read_until(const std::string& marker, std::size_t count) {
        std::string out;
        char buf[4096];
        auto seen = [&] {
            std::size_t n = 0;
            for (auto p = out.find(marker); p != std::string::npos; p = out.find(marker, p + 1))
                ++n;
            return n;
        };
        while (seen() < count) {
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }

  private:
    int fd_;
    bool connected_ = false;
};

class HttpServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::build_fixture_index(
            dir_.path() / "news.db",
            {test::make_article("1", "Cocoa prices rise", "Cocoa prices rose.", "1987-03-02",
                                "Reuters", {"cocoa"})});
        ServerOptions options;
        options.db_paths = {(dir_.path() / "news.db").string()};
        options.port = 0;
        options.threads = 2;
        options.handle_signals = false;
        server_ = std::make_unique<HttpServer>(options);
        runner_ = std::thread([this] { server_->run(); });
    }
    void TearDown() override {
        server_->stop();
        runner_.join();
    }

    std::string exchange(const std::string& request) {
        Client c(server_->port());
        EXPECT_TRUE(c.connected());
        c.send_all(request);
        return c.read_all();
    }

    test::TempDir dir_;
    std::unique_ptr<HttpServer> server_;
    std::thread runner_;
};

TEST_F(HttpServerTest, AnswersWithJsonAndSecurityHeaders) {
    std::string r =
        exchange("GET /api/search?q=cocoa HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r;
    EXPECT_NE(r.find("Content-Type: application/json"), std::string::npos) << r;
    EXPECT_NE(r.find("Content-Security-Policy: default-src 'none'"), std::string::npos) << r;
    EXPECT_NE(r.find("X-Content-Type-Options: nosniff"), std::string::npos) << r;
    EXPECT_NE(r.find("\"estimated_total\":1"), std::string::npos) << r;

    r = exchange(
        "GET /api/search?q=cocoa&limit=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << r;
    EXPECT_NE(r.find("{\"error\":"), std::string::npos) << r;
}

TEST_F(HttpServerTest, KeepAliveAnswersSeveralRequestsOnOneConnection) {
    Client c(server_->port());
    ASSERT_TRUE(c.connected());
    c.send_all(
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/search?q=cocoa HTTP/1.1\r\nHost: "
        "x\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string r = c.read_all();
    std::size_t answers = 0;
    for (auto p = r.find("HTTP/1.1 200 OK"); p != std::string::npos;
         p = r.find("HTTP/1.1 200 OK", p + 1))
        ++answers;
    EXPECT_EQ(answers, 3u) << r;
}

TEST_F(HttpServerTest, HeadHasTheLengthButNoBody) {
    std::string r = exchange("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r;
    const auto end = r.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(r.size(), end + 4) << "a HEAD answer has no body";
    EXPECT_EQ(r.find("Content-Length: 0\r\n"), std::string::npos) << r;
}

TEST_F(HttpServerTest, OversizedOrOddRequestsAreRefused) {
    std::string r = exchange(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 431", 0), 0u) << r.substr(0, 200);

    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 70; ++i) many += "X-H" + std::to_string(i) + ": 1\r\n";
    r = exchange(many + "\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 431", 0), 0u) << r.substr(0, 200);
    EXPECT_NE(r.find("too many header fields"), std::string::npos);

    r = exchange("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r.substr(0, 200);

    r = exchange("GARBAGE\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << r.substr(0, 200);
}

TEST_F(HttpServerTest, StopClosesIdleConnectionsAndReturns) {
    Client idle(server_->port());
    ASSERT_TRUE(idle.connected());
    idle.send_all("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string first = idle.read_until("\"status\":\"ok\"", 1);
    ASSERT_NE(first.find("200 OK"), std::string::npos) << first;
    // The connection is now idle (keep-alive): stop() must not wait for it.
    server_->stop();
    runner_.join();
    EXPECT_EQ(idle.read_all(), "") << "the idle connection is closed";
    runner_ = std::thread([] {});  // TearDown joins it
}

// A request whose answer is being computed when the server is told to stop
// gets its whole answer (then the connection closes) and only then does run()
// return. Deterministic: the handler holds the request until the test has
// seen the listening socket closed, i.e. until the drain has begun.
TEST(HttpServerDrain, ARequestInFlightWhenStopIsCalledGetsItsWholeAnswer) {
    test::TempDir dir;
    test::build_fixture_index(dir / "news.db", {test::make_article("1", "Cocoa", "Cocoa prices.")});
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    ServerOptions options;
    options.db_paths = {(dir / "news.db").string()};
    options.port = 0;
    options.threads = 2;
    options.handle_signals = false;
    options.handler = [&](const std::string&, const std::string& target, Worker&, const Limits&,
                          std::chrono::steady_clock::time_point) {
        if (target == "/slow") {
            entered.set_value();
            released.wait();
        }
        Response r;
        r.body = "{\"answered\":\"" + target + "\"}";
        return r;
    };
    HttpServer server(options);
    std::thread runner([&] { server.run(); });

    Client in_flight(server.port());
    ASSERT_TRUE(in_flight.connected());
    in_flight.send_all("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");  // keep-alive asked
    ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);

    server.stop();
    // The drain has begun once the listening socket is closed: a new
    // connection is refused from then on.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool refused = false;
    while (!refused && std::chrono::steady_clock::now() < deadline) {
        Client probe(server.port());
        refused = !probe.connected();
        if (!refused) std::this_thread::yield();
    }
    EXPECT_TRUE(refused) << "the server still accepts connections after stop()";

    release.set_value();
    const std::string answer = in_flight.read_all();  // returns when the server closes
    EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK", 0), 0u) << answer;
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
    EXPECT_NE(answer.find("{\"answered\":\"/slow\"}"), std::string::npos) << answer;
    runner.join();  // run() returns once the answer is out
}

/// Starts newsdex-serve, reads its "listening on" line, returns pid and port.
struct ServeProcess {
    pid_t pid = -1;
    unsigned short port = 0;
    std::string first_line;
};

ServeProcess spawn_serve(const std::vector<std::string>& args) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string program = test::tool_path("newsdex-serve");
    std::vector<std::string> all = {program};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ServeProcess p;
    EXPECT_EQ(posix_spawn(&p.pid, program.c_str(), &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') p.first_line += c;
    close(out[0]);
    const auto colon = p.first_line.rfind(':');
    if (colon != std::string::npos)
        p.port = static_cast<unsigned short>(std::atoi(p.first_line.c_str() + colon + 1));
    return p;
}

TEST(ServeBinary, SigtermStopsItWithExitZero) {
    test::TempDir dir;
    test::build_fixture_index(dir / "news.db", {test::make_article("1", "Cocoa", "Cocoa prices.")});
    ServeProcess p = spawn_serve({"--db", (dir / "news.db").string(), "--listen", "127.0.0.1:0"});
    ASSERT_NE(p.first_line.find("listening on http://127.0.0.1:"), std::string::npos)
        << p.first_line;
    ASSERT_GT(p.port, 0);
    {
        Client c(p.port);
        ASSERT_TRUE(c.connected());
        c.send_all("GET /api/search?q=cocoa HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(c.read_all().rfind("HTTP/1.1 200 OK", 0), 0u);
    }
    ASSERT_EQ(kill(p.pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(waitpid(p.pid, &status, 0), p.pid);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

// A remote shard that accepts the connection but never answers (a hung
// machine) is left out after --remote-timeout-ms, and the answer says so and
// names the bound; the local shard still answers. The "remote" here is a
// socket that is listened on and never accepted: the kernel completes the
// handshake, nothing ever speaks.
TEST(ServeBinary, RemoteTimeoutMsLeavesAFrozenRemoteShardOutWithANote) {
    test::TempDir dir;
    test::build_fixture_index(dir / "local.db",
                              {test::make_article("1", "Cocoa", "Cocoa prices rose.")});
    const int frozen = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(frozen, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(frozen, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(listen(frozen, 16), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(getsockname(frozen, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    const std::string frozen_name = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    std::filesystem::create_directories(dir / "stub");
    std::ofstream(dir / "stub" / "XAPIANDB") << "auto ../local.db\nremote " << frozen_name << "\n";

    ServeProcess p = spawn_serve(
        {"--db", (dir / "stub").string(), "--listen", "127.0.0.1:0", "--remote-timeout-ms", "300"});
    ASSERT_GT(p.port, 0) << p.first_line;
    std::string answer;
    {
        Client c(p.port);
        ASSERT_TRUE(c.connected());
        c.send_all("GET /api/search?q=cocoa HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        answer = c.read_all();
    }
    kill(p.pid, SIGTERM);
    int status = 0;
    waitpid(p.pid, &status, 0);
    close(frozen);
    EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK", 0), 0u) << answer;
    EXPECT_NE(answer.find("\"id\":\"1\""), std::string::npos) << "the local shard answers";
    EXPECT_NE(answer.find("shard " + frozen_name + " is missing (no answer within 300 ms)"),
              std::string::npos)
        << answer;

    auto r = test::run_command(test::tool_path("newsdex-serve"), {"--remote-timeout-ms", "0"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(ServeBinary, BadFlagsExit2AndAMissingDatabaseExits3) {
    const auto serve = test::tool_path("newsdex-serve");
    auto r = test::run_command(serve, {"--listen", "nowhere"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--listen must be ADDRESS:PORT"), std::string::npos) << r.err;
    r = test::run_command(serve, {"--threads", "0"});
    EXPECT_EQ(r.exit_code, 2);
    r = test::run_command(serve, {"--db", "/nonexistent/news.db", "--listen", "127.0.0.1:0"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("no such database"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex::server
