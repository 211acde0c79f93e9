#include "support/fixture_index.h"

#include <ctime>

#include <gtest/gtest.h>

#include "analysis/text_analyzer.h"
#include "analysis/text_sanitizer.h"
#include "bm25_impact.h"
#include "document_builder.h"
#include "near_duplicate_clusters.h"
#include "schema.h"
#include "support/test_paths.h"
#include "terms.h"

namespace newsdex::test {

Article make_article(std::string id, std::string title, std::string body, std::string date_iso,
                     std::string source, std::vector<std::string> topics, std::string lang) {
    Article a;
    a.id = std::move(id);
    a.collection = "fixtures";
    a.title = std::move(title);
    a.body = std::move(body);
    if (!date_iso.empty()) {
        // YYYY-MM-DD (UTC midnight); enough for fixtures.
        std::tm tm{};
        tm.tm_year = std::stoi(date_iso.substr(0, 4)) - 1900;
        tm.tm_mon = std::stoi(date_iso.substr(5, 2)) - 1;
        tm.tm_mday = std::stoi(date_iso.substr(8, 2));
        a.date = static_cast<std::int64_t>(timegm(&tm));
        a.date_text = date_iso;
    }
    a.source = std::move(source);
    a.topics = std::move(topics);
    a.lang = std::move(lang);
    return a;
}

namespace {

void write_articles(const std::filesystem::path& path, std::vector<Article> articles, int flags,
                    TermWeights weights) {
    TextAnalyzer analyzer;
    Xapian::WritableDatabase db(path.string(), flags);
    // As newsdex-index records a database's wdf layout, so that searches
    // rank it accordingly (no key: occurrences).
    if (weights.impact_reference_length > 0)
        db.set_metadata(bm25_impact::kMetadataWdfLayout,
                        bm25_impact::layout_name(weights.impact_reference_length));
    for (Article& a : articles) {
        sanitize_article(a);
        BuiltDocument built = build_document(a, analyzer, weights);
        db.replace_document(built.unique_term, built.document);
        for (const auto& w : built.spelling_words) db.add_spelling(w);
    }
    db.commit();
    CommitGate no_readers;  // fixtures are written before anyone searches them
    cluster_near_duplicates(db, analyzer, no_readers);  // as the indexer does after its last commit
}

/// What newsdex-index writes into a database (a new one, in these tests).
const TermWeights kDefaultWeights = TermWeights::impacts(bm25_impact::kDefaultReferenceLength);

}  // namespace

Xapian::Database build_fixture_index(const std::filesystem::path& path,
                                     std::vector<Article> articles) {
    return build_fixture_index(path, std::move(articles), kDefaultWeights);
}

Xapian::Database build_fixture_index(const std::filesystem::path& path,
                                     std::vector<Article> articles, TermWeights weights) {
    write_articles(path, std::move(articles), Xapian::DB_CREATE_OR_OVERWRITE, weights);
    return Xapian::Database(path.string());
}

void add_fixture_articles(const std::filesystem::path& path, std::vector<Article> articles) {
    // As newsdex-index: a new database gets impacts, an existing one keeps
    // its layout.
    TermWeights weights = kDefaultWeights;
    if (std::filesystem::exists(path)) {
        const auto recorded = bm25_impact::parse_layout(
            Xapian::Database(path.string()).get_metadata(bm25_impact::kMetadataWdfLayout));
        weights = recorded ? TermWeights::impacts(*recorded) : TermWeights::occurrences();
    }
    write_articles(path, std::move(articles), Xapian::DB_CREATE_OR_OPEN, weights);
}

std::map<std::string, std::string> clusters_by_id(const Xapian::Database& db) {
    std::map<std::string, std::string> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        auto split = split_unique_term(doc.get_value(schema::kSlotIdentity));
        EXPECT_TRUE(split.has_value());
        if (split) out[split->second] = doc.get_value(schema::kSlotCluster);
    }
    return out;
}

std::vector<std::string> shared_cluster_slot_errors(const Xapian::Database& db) {
    std::vector<std::string> errors;
    const std::string prefix(schema::kPrefixCluster);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        auto t = doc.termlist_begin();
        t.skip_to(prefix);
        const bool member = t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0;
        const std::string expected = member ? doc.get_value(schema::kSlotCluster) : std::string();
        if (doc.get_value(schema::kSlotSharedCluster) != expected)
            errors.push_back(doc.get_value(schema::kSlotIdentity) + ": slot 14 is '" +
                             doc.get_value(schema::kSlotSharedCluster) + "', expected '" +
                             expected + "'");
    }
    return errors;
}

std::set<std::string> unique_terms(const Xapian::Database& db) {
    std::set<std::string> out;
    for (auto t = db.allterms_begin(schema::kPrefixUnique.data());
         t != db.allterms_end(schema::kPrefixUnique.data()); ++t)
        out.insert(*t);
    return out;
}

std::vector<std::string> sample_corpus_inputs() {
    const std::filesystem::path corpus = source_dir() / "corpus";
    return {(corpus / "text").string(), (corpus / "jsonl").string(), (corpus / "csv").string(),
            (corpus / "trec").string()};
}

}  // namespace newsdex::test
