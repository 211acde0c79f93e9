#pragma once
// Helpers for the reliability tests: a child process the test can feed,
// signal and kill at chosen moments; generated corpora; and checks that a
// database is whole (opens, searches, no duplicate articles).

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/test_paths.h"

namespace newsdex::test {

/// A running executable. stdout/stderr go to files (read after wait());
/// stdin is a pipe the test writes to, or /dev/null. The destructor SIGKILLs
/// and reaps a child still running, so a failing test leaves no process.
class ChildProcess {
  public:
    ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                 bool stdin_pipe = false);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    /// Writes all of `bytes` to the child's stdin; false once the child has
    /// stopped reading (EPIPE: it exited). Blocks while the pipe is full.
    bool feed(std::string_view bytes);
    /// Closes stdin: the child sees the end of its input.
    void close_stdin();
    void send(int signal);
    /// What the child has written to stderr so far (tests wait on a line,
    /// never on a delay).
    std::string stderr_so_far() const;
    /// Whether the child is still running (reaps it when it has exited).
    bool running();
    /// Waits for the child to end; exit code as run_command() reports it
    /// (128 + signal when killed) with what it printed.
    CommandResult wait();

  private:
    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    std::optional<int> status_;
    TempDir output_;
};

/// Polls `condition` every few milliseconds until it holds or `child` exits
/// (or a generous safety limit passes, so a broken build fails instead of
/// hanging). Returns whether the condition held. Not a timing assertion:
/// tests only use it to reach a state before acting.
bool wait_for(const std::function<bool()>& condition, ChildProcess* child = nullptr);

/// `count` JSONL articles with ids PREFIX-<first>..PREFIX-<first+count-1>; each
/// has the word "newsdexmarker" and about `body_words` words of news-like text.
std::string jsonl_articles(const std::string& id_prefix, std::uint64_t first, std::uint64_t count,
                           unsigned body_words = 60);

/// What a database holds, read the way a searcher would.
struct DbCheck {
    bool opened = false;
    std::string error;  ///< why it did not open
    std::uint64_t documents = 0;
    std::uint64_t unique_ids = 0;      ///< distinct unique (Q) terms
    std::uint64_t without_id = 0;      ///< documents without a unique term (never expected)
    std::uint64_t duplicated_ids = 0;  ///< unique terms indexing more than one document
    std::uint64_t hits = 0;            ///< documents matched by searching `query`
};
/// Opens `db` as Xapian::Database and searches `query` through the Searcher
/// (every generated article has the word "newsdexmarker"; "collection:NAME"
/// matches a whole collection).
DbCheck check_database(const std::filesystem::path& db, const std::string& query = "newsdexmarker");

/// Runs xapian-check on the database; "" when it is consistent (or the tool
/// is not installed), else its output.
std::string xapian_check_problems(const std::filesystem::path& db);

/// Scratch directories of segment-mode builds left beside `db` (.NAME.newsdex-build-*).
std::vector<std::filesystem::path> build_dirs(const std::filesystem::path& db);

/// Segment databases (with a committed version file) inside a build directory.
std::size_t committed_segments(const std::filesystem::path& build_dir);

/// The number after `label` in a summary line ("database has 1,234 articles"
/// with label "database has " -> 1234); nullopt when absent.
std::optional<std::uint64_t> number_after(const std::string& text, const std::string& label);

/// Lines of `text` that are not warnings ("newsdex-index: warning: ..."), empty, or a
/// sanitizer runtime's notes.
std::vector<std::string> non_warning_lines(const std::string& text);

}  // namespace newsdex::test
