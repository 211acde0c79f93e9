#!/usr/bin/python3
"""The peers' translation of query files, without running any engine: each
query of each CLASS<TAB>QUERY file as newsdex parses it (`newsdex-bench
parse-queries`), rendered by each peer's own translate step, one JSON object
a line:

  {"file", "line", "class", "text",
   "peers": {"xapian-defaults": {"query", "dates", "topics"} | {"skipped"},
             "sqlite-fts5":     {"match", "where", "params"} | {"skipped"},
             "lucene":          {"line"} | {"skipped"}}}

tests/bench/test_peer_translation.cc runs it over bench/queries/*.tsv, so a
change to newsdex's parser, its JSON or a peer's renderer that loses or
changes a query shows up in ctest, not in a benchmark table.

  translate_queries.py [--bench NEWSDEX_BENCH] QUERIES.tsv...

Stdlib only (no python3-xapian, no sqlite3 database, no JVM).
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lucene_peer  # noqa: E402
import peerlib  # noqa: E402
import sqlite_fts5  # noqa: E402


def xapian(cls, q):
    text, dates, topics = peerlib.xapian_parts(q)
    return {"query": text, "dates": list(dates) if dates else None, "topics": topics}


def fts5(cls, q):
    _, match, conds, params, newest = sqlite_fts5.translate(cls, q)
    return {"match": match, "where": conds, "params": params, "newest": newest}


def lucene(cls, q):
    return {"line": lucene_peer.translate(cls, q)[1]}


PEERS = {"xapian-defaults": xapian, "sqlite-fts5": fts5, "lucene": lucene}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", help="newsdex-bench to parse with (default: see peerlib.newsdex_bench)")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.bench:
        os.environ["NEWSDEX_BENCH"] = args.bench
    for path in args.files:
        for q in peerlib.read_queries(path):
            out = {"file": path, "line": q["line"], "class": q["class"], "text": q["text"], "peers": {}}
            for name, translate in PEERS.items():
                try:
                    out["peers"][name] = translate(q["class"], q)
                except peerlib.Unsupported as e:
                    out["peers"][name] = {"skipped": str(e)}
            print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
