#!/usr/bin/python3
"""Exports the articles of a newsdex database as JSONL, the one input every
engine of the side-by-side benchmark indexes (newsdex-index included), so all
of them see exactly the same articles and the same text: the title and body
newsdex stored (sanitized UTF-8, the Reuters dateline at the head of the body),
not each engine's own reading of the SGML.

One object per line, in document order:
  {"id", "collection", "title", "body", "date" (ISO 8601 UTC, which
   newsdex-index parses), "epoch" (int seconds, what the peers index),
   "topics": [...], "places": [...], "lang", "source"}
Absent fields are left out (an undated article has neither date nor epoch).

With --scriptindex it writes the same articles in Xapian scriptindex's dump
format instead (id, title, body, date; reuters_to_scriptindex.py's writer), for
the rules of scriptindex.index, so scriptindex too indexes exactly these
articles whatever the corpus was.

  export_newsdex.py NEWSDEX_DB > articles.jsonl
  export_newsdex.py NEWSDEX_DB --out articles.jsonl
  export_newsdex.py NEWSDEX_DB --scriptindex --out articles.dump

Needs python3-xapian (Debian), which /usr/bin/python3 sees.
"""
import argparse
import json
import os
import sys

import xapian

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402
import reuters_to_scriptindex  # noqa: E402


def export(db_path, out, scriptindex=False):
    db = xapian.Database(db_path)
    count = 0
    for post in db.postlist(""):
        f = peerlib.decode_stored(db.get_document(post.docid).get_data())
        record = {"id": f.get("id", str(post.docid))}
        for key in ("collection", "title", "body"):
            if key in f:
                record[key] = f[key]
        if "date" in f:
            record["date"] = peerlib.iso_utc(f["date"])
            record["epoch"] = f["date"]
        for key in ("topics", "places"):
            if f.get(key):
                record[key] = f[key]
        for key in ("lang", "source"):
            if f.get(key):
                record[key] = f[key]
        if scriptindex:
            for key in ("id", "title", "body", "date"):
                reuters_to_scriptindex.emit(out, key, record.get(key, ""))
            out.write("\n")
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("--out", help="file to write (default: standard output)")
    ap.add_argument("--scriptindex", action="store_true", help="scriptindex dump format instead of JSONL")
    args = ap.parse_args()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            n = export(args.db, out, args.scriptindex)
    else:
        n = export(args.db, sys.stdout, args.scriptindex)
    print(f"exported {n} articles from {args.db}", file=sys.stderr)


if __name__ == "__main__":
    main()
