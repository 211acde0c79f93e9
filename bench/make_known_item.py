#!/usr/bin/python3
"""Known-item topics from a newsdex index: each article's title is the query,
the article is the one relevant document, for `newsdex-bench eval`.

usage: /usr/bin/python3 bench/make_known_item.py --db DB --out PREFIX
                                                 [--sample N] [--seed 1] [--min-words 2]

Writes PREFIX.topics.tsv (TOPIC<TAB>TITLE) and PREFIX.qrels (TREC qrels,
`TOPIC 0 DOCNO 1`). Then, as for TIME:

  newsdex-bench eval --db DB --topics PREFIX.topics.tsv --qrels PREFIX.qrels \
      --limit 10 [--all-words] --summary

MRR there is MRR@10 (`--limit 10`); success@1 is the share of topics with
reciprocal rank 1 (the per-topic figures of `--json`).

Rules, so a figure measures ranking and not the draw:
- titles of fewer than --min-words words (whitespace-separated) are skipped:
  a one-word title is not a known-item search;
- articles whose titles are equal (after case folding and collapsing
  whitespace) are one topic with every such article relevant: identical
  wire copies cannot be told apart by their title, and ranking either first
  is a success;
- --sample N draws N topics with random.Random(seed) from the sorted list,
  so the draw is reproducible for a given index.

Reads the index through `newsdex-bench export` (a built newsdex-bench: build/,
or $NEWSDEX_BUILD_DIR / $NEWSDEX_BENCH).
"""

import argparse
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from peerlib import exported_articles  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True, help="output prefix")
    ap.add_argument("--sample", type=int, default=0, help="topics to draw (0: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-words", type=int, default=2)
    args = ap.parse_args()

    by_title = {}
    for fields in exported_articles(args.db):
        title = re.sub(r"\s+", " ", fields.get("title", "")).strip()
        if len(title.split(" ")) < args.min_words or "id" not in fields:
            continue
        by_title.setdefault(title.casefold(), (title, []))[1].append(fields["id"])

    keys = sorted(by_title)
    if args.sample and args.sample < len(keys):
        keys = sorted(random.Random(args.seed).sample(keys, args.sample))
    with open(args.out + ".topics.tsv", "w", encoding="utf-8") as topics, \
            open(args.out + ".qrels", "w", encoding="utf-8") as qrels:
        topics.write(f"# known-item topics: titles of {args.db} (make_known_item.py "
                     f"--sample {args.sample} --seed {args.seed} --min-words {args.min_words})\n")
        for n, key in enumerate(keys, 1):
            title, ids = by_title[key]
            topics.write(f"{n}\t{title}\n")
            for docno in sorted(set(ids)):
                qrels.write(f"{n} 0 {docno} 1\n")
    print(f"{len(keys)} topics", file=sys.stderr)


if __name__ == "__main__":
    main()
