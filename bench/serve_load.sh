#!/usr/bin/env bash
# Load test of newsdex-serve with wrk on loopback (bench/RESULTS.md, "HTTP
# server"). In one run, on a copy of the database:
#   1. newsdex-bench query --threads 2 --snippets on the same queries (in-process peer)
#   2. wrk at 1, 8 and 64 connections, each for --seconds (one wrk thread; a
#      response slower than 10 s would count as a timeout error)
#   3. the in-process bench again (the peer figure is the mean of 1 and 3)
#   4. with --soak N: wrk at 64 connections for N seconds more (the soak;
#      server RSS before and after it, its non-2xx and socket errors)
#   5. wrk at 1, 8 and 64 connections while newsdex-index keeps adding articles
#      (--add, indexed again and again under new collection names)
# and prints a Markdown table: QPS, p50, p99, non-2xx, socket errors, server
# RSS before and after, and HTTP QPS / in-process QPS.
#   bench/serve_load.sh --db reuters.db --queries bench/queries/reuters.tsv \
#       [--seconds 30] [--soak 300] [--add ../shared/corpus/bbc] [--threads 2]
# Needs wrk (NEWSDEX_BENCH_SERVE=1 bash scripts/setup.sh installs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDEX_BUILD_DIR:-$root/build}
db="" queries="" seconds=30 soak=0 add="$root/../shared/corpus/bbc" threads=2
while (($#)); do
  case $1 in
    --db) db=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --soak) soak=$2; shift 2 ;;
    --add) add=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 --db DIR --queries FILE [--seconds N] [--soak N] [--add INPUT] [--threads N]" >&2; exit 2 ;;
  esac
done
[[ -n "$db" && -n "$queries" ]] || { echo "usage: $0 --db DIR --queries FILE [--seconds N] [--soak N] [--add INPUT] [--threads N]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (NEWSDEX_BENCH_SERVE=1 bash scripts/setup.sh)" >&2; exit 2; }

work=$(mktemp -d)
server_pid="" loop_pid=""
stop_indexing() {
  if [[ -n "$loop_pid" ]]; then
    touch "$work/stop"
    pkill -INT -P "$loop_pid" 2>/dev/null || true  # the newsdex-index of the loop: Ctrl-C, a clean stop
    wait "$loop_pid" 2>/dev/null || true
    loop_pid=""
  fi
}
cleanup() {
  stop_indexing
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy: the concurrent indexing must not change the caller's database.
cp -a "$db" "$work/news.db"
"$bin/server/newsdex-serve" --db "$work/news.db" --listen 127.0.0.1:0 --threads "$threads" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.05; done
base=$(sed -n 's/.*listening on \(http:\/\/[^/]*\)\/.*/\1/p' "$work/serve.out" | head -1)
[[ -n "$base" ]] || { cat "$work/serve.err"; exit 3; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

inprocess_qps() {  # QPS of newsdex-bench query --threads T with snippets, class "all"
  "$bin/bench/newsdex-bench" query --db "$work/news.db" --queries "$queries" --threads "$threads" \
    --snippets --runs 3 --json - 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); m=[m for m in r["modes"] if m["snippets"]][0]; print(m["all"]["threads"]["qps"])'
}

# One wrk cell: prints "qps p50 p99 non2xx socket_errors".
wrk_cell() {
  local connections=$1 out="$work/wrk-$1-$2.txt" duration=${3:-$seconds}
  # Warm-up of 2 s (connections open, caches warm), then the measured run.
  wrk -t1 -c"$connections" -d2s --timeout 10s -s "$root/bench/serve_wrk.lua" "$base" -- "$queries" >/dev/null
  wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$root/bench/serve_wrk.lua" "$base" -- "$queries" >"$out"
  python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v = float(m.group(1)); return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
qps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = "/".join(sock.groups()) if sock else "0/0/0/0"
print(f"{qps:.0f} {ms('50'):.2f} {ms('99'):.2f} {non2xx.group(1) if non2xx else 0} {errors}")
PY
}

rss_before=$(rss)
echo "server $base, $threads threads, RSS ${rss_before} kB; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
peer1=$(inprocess_qps)
declare -A row
for c in 1 8 64; do row[quiet-$c]=$(wrk_cell "$c" quiet); done
peer2=$(inprocess_qps)
soak_line=""
if ((soak > 0)); then
  rss_soak_before=$(rss)
  read -r qps p50 p99 bad errs <<<"$(wrk_cell 64 soak "$soak")"
  soak_line="soak: 64 connections for ${soak} s: $qps QPS, p50 $p50 ms, p99 $p99 ms, non-2xx $bad, socket errors $errs; server RSS ${rss_soak_before} kB before the soak, $(rss) kB after"
fi

i=0
( while [[ ! -f "$work/stop" ]]; do
    i=$((i + 1))
    "$bin/indexer/newsdex-index" --db "$work/news.db" --collection "load-$i" --quiet "$add" >/dev/null 2>&1 || true
  done ) &
loop_pid=$!
for c in 1 8 64; do row[indexing-$c]=$(wrk_cell "$c" indexing); done
stop_indexing
rss_after=$(rss)
articles=$(curl -s "$base/healthz" 2>/dev/null | sed -n 's/.*"articles":\([0-9]*\).*/\1/p' || true)

peer=$(python3 -c "print(round(($peer1 + $peer2) / 2))")
echo "| writer | connections | QPS | p50 ms | p99 ms | non-2xx | socket errors (connect/read/write/timeout) | QPS / in-process |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for mode in quiet indexing; do
  for c in 1 8 64; do
    read -r qps p50 p99 bad errs <<<"${row[$mode-$c]}"
    writer=$([[ $mode == quiet ]] && echo "none" || echo "newsdex-index adding")
    echo "| $writer | $c | $qps | $p50 | $p99 | $bad | $errs | $(python3 -c "print(f'{$qps / $peer:.2f}')") |"
  done
done
echo
echo "in-process peer: newsdex-bench query --threads $threads --snippets: $peer1 and $peer2 QPS before/after the quiet cells (mean $peer)"
[[ -z "$soak_line" ]] || echo "$soak_line"
echo "server RSS: ${rss_before} kB before, ${rss_after} kB after; articles at the end: ${articles:-?}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
