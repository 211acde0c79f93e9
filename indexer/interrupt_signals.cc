#include "interrupt_signals.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace newsdex {

namespace {

std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};
int g_wake[2] = {-1, -1};

static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "used from a signal handler");

void write_stderr(const char* text) {
    // write(2) is async-signal-safe; stdio is not.
    ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

extern "C" void on_interrupt_signal(int signal) {
    if (g_requested.exchange(true)) {
        write_stderr(
            "\nnewsdex-index: interrupted again: stopping at once; the database keeps its last "
            "commit\n");
        ::_exit(128 + signal);
    }
    g_signal.store(signal);
    if (g_wake[1] >= 0) {
        ssize_t ignored = ::write(g_wake[1], "!", 1);
        (void)ignored;
    }
}

}  // namespace

void InterruptSignals::install() {
    if (g_wake[0] < 0 && ::pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0) g_wake[0] = g_wake[1] = -1;
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked system call returns EINTR
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& InterruptSignals::requested() { return g_requested; }

int InterruptSignals::signal_number() { return g_signal.load(); }

int InterruptSignals::wake_fd() { return g_wake[0]; }

}  // namespace newsdex
