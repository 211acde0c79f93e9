#include "progress_display.h"

#include "number_format.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace newsdex {

namespace {

std::string megabytes(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return buf;
}

std::string duration(double seconds) {
    long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

std::string bar(double fraction, int width) {
    int filled = static_cast<int>(fraction * width);
    std::string out = "[";
    out.append(static_cast<std::size_t>(filled), '#');
    out.append(static_cast<std::size_t>(width - filled), '.');
    char pct[16];
    std::snprintf(pct, sizeof pct, "] %3d%%  ", static_cast<int>(fraction * 100));
    return out + pct;
}

}  // namespace

std::optional<double> indexed_fraction(const IndexProgress& p) {
    if (p.bytes_total == 0 || p.bytes_read == 0 || p.articles_read == 0) return std::nullopt;
    // Articles in the whole input, extrapolated from the bytes read so far
    // (exact once reading is done); indexing trails reading by the queues.
    double read_fraction = std::min(1.0, double(p.bytes_read) / double(p.bytes_total));
    double expected_articles = double(p.articles_read) / read_fraction;
    return std::min(1.0, double(p.articles_indexed) / expected_articles);
}

std::string format_progress(const IndexProgress& p, int bar_width) {
    if (p.merging) {
        std::string line = "merging " + group_thousands(p.merge_segments) +
                           (p.merge_segments == 1 ? " segment" : " segments") + " of " +
                           group_thousands(p.articles_indexed) + " articles";
        if (!p.merge_table.empty()) {
            char tables[64];
            std::snprintf(tables, sizeof tables, ": table %u of %u (", p.merge_tables_started,
                          IndexProgress::kMergeTables);
            line += tables + p.merge_table + ")";
        }
        return line + "...";
    }
    std::string line;
    std::optional<double> fraction = indexed_fraction(p);
    if (fraction) line += bar(*fraction, bar_width);
    line += group_thousands(p.articles_indexed) + " articles indexed";
    if (p.seconds > 0) {
        line +=
            "  " +
            group_thousands(static_cast<std::uint64_t>(double(p.articles_indexed) / p.seconds)) +
            "/s";
    }
    if (fraction && *fraction > 0 && *fraction < 1.0)
        line += "  ETA " + duration(p.seconds * (1.0 - *fraction) / *fraction);
    return line;
}

std::string format_summary(const IndexStats& s) {
    std::string out = s.interrupted ? "interrupted: indexed " : "indexed ";
    out += group_thousands(s.articles()) + (s.articles() == 1 ? " article (" : " articles (") +
           group_thousands(s.added) + " added, " + group_thousands(s.updated) + " updated, " +
           group_thousands(s.unchanged) + " unchanged, " + group_thousands(s.skipped) +
           " skipped) from " + group_thousands(s.files) + (s.files == 1 ? " file, " : " files, ") +
           megabytes(s.bytes_read);
    char timing[96];
    double secs = s.seconds > 0 ? s.seconds : 1e-9;
    std::snprintf(timing, sizeof timing, " in %.1f s (%s articles/s, %.1f MB/s)", s.seconds,
                  group_thousands(static_cast<std::uint64_t>(double(s.articles()) / secs)).c_str(),
                  double(s.bytes_read) / 1e6 / secs);
    out += timing;
    out += "; database has " + group_thousands(s.total_documents) +
           (s.total_documents == 1 ? " article" : " articles");
    if (s.warnings)
        out += "; " + group_thousands(s.warnings) + (s.warnings == 1 ? " warning" : " warnings");
    if (!s.languages.empty()) {
        // Most frequent first: the share that matters is visible at a glance.
        std::vector<std::pair<std::string, std::uint64_t>> by_count(s.languages.begin(),
                                                                    s.languages.end());
        std::stable_sort(by_count.begin(), by_count.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        out += "; languages:";
        for (const auto& [lang, n] : by_count) out += " " + lang + " " + group_thousands(n);
    }
    if (s.compounds.compounds > 0) {
        char took[32];
        std::snprintf(took, sizeof took, " (%.1f s)", s.compounds.seconds);
        out += "; German compounds: " + group_thousands(s.compounds.compounds) + " split under " +
               group_thousands(s.compounds.parts) + " parts" + took;
    }
    std::uint64_t passed = 0;
    for (const auto& [reason, n] : s.passed_over) passed += n;
    if (passed) {
        // "reason: count": the reasons are descriptions ("text file beside a
        // reuters corpus"), which a count in front would not agree with.
        out +=
            "; " + group_thousands(passed) + (passed == 1 ? " file" : " files") + " passed over (";
        bool first = true;
        for (const auto& [reason, n] : s.passed_over) {
            if (!first) out += "; ";
            first = false;
            out += reason + ": " + group_thousands(n);
        }
        out += ")";
    }
    return out;
}

std::string format_deletion_summary(const DeletionStats& s) {
    std::string out = s.interrupted ? "interrupted: deleted " : "deleted ";
    out += group_thousands(s.deleted) + (s.deleted == 1 ? " article (" : " articles (") +
           group_thousands(s.not_found) + " not found, " + group_thousands(s.repeated) +
           " repeated, " + group_thousands(s.malformed) +
           (s.malformed == 1 ? " line passed over)" : " lines passed over)");
    char timing[32];
    std::snprintf(timing, sizeof timing, " in %.1f s", s.seconds);
    out += timing;
    if (s.relabelled)
        out += "; " + group_thousands(s.relabelled) +
               (s.relabelled == 1 ? " article" : " articles") +
               " moved to another near-duplicate cluster";
    out += "; database has " + group_thousands(s.total_documents) +
           (s.total_documents == 1 ? " article" : " articles");
    return out;
}

void WarningPrinter::print(const Diagnostic& d, bool clear_line_first) {
    unsigned& n = per_file_[d.file];
    if (++n > limit_) return;
    if (clear_line_first) std::fputs("\r\033[K", out_);
    std::fprintf(out_, "newsdex-index: warning: %s\n", d.to_string().c_str());
    if (n == limit_)
        std::fprintf(
            out_,
            "newsdex-index: warning: %s: further warnings for this file are counted, not shown\n",
            d.file.c_str());
}

void WarningPrinter::print_suppressed() {
    for (const auto& [file, n] : per_file_)
        if (n > limit_)
            std::fprintf(out_, "newsdex-index: warning: %s: %u more warnings not shown\n",
                         file.c_str(), n - limit_);
}

}  // namespace newsdex
