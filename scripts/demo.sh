#!/usr/bin/env bash
# The main job: install what is missing, build, index the sample corpus and
# run a few searches against it.
set -euo pipefail
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
  "$bin/searcher/newsdex-search" --db "$db" --limit 3 "$@"
}
search ceasefire
search '"river authority"'
search 'Okafor’s plans'
search --sort newest 'date:2024 tram'
search --facet source --facet lang --limit 0 'source:"Harbor Gazette" OR lang:de'
search 'cafe'
search 'zepelin'
