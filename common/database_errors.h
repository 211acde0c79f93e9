#pragma once
// What a user reads when a database cannot be used: one sentence beginning
// with the database's path, saying what is wrong in the user's terms and
// keeping the system error where there is one ("No space left on device"),
// never Xapian's type names or internals ("DatabaseOpeningError:
// /etc/passwd:1: Bad line", "Couldn't detect type of database"). The one home
// of these messages for every executable that opens a database
// (newsdex-index, newsdex-search, newsdex-bench, newsdex-serve).

#include <string>

#include <xapian.h>

namespace newsdex {

/// "PATH: no such database": a --db that names nothing. Checked before
/// opening, since Xapian reports a missing path as one of several opening
/// errors.
std::string missing_database_message(const std::string& path);

/// "PATH: not a newsdex database", "PATH: not a newsdex database (a directory
/// without an index)", "PATH: cannot be opened: Not a directory", "PATH:
/// cannot be created: Permission denied", "PATH: the database is damaged
/// (xapian-check PATH tells more)", "PATH: Error writing block 34 (No space
/// left on device)". Looks at `path` on disk to tell a plain directory from a
/// file that is not a database.
std::string database_error_message(const Xapian::Error& e, const std::string& path);

/// Throws the typed error (errors.h) for a failure to open or write the
/// database at `path` for writing: DatabaseLockedError when another writer
/// holds its lock, DatabaseError otherwise (a lock that cannot be taken at
/// all, a read-only mount or missing permission, means it cannot be written).
[[noreturn]] void throw_write_error(const Xapian::Error& e, const std::string& path);

}  // namespace newsdex
