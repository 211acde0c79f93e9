#pragma once
// Builds small Xapian databases from articles written in a test, through the
// indexer's real document builder (so tests see exactly what users index).

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "document_builder.h"

namespace newsdex::test {

/// A convenience constructor for test articles (collection "fixtures", lang "en").
Article make_article(std::string id, std::string title, std::string body, std::string date_iso = "",
                     std::string source = "", std::vector<std::string> topics = {},
                     std::string lang = "en");

/// Sanitizes and indexes `articles` into a new database at `path` (spelling
/// data and near-duplicate clusters included) and returns it opened for reading.
Xapian::Database build_fixture_index(const std::filesystem::path& path,
                                     std::vector<Article> articles);
/// The same with the wdfs laid out as `weights` says (and recorded as
/// newsdex-index records them): occurrences make a database as versions
/// before BM25 impacts wrote.
Xapian::Database build_fixture_index(const std::filesystem::path& path,
                                     std::vector<Article> articles, TermWeights weights);

/// Adds (or replaces) `articles` in the database at `path`, creating it when
/// absent, and commits: a new revision, as a running indexer makes.
void add_fixture_articles(const std::filesystem::path& path, std::vector<Article> articles);

/// Article id -> its near-duplicate cluster (the kSlotCluster value), for
/// every article of a database of one collection.
std::map<std::string, std::string> clusters_by_id(const Xapian::Database& db);

/// The articles breaking schema::kSlotSharedCluster's invariant: it holds
/// the kSlotCluster value of an article with a membership term
/// (kPrefixCluster) and nothing for any other. Each as "id: why".
std::vector<std::string> shared_cluster_slot_errors(const Xapian::Database& db);

/// Every unique (collection/id) term of a database: which articles it holds.
std::set<std::string> unique_terms(const Xapian::Database& db);

/// The sample corpus's four format folders (corpus/text, jsonl, csv, trec),
/// as index inputs: 30 articles.
std::vector<std::string> sample_corpus_inputs();

}  // namespace newsdex::test
