#!/usr/bin/env python3
"""Writes Xapian scriptindex's dump format (field=value lines, continuation
lines start with '=', records separated by a blank line), so scriptindex
indexes the same articles newsdex does: from the JSONL of `newsdex-bench
export` (what run_peers.sh does, whatever the corpus), or straight from
Reuters-21578 SGML.
Usage: reuters_to_scriptindex.py --jsonl ARTICLES.jsonl > articles.dump
       reuters_to_scriptindex.py REUTERS_DIR > reuters.dump"""
import html
import os
import pathlib
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402

DOC = re.compile(rb'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)


def field(name, doc):
    m = re.search(rb'<' + name + rb'>(.*?)</' + name + rb'>', doc, re.S)
    return m.group(1) if m else b''


def clean(raw):
    text = html.unescape(raw.decode('latin-1'))
    return ''.join(ch for ch in text if ch in '\n\t' or ord(ch) >= 32 and not 0x7f <= ord(ch) <= 0x9f)


def emit(out, name, value):
    lines = value.split('\n')
    out.write(f'{name}={lines[0]}\n')
    for line in lines[1:]:
        out.write(f'={line}\n')


def from_jsonl(path, out):
    """id, title, body, date (ISO 8601 UTC) of each exported article."""
    for a in peerlib.read_articles(path):
        for key in ("id", "title", "body", "date"):
            emit(out, key, a.get(key, ""))
        out.write('\n')


def main():
    out = sys.stdout
    if len(sys.argv) == 3 and sys.argv[1] == "--jsonl":
        from_jsonl(sys.argv[2], out)
        return
    for path in sorted(pathlib.Path(sys.argv[1]).glob('*.sgm')):
        for newid, doc in DOC.findall(path.read_bytes()):
            text = field(rb'TEXT[^>]*', doc) if not field(rb'BODY', doc) else b''
            emit(out, 'id', newid.decode())
            emit(out, 'title', clean(field(rb'TITLE', doc)).strip())
            # newsdex opens the body with the dateline ("NEW YORK, March 2 -"), so this does too.
            dateline = clean(field(rb'DATELINE', doc)).strip()
            body = clean(field(rb'BODY', doc) or text).strip()
            emit(out, 'body', (dateline + ' ' + body).strip())
            emit(out, 'date', clean(field(rb'DATE', doc)).strip())
            out.write('\n')


if __name__ == '__main__':
    main()
