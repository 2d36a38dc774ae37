#!/bin/sh
# Loads newsnlp inside `nvim --headless` (LuaJIT) from the 5.1 build and runs
# a smoke test; exits non-zero if the module fails to load or misbehaves.
#   tools/nvim-check.sh BUILD_DIR      (e.g. build/5.1)
set -eu
build=${1:-build/5.1}
root=$(pwd)
out=$(nvim --headless -u NONE -i NONE --cmd "set rtp^=$root" \
  -c "lua package.cpath = '$root/$build/?.so;' .. package.cpath
      local ok, err = pcall(function()
        local n = require('newsnlp')
        assert(n.isvalid('caf\195\169'))
        io.stdout:write('newsnlp ', n.version, ' in ', jit and jit.version or _VERSION, '\n')
      end)
      if not ok then io.stderr:write(tostring(err), '\n'); vim.cmd('cquit 1') end
      vim.cmd('qall!')" 2>&1) || { echo "nvim-check: failed: $out" >&2; exit 1; }
echo "$out"
# The plugin: its commands on a buffer, checked through the quickfix list.
out=$(nvim --headless -u NONE -i NONE --cmd "set rtp^=$root" -c "runtime! plugin/newsnlp.lua" \
  -c "luafile $root/spec/nvim/plugin_test.lua" 2>&1) || { echo "nvim-check: plugin: $out" >&2; exit 1; }
echo "$out"
