#!/usr/bin/python3
"""The Markdown section run_peers.sh prints: machine and method, commands,
one table of absolute figures per engine, and one table of ratios
newsdex/peer (articles/s, database size, p50 and p99 per query class, without
and with snippets) with the cells where newsdex is slower flagged. A separate
script so the figures can be re-rendered from kept reports without
re-running anything:

  peer_report.py --index INDEX.tsv --articles N --queries QUERIES.tsv
                 --report newsdex=nd.json --report lucene=lucene.json ...
                 [--commands COMMANDS.txt] [--title TEXT]

INDEX.tsv: KEY<TAB>LABEL<TAB>SECONDS<TAB>PEAK_RSS_KB<TAB>SIZE_BYTES<TAB>NOTE[<TAB>CPU_S] per
indexing run; the row with KEY 'newsdex' is the one ratios divide by. Each
--report is a `newsdex-bench query --json` report (a peer's has "engine" and
"skipped" besides).
"""
import argparse
import json
import sys

# Display order and names of the engines; others follow in the order given.
NAMES = {"newsdex": "newsdex", "xapian-defaults": "Xapian defaults", "scriptindex": "Xapian scriptindex",
         "sqlite-fts5": "SQLite FTS5", "lucene": "Lucene"}
# Engines measured for indexing only get this in the ratio table's header.
INDEX_ONLY = " (indexing only)"
SLOWER = " ⚠"


def fmt_ms(v):
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def fmt_ratio(r):
    return f"{r:.2f}x"


def read_index(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            key, label, seconds, rss, size, note = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            rows.append({"key": key, "label": label, "seconds": float(seconds), "rss_kb": float(rss or 0),
                         "size": float(size or 0), "note": note})
    return rows


def class_figures(report):
    """{(class, snippets): class object}, plus skipped counts per class."""
    out = {}
    for mode in report["modes"]:
        for c in mode["classes"] + [mode["all"]]:
            out[(c["class"], mode["snippets"])] = c
    return out, report.get("skipped", {})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--report", action="append", default=[], help="ENGINE=REPORT.json")
    ap.add_argument("--commands")
    ap.add_argument("--title", default="Side by side: newsdex and other engines")
    args = ap.parse_args()

    index = read_index(args.index)
    reports = {}
    for item in args.report:
        key, path = item.split("=", 1)
        with open(path, encoding="utf-8") as f:
            reports[key] = json.load(f)
    if "newsdex" not in reports:
        sys.exit("peer_report: no --report newsdex=...")
    nd = reports["newsdex"]
    classes = [c["class"] for c in nd["modes"][0]["classes"]] + ["all"]
    with_snippets = any(m["snippets"] for m in nd["modes"])
    modes = [False, True] if with_snippets else [False]
    out = []
    w = out.append

    m = nd["machine"]
    w(f"### {args.title}\n")
    w(f"Machine: {m['cpu']}, {m['cores']} cores, load {m['load_average']:.2f} at the start of newsdex's "
      f"query run; Xapian {m['xapian']}; {m['started_utc']}. Corpus: {args.articles:,} articles "
      f"(exported once from newsdex's database, so every engine indexes the same text); queries: "
      f"`{args.queries}` ({nd['queries']} in {len(classes) - 1} classes). "
      f"{nd['method']['runs']} measured run(s), top {nd['method']['limit']}, one thread, warm cache.\n")
    versions = [f"{NAMES.get(k, k)}: {r['machine']['xapian']}" for k, r in reports.items() if k != "newsdex"]
    if versions:
        w("Peers: " + "; ".join(versions) + ". Method and fairness caveats: `bench/peers/README.md`.\n")

    # Indexing, absolute.
    w("#### Indexing\n")
    w("| engine | articles/s | seconds | peak RSS | database | note |")
    w("|---|---:|---:|---:|---:|---|")
    for r in index:
        aps = args.articles / r["seconds"] if r["seconds"] > 0 else 0
        w(f"| {r['label']} | {aps:,.0f} | {r['seconds']:.2f} | {r['rss_kb'] / 1024:,.0f} MB | "
          f"{r['size'] / 1e6:,.1f} MB | {r['note']} |")
    w("")

    # Querying, absolute: one table per engine.
    for key, rep in reports.items():
        figs, skipped = class_figures(rep)
        w(f"#### Queries: {NAMES.get(key, key)}\n")
        if key != "newsdex":
            extra = ""
            if "call_overhead_ms" in rep["method"]:
                extra = (f" Timed from Python: the timing of a no-op call alone is "
                         f"{rep['method']['call_overhead_ms'] * 1000:.2f} µs per sample.")
            w(f"{rep['method'].get('warmup', '?')} warm-up pass(es). Matches: exact counts.{extra}\n")
        else:
            w(f"{rep['method'].get('warmup', '?')} warm-up pass(es). Matches: newsdex's estimates.\n")
        head = "| class | queries | skipped | p50 ms | p99 ms |"
        rule = "|---|---:|---:|---:|---:|"
        if with_snippets:
            head += " p50 ms snippets | p99 ms snippets |"
            rule += "---:|---:|"
        w(head + " mean matches |")
        w(rule + "---:|")
        for c in classes:
            plain = figs.get((c, False))
            skip = sum(skipped.values()) if c == "all" else skipped.get(c, 0)
            if plain is None:
                w(f"| {c} | 0 | {skip} | — | — |" + (" — | — |" if with_snippets else "") + " — |")
                continue
            row = f"| {c} | {plain['queries']} | {skip} | {fmt_ms(plain['p50_ms'])} | {fmt_ms(plain['p99_ms'])} |"
            if with_snippets:
                snip = figs.get((c, True))
                row += f" {fmt_ms(snip['p50_ms'])} | {fmt_ms(snip['p99_ms'])} |" if snip else " — | — |"
            w(row + f" {plain['mean_matches']:,.0f} |")
        w("")

    # Ratios newsdex / peer.
    peers = [r["key"] for r in index if r["key"] not in ("newsdex",) and not r["key"].startswith("newsdex")]
    for k in reports:
        if k != "newsdex" and k not in peers:
            peers.append(k)
    idx = {r["key"]: r for r in index}
    w("#### Ratios newsdex / peer\n")
    w("articles/s: above 1 newsdex indexes faster; database: below 1 newsdex's is smaller; latency "
      f"(p50 / p99): below 1 newsdex answers faster. {SLOWER.strip()} marks where newsdex is slower "
      "(or bigger). A class a peer skipped in part compares different query subsets: marked *.\n")
    w("| | " + " | ".join(NAMES.get(p, p) + ("" if p in reports else INDEX_ONLY) for p in peers) + " |")
    w("|---|" + "---:|" * len(peers))
    nd_idx = idx.get("newsdex")
    cells = []
    for p in peers:
        if nd_idx and p in idx and idx[p]["seconds"] > 0:
            r = idx[p]["seconds"] / nd_idx["seconds"]
            cells.append(fmt_ratio(r) + (SLOWER if r < 1 else ""))
        else:
            cells.append("—")
    w("| articles/s | " + " | ".join(cells) + " |")
    cells = []
    for p in peers:
        if nd_idx and p in idx and idx[p]["size"] > 0:
            r = nd_idx["size"] / idx[p]["size"]
            cells.append(fmt_ratio(r) + (SLOWER if r > 1 else ""))
        else:
            cells.append("—")
    w("| database size | " + " | ".join(cells) + " |")
    nd_figs, _ = class_figures(nd)
    peer_figs = {p: class_figures(reports[p]) for p in peers if p in reports}
    for c in classes:
        for snip in modes:
            a = nd_figs.get((c, snip))
            cells = []
            for p in peers:
                if p not in peer_figs:
                    cells.append("—")
                    continue
                figs, skipped = peer_figs[p]
                b = figs.get((c, snip))
                if a is None or b is None or b["p50_ms"] <= 0 or b["p99_ms"] <= 0:
                    cells.append("skipped" if b is None and p in reports else "—")
                    continue
                r50, r99 = a["p50_ms"] / b["p50_ms"], a["p99_ms"] / b["p99_ms"]
                part = (sum(skipped.values()) if c == "all" else skipped.get(c, 0)) > 0
                cell = (f"{r50:.2f}" + (SLOWER if r50 > 1 else "") + " / " + f"{r99:.2f}" +
                        (SLOWER if r99 > 1 else "") + (" *" if part else ""))
                cells.append(cell)
            label = f"{c}{' + snippets' if snip else ''}: p50 / p99"
            if c == "all":
                label = f"**{label}**"
            w(f"| {label} | " + " | ".join(cells) + " |")
    w("")
    if args.commands:
        with open(args.commands, encoding="utf-8") as f:
            w("Commands (produced by `bench/peers/run_peers.sh`):\n")
            w("```")
            w(f.read().rstrip("\n"))
            w("```")
    print("\n".join(out))


if __name__ == "__main__":
    main()
