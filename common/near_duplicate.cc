#include "near_duplicate.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "schema.h"
#include "terms.h"

namespace newsdex::near_duplicate {

namespace {

/// splitmix64's finaliser: a strong 64-bit mixer, so (x ^ seed_i) gives
/// kHashes independent-looking hash functions from one shingle hash.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::array<std::uint64_t, kHashes> make_seeds() {
    std::array<std::uint64_t, kHashes> seeds{};
    for (std::size_t i = 0; i < kHashes; ++i) seeds[i] = mix(0x6e6561726475ULL + i);
    return seeds;
}

const std::array<std::uint64_t, kHashes> kSeeds = make_seeds();

}  // namespace

std::uint64_t word_hash(std::string_view term) { return stable_hash64(term); }

std::vector<std::uint64_t> body_words(std::string_view body, const std::string& lang,
                                      TextAnalyzer& analyzer) {
    std::vector<std::uint64_t> words;
    analyzer.analyze(
        body, lang,
        [&](const Token& t) {
            if (shingles_token(t)) words.push_back(word_hash(t.term));
        },
        1);
    return words;
}

std::vector<std::uint64_t> shingles(const std::vector<std::uint64_t>& words) {
    std::vector<std::uint64_t> out;
    if (words.size() < kShingleWords) return out;
    out.reserve(words.size() - kShingleWords + 1);
    for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < kShingleWords; ++k) h = mix(h ^ words[i + k]);
        out.push_back(h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() < kMinShingles) out.clear();
    return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 0;
    std::size_t common = 0, i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] < b[j])
            ++i;
        else if (b[j] < a[i])
            ++j;
        else
            ++common, ++i, ++j;
    }
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

MinHash minhash(const std::vector<std::uint64_t>& shingle_set) {
    MinHash m;
    m.fill(std::numeric_limits<std::uint64_t>::max());
    for (std::uint64_t s : shingle_set)
        for (std::size_t i = 0; i < kHashes; ++i) m[i] = std::min(m[i], mix(s ^ kSeeds[i]));
    return m;
}

std::vector<std::string> band_terms(const std::vector<std::uint64_t>& shingle_set) {
    std::vector<std::string> terms;
    if (shingle_set.empty()) return terms;
    const MinHash m = minhash(shingle_set);
    for (std::size_t band = 0; band < kBands; ++band) {
        std::uint64_t h = band;
        for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ m[band * kRows + r]);
        char buf[24];
        std::snprintf(buf, sizeof buf, "%02zx%016llx", band, static_cast<unsigned long long>(h));
        terms.push_back(std::string(schema::kPrefixNearDup) + buf);
    }
    return terms;
}

std::string cluster_term(std::string_view cluster_id) {
    char hex[20];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(stable_hash64(cluster_id)));
    return std::string(schema::kPrefixCluster) + hex;
}

}  // namespace newsdex::near_duplicate
