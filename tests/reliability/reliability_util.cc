#include "reliability/reliability_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "errors.h"
#include "schema.h"
#include "searcher.h"

namespace fs = std::filesystem;

namespace newsdex::test {

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Writing to a pipe whose reader died must fail with EPIPE, not kill the test.
void ignore_sigpipe_once() {
    static const bool done = [] {
        std::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    (void)done;
}

}  // namespace

ChildProcess::ChildProcess(const fs::path& program, const std::vector<std::string>& args,
                           bool stdin_pipe) {
    ignore_sigpipe_once();
    // Both ends close-on-exec: only the child's dup2()ed stdin survives exec,
    // so children other tests spawn meanwhile do not keep the pipe open.
    int pipe_fds[2] = {-1, -1};
    if (stdin_pipe && ::pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category());
    fs::path out_path = output_ / "stdout", err_path = output_ / "stderr";
    std::vector<std::string> storage{program.string()};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);

    pid_ = ::fork();
    if (pid_ == 0) {
        // The child starts with default signal handling and nothing blocked,
        // whatever the test runner set up.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        std::signal(SIGPIPE, SIG_DFL);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        int in = stdin_pipe ? pipe_fds[0] : ::open("/dev/null", O_RDONLY);
        int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execv(program.c_str(), argv.data());
        _exit(127);
    }
    if (stdin_pipe) {
        ::close(pipe_fds[0]);
        stdin_fd_ = pipe_fds[1];
    }
}

ChildProcess::~ChildProcess() {
    close_stdin();
    if (running()) {
        ::kill(pid_, SIGKILL);
        wait();
    }
}

bool ChildProcess::feed(std::string_view bytes) {
    while (!bytes.empty()) {
        if (stdin_fd_ < 0) return false;
        ssize_t n = ::write(stdin_fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;  // EPIPE: the child exited or closed its input
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

void ChildProcess::close_stdin() {
    if (stdin_fd_ >= 0) ::close(stdin_fd_);
    stdin_fd_ = -1;
}

void ChildProcess::send(int signal) {
    if (!status_) ::kill(pid_, signal);
}

std::string ChildProcess::stderr_so_far() const { return slurp(output_ / "stderr"); }

bool ChildProcess::running() {
    if (status_) return false;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) status_ = status;
    return !status_;
}

CommandResult ChildProcess::wait() {
    close_stdin();
    if (!status_) {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        status_ = status;
    }
    CommandResult result;
    result.exit_code = WIFEXITED(*status_) ? WEXITSTATUS(*status_) : 128 + WTERMSIG(*status_);
    result.out = slurp(output_ / "stdout");
    result.err = slurp(output_ / "stderr");
    return result;
}

bool wait_for(const std::function<bool()>& condition, ChildProcess* child) {
    // The limit only keeps a broken build from hanging CI; sanitizer builds
    // are slow, so it is far above anything a healthy run needs.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    while (std::chrono::steady_clock::now() < give_up) {
        if (condition()) return true;
        if (child && !child->running()) return condition();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

std::string jsonl_articles(const std::string& id_prefix, std::uint64_t first, std::uint64_t count,
                           unsigned body_words) {
    static const char* const kWords[] = {"harbour",  "council", "vote",     "ferry", "strike",
                                         "grain",    "price",   "minister", "talks", "river",
                                         "flood",    "tram",    "budget",   "rail",  "market",
                                         "shipping", "wheat",   "union"};
    std::string out;
    for (std::uint64_t i = first; i < first + count; ++i) {
        out += "{\"id\":\"";
        out += id_prefix;
        out += '-';
        out += std::to_string(i);
        out += "\",\"title\":\"Report ";
        out += std::to_string(i);
        out += " on the ";
        out += kWords[i % std::size(kWords)];
        out += "\",\"date\":\"2024-03-";
        out += std::to_string(1 + i % 28);
        out += "\",\"body\":\"newsdexmarker";
        for (unsigned w = 0; w < body_words; ++w) {
            out += ' ';
            out += kWords[(i * 7 + w * 13 + w / 5) % std::size(kWords)];
            if (w % 11 == 10) out += '.';
        }
        out += " item";
        out += std::to_string(i);
        out += ".\"}\n";
    }
    return out;
}

DbCheck check_database(const fs::path& db, const std::string& query) {
    DbCheck check;
    try {
        Xapian::Database database(db.string());
        check.documents = database.get_doccount();
        const std::string prefix(schema::kPrefixUnique);
        std::uint64_t with_id = 0;
        for (auto t = database.allterms_begin(prefix); t != database.allterms_end(prefix); ++t) {
            ++check.unique_ids;
            with_id += t.get_termfreq();
            if (t.get_termfreq() > 1) ++check.duplicated_ids;
        }
        check.without_id = check.documents > with_id ? check.documents - with_id : 0;
        check.opened = true;
    } catch (const Xapian::Error& e) {
        check.error = e.get_description();
        return check;
    }
    // Searched the way users search: through the Searcher service.
    try {
        Searcher searcher({db.string()});
        SearchRequest request;
        request.query = query;
        request.exact_total = true;
        request.collapse = false;  // counting articles, not near-duplicate clusters
        request.limit = 1;
        request.suggest = false;
        check.hits = searcher.search(request).estimated_total;
    } catch (const std::exception& e) {
        check.opened = false;
        check.error = std::string("search failed: ") + e.what();
    }
    return check;
}

std::string xapian_check_problems(const fs::path& db) {
    const fs::path tool = "/usr/bin/xapian-check";
    std::error_code ec;
    if (!fs::exists(tool, ec)) return "";
    CommandResult r = run_command(tool, {db.string()});
    if (r.exit_code == 0 && r.out.find("No errors found") != std::string::npos) return "";
    return r.out + r.err;
}

std::vector<fs::path> build_dirs(const fs::path& db) {
    std::vector<fs::path> out;
    std::string prefix = ".";
    prefix += db.filename().string();
    prefix += ".newsdex-build-";
    std::error_code ec;
    for (fs::directory_iterator it(db.parent_path(), ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind(prefix, 0) == 0) out.push_back(it->path());
    return out;
}

std::size_t committed_segments(const fs::path& build_dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it(build_dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind("segment-", 0) == 0 &&
            fs::exists(it->path() / "iamglass", ec))
            ++n;
    return n;
}

std::optional<std::uint64_t> number_after(const std::string& text, const std::string& label) {
    std::size_t at = text.find(label);
    if (at == std::string::npos) return std::nullopt;
    std::uint64_t n = 0;
    bool digits = false;
    for (std::size_t i = at + label.size(); i < text.size(); ++i) {
        char c = text[i];
        if (c == ',') continue;
        if (c < '0' || c > '9') break;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
        digits = true;
    }
    return digits ? std::optional<std::uint64_t>(n) : std::nullopt;
}

std::vector<std::string> non_warning_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.rfind("newsdex-index: warning: ", 0) == 0) continue;
        // Notes from a sanitizer runtime (the ASan build of the tests): "==PID==WARNING: ASan is
        // ignoring requested __asan_handle_no_return ..." and its two continuation lines.
        if (line.rfind("==", 0) == 0 || line == "False positive error reports may follow" ||
            line.rfind("For details see https://github.com/google/sanitizers/", 0) == 0)
            continue;
        out.push_back(line);
    }
    return out;
}

}  // namespace newsdex::test
