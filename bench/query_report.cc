#include "query_report.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "text_table.h"

namespace newsdex::bench {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put(JsonWriter& w, const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void put(JsonWriter& w, const char* key, double value) {
    w.Key(key);
    w.Double(value);
}
void put_count(JsonWriter& w, const char* key, std::uint64_t value) {
    w.Key(key);
    w.Uint64(value);
}
void put_array(JsonWriter& w, const char* key, const std::vector<double>& values) {
    w.Key(key);
    w.StartArray();
    for (double v : values) w.Double(v);
    w.EndArray();
}

void put_class(JsonWriter& w, const ClassResult& c, unsigned threads) {
    w.StartObject();
    put(w, "class", c.name);
    put_count(w, "queries", c.queries);
    put_count(w, "samples", c.latency.count);
    put(w, "p50_ms", c.latency.p50);
    put(w, "p90_ms", c.latency.p90);
    put(w, "p95_ms", c.latency.p95);
    put(w, "p99_ms", c.latency.p99);
    put(w, "max_ms", c.latency.max);
    put(w, "min_ms", c.latency.min);
    put(w, "mean_ms", c.latency.mean);
    put(w, "qps", c.qps);
    put_array(w, "run_p50_ms", c.run_p50);
    put_array(w, "run_qps", c.run_qps);
    put(w, "mean_matches", c.mean_matches);
    put_count(w, "empty", c.empty);
    if (threads > 1) {
        w.Key("threads");
        w.StartObject();
        put_count(w, "threads", threads);
        put(w, "qps", c.qps_threads);
        put_array(w, "run_qps", c.run_qps_threads);
        put(w, "p50_ms", c.latency_threads.p50);
        put(w, "p99_ms", c.latency_threads.p99);
        w.EndObject();
    }
    w.EndObject();
}

/// (max - min) / median of the runs' p50, as a percentage.
double spread_percent(const ClassResult& c) {
    if (c.run_p50.empty()) return 0;
    auto [lo, hi] = std::minmax_element(c.run_p50.begin(), c.run_p50.end());
    const double mid = median(c.run_p50);
    return mid > 0 ? (*hi - *lo) / mid * 100.0 : 0;
}

std::string mode_table(const ModeResult& mode, unsigned threads) {
    std::vector<std::string> header{"class",  "queries", "p50 ms",  "p90 ms",
                                    "p99 ms", "max ms",  "mean ms", "QPS"};
    if (threads > 1) {
        std::string h = "QPS ";
        h += std::to_string(threads);
        h += 't';
        header.push_back(std::move(h));
    }
    for (const char* h : {"spread", "matches", "empty"}) header.emplace_back(h);
    TextTable table(header);
    auto row = [&](const ClassResult& c) {
        std::vector<std::string> r{c.name,
                                   group_thousands(c.queries),
                                   ms(c.latency.p50),
                                   ms(c.latency.p90),
                                   ms(c.latency.p99),
                                   ms(c.latency.max),
                                   ms(c.latency.mean),
                                   fixed(c.qps, 0)};
        if (threads > 1) r.push_back(fixed(c.qps_threads, 0));
        r.push_back(fixed(spread_percent(c), 1) + "%");
        r.push_back(fixed(c.mean_matches, c.mean_matches < 10 ? 1 : 0));
        r.push_back(group_thousands(c.empty));
        table.add(std::move(r));
    };
    for (const auto& c : mode.classes) row(c);
    row(mode.all);
    return table.render();
}

}  // namespace

std::string describe_method(const QueryBenchOptions& o) {
    std::string s =
        std::to_string(o.warmup) + " warm-up pass" + (o.warmup == 1 ? "" : "es") + ", " +
        std::to_string(o.runs) + " measured run" + (o.runs == 1 ? "" : "s") +
        " of every query; top " + std::to_string(o.limit) +
        (o.snippets ? " without and with snippets" : " without snippets") +
        (o.exact ? ", exact match counts"
                 : ", totals exact up to " +
                       std::to_string(o.collapse ? std::min(o.count_bound, o.collapsed_count_bound)
                                                 : o.count_bound) +
                       " matches") +
        (o.collapse ? ", near-duplicates collapsed" : ", no collapsing") +
        "; latency = wall time of Searcher::search (steady clock, ms); percentiles are "
        "nearest-rank "
        "over queries x runs; QPS = median over runs of queries / summed latency (1 thread)";
    if (o.threads > 1) {
        const std::string t = std::to_string(o.threads);
        s += "; QPS ";
        s += t;
        s += "t = ";
        s += t;
        s += " threads with a Searcher each, started together, queries / wall time, median over "
             "runs";
    }
    s += "; spread = (max - min) / median of the runs' p50; class 'any' runs with --any, 'sorted' "
         "sorted newest first";
    return s;
}

std::string format_query_text(const QueryBenchResult& result, const QueryReportContext& context) {
    const auto& o = context.options;
    std::size_t classes = result.modes.empty() ? 0 : result.modes.front().classes.size();
    std::string out =
        concat("newsdex-bench query: ", group_thousands(o.queries.size()), " queries in ",
               std::to_string(classes), classes == 1 ? " class from " : " classes from ",
               context.queries_file, "; ");
    for (std::size_t i = 0; i < o.db_paths.size(); ++i) {
        if (i) out += ", ";
        out += o.db_paths[i];
    }
    out += concat(" (", group_thousands(result.articles), " articles); ", fixed(result.seconds, 1),
                  " s\n");
    out += concat("machine: ", describe(context.machine), "\n");
    out += concat("method: ", describe_method(o), "\n");
    for (const auto& mode : result.modes) {
        out += mode.snippets ? "\nwith snippets:\n" : "\nwithout snippets:\n";
        out += mode_table(mode, o.threads);
    }
    if (result.modes.size() == 2) {
        out += "\ncost of snippets (with / without):\n";
        TextTable table({"class", "p50 ms", "p50 ms snip", "p50 ratio", "mean ratio"});
        const auto& plain = result.modes[0];
        const auto& snip = result.modes[1];
        for (std::size_t i = 0; i <= plain.classes.size(); ++i) {
            const ClassResult& a = i < plain.classes.size() ? plain.classes[i] : plain.all;
            const ClassResult& b = i < snip.classes.size() ? snip.classes[i] : snip.all;
            table.add({a.name, ms(a.latency.p50), ms(b.latency.p50),
                       ratio(a.latency.p50 > 0 ? b.latency.p50 / a.latency.p50 : 0),
                       ratio(a.latency.mean > 0 ? b.latency.mean / a.latency.mean : 0)});
        }
        out += table.render();
    }
    return out;
}

std::string format_query_json(const QueryBenchResult& result, const QueryReportContext& context) {
    const auto& o = context.options;
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    w.StartObject();
    put(w, "tool", std::string("newsdex-bench query"));
    put_count(w, "format", 1);
    w.Key("machine");
    w.StartObject();
    put(w, "cpu", context.machine.cpu);
    put_count(w, "cores", context.machine.cores);
    put(w, "xapian", context.machine.xapian);
    put(w, "load_average", context.machine.load_average);
    put(w, "started_utc", context.machine.started_utc);
    w.EndObject();
    w.Key("method");
    w.StartObject();
    put_count(w, "warmup", o.warmup);
    put_count(w, "runs", o.runs);
    put_count(w, "threads", o.threads);
    put_count(w, "limit", o.limit);
    w.Key("snippets");
    w.Bool(o.snippets);
    w.Key("exact");
    w.Bool(o.exact);
    w.Key("count_bound");
    w.Uint(o.count_bound);
    w.Key("collapsed_count_bound");
    w.Uint(o.collapsed_count_bound);
    w.Key("collapse");
    w.Bool(o.collapse);
    put(w, "percentile", std::string("nearest-rank"));
    put(w, "description", describe_method(o));
    w.EndObject();
    w.Key("databases");
    w.StartArray();
    for (const auto& p : o.db_paths) w.String(p.c_str());
    w.EndArray();
    put_count(w, "articles", result.articles);
    put(w, "queries_file", context.queries_file);
    put_count(w, "queries", o.queries.size());
    put(w, "seconds", result.seconds);
    w.Key("modes");
    w.StartArray();
    for (const auto& mode : result.modes) {
        w.StartObject();
        w.Key("snippets");
        w.Bool(mode.snippets);
        w.Key("classes");
        w.StartArray();
        for (const auto& c : mode.classes) put_class(w, c, o.threads);
        w.EndArray();
        w.Key("all");
        put_class(w, mode.all, o.threads);
        w.EndObject();
    }
    w.EndArray();
    if (result.modes.size() == 2) {
        w.Key("snippet_cost");
        w.StartArray();
        const auto& plain = result.modes[0];
        const auto& snip = result.modes[1];
        for (std::size_t i = 0; i <= plain.classes.size(); ++i) {
            const ClassResult& a = i < plain.classes.size() ? plain.classes[i] : plain.all;
            const ClassResult& b = i < snip.classes.size() ? snip.classes[i] : snip.all;
            w.StartObject();
            put(w, "class", a.name);
            put(w, "p50_ratio", a.latency.p50 > 0 ? b.latency.p50 / a.latency.p50 : 0);
            put(w, "mean_ratio", a.latency.mean > 0 ? b.latency.mean / a.latency.mean : 0);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

}  // namespace newsdex::bench
