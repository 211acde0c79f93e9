#!/usr/bin/python3
"""Plain Xapian with its defaults, as a baseline peer for newsdex: what a
developer gets from the same library with no tuning, so the side-by-side
benchmark shows what newsdex's analysis, ranking and snippets cost or save.

It indexes exactly the articles newsdex indexed (the JSONL of
`newsdex-bench export`, or that export of a newsdex database run directly) with
TermGenerator defaults (English stemmer, STEM_SOME, positions; title also
under S), and searches with QueryParser defaults (English stemmer, STEM_SOME;
default operator AND as newsdex's, OR for class 'any'), BM25Weight defaults,
and MSet::snippet for snippets.

  xapian_defaults.py index (--jsonl ARTICLES.jsonl | --from-newsdex NEWSDEX_DB) --out PEER_DB
  xapian_defaults.py run --db PEER_DB --topics TOPICS.tsv [--limit 1000] --run OUT.run
  xapian_defaults.py query --db PEER_DB --queries QUERIES.tsv [--runs 5] [--warmup 1]
                           [--limit 10] [--snippets] [--json OUT.json]

`query` writes the JSON of `newsdex-bench query --json` (plus "engine" and
the queries it skipped, per class, with the reason). Needs Debian's
python3-xapian, which /usr/bin/python3 sees.
"""
import argparse
import os
import sys
import time

import xapian

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402

SLOT_ID, SLOT_DATE = 0, 1  # id as text; date as sortable_serialise(seconds)
TOPIC_PREFIX = "XT"
DATA_SEPARATOR = "\x1f"    # document data: title, separator, body
SNIPPET_BYTES = 240         # newsdex's default snippet size (characters; bytes here)


def index(args):
    articles = peerlib.read_articles(args.jsonl) if args.jsonl else peerlib.exported_articles(args.from_newsdex)
    out = xapian.WritableDatabase(args.out, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    started = time.monotonic()
    count = 0
    for a in articles:
        doc = xapian.Document()
        tg.set_document(doc)
        title, body = a.get("title", ""), a.get("body", "")
        tg.index_text(title, 1, "S")
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(title + DATA_SEPARATOR + body)
        doc.add_boolean_term("Q" + a["id"])
        for topic in a.get("topics", []):
            doc.add_boolean_term(TOPIC_PREFIX + topic.lower())
        doc.add_value(SLOT_ID, a["id"])
        if "epoch" in a:
            doc.add_value(SLOT_DATE, xapian.sortable_serialise(a["epoch"]))
        out.add_document(doc)
        count += 1
    out.commit()
    out.close()
    print(f"indexed {count} articles in {time.monotonic() - started:.1f} s", file=sys.stderr)


def parser_for(db):
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.add_prefix("title", "S")
    qp.add_boolean_prefix("topic", TOPIC_PREFIX)
    return qp


def enquire_for(db):
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    return enquire


def run(args):
    """A TREC run file (relevance): topics as typed, lower-cased, ORed."""
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
                docno = m.document.get_value(SLOT_ID).decode()
                out.write(f"{qid} Q0 {docno} {m.rank + 1} {m.weight:.4f} xapian-defaults\n")


def translate(cls, query):
    """newsdex query -> (QueryParser string or None, filter Query or None, sort)."""
    qp_text, dates, topics = peerlib.xapian_parts(query)
    filters = [xapian.Query(TOPIC_PREFIX + t) for t in topics]
    if dates:
        lo, hi = dates
        if lo is not None and hi is not None:
            filters.append(xapian.Query(xapian.Query.OP_VALUE_RANGE, SLOT_DATE,
                                        xapian.sortable_serialise(lo), xapian.sortable_serialise(hi)))
        elif lo is not None:
            filters.append(xapian.Query(xapian.Query.OP_VALUE_GE, SLOT_DATE, xapian.sortable_serialise(lo)))
        else:
            filters.append(xapian.Query(xapian.Query.OP_VALUE_LE, SLOT_DATE, xapian.sortable_serialise(hi)))
    flt = None
    if filters:
        flt = filters[0] if len(filters) == 1 else xapian.Query(xapian.Query.OP_AND, filters)
    return qp_text, flt, cls == "sorted"


def query(args):
    db = xapian.Database(args.db)
    qp, enquire = parser_for(db), enquire_for(db)
    stem = xapian.Stem("english")
    flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD
    queries = peerlib.read_queries(args.queries)
    prepared, skipped = peerlib.prepare_all(queries, translate)
    limit = args.limit

    def search(cls, prep, snippets):
        """Parse, match, fetch the stored article of each hit (and snippet
        it): what newsdex's Searcher::search does per query."""
        qp_text, flt, newest = prep
        qp.set_default_op(xapian.Query.OP_OR if cls == "any" else xapian.Query.OP_AND)
        q = qp.parse_query(qp_text, flags) if qp_text else xapian.Query.MatchAll
        if flt is not None:
            q = xapian.Query(xapian.Query.OP_FILTER, q, flt)
        enquire.set_query(q)
        if newest:
            enquire.set_sort_by_value_then_relevance(SLOT_DATE, True)
        else:
            enquire.set_sort_by_relevance()
        mset = enquire.get_mset(0, limit)
        for m in mset:
            title, _, body = m.document.get_data().decode("utf-8", "replace").partition(DATA_SEPARATOR)
            if snippets:
                mset.snippet(title, len(title) + 1, stem)
                mset.snippet(body, SNIPPET_BYTES, stem)
        return mset.get_matches_estimated()

    def count(cls, prep):
        """Exact match count of the query search() has just run, untimed
        (first run only), so the peers' counts can be set side by side to
        check the translations."""
        return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated()

    started = time.monotonic()
    data = peerlib.run_bench(prepared, search, args.warmup, args.runs, args.snippets, count=count)
    seconds = time.monotonic() - started
    desc = peerlib.describe("QueryParser::parse_query + Enquire::get_mset + Document::get_data per hit "
                            "(+ MSet::snippet of title and body), timed from Python", args.warmup, args.runs,
                            args.limit, args.snippets)
    obj = peerlib.report("xapian-defaults", xapian.version_string(), desc, args.queries, queries, prepared,
                         skipped, data, [args.db], db.get_doccount(), args.warmup, args.runs, args.limit,
                         args.snippets, seconds, peerlib.call_overhead_ms())
    peerlib.write_report(obj, args.json)
    peerlib.print_summary(obj)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--jsonl", help="articles written by newsdex-bench export")
    src.add_argument("--from-newsdex", help="a newsdex database (exported by newsdex-bench export)")
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
    p.add_argument("--json", help="write the report here ('-' or nothing: standard output)")
    args = ap.parse_args()
    {"index": index, "run": run, "query": query}[args.command](args)


if __name__ == "__main__":
    main()
