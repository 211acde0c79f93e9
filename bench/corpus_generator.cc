#include "corpus_generator.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
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

void generate_corpus(const SentencePool& pool, const GeneratorOptions& options, std::ostream& out,
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

    Rng rng(options.seed);
    rapidjson::StringBuffer buffer;
    for (std::uint64_t n = 1; n <= options.articles; ++n) {
        const std::size_t pick = rng.below(sentences.size());
        const std::vector<std::size_t>& lang_pool = by_lang[sentences[pick].lang];
        auto sentence = [&]() -> const std::string& {
            return sentences[lang_pool[rng.below(lang_pool.size())]].text;
        };

        std::string title = make_title(sentence(), rng);
        std::string body;
        const std::uint64_t paragraphs = rng.between(1, 6);
        for (std::uint64_t p = 0; p < paragraphs; ++p) {
            if (p) body += "\n\n";
            const std::uint64_t count = rng.between(1, 4);
            for (std::uint64_t s = 0; s < count; ++s) {
                if (s) body += ' ';
                body += sentence();
            }
        }
        const auto date = static_cast<std::int64_t>(
            static_cast<std::uint64_t>(lo) + rng.below(static_cast<std::uint64_t>(hi - lo) + 1));
        const std::string& source = sources[rng.below(sources.size())];
        std::vector<const std::string*> topics;
        if (!pool.topics().empty()) {
            const std::uint64_t count = rng.below(4);
            for (std::uint64_t t = 0; t < count; ++t) {
                const std::string* topic = &pool.topics()[rng.below(pool.topics().size())];
                if (std::find(topics.begin(), topics.end(), topic) == topics.end())
                    topics.push_back(topic);
            }
        }

        char id[48];
        std::snprintf(id, sizeof id, "gen-%llu-%07llu",
                      static_cast<unsigned long long>(options.seed),
                      static_cast<unsigned long long>(n));
        buffer.Clear();
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        auto put = [&](const char* key, const std::string& value) {
            w.Key(key);
            w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        };
        w.StartObject();
        put("id", id);
        put("title", title);
        put("body", body);
        put("date", iso_date(date));
        put("source", source);
        w.Key("topics");
        w.StartArray();
        for (const std::string* t : topics)
            w.String(t->data(), static_cast<rapidjson::SizeType>(t->size()));
        w.EndArray();
        put("lang", sentences[pick].lang);
        w.EndObject();
        out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
        out.put('\n');
        if (on_article) on_article(n);
    }
}

}  // namespace newsdex::bench
