#!/usr/bin/env bash
# Incremental adds and deletes on a large database while searches run
# (bench/RESULTS.md, "Updates and deletes under search"). On a copy of DB
# (a single database or a stub of shards built by newsdex-index --shards N):
#   1. newsdex-serve on the copy, and wrk on loopback searching it throughout
#      (the queries of --queries, --connections connections);
#   2. newsdex-index --db COPY ADD_FILE: new articles, timed;
#   3. newsdex-index --db COPY --delete-from IDS: deletes by COLLECTION/ID, timed;
#   4. wrk stopped: its QPS, non-2xx responses and socket errors over the
#      whole time (a search that fails shows there).
#   bench/update_under_search.sh --db DB --add FILE --delete-from IDS \
#       --queries bench/queries/generated.tsv [--connections 8]
# Needs wrk (NEWSDEX_BENCH_SERVE=1 bash scripts/setup.sh installs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDEX_BUILD_DIR:-$root/build}
usage="usage: $0 --db DB --add FILE --delete-from IDS --queries FILE [--connections N]"
db="" add="" ids="" queries="" connections=8
while (($#)); do
  case $1 in
    --db) db=$2; shift 2 ;;
    --add) add=$2; shift 2 ;;
    --delete-from) ids=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ -n "$db" && -n "$add" && -n "$ids" && -n "$queries" ]] || { echo "$usage" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (NEWSDEX_BENCH_SERVE=1 bash scripts/setup.sh)" >&2; exit 2; }

work=$(mktemp -d)
server_pid="" wrk_pid=""
cleanup() {
  [[ -z "$wrk_pid" ]] || kill "$wrk_pid" 2>/dev/null || true
  [[ -z "$server_pid" ]] || { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

cp -a "$db" "$work/news.db"
count() { "$bin/searcher/newsdex-search" --db "$work/news.db" --info --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])'; }
before=$(count)
"$bin/server/newsdex-serve" --db "$work/news.db" --listen 127.0.0.1:0 --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.05; done
base=$(sed -n 's/.*listening on \(http:\/\/[^/]*\)\/.*/\1/p' "$work/serve.out" | head -1)
[[ -n "$base" ]] || { cat "$work/serve.err" >&2; exit 3; }

# wrk for longer than the updates can take; SIGINT ends it with its report.
wrk -t1 -c"$connections" -d3600s --timeout 10s --latency -s "$root/bench/serve_wrk.lua" "$base" -- "$queries" >"$work/wrk.txt" &
wrk_pid=$!
sleep 2  # the searches are running before the first write

timed() {  # label command... -> "seconds"; the command's output in $work/label.out
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@" >"$work/$label.out" 2>&1 || true
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}')"
}
adds=$(wc -l <"$add")
deletes=$(grep -c . "$ids")
add_s=$(timed add_run "$bin/indexer/newsdex-index" --db "$work/news.db" --quiet "$add")
after_add=$(count)
del_s=$(timed delete_run "$bin/indexer/newsdex-index" --db "$work/news.db" --quiet --delete-from "$ids")
after_delete=$(count)
sleep 2
kill -INT "$wrk_pid"
wait "$wrk_pid" 2>/dev/null || true
wrk_pid=""

python3 - "$work/wrk.txt" <<PY
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return float("nan")
    v = float(m.group(1)); return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
qps = re.search(r"Requests/sec:\s+([\d.]+)", text)
total = re.search(r"(\d+) requests in", text)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print("| step | articles | seconds | articles/s | database after |")
print("|---|---:|---:|---:|---:|")
print(f"| add (new articles) | $adds | $add_s | {$adds / max($add_s, 0.001):.0f} | $after_add |")
print(f"| delete by id | $deletes | $del_s | {$deletes / max($del_s, 0.001):.0f} | $after_delete |")
print()
print(f"database before: $before articles. Searches throughout ($connections connections): "
      f"{total.group(1) if total else '?'} requests, {float(qps.group(1)) if qps else 0:.0f} QPS, "
      f"p50 {ms('50'):.2f} ms, p99 {ms('99'):.2f} ms, non-2xx {non2xx.group(1) if non2xx else 0}, "
      f"socket errors (connect/read/write/timeout) {'/'.join(sock.groups()) if sock else '0/0/0/0'}")
PY
echo "newsdex-index add: $(tail -n 1 "$work/add_run.out")"
echo "newsdex-index delete: $(tail -n 1 "$work/delete_run.out")"
