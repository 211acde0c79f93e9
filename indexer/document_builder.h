#pragma once
// Article -> Xapian document, following the schema in common/schema.h.

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.h"
#include "article.h"
#include "bm25_impact.h"

namespace newsdex {

struct BuiltDocument {
    Xapian::Document document;
    std::string unique_term;
    /// Words of title and body for the spelling table ("did you mean"), one
    /// entry per occurrence (frequencies are occurrence counts, as Xapian's
    /// TermGenerator records them); the database owner adds them, since
    /// spelling data belongs to a WritableDatabase, not to a document.
    std::vector<std::string> spelling_words;
};

/// How a document's weighted terms carry their frequency (common/bm25_impact.h).
struct TermWeights {
    /// 0: wdf = occurrences, as in databases written before impacts (kept so,
    /// to stay consistent: their searches read document lengths). Otherwise
    /// wdf = BM25 impact for the database's reference length.
    double impact_reference_length = 0;

    static TermWeights occurrences() { return {}; }
    static TermWeights impacts(double reference_length) { return {reference_length}; }
};

/// Builds the document for a sanitized article (collection, id and lang set).
/// Title words are indexed under "S" and in the all-text field with extra wdf;
/// body words in the all-text field; stems under "Z" (title stems also "ZS");
/// hyphenated compounds as their parts and as one joined term at the first and
/// last part's positions, so both "cease fire" and "ceasefire" phrases work.
BuiltDocument build_document(
    const Article& article, TextAnalyzer& analyzer,
    TermWeights weights = TermWeights::impacts(bm25_impact::kDefaultReferenceLength));

/// An article's Xapian length with occurrences as wdf (the sum of its terms'
/// wdf): what BM25 normalises by, and what a reference length is a mean of.
Xapian::termcount document_length(const Xapian::Document& doc);

}  // namespace newsdex
