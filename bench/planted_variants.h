#pragma once
// Planted variants: the edits syndicated copy goes through, which
// `gen-corpus --plant-variants` applies to generated articles so that
// `dedup --planted` can measure near-duplicate clusters against a known
// answer. This file is the one home of the kinds' names and of the
// ground-truth file's format, which the generator writes and the evaluation
// reads.
//
// Ground-truth file: a header line starting with '#', then one line per
// planted variant: VARIANT_ID <TAB> ORIGINAL_ID <TAB> KIND. Ids are the
// articles' "id" fields (generated ids hold no tab or newline).

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::bench {

enum class VariantKind : std::uint8_t {
    headline,  ///< a new headline over the same body
    trim,      ///< the last paragraph cut (a one-paragraph body: its last sentence, or half)
    add,       ///< a paragraph of other sentences inserted at a random place
    footer,    ///< a republisher's boilerplate footer appended (one of planted_footers())
    reword,    ///< one to three words replaced by other words of the same language
};
inline constexpr std::size_t kVariantKinds = 5;
inline constexpr std::array<VariantKind, kVariantKinds> kAllVariantKinds = {
    VariantKind::headline, VariantKind::trim, VariantKind::add, VariantKind::footer,
    VariantKind::reword};

std::string_view variant_kind_name(VariantKind kind);
std::optional<VariantKind> parse_variant_kind(std::string_view name);

/// The boilerplate footers `footer` variants end with: a few, so that
/// unrelated stories share one (and must still not cluster).
const std::vector<std::string>& planted_footers();

struct PlantedVariant {
    std::string variant_id;
    std::string original_id;
    VariantKind kind = VariantKind::headline;
};

void write_planted_header(std::ostream& out);
void write_planted(std::ostream& out, const PlantedVariant& variant);

/// Reads a ground-truth file. A malformed line or an unknown kind is passed
/// to `warn` as "PATH:LINE: reason" and skipped; an unreadable file throws
/// newsdex::Error.
std::vector<PlantedVariant> read_planted_variants(
    const std::string& path, const std::function<void(const std::string&)>& warn);

}  // namespace newsdex::bench
