-- newsnlp for Neovim: :NewsKeywords, :NewsSummary, :NewsEntities and
-- :NewsSentences fill the quickfix list from the current buffer, and
-- :NewsAnalyze shows everything in a scratch buffer (see lua/newsnlp/nvim.lua).  Neovim runs LuaJIT, so newsnlp's C module must be
-- the Lua 5.1 build: from a source tree, `make LUA_VERSION=5.1`, found here
-- in build/5.1; installed, `luarocks --lua-version=5.1 install newsnlp` and
-- its tree on package.cpath.
if vim.g.loaded_newsnlp then return end
vim.g.loaded_newsnlp = true

-- From a source tree used as the plugin's directory, use its 5.1 build.
local source = debug.getinfo(1, "S").source
local root = source:sub(1, 1) == "@" and source:sub(2):match("^(.*)/plugin/[^/]*$")
if root then
  local so = root .. "/build/5.1/?.so"
  local probe = io.open(root .. "/build/5.1/newsnlp/core.so", "rb")
  if probe then
    probe:close()
    if not package.cpath:find(so, 1, true) then package.cpath = so .. ";" .. package.cpath end
  end
end

local function command(name, fn, desc)
  vim.api.nvim_create_user_command(name, function(o)
    local n = tonumber(o.args)
    require("newsnlp.nvim")[fn]({ top = n, sentences = n })
  end, { nargs = "?", desc = desc })
end

command("NewsKeywords", "keywords", "newsnlp: keyphrases of the buffer in the quickfix list ([N] how many)")
command("NewsSummary", "summary", "newsnlp: summary sentences of the buffer in the quickfix list ([N] sentences)")
command("NewsEntities", "entities", "newsnlp: mentions of people, organizations and places in the quickfix list")
command("NewsSentences", "sentences", "newsnlp: the sentences of the buffer in the quickfix list")
vim.api.nvim_create_user_command("NewsAnalyze", function() require("newsnlp.nvim").analyze() end,
  { desc = "newsnlp: everything about the buffer's article in a scratch buffer" })
