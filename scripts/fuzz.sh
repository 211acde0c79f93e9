#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan into
# ${NEWSDEX_FUZZ_BUILD_DIR:-build-fuzz} and runs each for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     TARGET: reader analysis query snippet
#
# Seeds come from tests/fixtures, corpus/ and fuzz/seeds/; the corpora grow in
# BUILD/fuzz-corpus/TARGET across runs. A crash leaves its input in
# BUILD/fuzz-artifacts/TARGET/ and makes the script exit 1: copy it to
# fuzz/regressions/TARGET/ (see the README there) once understood.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(reader analysis query snippet)
build=${NEWSDEX_FUZZ_BUILD_DIR:-$root/build-fuzz}

NEWSDEX_FUZZ=1 "$root/scripts/setup.sh"

# Every library is coverage-instrumented (fuzzer-no-link) and sanitized; only
# the fuzz_* executables link libFuzzer's main. Warnings are errors here too:
# the tree compiles cleanly with clang as with GCC, and must stay so.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNEWSDEX_FUZZ=ON -DNEWSDEX_SANITIZERS=ON -DNEWSDEX_TESTS=OFF -DNEWSDEX_WERROR=ON \
  -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_seeds "${targets[@]/#/fuzz_}"

# --- seed corpora ---
# fuzz_seeds encodes every fixture with the format the reader registry
# detects for it, so a new format needs nothing here.
"$build/fuzz/fuzz_seeds" "$root" "$build/fuzz-corpus"

# --- runs ---
export LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp
failed=()
for t in "${targets[@]}"; do
  case "$t" in
    reader) dict=reader.dict max_len=65536 ;;
    query | snippet) dict=query.dict max_len=16384 ;;
    *) dict="" max_len=16384 ;;
  esac
  mkdir -p "$build/fuzz-artifacts/$t"
  echo "fuzz: $t for ${seconds}s" >&2
  args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2560
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t/")
  [[ -n "$dict" ]] && args+=(-dict="$root/fuzz/$dict")
  if ! "$build/fuzz/fuzz_$t" "${args[@]}" "$build/fuzz-corpus/$t" >"$build/fuzz-$t.log" 2>&1; then
    failed+=("$t")
    echo "fuzz: $t FAILED; input in $build/fuzz-artifacts/$t/, log $build/fuzz-$t.log" >&2
    grep -E "ERROR|SUMMARY|check failed|==[0-9]+==" "$build/fuzz-$t.log" | head -5 >&2 || true
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$build/fuzz-$t.log" | sed "s/^/fuzz: $t: /" >&2 || true
done
if ((${#failed[@]})); then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash" >&2
