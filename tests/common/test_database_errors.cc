// Xapian's errors as a user reads them: the database named, the system error
// kept, no Xapian type names or internals.
#include <gtest/gtest.h>

#include <cerrno>

#include "database_errors.h"

namespace newsdex {
namespace {

TEST(DatabaseErrorMessage, SaysPlainlyWhatIsWrong) {
    EXPECT_EQ(database_error_message(Xapian::DatabaseOpeningError("/etc/passwd:1: Bad line"),
                                     "/etc/passwd"),
              "/etc/passwd: not a newsdex database");
    EXPECT_EQ(database_error_message(
                  Xapian::DatabaseOpeningError("Couldn't detect type of database"), "x.db"),
              "x.db: not a newsdex database");
    EXPECT_EQ(database_error_message(
                  Xapian::DatabaseOpeningError("Couldn't stat '/etc/passwd/x'", ENOTDIR),
                  "/etc/passwd/x"),
              "/etc/passwd/x: cannot be opened: Not a directory");
    EXPECT_EQ(database_error_message(Xapian::DatabaseNotFoundError("Couldn't stat 'x.db'", ENOENT),
                                     "x.db"),
              "x.db: no such database");
    EXPECT_EQ(database_error_message(
                  Xapian::DatabaseCreateError("/proc/x.db: mkdir failed", ENOENT), "/proc/x.db"),
              "/proc/x.db: cannot be created: No such file or directory");
    EXPECT_EQ(database_error_message(Xapian::DatabaseCorruptError("Db block overwritten"), "d"),
              "d: the database is damaged (xapian-check d tells more)");
    EXPECT_EQ(database_error_message(Xapian::DatabaseError("Error writing block 34", ENOSPC), "d"),
              "d: Error writing block 34 (No space left on device)");
}

TEST(DatabaseErrorMessage, NeverNamesAXapianType) {
    for (const std::string& message :
         {database_error_message(Xapian::DatabaseVersionError("version 99"), "d"),
          database_error_message(Xapian::DatabaseModifiedError("revision gone"), "d"),
          database_error_message(Xapian::InvalidArgumentError("bad"), "d")}) {
        EXPECT_EQ(message.find("Error:"), std::string::npos) << message;
        EXPECT_NE(message.find("d"), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace newsdex
