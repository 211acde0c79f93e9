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

}  // namespace newsdex
