#include "index_bench.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "analysis/text_analyzer.h"
#include "article_pass.h"
#include "document_builder.h"
#include "errors.h"
#include "machine_info.h"
#include "progress_display.h"
#include "text_table.h"

namespace fs = std::filesystem;

namespace newsdex::bench {

namespace {

using Clock = std::chrono::steady_clock;

/// "what N articles", built piecewise (GCC 12's false -Wrestrict on "literal" + std::string).
std::string counted(const char* what, std::uint64_t n) {
    std::string s = what;
    s += group_thousands(n);
    s += " articles";
    return s;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The benchmark measures building a database from nothing: an existing one
/// is removed only when asked and only when it is a Xapian database, so a
/// mistyped --db can never delete anything else.
void prepare_target(const IndexBenchOptions& options) {
    const fs::path db(options.index.db_path);
    std::error_code ec;
    if (!fs::exists(db, ec) || fs::is_empty(db, ec)) return;
    const bool xapian = fs::exists(db / "iamglass", ec) || fs::exists(db / "iamchert", ec) ||
                        fs::exists(db / "iamhoney", ec);
    if (!options.replace || !xapian) {
        std::string message = options.index.db_path;
        message += xapian ? " already holds a database; the benchmark builds a new one (--replace "
                            "removes it first)"
                          : " exists and is not a Xapian database; pick another --db";
        throw UsageError(message);
    }
    fs::remove_all(db);
}

ArticlePassOptions pass_options(const IndexOptions& o) {
    ArticlePassOptions p;
    p.inputs = o.inputs;
    p.reader = o.reader;
    p.walk = o.walk;
    p.collection = o.collection;
    p.default_lang = o.default_lang;
    return p;
}

}  // namespace

std::uint64_t directory_bytes(const std::string& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

IndexBenchResult run_index_bench(const IndexBenchOptions& options,
                                 const std::function<void(const std::string&)>& progress,
                                 const std::atomic<bool>* cancel) {
    auto note = [&](const std::string& s) {
        if (progress) progress(s);
    };
    for (const auto& input : options.index.inputs)
        if (input == "-")
            throw UsageError(
                "the index benchmark reads its inputs several times: '-' (stdin) cannot be one");
    prepare_target(options);
    IndexBenchResult r;
    r.parallelism =
        options.index.jobs ? options.index.jobs : std::max(1u, std::thread::hardware_concurrency());
    const ArticlePassOptions pass = pass_options(options.index);

    // 1. Cold read.
    auto t0 = Clock::now();
    std::uint64_t seen = 0;
    auto count = [&](Article&) {
        if (++seen % 1000 == 0) note(counted("read pass (cold): ", seen));
    };
    ArticlePassStats read = for_each_article(pass, count, cancel);
    r.read_cold_s = seconds_since(t0);
    r.input_bytes = read.bytes;
    r.read_articles = read.articles;

    // 2. The full run.
    IndexCallbacks callbacks;
    std::optional<Clock::time_point> merge_started;
    t0 = Clock::now();
    callbacks.on_progress = [&](const IndexProgress& p) {
        if (p.merging && !merge_started) merge_started = Clock::now();
        std::string line = "indexing: ";
        line += format_progress(p);
        note(line);
    };
    r.stats = run_index(options.index, callbacks, cancel);
    r.full_s = seconds_since(t0);
    if (merge_started)
        r.merge_s = std::chrono::duration<double>(Clock::now() - *merge_started).count();
    r.peak_rss_kib = peak_rss_kib();
    r.db_bytes = directory_bytes(options.index.db_path);

    // 3. Warm read.
    seen = 0;
    t0 = Clock::now();
    auto count_warm = [&](Article&) {
        if (++seen % 1000 == 0) note(counted("read pass (warm): ", seen));
    };
    for_each_article(pass, count_warm, cancel);
    r.read_s = seconds_since(t0);

    // 4. Analysis on one thread, timed around build_document only.
    TextAnalyzer analyzer;
    Clock::duration analysis{};
    seen = 0;
    auto analyse = [&](Article& a) {
        const auto start = Clock::now();
        BuiltDocument built = build_document(a, analyzer);
        analysis += Clock::now() - start;
        if (++seen % 1000 == 0) note(counted("analysis pass: ", seen));
    };
    for_each_article(pass, analyse, cancel);
    r.analysis_s = std::chrono::duration<double>(analysis).count();

    // 5. Derived.
    r.write_s = std::max(0.0, r.full_s - (r.read_s + r.analysis_s) / r.parallelism);
    return r;
}

std::string describe_index_method(const IndexBenchResult& r) {
    std::string s =
        "read = walk + decode + sanitize of every input, no analysis (second pass, page cache "
        "warm); "
        "analysis = build_document() on one thread, summed over the articles of a third pass, no "
        "database; "
        "full = run_index() into a new database with ";
    s += std::to_string(r.parallelism);
    s += r.parallelism == 1 ? " worker" : " workers";
    s += "; write (derived) = full - (read + analysis) / ";
    s += std::to_string(r.parallelism);
    s += ", clamped at 0: an estimate, since reading runs beside the workers and segment mode "
         "merges at the end";
    s += "; MB = 10^6 bytes of input on disk; peak RSS = getrusage after the full run";
    return s;
}

std::string format_index_text(const IndexBenchResult& r, const IndexBenchOptions& options,
                              const std::string& machine) {
    std::string out = "newsdex-bench index: ";
    for (std::size_t i = 0; i < options.index.inputs.size(); ++i) {
        if (i) out += ' ';
        out += options.index.inputs[i];
    }
    out += " -> ";
    out += options.index.db_path;
    out += " (";
    out += r.stats.mode;
    out += " mode)\nmachine: ";
    out += machine;
    out += "\nmethod: ";
    out += describe_index_method(r);
    out += "\n\n";

    TextTable totals({"articles", "files", "input MB", "seconds", "articles/s", "MB/s",
                      "peak RSS MiB", "database MiB", "bytes/article"});
    const double articles = static_cast<double>(r.stats.articles());
    totals.add({group_thousands(r.stats.articles()), group_thousands(r.stats.files),
                fixed(static_cast<double>(r.input_bytes) / 1e6, 1), fixed(r.full_s, 2),
                fixed(r.articles_per_s(), 0), fixed(r.mb_per_s(), 2),
                fixed(static_cast<double>(r.peak_rss_kib) / 1024.0, 1),
                fixed(static_cast<double>(r.db_bytes) / 1048576.0, 1),
                fixed(articles > 0 ? static_cast<double>(r.db_bytes) / articles : 0, 0)});
    out += totals.render();
    out += '\n';

    TextTable split({"step", "seconds", "share of full", "note"});
    auto share = [&](double s) {
        return r.full_s > 0 ? fixed(s / r.full_s * 100, 0) + "%" : std::string("-");
    };
    split.add({"read (cold)", fixed(r.read_cold_s, 2), share(r.read_cold_s),
               "first pass, page cache cold"});
    split.add({"read", fixed(r.read_s, 2), share(r.read_s), "one thread"});
    split.add({"analysis", fixed(r.analysis_s, 2), share(r.analysis_s), "one thread"});
    std::string per_worker = "(read + analysis) / ";
    per_worker += std::to_string(r.parallelism);
    split.add({"read+analysis / P", fixed((r.read_s + r.analysis_s) / r.parallelism, 2),
               share((r.read_s + r.analysis_s) / r.parallelism), per_worker});
    split.add(
        {"write (derived)", fixed(r.write_s, 2), share(r.write_s), "full - (read + analysis) / P"});
    if (r.merge_s)
        split.add({"  of which merge", fixed(*r.merge_s, 2), share(*r.merge_s),
                   "from progress, +-0.25 s"});
    split.add({"full", fixed(r.full_s, 2), "100%", "run_index"});
    out += split.render();
    if (r.read_articles != r.stats.articles()) {
        out += "note: the read pass saw ";
        out += group_thousands(r.read_articles);
        out += " articles, the index run ";
        out += group_thousands(r.stats.articles());
        out += " (duplicate ids or skipped records)\n";
    }
    return out;
}

std::string format_index_json(const IndexBenchResult& r, const IndexBenchOptions& options,
                              const std::string& machine) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    auto num = [&](const char* key, double v) {
        w.Key(key);
        w.Double(v);
    };
    auto count = [&](const char* key, std::uint64_t v) {
        w.Key(key);
        w.Uint64(v);
    };
    auto str = [&](const char* key, const std::string& v) {
        w.Key(key);
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartObject();
    str("tool", "newsdex-bench index");
    count("format", 1);
    str("machine", machine);
    str("database", options.index.db_path);
    w.Key("inputs");
    w.StartArray();
    for (const auto& i : options.index.inputs) w.String(i.c_str());
    w.EndArray();
    str("mode", r.stats.mode);
    count("articles", r.stats.articles());
    count("files", r.stats.files);
    count("skipped", r.stats.skipped);
    count("warnings", r.stats.warnings);
    count("input_bytes", r.input_bytes);
    num("seconds", r.full_s);
    num("articles_per_s", r.articles_per_s());
    num("mb_per_s", r.mb_per_s());
    count("peak_rss_kib", static_cast<std::uint64_t>(r.peak_rss_kib));
    count("db_bytes", r.db_bytes);
    w.Key("split");
    w.StartObject();
    num("read_cold_s", r.read_cold_s);
    num("read_s", r.read_s);
    num("analysis_s", r.analysis_s);
    num("write_s", r.write_s);
    if (r.merge_s) num("merge_s", *r.merge_s);
    num("full_s", r.full_s);
    count("parallelism", r.parallelism);
    str("derivation", describe_index_method(r));
    w.EndObject();
    w.EndObject();
    std::string out(buffer.GetString(), buffer.GetSize());
    out += '\n';
    return out;
}

}  // namespace newsdex::bench
