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
