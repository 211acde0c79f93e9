#!/usr/bin/env bash
# Installs the Debian packages newsdex needs to build, test and benchmark,
# skipping apt entirely when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ccache clang-format clang-tidy
  libxapian-dev xapian-tools libicu-dev libboost-program-options-dev
  libboost-dev
  chromium
  rapidjson-dev libarchive-dev libcld2-dev libgtest-dev libgmock-dev zlib1g-dev libzstd-dev
)
if [[ "${NEWSDEX_FUZZ:-0}" == 1 ]]; then
  # libFuzzer targets (scripts/fuzz.sh): clang and its fuzzer/sanitizer runtimes.
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "${NEWSDEX_BENCH_PEERS:-0}" == 1 ]]; then
  # Peers for the side-by-side benchmarks (bench/peers/).
  packages+=(xapian-omega python3-xapian hyperfine time liblucene4.10-java)
  # The Lucene peer compiles with javac: any JDK will do, Debian's default only when there is none.
  command -v javac >/dev/null 2>&1 || packages+=(default-jdk-headless)
fi

# newsdex-serve's browser test drives chromium with playwright-core (npm),
# installed into tests/browser/node_modules (not committed). Any node >= 18
# will do; Debian's only when there is none.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [[ "${NEWSDEX_BENCH_SERVE:-0}" == 1 || "${NEWSDEX_BENCH_PEERS:-0}" == 1 ]]; then
  # HTTP load generator for newsdex-serve (bench/serve_load.sh).
  packages+=(wrk)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core for the browser test, at the version package-lock.json pins.
# It downloads no browser (the test uses Debian's chromium). Without the npm
# registry the browser test skips with a message; nothing else needs it.
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d "$root/tests/browser/node_modules/playwright-core" ]]; then
  echo "setup: npm ci in tests/browser (playwright-core)" >&2
  (cd "$root/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "setup: warning: could not install playwright-core; the browser test will be skipped" >&2
fi
