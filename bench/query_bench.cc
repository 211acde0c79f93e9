#include "query_bench.h"

#include <barrier>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "errors.h"
#include "text_table.h"

namespace newsdex::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct ClassQueries {
    std::string name;
    std::vector<std::string> texts;
};

std::vector<ClassQueries> group_by_class(const std::vector<QueryLine>& lines) {
    std::vector<ClassQueries> classes;
    std::map<std::string, std::size_t> index;
    for (const QueryLine& q : lines) {
        auto [it, added] = index.emplace(q.label, classes.size());
        if (added) classes.push_back({q.label, {}});
        classes[it->second].texts.push_back(q.text);
    }
    return classes;
}

/// T threads, each with its own Searcher, running one task at a time in
/// lockstep with the calling thread: run() releases them together and returns
/// when the last one is done, so its wall time is the task's makespan.
class SearcherTeam {
  public:
    /// task(thread index, that thread's searcher, where its latency samples go)
    using Task = std::function<void(unsigned, Searcher&, std::vector<double>&)>;

    SearcherTeam(unsigned threads, const std::vector<std::string>& db_paths)
        : start_(threads + 1), done_(threads + 1), samples_(threads) {
        for (unsigned i = 0; i < threads; ++i)
            searchers_.push_back(std::make_unique<Searcher>(db_paths));
        for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this, i] { loop(i); });
    }
    ~SearcherTeam() {
        stop_ = true;
        start_.arrive_and_wait();
        for (auto& t : workers_) t.join();
    }
    SearcherTeam(const SearcherTeam&) = delete;
    SearcherTeam& operator=(const SearcherTeam&) = delete;

    /// Runs `task` on every thread; appends their samples to `samples`;
    /// returns milliseconds from the common start to the last finish.
    double run(const Task& task, std::vector<double>* samples) {
        task_ = &task;
        for (auto& s : samples_) s.clear();
        // The workers are parked at start_; this thread's arrival releases them.
        const auto started = Clock::now();
        start_.arrive_and_wait();
        done_.arrive_and_wait();
        const double wall = ms_since(started);
        task_ = nullptr;
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
        if (samples)
            for (const auto& s : samples_) samples->insert(samples->end(), s.begin(), s.end());
        return wall;
    }

  private:
    void loop(unsigned i) {
        for (;;) {
            start_.arrive_and_wait();
            if (stop_) return;
            try {
                (*task_)(i, *searchers_[i], samples_[i]);
            } catch (...) {
                std::lock_guard lock(error_mutex_);
                if (!error_) error_ = std::current_exception();
            }
            done_.arrive_and_wait();
        }
    }

    std::barrier<> start_, done_;
    std::vector<std::unique_ptr<Searcher>> searchers_;
    std::vector<std::vector<double>> samples_;
    std::vector<std::thread> workers_;
    const Task* task_ = nullptr;  // set by run() before the start barrier, read after it
    bool stop_ = false;           // likewise
    std::mutex error_mutex_;
    std::exception_ptr error_;
};

/// Samples of one class in one mode, per run.
struct ClassRuns {
    std::vector<std::vector<double>> runs;  // runs[r] = latencies (ms) of run r
    double matches = 0;
    std::size_t empty = 0;
    std::vector<std::vector<double>> thread_runs;  // latencies with T threads, per run
    std::vector<double> thread_qps;
};

ClassResult summarize_class(const std::string& name, std::size_t queries, const ClassRuns& data) {
    ClassResult c;
    c.name = name;
    c.queries = queries;
    for (const auto& run : data.runs) {
        c.samples.insert(c.samples.end(), run.begin(), run.end());
        c.run_p50.push_back(median(run));
        double sum = 0;
        for (double ms : run) sum += ms;
        c.run_qps.push_back(sum > 0 ? static_cast<double>(run.size()) * 1000.0 / sum : 0);
    }
    c.latency = summarize(c.samples);
    c.qps = median(c.run_qps);
    c.mean_matches = queries ? data.matches / static_cast<double>(queries) : 0;
    c.empty = data.empty;
    if (!data.thread_qps.empty()) {
        std::vector<double> all;
        for (const auto& run : data.thread_runs) all.insert(all.end(), run.begin(), run.end());
        c.latency_threads = summarize(std::move(all));
        c.run_qps_threads = data.thread_qps;
        c.qps_threads = median(data.thread_qps);
    }
    return c;
}

}  // namespace

SearchRequest make_request(const std::string& query_class, const std::string& text,
                           const QueryBenchOptions& options, bool snippets) {
    SearchRequest r;
    r.query = text;
    r.limit = options.limit;
    r.snippets = snippets;
    r.exact_total = options.exact;
    r.count_bound = options.count_bound;
    r.collapsed_count_bound = options.collapsed_count_bound;
    r.collapse = options.collapse;
    if (query_class == "any") r.any = true;
    if (query_class == "sorted") r.sort = SortOrder::Newest;
    return r;
}

QueryBenchResult run_query_bench(const QueryBenchOptions& options, const ProgressFn& progress) {
    if (options.queries.empty()) throw UsageError("the query file has no queries");
    if (options.runs == 0) throw UsageError("--runs must be at least 1");
    if (options.threads == 0) throw UsageError("--threads must be at least 1");
    const auto started = Clock::now();
    auto note = [&](const std::string& what) {
        if (progress) progress(what);
    };

    const std::vector<ClassQueries> classes = group_by_class(options.queries);
    std::vector<bool> modes{false};
    if (options.snippets) modes.push_back(true);

    // requests[m][c][q], built once so the timed loop only searches.
    std::vector<std::vector<std::vector<SearchRequest>>> requests(modes.size());
    for (std::size_t m = 0; m < modes.size(); ++m)
        for (const auto& c : classes) {
            requests[m].emplace_back();
            for (const auto& text : c.texts)
                requests[m].back().push_back(make_request(c.name, text, options, modes[m]));
        }

    Searcher searcher(options.db_paths);
    QueryBenchResult result;
    result.articles = searcher.database().get_doccount();

    for (unsigned w = 0; w < options.warmup; ++w) {
        note(concat("warm-up ", std::to_string(w + 1), "/", std::to_string(options.warmup)));
        for (const auto& mode : requests)
            for (const auto& cls : mode)
                for (const auto& r : cls) searcher.search(r);
    }

    // data[m][c]; the last entry of each mode collects the whole file ("all").
    std::vector<std::vector<ClassRuns>> data(modes.size(),
                                             std::vector<ClassRuns>(classes.size() + 1));
    for (unsigned run = 0; run < options.runs; ++run) {
        for (std::size_t m = 0; m < modes.size(); ++m) {
            auto& all = data[m].back();
            all.runs.emplace_back();
            for (std::size_t c = 0; c < classes.size(); ++c) {
                note(concat("run ", std::to_string(run + 1), "/", std::to_string(options.runs),
                            " · ", modes[m] ? "snippets · " : "", classes[c].name));
                auto& cls = data[m][c];
                cls.runs.emplace_back();
                for (const SearchRequest& r : requests[m][c]) {
                    const auto t0 = Clock::now();
                    SearchResult found = searcher.search(r);
                    const double ms = ms_since(t0);
                    cls.runs.back().push_back(ms);
                    all.runs.back().push_back(ms);
                    if (run == 0) {
                        cls.matches += static_cast<double>(found.estimated_total);
                        all.matches += static_cast<double>(found.estimated_total);
                        if (found.estimated_total == 0) ++cls.empty, ++all.empty;
                    }
                }
            }
        }
    }

    if (options.threads > 1) {
        const unsigned T = options.threads;
        SearcherTeam team(T, options.db_paths);
        note(concat("warm-up with ", std::to_string(T), " threads"));
        SearcherTeam::Task warm = [&](unsigned, Searcher& s, std::vector<double>&) {
            for (const auto& mode : requests)
                for (const auto& cls : mode)
                    for (const auto& r : cls) s.search(r);
        };
        team.run(warm, nullptr);

        // Runs `list` on every thread, each starting at its own offset so the
        // threads do not hit the same query at once, repeated so that one
        // thread's share lasts about min_task_ms. Returns queries per second.
        auto measure = [&](const std::vector<const SearchRequest*>& list, double single_mean_ms,
                           std::vector<double>& samples) {
            const std::size_t n = list.size();
            const double pass_ms = std::max(single_mean_ms * static_cast<double>(n), 1e-3);
            const auto repeat =
                static_cast<std::size_t>(std::max(1.0, std::ceil(options.min_task_ms / pass_ms)));
            SearcherTeam::Task task = [&](unsigned i, Searcher& s, std::vector<double>& out) {
                const std::size_t offset = i * n / T;
                for (std::size_t rep = 0; rep < repeat; ++rep)
                    for (std::size_t k = 0; k < n; ++k) {
                        const auto t0 = Clock::now();
                        s.search(*list[(k + offset) % n]);
                        out.push_back(ms_since(t0));
                    }
            };
            const double wall = team.run(task, &samples);
            return static_cast<double>(T * n * repeat) * 1000.0 / wall;
        };

        for (unsigned run = 0; run < options.runs; ++run) {
            for (std::size_t m = 0; m < modes.size(); ++m) {
                std::vector<const SearchRequest*> everything;
                for (std::size_t c = 0; c < classes.size(); ++c) {
                    note(concat(std::to_string(T), " threads · run ", std::to_string(run + 1), "/",
                                std::to_string(options.runs), " · ", modes[m] ? "snippets · " : "",
                                classes[c].name));
                    std::vector<const SearchRequest*> list;
                    for (const auto& r : requests[m][c]) list.push_back(&r);
                    everything.insert(everything.end(), list.begin(), list.end());
                    auto& cls = data[m][c];
                    cls.thread_runs.emplace_back();
                    const double mean = summarize(cls.runs.front()).mean;
                    cls.thread_qps.push_back(measure(list, mean, cls.thread_runs.back()));
                }
                auto& all = data[m].back();
                all.thread_runs.emplace_back();
                const double mean = summarize(all.runs.front()).mean;
                all.thread_qps.push_back(measure(everything, mean, all.thread_runs.back()));
            }
        }
    }

    for (std::size_t m = 0; m < modes.size(); ++m) {
        ModeResult mode;
        mode.snippets = modes[m];
        for (std::size_t c = 0; c < classes.size(); ++c)
            mode.classes.push_back(
                summarize_class(classes[c].name, classes[c].texts.size(), data[m][c]));
        mode.all = summarize_class("all", options.queries.size(), data[m].back());
        result.modes.push_back(std::move(mode));
    }
    result.seconds = ms_since(started) / 1000.0;
    return result;
}

}  // namespace newsdex::bench
