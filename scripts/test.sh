#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin=${NEWSDEX_BUILD_DIR:-$root/build}
ctest --test-dir "$bin" --output-on-failure -j "$(nproc)" --timeout 600
