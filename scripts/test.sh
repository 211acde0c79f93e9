#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
# The house style (.clang-format) holds over every C++ file of the tree: a file
# clang-format would change fails the run, named with the lines it would change.
git -C "$root" ls-files -z '*.cc' '*.h' | (cd "$root" && xargs -0 clang-format --dry-run -Werror)
"$root/scripts/build.sh"
# clang-tidy (.clang-tidy: bugprone-*, performance-*) on the product code,
# with the compile commands the build just wrote; any finding fails the run.
"$root/scripts/tidy.sh"
bin=${NEWSDEX_BUILD_DIR:-$root/build}
ctest --test-dir "$bin" --output-on-failure -j "$(nproc)" --timeout 600

# --- reliability: sanitizers and fuzzing (docs/reliability.md) ---
# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in its
# own build directory. Left out: the *Shared* tests (whole real corpora, up to
# 100 MB of JSON) and *Huge* ones (a 50 MB article), which the run above covers
# and which alone would take longer under ASan than everything else together.
# NEWSDEX_SANITIZE=0 skips this step, NEWSDEX_FUZZ_SECONDS=0 the next.
# print_suppressions=0: LeakSanitizer otherwise prints a "Suppressions used"
# table at exit whenever a suppressed Xapian leak was seen (about one run in
# eight of an indexer that fails on a full disk), and the reliability tests
# rightly count every extra stderr line of a failing indexer as a defect.
if [[ "${NEWSDEX_SANITIZE:-1}" != 0 ]]; then
  NEWSDEX_BUILD_DIR=$root/build-asan CMAKE_BUILD_TYPE=RelWithDebInfo "$root/scripts/build.sh" -DNEWSDEX_SANITIZERS=ON
  LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j "$(nproc)" --timeout 900 -E 'Shared|Huge'
fi
# Each libFuzzer target (fuzz/) for a short bounded time; crashes fail CI.
if [[ "${NEWSDEX_FUZZ_SECONDS:-20}" != 0 ]]; then
  "$root/scripts/fuzz.sh" "${NEWSDEX_FUZZ_SECONDS:-20}"
fi
