#!/usr/bin/env bash
# The main job: install what is missing, build, index the sample corpus and
# run a few searches against it. With --serve, then serve the demo database
# with newsdex-serve on http://127.0.0.1:8080/ (NEWSDEX_LISTEN overrides;
# Ctrl-C stops it).
set -euo pipefail
serve=0
for arg in "$@"; do
  case $arg in
    --serve) serve=1 ;;
    *) echo "usage: bash scripts/demo.sh [--serve]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin=${NEWSDEX_BUILD_DIR:-$root/build}
db=${NEWSDEX_DB:-$bin/demo.db}
rm -rf "$db"

echo "== newsdex-index --db $db corpus/"
"$bin/indexer/newsdex-index" --db "$db" "$root/corpus"
echo "== the same again: nothing is duplicated"
"$bin/indexer/newsdex-index" --db "$db" --quiet "$root/corpus"

search() {
  echo
  echo "== newsdex-search $*"
  "$bin/searcher/newsdex-search" --db "$db" "$@"
}
search --limit 3 ceasefire
search --limit 3 '"river authority"'
search --limit 3 'Okafor’s plans'
search --limit 3 --sort newest 'date:2024 port'
search --limit 0 --facet source --facet lang 'source:"Harbor Gazette" OR lang:de'
search --limit 2 'café'
search --limit 2 --json 'ストライキ'
search --limit 3 'zepelin'
search --info

if ((serve)); then
  echo
  echo "== newsdex-serve --db $db: open the address below in a browser (Ctrl-C stops it)"
  exec "$bin/server/newsdex-serve" --db "$db" --listen "${NEWSDEX_LISTEN:-127.0.0.1:8080}"
fi
