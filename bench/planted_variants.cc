#include "planted_variants.h"

#include <fstream>

#include "errors.h"

namespace newsdex::bench {

namespace {

constexpr std::array<std::string_view, kVariantKinds> kNames = {"headline", "trim", "add", "footer",
                                                                "reword"};

}  // namespace

std::string_view variant_kind_name(VariantKind kind) {
    return kNames[static_cast<std::size_t>(kind)];
}

std::optional<VariantKind> parse_variant_kind(std::string_view name) {
    for (VariantKind k : kAllVariantKinds)
        if (variant_kind_name(k) == name) return k;
    return std::nullopt;
}

const std::vector<std::string>& planted_footers() {
    // Written for the generator (no real outlet's text); about 20-25 words
    // each, as long as real wire boilerplate.
    static const std::vector<std::string> footers = {
        "Copyright Gen Wire Service. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed without the written permission of the publisher.",
        "Reporting by our correspondents, editing by the night desk. For corrections, reprints "
        "and syndication requests contact the newsroom through the address on our website.",
        "This story was distributed by the Gen Syndicate news exchange and is republished here "
        "under licence. Opinions expressed are those of the original publisher alone.",
        "Follow us for more news from the region, sign up for our morning newsletter, and send "
        "your tips and photographs to the news desk at any time of the day."};
    return footers;
}

void write_planted_header(std::ostream& out) { out << "# variant\toriginal\tkind\n"; }

void write_planted(std::ostream& out, const PlantedVariant& v) {
    out << v.variant_id << '\t' << v.original_id << '\t' << variant_kind_name(v.kind) << '\n';
}

std::vector<PlantedVariant> read_planted_variants(
    const std::string& path, const std::function<void(const std::string&)>& warn) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read the planted-variant file " + path);
    std::vector<PlantedVariant> out;
    std::string line;
    for (std::uint64_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto bad = [&](const std::string& why) {
            if (!warn) return;
            std::string message = path;
            message += ':';
            message += std::to_string(number);
            message += ": ";
            message += why;
            warn(message);
        };
        const auto t1 = line.find('\t');
        const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string::npos || line.find('\t', t2 + 1) != std::string::npos || t1 == 0 ||
            t2 == t1 + 1) {
            bad("expected VARIANT_ID<TAB>ORIGINAL_ID<TAB>KIND; line skipped");
            continue;
        }
        auto kind = parse_variant_kind(std::string_view(line).substr(t2 + 1));
        if (!kind) {
            bad("unknown variant kind '" + line.substr(t2 + 1) + "'; line skipped");
            continue;
        }
        out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), *kind});
    }
    return out;
}

}  // namespace newsdex::bench
