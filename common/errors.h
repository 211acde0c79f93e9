#pragma once
// Typed exceptions of the newsdex libraries. Executables map them to exit codes;
// Xapian::Error never crosses a library's public boundary.

#include <stdexcept>
#include <string>

namespace newsdex {

/// Base of every newsdex error.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The user asked for something that cannot be done as asked (bad option value,
/// unknown format, malformed --field). Exit code 2.
class UsageError : public Error {
  public:
    using Error::Error;
};

/// An input could not be opened or read at all (the run goes on with other inputs).
/// what() is "PATH: REASON"; reason() lets a caller that names the file
/// itself (a warning "file: message") say the path once.
class InputError : public Error {
  public:
    InputError(const std::string& path, const std::string& reason)
        : Error(path + ": " + reason), reason_(reason) {}
    explicit InputError(const std::string& what) : Error(what), reason_(what) {}
    const std::string& reason() const { return reason_; }

  private:
    std::string reason_;
};

/// The database cannot be used: missing, locked by another writer, unwritable,
/// corrupt, disk full. Exit code 3.
class DatabaseError : public Error {
  public:
    using Error::Error;
};

/// Another process holds the database's write lock.
class DatabaseLockedError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// A search ran past its SearchRequest::deadline and was abandoned.
class SearchTimeout : public Error {
  public:
    using Error::Error;
};

/// Exit codes shared by every executable.
enum ExitCode : int {
    kExitOk = 0,
    kExitSkipped = 1,  ///< --strict and something was skipped
    kExitUsage = 2,
    kExitFailure = 3,
    /// An article named by its COLLECTION/ID that the database does not hold
    /// (newsdex-search --show, newsdex-index --delete: the others are deleted).
    kExitNotFound = 4,
};

}  // namespace newsdex
