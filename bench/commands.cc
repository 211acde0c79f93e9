#include "commands.h"

#include <cstdio>
#include <fstream>

#include "errors.h"

namespace newsdex::bench {

int guarded(const char* command, const std::string& usage, bool with_usage,
            const std::function<int()>& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdex-bench %s: %s\n", command, e.what());
        if (with_usage) std::fprintf(stderr, "%s\n", usage.c_str());
        return kExitUsage;
    } catch (const DatabaseError& e) {
        std::fprintf(stderr, "newsdex-bench %s: %s\n", command, e.what());
        return kExitFailure;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdex-bench %s: failed: %s\n", command, e.what());
        return kExitFailure;
    }
}

void write_output(const std::string& path, const std::string& content) {
    if (path == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        std::fflush(stdout);
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw Error("cannot write " + path);
}

}  // namespace newsdex::bench
