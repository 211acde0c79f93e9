#pragma once
// A xapian-tcpsrv process for tests of remote shards: serves one database on
// a free loopback port, is ready when a connection to it succeeds, and is
// killed with every connection it forked when the object goes away.

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace newsdex::test {

class XapianTcpServer {
  public:
    /// The xapian-tcpsrv executable (Debian's xapian-tools), or empty when
    /// it is not installed (tests then skip with a message).
    static std::filesystem::path executable();

    /// Starts serving `db` on a free port of 127.0.0.1 and returns once a
    /// connection to it succeeds. Throws std::runtime_error when it cannot.
    explicit XapianTcpServer(std::filesystem::path db);
    ~XapianTcpServer();
    XapianTcpServer(const XapianTcpServer&) = delete;
    XapianTcpServer& operator=(const XapianTcpServer&) = delete;

    unsigned port() const { return port_; }
    /// "remote 127.0.0.1:PORT", a stub's line for it.
    std::string stub_line() const;

    /// SIGKILL to the server and the connections it serves (its process
    /// group), then reaps it: as a machine that dies.
    void kill();
    /// SIGSTOP / SIGCONT to the whole group: a server that hangs, then recovers.
    void pause();
    void resume();
    /// Starts again on the same port (after kill()) and waits until it is ready.
    void restart();

  private:
    void start();

    std::filesystem::path db_;
    unsigned port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace newsdex::test
