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

}  // namespace

std::string format_progress(const IndexProgress& p, int bar_width) {
    std::string line;
    double fraction =
        p.bytes_total ? std::min(1.0, double(p.bytes_read) / double(p.bytes_total)) : 0;
    if (p.bytes_total) {
        int filled = static_cast<int>(fraction * bar_width);
        line += '[';
        line.append(static_cast<std::size_t>(filled), '#');
        line.append(static_cast<std::size_t>(bar_width - filled), '.');
        char pct[16];
        std::snprintf(pct, sizeof pct, "] %3d%%  ", static_cast<int>(fraction * 100));
        line += pct;
    }
    line += group_thousands(p.articles) + " articles";
    if (p.seconds > 0) {
        char rate[48];
        std::snprintf(rate, sizeof rate, "  %.1f MB/s", double(p.bytes_read) / 1e6 / p.seconds);
        line += rate;
    }
    if (p.merging) {
        line += "  merging segments...";
    } else if (p.bytes_total && p.bytes_read > 0 && fraction < 1.0) {
        double eta = p.seconds * (1.0 - fraction) / fraction;
        line += "  ETA " + duration(eta);
    }
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
    std::uint64_t passed = 0;
    for (const auto& [reason, n] : s.passed_over) passed += n;
    if (passed) {
        out +=
            "; " + group_thousands(passed) + (passed == 1 ? " file" : " files") + " passed over: ";
        bool first = true;
        for (const auto& [reason, n] : s.passed_over) {
            if (!first) out += ", ";
            first = false;
            out += group_thousands(n) + " " + reason;
        }
    }
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
