#!/usr/bin/python3
"""SQLite FTS5 as a peer of newsdex: the full-text engine most applications
already have, through Python's sqlite3 (SQLite 3.40 on Debian 12 ships FTS5).

Index: one FTS5 table t(title, body) with tokenize='porter unicode61
remove_diacritics 2' (Porter stemming, case and accent folding), ranked by
bm25 with title weighted 10 and body 1 (the table's rank function); the
article's id and date live in a plain table meta(docid, id, date) with an
index on date, topics in topics(topic, docid), so date ranges, topic filters
and sorting by date are ordinary SQL beside the MATCH. The FTS5 index is
optimized (merged into one b-tree) after loading, as newsdex merges its
segments. Snippets: snippet() of the body (40 tokens, about newsdex's 240
characters) and highlight() of the title.

  sqlite_fts5.py index --jsonl ARTICLES.jsonl --out PEER.sqlite
  sqlite_fts5.py query --db PEER.sqlite --queries QUERIES.tsv [--runs 5] [--warmup 1]
                       [--limit 10] [--snippets] [--json OUT.json]

`query` writes the JSON of `newsdex-bench query --json` (plus "engine" and
the queries it skipped, per class, with the reason). Stdlib only; run with
/usr/bin/python3 (its sqlite3 has FTS5).
"""
import argparse
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402

TOKENIZE = "porter unicode61 remove_diacritics 2"
RANK = "bm25(10.0, 1.0)"
SNIPPET_TOKENS = 40  # about newsdex's 240 characters (FTS5 allows at most 64)


def index(args):
    if os.path.exists(args.out):
        os.remove(args.out)
    db = sqlite3.connect(args.out)
    started = time.monotonic()
    db.executescript(f"""
        CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='{TOKENIZE}');
        INSERT INTO t(t, rank) VALUES('rank', '{RANK}');
        CREATE TABLE meta(docid INTEGER PRIMARY KEY, id TEXT NOT NULL, date INTEGER);
        CREATE TABLE topics(topic TEXT NOT NULL, docid INTEGER NOT NULL, PRIMARY KEY (topic, docid))
            WITHOUT ROWID;
    """)
    count = 0
    with db:  # one transaction for the whole load
        for docid, a in enumerate(peerlib.read_articles(args.jsonl), 1):
            db.execute("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
                       (docid, a.get("title", ""), a.get("body", "")))
            db.execute("INSERT INTO meta(docid, id, date) VALUES (?, ?, ?)", (docid, a["id"], a.get("epoch")))
            for topic in set(a.get("topics", [])):
                db.execute("INSERT INTO topics(topic, docid) VALUES (?, ?)", (topic.lower(), docid))
            count += 1
        db.execute("CREATE INDEX meta_date ON meta(date)")
        db.execute("INSERT INTO t(t) VALUES('optimize')")
    db.execute("ANALYZE")
    db.close()
    print(f"indexed {count} articles in {time.monotonic() - started:.1f} s", file=sys.stderr)


def translate(cls, query):
    """newsdex query -> (text, MATCH expression or None, [SQL condition], {params}, sort newest)."""
    node, dates, topics = peerlib.split_filters(peerlib.query_tree(query))
    match = peerlib.to_fts5(node, any_mode=cls == "any") if node else None
    conds, params = [], {}
    if dates:
        lo, hi = peerlib.intersect_dates(dates)
        if lo is not None:
            conds.append("m.date >= :lo")
            params["lo"] = lo
        if hi is not None:
            conds.append("m.date <= :hi")
            params["hi"] = hi
    for i, t in enumerate(topics):
        conds.append(f"m.docid IN (SELECT docid FROM topics WHERE topic = :topic{i})")
        params[f"topic{i}"] = t
    return query["text"], match, conds, params, cls == "sorted"


def build_sql(prep, snippets, limit):
    """(SQL for the top hits, SQL counting all matches, params). Written as a
    competent SQLite user would, checked with EXPLAIN QUERY PLAN: ranked by
    relevance, FTS5 sorts by rank itself and stops at LIMIT, so titles and
    snippets are computed for the page only; sorted by date, SQLite sorts in
    a temporary b-tree that would carry every match's title and snippet, so
    the page is picked first (a materialized CTE of rowid, id, date, rank) and
    only its rows are looked up again for title / snippets."""
    _, match, conds, params, newest = prep
    if snippets:
        cols = f"highlight(t, 0, '<mark>', '</mark>'), snippet(t, 1, '<mark>', '</mark>', '…', {SNIPPET_TOKENS})"
    else:
        cols = "t.title"
    if match is not None:
        params = dict(params, match=match)
        where = " AND ".join(["t MATCH :match"] + conds)
        count_sql = f"SELECT count(*) FROM t JOIN meta m ON m.docid = t.rowid WHERE {where}"
        if not newest:
            sql = (f"SELECT m.docid, m.id, m.date, {cols} FROM t JOIN meta m ON m.docid = t.rowid "
                   f"WHERE {where} ORDER BY t.rank LIMIT {limit}")
        else:
            sql = (f"WITH page AS MATERIALIZED (SELECT t.rowid AS r, m.id AS id, m.date AS d, t.rank AS k "
                   f"FROM t JOIN meta m ON m.docid = t.rowid WHERE {where} "
                   f"ORDER BY m.date DESC, t.rank LIMIT {limit}) "
                   f"SELECT page.r, page.id, page.d, {cols} FROM page JOIN t ON t.rowid = page.r "
                   f"WHERE t MATCH :match ORDER BY page.d DESC, page.k")
    else:
        # A filter alone (topic:, date:): no MATCH, so no rank and no snippet;
        # newest first when sorted, else in document order as newsdex does.
        where = " AND ".join(conds) or "1"
        order = "m.date DESC" if newest else "m.docid"
        cols = "t.title, substr(t.body, 1, 240)" if snippets else "t.title"
        sql = (f"SELECT m.docid, m.id, m.date, {cols} FROM meta m JOIN t ON t.rowid = m.docid "
               f"WHERE {where} ORDER BY {order} LIMIT {limit}")
        count_sql = f"SELECT count(*) FROM meta m WHERE {where}"
    return sql, count_sql, params


def query(args):
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    queries = peerlib.read_queries(args.queries)
    prepared, skipped = peerlib.prepare_all(queries, translate)
    limit = args.limit
    # SQL text built once, outside the timing (as newsdex-bench builds its
    # requests once); sqlite3's statement cache then keeps them compiled.
    for cls, preps in prepared.items():
        for i, p in enumerate(preps):
            preps[i] = (p, build_sql(p, False, limit), build_sql(p, True, limit))

    def search(cls, prep, snippets):
        _, plain, snip = prep
        sql, _, params = snip if snippets else plain
        rows = db.execute(sql, params).fetchall()
        return len(rows)

    def count(cls, prep):
        _, count_sql, params = prep[1]
        return db.execute(count_sql, params).fetchone()[0]

    # Check every statement compiles before timing anything: an FTS5 syntax
    # error must not surface in the middle of a run.
    for cls, preps in prepared.items():
        kept = []
        for p in preps:
            try:
                for sql, _, params in (p[1], p[2]):
                    db.execute(sql, params).fetchmany(1)
                kept.append(p)
            except sqlite3.Error as e:
                skipped.append({"class": cls, "query": p[0][0], "reason": f"sqlite: {e}"})
        prepared[cls] = kept

    started = time.monotonic()
    data = peerlib.run_bench(prepared, search, args.warmup, args.runs, args.snippets, count=count)
    seconds = time.monotonic() - started
    articles = db.execute("SELECT count(*) FROM meta").fetchone()[0]
    version = "SQLite " + sqlite3.sqlite_version + " FTS5"
    desc = peerlib.describe("one SELECT (MATCH, filters, ORDER BY rank or date, LIMIT; id, date, title, "
                            "+ highlight() and snippet()) through Python's sqlite3, rows fetched", args.warmup,
                            args.runs, args.limit, args.snippets)
    obj = peerlib.report("sqlite-fts5", version, desc, args.queries, queries, prepared, skipped, data, [args.db],
                         articles, args.warmup, args.runs, args.limit, args.snippets, seconds,
                         peerlib.call_overhead_ms())
    peerlib.write_report(obj, args.json)
    peerlib.print_summary(obj)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    p.add_argument("--jsonl", required=True, help="articles written by newsdex-bench export")
    p.add_argument("--out", required=True)
    p = sub.add_parser("query")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--snippets", action="store_true")
    p.add_argument("--json", help="write the report here ('-' or nothing: standard output)")
    args = ap.parse_args()
    {"index": index, "query": query}[args.command](args)


if __name__ == "__main__":
    main()
