#include "stub_database.h"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "errors.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

/// Stubs listing stubs: deeper than this is taken for a loop.
constexpr int kMaxStubDepth = 8;

bool is_single_file_database(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[14] = {};
    return in.read(magic, sizeof magic) && std::string_view(magic, 9) == "\x0f\x0dXapian ";
}

fs::path stub_file_of(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return fs::path(path) / kStubFileName;
    return path;
}

[[noreturn]] void bad_line(const fs::path& file, unsigned line, const std::string& why) {
    throw DatabaseError(file.string() + ":" + std::to_string(line) + ": " + why);
}

/// "HOST:PORT", "[IPV6]:PORT", ":HOST:PORT" -> host and port.
bool parse_tcp(std::string_view spec, ShardLocation& out) {
    if (!spec.empty() && spec.front() == ':') spec.remove_prefix(1);
    const auto colon = spec.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view host = spec.substr(0, colon), port = spec.substr(colon + 1);
    unsigned number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (ec != std::errc() || end != port.data() + port.size() || number == 0 || number > 65535)
        return false;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty() || host.find(' ') != std::string_view::npos) return false;
    out.host = std::string(host);
    out.port = number;
    return true;
}

void expand(const std::string& path, int depth, std::vector<ShardLocation>& out) {
    if (!is_stub_database(path)) {
        out.push_back(ShardLocation{path, "", 0});
        return;
    }
    const fs::path file = stub_file_of(path);
    if (depth >= kMaxStubDepth)
        throw DatabaseError(file.string() + ": stubs nested more than " +
                            std::to_string(kMaxStubDepth) + " deep (does a stub list itself?)");
    std::ifstream in(file);
    if (!in) throw DatabaseError(file.string() + ": cannot be read");
    const fs::path base = file.parent_path();
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        if (type == "auto" || type == "glass") {
            if (rest.empty()) bad_line(file, number, "'" + type + "' without a path");
            fs::path listed(rest);
            if (listed.is_relative()) listed = base / listed;
            expand(listed.string(), depth + 1, out);
        } else if (type == "remote") {
            ShardLocation remote;
            if (rest.find(' ') != std::string::npos || !parse_tcp(rest, remote))
                bad_line(file, number,
                         "a remote shard is 'remote HOST:PORT' (served by xapian-tcpsrv); "
                         "remote programs are not run");
            out.push_back(std::move(remote));
        } else {
            bad_line(file, number,
                     "not a database line ('auto PATH', 'glass PATH' or 'remote HOST:PORT')");
        }
    }
}

}  // namespace

std::string ShardLocation::name() const {
    if (!remote()) return path;
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool is_stub_database(const std::string& path) {
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_directory(p, ec))
        return !fs::exists(p / "iamglass", ec) && fs::exists(p / kStubFileName, ec);
    if (!fs::is_regular_file(p, ec) || is_single_file_database(p)) return false;
    // A file is a stub when its first database line says so; any other file
    // (a typo in --db) is "not a newsdex database", not a stub with a bad line.
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line == "\r") continue;
        return line.rfind("auto ", 0) == 0 || line.rfind("glass ", 0) == 0 ||
               line.rfind("remote ", 0) == 0;
    }
    return false;
}

std::vector<ShardLocation> expand_stub(const std::string& path) {
    std::vector<ShardLocation> out;
    expand(path, 0, out);
    return out;
}

}  // namespace newsdex
