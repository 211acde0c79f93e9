#include "support/run_command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "support/test_paths.h"

namespace newsdex::test {

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

std::filesystem::path tool_path(const std::string& name) {
    if (name == "newsdex-index") return binary_dir() / "indexer" / name;
    if (name == "newsdex-search") return binary_dir() / "searcher" / name;
    if (name == "newsdex-serve") return binary_dir() / "server" / name;
    return binary_dir() / "bench" / name;
}

CommandResult run_command(const std::filesystem::path& program,
                          const std::vector<std::string>& args, const std::string& stdin_text) {
    TempDir tmp;
    auto in_path = tmp / "stdin", out_path = tmp / "stdout", err_path = tmp / "stderr";
    std::ofstream(in_path, std::ios::binary) << stdin_text;
    pid_t pid = fork();
    if (pid == 0) {
        int in = open(in_path.c_str(), O_RDONLY);
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<std::string> storage{program.string()};
        storage.insert(storage.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& s : storage) argv.push_back(s.data());
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    CommandResult result;
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    return result;
}

}  // namespace newsdex::test
