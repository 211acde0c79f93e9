#include "corpus_generator.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>

#include "text_table.h"

namespace newsdex::bench {

namespace {

constexpr std::size_t kMinSentenceBytes = 25;
constexpr std::size_t kMaxSentenceBytes = 600;
constexpr std::size_t kMaxDistinctValues = 2000;  // sources and topics kept for metadata
constexpr std::uint64_t kPoolSeedMix = 0x5bd1e9955bd1e995ULL;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// ASCII end punctuation followed by a space or the end, or an ideographic
/// full stop / full-width ! ? (which need no space after them).
std::size_t sentence_end(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == '.' || c == '!' || c == '?') {
        if (i + 1 == text.size()) return i + 1;
        if (!is_space(text[i + 1])) return 0;
        // "U.S. officials said": a lower-case word after the stop continues the sentence.
        std::size_t j = i + 1;
        while (j < text.size() && is_space(text[j])) ++j;
        if (j < text.size() && text[j] >= 'a' && text[j] <= 'z') return 0;
        return i + 1;
    }
    static constexpr std::string_view kWide[] = {"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f"};
    for (std::string_view w : kWide)
        if (text.substr(i, w.size()) == w) return i + w.size();
    return 0;
}

bool worth_keeping(const std::string& s) {
    if (s.size() < kMinSentenceBytes || s.size() > kMaxSentenceBytes) return false;
    std::size_t wordy = 0;
    for (unsigned char c : s)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c >= 0x80) ++wordy;
    return wordy * 10 >= s.size() * 8;
}

void add_distinct(std::vector<std::string>& list, std::map<std::string, bool>& set,
                  const std::string& value) {
    if (value.empty() || list.size() >= kMaxDistinctValues) return;
    if (set.emplace(value, true).second) list.push_back(value);
}

std::string iso_date(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// The first few words of a sentence, without trailing punctuation.
std::string make_title(const std::string& sentence, Rng& rng) {
    const std::uint64_t words = rng.between(4, 10);
    std::size_t end = 0, count = 0;
    while (end < sentence.size() && count < words) {
        end = sentence.find(' ', end + 1);
        if (end == std::string::npos) end = sentence.size();
        ++count;
    }
    std::string title = sentence.substr(0, end);
    while (!title.empty() &&
           std::string_view(".,;:!?\"'-").find(title.back()) != std::string_view::npos)
        title.pop_back();
    // Sentences without spaces (Japanese, Chinese): a prefix of whole UTF-8 characters.
    if (count <= 1 && title.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
        title.resize(cut);
    }
    return title;
}

}  // namespace

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) {
    // Reject the top sliver that would make low values more likely.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        while (!current.empty() && current.back() == ' ') current.pop_back();
        if (worth_keeping(current)) out.push_back(current);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
            flush();  // a paragraph break ends a sentence (headings, datelines)
            i += 2;
            continue;
        }
        if (is_space(text[i])) {
            if (!current.empty() && current.back() != ' ') current.push_back(' ');
            ++i;
            continue;
        }
        if (std::size_t end = sentence_end(text, i)) {
            current.append(text.substr(i, end - i));
            flush();
            i = end;
            continue;
        }
        current.push_back(text[i++]);
    }
    flush();
    return out;
}

SentencePool::SentencePool(std::size_t capacity, std::uint64_t seed)
    : capacity_(capacity), rng_(seed ^ kPoolSeedMix) {
    sentences_.reserve(std::min<std::size_t>(capacity_, 1 << 16));
}

void SentencePool::add_article(const Article& article) {
    for (std::string& s : split_sentences(article.body)) {
        // Algorithm R: after k offers, each has had the same capacity/k chance to be kept.
        const std::uint64_t k = seen_++;
        if (sentences_.size() < capacity_) {
            sentences_.push_back({std::move(s), article.lang});
        } else {
            const std::uint64_t j = rng_.below(k + 1);
            if (j < capacity_) sentences_[j] = {std::move(s), article.lang};
        }
    }
    add_distinct(sources_, source_set_, article.source);
    for (const auto& t : article.topics) add_distinct(topics_, topic_set_, t);
    if (article.date) {
        if (!first_date_ || *article.date < *first_date_) first_date_ = article.date;
        if (!last_date_ || *article.date > *last_date_) last_date_ = article.date;
    }
}

namespace {

/// One article as drawn: paragraphs of sentences, so variants can edit it.
struct Draft {
    std::string id, title, lang;
    const std::string* source = nullptr;
    std::vector<const std::string*> topics;
    std::vector<std::vector<std::string>> paragraphs;  ///< sentences
    std::int64_t date = 0;
};

/// Sentences joined by a space, paragraphs by a blank line.
std::string body_text(const Draft& d) {
    std::string body;
    for (std::size_t p = 0; p < d.paragraphs.size(); ++p) {
        if (p) body += "\n\n";
        for (std::size_t s = 0; s < d.paragraphs[p].size(); ++s) {
            if (s) body += ' ';
            body += d.paragraphs[p][s];
        }
    }
    return body;
}

void write_article(const Draft& d, rapidjson::StringBuffer& buffer, std::ostream& out) {
    buffer.Clear();
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto put = [&](const char* key, const std::string& value) {
        w.Key(key);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    w.StartObject();
    put("id", d.id);
    put("title", d.title);
    put("body", body_text(d));
    put("date", iso_date(d.date));
    put("source", *d.source);
    w.Key("topics");
    w.StartArray();
    for (const std::string* t : d.topics)
        w.String(t->data(), static_cast<rapidjson::SizeType>(t->size()));
    w.EndArray();
    put("lang", d.lang);
    w.EndObject();
    out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
    out.put('\n');
}

std::vector<std::string> split_words(const std::string& sentence) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < sentence.size()) {
        std::size_t j = sentence.find(' ', i);
        if (j == std::string::npos) j = sentence.size();
        if (j > i) words.push_back(sentence.substr(i, j - i));
        i = j + 1;
    }
    return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count && i < words.size(); ++i) {
        if (i) out += ' ';
        out += words[i];
    }
    return out;
}

bool is_punctuation(char c) {
    return std::string_view(".,;:!?\"'()-").find(c) != std::string_view::npos;
}

/// [begin, end) of a word without the punctuation around it.
std::pair<std::size_t, std::size_t> word_core(const std::string& word) {
    std::size_t b = 0, e = word.size();
    while (b < e && is_punctuation(word[b])) ++b;
    while (e > b && is_punctuation(word[e - 1])) --e;
    return {b, e};
}

constexpr std::uint64_t kVariantSeedMix = 0x7a5e11c0ffee1234ULL;
constexpr std::int64_t kMaxVariantLagSeconds = std::int64_t{2} * 86400;

/// Makes `d`'s variant of `kind` (the caller sets the id). `sentence` draws a
/// sentence of the article's language.
Draft make_variant(const Draft& d, VariantKind kind, Rng& rng,
                   const std::function<const std::string&()>& sentence,
                   const std::vector<std::string>& sources) {
    Draft v = d;
    v.date = d.date + static_cast<std::int64_t>(rng.below(kMaxVariantLagSeconds + 1));
    v.source = &sources[rng.below(sources.size())];
    auto& ps = v.paragraphs;
    switch (kind) {
        case VariantKind::headline:
            for (int tries = 0; tries < 8 && v.title == d.title; ++tries)
                v.title = make_title(sentence(), rng);
            if (v.title == d.title) v.title += " (update)";
            break;
        case VariantKind::trim:
            if (ps.size() >= 2) {
                ps.pop_back();
            } else if (ps[0].size() >= 2) {
                ps[0].pop_back();
            } else if (const auto words = split_words(ps[0][0]); words.size() >= 2) {
                ps[0][0] = join_words(words, words.size() / 2);
            } else {  // a sentence without spaces (Japanese, Chinese): half its characters
                std::size_t cut = ps[0][0].size() / 2;
                while (cut > 0 && (static_cast<unsigned char>(ps[0][0][cut]) & 0xC0) == 0x80) --cut;
                ps[0][0].resize(std::max<std::size_t>(cut, 1));
            }
            break;
        case VariantKind::add: {
            std::vector<std::string> added;
            const std::uint64_t count = rng.between(1, 2);
            for (std::uint64_t s = 0; s < count; ++s) added.push_back(sentence());
            const auto at = static_cast<std::ptrdiff_t>(rng.below(ps.size() + 1));
            ps.insert(ps.begin() + at, std::move(added));
            break;
        }
        case VariantKind::footer:
            ps.push_back({planted_footers()[rng.below(planted_footers().size())]});
            break;
        case VariantKind::reword: {
            // Positions are drawn uniformly over the body's words; a replacement
            // is a word of another sentence of the same language, punctuation kept.
            std::vector<std::pair<std::size_t, std::size_t>> sentence_at;  // (paragraph, sentence)
            std::vector<std::size_t> first_word;
            std::size_t total = 0;
            for (std::size_t p = 0; p < ps.size(); ++p)
                for (std::size_t s = 0; s < ps[p].size(); ++s) {
                    sentence_at.emplace_back(p, s);
                    first_word.push_back(total);
                    total += split_words(ps[p][s]).size();
                }
            const std::uint64_t substitutions = rng.between(1, 3);
            for (std::uint64_t n = 0; n < substitutions && total > 0; ++n) {
                const std::size_t k = rng.below(total);
                const std::size_t at = static_cast<std::size_t>(
                    std::upper_bound(first_word.begin(), first_word.end(), k) - first_word.begin() -
                    1);
                std::string& text = ps[sentence_at[at].first][sentence_at[at].second];
                auto words = split_words(text);
                std::string& word = words[k - first_word[at]];
                const auto [b, e] = word_core(word);
                const std::string old = word.substr(b, e - b);
                std::string replacement;
                for (int tries = 0; tries < 16 && (replacement.empty() || replacement == old);
                     ++tries) {
                    const auto candidates = split_words(sentence());
                    const std::string& c = candidates[rng.below(candidates.size())];
                    const auto [cb, ce] = word_core(c);
                    replacement = c.substr(cb, ce - cb);
                }
                if (replacement.empty() || replacement == old) replacement = old + "s";
                word.replace(b, e - b, replacement);
                text = join_words(words, words.size());
            }
            break;
        }
    }
    return v;
}

}  // namespace

GeneratorSummary generate_corpus(const SentencePool& pool, const GeneratorOptions& options,
                                 std::ostream& out, std::ostream* planted,
                                 const std::function<void(std::uint64_t)>& on_article) {
    // Sentences by language (map: a fixed order), so an article never mixes
    // languages; a language is picked in proportion to its share of the pool.
    std::map<std::string, std::vector<std::size_t>> by_lang;
    const auto& sentences = pool.sentences();
    for (std::size_t i = 0; i < sentences.size(); ++i) by_lang[sentences[i].lang].push_back(i);

    std::vector<std::string> sources = pool.sources();
    for (std::size_t i = sources.size(); i < 8; ++i)
        sources.push_back(concat("gen-wire-", std::to_string(i + 1)));
    const std::int64_t lo = pool.first_date().value_or(946684800);                // 2000-01-01
    const std::int64_t hi = std::max(lo, pool.last_date().value_or(1735603200));  // 2024-12-31

    GeneratorSummary summary;
    // Planting: selection sampling (Knuth's algorithm S) picks exactly
    // `to_plant` of the articles, each equally likely, in one pass.
    const auto to_plant = static_cast<std::uint64_t>(std::llround(
        std::clamp(options.plant_fraction, 0.0, 1.0) * static_cast<double>(options.articles)));
    const std::uint64_t per_article =
        std::clamp<std::uint64_t>(options.variants_per_article, 1, kVariantKinds);
    const std::uint64_t max_delay = std::max<std::uint64_t>(options.max_variant_delay, 1);
    std::uint64_t planted_originals = 0;
    std::multimap<std::uint64_t, Draft> pending;  // due after generated article N -> variant
    if (planted && to_plant) write_planted_header(*planted);

    Rng rng(options.seed);
    Rng variant_rng(options.seed ^ kVariantSeedMix);
    rapidjson::StringBuffer buffer;
    for (std::uint64_t n = 1; n <= options.articles; ++n) {
        Draft d;
        const std::size_t pick = rng.below(sentences.size());
        d.lang = sentences[pick].lang;
        const std::vector<std::size_t>& lang_pool = by_lang[d.lang];
        auto sentence = [&]() -> const std::string& {
            return sentences[lang_pool[rng.below(lang_pool.size())]].text;
        };

        d.title = make_title(sentence(), rng);
        const std::uint64_t paragraphs = rng.between(1, 6);
        for (std::uint64_t p = 0; p < paragraphs; ++p) {
            std::vector<std::string>& paragraph = d.paragraphs.emplace_back();
            const std::uint64_t count = rng.between(1, 4);
            for (std::uint64_t s = 0; s < count; ++s) paragraph.push_back(sentence());
        }
        d.date = static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) +
                                           rng.below(static_cast<std::uint64_t>(hi - lo) + 1));
        d.source = &sources[rng.below(sources.size())];
        if (!pool.topics().empty()) {
            const std::uint64_t count = rng.below(4);
            for (std::uint64_t t = 0; t < count; ++t) {
                const std::string* topic = &pool.topics()[rng.below(pool.topics().size())];
                if (std::find(d.topics.begin(), d.topics.end(), topic) == d.topics.end())
                    d.topics.push_back(topic);
            }
        }
        char id[48];
        std::snprintf(id, sizeof id, "gen-%llu-%07llu",
                      static_cast<unsigned long long>(options.seed),
                      static_cast<unsigned long long>(n));
        d.id = id;
        write_article(d, buffer, out);
        ++summary.articles;
        for (auto due = pending.begin(); due != pending.end() && due->first <= n;
             due = pending.erase(due))
            write_article(due->second, buffer, out);

        if (planted_originals < to_plant &&
            variant_rng.below(options.articles - n + 1) < to_plant - planted_originals) {
            ++planted_originals;
            auto variant_sentence = [&]() -> const std::string& {
                return sentences[lang_pool[variant_rng.below(lang_pool.size())]].text;
            };
            for (std::uint64_t k = 1; k <= per_article; ++k) {
                const VariantKind kind = kAllVariantKinds[summary.variants % kVariantKinds];
                Draft v = make_variant(d, kind, variant_rng, variant_sentence, sources);
                v.id = concat(d.id, "-v", std::to_string(k));
                if (planted) write_planted(*planted, {v.id, d.id, kind});
                ++summary.variants;
                ++summary.by_kind[static_cast<std::size_t>(kind)];
                pending.emplace(n + variant_rng.between(1, max_delay), std::move(v));
            }
        }
        if (on_article) on_article(n);
    }
    for (const auto& [due, v] : pending) write_article(v, buffer, out);
    return summary;
}

}  // namespace newsdex::bench
