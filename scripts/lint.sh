#!/usr/bin/env bash
# The checks that keep the README's claims true about the code itself.
#
#   scripts/lint.sh format        every tracked C/C++ file as .clang-format says
#                                 (clang-format --dry-run -Werror; fix with clang-format -i)
#   scripts/lint.sh tidy [FILE]   clang-tidy (.clang-tidy: bugprone-*, performance-*) on the
#                                 product code (common, indexer, searcher, bench, server), or
#                                 on the FILEs given; needs a configured build
#                                 (${NEWSDEX_BUILD_DIR:-build}/compile_commands.json)
#
# Both print each finding and exit 1 when there is any.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Tracked files when this is a git checkout, else every file under the tree's folders.
tracked() {  # tracked FOLDER...
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -- "$@" | grep -E '\.(cc|h|cpp|hpp)$' || true
  else
    find "$@" -type f \( -name '*.cc' -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp' \) 2>/dev/null | sort
  fi
}

case "${1:-}" in
  format)
    mapfile -t files < <(tracked common indexer searcher bench server tests fuzz)
    ((${#files[@]})) || { echo "lint: no C/C++ files found" >&2; exit 1; }
    if ! clang-format --dry-run -Werror "${files[@]}"; then
      echo "lint: files differ from .clang-format (run clang-format -i on them)" >&2
      exit 1
    fi
    echo "lint: ${#files[@]} files formatted as .clang-format says" >&2
    ;;
  tidy)
    shift
    build=${NEWSDEX_BUILD_DIR:-$root/build}
    [[ -f "$build/compile_commands.json" ]] || { echo "lint: no $build/compile_commands.json (build first)" >&2; exit 1; }
    if (($#)); then
      files=("$@")
    else
      # Product code only: tests and fuzz targets are held to the compiler's
      # warnings, not to clang-tidy's. Headers are checked through the .cc
      # files that include them (HeaderFilterRegex in .clang-tidy).
      mapfile -t files < <(tracked common indexer searcher bench server | grep -E '\.(cc|cpp)$')
    fi
    ((${#files[@]})) || { echo "lint: no files to check" >&2; exit 1; }
    start=$SECONDS
    if ! printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2>/dev/null; then
      echo "lint: clang-tidy found problems (above)" >&2
      exit 1
    fi
    echo "lint: clang-tidy clean on ${#files[@]} files in $((SECONDS - start)) s" >&2
    ;;
  *)
    echo "usage: scripts/lint.sh format | tidy [FILE...]" >&2
    exit 2
    ;;
esac
