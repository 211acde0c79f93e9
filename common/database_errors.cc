#include "database_errors.h"

#include <string_view>

#include "errors.h"

namespace newsdex {

std::string database_error_message(const Xapian::Error& e, const std::string& path) {
    // Xapian::Error is not polymorphic: its type name tells the subclass.
    const std::string_view type = e.get_type();
    const char* system = e.get_error_string();
    const bool has_system = system && *system;
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
        // With a system error the path could not be read (missing, not a
        // directory, no permission); without one Xapian found something that
        // is not a database it knows (a file, a stub it cannot parse).
        if (has_system) return "database " + path + " cannot be opened: " + system;
        return path + " is not a newsdex database";
    }
    if (type == "DatabaseVersionError")
        return path + " is not a newsdex database (written by an unsupported Xapian version)";
    if (type == "DatabaseCreateError")
        return "database " + path + " cannot be created: " + (has_system ? system : e.get_msg());
    if (type == "DatabaseCorruptError")
        return "database " + path + " is damaged (xapian-check " + path + " tells more)";
    std::string what = "database " + path + ": " + e.get_msg();
    // The system error is what tells a full disk ("No space left on device")
    // or a read-only mount from a damaged database.
    if (has_system) what += std::string(" (") + system + ")";
    return what;
}

void throw_write_error(const Xapian::Error& e, const std::string& path) {
    // Xapian reports "already locked" only when another writer holds the lock.
    const bool lock_error = std::string_view(e.get_type()) == "DatabaseLockError";
    if (lock_error && e.get_msg().find("already locked") != std::string::npos)
        throw DatabaseLockedError("database " + path +
                                  " is locked by another writer (is another newsdex-index "
                                  "running on it?): " +
                                  e.get_msg());
    if (lock_error) throw DatabaseError("database " + path + " cannot be written: " + e.get_msg());
    throw DatabaseError(database_error_message(e, path));
}

}  // namespace newsdex
