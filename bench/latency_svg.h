#pragma once
// newsdex-bench query --svg: the latency distribution of each query class as
// a hand-written SVG (no dependencies): one row per class, a histogram of the
// single-thread samples on a logarithmic time axis, with p50, p90 and p99 marked.

#include <string>

#include "query_bench.h"

namespace newsdex::bench {

/// `title` goes at the top (escaped). Works for any number of samples,
/// including classes without any.
std::string latency_svg(const QueryBenchResult& result, const std::string& title);

}  // namespace newsdex::bench
