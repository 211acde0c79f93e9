#pragma once
// How newsdex-index reacts to SIGINT and SIGTERM (docs/reliability.md):
//  - the first signal asks the run to stop: reading stops at once (a read
//    blocked on an idle pipe included: wake_fd() becomes readable), what is
//    analysed is committed, and the process exits 128 + the signal (130 for
//    SIGINT, 143 for SIGTERM, the shell's convention, so that
//    `newsdex-index ... && publish` does not publish a partial index);
//  - a second signal ends the process at once with _exit(128 + signal), after
//    one line on stderr. That is as safe as a kill: every commit is atomic and
//    a segment-mode run's scratch directory is cleaned up by the next run.

#include <atomic>

namespace newsdex {

class InterruptSignals {
  public:
    /// Installs the handlers (sigaction without SA_RESTART) and creates the
    /// wake pipe. Call once, before any thread starts.
    static void install();
    /// Set by the first signal; what run_index polls as its cancel flag.
    static const std::atomic<bool>& requested();
    /// The first signal received (SIGINT, SIGTERM), 0 when none.
    static int signal_number();
    /// Readable once the first signal arrived (never drained): a reader
    /// waiting for input polls it too. -1 before install().
    static int wake_fd();
};

}  // namespace newsdex
