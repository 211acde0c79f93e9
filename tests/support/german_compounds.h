#pragma once
// A few German news articles with compounds whose parts also occur as words,
// and an English one whose words would split if English were decomposed: the
// shared input of the compound-table, query and end-to-end tests.

#include <filesystem>
#include <string>

namespace newsdex::test {

/// One JSON Lines record (no language field: the indexer detects it).
std::string german_article_json(const std::string& id, const std::string& title,
                                const std::string& body);

/// The English article: "breakdown" beside "break" and "down".
std::string english_breakdown_article_json();

/// Writes to `path` (collection: its base name):
///   de-1 "Flüchtlingskrise" (the compound only, never "Krise" alone),
///   de-2 "Finanzkrise" (likewise),
///   de-3 "Krise", "Flüchtling", "Finanz-" as words (the parts),
///   en-1 the English article.
/// Returns `path`.
std::filesystem::path write_german_compound_articles(const std::filesystem::path& path);

}  // namespace newsdex::test
