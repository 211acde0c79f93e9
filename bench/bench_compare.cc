#include "bench_compare.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "errors.h"
#include "text_table.h"

namespace newsdex::bench {

namespace {

[[noreturn]] void not_a_report(const std::string& path, const std::string& why) {
    std::string message = path;
    message += ": not a newsdex-bench query --json report (";
    message += why;
    message += ')';
    throw UsageError(message);
}

double number(const rapidjson::Value& v, const char* key, const std::string& path) {
    if (!v.IsObject() || !v.HasMember(key) || !v[key].IsNumber()) {
        std::string why = "no number '";
        why += key;
        why += '\'';
        not_a_report(path, why);
    }
    return v[key].GetDouble();
}

std::vector<double> numbers(const rapidjson::Value& v, const char* key) {
    std::vector<double> out;
    if (v.HasMember(key) && v[key].IsArray())
        for (const auto& x : v[key].GetArray())
            if (x.IsNumber()) out.push_back(x.GetDouble());
    return out;
}

ClassFigures read_class(const rapidjson::Value& v, const std::string& path) {
    ClassFigures c;
    if (!v.IsObject() || !v.HasMember("class") || !v["class"].IsString())
        not_a_report(path, "class without a name");
    c.name = v["class"].GetString();
    c.p50 = number(v, "p50_ms", path);
    c.p99 = number(v, "p99_ms", path);
    c.qps = number(v, "qps", path);
    c.run_p50 = numbers(v, "run_p50_ms");
    c.run_qps = numbers(v, "run_qps");
    if (v.HasMember("threads") && v["threads"].IsObject())
        c.qps_threads = number(v["threads"], "qps", path);
    return c;
}

std::vector<ClassFigures> read_mode(const rapidjson::Value& mode, const std::string& path) {
    std::vector<ClassFigures> out;
    if (!mode.HasMember("classes") || !mode["classes"].IsArray())
        not_a_report(path, "mode without classes");
    for (const auto& c : mode["classes"].GetArray()) out.push_back(read_class(c, path));
    if (mode.HasMember("all")) out.push_back(read_class(mode["all"], path));
    return out;
}

Verdict judge_latency(double b, const ClassFigures& a, double threshold) {
    const double lo =
        a.run_p50.empty() ? a.p50 : *std::min_element(a.run_p50.begin(), a.run_p50.end());
    const double hi =
        a.run_p50.empty() ? a.p50 : *std::max_element(a.run_p50.begin(), a.run_p50.end());
    if (b > hi * (1 + threshold)) return Verdict::Slower;
    if (b < lo * (1 - threshold)) return Verdict::Faster;
    return Verdict::Same;
}

Verdict judge_throughput(double b, const ClassFigures& a, double threshold) {
    const double lo =
        a.run_qps.empty() ? a.qps : *std::min_element(a.run_qps.begin(), a.run_qps.end());
    const double hi =
        a.run_qps.empty() ? a.qps : *std::max_element(a.run_qps.begin(), a.run_qps.end());
    if (b < lo * (1 - threshold)) return Verdict::Slower;
    if (b > hi * (1 + threshold)) return Verdict::Faster;
    return Verdict::Same;
}

double safe_ratio(double b, double a) { return a > 0 ? b / a : 0; }

std::vector<ClassComparison> compare_mode(const std::vector<ClassFigures>& a,
                                          const std::vector<ClassFigures>& b, double threshold,
                                          Comparison& out) {
    std::vector<ClassComparison> rows;
    for (const ClassFigures& ca : a) {
        auto cb = std::find_if(b.begin(), b.end(),
                               [&](const ClassFigures& x) { return x.name == ca.name; });
        if (cb == b.end()) {
            out.only_in_a.push_back(ca.name);
            continue;
        }
        ClassComparison r;
        r.name = ca.name;
        r.p50_a = ca.p50;
        r.p50_b = cb->p50;
        r.p50_ratio = safe_ratio(cb->p50, ca.p50);
        r.p99_ratio = safe_ratio(cb->p99, ca.p99);
        r.qps_ratio = safe_ratio(cb->qps, ca.qps);
        if (ca.qps_threads && cb->qps_threads)
            r.qps_threads_ratio = safe_ratio(*cb->qps_threads, *ca.qps_threads);
        r.latency = judge_latency(cb->p50, ca, threshold);
        r.throughput = judge_throughput(cb->qps, ca, threshold);
        if (r.latency == Verdict::Slower || r.throughput == Verdict::Slower) out.regression = true;
        rows.push_back(std::move(r));
    }
    for (const ClassFigures& cb : b)
        if (std::none_of(a.begin(), a.end(),
                         [&](const ClassFigures& x) { return x.name == cb.name; }))
            out.only_in_b.push_back(cb.name);
    return rows;
}

std::string verdict_text(const ClassComparison& r) {
    if (r.latency == Verdict::Slower || r.throughput == Verdict::Slower) {
        std::string s = "REGRESSION";
        if (r.latency == Verdict::Slower) s += " p50";
        if (r.throughput == Verdict::Slower) s += " qps";
        return s;
    }
    if (r.latency == Verdict::Faster || r.throughput == Verdict::Faster) return "faster";
    return "within noise";
}

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::Slower:
            return "slower";
        case Verdict::Faster:
            return "faster";
        case Verdict::Same:
            break;
    }
    return "same";
}

std::string mode_table(const std::vector<ClassComparison>& rows) {
    const bool threads = std::any_of(rows.begin(), rows.end(),
                                     [](const auto& r) { return r.qps_threads_ratio.has_value(); });
    std::vector<std::string> header{"class",   "p50 A ms", "p50 B ms",
                                    "p50 B/A", "p99 B/A",  "QPS B/A"};
    if (threads) header.emplace_back("QPS nt B/A");
    header.emplace_back("verdict");
    TextTable table(header);
    for (const auto& r : rows) {
        std::vector<std::string> row{r.name,
                                     ms(r.p50_a),
                                     ms(r.p50_b),
                                     ratio(r.p50_ratio),
                                     ratio(r.p99_ratio),
                                     ratio(r.qps_ratio)};
        if (threads) row.push_back(r.qps_threads_ratio ? ratio(*r.qps_threads_ratio) : "-");
        row.push_back(verdict_text(r));
        table.add(std::move(row));
    }
    return table.render();
}

}  // namespace

QueryFigures parse_query_figures(const std::string& json, const std::string& path) {
    rapidjson::Document d;
    d.Parse(json.c_str());
    if (d.HasParseError() || !d.IsObject()) not_a_report(path, "not JSON");
    if (!d.HasMember("tool") || !d["tool"].IsString() ||
        std::string(d["tool"].GetString()) != "newsdex-bench query")
        not_a_report(path, "no \"tool\": \"newsdex-bench query\"");
    QueryFigures f;
    f.path = path;
    if (d.HasMember("machine") && d["machine"].IsObject()) {
        const auto& m = d["machine"];
        if (m.HasMember("cpu") && m["cpu"].IsString()) f.machine = m["cpu"].GetString();
        if (m.HasMember("cores") && m["cores"].IsUint()) {
            f.machine += ", ";
            f.machine += std::to_string(m["cores"].GetUint());
            f.machine += " cores";
        }
        if (m.HasMember("started_utc") && m["started_utc"].IsString()) {
            f.machine += ", ";
            f.machine += m["started_utc"].GetString();
        }
    }
    if (d.HasMember("articles") && d["articles"].IsUint64()) f.articles = d["articles"].GetUint64();
    if (d.HasMember("method") && d["method"].IsObject()) {
        const auto& m = d["method"];
        if (m.HasMember("runs") && m["runs"].IsUint()) f.runs = m["runs"].GetUint();
        if (m.HasMember("threads") && m["threads"].IsUint()) f.threads = m["threads"].GetUint();
        if (m.HasMember("limit") && m["limit"].IsUint()) f.limit = m["limit"].GetUint();
        if (m.HasMember("exact") && m["exact"].IsBool()) f.exact = m["exact"].GetBool();
    }
    if (!d.HasMember("modes") || !d["modes"].IsArray()) not_a_report(path, "no modes");
    for (const auto& mode : d["modes"].GetArray()) {
        const bool snippets =
            mode.HasMember("snippets") && mode["snippets"].IsBool() && mode["snippets"].GetBool();
        (snippets ? f.snippets : f.plain) = read_mode(mode, path);
    }
    return f;
}

QueryFigures read_query_figures(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return parse_query_figures(s.str(), path);
}

Comparison compare(const QueryFigures& a, const QueryFigures& b, double threshold_percent) {
    Comparison c;
    c.threshold_percent = threshold_percent;
    const double t = threshold_percent / 100.0;
    c.plain = compare_mode(a.plain, b.plain, t, c);
    if (!a.snippets.empty() && !b.snippets.empty())
        c.snippets = compare_mode(a.snippets, b.snippets, t, c);
    // A class missing from both modes is reported once.
    for (auto* list : {&c.only_in_a, &c.only_in_b}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    if (a.articles != b.articles) {
        std::string caveat = "different databases: ";
        caveat += group_thousands(a.articles);
        caveat += " vs ";
        caveat += group_thousands(b.articles);
        caveat += " articles";
        c.caveats.push_back(std::move(caveat));
    }
    if (a.limit != b.limit) c.caveats.emplace_back("different --limit");
    if (a.exact != b.exact) c.caveats.emplace_back("--exact in one run only");
    if (a.threads != b.threads) c.caveats.emplace_back("different --threads");
    if (a.machine.substr(0, a.machine.find(',')) != b.machine.substr(0, b.machine.find(',')))
        c.caveats.emplace_back("different CPUs");
    if (a.runs < 3)
        c.caveats.emplace_back("A has fewer than 3 runs: its spread says little about noise");
    return c;
}

std::string format_comparison_text(const Comparison& c, const QueryFigures& a,
                                   const QueryFigures& b) {
    std::string out = "newsdex-bench compare: A = ";
    out += a.path;
    out += " (";
    out += a.machine;
    out += ")\n                       B = ";
    out += b.path;
    out += " (";
    out += b.machine;
    out += ")\nrule: B's p50 is a regression above A's slowest run p50 by more than ";
    out += fixed(c.threshold_percent, 1);
    out += "% (faster: below A's fastest by as much); QPS likewise against A's runs\n";
    for (const auto& caveat : c.caveats) {
        out += "caveat: ";
        out += caveat;
        out += '\n';
    }
    out += "\nwithout snippets:\n";
    out += mode_table(c.plain);
    if (!c.snippets.empty()) {
        out += "\nwith snippets:\n";
        out += mode_table(c.snippets);
    }
    auto list = [&](const char* what, const std::vector<std::string>& names) {
        if (names.empty()) return;
        out += what;
        for (std::size_t i = 0; i < names.size(); ++i) {
            out += i ? ", " : " ";
            out += names[i];
        }
        out += '\n';
    };
    list("\nonly in A:", c.only_in_a);
    list("only in B:", c.only_in_b);
    out += c.regression ? "\nregression: yes\n" : "\nregression: no\n";
    return out;
}

std::string format_comparison_json(const Comparison& c, const QueryFigures& a,
                                   const QueryFigures& b) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("tool");
    w.String("newsdex-bench compare");
    w.Key("a");
    w.String(a.path.c_str());
    w.Key("b");
    w.String(b.path.c_str());
    w.Key("threshold_percent");
    w.Double(c.threshold_percent);
    w.Key("regression");
    w.Bool(c.regression);
    w.Key("caveats");
    w.StartArray();
    for (const auto& s : c.caveats) w.String(s.c_str());
    w.EndArray();
    auto rows = [&](const char* key, const std::vector<ClassComparison>& list) {
        w.Key(key);
        w.StartArray();
        for (const auto& r : list) {
            w.StartObject();
            w.Key("class");
            w.String(r.name.c_str());
            w.Key("p50_a_ms");
            w.Double(r.p50_a);
            w.Key("p50_b_ms");
            w.Double(r.p50_b);
            w.Key("p50_ratio");
            w.Double(r.p50_ratio);
            w.Key("p99_ratio");
            w.Double(r.p99_ratio);
            w.Key("qps_ratio");
            w.Double(r.qps_ratio);
            if (r.qps_threads_ratio) {
                w.Key("qps_threads_ratio");
                w.Double(*r.qps_threads_ratio);
            }
            w.Key("latency");
            w.String(verdict_name(r.latency));
            w.Key("throughput");
            w.String(verdict_name(r.throughput));
            w.EndObject();
        }
        w.EndArray();
    };
    rows("classes", c.plain);
    if (!c.snippets.empty()) rows("snippet_classes", c.snippets);
    w.Key("only_in_a");
    w.StartArray();
    for (const auto& s : c.only_in_a) w.String(s.c_str());
    w.EndArray();
    w.Key("only_in_b");
    w.StartArray();
    for (const auto& s : c.only_in_b) w.String(s.c_str());
    w.EndArray();
    w.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

}  // namespace newsdex::bench
