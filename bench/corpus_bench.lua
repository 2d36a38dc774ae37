-- Corpus building from Lua: newsnlp.corpus against a pure Lua term and
-- document frequency loop measured in the same run, on the same articles.
--
--   lua5.4 bench/corpus_bench.lua CORPUS [MULTI]
--
-- CORPUS holds English articles separated by a line with a form feed.  Times
-- are CPU seconds (os.clock), best of three, so that other processes on the
-- machine do not count.  The Lua baseline does what a script would: split
-- into words (ASCII letters and any non-ASCII bytes, with inner apostrophes),
-- lower-case, skip the same English stopwords, count tf and df in tables.  newsnlp does more (Unicode case folding, the news tokenizer,
-- possessives), so the ratio understates the difference in work.
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local path = arg[1]
local text = benchlib.read(path, "usage: corpus_bench.lua CORPUS [MULTI]")
local articles = {}
for _, a in ipairs(benchlib.articles(text)) do
  if a:find("%S") then articles[#articles + 1] = a end
end
local mb = #text / 1e6


local stop = {}
for _, w in ipairs(newsnlp.stopwords("en")) do stop[w] = true end

local function lua_baseline()
  local df, cf, seen = {}, {}, nil
  for _, a in ipairs(articles) do
    seen = {}
    for w in a:gmatch("[%a\128-\255][%w\128-\255']*") do
      w = w:lower()
      if not stop[w] then
        cf[w] = (cf[w] or 0) + 1
        if not seen[w] then
          seen[w] = true
          df[w] = (df[w] or 0) + 1
        end
      end
    end
  end
  local n = 0
  for _ in pairs(df) do n = n + 1 end
  return n
end

local function newsnlp_corpus(opts)
  return function()
    local c = newsnlp.corpus(opts)
    for _, a in ipairs(articles) do c:add(a) end
    local terms = c:info().terms
    c:close()
    return terms
  end
end

print(("corpus_bench: %s, %d articles, %.1f MB, %s"):format(path, #articles, mb, _VERSION))
local tl, nl = best(3, lua_baseline)
print(("  pure Lua tf/df loop (baseline)  %7.1f MB/s  (%d terms)"):format(mb / tl, nl))
local tc, nc = best(3, newsnlp_corpus { lang = "en" })
print(("  newsnlp.corpus, lang=en         %7.1f MB/s  %5.1fx the Lua loop  (%d terms)"):format(
  mb / tc, tl / tc, nc))
local ts = best(3, newsnlp_corpus { lang = "en", stem = true })
print(("  newsnlp.corpus, lang=en, stem   %7.1f MB/s  %5.1fx"):format(mb / ts, tl / ts))
local tg = best(3, newsnlp_corpus {})
print(("  newsnlp.corpus, guessed         %7.1f MB/s  %5.1fx"):format(mb / tg, tl / tg))

-- Queries against the built corpus: articles per second.
local c = newsnlp.corpus { lang = "en" }
for _, a in ipairs(articles) do c:add(a) end
local sample = {}
for i = 1, math.min(2000, #articles) do sample[i] = articles[i] end
local tt = best(3, function()
  for _, a in ipairs(sample) do c:tfidf(a, { top = 10 }) end
end)
local tk = best(3, function()
  for _, a in ipairs(sample) do c:keyness(a, { top = 10 }) end
end)
print(("  tfidf, top 10                   %7.0f articles/s"):format(#sample / tt))
print(("  keyness, top 10                 %7.0f articles/s"):format(#sample / tk))
c:close()
