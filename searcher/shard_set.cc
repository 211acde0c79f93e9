#include "shard_set.h"

#include <algorithm>
#include <filesystem>

#include "database_errors.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

ShardSet::ShardSet(const std::vector<std::string>& db_paths, ShardOptions options)
    : options_(options) {
    // The same database named twice (or through another path) is opened once;
    // distinct databases holding the same article are handled by collapsing.
    std::vector<fs::path> seen_paths;
    for (const auto& path : db_paths) {
        std::error_code ec;
        if (!fs::exists(path, ec)) throw DatabaseError(missing_database_message(path));
        fs::path canonical = fs::weakly_canonical(path, ec);
        if (ec) canonical = path;
        if (std::find(seen_paths.begin(), seen_paths.end(), canonical) != seen_paths.end())
            continue;
        seen_paths.push_back(std::move(canonical));
        paths_.push_back(path);
        for (ShardLocation& where : expand_stub(path)) {
            if (!where.remote()) {
                if (!fs::exists(where.path, ec))
                    throw DatabaseError(missing_database_message(where.path) + " (listed in " +
                                        path + ")");
                where.path = fs::weakly_canonical(where.path, ec).string();
            }
            const bool repeat = std::any_of(shards_.begin(), shards_.end(),
                                            [&](const Shard& s) { return s.where == where; });
            if (!repeat) shards_.push_back(Shard{std::move(where), {}, {}, {}, {}});
        }
    }
}

std::vector<std::string> ShardSet::local_paths() const {
    std::vector<std::string> out;
    for (const auto& shard : shards_)
        if (!shard.where.remote()) out.push_back(shard.where.path);
    return out;
}

std::vector<Xapian::Database> ShardSet::open_databases() const {
    std::vector<Xapian::Database> out;
    out.reserve(shards_.size());
    for (const auto& shard : shards_)
        if (shard.db) out.push_back(*shard.db);
    return out;
}

std::vector<std::string> ShardSet::shard_metadata(const std::string& key) const {
    std::vector<std::string> values;
    for (const auto& shard : shards_)
        if (shard.db) values.push_back(shard.db->get_metadata(key));
    return values;
}

std::vector<std::pair<std::string, std::string>> ShardSet::missing() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& shard : shards_)
        if (shard.down_since) out.emplace_back(shard.where.name(), shard.down_reason);
    return out;
}

void ShardSet::open_local(Shard& shard) {
    const std::string& path = shard.where.path;
    try {
        shard.db.emplace(path);
    } catch (const Xapian::DatabaseModifiedError&) {
        // A writer committed twice while the tables were being opened
        // (possible only without pin files): open again, at the newest revision.
        throw RetryableOpenError(path + ": kept changing while being opened");
    } catch (const Xapian::DatabaseCorruptError& e) {
        // Glass reads a table's root block without a revision check: when a
        // writer has reused that block, opening reports "Expected block N to
        // be level L". Opening again reads the new root; real corruption
        // fails every time.
        throw RetryableOpenError(database_error_message(e, path));
    } catch (const Xapian::Error& e) {
        throw DatabaseError(database_error_message(e, path));
    }
}

bool ShardSet::open_remote(Shard& shard) {
    const auto timeout = static_cast<unsigned>(options_.remote_timeout.count());
    const auto mark_down = [&shard](std::string why) {
        shard.db.reset();
        shard.down_since = Clock::now();
        shard.down_reason = why.empty() ? "no answer" : std::move(why);
    };
    try {
        shard.db = Xapian::Remote::open(shard.where.host, shard.where.port, timeout, timeout);
        shard.down_since.reset();
        shard.down_reason.clear();
        return true;
    } catch (const Xapian::NetworkTimeoutError&) {
        // Say which bound was hit: the user may have set it too low.
        mark_down("no answer within " + std::to_string(timeout) + " ms");
    } catch (const Xapian::Error& e) {
        // NetworkError (refused, reset) or a server that is not
        // xapian-tcpsrv: either way this shard cannot serve the search.
        const char* system = e.get_error_string();
        mark_down(system && *system ? system : e.get_msg());
    }
    return false;
}

void ShardSet::rebuild() {
    Xapian::Database combined;
    open_count_ = 0;
    has_remote_ = false;
    for (const auto& shard : shards_) {
        if (!shard.db) continue;
        combined.add_database(*shard.db);
        ++open_count_;
        has_remote_ = has_remote_ || shard.where.remote();
    }
    if (open_count_ == 0 && !shards_.empty()) {
        std::string names;
        for (const auto& [name, why] : missing()) {
            if (!names.empty()) names += ", ";
            names += name;
            names += " (";
            names += why;
            names += ')';
        }
        throw DatabaseError("no shard answers: " + names);
    }
    // `combined` shares each shard's internals: reopening a shard reopens it
    // there too.
    db_ = combined;
}

std::vector<RevisionPin> ShardSet::pin_newest(bool& changed) {
    changed = false;
    std::vector<RevisionPin> pins(shards_.size());
    for (std::size_t i = 0; i < shards_.size(); ++i)
        if (!shards_[i].where.remote())
            pins[i] = RevisionPin::take(shards_[i].where.path, shards_[i].last_revision);
    bool membership = false;  // a shard joined or left database()
    for (Shard& shard : shards_) {
        if (shard.where.remote()) {
            if (shard.db) {
                try {
                    if (shard.db->reopen()) changed = true;
                } catch (const Xapian::Error&) {
                    membership = true;  // dead connection: connect again, or leave it out
                    open_remote(shard);
                }
            } else if (!shard.down_since ||
                       Clock::now() - *shard.down_since >= options_.retry_after) {
                if (open_remote(shard)) membership = true;
            }
            continue;
        }
        bool reopened = false;
        if (shard.db) {
            try {
                if (shard.db->reopen()) changed = true;
                reopened = true;
            } catch (const Xapian::Error&) {
                // A database swapped in whole (a segment-mode build) or a
                // half-read revision: open afresh below.
            }
        }
        if (!reopened) {
            open_local(shard);
            membership = true;
        }
    }
    if (membership || !built_) rebuild();
    built_ = true;
    if (membership) changed = true;
    for (std::size_t i = 0; i < shards_.size(); ++i) {
        Shard& shard = shards_[i];
        if (shard.where.remote() || !shard.db) continue;
        shard.last_revision = shard.db->get_revision();
        pins[i].settle(*shard.last_revision);
    }
    return pins;
}

bool ShardSet::reconnect_remotes() {
    bool any = false;
    for (Shard& shard : shards_) {
        if (!shard.where.remote()) continue;
        any = true;
        if (shard.db) {
            try {
                shard.db->close();
            } catch (const Xapian::Error&) {
                // Closing a broken connection: nothing left to release.
            }
        }
        open_remote(shard);
    }
    if (any) rebuild();
    return any;
}

}  // namespace newsdex
