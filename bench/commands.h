#pragma once
// The subcommands of newsdex-bench. Each takes the arguments after
// "newsdex-bench" (argv[0] is the subcommand's name) and returns an exit code
// from common/errors.h.

#include <functional>
#include <string>

namespace newsdex::bench {

int query_command(int argc, char** argv);
int index_command(int argc, char** argv);
int eval_command(int argc, char** argv);
int compare_command(int argc, char** argv);
int gen_corpus_command(int argc, char** argv);
int dedup_command(int argc, char** argv);
int export_command(int argc, char** argv);
int known_item_command(int argc, char** argv);
int parse_queries_command(int argc, char** argv);

/// Runs `body`, mapping exceptions to exit codes: UsageError -> 2 (the message,
/// and `usage` when `with_usage`), DatabaseError and anything else -> 3.
int guarded(const char* command, const std::string& usage, bool with_usage,
            const std::function<int()>& body);

/// Writes `content` to `path`, or to stdout when `path` is "-". Throws Error.
void write_output(const std::string& path, const std::string& content);

}  // namespace newsdex::bench
