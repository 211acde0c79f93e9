#!/usr/bin/env bash
# Configures and builds newsdex into ${NEWSDEX_BUILD_DIR:-build}. Extra arguments go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NEWSDEX_BUILD_DIR:-$root/build}
launcher=()
# ccache, where installed, makes rebuilds after a checkout or in a second build
# directory (build-asan) cheap; the build does not need it.
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release} "${launcher[@]}" "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
