#!/usr/bin/python3
"""Draw a newsdex-bench query set from the statistics of a newsdex index.

usage: /usr/bin/python3 bench/make_queries.py --db DB [--seed 1] [--per-class 20]
                                              [--name NAME] [--note TEXT] > bench/queries/NAME.tsv

Needs python3-xapian (Debian package) and an index built by newsdex-index.
The output is deterministic for a given index and seed: terms are visited in
the index's (sorted) order and every choice comes from one seeded
random.Random. Classes (see bench/README.md):

  rare, medium, common   one word, by document frequency (df) band
  and2, and3             2-3 words that co-occur in one article (so >= 1 match)
  any                    3-5 words of one article, run with OR (class name 'any')
  phrase2, phrase3       "2-3 consecutive words" of one article
  field                  title:word, topic:x word, source:x word (what the index has)
  date                   date:RANGE word, the range around an article's date
  sorted                 1-2 frequent words, run sorted newest first (class name 'sorted')

Words are unprefixed terms of 3-20 ASCII letters, i.e. what the analysis
stored for ordinary words (schema: docs/schema.md); queries re-analyse them
exactly as typed text is analysed.
"""

import argparse
import datetime
import random
import re
import sys

import xapian

WORD = re.compile(r"^[a-z]{3,20}$")
DATE_SLOT = 0  # schema::kSlotDate: sortable_serialise(seconds since epoch)


def is_word(term):
    return WORD.match(term) is not None


class Index:
    def __init__(self, path):
        self.db = xapian.Database(path)
        self.n = self.db.get_doccount()
        self.last = self.db.get_lastdocid()
        # Vocabulary of plain words with their df, in term order (deterministic).
        self.words = []
        for t in self.db.allterms():
            term = t.term.decode("utf-8", "replace")
            if term[:1].isupper():
                continue
            if is_word(term):
                self.words.append((term, t.termfreq))
        self.df = dict(self.words)

    def random_doc(self, rng):
        while True:
            did = rng.randint(1, self.last)
            try:
                return did, self.db.get_document(did)
            except xapian.DocNotFoundError:
                continue

    def doc_terms(self, doc, prefix=""):
        out = []
        for t in doc.termlist():
            term = t.term.decode("utf-8", "replace")
            if prefix:
                if term.startswith(prefix):
                    out.append(term[len(prefix):])
            elif not term[:1].isupper() and is_word(term):
                out.append(term)
        return out

    def doc_sequence(self, did, doc):
        """position -> the words at it (compounds put two terms at one position)."""
        at = {}
        for term in self.doc_terms(doc):
            for pos in self.db.positionlist(did, term):
                at.setdefault(pos, []).append(term)
        return at

    def date(self, doc):
        value = doc.get_value(DATE_SLOT)
        if not value:
            return None
        return datetime.datetime.fromtimestamp(
            xapian.sortable_unserialise(value), tz=datetime.timezone.utc
        ).date()


def bands(n):
    """df bands for the single-word classes, scaled with the collection."""
    return {
        "rare": (2, max(3, n // 2000)),
        "medium": (max(10, n // 500), max(50, n // 50)),
        "common": (max(20, n // 10), n),
    }


def pick_distinct(rng, make, count, tries=200):
    """Calls make() until `count` distinct non-empty queries (order kept)."""
    out, seen = [], set()
    for _ in range(count * tries):
        if len(out) == count:
            break
        q = make()
        if q and q not in seen:
            seen.add(q)
            out.append(q)
    return out


def content_words(index, terms, lo, hi):
    return sorted({t for t in terms if lo <= index.df.get(t, 0) <= hi})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-class", type=int, default=20)
    ap.add_argument("--name", default="")
    ap.add_argument("--note", default="", help="how the index was built, for the header")
    args = ap.parse_args()

    index = Index(args.db)
    n = index.n
    rng = random.Random(args.seed)
    k = args.per_class
    classes = {}
    skipped = {}

    for name, (lo, hi) in bands(n).items():
        pool = [w for w, df in index.words if lo <= df <= hi]
        rng.shuffle(pool)
        classes[name] = pool[:k]

    # Words specific enough to matter in an AND and frequent enough to co-occur.
    co_lo, co_hi = 3, max(10, n // 5)

    def and_query(size):
        _, doc = index.random_doc(rng)
        words = content_words(index, index.doc_terms(doc), co_lo, co_hi)
        if len(words) < size:
            return None
        return " ".join(rng.sample(words, size))

    classes["and2"] = pick_distinct(rng, lambda: and_query(2), k)
    classes["and3"] = pick_distinct(rng, lambda: and_query(3), k)
    classes["any"] = pick_distinct(rng, lambda: and_query(rng.randint(3, 5)), k)

    def phrase_query(size):
        did, doc = index.random_doc(rng)
        at = index.doc_sequence(did, doc)
        starts = []
        for pos in sorted(at):
            window = [at.get(pos + i) for i in range(size)]
            if any(w is None or len(w) != 1 for w in window):
                continue
            words = [w[0] for w in window]
            # Not all very common words ("of the"): one word below the common band.
            if min(index.df.get(w, n) for w in words) >= n // 10:
                continue
            starts.append(words)
        if not starts:
            return None
        return '"' + " ".join(rng.choice(starts)) + '"'

    classes["phrase2"] = pick_distinct(rng, lambda: phrase_query(2), k)
    classes["phrase3"] = pick_distinct(rng, lambda: phrase_query(3), k)

    # field: rotate through the kinds of field this index has.
    has_topics = any(True for _ in index.db.allterms("XTOPIC"))
    sources = [t.term.decode()[len("XSOURCE"):] for t in index.db.allterms("XSOURCE")]
    kinds = ["title"] + (["topic"] if has_topics else []) + (["source"] if len(sources) > 1 else [])

    def quoted(value):
        return '"' + value + '"' if re.search(r"[\s\"()]", value) else value

    def field_query(kind):
        _, doc = index.random_doc(rng)
        if kind == "title":
            titles = sorted(t for t in index.doc_terms(doc, "S") if is_word(t))
            return "title:" + rng.choice(titles) if titles else None
        values = sorted(index.doc_terms(doc, "XTOPIC" if kind == "topic" else "XSOURCE"))
        words = content_words(index, index.doc_terms(doc), co_lo, co_hi)
        if not values or not words:
            return None
        return kind + ":" + quoted(rng.choice(values)) + " " + rng.choice(words)

    field = []
    for i in range(k * 10):
        if len(field) == k:
            break
        q = pick_distinct(rng, lambda: field_query(kinds[len(field) % len(kinds)]), 1)
        if q and q[0] not in field:
            field.extend(q)
    classes["field"] = field

    def date_query():
        _, doc = index.random_doc(rng)
        day = index.date(doc)
        words = content_words(index, index.doc_terms(doc), co_lo, max(co_hi, n // 2))
        if day is None or not words:
            return None
        shape = rng.randint(0, 2)
        if shape == 0:
            span = "date:%04d-%02d" % (day.year, day.month)
        else:
            days = 7 if shape == 1 else 60
            start = day - datetime.timedelta(days=rng.randint(0, days - 1))
            end = start + datetime.timedelta(days=days - 1)
            span = "date:%s..%s" % (start.isoformat(), end.isoformat())
        return span + " " + rng.choice(words)

    has_dates = index.db.get_value_freq(DATE_SLOT) > 0
    if has_dates:
        classes["date"] = pick_distinct(rng, date_query, k)
    else:
        skipped["date"] = "no article has a date"

    def sorted_query():
        _, doc = index.random_doc(rng)
        words = content_words(index, index.doc_terms(doc), max(3, n // 100), n)
        if not words:
            return None
        return " ".join(rng.sample(words, min(len(words), rng.randint(1, 2))))

    classes["sorted"] = pick_distinct(rng, sorted_query, k)

    out = sys.stdout
    out.write("# newsdex-bench query set%s: %d articles in the index\n"
              % (" for " + args.name if args.name else "", n))
    if args.note:
        out.write("# index: %s\n" % args.note)
    out.write("# generated by: /usr/bin/python3 bench/make_queries.py --seed %d --per-class %d"
              " (see bench/README.md); do not edit by hand\n" % (args.seed, k))
    b = bands(n)
    out.write("# df bands: rare %d-%d, medium %d-%d, common >= %d; class 'any' runs with OR,"
              " 'sorted' newest first\n" % (b["rare"] + b["medium"] + (b["common"][0],)))
    for name, why in skipped.items():
        out.write("# %s: left out (%s)\n" % (name, why))
    order = ["rare", "medium", "common", "and2", "and3", "any", "phrase2", "phrase3", "field", "date", "sorted"]
    for name in order:
        for q in classes.get(name, []):
            out.write("%s\t%s\n" % (name, q))


if __name__ == "__main__":
    main()
