#!/usr/bin/env bash
# Indexing benchmark: Reuters-21578 with newsdex and, in the same run, with
# Xapian's scriptindex (stemming + positions on title and body, article
# stored), alternating runs so machine noise hits both alike. Reports the
# median of RUNS runs: articles/s, MB/s, peak RSS, database size (scriptindex
# also after xapian-compact) and the newsdex/scriptindex ratios, as a Markdown
# section on stdout (bench/RESULTS.md keeps the one we committed).
#
# usage: bench/index_vs_scriptindex.sh [REUTERS_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reuters=${1:-$root/../shared/corpus/reuters21578}
runs=${2:-3}
build=${NEWSDEX_BUILD_DIR:-$root/build}
[[ -d $reuters ]] || { echo "no Reuters-21578 at $reuters" >&2; exit 2; }
NEWSDEX_BENCH_PEERS=1 "$root/scripts/setup.sh"
[[ -x $build/indexer/newsdex-index ]] || "$root/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/bench/peers/reuters_to_scriptindex.py" "$reuters" >"$work/reuters.dump"
articles=$(grep -c '^id=' "$work/reuters.dump")
input_bytes=$(cat "$reuters"/*.sgm | wc -c)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # label command... -> appends "seconds rss_kb" to $work/label
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
  cat "$work/time" >>"$work/$label"
}
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/newsdex.db" "$work/si.db"
  measure newsdex "$build/indexer/newsdex-index" --quiet --db "$work/newsdex.db" "$reuters"
  measure scriptindex scriptindex "$work/si.db" "$root/bench/peers/scriptindex.index" "$work/reuters.dump"
done
xapian-compact "$work/si.db" "$work/si-compact.db" >/dev/null
size() { du -sb "$1" | cut -f1; }

nd_s=$(cut -d' ' -f1 "$work/newsdex" | median); nd_rss=$(cut -d' ' -f2 "$work/newsdex" | median)
si_s=$(cut -d' ' -f1 "$work/scriptindex" | median); si_rss=$(cut -d' ' -f2 "$work/scriptindex" | median)
nd_size=$(size "$work/newsdex.db"); si_size=$(size "$work/si.db"); sic_size=$(size "$work/si-compact.db")
docs=$(/usr/bin/python3 -c "import xapian,sys; print(xapian.Database(sys.argv[1]).get_doccount())" "$work/newsdex.db")

awk -v a="$articles" -v b="$input_bytes" -v ns="$nd_s" -v ss="$si_s" -v nr="$nd_rss" -v sr="$si_rss" \
    -v nz="$nd_size" -v sz="$si_size" -v scz="$sic_size" -v runs="$runs" -v docs="$docs" \
    -v cpu="$(nproc)" -v model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    -v xv="$(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null)" 'BEGIN {
  printf "### Indexing Reuters-21578: newsdex vs Xapian scriptindex\n\n"
  printf "Machine: %s, %d cores; Xapian %s. Median of %d alternating runs; %d articles, %.1f MB of SGML.\n\n", model, cpu, xv, runs, a, b/1e6
  printf "| | articles/s | MB/s | peak RSS | database |\n|---|---:|---:|---:|---:|\n"
  printf "| newsdex-index (all cores) | %.0f | %.2f | %.0f MB | %.1f MB (%d articles) |\n", a/ns, b/1e6/ns, nr/1024, nz/1e6, docs
  printf "| scriptindex | %.0f | %.2f | %.0f MB | %.1f MB (%.1f MB after xapian-compact) |\n", a/ss, b/1e6/ss, sr/1024, sz/1e6, scz/1e6
  printf "| **ratio newsdex/scriptindex** | **%.2fx** | **%.2fx** | %.2fx | %.2fx of compacted |\n\n", ss/ns, ss/ns, nr/sr, nz/scz
}'
echo "Commands: \`$(basename "$build")/indexer/newsdex-index --quiet --db DB reuters21578/\` and \`scriptindex DB bench/peers/scriptindex.index reuters.dump\` (dump made by \`bench/peers/reuters_to_scriptindex.py\`, not timed); produced by \`bench/index_vs_scriptindex.sh\`."
