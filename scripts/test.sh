#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
# Checks of the code itself (scripts/lint.sh): formatting first, it needs no
# build; clang-tidy on the product code once the build has written
# compile_commands.json. NEWSDEX_LINT=0 skips both (quick local runs only).
if [[ "${NEWSDEX_LINT:-1}" != 0 ]]; then
  "$root/scripts/lint.sh" format
fi
"$root/scripts/build.sh"
if [[ "${NEWSDEX_LINT:-1}" != 0 ]]; then
  "$root/scripts/lint.sh" tidy
fi
bin=${NEWSDEX_BUILD_DIR:-$root/build}
ctest --test-dir "$bin" --output-on-failure -j "$(nproc)" --timeout 600

# --- reliability: sanitizers and fuzzing (docs/reliability.md) ---
# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in its
# own build directory. Left out: the *Shared* tests (whole real corpora, up to
# 100 MB of JSON) and *Huge* ones (a 50 MB article), which the run above covers
# and which alone would take longer under ASan than everything else together.
# NEWSDEX_SANITIZE=0 skips this step, NEWSDEX_FUZZ_SECONDS=0 the next.
if [[ "${NEWSDEX_SANITIZE:-1}" != 0 ]]; then
  NEWSDEX_BUILD_DIR=$root/build-asan CMAKE_BUILD_TYPE=RelWithDebInfo "$root/scripts/build.sh" -DNEWSDEX_SANITIZERS=ON
  LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j "$(nproc)" --timeout 900 -E 'Shared|Huge'
fi
# Each libFuzzer target (fuzz/) for a short bounded time; crashes fail CI.
if [[ "${NEWSDEX_FUZZ_SECONDS:-20}" != 0 ]]; then
  "$root/scripts/fuzz.sh" "${NEWSDEX_FUZZ_SECONDS:-20}"
fi
