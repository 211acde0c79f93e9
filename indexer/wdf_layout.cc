#include "wdf_layout.h"

#include <algorithm>
#include <filesystem>

#include "errors.h"

namespace newsdex {

bool ReferenceLengthSample::add(const Article& article) {
    if (complete()) return true;
    // The length as the document would have it with occurrences as wdf: the
    // one rule (build_document) rather than a word count that could drift
    // from it (stems, title boost and compounds all count).
    const BuiltDocument built = build_document(article, analyzer_, TermWeights::occurrences());
    total_ += document_length(built.document);
    ++measured_;
    return complete();
}

double ReferenceLengthSample::reference_length() const {
    if (measured_ == 0 || total_ <= 0) return bm25_impact::kDefaultReferenceLength;
    return total_ / static_cast<double>(measured_);
}

WdfLayoutChoice impacts_layout(double reference_length) {
    return {TermWeights::impacts(reference_length), bm25_impact::layout_name(reference_length)};
}

WdfLayoutChoice choose_wdf_layout(const std::string& db_path, const std::string& recorded,
                                  bool empty_target, double reference_length,
                                  bool inputs_are_files) {
    if (const std::optional<double> length = bm25_impact::parse_layout(recorded)) {
        // Compared as recorded (to 0.1).
        if (reference_length > 0 &&
            bm25_impact::layout_name(reference_length) != bm25_impact::layout_name(*length))
            throw UsageError(db_path + " was indexed with reference length " +
                             recorded.substr(bm25_impact::kLayout.size()) +
                             "; --reference-length cannot change it");
        return {TermWeights::impacts(*length), ""};
    }
    // Documents without impacts stay consistent with the ones already there.
    if (!empty_target) return {TermWeights::occurrences(), ""};
    if (reference_length > 0) return impacts_layout(reference_length);
    if (inputs_are_files) return {};
    return impacts_layout(bm25_impact::kDefaultReferenceLength);
}

bool all_regular_files(const std::vector<std::string>& paths) {
    std::error_code ec;
    return std::all_of(paths.begin(), paths.end(), [&](const std::string& path) {
        return path != "-" && std::filesystem::is_regular_file(path, ec);
    });
}

}  // namespace newsdex
