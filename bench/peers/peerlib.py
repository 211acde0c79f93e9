#!/usr/bin/python3
"""What every peer script of bench/peers/ shares, so the peers cannot drift
apart from each other or from newsdex-bench:

- export_articles() / read_articles(): the JSONL all engines index, written
  by `newsdex-bench export` (newsdex's own stored-field reader and article
  formatter), so no peer decodes newsdex's stored fields;
- read_queries() / query_tree(): the CLASS<TAB>QUERY files of bench/queries/
  as newsdex's own parser reads them (`newsdex-bench parse-queries`: the
  query tree as JSON, date ranges resolved), so no peer re-parses newsdex's
  query language;
- the renderers: that tree in each peer's own syntax; what a peer cannot
  express raises Unsupported, and the query is skipped and counted, never
  silently changed;
- run_bench() and report(): the timing loop and the JSON report of
  `newsdex-bench query --json` (bench/query_bench.cc, bench/query_report.cc),
  same order of runs and modes, same nearest-rank percentiles, same schema,
  so `newsdex-bench compare` and run_peers.sh read a peer's report as they read
  newsdex's.

Stdlib only (plus a built newsdex-bench, see newsdex_bench()); the peers
that need python3-xapian import it themselves.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import time

# --- newsdex's own output ------------------------------------------------------

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def newsdex_bench():
    """The newsdex-bench binary: $NEWSDEX_BENCH, else newsdex-bench in
    $NEWSDEX_BUILD_DIR (default build/ of this checkout)."""
    path = os.environ.get("NEWSDEX_BENCH") or os.path.join(
        os.environ.get("NEWSDEX_BUILD_DIR") or os.path.join(ROOT, "build"), "bench", "newsdex-bench")
    if not os.access(path, os.X_OK):
        sys.exit(f"peers: no newsdex-bench at {path} (build it, or set NEWSDEX_BENCH / NEWSDEX_BUILD_DIR)")
    return path


def _article(line):
    """One export line -> dict, null fields (an undated article's date and
    epoch, no source) dropped, so a peer tests presence with `in`."""
    return {k: v for k, v in json.loads(line).items() if v is not None}


def exported_articles(db_path):
    """The stored articles of a newsdex database, one dict each, in document
    order, as `newsdex-bench export` writes them (searcher/result_format.h,
    format_stored_article_json: newsdex's own stored-field reader and article
    formatter), streamed."""
    with subprocess.Popen([newsdex_bench(), "export", "--db", db_path], stdout=subprocess.PIPE) as proc:
        for line in proc.stdout:
            if line.strip():
                yield _article(line.decode("utf-8"))
    if proc.returncode != 0:
        sys.exit(f"peers: newsdex-bench export --db {db_path} failed (exit {proc.returncode})")


def read_articles(jsonl_path):
    """A file `newsdex-bench export` wrote, one dict per line (see _article)."""
    with open(jsonl_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield _article(line)


# --- query files, as newsdex parses them ---------------------------------------

def read_queries(path):
    """[{"class", "line", "text", "parsed"}] in file order: the queries of a
    CLASS<TAB>QUERY file (bench/query_file.cc's rules) as newsdex's own parser
    reads them (`newsdex-bench parse-queries`, searcher/query_json.h). A
    malformed file ends the run with newsdex-bench's message."""
    done = subprocess.run([newsdex_bench(), "parse-queries", "--queries", path, "--lang", ""],
                          stdout=subprocess.PIPE, check=False)
    if done.returncode != 0:
        sys.exit(f"peers: newsdex-bench parse-queries --queries {path} failed (exit {done.returncode})")
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
    if not out:
        sys.exit(f"{path}: no queries")
    return out


def classes_in_order(queries):
    """Class names in the order they first appear, as newsdex-bench groups them."""
    seen = []
    for q in queries:
        if q["class"] not in seen:
            seen.append(q["class"])
    return seen


# --- newsdex's query tree -----------------------------------------------------

class Unsupported(Exception):
    """A construct this peer cannot express; the query is skipped and counted."""


class Node:
    """kind: word, phrase, wild, field (text = name, kids[0] = value), date
    (lo, hi: inclusive epoch seconds or None), near (distance), seq, and, or,
    not; occur: '' | '+' | '-' for items of a seq."""
    __slots__ = ("kind", "text", "kids", "occur", "lo", "hi", "distance")

    def __init__(self, kind, text="", kids=None, occur="", lo=None, hi=None, distance=0):
        self.kind, self.text, self.kids, self.occur = kind, text, kids or [], occur
        self.lo, self.hi, self.distance = lo, hi, distance

    def __repr__(self):
        inner = " ".join(repr(k) for k in self.kids)
        extra = f" {self.lo}..{self.hi}" if self.kind == "date" else ""
        return f"({self.occur}{self.kind} {self.text!r}{extra}{' ' + inner if inner else ''})"


_KINDS = {"word": "word", "phrase": "phrase", "wildcard": "wild", "field": "field", "near": "near",
          "seq": "seq", "and": "and", "or": "or", "not": "not"}


def _node(obj):
    """One node of newsdex's JSON tree -> Node. A sequence, AND or OR of one
    plain operand is that operand (what newsdex matches); empty parts and
    invalid date ranges raise Unsupported."""
    kind = _KINDS.get(obj.get("kind"))
    if kind is None:
        raise Unsupported("nothing searchable")
    occur = obj.get("occur", "")
    text = obj.get("text", "")
    kids = [_node(k) for k in obj.get("children", [])]
    if kind == "field" and text == "date":
        if "from" not in obj:
            raise Unsupported(f"date:{kids[0].text if kids else ''} is not a valid date range")
        return Node("date", kids[0].text if kids else "", occur=occur, lo=obj["from"], hi=obj["to"])
    if kind == "phrase" and not text.strip():
        raise Unsupported("empty phrase")
    if kind in ("seq", "and", "or") and len(kids) == 1 and not kids[0].occur and kids[0].kind != "not":
        kids[0].occur = occur
        return kids[0]
    if kind in ("seq", "and", "or") and not kids:
        raise Unsupported("operator or parenthesis without operand")
    return Node(kind, text, kids, occur, distance=obj.get("distance", 0))


def query_tree(query):
    """A record of read_queries() -> its tree as Nodes. Where newsdex read the
    query leniently (an unbalanced quote or parenthesis, a dangling operator:
    its parser's notes) this raises Unsupported, so a peer never runs a query
    that newsdex reads differently from how it was typed."""
    parsed = query["parsed"]
    if parsed.get("notes"):
        raise Unsupported("newsdex read it leniently: " + "; ".join(parsed["notes"]))
    return _node(parsed["tree"])


def split_filters(root):
    """Top-level filters -> (text part or None, dates [(lo, hi)], topics [str]).
    newsdex applies date: and topic: as boolean filters (no weight); so do the
    peers, as a filter beside the ranked text query. Only filters that are
    required items of the top-level sequence (or the whole query) are lifted;
    a filter nested in OR / NOT stays in the tree for the renderer to express
    or refuse."""
    dates, topics = [], []

    def lift(node):
        if node.occur == "-":
            return False
        if node.kind == "date":
            dates.append((node.lo, node.hi))
            return True
        if node.kind == "field" and node.text == "topic" and node.kids[0].kind == "word":
            topics.append(node.kids[0].text.lower())
            return True
        return False

    if root.kind == "seq":
        rest = [k for k in root.kids if not lift(k)]
        if not rest:
            return None, dates, topics
        text = rest[0] if len(rest) == 1 and not rest[0].occur else Node("seq", kids=rest)
        return text, dates, topics
    if root.kind == "and":
        rest = [k for k in root.kids if not lift(k)]
        if not rest:
            return None, dates, topics
        return (rest[0] if len(rest) == 1 and rest[0].kind != "not" else Node("and", kids=rest)), dates, topics
    if lift(root):
        return None, dates, topics
    return root, dates, topics


def intersect_dates(dates):
    """Several date: filters -> one (lo, hi) range (None = open side)."""
    lo = max((d[0] for d in dates if d[0] is not None), default=None)
    hi = min((d[1] for d in dates if d[1] is not None), default=None)
    return lo, hi


def _check_no_nested_date(node):
    if node.kind == "date":
        raise Unsupported("date: inside OR / NOT / parentheses")
    for k in node.kids:
        _check_no_nested_date(k)


# --- renderers ------------------------------------------------------------

def _render_boolean(node, leaf):
    """The syntax Xapian's QueryParser and Lucene's classic QueryParser share:
    +/- prefixes, field:value for title: and topic:, ( ), OR, AND, NOT.
    `leaf(n)` renders a word, wildcard, phrase or NEAR in the engine's own
    escaping, without the +/- prefix."""
    _check_no_nested_date(node)

    def r(n):
        occ = n.occur
        if n.kind == "field":
            if n.text not in ("title", "topic"):
                raise Unsupported(f"field {n.text}: is not indexed by this peer")
            v = n.kids[0]
            return occ + n.text + ":" + r(Node(v.kind, v.text))
        if n.kind == "seq":
            return occ + "(" + " ".join(r(k) for k in n.kids) + ")"
        if n.kind == "or":
            return occ + "(" + " OR ".join(r(k) for k in n.kids) + ")"
        if n.kind == "and":
            if n.kids[0].kind == "not":
                raise Unsupported("leading NOT (match everything but)")
            parts = [r(n.kids[0])]
            for k in n.kids[1:]:
                parts.append("NOT " + r(k.kids[0]) if k.kind == "not" else "AND " + r(k))
            return occ + "(" + " ".join(parts) + ")"
        if n.kind == "not":
            raise Unsupported("NOT without a left operand")
        return occ + leaf(n, r)

    out = r(node)
    return out[1:-1] if node.kind in ("seq", "or", "and") and not node.occur else out


def to_xapian(node):
    """A QueryParser string (words lower-cased: QueryParser's STEM_SOME leaves
    capitalised words unstemmed). title: and topic: are QueryParser prefixes of
    the Xapian peer; other fields are not indexed there."""

    def leaf(n, r):
        if n.kind == "word":
            return n.text.lower()
        if n.kind == "wild":
            return n.text.lower() + "*"
        if n.kind == "phrase":
            return '"' + n.text.lower().replace('"', " ") + '"'
        if n.kind == "near":
            return "(" + f" NEAR/{n.distance} ".join(r(k) for k in n.kids) + ")"
        raise Unsupported(n.kind)

    return _render_boolean(node, leaf)


def xapian_parts(query):
    """A record of read_queries() -> (QueryParser string or None, date range
    (lo, hi) or None, [topic]): what xapian_defaults.py turns into Query
    objects, kept here so it is tested without python3-xapian."""
    text_node, dates, topics = split_filters(query_tree(query))
    return (to_xapian(text_node) if text_node else None,
            intersect_dates(dates) if dates else None, topics)


def _fts5_string(text):
    """An FTS5 string: tokenised by the table's tokenizer; several tokens make
    a phrase (so cease-fire is the phrase "cease fire", as in newsdex)."""
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node, any_mode=False):
    """An FTS5 MATCH expression over columns title, body. Default operator
    AND (FTS5's implicit one), OR for class 'any'. FTS5's NOT is binary, so a
    sequence needs at least one positive item; a required item (+x) beside
    optional ones under OR has no FTS5 form (FTS5 has no 'optional, for
    ranking only'), nor do topic: / other fields inside OR (they are not
    FTS5 columns)."""
    _check_no_nested_date(node)

    def leaf(n):
        if n.kind == "word":
            return _fts5_string(n.text)
        if n.kind == "phrase":
            return _fts5_string(n.text)
        if n.kind == "wild":
            return _fts5_string(n.text) + " *"
        if n.kind == "field":
            if n.text != "title":
                raise Unsupported(f"{n.text}: inside an expression (not an FTS5 column)")
            return "title : " + leaf(n.kids[0])
        if n.kind == "near":
            for k in n.kids:
                if k.kind not in ("word", "phrase"):
                    raise Unsupported("NEAR over a field or wildcard")
            return "NEAR(" + " ".join(leaf(k) for k in n.kids) + f", {n.distance})"
        return "(" + expr(n) + ")"

    def expr(n):
        if n.kind == "seq":
            pos = [k for k in n.kids if k.occur != "-"]
            neg = [k for k in n.kids if k.occur == "-"]
            if not pos:
                raise Unsupported("only excluded words")
            if any_mode and any(k.occur == "+" for k in pos) and any(k.occur != "+" for k in pos):
                raise Unsupported("+required beside optional words under OR")
            joiner = " OR " if any_mode and not any(k.occur == "+" for k in pos) else " AND "
            out = joiner.join(leaf(k) for k in pos)
            if len(pos) > 1 and neg:
                out = "(" + out + ")"
            for k in neg:
                out += " NOT " + leaf(k)
            return out
        if n.kind == "or":
            return " OR ".join(leaf(k) for k in n.kids)
        if n.kind == "and":
            if n.kids[0].kind == "not":
                raise Unsupported("leading NOT (match everything but)")
            out = leaf(n.kids[0])
            for k in n.kids[1:]:
                out = "(" + out + (" NOT " + leaf(k.kids[0]) if k.kind == "not" else " AND " + leaf(k)) + ")"
            return out
        if n.kind == "not":
            raise Unsupported("NOT without a left operand")
        if n.occur == "-":
            raise Unsupported("only excluded words")
        return leaf(n)

    return expr(node)


_LUCENE_SPECIAL = set('\\+-!():^[]"{}~*?|&/')


def _lucene_escape(text):
    return "".join("\\" + c if c in _LUCENE_SPECIAL else c for c in text)


def to_lucene(node):
    """A string for Lucene's classic QueryParser (default field 'text' =
    title + body, 'title' and 'topic' fields; default operator set by the
    caller: AND, OR for class 'any'). NEAR/n becomes a sloppy phrase "a b"~n,
    which like Xapian's NEAR ignores order; operands must be single words."""

    def leaf(n, r):
        if n.kind == "word":
            return _lucene_escape(n.text.lower())
        if n.kind == "wild":
            return _lucene_escape(n.text.lower()) + "*"
        if n.kind == "phrase":
            return '"' + _lucene_escape(n.text.lower()) + '"'
        if n.kind == "near":
            if any(k.kind != "word" for k in n.kids):
                raise Unsupported("NEAR over phrases or fields")
            return '"' + " ".join(_lucene_escape(k.text.lower()) for k in n.kids) + f'"~{n.distance}'
        raise Unsupported(n.kind)

    return _render_boolean(node, leaf)


# --- timing and the report --------------------------------------------------

def percentile_sorted(values, p):
    """Nearest rank, with bench/latency_stats.cc's tolerance (p90 of 10 values
    is the 9th, despite 0.9 * 10 being 9.000000000000002)."""
    if not values:
        return 0.0
    rank = math.ceil(p / 100.0 * len(values) - 1e-9)
    return values[min(max(rank, 1), len(values)) - 1]


def median(values):
    return percentile_sorted(sorted(values), 50)


def summarize(name, queries, runs, matches, empty):
    """One CLASS object of the report, as summarize_class() in query_bench.cc."""
    samples = sorted(ms for run in runs for ms in run)
    run_qps = [len(run) * 1000.0 / sum(run) if sum(run) > 0 else 0.0 for run in runs]
    return {
        "class": name,
        "queries": queries,
        "samples": len(samples),
        "p50_ms": percentile_sorted(samples, 50),
        "p90_ms": percentile_sorted(samples, 90),
        "p95_ms": percentile_sorted(samples, 95),
        "p99_ms": percentile_sorted(samples, 99),
        "max_ms": samples[-1] if samples else 0.0,
        "min_ms": samples[0] if samples else 0.0,
        "mean_ms": statistics.fmean(samples) if samples else 0.0,
        "qps": median(run_qps),
        "run_p50_ms": [median(run) for run in runs],
        "run_qps": run_qps,
        "mean_matches": matches / queries if queries else 0.0,
        "empty": empty,
    }


def machine(engine_version):
    """The "machine" object; "xapian" names the peer engine's version."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count() or 0, "xapian": engine_version,
            "load_average": os.getloadavg()[0], "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def prepare_all(queries, translate):
    """translate(class, query) -> a prepared query, or raises Unsupported;
    `query` is a record of read_queries(). Returns ({class: [prepared]},
    skipped [{"class", "query", "reason"}])."""
    prepared, skipped = {}, []
    for q in queries:
        cls = q["class"]
        try:
            prepared.setdefault(cls, []).append(translate(cls, q))
        except Unsupported as e:
            prepared.setdefault(cls, [])
            skipped.append({"class": cls, "query": q["text"], "reason": str(e)})
    return prepared, skipped


def run_bench(prepared, search, warmup, runs, snippets, progress=True, count=None):
    """newsdex-bench's loop: `warmup` unmeasured passes over every query in
    every mode, then `runs` runs, each running every mode and in it every
    class in file order. search(cls, q, snippets) -> match count (estimated,
    as the engine gives it); only the call is timed (perf_counter), so
    Python's start-up and the query translation are outside the figures.
    An engine that does not count matches while searching (FTS5) passes
    count(cls, q), called untimed in the first run instead.
    Returns {mode: {class: (runs, matches, empty)}}."""
    modes = [False, True] if snippets else [False]
    classes = [c for c in prepared if prepared[c]]
    for w in range(warmup):
        if progress:
            print(f"\rwarm-up {w + 1}/{warmup}   ", end="", file=sys.stderr, flush=True)
        for m in modes:
            for c in classes:
                for q in prepared[c]:
                    search(c, q, m)
    data = {m: {c: [[], 0.0, 0] for c in classes} for m in modes}
    clock = time.perf_counter
    for run in range(runs):
        if progress:
            print(f"\rrun {run + 1}/{runs}        ", end="", file=sys.stderr, flush=True)
        for m in modes:
            for c in classes:
                entry = data[m][c]
                samples = []
                for q in prepared[c]:
                    t0 = clock()
                    found = search(c, q, m)
                    samples.append((clock() - t0) * 1000.0)
                    if run == 0:
                        if count is not None:
                            found = count(c, q)
                        entry[1] += found
                        entry[2] += found == 0
                entry[0].append(samples)
    if progress:
        print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)
    return data


def call_overhead_ms(calls=2000):
    """What run_bench's timing adds to a sample around a Python function that
    does nothing (median, ms): a floor under every Python peer's latency that
    newsdex-bench, timing C++ in C++, does not pay."""
    def noop(c, q, m):
        return 0
    clock, samples = time.perf_counter, []
    for _ in range(calls):
        t0 = clock()
        noop(None, None, False)
        samples.append((clock() - t0) * 1000.0)
    return median(samples)


def threads_entry(threads, run_qps, samples):
    """The "threads" object of a CLASS with T > 1 threads, as put_class() in
    query_report.cc: QPS median over runs, percentiles over every latency."""
    samples = sorted(samples)
    return {"threads": threads, "qps": median(run_qps), "run_qps": run_qps,
            "p50_ms": percentile_sorted(samples, 50), "p99_ms": percentile_sorted(samples, 99)}


def report(engine, engine_version, description, queries_file, queries, prepared, skipped, data,
           db_paths, articles, warmup, runs, limit, snippets, seconds, overhead_ms=None,
           threads=1, threaded=None):
    """The JSON object of `newsdex-bench query --json` (format 1), plus
    "engine", "skipped" (per class), "skipped_queries" (each with why) and, for
    peers timed from Python, method.call_overhead_ms (call_overhead_ms()).
    With threads > 1, threaded = {mode: {class or "all": (run_qps, samples)}}
    gives each CLASS its "threads" object."""
    classes = [c for c in prepared if prepared[c]]
    modes = []
    for m, per_class in data.items():
        entries = [summarize(c, len(prepared[c]), *per_class[c]) for c in classes]
        all_runs = [[ms for c in classes for ms in per_class[c][0][r]] for r in range(runs)]
        entries_all = summarize("all", sum(len(prepared[c]) for c in classes), all_runs,
                                sum(per_class[c][1] for c in classes), sum(per_class[c][2] for c in classes))
        if threads > 1 and threaded:
            for entry in entries + [entries_all]:
                if entry["class"] in threaded.get(m, {}):
                    entry["threads"] = threads_entry(threads, *threaded[m][entry["class"]])
        modes.append({"snippets": m, "classes": entries, "all": entries_all})
    out = {
        "tool": "newsdex-bench query",
        "format": 1,
        "engine": engine,
        "machine": machine(engine_version),
        "method": {"warmup": warmup, "runs": runs, "threads": threads, "limit": limit, "snippets": snippets,
                   "exact": False, "percentile": "nearest-rank", "description": description},
        "databases": db_paths,
        "articles": articles,
        "queries_file": queries_file,
        "queries": sum(len(v) for v in prepared.values()),
        "seconds": seconds,
        "modes": modes,
    }
    if len(modes) == 2:
        cost = []
        for a, b in zip(modes[0]["classes"] + [modes[0]["all"]], modes[1]["classes"] + [modes[1]["all"]]):
            cost.append({"class": a["class"],
                         "p50_ratio": b["p50_ms"] / a["p50_ms"] if a["p50_ms"] > 0 else 0,
                         "mean_ratio": b["mean_ms"] / a["mean_ms"] if a["mean_ms"] > 0 else 0})
        out["snippet_cost"] = cost
    if overhead_ms is not None:
        out["method"]["call_overhead_ms"] = overhead_ms
    counts = {c: 0 for c in prepared}
    for s in skipped:
        counts[s["class"]] += 1
    out["skipped"] = counts
    out["skipped_queries"] = skipped
    return out


def describe(engine_words, warmup, runs, limit, snippets):
    return (f"{warmup} warm-up pass{'' if warmup == 1 else 'es'}, {runs} measured run{'' if runs == 1 else 's'} "
            f"of every query; top {limit} {'without and with snippets' if snippets else 'without snippets'}; "
            f"latency = wall time of {engine_words} (ms); percentiles are nearest-rank over queries x runs; "
            "QPS = median over runs of queries / summed latency (1 thread); class 'any' runs with OR, "
            "'sorted' sorted newest first; queries a peer cannot express are skipped and counted")


def write_report(obj, path):
    text = json.dumps(obj, indent=2) + "\n"
    if path and path != "-":
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def print_summary(obj, out=sys.stderr):
    """A short table on stderr, so a run by hand shows something."""
    for mode in obj["modes"]:
        print(f"{obj['engine']} {'with' if mode['snippets'] else 'without'} snippets:", file=out)
        print(f"  {'class':<10} {'queries':>7} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'matches':>9}", file=out)
        for c in mode["classes"] + [mode["all"]]:
            print(f"  {c['class']:<10} {c['queries']:>7} {c['p50_ms']:>8.3f} {c['p99_ms']:>8.3f} "
                  f"{c['mean_ms']:>8.3f} {c['mean_matches']:>9.0f}", file=out)
    skipped = {c: n for c, n in obj["skipped"].items() if n}
    if skipped:
        print("  skipped: " + ", ".join(f"{c} {n}" for c, n in skipped.items()), file=out)
