#include "dedup_eval.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include <xapian.h>

#include "errors.h"
#include "near_duplicate.h"
#include "number_format.h"
#include "planted_variants.h"
#include "schema.h"
#include "stored_fields.h"

namespace newsdex::bench {

namespace {

namespace nd = near_duplicate;

struct Doc {
    std::string id;       ///< the article's id
    std::string name;     ///< collection/id
    std::string cluster;  ///< kSlotCluster
    std::vector<std::uint64_t> shingles;
};

using Pair = std::pair<std::uint32_t, std::uint32_t>;  // (smaller index, larger)

/// Every pair with Jaccard >= threshold, by prefix filtering (see the header).
std::set<Pair> similar_pairs_prefix(const std::vector<Doc>& docs, std::uint64_t& compared) {
    std::unordered_map<std::uint64_t, std::uint32_t> df;
    for (const auto& d : docs)
        for (auto s : d.shingles) ++df[s];
    // Each set re-ordered by (document frequency, value): rare tokens first.
    std::vector<std::vector<std::uint64_t>> ordered(docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
        ordered[i] = docs[i].shingles;
        std::sort(ordered[i].begin(), ordered[i].end(), [&](std::uint64_t a, std::uint64_t b) {
            auto fa = df[a], fb = df[b];
            return fa != fb ? fa < fb : a < b;
        });
    }
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index;  // prefix token -> docs
    std::set<Pair> out;
    for (std::uint32_t i = 0; i < docs.size(); ++i) {
        const std::size_t n = ordered[i].size();
        if (n == 0) continue;
        // ceil(t n) with t = 0.8 in integers, then the prefix length.
        const std::size_t need = (4 * n + 4) / 5;
        const std::size_t prefix = n - need + 1;
        std::set<std::uint32_t> candidates;
        for (std::size_t k = 0; k < prefix; ++k) {
            auto it = index.find(ordered[i][k]);
            if (it == index.end()) continue;
            candidates.insert(it->second.begin(), it->second.end());
        }
        for (std::uint32_t j : candidates) {
            ++compared;
            if (nd::jaccard(docs[i].shingles, docs[j].shingles) >= nd::kJaccardThreshold)
                out.insert({j, i});
        }
        for (std::size_t k = 0; k < prefix; ++k) index[ordered[i][k]].push_back(i);
    }
    return out;
}

std::set<Pair> similar_pairs_brute(const std::vector<Doc>& docs, std::uint64_t& compared) {
    std::set<Pair> out;
    for (std::uint32_t i = 0; i < docs.size(); ++i) {
        if (docs[i].shingles.empty()) continue;
        for (std::uint32_t j = 0; j < i; ++j) {
            if (docs[j].shingles.empty()) continue;
            ++compared;
            if (nd::jaccard(docs[i].shingles, docs[j].shingles) >= nd::kJaccardThreshold)
                out.insert({j, i});
        }
    }
    return out;
}

}  // namespace

DedupEvalResult run_dedup_eval(const DedupEvalOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    DedupEvalResult r;
    std::vector<Doc> docs;
    try {
        Xapian::Database db;
        for (const auto& p : options.db_paths) db.add_database(Xapian::Database(p));
        TextAnalyzer analyzer;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            Xapian::Document doc = db.get_document(*p);
            Article a = decode_stored_fields(doc.get_data());
            Doc d;
            d.id = a.id;
            d.name = a.collection + "/" + a.id;
            d.cluster = doc.get_value(schema::kSlotCluster);
            if (d.cluster.empty()) {  // an older database: every article alone
                d.cluster = std::to_string(*p);
                d.cluster.insert(d.cluster.begin(), '#');
            }
            d.shingles = nd::shingles(nd::body_words(a.body, a.lang, analyzer));
            docs.push_back(std::move(d));
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError("database error: " + e.get_msg());
    }
    r.articles = docs.size();
    for (const auto& d : docs) r.with_signature += !d.shingles.empty();

    std::set<Pair> truth = options.brute_force ? similar_pairs_brute(docs, r.pairs_compared)
                                               : similar_pairs_prefix(docs, r.pairs_compared);
    r.truth_pairs = truth.size();

    std::map<std::string, std::vector<std::uint32_t>> clusters;
    for (std::uint32_t i = 0; i < docs.size(); ++i) clusters[docs[i].cluster].push_back(i);
    for (const auto& [id, members] : clusters) {
        if (members.size() < 2) continue;
        ++r.clusters;
        r.clustered_articles += members.size();
        r.largest_cluster = std::max<std::uint64_t>(r.largest_cluster, members.size());
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = 0; y < x; ++y) {
                Pair pair{std::min(members[x], members[y]), std::max(members[x], members[y])};
                ++r.predicted_pairs;
                if (truth.count(pair)) {
                    ++r.true_positives;
                } else if (r.wrong.size() < options.examples) {
                    r.wrong.push_back(
                        {docs[pair.first].name, docs[pair.second].name,
                         nd::jaccard(docs[pair.first].shingles, docs[pair.second].shingles)});
                }
            }
    }
    for (const Pair& pair : truth) {
        if (r.missed.size() >= options.examples) break;
        if (docs[pair.first].cluster != docs[pair.second].cluster)
            r.missed.push_back(
                {docs[pair.first].name, docs[pair.second].name,
                 nd::jaccard(docs[pair.first].shingles, docs[pair.second].shingles)});
    }
    std::map<std::string, std::uint32_t> by_name;
    for (std::uint32_t i = 0; i < docs.size(); ++i) by_name[docs[i].name] = i;
    for (const auto& [a, b] : options.named_pairs) {
        DedupEvalResult::NamedPair n;
        n.pair.a = a;
        n.pair.b = b;
        auto ia = by_name.find(a), ib = by_name.find(b);
        if (ia != by_name.end() && ib != by_name.end()) {
            n.found = true;
            n.pair.jaccard = nd::jaccard(docs[ia->second].shingles, docs[ib->second].shingles);
            n.clustered = docs[ia->second].cluster == docs[ib->second].cluster;
        }
        r.named.push_back(n);
    }
    if (!options.planted_path.empty()) {
        auto variants = read_planted_variants(options.planted_path, [](const std::string& message) {
            std::fprintf(stderr, "newsdex-bench dedup: %s\n", message.c_str());
        });
        // By bare id: generated ids are unique across collections. An id held
        // by two articles is ambiguous, and its pairs are not compared.
        std::unordered_map<std::string, std::int64_t> by_id;
        for (std::uint32_t i = 0; i < docs.size(); ++i) {
            auto [it, added] = by_id.emplace(docs[i].id, i);
            if (!added) it->second = -1;
        }
        std::vector<PlantedKindResult> kinds(kVariantKinds + 1);
        for (VariantKind k : kAllVariantKinds)
            kinds[static_cast<std::size_t>(k)].kind = variant_kind_name(k);
        kinds.back().kind = "all";
        for (const PlantedVariant& v : variants) {
            for (PlantedKindResult* k : {&kinds[static_cast<std::size_t>(v.kind)], &kinds.back()}) {
                ++k->planted;
                auto iv = by_id.find(v.variant_id), io = by_id.find(v.original_id);
                if (iv == by_id.end() || io == by_id.end() || iv->second < 0 || io->second < 0 ||
                    docs[iv->second].shingles.empty() || docs[io->second].shingles.empty()) {
                    ++k->not_compared;
                    continue;
                }
                const Doc& dv = docs[iv->second];
                const Doc& dor = docs[io->second];
                const double j = nd::jaccard(dv.shingles, dor.shingles);
                const bool clustered = dv.cluster == dor.cluster;
                k->min_jaccard = std::min(k->min_jaccard, j);
                k->sum_jaccard += j;
                if (j >= nd::kJaccardThreshold) {
                    ++k->near;
                    k->near_clustered += clustered;
                } else {
                    ++k->below;
                    k->below_clustered += clustered;
                }
            }
        }
        r.planted = std::move(kinds);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

std::string format_dedup_text(const DedupEvalResult& r, const DedupEvalOptions& o) {
    char line[512];
    std::string out;
    std::snprintf(line, sizeof line,
                  "articles %s (%s with a signature); ground truth: %s pairs with Jaccard >= %.2f "
                  "(%s, %s Jaccard computations)\n",
                  group_thousands(r.articles).c_str(), group_thousands(r.with_signature).c_str(),
                  group_thousands(r.truth_pairs).c_str(), nd::kJaccardThreshold,
                  o.brute_force ? "every pair compared" : "exact prefix-filtered join",
                  group_thousands(r.pairs_compared).c_str());
    out += line;
    std::snprintf(
        line, sizeof line,
        "clusters: %s of two or more articles, %s articles in them, largest %s; "
        "%s pairs clustered\n",
        group_thousands(r.clusters).c_str(), group_thousands(r.clustered_articles).c_str(),
        group_thousands(r.largest_cluster).c_str(), group_thousands(r.predicted_pairs).c_str());
    out += line;
    std::snprintf(line, sizeof line,
                  "precision %.4f (%s of %s clustered pairs)  recall %.4f (%s of %s pairs)  "
                  "[%.1f s]\n",
                  r.precision(), group_thousands(r.true_positives).c_str(),
                  group_thousands(r.predicted_pairs).c_str(), r.recall(),
                  group_thousands(r.true_positives).c_str(), group_thousands(r.truth_pairs).c_str(),
                  r.seconds);
    out += line;
    for (const auto& n : r.named) {
        if (!n.found)
            std::snprintf(line, sizeof line, "  pair %s ~ %s: not both in the database\n",
                          n.pair.a.c_str(), n.pair.b.c_str());
        else
            std::snprintf(line, sizeof line, "  pair %s ~ %s: Jaccard %.3f, %s\n", n.pair.a.c_str(),
                          n.pair.b.c_str(), n.pair.jaccard,
                          n.clustered ? "same cluster" : "different clusters");
        out += line;
    }
    for (const auto& p : r.missed) {
        std::snprintf(line, sizeof line, "  missed: %s ~ %s (Jaccard %.3f)\n", p.a.c_str(),
                      p.b.c_str(), p.jaccard);
        out += line;
    }
    for (const auto& p : r.wrong) {
        std::snprintf(line, sizeof line,
                      "  clustered below the threshold: %s ~ %s (Jaccard %.3f)\n", p.a.c_str(),
                      p.b.c_str(), p.jaccard);
        out += line;
    }
    if (!r.planted.empty()) {
        std::snprintf(line, sizeof line,
                      "planted variants (%s), each (variant, original) pair by kind:\n"
                      "  %-8s %8s %9s %9s %8s %8s %9s %6s %6s %12s\n",
                      o.planted_path.c_str(), "kind", "planted", "J>=0.80", "clustered", "recall",
                      "J<0.80", "clustered", "min J", "mean J", "not compared");
        out += line;
        for (const auto& k : r.planted) {
            std::snprintf(
                line, sizeof line, "  %-8s %8s %9s %9s %8.4f %8s %9s %6.3f %6.3f %12s\n",
                k.kind.c_str(), group_thousands(k.planted).c_str(), group_thousands(k.near).c_str(),
                group_thousands(k.near_clustered).c_str(), k.recall(),
                group_thousands(k.below).c_str(), group_thousands(k.below_clustered).c_str(),
                k.near + k.below ? k.min_jaccard : 0.0, k.mean_jaccard(),
                group_thousands(k.not_compared).c_str());
            out += line;
        }
    }
    return out;
}

std::string format_dedup_json(const DedupEvalResult& r, const DedupEvalOptions& o) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("threshold");
    w.Double(nd::kJaccardThreshold);
    w.Key("ground_truth");
    w.String(o.brute_force ? "brute_force" : "prefix_filtered_join");
    w.Key("articles");
    w.Uint64(r.articles);
    w.Key("with_signature");
    w.Uint64(r.with_signature);
    w.Key("truth_pairs");
    w.Uint64(r.truth_pairs);
    w.Key("predicted_pairs");
    w.Uint64(r.predicted_pairs);
    w.Key("true_positives");
    w.Uint64(r.true_positives);
    w.Key("precision");
    w.Double(r.precision());
    w.Key("recall");
    w.Double(r.recall());
    w.Key("clusters");
    w.Uint64(r.clusters);
    w.Key("clustered_articles");
    w.Uint64(r.clustered_articles);
    w.Key("largest_cluster");
    w.Uint64(r.largest_cluster);
    w.Key("seconds");
    w.Double(r.seconds);
    if (!r.planted.empty()) {
        w.Key("planted");
        w.StartArray();
        for (const auto& k : r.planted) {
            w.StartObject();
            w.Key("kind");
            w.String(k.kind.c_str());
            for (auto [key, value] : {std::pair<const char*, std::uint64_t>{"planted", k.planted},
                                      {"near_duplicates", k.near},
                                      {"near_duplicates_clustered", k.near_clustered},
                                      {"below_threshold", k.below},
                                      {"below_threshold_clustered", k.below_clustered},
                                      {"not_compared", k.not_compared}}) {
                w.Key(key);
                w.Uint64(value);
            }
            w.Key("recall");
            w.Double(k.recall());
            w.Key("min_jaccard");
            w.Double(k.near + k.below ? k.min_jaccard : 0.0);
            w.Key("mean_jaccard");
            w.Double(k.mean_jaccard());
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace newsdex::bench
