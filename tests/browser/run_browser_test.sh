#!/usr/bin/env bash
# ctest driver of the browser test (search_page.mjs): indexes part of Reuters
# (the four files with most cocoa stories, 4,000 articles) or, without the shared
# corpora, the sample corpus; starts newsdex-serve on a free loopback port;
# drives Debian's chromium through the page; stops the server with SIGTERM and
# requires exit status 0. Exit 77 (ctest: skipped) when no browser or no
# playwright-core is installed: scripts/setup.sh installs both.
#   run_browser_test.sh SOURCE_DIR BUILD_DIR [SCREENSHOT.png]
set -euo pipefail
src=$1
build=$2
screenshot=${3:-${NEWSDEX_SCREENSHOT:-$build/search-page.png}}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "SKIPPED: no chromium on this machine (bash scripts/setup.sh installs Debian's chromium)"
  exit 77
fi
if ! command -v node >/dev/null || [[ ! -d "$src/tests/browser/node_modules/playwright-core" ]]; then
  echo "SKIPPED: node or playwright-core missing (bash scripts/setup.sh installs them into tests/browser/node_modules)"
  exit 77
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

shared=${NEWSDEX_SHARED_CORPUS:-$src/../shared/corpus}
if [[ -f "$shared/reuters21578/reut2-005.sgm" && -f "$shared/reuters21578/reut2-014.sgm" ]]; then
  inputs=("$shared"/reuters21578/reut2-0{05,10,13,14}.sgm)
  query="cocoa prices"
  facet=topic
else
  echo "note: no shared Reuters corpus; using the sample corpus"
  inputs=("$src/corpus")
  query="port"
  facet=source
fi
"$build/indexer/newsdex-index" --db "$work/news.db" --quiet "${inputs[@]}"

"$build/server/newsdex-serve" --db "$work/news.db" --listen 127.0.0.1:0 --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
# The first line names the port; wait for it (the server prints it once listening).
for _ in $(seq 1 200); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.05
done
base=$(sed -n 's/.*listening on \(http:\/\/[^/]*\)\/.*/\1/p' "$work/serve.out" | head -1)
[[ -n "$base" ]] || { echo "newsdex-serve did not start"; cat "$work/serve.err"; exit 1; }
echo "newsdex-serve at $base"

status=0
NODE_PATH="$src/tests/browser/node_modules" node "$src/tests/browser/search_page.mjs" \
  --base "$base" --chromium "$chromium" --query "$query" --facet "$facet" --screenshot "$screenshot" || status=$?

kill -TERM "$server_pid"
serve_status=0
wait "$server_pid" || serve_status=$?
server_pid=""
if [[ $serve_status -ne 0 ]]; then
  echo "newsdex-serve exited $serve_status after SIGTERM (expected 0)"; cat "$work/serve.err"; exit 1
fi
exit $status
