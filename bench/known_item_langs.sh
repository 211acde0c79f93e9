#!/usr/bin/env bash
# Known-item search per language (issue 10, item 5): for each corpus, topics
# made deterministically from the articles (bench/make_known_item.py, seed 1),
# newsdex with its default flags (no --lang; all words, as newsdex-search)
# and Lucene 4.10 with that language's analyzer (bench/peers/lucene_peer.py
# --analyzer) run every topic, and `newsdex-bench known-item` prints MRR@10
# and success@1 side by side, then the topics where newsdex ranks the article
# worse than Lucene. Relevance figures are deterministic: machine load does
# not change them.
#
# usage: bench/known_item_langs.sh [LANG...]     (default: ja ar de no en)
# environment:
#   NEWSDEX_BUILD_DIR   build directory with newsdex-index and newsdex-bench (default build/)
#   KNOWN_ITEM_KEEP     a directory to keep databases, topics, qrels and runs in
#                       (default: a temporary directory, removed at the end)
#   KNOWN_ITEM_SHOW     losing topics listed per language (default 20)
#   LUCENE_INDEX_THREADS  Lucene's indexing threads, default 1: with more, the order
#                       of documents in its index, and so which of several equal
#                       scores makes the top 10, changes from build to build
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/../shared/corpus
build=${NEWSDEX_BUILD_DIR:-$root/build}
py=/usr/bin/python3
langs=("$@")
[[ ${#langs[@]} -gt 0 ]] || langs=(ja ar de no en)
export NEWSDEX_BENCH=$build/bench/newsdex-bench
for tool in "$build/indexer/newsdex-index" "$NEWSDEX_BENCH"; do
  [[ -x $tool ]] || { echo "known_item_langs: no $tool (build first)" >&2; exit 2; }
done

if [[ -n ${KNOWN_ITEM_KEEP:-} ]]; then
  work=$KNOWN_ITEM_KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-known-item.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# LANG -> corpus folder and make_known_item.py options. Fixed seed everywhere.
declare -A source options
source[ja]=multilingual/ja_livedoor;     options[ja]="--from title --min-chars 8"
source[ar]=multilingual/ar_saudinewsnet; options[ar]="--from title"
source[de]=multilingual/de_10kGNAD;      options[de]="--from sentence"
source[no]=jsonl_vg_no;                  options[no]="--from title"
source[en]=reuters21578;                 options[en]="--from title --sample 3000"

for lang in "${langs[@]}"; do
  [[ -n ${source[$lang]:-} ]] || { echo "known_item_langs: unknown language $lang (ja ar de no en)" >&2; exit 2; }
  if [[ ! -e $corpus/${source[$lang]} ]]; then
    echo "known_item_langs: $lang: no corpus at ../shared/corpus/${source[$lang]}, skipped" >&2
    continue
  fi
  d=$work/$lang
  mkdir -p "$d"
  [[ -d $d/newsdex.db ]] ||
    "$build/indexer/newsdex-index" --quiet --db "$d/newsdex.db" "$corpus/${source[$lang]}"
  # shellcheck disable=SC2086  # options are words
  "$py" "$root/bench/make_known_item.py" --db "$d/newsdex.db" --out "$d/topics" --seed 1 ${options[$lang]} 2>/dev/null
  "$NEWSDEX_BENCH" eval --db "$d/newsdex.db" --topics "$d/topics.topics.tsv" --qrels "$d/topics.qrels" \
    --all-words --limit 10 --run "$d/newsdex.run" --summary >/dev/null
  "$NEWSDEX_BENCH" export --db "$d/newsdex.db" --out "$d/articles.jsonl" 2>/dev/null
  rm -rf "$d/lucene.idx"
  LUCENE_INDEX_THREADS=${LUCENE_INDEX_THREADS:-1} "$py" "$root/bench/peers/lucene_peer.py" index \
    --jsonl "$d/articles.jsonl" --out "$d/lucene.idx" --analyzer "$lang" 2>/dev/null
  "$py" "$root/bench/peers/lucene_peer.py" run --db "$d/lucene.idx" --topics "$d/topics.topics.tsv" \
    --run "$d/lucene.run" --limit 10
  echo "### $lang: ${source[$lang]}, $(grep -vc '^#' "$d/topics.topics.tsv") topics (make_known_item.py ${options[$lang]} --seed 1)"
  echo
  echo '```'
  "$NEWSDEX_BENCH" known-item --qrels "$d/topics.qrels" --topics "$d/topics.topics.tsv" \
    --run "newsdex=$d/newsdex.run" --run "lucene-$lang=$d/lucene.run" --show "${KNOWN_ITEM_SHOW:-20}" \
    --json "$d/known-item.json"
  echo '```'
  echo
done
