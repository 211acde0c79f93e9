#!/usr/bin/env bash
# Indexing write paths side by side: builds a new database from CORPUS with
# newsdex-index once per configuration, RUNS rounds, the configurations
# alternating within each round (so that a change of machine load hits all of
# them alike), and prints a Markdown table of the medians: wall seconds,
# articles/s, CPU seconds (user + system), CPU per article, peak RSS, bytes
# the process wrote to disk (ru_oublock, 512-byte blocks) and database size.
#
# usage: bench/write_path.sh CORPUS [RUNS] [-- CONFIG]...
#   CONFIG  newsdex-index options, one configuration per '--' (default: the
#           defaults, and --segment-docs 100000: the one-big-segment-per-worker
#           path that came before small tiered segments)
# environment: NEWSDEX_BUILD_DIR (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: bench/write_path.sh CORPUS [RUNS] [-- CONFIG]...}
shift
runs=1
if [[ $# -gt 0 && $1 != -- ]]; then runs=$1; shift; fi
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "write_path: RUNS must be a positive number" >&2; exit 2; }
configs=()
while [[ $# -gt 0 ]]; do
  [[ $1 == -- ]] && { configs+=(""); shift; continue; }
  configs[${#configs[@]}-1]+="${configs[${#configs[@]}-1]:+ }$1"
  shift
done
[[ ${#configs[@]} -gt 0 ]] || configs=("" "--segment-docs 100000")
index_bin=${NEWSDEX_BUILD_DIR:-$root/build}/indexer/newsdex-index
[[ -x $index_bin ]] || { echo "write_path: no $index_bin (run scripts/build.sh)" >&2; exit 2; }
[[ -e $corpus ]] || { echo "write_path: no corpus at $corpus" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-write-path.XXXXXX")
trap 'rm -rf "$work"' EXIT
articles=""
for ((r = 1; r <= runs; ++r)); do
  for i in "${!configs[@]}"; do
    db=$work/db
    rm -rf "$db"
    # shellcheck disable=SC2086  # a configuration is a list of options
    /usr/bin/time -f "%e %U %S %M %O" -o "$work/time" \
      "$index_bin" --quiet --db "$db" ${configs[$i]} "$corpus" >"$work/summary" 2>&1
    articles=$(grep -o 'database has [0-9,]*' "$work/summary" | tr -dc 0-9)
    printf '%s %s %s\n' "$i" "$(cat "$work/time")" "$(du -sb "$db" | cut -f1)" >>"$work/rows"
    printf 'write_path: round %d, config %d (%s): %s\n' "$r" "$i" "${configs[$i]:-defaults}" \
      "$(cat "$work/time")" >&2
  done
done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end; $(date -u +%FT%TZ)"
echo "corpus: $(basename "$corpus"), $articles articles; $runs round(s), configurations alternating; medians"
echo
echo "| newsdex-index options | wall s | articles/s | CPU s | CPU ms/article | peak RSS MB | written GB | database MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!configs[@]}"; do
  awk -v i="$i" -v n="$articles" -v label="${configs[$i]:-(defaults)}" '
    $1 == i { k++; wall[k] = $2; cpu[k] = $3 + $4; rss[k] = $5; out[k] = $6; size[k] = $7 }
    function median(a, k,   j, t, m, b) {
      for (j = 1; j <= k; j++) b[j] = a[j]
      for (j = 1; j <= k; j++) for (m = j + 1; m <= k; m++) if (b[m] < b[j]) { t = b[j]; b[j] = b[m]; b[m] = t }
      return k % 2 ? b[(k + 1) / 2] : (b[k / 2] + b[k / 2 + 1]) / 2
    }
    END {
      w = median(wall, k); c = median(cpu, k)
      printf "| `%s` | %.1f | %.0f | %.1f | %.2f | %.0f | %.2f | %.0f |\n", label, w, n / w, c,
             1000 * c / n, median(rss, k) / 1024, median(out, k) * 512 / 1e9, median(size, k) / 1e6
    }' "$work/rows"
done
