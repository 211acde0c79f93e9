# The pieces every side-by-side script runs (bench/peers/run_peers.sh,
# bench/scale_curve.sh): build check, timed indexing, query runs and the
# commands as a reader would type them. Sourced, not run. The caller sets
#   root   the checkout          build  the build directory
#   work   a scratch directory   (index.tsv and commands.txt are written in it)
# and calls peer_run_prepare before anything else.
# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # root, build, work come from the caller; index_bin goes to it

peer_run_here=$root/bench/peers
peer_run_py=/usr/bin/python3  # Debian's: python3-xapian and sqlite3 with FTS5

peer_run_note() { printf '%s: %s\n' "${peer_run_name:-peers}" "$*" >&2; }

# Installs what the peers need, brings newsdex-index and newsdex-bench in
# $build up to date with the checkout (configuring $build first when it has
# never been; a no-op when nothing changed), so a run never measures stale
# binaries; sets index_bin and bench_bin, exports NEWSDEX_BENCH (the peers
# read queries through its parse-queries).
peer_run_prepare() {
  NEWSDEX_BENCH_PEERS=1 "$root/scripts/setup.sh"
  if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" >/dev/null
  fi
  peer_run_note "building newsdex-index and newsdex-bench in $build (if out of date)"
  cmake --build "$build" --target newsdex-index newsdex-bench -j "$(nproc)" >/dev/null
  index_bin=$build/indexer/newsdex-index
  bench_bin=$build/bench/newsdex-bench
  export NEWSDEX_BENCH=$bench_bin
  : >>"$work/index.tsv"
  : >>"$work/commands.txt"
}

# Compiles the Lucene peer now, so javac never lands inside a timing.
peer_run_compile_lucene() {
  "$peer_run_py" -c "import sys; sys.path.insert(0, '$peer_run_here'); import lucene_peer; lucene_peer.compiled(lucene_peer.jars())"
}

peer_run_size() { du -sb "$1" | cut -f1; }

# The command as a reader would type it from the checkout, appended to commands.txt.
peer_run_command() {
  printf '%s\n' "$*" | sed -e "s|$work/||g" -e "s|$build/|$(basename "$build")/|g" -e "s|$root/||g" \
    -e "s|$(dirname "$root")/shared/|../shared/|g" >>"$work/commands.txt"
}

# peer_run_measure KEY LABEL DB NOTE COMMAND...: runs COMMAND under
# /usr/bin/time, appends KEY LABEL WALL_S PEAK_RSS_KB SIZE_BYTES NOTE CPU_S
# (user + system) to index.tsv; on failure shows the log and exits 3.
peer_run_measure() {
  local key=$1 label=$2 db=$3 extra=$4
  shift 4
  peer_run_note "indexing: $label"
  peer_run_command "$@"
  if ! /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/$key.index.log" 2>&1; then
    cat "$work/$key.index.log" >&2
    peer_run_note "$label failed"
    exit 3
  fi
  local seconds rss user system
  read -r seconds rss user system <"$work/time"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$seconds" "$rss" "$(peer_run_size "$db")" "$extra" \
    "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')" >>"$work/index.tsv"
}

# peer_run_query_newsdex DB QUERIES WARMUP RUNS JSON [newsdex-bench query options]:
# newsdex's latencies without and with snippets (one thread; more options such
# as --threads add to it), the JSON report at JSON, the table in JSON's .txt.
peer_run_query_newsdex() {
  local db=$1 queries=$2 warmup=$3 runs=$4 json=$5
  shift 5
  peer_run_note "querying: newsdex"
  peer_run_command "$bench_bin" query --db "$db" --queries "$queries" --warmup "$warmup" --runs "$runs" \
    --snippets "$@" --json "$json"
  "$bench_bin" query --db "$db" --queries "$queries" --warmup "$warmup" --runs "$runs" \
    --snippets "$@" --json "$json" >"${json%.json}.query.txt"
}

# peer_run_query_peer KEY SCRIPT DB QUERIES WARMUP RUNS JSON [peer query options]:
# the same for a peer script of bench/peers/.
peer_run_query_peer() {
  local key=$1 script=$2 db=$3 queries=$4 warmup=$5 runs=$6 json=$7
  shift 7
  peer_run_note "querying: $key"
  peer_run_command "$peer_run_py" "bench/peers/$script" query --db "$db" --queries "$queries" --warmup "$warmup" \
    --runs "$runs" --snippets "$@" --json "$json"
  "$peer_run_py" "$peer_run_here/$script" query --db "$db" --queries "$queries" --warmup "$warmup" \
    --runs "$runs" --snippets "$@" --json "$json" 2>"${json%.json}.query.txt"
}
