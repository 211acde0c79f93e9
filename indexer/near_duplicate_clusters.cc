#include "near_duplicate_clusters.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "near_duplicate.h"
#include "schema.h"
#include "stored_fields.h"
#include "terms.h"

namespace newsdex {

namespace {

namespace nd = near_duplicate;

/// Earlier articles a new one is compared with per bucket, at most: bounds
/// the work on a bucket of many articles that share one band by accident.
constexpr std::size_t kMaxComparisonsPerBucket = 16;
/// Shingle sets kept between comparisons (bounded memory on any corpus).
constexpr std::size_t kShingleCacheSize = 4096;

/// Union-find over cluster keys (a kSlotCluster value: the identity of a
/// cluster's oldest article). The root of a set is the key first seen with
/// the smallest document id, i.e. the oldest cluster.
class ClusterSets {
  public:
    void see(const std::string& key, Xapian::docid doc) {
        auto [it, fresh] = oldest_.try_emplace(key, doc);
        if (!fresh) it->second = std::min(it->second, doc);
        parent_.try_emplace(key, key);
        docs_[key].insert(doc);
    }
    std::string find(const std::string& key) {
        std::string root = key;
        while (parent_.at(root) != root) root = parent_.at(root);
        for (std::string k = key; parent_.at(k) != root;) {  // path compression
            std::string next = parent_.at(k);
            parent_[k] = root;
            k = next;
        }
        return root;
    }
    void unite(const std::string& a, const std::string& b) {
        std::string ra = find(a), rb = find(b);
        if (ra == rb) return;
        if (oldest_.at(rb) < oldest_.at(ra)) std::swap(ra, rb);
        parent_[rb] = ra;
        oldest_[ra] = std::min(oldest_[ra], oldest_[rb]);
    }
    /// Root -> the keys of its set, for sets of two or more keys.
    std::map<std::string, std::vector<std::string>> merged() {
        std::map<std::string, std::vector<std::string>> out;
        for (const auto& [key, unused] : parent_) out[find(key)].push_back(key);
        for (auto it = out.begin(); it != out.end();)
            it = it->second.size() < 2 ? out.erase(it) : std::next(it);
        return out;
    }
    const std::set<Xapian::docid>& docs(const std::string& key) { return docs_[key]; }

  private:
    std::unordered_map<std::string, std::string> parent_;
    std::unordered_map<std::string, Xapian::docid> oldest_;
    std::unordered_map<std::string, std::set<Xapian::docid>> docs_;
};

/// Puts document `d` in the cluster `root` (a kSlotCluster value): the slot
/// and the root's membership term, no other membership term. An empty root
/// makes it a singleton: its own identity in the slot and no membership term
/// (schema.h). Returns false when the document already was so.
bool relabel(Xapian::WritableDatabase& db, Xapian::docid d, const std::string& root,
             CommitGate& gate) {
    Xapian::Document doc = db.get_document(d);
    const std::string target = root.empty() ? doc.get_value(schema::kSlotIdentity) : root;
    const std::string root_term = root.empty() ? std::string() : nd::cluster_term(root);
    const std::string old = doc.get_value(schema::kSlotCluster);
    bool has_term = false;
    std::vector<std::string> stale;
    const std::string prefix(schema::kPrefixCluster);
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.compare(0, prefix.size(), prefix) != 0) break;
        if (term == root_term)
            has_term = true;
        else
            stale.push_back(term);
    }
    // The collapse key: the cluster of a member, nothing for a singleton.
    const std::string shared = root.empty() ? std::string() : target;
    if (old == target && has_term == !root.empty() && stale.empty() &&
        doc.get_value(schema::kSlotSharedCluster) == shared)
        return false;
    for (const auto& term : stale) doc.remove_term(term);
    doc.add_value(schema::kSlotCluster, target);
    if (!root.empty()) doc.add_boolean_term(root_term);
    if (shared.empty()) {
        // (Xapian throws when asked to remove a value the document lacks.)
        if (!doc.get_value(schema::kSlotSharedCluster).empty())
            doc.remove_value(schema::kSlotSharedCluster);
    } else {
        doc.add_value(schema::kSlotSharedCluster, shared);
    }
    // Through the gate: Xapian may flush here, overwriting a revision a
    // search still reads.
    gate.change(db, [&] { db.replace_document(d, doc); });
    return true;
}

class Pass {
  public:
    Pass(Xapian::WritableDatabase& db, TextAnalyzer& analyzer, CommitGate& gate)
        : db_(db), analyzer_(analyzer), gate_(gate) {}

    ClusterStats run() {
        const std::string mark = db_.get_metadata(kClusterWatermarkKey);
        const auto watermark = static_cast<Xapian::docid>(mark.empty() ? 0 : std::stoul(mark));
        const Xapian::docid last = db_.get_lastdocid();
        if (last <= watermark) return stats_;
        stats_.examined = last - watermark;  // an upper bound: ids of replaced articles are reused

        for (const std::string& bucket : buckets(watermark, last)) {
            std::vector<Xapian::docid> members;
            for (auto p = db_.postlist_begin(bucket); p != db_.postlist_end(bucket); ++p)
                members.push_back(*p);
            ++stats_.buckets;
            for (std::size_t i = 1; i < members.size(); ++i) {
                if (members[i] <= watermark) continue;  // old pairs were decided before
                std::size_t compared = 0;
                for (std::size_t j = i; j-- > 0 && compared < kMaxComparisonsPerBucket;) {
                    const std::string a = key(members[j]), b = key(members[i]);
                    if (sets_.find(a) == sets_.find(b)) continue;
                    auto pair = std::make_pair(members[j], members[i]);
                    if (rejected_.count(pair)) continue;
                    ++compared;
                    ++stats_.verified;
                    if (nd::jaccard(shingles(members[j]), shingles(members[i])) >=
                        nd::kJaccardThreshold) {
                        ++stats_.confirmed;
                        sets_.unite(a, b);
                    } else {
                        rejected_.insert(pair);
                    }
                }
            }
        }
        apply();
        gate_.change(db_, [&] {
            db_.set_metadata(kClusterWatermarkKey, std::to_string(last));
            db_.commit();
        });
        return stats_;
    }

  private:
    /// LSH band terms holding two or more articles, one of them new.
    std::vector<std::string> buckets(Xapian::docid watermark, Xapian::docid last) {
        const std::string prefix(schema::kPrefixNearDup);
        std::vector<std::string> out;
        if (watermark == 0) {  // everything is new: walk the band terms once
            for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
                if (t.get_termfreq() >= 2) out.push_back(*t);
            return out;
        }
        std::set<std::string> found;
        for (Xapian::docid d = watermark + 1; d <= last; ++d) {
            Xapian::TermIterator t;
            try {
                t = db_.termlist_begin(d);
            } catch (const Xapian::DocNotFoundError&) {
                continue;  // an id given to an article later replaced in the same run
            }
            for (t.skip_to(prefix); t != db_.termlist_end(d); ++t) {
                const std::string term = *t;
                if (term.compare(0, prefix.size(), prefix) != 0) break;
                if (t.get_termfreq() >= 2) found.insert(term);
            }
        }
        return {found.begin(), found.end()};
    }

    /// The cluster key of a document, registered with the sets.
    std::string key(Xapian::docid d) {
        auto cached = keys_.find(d);
        if (cached != keys_.end()) return cached->second;
        std::string k = db_.get_document(d).get_value(schema::kSlotCluster);
        if (k.empty()) {  // an older database: no identity slot
            k = std::to_string(d);
            k.insert(k.begin(), '#');
        }
        sets_.see(k, d);
        keys_.emplace(d, k);
        return k;
    }

    const std::vector<std::uint64_t>& shingles(Xapian::docid d) {
        auto it = cache_.find(d);
        if (it != cache_.end()) return it->second;
        if (cache_.size() >= kShingleCacheSize) cache_.clear();
        Article a = decode_stored_fields(db_.get_document(d).get_data());
        return cache_[d] = nd::shingles(nd::body_words(a.body, a.lang, analyzer_));
    }

    /// Relabels every member of each merged set (the documents seen in this
    /// pass and those already listed under each old cluster's term) to the
    /// set's root, with the root's membership term.
    void apply() {
        for (const auto& [root, keys] : sets_.merged()) {
            const std::string root_term = nd::cluster_term(root);
            std::set<Xapian::docid> docs;
            for (const auto& k : keys) {
                const auto& seen = sets_.docs(k);
                docs.insert(seen.begin(), seen.end());
                const std::string term = nd::cluster_term(k);
                for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p)
                    docs.insert(*p);
            }
            for (Xapian::docid d : docs)
                if (relabel(db_, d, root, gate_)) ++stats_.relabelled;
        }
    }

    Xapian::WritableDatabase& db_;
    TextAnalyzer& analyzer_;
    CommitGate& gate_;
    ClusterSets sets_;
    std::set<std::pair<Xapian::docid, Xapian::docid>> rejected_;
    std::unordered_map<Xapian::docid, std::vector<std::uint64_t>> cache_;
    std::unordered_map<Xapian::docid, std::string> keys_;
    ClusterStats stats_;
};

/// Fills kSlotSharedCluster in a database clustered before it existed: the
/// members of multi-article clusters are the documents with a membership
/// term, a small share of an archive. Sets kMetadataSharedClusterSlot in the
/// same commit, so the slot is complete whenever the key is present (from
/// then on relabel keeps it). Returns the documents changed.
std::uint64_t fill_shared_cluster_slot(Xapian::WritableDatabase& db, CommitGate& gate) {
    if (!db.get_metadata(schema::kMetadataSharedClusterSlot).empty()) return 0;
    std::uint64_t changed = 0;
    const std::string prefix(schema::kPrefixCluster);
    std::set<Xapian::docid> members;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) members.insert(*p);
    for (Xapian::docid d : members) {
        Xapian::Document doc = db.get_document(d);
        const std::string cluster = doc.get_value(schema::kSlotCluster);
        if (cluster.empty() || doc.get_value(schema::kSlotSharedCluster) == cluster) continue;
        doc.add_value(schema::kSlotSharedCluster, cluster);
        gate.change(db, [&] { db.replace_document(d, doc); });
        ++changed;
    }
    gate.change(db, [&] {
        db.set_metadata(schema::kMetadataSharedClusterSlot, "1");
        db.commit();
    });
    return changed;
}

}  // namespace

ClusterStats cluster_near_duplicates(Xapian::WritableDatabase& db, TextAnalyzer& analyzer,
                                     CommitGate& gate) {
    const std::uint64_t filled = fill_shared_cluster_slot(db, gate);
    ClusterStats stats = Pass(db, analyzer, gate).run();
    stats.relabelled += filled;
    return stats;
}

std::uint64_t repair_clusters(Xapian::WritableDatabase& db,
                              const std::set<std::string>& cluster_ids, CommitGate& gate) {
    std::uint64_t relabelled = 0;
    for (const std::string& cluster : cluster_ids) {
        // The members left: documents with the cluster's term and value (the
        // term is a hash of the value, so check the value too). Ascending
        // document ids: the first is the oldest article.
        const std::string term = nd::cluster_term(cluster);
        std::vector<std::pair<Xapian::docid, std::string>> members;  // docid, identity
        bool root_alive = false;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            Xapian::Document doc = db.get_document(*p);
            if (doc.get_value(schema::kSlotCluster) != cluster) continue;
            members.emplace_back(*p, doc.get_value(schema::kSlotIdentity));
            if (members.back().second == cluster) root_alive = true;
        }
        if (members.empty() || (root_alive && members.size() >= 2)) continue;
        // One member left: a singleton. Several without the article whose
        // identity named the cluster: named after the oldest one left, as
        // the pass names a cluster after its oldest article.
        const std::string root = members.size() == 1 ? std::string() : members.front().second;
        for (const auto& [d, identity] : members)
            if (relabel(db, d, root, gate)) ++relabelled;
    }
    return relabelled;
}

}  // namespace newsdex
