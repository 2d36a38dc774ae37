-- The Lua API of summaries and statistics over a news corpus, per article:
-- newsnlp.summarize (3 sentences), rank_sentences and stats, against
-- newsnlp.sentences (a Lead-3 needs only the split) measured in the same run.
-- Articles are the corpus' form-feed separated texts; the first figures are
-- for those of 2.5 to 3.5 KB, then for all of them.
--   lua5.4 summary_bench.lua CORPUS
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local path = arg[1]
local text = benchlib.read(path, "usage: summary_bench.lua CORPUS")
local all, sized = benchlib.articles(text), benchlib.articles(text, 2500, 3500)


local function measure(articles, label)
  local bytes = 0
  for _, a in ipairs(articles) do bytes = bytes + #a end
  local rows = {
    { "newsnlp.sentences (the split)", function(a) return #newsnlp.sentences(a, { lang = "en" }) end },
    { "newsnlp.summarize", function(a) return #newsnlp.summarize(a, { lang = "en" }) end },
    { "newsnlp.summarize, guessing", function(a) return #newsnlp.summarize(a) end },
    { "newsnlp.rank_sentences", function(a) return #newsnlp.rank_sentences(a, { lang = "en" }) end },
    { "newsnlp.stats", function(a) return newsnlp.stats(a, { lang = "en" }).words end },
  }
  print(("summary (Lua API), %s: %d articles, %.0f bytes each on average"):format(label, #articles, bytes / #articles))
  local base
  for _, row in ipairs(rows) do
    local fn = row[2]
    local t = best(3, function() for _, a in ipairs(articles) do fn(a) end end)
    base = base or t
    print(("  %-34s %9.0f articles/s  %7.1f MB/s  %5.2fx the time of the split"):format(
      row[1], #articles / t, bytes / t / 1e6, t / base))
  end
end

if #sized > 0 then measure(sized, "articles of 2.5-3.5 KB") end
measure(all, "all articles")
