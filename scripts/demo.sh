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

echo "== newsdex-index --db $db corpus/text corpus/jsonl corpus/csv corpus/trec"
"$bin/indexer/newsdex-index" --db "$db" "$root/corpus/text" "$root/corpus/jsonl" "$root/corpus/csv" "$root/corpus/trec"
echo "== the same again: nothing is duplicated"
"$bin/indexer/newsdex-index" --db "$db" --quiet "$root/corpus/text" "$root/corpus/jsonl" "$root/corpus/csv" "$root/corpus/trec"

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
