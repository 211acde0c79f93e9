#!/usr/bin/python3
"""Plain Xapian with its defaults, as a baseline peer for newsdex.

It indexes exactly the articles of a newsdex database (title and body read
from newsdex's stored fields, so both engines see the same text) with
TermGenerator defaults (English stemmer, STEM_SOME, positions), and searches
with QueryParser defaults (English stemmer, STEM_SOME, default operator OR)
and BM25Weight defaults.

  xapian_defaults.py index --from-newsdex NEWSDEX_DB --out PEER_DB
  xapian_defaults.py run --db PEER_DB --topics TOPICS.tsv [--limit 1000] --run OUT.run
  xapian_defaults.py query --db PEER_DB --queries QUERIES.tsv [--runs 5] [--warmup 1]
                           [--limit 10] [--snippets] [--json OUT.json]

Needs Debian's python3-xapian, which /usr/bin/python3 sees.
"""
import argparse
import json
import statistics
import sys
import time

import xapian

STORED_VERSION = 1
TAG_ID, TAG_TITLE, TAG_BODY = 1, 3, 4


def decode_stored(data):
    """newsdex's stored fields (common/stored_fields.cc): version byte, then
    (tag, varint length, bytes) per field."""
    if not data or data[0] != STORED_VERSION:
        raise ValueError("not newsdex stored fields")
    fields, i = {}, 1
    while i < len(data):
        tag = data[i]
        i += 1
        length, shift = 0, 0
        while True:
            byte = data[i]
            i += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        fields[tag] = data[i:i + length].decode("utf-8", "replace")
        i += length
    return fields


def index(args):
    source = xapian.Database(args.from_newsdex)
    out = xapian.WritableDatabase(args.out, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    started = time.monotonic()
    count = 0
    for post in source.postlist(""):
        fields = decode_stored(source.get_document(post.docid).get_data())
        doc = xapian.Document()
        tg.set_document(doc)
        title, body = fields.get(TAG_TITLE, ""), fields.get(TAG_BODY, "")
        tg.index_text(title, 1, "S")
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(body)
        doc.add_boolean_term("Q" + fields.get(TAG_ID, str(post.docid)))
        doc.add_value(0, fields.get(TAG_ID, ""))
        out.add_document(doc)
        count += 1
    out.commit()
    print(f"indexed {count} articles in {time.monotonic() - started:.1f} s", file=sys.stderr)


def parser_for(db):
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.add_prefix("title", "S")
    return qp


def enquire_for(db):
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    return enquire


def run(args):
    db = xapian.Database(args.db)
    qp, enquire = parser_for(db), enquire_for(db)
    with open(args.topics, encoding="utf-8") as topics, open(args.run, "w") as out:
        for line in topics:
            if not line.strip() or line.startswith("#"):
                continue
            qid, text = line.rstrip("\n").split("\t", 1)
            # Lower-cased: TIME topics are in capitals, and STEM_SOME leaves
            # capitalised words unstemmed, which would cripple the baseline.
            enquire.set_query(qp.parse_query(text.lower()))
            for m in enquire.get_mset(0, args.limit):
                docno = m.document.get_value(0).decode()
                out.write(f"{qid} Q0 {docno} {m.rank + 1} {m.weight:.4f} xapian-defaults\n")


def percentile(sorted_values, p):
    """Nearest-rank percentile, as newsdex-bench computes it."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def query(args):
    db = xapian.Database(args.db)
    qp, enquire = parser_for(db), enquire_for(db)
    classes = {}
    with open(args.queries, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cls, text = line.rstrip("\n").split("\t", 1)
            classes.setdefault(cls, []).append(text)

    def one(text, snippets):
        # The class conventions of newsdex-bench: 'any' ORs (QueryParser's
        # default anyway), every other class ANDs its words.
        qp.set_default_op(xapian.Query.OP_OR if cls == "any" else xapian.Query.OP_AND)
        started = time.perf_counter()
        q = qp.parse_query(text, xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD)
        enquire.set_query(q)
        mset = enquire.get_mset(0, args.limit)
        for m in mset:
            data = m.document.get_data()
            if snippets:
                mset.snippet(data.decode("utf-8", "replace"), 240)
        return (time.perf_counter() - started) * 1000.0

    report = {"engine": "xapian-defaults", "classes": {}}
    for cls, texts in classes.items():
        for snippets in ([False, True] if args.snippets else [False]):
            for _ in range(args.warmup):
                for t in texts:
                    one(t, snippets)
            latencies = sorted(one(t, snippets) for _ in range(args.runs) for t in texts)
            key = cls + ("+snippets" if snippets else "")
            report["classes"][key] = {
                "count": len(latencies),
                "p50_ms": percentile(latencies, 50),
                "p90_ms": percentile(latencies, 90),
                "p99_ms": percentile(latencies, 99),
                "max_ms": latencies[-1],
                "mean_ms": statistics.fmean(latencies),
            }
    text = json.dumps(report, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    print(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    p.add_argument("--from-newsdex", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("run")
    p.add_argument("--db", required=True)
    p.add_argument("--topics", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--limit", type=int, default=1000)
    p = sub.add_parser("query")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--snippets", action="store_true")
    p.add_argument("--json")
    args = ap.parse_args()
    {"index": index, "run": run, "query": query}[args.command](args)


if __name__ == "__main__":
    main()
