#include "support/german_compounds.h"

#include <fstream>

namespace newsdex::test {

std::string german_article_json(const std::string& id, const std::string& title,
                                const std::string& body) {
    return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
}

std::string english_breakdown_article_json() {
    return german_article_json(
        "en-1", "Talks break down over the budget",
        "The talks on the budget came to a breakdown on Friday. Negotiators said they would "
        "not break the deadlock before the weekend, and markets went down after the news.");
}

std::filesystem::path write_german_compound_articles(const std::filesystem::path& path) {
    std::ofstream out(path);
    out << german_article_json(
        "de-1", "Die Flüchtlingskrise in Europa",
        "Die Flüchtlingskrise beschäftigt die Regierungen seit Monaten. Viele Menschen kommen "
        "über die Balkanroute nach Österreich und Deutschland, die Aufnahmelager sind voll.");
    out << german_article_json(
        "de-2", "Banken unter Druck",
        "Die Finanzkrise hat die Banken in ganz Europa schwer getroffen. Die Regierung "
        "verspricht der Wirtschaft Hilfe, doch die Sparer bleiben misstrauisch.");
    out << german_article_json(
        "de-3", "Die Krise ist nicht vorbei",
        "Die Krise ist noch nicht vorbei, sagt der Minister. Ein Flüchtling berichtet von der "
        "Flucht über das Mittelmeer. Die Finanz- und Wirtschaftspolitik der Stadt bleibt knapp "
        "bemessen, und die Regierung sucht nach Geld.");
    out << english_breakdown_article_json();
    return path;
}

}  // namespace newsdex::test
