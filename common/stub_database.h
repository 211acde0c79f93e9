#pragma once
// What a --db path stands for: one database directory, or a Xapian stub (a
// directory holding XAPIANDB, or a stub file) listing several: local shards
// (`auto PATH`, `glass PATH`) and remote ones served by xapian-tcpsrv
// (`remote HOST:PORT`). The searcher opens each listed database itself,
// rather than letting Xapian open the stub whole, so that it can pin each
// local shard's revision (revision_pin.h), give remote shards a timeout, and
// name the shard that is missing when one cannot be reached.
//
// Stub syntax, as Xapian's own stub reader (backends/dbfactory.cc) reads it:
// one database a line, "#" starts a comment line, relative paths are relative
// to the stub's directory, and a listed path may itself be a stub. Remote
// programs (`remote :PROGRAM ARGS`, Xapian's "prog" method) are refused: a
// file read as a database must not run commands. `remote :HOST:PORT` (a
// colon in front, no arguments) is read as TCP, since a program of that
// name is never what was meant.

#include <string>
#include <vector>

namespace newsdex {

/// One database a --db path stands for.
struct ShardLocation {
    std::string path;  ///< a local database directory; empty for a remote shard
    std::string host;  ///< a remote shard's host (an IPv6 address without brackets)
    unsigned port = 0;

    bool remote() const { return port != 0; }
    /// How messages and notes name the shard: its path, or "HOST:PORT".
    std::string name() const;
    bool operator==(const ShardLocation& other) const {
        return path == other.path && host == other.host && port == other.port;
    }
};

/// The file of a stub directory.
inline constexpr const char* kStubFileName = "XAPIANDB";

/// Whether `path` is a stub: a directory holding XAPIANDB (and no database of
/// its own), or a regular file that is not a single-file database.
bool is_stub_database(const std::string& path);

/// The databases `path` stands for, in order: `path` itself when it is not a
/// stub, else the stub's lines, nested stubs expanded. Throws DatabaseError
/// naming the stub file and line for a line it cannot use, a remote program,
/// or stubs nested more than a few levels deep (a loop).
std::vector<ShardLocation> expand_stub(const std::string& path);

}  // namespace newsdex
