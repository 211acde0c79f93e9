#include "compound_table.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "analysis/compound_splitter.h"
#include "schema.h"
#include "terms.h"

namespace newsdex {

namespace {

/// Lets the vocabulary be searched by string_view: the splitter asks about
/// every substring it tries.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Vocabulary = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

/// A word of letters only, as terms spell them (ASCII lower case or non-ASCII
/// letters): numbers, dotted and apostrophe forms never take part.
bool plain_word(std::string_view term) {
    return !term.empty() && std::all_of(term.begin(), term.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
    });
}

}  // namespace

CompoundTable build_compound_table(const Xapian::Database& db, TextAnalyzer& analyzer) {
    CompoundTable table;
    const std::string german = filter_term(schema::kPrefixLang, schema::kCompoundLanguage);
    if (db.get_termfreq(german) == 0) return table;

    // The dictionary: each German word with the number of German articles
    // holding it. Unprefixed terms sort after every prefixed one (prefixes
    // are capitals), so each term list is read from "a" on.
    Vocabulary vocabulary;
    for (auto doc = db.postlist_begin(german); doc != db.postlist_end(german); ++doc) {
        auto term = db.termlist_begin(*doc);
        const auto end = db.termlist_end(*doc);
        term.skip_to("a");
        for (; term != end; ++term) {
            const std::string& t = *term;
            if (!plain_word(t) || code_points(t) < kMinCompoundPart) continue;
            ++vocabulary[t];
        }
    }
    table.stats.german_words = vocabulary.size();

    const CompoundSplitter splitter(
        [&vocabulary](std::string_view t) { return vocabulary.find(t) != vocabulary.end(); });
    const std::string stem_prefix(schema::kPrefixStem);
    // part key -> compound stem term -> German articles with the compound
    std::map<std::string, std::unordered_map<std::string, std::uint64_t>> found;
    for (const auto& [word, articles] : vocabulary) {
        if (code_points(word) < 2 * kMinCompoundPart) continue;
        const std::vector<std::string> parts = splitter.part_words(word);
        if (parts.empty()) continue;
        ++table.stats.compounds;
        std::string compound = stem_prefix;
        compound += analyzer.stem(word, schema::kCompoundLanguage);
        for (const std::string& part : parts) {
            std::string key =
                schema::compound_part_key(analyzer.stem(part, schema::kCompoundLanguage));
            // Krisen- in "Krisenmodus": the part's stem is the compound's own
            // only when the split is degenerate; never list a word under itself.
            if (key == compound) continue;
            found[std::move(key)][compound] += articles;
        }
    }

    for (auto& [key, compounds] : found) {
        std::vector<std::pair<std::string, std::uint64_t>> ranked(compounds.begin(),
                                                                  compounds.end());
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (ranked.size() > kMaxCompoundsPerPart) {
            ++table.stats.truncated_parts;
            table.stats.dropped_entries += ranked.size() - kMaxCompoundsPerPart;
            ranked.resize(kMaxCompoundsPerPart);
        }
        std::vector<std::string>& out = table.compounds_of[key];
        for (auto& [compound, articles] : ranked) out.push_back(std::move(compound));
        table.stats.entries += out.size();
    }
    table.stats.parts = table.compounds_of.size();
    table.stats.rebuilt = true;
    return table;
}

void write_compound_table(Xapian::WritableDatabase& db, const CompoundTable& table,
                          CommitGate& gate) {
    std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    // No German articles (no table computed) and no table to clear: nothing
    // to write, so an English database never commits for it.
    if (old_keys.empty() && !table.stats.rebuilt) return;
    gate.change(db, [&] {
        // newsdex owns the whole synonym table: nothing else writes it.
        for (const std::string& key : old_keys) db.clear_synonyms(key);
        for (const auto& [key, compounds] : table.compounds_of)
            for (const std::string& compound : compounds)
                if (db.term_exists(compound)) db.add_synonym(key, compound);
        db.set_metadata(schema::kMetadataCompoundTableRevision,
                        std::to_string(db.get_revision() + 1));
        db.commit();
    });
}

CompoundTableStats rebuild_compound_table(Xapian::WritableDatabase& db, TextAnalyzer& analyzer,
                                          CommitGate& gate) {
    const auto started = std::chrono::steady_clock::now();
    CompoundTable table = build_compound_table(db, analyzer);
    write_compound_table(db, table, gate);
    table.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return table.stats;
}

bool compound_table_current(const Xapian::Database& db) {
    return db.get_metadata(schema::kMetadataCompoundTableRevision) ==
           std::to_string(db.get_revision());
}

CompoundTableStats update_compound_tables(const std::vector<std::string>& shard_paths, bool changed,
                                          const CommitGate::Options& gate_options) {
    Xapian::Database all;
    bool current = true;
    for (const std::string& path : shard_paths) {
        Xapian::Database shard(path);
        current = current && compound_table_current(shard);
        all.add_database(shard);
    }
    if (current && !changed) return {};
    const auto started = std::chrono::steady_clock::now();
    TextAnalyzer analyzer;
    CompoundTable table = build_compound_table(all, analyzer);
    all.close();
    for (const std::string& path : shard_paths) {
        Xapian::WritableDatabase shard(path, Xapian::DB_OPEN);
        CommitGate gate(path, gate_options);
        write_compound_table(shard, table, gate);
        shard.close();
    }
    table.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return table.stats;
}

}  // namespace newsdex
