// newsdex-index's signal handling, reproduced in a forked child with raise()
// (synchronous: no timing involved): the first signal asks the run to stop
// and wakes readers, a second one ends the process at once with 128 + signal.
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "interrupt_signals.h"

namespace newsdex {
namespace {

/// Runs `body` in a forked child and returns its exit status (128 + signal
/// when a signal killed it).
template <typename Body>
int exit_status_of_child(Body body) {
    pid_t pid = ::fork();
    if (pid == 0) {
        // Only async-signal-safe work and _exit in the child of a threaded test.
        ::_exit(body());
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool readable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

TEST(InterruptSignals, TheFirstSignalAsksToStopAndWakesReaders) {
    int status = exit_status_of_child([] {
        InterruptSignals::install();
        if (InterruptSignals::requested().load() || readable(InterruptSignals::wake_fd()))
            return 10;
        std::raise(SIGTERM);
        if (!InterruptSignals::requested().load()) return 11;
        if (InterruptSignals::signal_number() != SIGTERM) return 12;
        if (!readable(InterruptSignals::wake_fd())) return 13;
        if (!readable(InterruptSignals::wake_fd())) return 14;  // stays readable
        return 0;
    });
    EXPECT_EQ(status, 0) << "10: set too early, 11: not requested, 12: wrong signal, 13/14: "
                            "wake descriptor not readable";
}

TEST(InterruptSignals, ASecondSignalExitsAtOnceWith128PlusTheSignal) {
    EXPECT_EQ(exit_status_of_child([] {
                  InterruptSignals::install();
                  std::raise(SIGINT);
                  std::raise(SIGINT);
                  return 99;  // still running after the second signal
              }),
              130);
    EXPECT_EQ(exit_status_of_child([] {
                  InterruptSignals::install();
                  std::raise(SIGINT);
                  std::raise(SIGTERM);
                  return 99;
              }),
              143);
}

TEST(InterruptSignals, ABlockedReadIsNotRestartedAfterTheSignal) {
    // Without SA_RESTART, read(2) on an idle pipe returns EINTR when the
    // signal arrives; alarm() delivers it while the child is blocked.
    int status = exit_status_of_child([] {
        InterruptSignals::install();
        struct sigaction on_alarm {};
        sigaction(SIGINT, nullptr, &on_alarm);
        sigaction(SIGALRM, &on_alarm, nullptr);  // the same handler, flags included
        int fds[2];
        if (::pipe(fds) != 0) return 20;
        ::alarm(1);
        char c;
        ssize_t n = ::read(fds[0], &c, 1);  // nobody writes: only the signal ends it
        return n < 0 && errno == EINTR && InterruptSignals::requested().load() ? 0 : 21;
    });
    EXPECT_EQ(status, 0);
}

}  // namespace
}  // namespace newsdex
