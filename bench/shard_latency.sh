#!/usr/bin/env bash
# Latency added by shards (bench/RESULTS.md, "Shards: local and remote"):
# the same queries through one database, through each sharded database's stub
# (local shards) and through a stub of remote shards, each shard of it served
# by its own xapian-tcpsrv on loopback. Every configuration runs in turn, then
# again in reverse order (so a drift of the machine shows as a spread between
# the two passes, not as a difference between configurations).
#   bench/shard_latency.sh --queries bench/queries/generated.tsv ONE_DB SHARDED_DB...
#       [--runs 3] [--threads 2]
# ONE_DB is a single database; each SHARDED_DB a directory built by
# `newsdex-index --shards N` (a stub listing `auto shard-K` lines).
# Prints one Markdown table: per configuration and class, p50/p99 ms (single
# thread) and, for the class "all", QPS with --threads client threads.
# Needs xapian-tcpsrv (scripts/setup.sh installs xapian-tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDEX_BUILD_DIR:-$root/build}
usage="usage: $0 --queries FILE [--runs N] [--threads N] ONE_DB SHARDED_DB..."
queries="" runs=3 threads=2 dbs=()
while (($#)); do
  case $1 in
    --queries) queries=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) dbs+=("$1"); shift ;;
  esac
done
[[ -n "$queries" && ${#dbs[@]} -ge 2 ]] || { echo "$usage" >&2; exit 2; }
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv is not installed (scripts/setup.sh)" >&2; exit 2; }

work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port (the kernel's choice, released just before use).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Configurations: name<TAB>database directory.
configs=("one database	${dbs[0]}")
for sharded in "${dbs[@]:1}"; do
  shards=$(grep -c '^auto ' "$sharded/XAPIANDB")
  configs+=("$shards local shards	$sharded")
  remote="$work/remote-$shards"
  mkdir -p "$remote"
  : >"$remote/XAPIANDB"
  while read -r _ name; do
    port=$(free_port)
    # Its stderr has a line per client that hangs up: kept out of the table.
    xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$sharded/$name" 2>"$work/tcpsrv-$port.err" &
    servers+=($!)
    echo "remote 127.0.0.1:$port" >>"$remote/XAPIANDB"
    for _ in $(seq 1 100); do
      (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      sleep 0.1
    done
  done < <(grep '^auto ' "$sharded/XAPIANDB")
  configs+=("$shards remote shards (loopback)	$remote")
done

run_config() {  # name dir pass -> JSON file
  local dir=$2 out="$work/$(echo "$1" | tr -c 'a-z0-9\n' '_')-$3.json"
  "$bin/bench/newsdex-bench" query --db "$dir" --queries "$queries" --runs "$runs" --threads "$threads" \
    --json - >"$out" 2>"$out.err" || { cat "$out.err" >&2; exit 3; }
  echo "$out"
}

results=()
for pass in 1 2; do
  if ((pass == 1)); then order=("${!configs[@]}"); else order=(); for ((i = ${#configs[@]} - 1; i >= 0; i--)); do order+=("$i"); done; fi
  for i in "${order[@]}"; do
    IFS=$'\t' read -r name dir <<<"${configs[$i]}"
    results+=("$name	$pass	$(run_config "$name" "$dir" "$pass")")
  done
done

printf '%s\n' "${results[@]}" | python3 -c '
import json, sys
rows = {}
order = []
for line in sys.stdin:
    name, run, path = line.rstrip("\n").split("\t")
    r = json.load(open(path))
    mode = r["modes"][0]
    if name not in rows:
        rows[name] = []
        order.append(name)
    rows[name].append(mode)
classes = [c["class"] for c in rows[order[0]][0]["classes"]] + ["all"]
def cls(mode, name):
    return mode["all"] if name == "all" else next(c for c in mode["classes"] if c["class"] == name)
print("| configuration | " + " | ".join(classes) + " | QPS, all |")
print("|---|" + "---:|" * (len(classes) + 1))
one = rows[order[0]]
for name in order:
    cells = []
    for c in classes:
        # Mean over the two passes of p50 and p99.
        p50 = sum(cls(m, c)["p50_ms"] for m in rows[name]) / len(rows[name])
        p99 = sum(cls(m, c)["p99_ms"] for m in rows[name]) / len(rows[name])
        cells.append(f"{p50:.2f} / {p99:.1f}")
    qps = [m["all"]["threads"]["qps"] for m in rows[name]]
    cells.append(" / ".join(f"{q:.0f}" for q in qps))
    print(f"| {name} | " + " | ".join(cells) + " |")
print()
print("Cells: p50 / p99 ms of one client thread, mean of the two passes; QPS: each pass, with the client threads of --threads.")
'
