#include "sharded_index.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "compound_table.h"
#include "database_errors.h"
#include "errors.h"
#include "stub_database.h"

namespace fs = std::filesystem;

namespace newsdex {

namespace {

/// The local shard directories of an existing stub, in its order.
std::vector<fs::path> existing_shards(const std::string& dir) {
    std::vector<fs::path> shards;
    for (const ShardLocation& shard : expand_stub(dir)) {
        if (shard.remote())
            throw UsageError(dir + ": lists the remote shard " + shard.name() +
                             "; newsdex-index writes local shards only (index on the shard's own "
                             "machine)");
        shards.emplace_back(shard.path);
    }
    if (shards.empty()) throw UsageError(dir + ": the stub lists no database");
    return shards;
}

/// A new sharded database: the shard directories as empty databases, then
/// the stub, written to a temporary name and renamed, so that DIR is never a
/// stub naming a shard that does not exist.
std::vector<fs::path> create_shards(const std::string& dir, unsigned count) {
    std::error_code ec;
    if (fs::exists(dir) && !fs::is_empty(dir, ec))
        throw UsageError(
            dir + ": --shards needs a new or empty directory (this one holds " +
            (fs::exists(fs::path(dir) / "iamglass") ? "a single database" : "other files") + ")");
    fs::create_directories(dir);
    std::vector<fs::path> shards;
    std::string stub = "# newsdex: " + std::to_string(count) +
                       " shards; an article's shard is shard_of(its unique term)\n";
    for (unsigned k = 0; k < count; ++k) {
        std::string name = "shard-" + std::to_string(k);
        shards.push_back(fs::path(dir) / name);
        try {
            Xapian::WritableDatabase(shards.back().string(), Xapian::DB_CREATE).close();
        } catch (const Xapian::Error& e) {
            throw_write_error(e, shards.back().string());
        }
        stub += "auto " + name + "\n";
    }
    fs::path temporary = fs::path(dir) / (std::string(kStubFileName) + ".new");
    {
        std::ofstream out(temporary, std::ios::binary);
        out << stub;
        out.flush();
        if (!out) throw DatabaseError(temporary.string() + ": cannot be written");
    }
    fs::rename(temporary, fs::path(dir) / kStubFileName);
    return shards;
}

}  // namespace

bool wants_sharded_index(const IndexOptions& options) {
    return options.shards > 0 || is_stub_database(options.db_path);
}

IndexStats run_sharded_index(const IndexOptions& options, const IndexCallbacks& callbacks,
                             const std::atomic<bool>* cancel) {
    if (options.shards > kMaxShards)
        throw UsageError("shards must be at most " + std::to_string(kMaxShards) + ", not " +
                         std::to_string(options.shards));
    std::vector<fs::path> shards;
    if (is_stub_database(options.db_path)) {
        shards = existing_shards(options.db_path);
        if (options.shards && options.shards != shards.size())
            throw UsageError(options.db_path + " has " + std::to_string(shards.size()) +
                             " shards, not " + std::to_string(options.shards) +
                             " (articles are routed by the number of shards, which cannot change)");
    } else {
        shards = create_shards(options.db_path, options.shards ? options.shards : 1);
    }

    IndexStats total;
    const auto count = static_cast<unsigned>(shards.size());
    for (unsigned k = 0; k < count; ++k) {
        IndexOptions shard_options = options;
        shard_options.db_path = shards[k].string();
        shard_options.shard_count = count;
        shard_options.shard_index = k;
        shard_options.compound_table = false;  // built once over all shards, below
        IndexCallbacks shard_callbacks = callbacks;
        if (k > 0 && callbacks.on_warning)
            // Every run reads the same input: its warnings were the first run's.
            // What concerns this shard's database is still reported.
            shard_callbacks.on_warning = [&, path = shard_options.db_path](const Diagnostic& d) {
                if (d.file == path) callbacks.on_warning(d);
            };
        IndexStats stats = run_index(shard_options, shard_callbacks, cancel);
        if (k == 0) {
            total = stats;
        } else {
            total.added += stats.added;
            total.updated += stats.updated;
            total.unchanged += stats.unchanged;
            total.seconds += stats.seconds;
            total.segments += stats.segments;
            total.total_documents += stats.total_documents;
            total.clusters.examined += stats.clusters.examined;
            total.clusters.buckets += stats.clusters.buckets;
            total.clusters.verified += stats.clusters.verified;
            total.clusters.confirmed += stats.clusters.confirmed;
            total.clusters.relabelled += stats.clusters.relabelled;
            for (const auto& [lang, n] : stats.languages) total.languages[lang] += n;
            if (total.mode != stats.mode) total.mode = "mixed";
        }
        if (stats.interrupted) {
            total.interrupted = true;
            break;
        }
    }
    if (options.compound_table && !total.interrupted) {
        std::vector<std::string> paths;
        paths.reserve(shards.size());
        for (const fs::path& shard : shards) paths.push_back(shard.string());
        CommitGate::Options gate;
        gate.on_give_up = [&](Xapian::rev revision, std::chrono::milliseconds waited) {
            if (callbacks.on_warning)
                callbacks.on_warning(
                    Diagnostic{options.db_path, "", gave_up_waiting_message(revision, waited)});
        };
        try {
            total.compounds = update_compound_tables(paths, total.added + total.updated > 0, gate);
        } catch (const Xapian::Error& e) {
            throw_write_error(e, options.db_path);
        }
    }
    return total;
}

}  // namespace newsdex
