-- Classifier benchmark through the Lua API: c:train on up to 10,000 articles
-- of CORPUS, c:fit, then c:predict on every article.
--
--   lua5.4 bench/classifier_bench.lua CORPUS [ignored...]
--
-- The corpus has no tags, so they are derived as in bench_classifier.c: the
-- 90 words of 4 or more letters that begin the most titles (first lines) are
-- the tags; an article carries those of its title's words.  The baseline,
-- measured in the same run, is a pure-Lua pass counting the words of every
-- article; times are processor times (os.clock).
local newsnlp = require "newsnlp"

local path = assert(arg[1], "usage: lua5.4 classifier_bench.lua CORPUS")
local f = assert(io.open(path, "rb"))
local corpus = f:read("*a")
f:close()

local articles, bytes = {}, 0
for text in corpus:gmatch("[^\f]+") do
  text = text:match("^%s*(.-)%s*$")
  if #text > 0 then
    articles[#articles + 1] = { text = text }
    bytes = bytes + #text
    if #articles == 10000 then break end
  end
end

local function title_words(text)
  local words = {}
  for w in (text:match("^[^\n]*") or ""):gmatch("%a+") do
    if #w >= 4 then words[#words + 1] = w:lower() end
  end
  return words
end

local counts = {}
for _, a in ipairs(articles) do
  for _, w in ipairs(title_words(a.text)) do counts[w] = (counts[w] or 0) + 1 end
end
local ranked = {}
for w, n in pairs(counts) do ranked[#ranked + 1] = { w, n } end
table.sort(ranked, function(x, y) return x[2] > y[2] or (x[2] == y[2] and x[1] < y[1]) end)
local is_tag = {}
for i = 1, math.min(90, #ranked) do is_tag[ranked[i][1]] = true end
for _, a in ipairs(articles) do
  local tags, seen = {}, {}
  for _, w in ipairs(title_words(a.text)) do
    if is_tag[w] and not seen[w] then seen[w] = true; tags[#tags + 1] = w end
  end
  a.tags = tags
end

local t0 = os.clock()
local words = 0
for _, a in ipairs(articles) do
  for _ in a.text:gmatch("%w+") do words = words + 1 end
end
local t_base = os.clock() - t0

t0 = os.clock()
local c = newsnlp.classifier()
for _, a in ipairs(articles) do c:train(a.text, a.tags) end
local t_record = os.clock() - t0
c:fit()
local t_train = os.clock() - t0

t0 = os.clock()
local decided = 0
for _, a in ipairs(articles) do decided = decided + #c:predict(a.text) end
local t_predict = os.clock() - t0

local info = c:info()
print(string.format("classifier (Lua): %d articles (%.1f MB), %d tags, %d terms, %d weights",
  #articles, bytes / 1e6, info.tags, info.terms, info.weights))
print(string.format("  baseline (Lua word count)      %8.0f articles/s", #articles / t_base))
print(string.format("  train (c:train + c:fit)        %8.0f articles/s  %6.2f s (%.2f s recording)  %6.1fx baseline time",
  #articles / t_train, t_train, t_record, t_train / t_base))
print(string.format("  predict (c:predict, decided)   %8.0f articles/s  %6.2f s            %6.1fx baseline time",
  #articles / t_predict, t_predict, t_predict / t_base))
c:close()
