#!/bin/sh
# Builds a corpus in 4 shards in parallel with GNU parallel, merges them, and
# checks that the merge equals the single build: the same digest, the same
# bytes, whatever the order of the merge.
#   tools/parallel-check.sh          (after make)
set -eu
root=$(pwd)
work=$root/build/parallel-check
rm -rf "$work"
mkdir -p "$work"
# the Lua whose build `make` made (bin/newsnlp alone would use the default lua)
newsnlp="${LUA:-lua5.4} $root/bin/newsnlp"
if ! $newsnlp --version | grep -q '^capabilities:.* corpus'; then
  echo "parallel-check: SKIPPED: this build of newsnlp has no corpus ($($newsnlp --version | grep '^missing:'))"
  exit 0
fi
lua5.4 tools/gen_shard_articles.lua 40 >"$work/all.jsonl"
# 4 shards of whole lines
split -n l/4 -d --additional-suffix=.jsonl "$work/all.jsonl" "$work/shard-"
parallel -j2 --halt now,fail=1 $newsnlp corpus build {} -o {.}.nnc '>' {.}.txt ::: "$work"/shard-*.jsonl
$newsnlp corpus merge "$work"/shard-0[0-3].nnc -o "$work/merged.nnc" >/dev/null
$newsnlp corpus merge "$work"/shard-03.nnc "$work"/shard-01.nnc "$work"/shard-02.nnc "$work"/shard-00.nnc \
  -o "$work/merged-reversed.nnc" >/dev/null
$newsnlp corpus build "$work/all.jsonl" -o "$work/single.nnc" >/dev/null
$newsnlp corpus info --format tsv --no-header "$work/single.nnc" "$work/merged.nnc" "$work/merged-reversed.nnc" \
  | cut -f2-5 >"$work/info.tsv"
lines=$(sort -u "$work/info.tsv" | wc -l)
docs=$(cut -f1 "$work/info.tsv" | head -1)
if [ "$lines" != 1 ] || [ "$docs" != 40 ]; then
  echo "parallel-check: the merge differs from the single build:" >&2
  cat "$work/info.tsv" >&2
  exit 1
fi
cmp "$work/single.nnc" "$work/merged.nnc"
cmp "$work/single.nnc" "$work/merged-reversed.nnc"
echo "parallel-check: 4 shards built with GNU parallel and merged = the single build ($(head -1 "$work/info.tsv" | tr '\t' ' '))"
