#include "support/xapian_tcpsrv.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace newsdex::test {

namespace {

namespace fs = std::filesystem;

sockaddr_in loopback(unsigned port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

/// A port the kernel just handed out for 127.0.0.1 (free unless another
/// process takes it in the instant before the server binds it: then the
/// server exits and start() picks another).
unsigned free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        close(fd);
        throw std::runtime_error("no free loopback port");
    }
    close(fd);
    return ntohs(addr.sin_port);
}

bool connects(unsigned port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr = loopback(port);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

}  // namespace

fs::path XapianTcpServer::executable() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        fs::path candidate = fs::path(dirs.substr(start, end - start)) / "xapian-tcpsrv";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return {};
}

XapianTcpServer::XapianTcpServer(fs::path db) : db_(std::move(db)) {
    for (int attempt = 0; pid_ < 0; ++attempt) {
        port_ = free_port();
        try {
            start();
        } catch (const std::runtime_error&) {
            if (attempt >= 4) throw;
        }
    }
}

XapianTcpServer::~XapianTcpServer() { kill(); }

std::string XapianTcpServer::stub_line() const {
    return "remote 127.0.0.1:" + std::to_string(port_);
}

void XapianTcpServer::start() {
    const fs::path program = executable();
    if (program.empty()) throw std::runtime_error("xapian-tcpsrv is not installed");
    std::vector<std::string> args{program.string(), "--quiet", "--interface",
                                  "127.0.0.1",      "--port",  std::to_string(port_),
                                  db_.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group: the connections it forks die with it (kill()).
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("cannot start xapian-tcpsrv");

    // Ready is a connection that succeeds; the pause between attempts only
    // paces them. A server that exited (its port taken) fails at once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!connects(port_)) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid)
            throw std::runtime_error("xapian-tcpsrv exited before listening on port " +
                                     std::to_string(port_));
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            throw std::runtime_error("xapian-tcpsrv did not listen within 60 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = pid;
}

void XapianTcpServer::kill() {
    if (pid_ < 0) return;
    ::kill(-pid_, SIGCONT);  // a paused group must run to die cleanly
    ::kill(-pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

void XapianTcpServer::pause() {
    if (pid_ >= 0) ::kill(-pid_, SIGSTOP);
}

void XapianTcpServer::resume() {
    if (pid_ >= 0) ::kill(-pid_, SIGCONT);
}

void XapianTcpServer::restart() {
    kill();
    start();
}

}  // namespace newsdex::test
