#!/usr/bin/python3
"""Lucene 4.10 (Debian's liblucene4.10-java, Java 17) as the reference peer of
newsdex: the engine most search servers are built on, run in one JVM with a
JIT warm-up, so newsdex is measured against the state of the art rather than
only against Xapian.

This script compiles lucene/NewsdexPeer.java with plain javac (into a cache
directory under $TMPDIR named by the source's hash; nothing is written to the
repository), translates newsdex's queries into Lucene's classic QueryParser
syntax (peerlib.to_lucene; date: and topic: lifted out as filters), runs the
Java program, and turns the raw latencies it prints into the JSON of
`newsdex-bench query --json` with peerlib, so the statistics are computed by
the same code for every peer.

  lucene_peer.py index --jsonl ARTICLES.jsonl --out INDEX_DIR [--analyzer news|en|ja|ar|de|no]
  lucene_peer.py run --db INDEX_DIR --topics TOPICS.tsv --run OUT.run [--limit 10]
  lucene_peer.py query --db INDEX_DIR --queries QUERIES.tsv [--runs 5] [--warmup 5]
                       [--limit 10] [--snippets] [--threads T] [--task-ms 50] [--json OUT.json]

query --threads T (T > 1) adds QPS with T client threads, measured as
`newsdex-bench query --threads T` does (see NewsdexPeer.java): each class
then has a "threads" object {threads, qps, run_qps, p50_ms, p99_ms}.

$LUCENE_JARS overrides where the jars are looked for (default /usr/share/java);
$LUCENE_JAVA_OPTS adds JVM options (default: none, the JVM's defaults).
"""
import argparse
import glob
import hashlib
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peerlib  # noqa: E402

SOURCE = os.path.join(HERE, "lucene", "NewsdexPeer.java")
MODULES = ["core", "analyzers-common", "analyzers-kuromoji", "queryparser", "highlighter", "memory", "queries"]
ANALYZERS = ["news", "en", "ja", "ar", "de", "no"]


def jars():
    """The Lucene jars the program needs; a clear error if one is missing."""
    where = os.environ.get("LUCENE_JARS", "/usr/share/java")
    found = []
    for module in MODULES:
        candidates = sorted(glob.glob(os.path.join(where, f"lucene-{module}-4.*.jar")))
        if not candidates:
            sys.exit(f"lucene_peer: no lucene-{module}-4.*.jar in {where} "
                     "(apt-get install liblucene4.10-java, or NEWSDEX_BENCH_PEERS=1 scripts/setup.sh)")
        found.append(candidates[-1])
    return found


def version(jar_list):
    name = os.path.basename(jar_list[0])  # lucene-core-4.10.4.jar
    return "Lucene " + name[len("lucene-core-"):-len(".jar")]


def compiled(jar_list):
    """Directory holding NewsdexPeer.class, compiled once per source version."""
    with open(SOURCE, "rb") as f:
        digest = hashlib.sha1(f.read() + ":".join(jar_list).encode()).hexdigest()[:12]
    out = os.path.join(tempfile.gettempdir(), f"newsdex-lucene-peer-{digest}")
    if not os.path.exists(os.path.join(out, "NewsdexPeer.class")):
        os.makedirs(out, exist_ok=True)
        subprocess.run(["javac", "-nowarn", "-d", out, "-cp", ":".join(jar_list), SOURCE], check=True)
    return out


def java_command(jar_list, *args):
    return (["java"] + shlex.split(os.environ.get("LUCENE_JAVA_OPTS", "")) +
            ["-cp", ":".join([compiled(jar_list)] + jar_list), "NewsdexPeer"] + [str(a) for a in args])


def index(args):
    cmd = java_command(jars(), "index", args.jsonl, args.out, args.analyzer)
    # exec: the caller's /usr/bin/time then measures the JVM itself.
    os.execvp(cmd[0], cmd)


def translate(cls, query):
    """newsdex query -> (text, the TRANSLATED.tsv line NewsdexPeer reads)."""
    node, dates, topics = peerlib.split_filters(peerlib.query_tree(query))
    rendered = peerlib.to_lucene(node) if node else ""
    if "\t" in rendered or "\n" in rendered or any("," in t for t in topics):
        raise peerlib.Unsupported("tab, newline or comma inside the query")
    lo, hi = peerlib.intersect_dates(dates) if dates else (None, None)
    fields = [cls, "1" if cls == "any" else "0", "1" if cls == "sorted" else "0",
              "" if lo is None else str(lo), "" if hi is None else str(hi), ",".join(topics), rendered]
    return query["text"], "\t".join(fields)


def run(args):
    """A TREC run file for topics typed as-is (known-item benchmarks): see
    NewsdexPeer.run; the analyzer is the one the index was built with."""
    subprocess.run(java_command(jars(), "run", args.db, args.topics, args.limit, args.run), check=True)


def query(args):
    jar_list = jars()
    queries = peerlib.read_queries(args.queries)
    prepared, skipped = peerlib.prepare_all(queries, translate)
    with tempfile.TemporaryDirectory(prefix="newsdex-lucene-") as tmp:
        tsv, samples = os.path.join(tmp, "queries.tsv"), os.path.join(tmp, "samples.tsv")
        with open(tsv, "w", encoding="utf-8") as f:
            for lines in prepared.values():
                for _, line in lines:
                    f.write(line + "\n")
        started = time.monotonic()
        subprocess.run(java_command(jar_list, "query", args.db, tsv, args.warmup, args.runs, args.limit,
                                    1 if args.snippets else 0, samples, args.threads, args.task_ms), check=True)
        seconds = time.monotonic() - started
        with open(samples, encoding="utf-8") as f:
            lines = f.read().splitlines()
        articles, rejected, threaded = 0, [], {}
        for line in lines:
            if line.startswith("#articles\t"):
                articles = int(line.split("\t")[1])
            elif line.startswith("#skipped\t"):
                _, cls, i, why = line.split("\t", 3)
                rejected.append((cls, int(i), why))
            elif line.startswith("#tqps\t"):
                _, mode, cls, _, qps = line.split("\t")
                threaded.setdefault(mode == "1", {}).setdefault(cls, ([], []))[0].append(float(qps))
            elif line.startswith("#tlat\t"):
                _, mode, cls, _, ms = line.split("\t")
                threaded.setdefault(mode == "1", {}).setdefault(cls, ([], []))[1].extend(
                    float(x) for x in ms.split(",") if x)
        for cls, i, why in sorted(rejected, key=lambda r: -r[1]):
            skipped.append({"class": cls, "query": prepared[cls][i][0], "reason": why})
            del prepared[cls][i]
        modes = [False, True] if args.snippets else [False]
        classes = [c for c in prepared if prepared[c]]
        data = {m: {c: [[[] for _ in range(args.runs)], 0.0, 0] for c in classes} for m in modes}
        for line in lines:
            if not line.startswith("#"):
                mode, cls, run, ms, hits = line.split("\t")
                entry = data[mode == "1"][cls]
                entry[0][int(run)].append(float(ms))
                if run == "0":
                    entry[1] += int(hits)
                    entry[2] += hits == "0"
    desc = peerlib.describe("QueryParser.parse + IndexSearcher.search + IndexSearcher.doc per hit "
                            "(+ Highlighter on body and title), System.nanoTime in one JVM", args.warmup,
                            args.runs, args.limit, args.snippets)
    obj = peerlib.report("lucene", version(jar_list), desc, args.queries, queries, prepared, skipped, data,
                         [args.db], articles, args.warmup, args.runs, args.limit, args.snippets, seconds,
                         threads=args.threads, threaded=threaded)
    peerlib.write_report(obj, args.json)
    peerlib.print_summary(obj)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    p.add_argument("--jsonl", required=True, help="articles written by newsdex-bench export")
    p.add_argument("--out", required=True)
    p.add_argument("--analyzer", choices=ANALYZERS, default="news",
                   help="news (default): EnglishAnalyzer without stop words, for the side-by-side "
                        "latency runs; a language code: that language's Lucene analyzer with its defaults")
    p = sub.add_parser("run")
    p.add_argument("--db", required=True)
    p.add_argument("--topics", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--limit", type=int, default=10)
    p = sub.add_parser("query")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=5, help="passes before timing; the JIT needs more than one")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--snippets", action="store_true")
    p.add_argument("--threads", type=int, default=1,
                   help="T > 1: also QPS with T client threads (as newsdex-bench query --threads)")
    p.add_argument("--task-ms", type=float, default=50.0,
                   help="with --threads: about how long each thread works per class and run (ms)")
    p.add_argument("--json", help="write the report here ('-' or nothing: standard output)")
    args = ap.parse_args()
    if args.command == "query" and (args.threads < 1 or args.task_ms <= 0 or args.runs < 1 or args.warmup < 0):
        ap.error("--threads and --runs must be at least 1, --task-ms positive, --warmup not negative")
    {"index": index, "run": run, "query": query}[args.command](args)


if __name__ == "__main__":
    main()
