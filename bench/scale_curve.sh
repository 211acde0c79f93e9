#!/usr/bin/env bash
# The scale curve (issue 9): newsdex against Lucene 4.10 at several corpus
# sizes in one run. Each size is the first N articles of one generated JSONL
# (a prefix of a seed-1 gen-corpus run is the smaller run), indexed by both
# engines one after the other (newsdex first at the 1st, 3rd, ... size, Lucene
# first at the others, so a drift in machine load does not always favour the
# same engine), each queried right after its indexing while its files are
# warm. Writes in --out:
#   curve.tsv  one row per size x engine: indexing wall s, articles/s, MB/s,
#              CPU s, peak RSS, index size; p50/p95/p99 per query class without
#              and with snippets; QPS with 2 client threads
#   curve.md   the Markdown tables for bench/RESULTS.md, newsdex/Lucene ratios,
#              machine, and the exact commands run
#   curve.svg  indexing articles/s, index size, all-class p50 and p99 against
#              corpus size, both engines
#   N/         per size: each engine's query report (JSON and table), index log
# Method and caveats: bench/peers/README.md (the same indexing and query loop
# as run_peers.sh, whose pieces it shares: bench/peers/peer_run.sh).
#
# usage: bench/scale_curve.sh [--sizes 100000,300000,1000000] [--corpus FILE.jsonl]
#                             [--out DIR] [--runs N] [--keep-db]
#   --sizes    corpus sizes in articles, comma-separated (default 100000,300000,1000000)
#   --corpus   a JSONL of at least the largest size (default: generated into --out with
#              newsdex-bench gen-corpus --from ../shared/corpus/reuters21578
#              ../shared/corpus/bbc --articles MAX --seed 1; skipped with a message
#              when ../shared/corpus is absent)
#   --out      output directory (default scale-curve)
#   --runs     measured query runs per engine and size (default 3)
#   --keep-db  keep the databases in --out/N/ (newsdex needs ~7 GB per million articles)
# environment: NEWSDEX_BUILD_DIR (default build/), NEWSDEX_PEERS_WARMUP (default 1),
#   LUCENE_WARMUP (default 5), LUCENE_INDEX_THREADS (default all cores, as newsdex-index),
#   SCALE_CURVE_QUERIES (default bench/queries/generated.tsv)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
invocation="bench/scale_curve.sh $*"

usage() {
  sed -n '/^# usage:/,/^# environment:/p' "$0" | sed -e 's/^# \{0,1\}//' -e '/^environment:/d' >&2
  exit 2
}
fail() { echo "scale_curve: $*" >&2; exit 2; }

sizes_arg=100000,300000,1000000
corpus=""
out=scale-curve
runs=3
keep_db=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) [[ $# -ge 2 ]] || usage; sizes_arg=$2; shift 2 ;;
    --corpus) [[ $# -ge 2 ]] || usage; corpus=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    --runs) [[ $# -ge 2 ]] || usage; runs=$2; shift 2 ;;
    --keep-db) keep_db=1; shift ;;
    -h | --help) sed -n '/^# usage:/,/^# environment:/p' "$0" | sed -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale_curve: unknown option $1" >&2; usage ;;
  esac
done
[[ $sizes_arg =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || fail "--sizes must be positive whole numbers separated by commas"
[[ $runs =~ ^[1-9][0-9]*$ ]] || fail "--runs must be a positive number"
mapfile -t sizes < <(tr ',' '\n' <<<"$sizes_arg" | sort -n -u)
max=${sizes[-1]}
queries=${SCALE_CURVE_QUERIES:-$root/bench/queries/generated.tsv}
[[ -f $queries ]] || fail "no query file $queries"
warmup=${NEWSDEX_PEERS_WARMUP:-1}
lucene_warmup=${LUCENE_WARMUP:-5}
client_threads=2
export LUCENE_INDEX_THREADS=${LUCENE_INDEX_THREADS:-$(nproc)}
build=${NEWSDEX_BUILD_DIR:-$root/build}

shared=$(dirname "$root")/shared/corpus
if [[ -z $corpus ]]; then
  if [[ ! -d $shared/reuters21578 || ! -d $shared/bbc ]]; then
    echo "scale_curve: skipped: no ../shared/corpus/reuters21578 and bbc beside the checkout to generate" \
      "the corpus from, and no --corpus given" >&2
    exit 0
  fi
else
  [[ -f $corpus ]] || fail "no corpus file $corpus"
  corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$out
rm -f "$out/index.tsv" "$out/commands.txt" "$out/sizes.tsv"
peer_run_name=scale_curve
# shellcheck source=bench/peers/peer_run.sh
source "$root/bench/peers/peer_run.sh"
peer_run_prepare
note() { peer_run_note "$@"; }

# The corpus: generated once (any prefix of a seed-1 run is the smaller run).
if [[ -z $corpus ]]; then
  corpus=$out/gen-$max.jsonl
  if [[ ! -s $corpus || $(wc -l <"$corpus") -ne $max ]]; then
    note "generating $max articles into $corpus"
    "$bench_bin" gen-corpus --from "$shared/reuters21578" "$shared/bbc" --articles "$max" --seed 1 \
      >"$corpus.part" 2>"$out/gen-corpus.log"
    mv "$corpus.part" "$corpus"
  fi
  peer_run_command "$bench_bin" gen-corpus --from "$shared/reuters21578" "$shared/bbc" --articles "$max" \
    --seed 1 '>' "$corpus"
fi
available=$(wc -l <"$corpus")
((available >= max)) || fail "$corpus has $available lines, fewer than the largest size $max"
peer_run_compile_lucene

index_newsdex() {  # N DIR INPUT
  local db=$2/newsdex.db
  rm -rf "$db"
  peer_run_measure "$1/newsdex" "newsdex-index (all cores)" "$db" "" \
    "$index_bin" --quiet --collection gen --db "$db" "$3"
  peer_run_query_newsdex "$db" "$queries" "$warmup" "$runs" "$2/newsdex.json" --threads "$client_threads"
  ((keep_db)) || rm -rf "$db"
}
index_lucene() {  # N DIR INPUT
  local db=$2/lucene.idx
  rm -rf "$db"
  peer_run_measure "$1/lucene" "Lucene (JVM, $LUCENE_INDEX_THREADS indexing threads)" "$db" \
    "incl. JVM start and forceMerge(1)" "$peer_run_py" "$peer_run_here/lucene_peer.py" index --jsonl "$3" --out "$db"
  peer_run_query_peer lucene lucene_peer.py "$db" "$queries" "$lucene_warmup" "$runs" "$2/lucene.json" \
    --threads "$client_threads"
  ((keep_db)) || rm -rf "$db"
}

for i in "${!sizes[@]}"; do
  n=${sizes[$i]}
  dir=$out/$n
  mkdir -p "$dir"
  input=$corpus
  if ((n < available)); then
    input=$dir/articles.jsonl
    head -n "$n" "$corpus" >"$input"
    peer_run_command head -n "$n" "$corpus" '>' "$input"
  fi
  printf '%s\t%s\n' "$n" "$(stat -c %s "$input")" >>"$out/sizes.tsv"
  if ((i % 2 == 0)); then
    index_newsdex "$n" "$dir" "$input"
    index_lucene "$n" "$dir" "$input"
  else
    index_lucene "$n" "$dir" "$input"
    index_newsdex "$n" "$dir" "$input"
  fi
  [[ $input == "$corpus" ]] || rm -f "$input"
done

rm -f "$out/time"
# The commands as a reader would type them: a corpus and an output directory
# given by path show as their names.
sed -i "s|$(dirname "$corpus")/||g" "$out/commands.txt"
invocation=${invocation//"$(dirname "$corpus")/"/}
invocation=${invocation//"$(dirname "$out")/"/}
"$peer_run_py" "$root/bench/scale_curve.py" --out "$out" --queries "${queries#"$root"/}" \
  --invocation "$invocation" --threads "$client_threads"
note "wrote $out/curve.tsv, $out/curve.md and $out/curve.svg"
