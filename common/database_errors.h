#pragma once
// What a user reads when Xapian fails on a database: one sentence naming the
// database and, where there is one, the system error ("No space left on
// device"), never Xapian's type names or internals ("DatabaseOpeningError:
// /etc/passwd:1: Bad line", "Couldn't detect type of database"). Shared by
// every executable that opens a database.

#include <string>

#include <xapian.h>

namespace newsdex {

/// "PATH is not a newsdex database", "database PATH cannot be opened: Not a
/// directory", "database PATH cannot be created: Permission denied",
/// "database PATH is damaged (xapian-check PATH tells more)", "database PATH:
/// Error writing block 34 (No space left on device)".
std::string database_error_message(const Xapian::Error& e, const std::string& path);

/// Throws the typed error (errors.h) for a failure to open or write the
/// database at `path` for writing: DatabaseLockedError when another writer
/// holds its lock, DatabaseError otherwise (a lock that cannot be taken at
/// all, a read-only mount or missing permission, means it cannot be written).
[[noreturn]] void throw_write_error(const Xapian::Error& e, const std::string& path);

}  // namespace newsdex
