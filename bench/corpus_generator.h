#pragma once
// gen-corpus: large synthetic corpora for scale tests, made by recombining
// real sentences into new articles with dates, sources and topics.
//
// Determinism: the output is a function of (input articles in order, seed,
// pool capacity, article count) only; the generator uses its own PRNG
// (splitmix64) and integer arithmetic, not <random>'s distributions, whose
// results differ between standard libraries. Articles are drawn one after the
// other from one stream, so the first N articles of a larger run with the same
// inputs and seed are the N-article corpus (queries drawn from a small
// generated index stay valid for a big one).
//
// Memory: the sentence pool is a reservoir sample capped at `capacity`
// sentences; articles are written as they are made.
//
// Planted variants (plant_fraction > 0): exactly round(fraction * articles)
// generated articles, chosen uniformly, each get `variants_per_article`
// variants (planted_variants.h), the kinds taken in turn over the whole run
// so every kind gets the same count (give or take one). Variants are drawn
// from a second PRNG stream, so the generated articles are the same bytes
// with or without planting; each variant is written 1..max_variant_delay
// generated articles after its original (syndicated copy arrives later, and
// index segments are crossed), or at the end. A planted corpus is not
// prefix-stable: which articles are planted depends on the article count.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "planted_variants.h"

namespace newsdex::bench {

/// splitmix64: small, fast, and the same sequence on every platform.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// Uniform in [0, n); n > 0. Rejection sampling, so no modulo bias.
    std::uint64_t below(std::uint64_t n);
    /// Uniform in [lo, hi].
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }

  private:
    std::uint64_t state_;
};

/// Splits sanitized article text into sentences worth reusing: whitespace
/// folded, 25..600 bytes, mostly letters (tables of figures are dropped).
std::vector<std::string> split_sentences(std::string_view text);

class SentencePool {
  public:
    static constexpr std::size_t kDefaultCapacity = 200000;
    SentencePool(std::size_t capacity, std::uint64_t seed);

    /// Offers the article's body sentences to the reservoir and records its
    /// source, topics and date for the generated metadata.
    void add_article(const Article& article);

    std::size_t size() const { return sentences_.size(); }
    std::uint64_t sentences_seen() const { return seen_; }
    bool empty() const { return sentences_.empty(); }

    struct Sentence {
        std::string text;
        std::string lang;
    };
    const std::vector<Sentence>& sentences() const { return sentences_; }
    const std::vector<std::string>& sources() const { return sources_; }
    const std::vector<std::string>& topics() const { return topics_; }
    std::optional<std::int64_t> first_date() const { return first_date_; }
    std::optional<std::int64_t> last_date() const { return last_date_; }

  private:
    std::size_t capacity_;
    Rng rng_;
    std::uint64_t seen_ = 0;
    std::vector<Sentence> sentences_;
    std::vector<std::string> sources_, topics_;  ///< distinct, in first-seen order, capped
    std::map<std::string, bool> source_set_, topic_set_;
    std::optional<std::int64_t> first_date_, last_date_;
};

struct GeneratorOptions {
    std::uint64_t articles = 1000;
    std::uint64_t seed = 1;
    double plant_fraction = 0;               ///< of `articles`, 0..1
    std::uint64_t variants_per_article = 1;  ///< 1..kVariantKinds, of distinct kinds
    std::uint64_t max_variant_delay = 2000;  ///< articles between an original and its variant
};

struct GeneratorSummary {
    std::uint64_t articles = 0;  ///< generated (originals)
    std::uint64_t variants = 0;  ///< planted
    std::array<std::uint64_t, kVariantKinds> by_kind{};
};

/// Writes `options.articles` JSON Lines articles ({"id","title","body","date",
/// "source","topics","lang"}) to `out`, plus the planted variants (ids
/// ORIGINAL-vK), whose ground truth goes to `planted` when it is set.
/// `on_article`, when set, is called with the count of generated articles
/// written so far (for progress). The pool must not be empty.
GeneratorSummary generate_corpus(const SentencePool& pool, const GeneratorOptions& options,
                                 std::ostream& out, std::ostream* planted = nullptr,
                                 const std::function<void(std::uint64_t)>& on_article = {});

}  // namespace newsdex::bench
