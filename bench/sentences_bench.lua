-- The Lua API of sentence segmentation over a news corpus: newsnlp.sentences,
-- each_sentence and article, per article, against a naive Lua pattern split
-- ("[^.!?]*[.!?]+") measured in the same run as the baseline.
--   lua5.4 sentences_bench.lua CORPUS
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local path = arg[1]
local text = benchlib.read(path, "usage: sentences_bench.lua CORPUS")
local articles = benchlib.articles(text)


local count = {}
local function run(name, fn)
  return name, best(3, function() count[name] = fn() end)
end

local results = {
  { run("naive pattern split", function()
      local n = 0
      for _, a in ipairs(articles) do for _ in a:gmatch("[^.!?]*[.!?]+") do n = n + 1 end end
      return n
    end) },
  { run("newsnlp.sentences", function()
      local n = 0
      for _, a in ipairs(articles) do n = n + #newsnlp.sentences(a) end
      return n
    end) },
  { run("newsnlp.each_sentence", function()
      local n = 0
      for _, a in ipairs(articles) do for _ in newsnlp.each_sentence(a) do n = n + 1 end end
      return n
    end) },
  { run("newsnlp.article", function()
      local n = 0
      for _, a in ipairs(articles) do n = n + #newsnlp.article(a).paragraphs end
      return n
    end) },
}
print(("sentences (Lua API): %s (%d bytes, %d articles)"):format(path, #text, #articles))
local base = results[1][2]
for _, r in ipairs(results) do
  print(("  %-24s %8.1f MB/s  %9.0f articles/s  %8d items  %5.2fx the naive split"):format(
    r[1], #text / r[2] / 1e6, #articles / r[2], count[r[1]], base / r[2]))
end
