#!/usr/bin/python3
"""The report of bench/scale_curve.sh: reads what it left in OUT (index.tsv,
sizes.tsv, commands.txt and N/newsdex.json, N/lucene.json per size) and
writes OUT/curve.tsv (one row per size x engine), OUT/curve.md (Markdown
tables for bench/RESULTS.md with the newsdex/Lucene ratio of every figure,
and the commands run) and OUT/curve.svg (indexing articles/s, index size,
all-class p50 and p99 against corpus size, both engines; SVG written by hand,
no plotting library). A separate script so kept runs can be re-rendered:

  scale_curve.py --out DIR [--queries FILE] [--invocation TEXT] [--threads 2]

Exit status 2 with a message when DIR lacks a file the run should have left.
"""
import argparse
import html
import json
import math
import os
import sys

ENGINES = [("newsdex", "newsdex"), ("lucene", "Lucene 4.10")]
COLOURS = {"newsdex": "#1f5fa8", "lucene": "#d06000"}
MODES = [(False, ""), (True, "snip_")]


class Missing(Exception):
    pass


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    except OSError as e:
        raise Missing(f"{path}: {e.strerror}")


def load(out):
    """[{size, engine, ...figures}] in size order, newsdex before Lucene; the
    classes in query-file order; the reports' machine objects."""
    sizes = []
    for line in read_lines(os.path.join(out, "sizes.tsv")):
        n, input_bytes = line.split("\t")
        sizes.append((int(n), int(input_bytes)))
    if not sizes:
        raise Missing(f"{out}/sizes.tsv: no sizes (did the run finish?)")
    index = {}
    for line in read_lines(os.path.join(out, "index.tsv")):
        fields = line.split("\t") + [""] * 7
        key, label, seconds, rss_kb, size_bytes, note, cpu = fields[:7]
        index[key] = {"label": label, "wall_s": float(seconds), "rss_kb": int(rss_kb),
                      "bytes": int(size_bytes), "note": note, "cpu_s": float(cpu) if cpu else math.nan}
    rows, classes, machines = [], [], []
    for n, input_bytes in sizes:
        for engine, _ in ENGINES:
            key = f"{n}/{engine}"
            if key not in index:
                raise Missing(f"{out}/index.tsv: no row {key}")
            path = os.path.join(out, str(n), f"{engine}.json")
            try:
                with open(path, encoding="utf-8") as f:
                    report = json.load(f)
            except (OSError, ValueError) as e:
                raise Missing(f"{path}: {e}")
            machines.append(report["machine"])
            ix = index[key]
            row = {"articles": n, "engine": engine, "input_bytes": input_bytes,
                   "indexed": report.get("articles", 0), "label": ix["label"], "note": ix["note"],
                   "wall_s": ix["wall_s"], "articles_per_s": n / ix["wall_s"] if ix["wall_s"] else 0,
                   "mb_per_s": input_bytes / 1e6 / ix["wall_s"] if ix["wall_s"] else 0,
                   "cpu_s": ix["cpu_s"], "cpu_ms_per_article": 1000 * ix["cpu_s"] / n,
                   "peak_rss_mb": ix["rss_kb"] / 1024, "index_mb": ix["bytes"] / 1e6,
                   "index_bytes_per_article": ix["bytes"] / n,
                   "skipped": sum(report.get("skipped", {}).values()), "classes": {}}
            for mode in report["modes"]:
                prefix = "snip_" if mode["snippets"] else ""
                for c in mode["classes"] + [mode["all"]]:
                    if c["class"] not in classes and c["class"] != "all":
                        classes.append(c["class"])
                    row["classes"][prefix + c["class"]] = c
            rows.append(row)
    return rows, classes + ["all"], machines


def threads_qps(row, prefix):
    c = row["classes"].get(prefix + "all", {})
    return c.get("threads", {}).get("qps", math.nan)


def write_tsv(path, rows, classes):
    head = ["articles", "engine", "input_MB", "index_wall_s", "articles_per_s", "input_MB_per_s", "cpu_s",
            "cpu_ms_per_article", "peak_rss_MB", "index_MB", "index_bytes_per_article", "qps_2t", "snip_qps_2t",
            "skipped_queries"]
    for _, prefix in MODES:
        for c in classes:
            head += [f"{prefix}{p}_ms.{c}" for p in ("p50", "p95", "p99")]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(head) + "\n")
        for r in rows:
            cells = [r["articles"], r["engine"], f"{r['input_bytes'] / 1e6:.1f}", f"{r['wall_s']:.2f}",
                     f"{r['articles_per_s']:.0f}", f"{r['mb_per_s']:.2f}", f"{r['cpu_s']:.1f}",
                     f"{r['cpu_ms_per_article']:.3f}", f"{r['peak_rss_mb']:.0f}", f"{r['index_mb']:.1f}",
                     f"{r['index_bytes_per_article']:.0f}", f"{threads_qps(r, ''):.0f}",
                     f"{threads_qps(r, 'snip_'):.0f}", r["skipped"]]
            for _, prefix in MODES:
                for c in classes:
                    entry = r["classes"].get(prefix + c)
                    cells += ([f"{entry[k]:.3f}" if k in entry else "" for k in ("p50_ms", "p95_ms", "p99_ms")]
                              if entry else ["", "", ""])
            f.write("\t".join(str(x) for x in cells) + "\n")


def num(v, digits=0):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:,.{digits}f}"


def ms(v):
    return "–" if v is None or math.isnan(v) else (f"{v:.2f}" if v < 10 else f"{v:.1f}")


def ratio(a, b):
    if a is None or b is None or math.isnan(a) or math.isnan(b) or b == 0:
        return "–"
    return f"{a / b:.2f}×"


def markdown(rows, classes, machines, queries, invocation, commands, threads):
    by = {(r["articles"], r["engine"]): r for r in rows}
    sizes = sorted({r["articles"] for r in rows})
    loads = [m.get("load_average", 0) for m in machines]
    m0 = machines[0]
    lines = [
        f"Machine: {m0.get('cpu', '')}, {m0.get('cores', 0)} cores; load average {min(loads):.1f}-{max(loads):.1f} "
        f"when the query runs started; {m0.get('started_utc', '')} to {machines[-1].get('started_utc', '')}. "
        f"Queries: `{queries}`; latency of one query on one thread, warm, top 10; QPS with {threads} client "
        "threads. Engines one after the other, the first alternating between sizes. Lucene's indexing "
        "includes JVM start and `forceMerge(1)`; newsdex's its final merge.", ""]
    head = "| |" + "".join(f" {n:,}: newsdex | Lucene | ratio |" for n in sizes)
    lines += [head, "|---|" + "---:|---:|---:|" * len(sizes)]

    def line(label, get, fmt, lower_is_better=True):
        cells = []
        for n in sizes:
            a, b = get(by[(n, "newsdex")]), get(by[(n, "lucene")])
            r = ratio(a, b)
            worse = (a > b) if lower_is_better else (a < b)
            cells += [fmt(a), fmt(b), f"**{r}**" if r != "–" and worse else r]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    line("indexing wall, s", lambda r: r["wall_s"], lambda v: num(v, 1))
    line("articles/s", lambda r: r["articles_per_s"], num, lower_is_better=False)
    line("MB/s of input", lambda r: r["mb_per_s"], lambda v: num(v, 2), lower_is_better=False)
    line("CPU s (user + system)", lambda r: r["cpu_s"], lambda v: num(v, 1))
    line("CPU ms per article", lambda r: r["cpu_ms_per_article"], lambda v: num(v, 2))
    line("peak RSS, MB", lambda r: r["peak_rss_mb"], num)
    line("index on disk, MB", lambda r: r["index_mb"], lambda v: num(v, 1))
    line("index bytes per article", lambda r: r["index_bytes_per_article"], num)
    for snip, prefix in MODES:
        for p in ("p50", "p95", "p99"):
            line(f"all queries {p}{' with snippets' if snip else ''}, ms",
                 lambda r, p=p, prefix=prefix: r["classes"][prefix + "all"].get(f"{p}_ms", math.nan), ms)
        line(f"QPS, {threads} threads{' with snippets' if snip else ''}",
             lambda r, prefix=prefix: threads_qps(r, prefix), num, lower_is_better=False)
    lines.append("")
    lines.append(f"Ratios are newsdex / Lucene; bold where newsdex is worse. Lucene skips the "
                 f"{by[(sizes[0], 'lucene')]['skipped']} queries it cannot express (bench/peers/README.md); "
                 "its 'all' is over the rest.")
    for snip, prefix in MODES:
        lines += ["", f"Per class, p50 / p99 ms, newsdex vs Lucene{' (with snippets)' if snip else ''}:", ""]
        lines.append("| class |" + "".join(f" {n:,}: p50 newsdex / Lucene | ratio | p99 newsdex / Lucene | ratio |"
                                            for n in sizes))
        lines.append("|---|" + "---:|---:|---:|---:|" * len(sizes))
        for c in classes:
            cells = []
            for n in sizes:
                a = by[(n, "newsdex")]["classes"].get(prefix + c)
                b = by[(n, "lucene")]["classes"].get(prefix + c)
                if not a or not b:
                    cells += ["–", "–", "–", "–"]
                    continue
                for p in ("p50_ms", "p99_ms"):
                    r = ratio(a[p], b[p])
                    cells += [f"{ms(a[p])} / {ms(b[p])}", f"**{r}**" if a[p] > b[p] else r]
            lines.append(f"| {c} | " + " | ".join(cells) + " |")
    lines += ["", "Commands (in the output directory, as run):", "", "```sh", invocation, *commands, "```", ""]
    return "\n".join(lines)


def svg(rows, machines, path, threads):
    """Four panels against corpus size (log axis): articles/s, index MB, and
    all-class p50 and p99 (log axis), one line per engine."""
    panels = [("indexing, articles/s", lambda r: r["articles_per_s"], False),
              ("index on disk, MB", lambda r: r["index_mb"], False),
              ("all queries p50, ms (log)", lambda r: r["classes"]["all"]["p50_ms"], True),
              ("all queries p99, ms (log)", lambda r: r["classes"]["all"]["p99_ms"], True)]
    sizes = sorted({r["articles"] for r in rows})
    loads = [m.get("load_average", 0) for m in machines]
    pw, ph, left, top, gap = 330, 210, 70, 70, 60
    width = left + 2 * pw + gap + 30
    height = top + 2 * ph + 2 * gap + 40
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
         '<rect width="100%" height="100%" fill="white"/>',
         f'<text x="{left}" y="20" font-size="14" font-weight="bold">newsdex and Lucene 4.10 against corpus '
         f'size ({", ".join(f"{n:,}" for n in sizes)} articles)</text>',
         f'<text x="{left}" y="38" fill="#555">corpus size on a log axis; latency: one query on one thread, '
         f'top 10, no snippets; {machines[0].get("cores", 0)} cores, load average {min(loads):.1f}-{max(loads):.1f}; '
         f'{machines[0].get("started_utc", "")[:10]}</text>']
    lx = left
    for engine, name in ENGINES:
        o.append(f'<line x1="{lx}" x2="{lx + 24}" y1="54" y2="54" stroke="{COLOURS[engine]}" stroke-width="2"/>'
                 f'<circle cx="{lx + 12}" cy="54" r="3" fill="{COLOURS[engine]}"/>'
                 f'<text x="{lx + 30}" y="58">{html.escape(name)}</text>')
        lx += 130
    lo, hi = math.log10(sizes[0]), math.log10(sizes[-1])
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    for k, (title, get, log_y) in enumerate(panels):
        x0 = left + (k % 2) * (pw + gap)
        y0 = top + (k // 2) * (ph + gap) + 20
        values = [get(r) for r in rows if get(r) > 0]
        vmax = max(values) if values else 1
        if log_y:
            vmin = min(values) if values else 0.1
            ylo, yhi = math.floor(math.log10(vmin)), math.ceil(math.log10(vmax))
            if yhi <= ylo:
                yhi = ylo + 1
            def y_of(v, ylo=ylo, yhi=yhi, y0=y0):
                return y0 + ph - (math.log10(max(v, 1e-9)) - ylo) / (yhi - ylo) * ph
            ticks = [m * 10 ** d for d in range(ylo, yhi + 1) for m in (1, 2, 5) if ylo <= math.log10(m * 10 ** d) <= yhi]
        else:
            step = nice_step(vmax / 4)
            yhi = step * math.ceil(vmax / step)
            def y_of(v, yhi=yhi, y0=y0):
                return y0 + ph - v / yhi * ph
            ticks = [step * i for i in range(int(round(yhi / step)) + 1)]

        def x_of(n, x0=x0):
            return x0 + 10 + (math.log10(n) - lo) / (hi - lo) * (pw - 20)
        o.append(f'<text x="{x0}" y="{y0 - 8}" font-weight="bold">{html.escape(title)}</text>')
        o.append(f'<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
        for t in ticks:
            y = y_of(t)
            o.append(f'<line x1="{x0}" x2="{x0 + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>'
                     f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">{tick_label(t)}</text>')
        for n in sizes:
            x = x_of(n)
            o.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0}" y2="{y0 + ph}" stroke="#f0f0f0"/>'
                     f'<text x="{x:.1f}" y="{y0 + ph + 16}" text-anchor="middle" fill="#333">{short(n)}</text>')
        for engine, _ in ENGINES:
            pts = [(x_of(r["articles"]), y_of(get(r)), get(r)) for r in rows
                   if r["engine"] == engine and get(r) > 0]
            if len(pts) > 1:
                o.append(f'<polyline fill="none" stroke="{COLOURS[engine]}" stroke-width="2" points="' +
                         " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in pts) + '"/>')
            for x, y, v in pts:
                # The higher engine's value above its point, the other's below, so close values stay legible.
                others = [get(r) for r in rows if r["engine"] != engine and x_of(r["articles"]) == x]
                dy = -6 if all(v >= w for w in others) else 14
                o.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COLOURS[engine]}"/>'
                         f'<text x="{x + 5:.1f}" y="{y + dy:.1f}" font-size="10" fill="{COLOURS[engine]}">'
                         f'{tick_label(v)}</text>')
    o.append(f'<text x="{left}" y="{height - 10}" fill="#555">x: articles in the corpus. '
             f'QPS with {threads} threads and snippets are in curve.tsv and curve.md.</text>')
    o.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(o) + "\n")


def nice_step(raw):
    if raw <= 0:
        return 1
    d = 10 ** math.floor(math.log10(raw))
    return next(m * d for m in (1, 2, 5, 10) if m * d >= raw)


def tick_label(v):
    if v >= 1000:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}".rstrip("0").rstrip(".")
    return f"{v:.2g}"


def short(n):
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return f"{n:,}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="the directory bench/scale_curve.sh wrote")
    ap.add_argument("--queries", default="bench/queries/generated.tsv", help="the query file, as shown")
    ap.add_argument("--invocation", default="bench/scale_curve.sh", help="the command line, as shown")
    ap.add_argument("--threads", type=int, default=2, help="client threads of the QPS figures")
    args = ap.parse_args()
    try:
        rows, classes, machines = load(args.out)
        commands = read_lines(os.path.join(args.out, "commands.txt"))
    except (Missing, KeyError, ValueError) as e:
        print(f"scale_curve.py: {e}", file=sys.stderr)
        sys.exit(2)
    write_tsv(os.path.join(args.out, "curve.tsv"), rows, classes)
    with open(os.path.join(args.out, "curve.md"), "w", encoding="utf-8") as f:
        f.write(markdown(rows, classes, machines, args.queries, args.invocation, commands, args.threads))
    svg(rows, machines, os.path.join(args.out, "curve.svg"), args.threads)


if __name__ == "__main__":
    main()
