#!/bin/sh
# Runs the pandoc filter pandoc/newsnlp.lua on spec/pandoc/article.md and
# checks the metadata it adds.  Pandoc embeds Lua 5.3: needs build/5.3.
#   tools/pandoc-check.sh
set -eu
root=$(pwd)
work=$root/build/pandoc-check
mkdir -p "$work"
pandoc -L pandoc/newsnlp.lua -t json spec/pandoc/article.md >"$work/ast.json" 2>"$work/stderr.txt" ||
  { cat "$work/stderr.txt" >&2; exit 1; }
pandoc -L pandoc/newsnlp.lua -M keywords=mine -t json spec/pandoc/article.md >"$work/ast-own.json" 2>/dev/null
LUA_PATH="$root/lua/?.lua;$root/lua/?/init.lua;;" LUA_CPATH="$root/build/5.3/?.so;;" \
  lua5.3 spec/pandoc/check.lua "$work/ast.json" "$work/ast-own.json"
# a missing capability is reported on standard error, never made up
if grep -q "not in this build" "$work/stderr.txt"; then
  echo "pandoc filter: reported: $(grep -c 'not in this build' "$work/stderr.txt") missing capabilities"
fi
