#!/usr/bin/env bash
# Side by side: indexes one corpus with newsdex and with each peer engine
# (plain Xapian with its defaults, Xapian's scriptindex, SQLite FTS5, Lucene),
# runs the same query classes through each, and prints one Markdown section:
# machine, commands, absolute figures per engine, and the ratios newsdex/peer
# for articles/s, database size, and p50/p99 per query class without and with
# snippets, flagging where newsdex is slower. bench/peers/README.md explains
# the method and its fairness caveats.
#
# usage: bench/peers/run_peers.sh [CORPUS_DIR] [QUERIES] [RUNS]
#   CORPUS_DIR  default ../shared/corpus/reuters21578 beside the checkout
#   QUERIES     default bench/queries/reuters.tsv (CLASS<TAB>QUERY)
#   RUNS        measured query runs, default 5
# environment:
#   NEWSDEX_BUILD_DIR     build directory with newsdex-index and newsdex-bench (default build/;
#                         the two targets are brought up to date there first)
#   NEWSDEX_PEERS         engines to run, default "xapian-defaults scriptindex sqlite-fts5 lucene"
#   NEWSDEX_PEERS_WARMUP  warm-up passes before timing, default 1 (newsdex, Xapian, FTS5)
#   LUCENE_WARMUP         warm-up passes for Lucene's JIT, default 5
#   LUCENE_INDEX_THREADS  Lucene's indexing threads, default all cores (as newsdex-index)
#   NEWSDEX_PEERS_KEEP    a directory to keep the JSON reports, index.tsv and commands in
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/corpus/reuters21578}
queries=${2:-$root/bench/queries/reuters.tsv}
runs=${3:-5}
build=${NEWSDEX_BUILD_DIR:-$root/build}
peers=${NEWSDEX_PEERS:-xapian-defaults scriptindex sqlite-fts5 lucene}
warmup=${NEWSDEX_PEERS_WARMUP:-1}
lucene_warmup=${LUCENE_WARMUP:-5}

[[ -e $corpus ]] || { echo "run_peers: no corpus at $corpus" >&2; exit 2; }
[[ -f $queries ]] || { echo "run_peers: no query file $queries" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run_peers: RUNS must be a positive number" >&2; exit 2; }
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
queries=$(cd "$(dirname "$queries")" && pwd)/$(basename "$queries")

has_peer() { [[ " $peers " == *" $1 "* ]]; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT
peer_run_name=run_peers
# shellcheck source=bench/peers/peer_run.sh
source "$root/bench/peers/peer_run.sh"
here=$peer_run_here
py=$peer_run_py
note() { peer_run_note "$@"; }
size() { peer_run_size "$@"; }
command_line() { peer_run_command "$@"; }
measure() { peer_run_measure "$@"; }
peer_run_prepare

# 1. newsdex from the corpus as it comes, then the export every engine indexes.
collection=$(basename "$corpus")
collection=${collection%%.*}
measure newsdex-corpus "newsdex-index, from the corpus files (all cores)" "$work/newsdex-corpus.db" \
  "input: $(basename "$corpus") as shipped" "$index_bin" --quiet --db "$work/newsdex-corpus.db" "$corpus"
note "exporting the articles"
"$bench_bin" export --db "$work/newsdex-corpus.db" --out "$work/articles.jsonl" 2>/dev/null
command_line "$bench_bin" export --db "$work/newsdex-corpus.db" --out articles.jsonl
articles=$(wc -l <"$work/articles.jsonl")
rm -rf "$work/newsdex-corpus.db"

# 2. Every engine indexes the same JSONL.
measure newsdex "newsdex-index (all cores)" "$work/newsdex.db" "" \
  "$index_bin" --quiet --collection "$collection" --db "$work/newsdex.db" "$work/articles.jsonl"
measure newsdex-jobs1 "newsdex-index --jobs 1" "$work/newsdex-j1.db" "single thread, for the single-threaded peers" \
  "$index_bin" --quiet --jobs 1 --collection "$collection" --db "$work/newsdex-j1.db" "$work/articles.jsonl"
rm -rf "$work/newsdex-j1.db"
compacted() {  # NOTE for a Xapian database: its size after xapian-compact
  xapian-compact "$1" "$1.compact" >/dev/null
  awk -v b="$(size "$1.compact")" 'BEGIN { printf "%.1f MB after xapian-compact", b / 1e6 }'
  rm -rf "$1.compact"
}
if has_peer xapian-defaults; then
  measure xapian-defaults "Xapian defaults (Python, 1 thread)" "$work/xapian.db" "" \
    "$py" "$here/xapian_defaults.py" index --jsonl "$work/articles.jsonl" --out "$work/xapian.db"
  sed -i "\$s|\t\$|\t$(compacted "$work/xapian.db")|" "$work/index.tsv"
fi
if has_peer scriptindex; then
  "$py" "$here/reuters_to_scriptindex.py" --jsonl "$work/articles.jsonl" >"$work/articles.dump"
  command_line "$py" bench/peers/reuters_to_scriptindex.py --jsonl articles.jsonl '>' articles.dump
  measure scriptindex "Xapian scriptindex (1 thread)" "$work/scriptindex.db" "" \
    scriptindex "$work/scriptindex.db" "$here/scriptindex.index" "$work/articles.dump"
  sed -i "\$s|\t\$|\t$(compacted "$work/scriptindex.db")|" "$work/index.tsv"
  rm -rf "$work/scriptindex.db" "$work/articles.dump"
fi
if has_peer sqlite-fts5; then
  measure sqlite-fts5 "SQLite FTS5 (Python, 1 thread)" "$work/fts5.sqlite" "incl. 'optimize'" \
    "$py" "$here/sqlite_fts5.py" index --jsonl "$work/articles.jsonl" --out "$work/fts5.sqlite"
fi
if has_peer lucene; then
  peer_run_compile_lucene  # outside the timing: javac is not indexing
  measure lucene "Lucene (JVM, $(nproc) indexing threads)" "$work/lucene.idx" "incl. JVM start and forceMerge(1)" \
    "$py" "$here/lucene_peer.py" index --jsonl "$work/articles.jsonl" --out "$work/lucene.idx"
fi

# 3. Queries, one engine after the other, each warm.
reports=(--report "newsdex=$work/newsdex.json")
peer_run_query_newsdex "$work/newsdex.db" "$queries" "$warmup" "$runs" "$work/newsdex.json"
query_peer() {  # KEY SCRIPT DB WARMUP
  peer_run_query_peer "$1" "$2" "$3" "$queries" "$4" "$runs" "$work/$1.json"
  reports+=(--report "$1=$work/$1.json")
}
has_peer xapian-defaults && query_peer xapian-defaults xapian_defaults.py "$work/xapian.db" "$warmup"
has_peer sqlite-fts5 && query_peer sqlite-fts5 sqlite_fts5.py "$work/fts5.sqlite" "$warmup"
has_peer lucene && query_peer lucene lucene_peer.py "$work/lucene.idx" "$lucene_warmup"

if [[ -n ${NEWSDEX_PEERS_KEEP:-} ]]; then
  mkdir -p "$NEWSDEX_PEERS_KEEP"
  cp "$work"/*.json "$work/index.tsv" "$work/commands.txt" "$NEWSDEX_PEERS_KEEP/"
  note "reports kept in $NEWSDEX_PEERS_KEEP"
fi
"$py" "$here/peer_report.py" --index "$work/index.tsv" --articles "$articles" \
  --queries "${queries#"$root"/}" --commands "$work/commands.txt" "${reports[@]}"
