#include "database_info.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "schema.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

std::uint64_t directory_size(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
    return total;
}

}  // namespace

DatabaseInfo read_database_info(const Xapian::Database& db, std::vector<std::string> paths,
                                const std::vector<std::string>& local_paths) {
    DatabaseInfo info;
    info.paths = std::move(paths);
    info.articles = db.get_doccount();
    info.total_words = db.get_total_length();
    for (const auto& p : local_paths) info.size_bytes += directory_size(p);
    // Searchable words are the unprefixed terms. Prefixed terms start
    // with a capital letter (schema.h), a contiguous byte range: jump it.
    for (auto t = db.allterms_begin(); t != db.allterms_end();) {
        const std::string term = *t;
        if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
            t.skip_to("[");
            continue;
        }
        ++info.distinct_words;
        ++t;
    }
    std::string lo = db.get_value_lower_bound(schema::kSlotDate);
    std::string hi = db.get_value_upper_bound(schema::kSlotDate);
    if (!lo.empty()) info.first_date = static_cast<std::int64_t>(Xapian::sortable_unserialise(lo));
    if (!hi.empty()) info.last_date = static_cast<std::int64_t>(Xapian::sortable_unserialise(hi));
    for (auto [name, slot] :
         {std::pair<const char*, Xapian::valueno>{"collection", schema::kSlotCollection},
          {"source", schema::kSlotSource},
          {"lang", schema::kSlotLang}}) {
        std::map<std::string, std::uint64_t> counts;
        for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) ++counts[*v];
        std::vector<FacetValue> values;
        values.reserve(counts.size());
        for (auto& [value, count] : counts) values.push_back({value, count});
        std::sort(values.begin(), values.end(),
                  [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
        info.breakdowns.emplace_back(name, std::move(values));
    }
    return info;
}

}  // namespace newsdex
