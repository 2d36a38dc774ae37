-- The Lua API of entities and values over a news corpus, per article:
-- newsnlp.entities and newsnlp.values on the corpus articles of 2.5 to 3.5 KB
-- ("3 KB articles") and on all articles, against two baselines measured in
-- the same run: a naive pattern scan for capitalized words
-- ("%u[%w'%-]*") and newsnlp.tokens (the token stream both build on).
--   lua5.4 entities_bench.lua CORPUS
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local path = arg[1]
local text = benchlib.read(path, "usage: entities_bench.lua CORPUS")
local all, mid = benchlib.articles(text), benchlib.articles(text, 2500, 3500)


local function report(title, articles)
  local bytes = 0
  for _, a in ipairs(articles) do bytes = bytes + #a end
  local runs = {
    { "naive capitalized scan", function()
        local n = 0
        for _, a in ipairs(articles) do for _ in a:gmatch("%u[%w'%-]*") do n = n + 1 end end
        return n
      end },
    { "newsnlp.tokens", function()
        local n = 0
        for _, a in ipairs(articles) do n = n + #newsnlp.tokens(a) end
        return n
      end },
    { "newsnlp.entities", function()
        local n = 0
        for _, a in ipairs(articles) do n = n + #newsnlp.entities(a) end
        return n
      end },
    { "newsnlp.values", function()
        local n = 0
        for _, a in ipairs(articles) do n = n + #newsnlp.values(a) end
        return n
      end },
  }
  print(("%s: %d articles, %.1f KB on average"):format(title, #articles, bytes / #articles / 1000))
  local base
  for _, r in ipairs(runs) do
    local count
    local t = best(3, function() count = r[2]() end)
    base = base or t
    print(("  %-24s %9.0f articles/s %8.1f MB/s %9d items  %6.2fx the naive scan's time"):format(
      r[1], #articles / t, bytes / t / 1e6, count, t / base))
  end
end

print(("entities and values (Lua API): %s (%d bytes)"):format(path, #text))
report("articles of 2.5 to 3.5 KB", mid)
report("all articles", all)
