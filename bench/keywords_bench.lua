-- The Lua API of keyphrase extraction over a news corpus, per article:
-- newsnlp.keywords with each method, against newsnlp.words (the token stream
-- alone, through Lua) measured in the same run as the baseline.  Articles of
-- 2 to 4 KB (news stories of about 3 KB) and all articles are timed apart.
--   lua5.4 keywords_bench.lua CORPUS
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local path = arg[1]
local text = benchlib.read(path, "usage: keywords_bench.lua CORPUS")
local all, mid = {}, {}
for _, a in ipairs(benchlib.articles(text)) do
  a = a:gsub("^\n+", ""):gsub("\n+$", "")
  if #a > 0 then
    all[#all + 1] = a
    if #a >= 2048 and #a <= 4096 then mid[#mid + 1] = a end
  end
end


local function bytes(list)
  local n = 0
  for _, a in ipairs(list) do n = n + #a end
  return n
end

local function bench(title, list)
  local size = bytes(list)
  print(("%s: %d articles, %.0f bytes on average"):format(title, #list, size / #list))
  local base = best(3, function()
    for _, a in ipairs(list) do newsnlp.words(a) end
  end)
  print(("  %-34s %9.0f articles/s  %6.1f MB/s"):format("newsnlp.words (baseline)", #list / base,
    size / base / 1e6))
  for _, method in ipairs { "posfreq", "textrank", "yake", "tfidf" } do
    local opts = { lang = "en", method = method }
    local t = best(3, function()
      for _, a in ipairs(list) do newsnlp.keywords(a, opts) end
    end)
    print(("  %-34s %9.0f articles/s  %6.1f MB/s  %5.2fx the time of newsnlp.words"):format(
      "newsnlp.keywords (" .. method .. ")", #list / t, size / t / 1e6, t / base))
  end
  local t = best(3, function()
    for _, a in ipairs(list) do newsnlp.keywords(a) end
  end)
  print(("  %-34s %9.0f articles/s  %6.1f MB/s  %5.2fx the time of newsnlp.words"):format(
    "newsnlp.keywords (language guessed)", #list / t, size / t / 1e6, t / base))
end

print(("keywords (Lua API): %s (%d bytes)"):format(path, #text))
bench("articles of 2 to 4 KB", mid)
bench("all articles", all)
