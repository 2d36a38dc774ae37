#!/bin/sh
# Installs newsnlp with `luarocks make` into a scratch tree, offline, for one
# Lua version, and smoke-tests the installed module and command.
#   tools/rock-check.sh 5.4|5.3|5.1
# luarocks builds inside the directory it runs in, so it runs on a copy of
# the sources under build/, leaving the work tree clean.
set -eu
v=${1:-5.4}
root=$(pwd)
work=$root/build/rock-$v
rm -rf "$work"
mkdir -p "$work/src"
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/src"
cd "$work/src"
luarocks --lua-version="$v" make --deps-mode=none --tree "$work/tree" \
  rockspec/newsnlp-scm-1.rockspec >"$work/luarocks.log" 2>&1 ||
  { cat "$work/luarocks.log" >&2; exit 1; }
cd "$work"
lua=lua$v
eval "$(luarocks --lua-version="$v" --tree "$work/tree" path)"
$lua -e '
  local n = require "newsnlp"
  assert(n.isvalid("caf\195\169"))
  local found
  for pattern in package.cpath:gmatch("[^;]+") do
    local path = pattern:gsub("%?", "newsnlp/core")
    local f = io.open(path)
    if f then f:close(); found = found or path end
  end
  assert(found and found:find("/tree/", 1, true), "newsnlp.core not found in the rock tree")
  print("rock " .. n.version .. " installed for " .. _VERSION)'
if [ -x "$work/tree/bin/newsnlp" ]; then
  "$work/tree/bin/newsnlp" --version
fi
