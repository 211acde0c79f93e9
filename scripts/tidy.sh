#!/usr/bin/env bash
# clang-tidy (.clang-tidy: bugprone-*, performance-*) over the product code:
# every .cc of common, indexer, searcher, bench and server, and through them
# their headers (HeaderFilterRegex). Needs a configured build for
# compile_commands.json (${NEWSDEX_BUILD_DIR:-build}). Prints each finding
# and exits 1 when there is any.
#
#   scripts/tidy.sh [FILE...]     the product code, or only the FILEs given
#
# Tests and fuzz targets are held to the compiler's warnings, not to
# clang-tidy's. Compiler warnings are the build's job (-Wall -Wextra -Wshadow
# -Wconversion with GCC, -Werror): --extra-arg=-w keeps clang's own, which
# differ (its -Wconversion means sign conversions too), out of this check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${NEWSDEX_BUILD_DIR:-$root/build}
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "tidy: no $build/compile_commands.json (run scripts/build.sh first)" >&2
  exit 1
fi
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[[ -n "$tidy" ]] || { echo "tidy: clang-tidy is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

if (($#)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- common indexer searcher bench server | grep -E '\.cc$' || true)
fi
((${#files[@]})) || { echo "tidy: no files to check" >&2; exit 1; }

# One clang-tidy per file, as many at once as there are cores; each prints
# its findings whole (a file's output is collected before it is shown).
start=$SECONDS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export tidy build out
status=0
printf '%s\0' "${files[@]}" | xargs -0 -P "$(nproc)" -n 1 sh -c \
  'log="$out/$(echo "$1" | tr / _).log"
   "$tidy" -p "$build" --quiet --extra-arg=-w "$1" >"$log" 2>&1 || echo "$1" >>"$out/failed"' sh ||
  status=1
if [[ -f "$out/failed" ]]; then
  while read -r f; do
    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Use -system-headers' \
      "$out/$(echo "$f" | tr / _).log" || true
  done <"$out/failed"
  echo "tidy: findings in $(wc -l <"$out/failed") of ${#files[@]} files (above)" >&2
  exit 1
fi
((status == 0)) || { echo "tidy: clang-tidy could not run" >&2; exit 1; }
echo "tidy: clang-tidy clean on ${#files[@]} files in $((SECONDS - start)) s" >&2
