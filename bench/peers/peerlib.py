#!/usr/bin/python3
"""What every peer script of bench/peers/ shares, so the peers cannot drift
apart from each other or from newsdex-bench:

- decode_stored(): newsdex's stored-field format (common/stored_fields.cc),
  the only way to read back exactly the text newsdex indexed;
- read_articles() / write_jsonl(): the JSONL export all engines index;
- read_queries(): the CLASS<TAB>QUERY files of bench/queries/, with the rules
  of bench/query_file.cc;
- parse_query() and the renderers: newsdex's query language (the subset the
  query sets use) translated into each peer's own syntax; what a peer cannot
  express raises Unsupported, and the query is skipped and counted, never
  silently changed;
- run_bench() and report(): the timing loop and the JSON report of
  `newsdex-bench query --json` (bench/query_bench.cc, bench/query_report.cc),
  same order of runs and modes, same nearest-rank percentiles, same schema,
  so `newsdex-bench compare` and run_peers.sh read a peer's report as they read
  newsdex's.

Stdlib only; the peers that need python3-xapian import it themselves.
"""
import calendar
import json
import math
import os
import re
import statistics
import sys
import time

# --- newsdex stored fields ---------------------------------------------------

STORED_VERSION = 1
TAG_ID, TAG_COLLECTION, TAG_TITLE, TAG_BODY, TAG_DATE = 1, 2, 3, 4, 5
TAG_SOURCE, TAG_URL, TAG_AUTHORS, TAG_TOPICS, TAG_PLACES, TAG_LANG = 6, 7, 8, 9, 10, 11
LIST_SEPARATOR = "\x1f"
_TEXT_TAGS = {TAG_ID: "id", TAG_COLLECTION: "collection", TAG_TITLE: "title", TAG_BODY: "body",
              TAG_SOURCE: "source", TAG_URL: "url", TAG_LANG: "lang"}
_LIST_TAGS = {TAG_AUTHORS: "authors", TAG_TOPICS: "topics", TAG_PLACES: "places"}


def decode_stored(data):
    """newsdex's stored fields -> dict (id, collection, title, body, source,
    url, lang: str; authors, topics, places: lists; date: int seconds since
    1970 UTC, or absent). Format: version byte 1, then per present field a tag
    byte, a varint length and the bytes; unknown tags are skipped, as newsdex
    does, so a newer database still exports."""
    if not data or data[0] != STORED_VERSION:
        raise ValueError("document data is not in newsdex's stored-field format")
    fields, i, n = {}, 1, len(data)
    while i < n:
        tag = data[i]
        i += 1
        length = shift = 0
        while True:
            if i >= n or shift > 63:
                raise ValueError("truncated varint in newsdex stored fields")
            byte = data[i]
            i += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if i + length > n:
            raise ValueError("field runs past the end of newsdex stored fields")
        value = data[i:i + length]
        i += length
        if tag == TAG_DATE:
            if length != 8:
                raise ValueError("date field is not 8 bytes")
            fields["date"] = int.from_bytes(value, "little", signed=True)
        elif tag in _TEXT_TAGS:
            fields[_TEXT_TAGS[tag]] = value.decode("utf-8", "replace")
        elif tag in _LIST_TAGS:
            fields[_LIST_TAGS[tag]] = value.decode("utf-8", "replace").split(LIST_SEPARATOR)
    return fields


def iso_utc(epoch):
    """ISO 8601 UTC, which newsdex-index's date parser reads back exactly."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def read_articles(jsonl_path):
    """The export: one JSON object per line (see export_newsdex.py)."""
    with open(jsonl_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


# --- query files --------------------------------------------------------------

def read_queries(path):
    """[(class, text)] in file order. As bench/query_file.cc: blank lines and
    '#' lines skipped, label and text trimmed, and a line without a tab is an
    error, because dropping it would change what is measured."""
    out = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip("\n").rstrip("\r")
            if not raw.strip() or raw.strip().startswith("#"):
                continue
            if "\t" not in raw:
                sys.exit(f"{path}:{number}: expected CLASS<TAB>QUERY, but the line has no tab")
            label, text = (s.strip() for s in raw.split("\t", 1))
            if not label or not text:
                sys.exit(f"{path}:{number}: empty class or query")
            out.append((label, text))
    if not out:
        sys.exit(f"{path}: no queries")
    return out


def classes_in_order(queries):
    """Class names in the order they first appear, as newsdex-bench groups them."""
    seen = []
    for cls, _ in queries:
        if cls not in seen:
            seen.append(cls)
    return seen


# --- newsdex's query language -------------------------------------------------

class Unsupported(Exception):
    """A construct this peer cannot express; the query is skipped and counted."""


class Node:
    """kind: word, phrase, wild, field (text = name, kids[0] = value), date
    (lo, hi: inclusive epoch seconds or None), near (distance), seq, and, or,
    not; occur: '' | '+' | '-' for items of a seq."""
    __slots__ = ("kind", "text", "kids", "occur", "lo", "hi", "distance")

    def __init__(self, kind, text="", kids=None, occur="", lo=None, hi=None, distance=0):
        self.kind, self.text, self.kids, self.occur = kind, text, kids or [], occur
        self.lo, self.hi, self.distance = lo, hi, distance

    def __repr__(self):
        inner = " ".join(repr(k) for k in self.kids)
        extra = f" {self.lo}..{self.hi}" if self.kind == "date" else ""
        return f"({self.occur}{self.kind} {self.text!r}{extra}{' ' + inner if inner else ''})"


FIELDS = {"title", "author", "source", "topic", "lang", "collection", "id", "date"}
_DATE_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _period(spec, end):
    """First (or, with end, last) second of a year / month / day, UTC."""
    m = _DATE_PART.match(spec)
    if not m:
        raise Unsupported(f"date '{spec}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return calendar.timegm((y + 1, 1, 1, 0, 0, 0)) - 1 if end else calendar.timegm((y, 1, 1, 0, 0, 0))
    mo = int(mo)
    if not 1 <= mo <= 12:
        raise Unsupported(f"date '{spec}': no such month")
    if d is None:
        if end:
            return calendar.timegm((y, mo, calendar.monthrange(y, mo)[1], 23, 59, 59))
        return calendar.timegm((y, mo, 1, 0, 0, 0))
    d = int(d)
    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        raise Unsupported(f"date '{spec}': no such day")
    return calendar.timegm((y, mo, d, 23, 59, 59) if end else (y, mo, d, 0, 0, 0))


def parse_date_range(spec):
    """searcher/date_range.h: 1987, 1987-03, 1987-03-05, A..B, ..B, A.. ->
    (first second, last second), None for an open side."""
    if ".." in spec:
        a, b = spec.split("..", 1)
    else:
        a = b = spec
    if not a and not b:
        raise Unsupported("date range open on both sides")
    lo = _period(a, False) if a else None
    hi = _period(b, True) if b else None
    if lo is not None and hi is not None and hi < lo:
        raise Unsupported("date range ends before it starts")
    return lo, hi


_TOKEN = re.compile(r'\s*(?:(\()|(\))|((?:[+-])?(?:[A-Za-z]+:)?"[^"]*"?)|([^\s()]+))')


def _tokens(text):
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group(1):
            out.append(("(", None))
        elif m.group(2):
            out.append((")", None))
        elif m.group(3):
            out.append(("quoted", m.group(3)))
        elif m.group(4):
            out.append(("word", m.group(4)))
    return out


def _leaf(token_kind, raw):
    """One item as typed -> (occur, Node)."""
    occur = ""
    if raw[:1] in "+-" and len(raw) > 1:
        occur, raw = raw[0], raw[1:]
    field = None
    m = re.match(r"^([A-Za-z]+):(.+)$", raw, re.S)
    if m and m.group(1).lower() in FIELDS:
        field, raw = m.group(1).lower(), m.group(2)
    if raw.startswith('"'):
        value = Node("phrase", raw.strip('"').strip())
        if not value.text:
            raise Unsupported("empty phrase")
    elif raw.endswith("*") and len(raw) > 1:
        value = Node("wild", raw[:-1])
    else:
        value = Node("word", raw)
    if field == "date":
        lo, hi = parse_date_range(value.text)
        node = Node("date", value.text, lo=lo, hi=hi)
    elif field:
        node = Node("field", field, [value])
    else:
        node = value
    node.occur = occur
    return node


def parse_query(text):
    """newsdex's grammar (searcher/query_parser.h), strictly: OR binds loosest,
    then AND / NOT, then juxtaposition; NEAR[/n] between two atoms; operators
    in upper case only. Where newsdex would recover leniently (a dangling
    operator, an unbalanced parenthesis) this raises Unsupported instead, so a
    peer never runs a query that newsdex reads differently."""
    toks = _tokens(text)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else (None, None)

    def is_op(tok, *names):
        return tok[0] == "word" and (tok[1] in names or any(
            n == "NEAR" and re.match(r"^NEAR(/\d+)?$", tok[1] or "") for n in names))

    def or_expr():
        nonlocal pos
        kids = [and_expr()]
        while is_op(peek(), "OR"):
            pos += 1
            kids.append(and_expr())
        return kids[0] if len(kids) == 1 else Node("or", kids=kids)

    def and_expr():
        nonlocal pos
        kids = []
        if is_op(peek(), "NOT"):
            pos += 1
            kids.append(Node("not", kids=[seq()]))
        else:
            kids.append(seq())
        while is_op(peek(), "AND", "NOT"):
            op = peek()[1]
            pos += 1
            if op == "AND" and is_op(peek(), "NOT"):
                pos += 1
                op = "NOT"
            item = seq()
            kids.append(Node("not", kids=[item]) if op == "NOT" else item)
        return kids[0] if len(kids) == 1 else Node("and", kids=kids)

    def seq():
        items = []
        while True:
            tok = peek()
            if tok[0] is None or tok[0] == ")" or is_op(tok, "OR", "AND", "NOT"):
                break
            items.append(item())
        if not items:
            raise Unsupported("operator or parenthesis without operand")
        return items[0] if len(items) == 1 and not items[0].occur else Node("seq", kids=items)

    def item():
        nonlocal pos
        node = atom()
        while is_op(peek(), "NEAR"):
            op = peek()[1]
            pos += 1
            dist = int(op.split("/", 1)[1]) if "/" in op else 10
            right = atom()
            if node.kind == "near":
                node.kids.append(right)
            else:
                node = Node("near", kids=[node, right], occur=node.occur, distance=dist)
                node.kids[0].occur = ""
        return node

    def atom():
        nonlocal pos
        tok = peek()
        if tok[0] == "(":
            pos += 1
            inner = or_expr()
            if peek()[0] != ")":
                raise Unsupported("unbalanced parenthesis")
            pos += 1
            return inner
        if tok[0] in ("word", "quoted"):
            pos += 1
            return _leaf(*tok)
        raise Unsupported("unbalanced parenthesis")

    if not toks:
        raise Unsupported("empty query")
    root = or_expr()
    if pos != len(toks):
        raise Unsupported("unbalanced parenthesis")
    return root


def split_filters(root):
    """Top-level filters -> (text part or None, dates [(lo, hi)], topics [str]).
    newsdex applies date: and topic: as boolean filters (no weight); so do the
    peers, as a filter beside the ranked text query. Only filters that are
    required items of the top-level sequence (or the whole query) are lifted;
    a filter nested in OR / NOT stays in the tree for the renderer to express
    or refuse."""
    dates, topics = [], []

    def lift(node):
        if node.occur == "-":
            return False
        if node.kind == "date":
            dates.append((node.lo, node.hi))
            return True
        if node.kind == "field" and node.text == "topic" and node.kids[0].kind == "word":
            topics.append(node.kids[0].text.lower())
            return True
        return False

    if root.kind == "seq":
        rest = [k for k in root.kids if not lift(k)]
        if not rest:
            return None, dates, topics
        text = rest[0] if len(rest) == 1 and not rest[0].occur else Node("seq", kids=rest)
        return text, dates, topics
    if root.kind == "and":
        rest = [k for k in root.kids if not lift(k)]
        if not rest:
            return None, dates, topics
        return (rest[0] if len(rest) == 1 and rest[0].kind != "not" else Node("and", kids=rest)), dates, topics
    if lift(root):
        return None, dates, topics
    return root, dates, topics


def intersect_dates(dates):
    """Several date: filters -> one (lo, hi) range (None = open side)."""
    lo = max((d[0] for d in dates if d[0] is not None), default=None)
    hi = min((d[1] for d in dates if d[1] is not None), default=None)
    return lo, hi


def _check_no_nested_date(node):
    if node.kind == "date":
        raise Unsupported("date: inside OR / NOT / parentheses")
    for k in node.kids:
        _check_no_nested_date(k)


# --- renderers ------------------------------------------------------------

def _render_boolean(node, leaf):
    """The syntax Xapian's QueryParser and Lucene's classic QueryParser share:
    +/- prefixes, field:value for title: and topic:, ( ), OR, AND, NOT.
    `leaf(n)` renders a word, wildcard, phrase or NEAR in the engine's own
    escaping, without the +/- prefix."""
    _check_no_nested_date(node)

    def r(n):
        occ = n.occur
        if n.kind == "field":
            if n.text not in ("title", "topic"):
                raise Unsupported(f"field {n.text}: is not indexed by this peer")
            v = n.kids[0]
            return occ + n.text + ":" + r(Node(v.kind, v.text))
        if n.kind == "seq":
            return occ + "(" + " ".join(r(k) for k in n.kids) + ")"
        if n.kind == "or":
            return occ + "(" + " OR ".join(r(k) for k in n.kids) + ")"
        if n.kind == "and":
            if n.kids[0].kind == "not":
                raise Unsupported("leading NOT (match everything but)")
            parts = [r(n.kids[0])]
            for k in n.kids[1:]:
                parts.append("NOT " + r(k.kids[0]) if k.kind == "not" else "AND " + r(k))
            return occ + "(" + " ".join(parts) + ")"
        if n.kind == "not":
            raise Unsupported("NOT without a left operand")
        return occ + leaf(n, r)

    out = r(node)
    return out[1:-1] if node.kind in ("seq", "or", "and") and not node.occur else out


def to_xapian(node):
    """A QueryParser string (words lower-cased: QueryParser's STEM_SOME leaves
    capitalised words unstemmed). title: and topic: are QueryParser prefixes of
    the Xapian peer; other fields are not indexed there."""

    def leaf(n, r):
        if n.kind == "word":
            return n.text.lower()
        if n.kind == "wild":
            return n.text.lower() + "*"
        if n.kind == "phrase":
            return '"' + n.text.lower().replace('"', " ") + '"'
        if n.kind == "near":
            return "(" + f" NEAR/{n.distance} ".join(r(k) for k in n.kids) + ")"
        raise Unsupported(n.kind)

    return _render_boolean(node, leaf)


def _fts5_string(text):
    """An FTS5 string: tokenised by the table's tokenizer; several tokens make
    a phrase (so cease-fire is the phrase "cease fire", as in newsdex)."""
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node, any_mode=False):
    """An FTS5 MATCH expression over columns title, body. Default operator
    AND (FTS5's implicit one), OR for class 'any'. FTS5's NOT is binary, so a
    sequence needs at least one positive item; a required item (+x) beside
    optional ones under OR has no FTS5 form (FTS5 has no 'optional, for
    ranking only'), nor do topic: / other fields inside OR (they are not
    FTS5 columns)."""
    _check_no_nested_date(node)

    def leaf(n):
        if n.kind == "word":
            return _fts5_string(n.text)
        if n.kind == "phrase":
            return _fts5_string(n.text)
        if n.kind == "wild":
            return _fts5_string(n.text) + " *"
        if n.kind == "field":
            if n.text != "title":
                raise Unsupported(f"{n.text}: inside an expression (not an FTS5 column)")
            return "title : " + leaf(n.kids[0])
        if n.kind == "near":
            for k in n.kids:
                if k.kind not in ("word", "phrase"):
                    raise Unsupported("NEAR over a field or wildcard")
            return "NEAR(" + " ".join(leaf(k) for k in n.kids) + f", {n.distance})"
        return "(" + expr(n) + ")"

    def expr(n):
        if n.kind == "seq":
            pos = [k for k in n.kids if k.occur != "-"]
            neg = [k for k in n.kids if k.occur == "-"]
            if not pos:
                raise Unsupported("only excluded words")
            if any_mode and any(k.occur == "+" for k in pos) and any(k.occur != "+" for k in pos):
                raise Unsupported("+required beside optional words under OR")
            joiner = " OR " if any_mode and not any(k.occur == "+" for k in pos) else " AND "
            out = joiner.join(leaf(k) for k in pos)
            if len(pos) > 1 and neg:
                out = "(" + out + ")"
            for k in neg:
                out += " NOT " + leaf(k)
            return out
        if n.kind == "or":
            return " OR ".join(leaf(k) for k in n.kids)
        if n.kind == "and":
            if n.kids[0].kind == "not":
                raise Unsupported("leading NOT (match everything but)")
            out = leaf(n.kids[0])
            for k in n.kids[1:]:
                out = "(" + out + (" NOT " + leaf(k.kids[0]) if k.kind == "not" else " AND " + leaf(k)) + ")"
            return out
        if n.kind == "not":
            raise Unsupported("NOT without a left operand")
        if n.occur == "-":
            raise Unsupported("only excluded words")
        return leaf(n)

    return expr(node)


_LUCENE_SPECIAL = set('\\+-!():^[]"{}~*?|&/')


def _lucene_escape(text):
    return "".join("\\" + c if c in _LUCENE_SPECIAL else c for c in text)


def to_lucene(node):
    """A string for Lucene's classic QueryParser (default field 'text' =
    title + body, 'title' and 'topic' fields; default operator set by the
    caller: AND, OR for class 'any'). NEAR/n becomes a sloppy phrase "a b"~n,
    which like Xapian's NEAR ignores order; operands must be single words."""

    def leaf(n, r):
        if n.kind == "word":
            return _lucene_escape(n.text.lower())
        if n.kind == "wild":
            return _lucene_escape(n.text.lower()) + "*"
        if n.kind == "phrase":
            return '"' + _lucene_escape(n.text.lower()) + '"'
        if n.kind == "near":
            if any(k.kind != "word" for k in n.kids):
                raise Unsupported("NEAR over phrases or fields")
            return '"' + " ".join(_lucene_escape(k.text.lower()) for k in n.kids) + f'"~{n.distance}'
        raise Unsupported(n.kind)

    return _render_boolean(node, leaf)


# --- timing and the report --------------------------------------------------

def percentile_sorted(values, p):
    """Nearest rank, with bench/latency_stats.cc's tolerance (p90 of 10 values
    is the 9th, despite 0.9 * 10 being 9.000000000000002)."""
    if not values:
        return 0.0
    rank = math.ceil(p / 100.0 * len(values) - 1e-9)
    return values[min(max(rank, 1), len(values)) - 1]


def median(values):
    return percentile_sorted(sorted(values), 50)


def summarize(name, queries, runs, matches, empty):
    """One CLASS object of the report, as summarize_class() in query_bench.cc."""
    samples = sorted(ms for run in runs for ms in run)
    run_qps = [len(run) * 1000.0 / sum(run) if sum(run) > 0 else 0.0 for run in runs]
    return {
        "class": name,
        "queries": queries,
        "samples": len(samples),
        "p50_ms": percentile_sorted(samples, 50),
        "p90_ms": percentile_sorted(samples, 90),
        "p99_ms": percentile_sorted(samples, 99),
        "max_ms": samples[-1] if samples else 0.0,
        "min_ms": samples[0] if samples else 0.0,
        "mean_ms": statistics.fmean(samples) if samples else 0.0,
        "qps": median(run_qps),
        "run_p50_ms": [median(run) for run in runs],
        "run_qps": run_qps,
        "mean_matches": matches / queries if queries else 0.0,
        "empty": empty,
    }


def machine(engine_version):
    """The "machine" object; "xapian" names the peer engine's version."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count() or 0, "xapian": engine_version,
            "load_average": os.getloadavg()[0], "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def prepare_all(queries, translate):
    """translate(class, text) -> a prepared query, or raises Unsupported.
    Returns ({class: [prepared]}, skipped [{"class", "query", "reason"}])."""
    prepared, skipped = {}, []
    for cls, text in queries:
        try:
            prepared.setdefault(cls, []).append(translate(cls, text))
        except Unsupported as e:
            prepared.setdefault(cls, [])
            skipped.append({"class": cls, "query": text, "reason": str(e)})
    return prepared, skipped


def run_bench(prepared, search, warmup, runs, snippets, progress=True, count=None):
    """newsdex-bench's loop: `warmup` unmeasured passes over every query in
    every mode, then `runs` runs, each running every mode and in it every
    class in file order. search(cls, q, snippets) -> match count (estimated,
    as the engine gives it); only the call is timed (perf_counter), so
    Python's start-up and the query translation are outside the figures.
    An engine that does not count matches while searching (FTS5) passes
    count(cls, q), called untimed in the first run instead.
    Returns {mode: {class: (runs, matches, empty)}}."""
    modes = [False, True] if snippets else [False]
    classes = [c for c in prepared if prepared[c]]
    for w in range(warmup):
        if progress:
            print(f"\rwarm-up {w + 1}/{warmup}   ", end="", file=sys.stderr, flush=True)
        for m in modes:
            for c in classes:
                for q in prepared[c]:
                    search(c, q, m)
    data = {m: {c: [[], 0.0, 0] for c in classes} for m in modes}
    clock = time.perf_counter
    for run in range(runs):
        if progress:
            print(f"\rrun {run + 1}/{runs}        ", end="", file=sys.stderr, flush=True)
        for m in modes:
            for c in classes:
                entry = data[m][c]
                samples = []
                for q in prepared[c]:
                    t0 = clock()
                    found = search(c, q, m)
                    samples.append((clock() - t0) * 1000.0)
                    if run == 0:
                        if count is not None:
                            found = count(c, q)
                        entry[1] += found
                        entry[2] += found == 0
                entry[0].append(samples)
    if progress:
        print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)
    return data


def call_overhead_ms(calls=2000):
    """What run_bench's timing adds to a sample around a Python function that
    does nothing (median, ms): a floor under every Python peer's latency that
    newsdex-bench, timing C++ in C++, does not pay."""
    def noop(c, q, m):
        return 0
    clock, samples = time.perf_counter, []
    for _ in range(calls):
        t0 = clock()
        noop(None, None, False)
        samples.append((clock() - t0) * 1000.0)
    return median(samples)


def report(engine, engine_version, description, queries_file, queries, prepared, skipped, data,
           db_paths, articles, warmup, runs, limit, snippets, seconds, overhead_ms=None):
    """The JSON object of `newsdex-bench query --json` (format 1), plus
    "engine", "skipped" (per class), "skipped_queries" (each with why) and, for
    peers timed from Python, method.call_overhead_ms (call_overhead_ms())."""
    classes = [c for c in prepared if prepared[c]]
    modes = []
    for m, per_class in data.items():
        entries = [summarize(c, len(prepared[c]), *per_class[c]) for c in classes]
        all_runs = [[ms for c in classes for ms in per_class[c][0][r]] for r in range(runs)]
        entries_all = summarize("all", sum(len(prepared[c]) for c in classes), all_runs,
                                sum(per_class[c][1] for c in classes), sum(per_class[c][2] for c in classes))
        modes.append({"snippets": m, "classes": entries, "all": entries_all})
    out = {
        "tool": "newsdex-bench query",
        "format": 1,
        "engine": engine,
        "machine": machine(engine_version),
        "method": {"warmup": warmup, "runs": runs, "threads": 1, "limit": limit, "snippets": snippets,
                   "exact": False, "percentile": "nearest-rank", "description": description},
        "databases": db_paths,
        "articles": articles,
        "queries_file": queries_file,
        "queries": sum(len(v) for v in prepared.values()),
        "seconds": seconds,
        "modes": modes,
    }
    if len(modes) == 2:
        cost = []
        for a, b in zip(modes[0]["classes"] + [modes[0]["all"]], modes[1]["classes"] + [modes[1]["all"]]):
            cost.append({"class": a["class"],
                         "p50_ratio": b["p50_ms"] / a["p50_ms"] if a["p50_ms"] > 0 else 0,
                         "mean_ratio": b["mean_ms"] / a["mean_ms"] if a["mean_ms"] > 0 else 0})
        out["snippet_cost"] = cost
    if overhead_ms is not None:
        out["method"]["call_overhead_ms"] = overhead_ms
    counts = {c: 0 for c in prepared}
    for s in skipped:
        counts[s["class"]] += 1
    out["skipped"] = counts
    out["skipped_queries"] = skipped
    return out


def describe(engine_words, warmup, runs, limit, snippets):
    return (f"{warmup} warm-up pass{'' if warmup == 1 else 'es'}, {runs} measured run{'' if runs == 1 else 's'} "
            f"of every query; top {limit} {'without and with snippets' if snippets else 'without snippets'}; "
            f"latency = wall time of {engine_words} (ms); percentiles are nearest-rank over queries x runs; "
            "QPS = median over runs of queries / summed latency (1 thread); class 'any' runs with OR, "
            "'sorted' sorted newest first; queries a peer cannot express are skipped and counted")


def write_report(obj, path):
    text = json.dumps(obj, indent=2) + "\n"
    if path and path != "-":
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def print_summary(obj, out=sys.stderr):
    """A short table on stderr, so a run by hand shows something."""
    for mode in obj["modes"]:
        print(f"{obj['engine']} {'with' if mode['snippets'] else 'without'} snippets:", file=out)
        print(f"  {'class':<10} {'queries':>7} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'matches':>9}", file=out)
        for c in mode["classes"] + [mode["all"]]:
            print(f"  {c['class']:<10} {c['queries']:>7} {c['p50_ms']:>8.3f} {c['p99_ms']:>8.3f} "
                  f"{c['mean_ms']:>8.3f} {c['mean_matches']:>9.0f}", file=out)
    skipped = {c: n for c, n in obj["skipped"].items() if n}
    if skipped:
        print("  skipped: " + ", ".join(f"{c} {n}" for c, n in skipped.items()), file=out)
