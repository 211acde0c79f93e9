#pragma once
// Runs a real executable for end-to-end tests and captures what it printed.

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {

struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};

/// Runs `program` with `args` (no shell), stdin from /dev/null or `stdin_text`.
CommandResult run_command(const std::filesystem::path& program,
                          const std::vector<std::string>& args, const std::string& stdin_text = "");

/// build/indexer/newsdex-index, build/searcher/newsdex-search, build/bench/newsdex-bench
std::filesystem::path tool_path(const std::string& name);

}  // namespace newsdex::test
