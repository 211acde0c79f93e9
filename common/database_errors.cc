#include "database_errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "errors.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

/// A directory without any Xapian backend's version file: an empty or
/// unrelated folder given as --db, rather than a damaged database.
bool is_directory_without_index(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return false;
    for (const char* marker : {"iamglass", "iamchert", "iamhoney"})
        if (fs::exists(fs::path(path) / marker, ec)) return false;
    return true;
}

}  // namespace

std::string missing_database_message(const std::string& path) {
    return path + ": no such database";
}

std::string database_error_message(const Xapian::Error& e, const std::string& path) {
    // Xapian::Error is not polymorphic: its type name tells the subclass.
    const std::string_view type = e.get_type();
    const char* system = e.get_error_string();
    const bool has_system = system && *system;
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
        // With a system error the path could not be read (missing, not a
        // directory, no permission); without one Xapian found something that
        // is not a database it knows (a file, a folder, a stub it cannot parse).
        // Xapian keeps the errno only as its text, so ENOENT is matched by it.
        if (has_system && std::string_view(system) == std::strerror(ENOENT))
            return missing_database_message(path);
        if (has_system) return path + ": cannot be opened: " + system;
        if (is_directory_without_index(path))
            return path + ": not a newsdex database (a directory without an index)";
        return path + ": not a newsdex database";
    }
    if (type == "DatabaseVersionError")
        return path + ": not a newsdex database (written by an unsupported Xapian version)";
    if (type == "DatabaseCreateError")
        return path + ": cannot be created: " + (has_system ? system : e.get_msg());
    if (type == "DatabaseCorruptError")
        return path + ": the database is damaged (xapian-check " + path + " tells more)";
    std::string what = path + ": " + e.get_msg();
    // The system error is what tells a full disk ("No space left on device")
    // or a read-only mount from a damaged database.
    if (has_system) what += std::string(" (") + system + ")";
    return what;
}

void throw_write_error(const Xapian::Error& e, const std::string& path) {
    // Xapian reports "already locked" only when another writer holds the lock.
    const bool lock_error = std::string_view(e.get_type()) == "DatabaseLockError";
    if (lock_error && e.get_msg().find("already locked") != std::string::npos)
        throw DatabaseLockedError(path +
                                  ": locked by another writer (is another newsdex-index "
                                  "running on it?): " +
                                  e.get_msg());
    if (lock_error) throw DatabaseError(path + ": cannot be written: " + e.get_msg());
    throw DatabaseError(database_error_message(e, path));
}

}  // namespace newsdex
