#pragma once
// The one-line progress display of long newsdex-bench runs: redrawn in place
// on stderr, only when stderr is a terminal (logs and pipes stay clean), at
// most ~10 times a second so drawing costs nothing measurable.

#include <chrono>
#include <string>

namespace newsdex::bench {

class ProgressLine {
  public:
    /// `enabled` false: every call does nothing. Default: stderr is a TTY.
    ProgressLine();
    explicit ProgressLine(bool enabled) : enabled_(enabled) {}
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(const std::string& text);
    /// Erases the line (before printing anything else to stderr).
    void clear();
    bool enabled() const { return enabled_; }

  private:
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace newsdex::bench
