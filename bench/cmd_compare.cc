// newsdex-bench compare A.json B.json: read_query_figures() x2 -> compare() -> table / JSON.

#include <cstdio>

#include "bench_compare.h"
#include "cli_options.h"
#include "commands.h"
#include "errors.h"

namespace newsdex::bench {

namespace {

const char* kCompareUsage =
    "usage: newsdex-bench compare [--threshold PCT] [--fail-on-regression] [--json OUT] A.json "
    "B.json\n"
    "Compares two `newsdex-bench query --json` reports per class: B/A ratios of p50, p99 and QPS. "
    "B's p50\n"
    "is a regression when it exceeds A's slowest run p50 by more than PCT percent (default 5); QPS "
    "likewise.";

}  // namespace

int compare_command(int argc, char** argv) {
    namespace po = cli::po;
    double threshold = 5;
    bool fail_on_regression = false;
    std::string json_out;
    std::vector<std::string> files;

    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "threshold",
        po::value<std::string>()
            ->notifier([&](const std::string& v) {
                threshold = cli::parse_decimal(v, "threshold", 0, 1000);
            })
            ->value_name("PCT"),
        "margin beyond A's run spread, in percent (default 5)")(
        "fail-on-regression", po::bool_switch(&fail_on_regression),
        "exit 1 when any class regressed")("json", po::value(&json_out)->value_name("OUT"),
                                           "write the comparison as JSON to OUT ('-': stdout)");

    bool parsed = false;
    int code = guarded("compare", kCompareUsage, true, [&] {
        po::variables_map vm;
        if (!cli::parse(argc, argv, desc, "report", vm, kCompareUsage)) return kExitOk;
        if (vm.count("report")) files = vm["report"].as<std::vector<std::string>>();
        if (files.size() != 2) throw UsageError("compare takes two reports, A.json and B.json");
        parsed = true;
        return kExitOk;
    });
    if (!parsed) return code;

    return guarded("compare", kCompareUsage, false, [&] {
        QueryFigures a = read_query_figures(files[0]);
        QueryFigures b = read_query_figures(files[1]);
        Comparison c = compare(a, b, threshold);
        if (json_out != "-") {
            std::string text = format_comparison_text(c, a, b);
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        if (!json_out.empty()) write_output(json_out, format_comparison_json(c, a, b));
        return fail_on_regression && c.regression ? kExitSkipped : kExitOk;
    });
}

}  // namespace newsdex::bench
