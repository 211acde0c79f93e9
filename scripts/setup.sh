#!/usr/bin/env bash
# Installs the Debian packages newsdex needs to build, test and benchmark,
# skipping apt entirely when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ccache
  clang-format clang-tidy
  libxapian-dev xapian-tools libicu-dev libboost-program-options-dev
  rapidjson-dev libarchive-dev libgtest-dev libgmock-dev zlib1g-dev libzstd-dev
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
