#!/usr/bin/python3
"""Known-item topics from a newsdex index: each article's title (or, for a
corpus without titles, its most distinctive sentence) is the query, the
article is the one relevant document, for `newsdex-bench eval` and
`newsdex-bench known-item`.

usage: /usr/bin/python3 bench/make_known_item.py --db DB --out PREFIX
           [--from title|sentence] [--sample N] [--seed 1] [--min-words 2] [--min-chars 0]

Writes PREFIX.topics.tsv (TOPIC<TAB>QUERY) and PREFIX.qrels (TREC qrels,
`TOPIC 0 DOCNO 1`). Then, as for TIME:

  newsdex-bench eval --db DB --topics PREFIX.topics.tsv --qrels PREFIX.qrels \\
      --limit 10 [--all-words] --summary

MRR there is MRR@10 (`--limit 10`); `newsdex-bench known-item` gives MRR@10
and success@1 of several engines' run files side by side
(bench/known_item_langs.sh runs it per language against Lucene).

Rules, so a figure measures ranking and not the draw:
- a query of fewer than --min-words words (whitespace-separated) is skipped
  (a one-word title is not a known-item search), unless it has at least
  --min-chars characters (for scripts written without spaces: a Japanese
  title is one "word");
- --from sentence (10kGNAD has no titles): the query is the article's most
  distinctive sentence: among its body's sentences of 8 to 30 words, the
  one whose words are rarest in the corpus (highest mean IDF over the
  exported bodies, words as \\w+ case-folded), the first on a tie; a
  sentence found in another article too (boilerplate: "Der Volltext dieses
  ... Artikels steht ... nicht mehr zur Verfügung.") is never chosen, as it
  would not identify one article;
- articles whose queries are equal (after case folding and collapsing
  whitespace) are one topic with every such article relevant: identical
  wire copies cannot be told apart, and ranking either first is a success;
- --sample N draws N topics with random.Random(seed) from the sorted list,
  so the draw is reproducible for a given index;
- docnos are the articles' ids with whitespace as '_', as newsdex-bench
  writes run files.

Reads the index through `newsdex-bench export` (a built newsdex-bench: build/,
or $NEWSDEX_BUILD_DIR / $NEWSDEX_BENCH).
"""

import argparse
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from peerlib import exported_articles  # noqa: E402

WORD = re.compile(r"\w+")
# A sentence ends at . ! ? (or a closing quote after one) followed by space.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'»“”]?\s+")
SENTENCE_WORDS = (8, 30)


def one_line(text):
    return re.sub(r"\s+", " ", text).strip()


def sentences(body):
    return SENTENCE_END.split(one_line(body))


def distinctive_sentence(body, idf, shared):
    best, best_score = "", -1.0
    for sentence in sentences(body):
        if sentence.casefold() in shared:
            continue
        n = len(sentence.split(" "))
        if not SENTENCE_WORDS[0] <= n <= SENTENCE_WORDS[1]:
            continue
        words = [w.casefold() for w in WORD.findall(sentence)]
        if not words:
            continue
        score = sum(idf[w] for w in words) / len(words)
        if score > best_score:
            best, best_score = sentence, score
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True, help="output prefix")
    ap.add_argument("--from", dest="source", choices=["title", "sentence"], default="title")
    ap.add_argument("--sample", type=int, default=0, help="topics to draw (0: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-words", type=int, default=2)
    ap.add_argument("--min-chars", type=int, default=0)
    args = ap.parse_args()

    articles = list(exported_articles(args.db))
    idf = {}
    if args.source == "sentence":
        df = {}
        for a in articles:
            for w in {w.casefold() for w in WORD.findall(a.get("body", ""))}:
                df[w] = df.get(w, 0) + 1
        idf = {w: math.log(len(articles) / n) for w, n in df.items()}
        seen, shared = set(), set()
        for a in articles:
            for sentence in {s.casefold() for s in sentences(a.get("body", ""))}:
                (shared if sentence in seen else seen).add(sentence)

    by_query = {}
    for fields in articles:
        if args.source == "title":
            query = one_line(fields.get("title", ""))
        else:
            query = distinctive_sentence(fields.get("body", ""), idf, shared)
        if not query or not fields.get("id"):
            continue
        if len(query.split(" ")) < args.min_words and not (args.min_chars and len(query) >= args.min_chars):
            continue
        by_query.setdefault(query.casefold(), (query, []))[1].append(re.sub(r"\s", "_", fields["id"]))

    keys = sorted(by_query)
    if args.sample and args.sample < len(keys):
        keys = sorted(random.Random(args.seed).sample(keys, args.sample))
    with open(args.out + ".topics.tsv", "w", encoding="utf-8") as topics, \
            open(args.out + ".qrels", "w", encoding="utf-8") as qrels:
        topics.write(f"# known-item topics: {args.source}s of {os.path.basename(os.path.normpath(args.db))} "
                     f"(make_known_item.py --from {args.source} --sample {args.sample} --seed {args.seed} "
                     f"--min-words {args.min_words} --min-chars {args.min_chars})\n")
        for n, key in enumerate(keys, 1):
            query, ids = by_query[key]
            topics.write(f"{n}\t{query}\n")
            for docno in sorted(set(ids)):
                qrels.write(f"{n} 0 {docno} 1\n")
    print(f"{len(keys)} topics", file=sys.stderr)


if __name__ == "__main__":
    main()
