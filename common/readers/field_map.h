#pragma once
// Which record keys (JSON keys, CSV header names or 1-based CSV column numbers)
// feed which Article field: the user's --field overrides first, then defaults.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_reader.h"

namespace newsdex::readers {

enum class Field { Id, Title, Body, Date, Source, Url, Authors, Topics, Lang };
constexpr std::size_t kFieldCount = 9;

/// "id", "title", ... as used by --field.
std::string_view field_name(Field field);

class FieldMap {
  public:
    /// Throws UsageError for an override naming an unknown logical field.
    explicit FieldMap(const ReaderOptions& options);

    /// Keys to try, in order: the override alone when there is one, else the defaults.
    const std::vector<std::string>& keys(Field field) const {
        return keys_[static_cast<std::size_t>(field)];
    }
    bool overridden(Field field) const { return overridden_[static_cast<std::size_t>(field)]; }

    /// True when `key` (case-insensitive) is a default key of any field: how a
    /// CSV header row is recognised.
    static bool is_known_key(std::string_view key);

  private:
    std::array<std::vector<std::string>, kFieldCount> keys_;
    std::array<bool, kFieldCount> overridden_{};
};

}  // namespace newsdex::readers
