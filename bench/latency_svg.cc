#include "latency_svg.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "snippet_renderer.h"  // html_escape: the same escaping as snippets
#include "text_table.h"

namespace newsdex::bench {

namespace {

constexpr double kWidth = 960;
constexpr double kLeft = 110;   // class names
constexpr double kRight = 250;  // figures at the end of each row
constexpr double kRowHeight = 34;
constexpr double kTop = 46;
constexpr int kBins = 80;

/// Appends text and coordinates; builds the document piecewise (no
/// "literal" + std::string temporaries, which GCC 12 flags with a false -Wrestrict).
class Out {
  public:
    Out& operator<<(std::string_view s) {
        text_.append(s);
        return *this;
    }
    Out& operator<<(double v) {
        text_ += fixed(v, 1);
        return *this;
    }
    std::string take() { return std::move(text_); }

  private:
    std::string text_;
};

}  // namespace

std::string latency_svg(const QueryBenchResult& result, const std::string& title) {
    // One axis for every row, so rows compare at a glance: whole decades
    // around the smallest and largest sample.
    double lo = 0, hi = 0;
    bool any = false;
    std::size_t rows = 0;
    for (const auto& mode : result.modes) {
        rows += mode.classes.size() + 1;
        for (const auto& c : mode.classes) {
            if (c.samples.empty()) continue;
            lo = any ? std::min(lo, c.latency.min) : c.latency.min;
            hi = any ? std::max(hi, c.latency.max) : c.latency.max;
            any = true;
        }
    }
    if (!any) lo = 0.01, hi = 1;
    const double lo_decade = std::floor(std::log10(std::max(lo, 1e-6)));
    double hi_decade = std::ceil(std::log10(std::max(hi, 1e-6)));
    if (hi_decade <= lo_decade) hi_decade = lo_decade + 1;
    const double plot_w = kWidth - kLeft - kRight;
    auto x_of = [&](double ms) {
        const double d = std::log10(std::max(ms, 1e-6));
        return kLeft + (d - lo_decade) / (hi_decade - lo_decade) * plot_w;
    };
    const double height = kTop + static_cast<double>(rows) * kRowHeight + 60;

    Out svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\""
        << height << "\" viewBox=\"0 0 " << kWidth << " " << height
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"" << kLeft << "\" y=\"20\" font-size=\"14\" font-weight=\"bold\">"
        << html_escape(title) << "</text>\n"
        << "<text x=\"" << kLeft
        << "\" y=\"36\" fill=\"#555\">latency per query, ms, log scale; bars: histogram of all "
           "samples; "
           "lines: p50 (black), p90 (orange), p99 (red)</text>\n";

    double y = kTop;
    auto draw_row = [&](const ClassResult& c, const std::string& label) {
        const double base = y + kRowHeight - 6;
        svg << "<text x=\"" << kLeft - 8 << "\" y=\"" << base - 6 << "\" text-anchor=\"end\">"
            << html_escape(label) << "</text>\n"
            << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plot_w << "\" y1=\"" << base
            << "\" y2=\"" << base << "\" stroke=\"#ccc\"/>\n";
        if (!c.samples.empty()) {
            std::vector<std::size_t> bins(kBins, 0);
            for (double s : c.samples) {
                const double f = (x_of(s) - kLeft) / plot_w;
                ++bins[std::clamp(static_cast<int>(f * kBins), 0, kBins - 1)];
            }
            const double peak = static_cast<double>(*std::max_element(bins.begin(), bins.end()));
            const double bin_w = plot_w / kBins;
            for (int b = 0; b < kBins; ++b) {
                if (!bins[b]) continue;
                const double h = (kRowHeight - 10) * static_cast<double>(bins[b]) / peak;
                svg << "<rect x=\"" << kLeft + b * bin_w << "\" y=\"" << base - h << "\" width=\""
                    << std::max(bin_w - 1, 1.0) << "\" height=\"" << h << "\" fill=\"#7aa6d8\"/>\n";
            }
            const std::pair<double, std::string_view> marks[] = {
                {c.latency.p50, "black"}, {c.latency.p90, "#e08a00"}, {c.latency.p99, "#d00000"}};
            for (const auto& [value, colour] : marks) {
                const double x = x_of(value);
                svg << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << base - kRowHeight + 8
                    << "\" y2=\"" << base << "\" stroke=\"" << colour
                    << "\" stroke-width=\"2\"/>\n";
            }
        }
        svg << "<text x=\"" << kLeft + plot_w + 10 << "\" y=\"" << base - 6
            << "\" fill=\"#333\">p50 " << ms(c.latency.p50) << "  p99 " << ms(c.latency.p99)
            << "  max " << ms(c.latency.max) << "</text>\n";
        y += kRowHeight;
    };
    for (const auto& mode : result.modes) {
        if (mode.snippets && y > kTop) {
            // The rows with snippets follow those without: a rule between the two.
            svg << "<line x1=\"" << kLeft - 100 << "\" x2=\"" << kLeft + plot_w << "\" y1=\""
                << y + 2 << "\" y2=\"" << y + 2
                << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n";
        }
        for (const auto& c : mode.classes) {
            std::string label = c.name;
            if (mode.snippets) label += " +snip";
            draw_row(c, label);
        }
        draw_row(mode.all, mode.snippets ? "all +snip" : "all");
    }

    // Axis: a grid line and label at 1, 2 and 5 of every decade.
    const double axis_y = y + 4;
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + plot_w << "\" y1=\"" << axis_y
        << "\" y2=\"" << axis_y << "\" stroke=\"black\"/>\n";
    for (double d = lo_decade; d <= hi_decade; ++d) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, d);
            if (std::log10(v) > hi_decade + 1e-9) break;
            const double x = x_of(v);
            svg << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << kTop << "\" y2=\""
                << axis_y + 4 << "\" stroke=\"" << (m == 1.0 ? "#bbb" : "#eee") << "\"/>\n"
                << "<text x=\"" << x << "\" y=\"" << axis_y + 18 << "\" text-anchor=\"middle\">"
                << (v < 1 ? fixed(v, static_cast<int>(-d)) : fixed(v, 0)) << "</text>\n";
        }
    }
    svg << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << axis_y + 36
        << "\" text-anchor=\"middle\">ms</text>\n</svg>\n";
    return svg.take();
}

}  // namespace newsdex::bench
