-- Language guessing: accuracy per article and per paragraph on a
-- multilingual news corpus, and speed.
--
--   lua5.4 bench/language_bench.lua CORPUS MULTI
--
-- MULTI holds German, French, Russian and Chinese articles separated by a
-- line with a form feed, without labels.  The reference label of an article
-- comes from its letters alone, independently of newsnlp's stopword
-- profiles: the script with most letters (Cyrillic: ru, Han: zh), and for
-- Latin script whichever of German (ä ö ü ß) and French (é è à ç ê â î ô û)
-- letters is more frequent; an article where they tie is left out.
-- Paragraphs (separated by blank lines) take their article's label.  A guess
-- is right, "und" (undetermined: too little evidence), or wrong.
local newsnlp = require "newsnlp"

local path = arg[2]
if not path then
  print("language_bench: no multilingual corpus given, skipped")
  return
end
local f = assert(io.open(path, "rb"))
local text = f:read("*a")
f:close()

local function count(s, pattern)
  return select(2, s:gsub(pattern, ""))
end

local function reference(article)
  local cyrillic = count(article, "[\208\209][\128-\191]")
  local han = count(article, "[\228-\233][\128-\191][\128-\191]")
  local latin = count(article, "%a")
  if cyrillic > latin and cyrillic > han then return "ru" end
  if han > latin then return "zh" end
  local de = count(article, "\195[\164\182\188\159\132\150\156]")
  local fr = count(article, "\195[\169\168\160\167\170\162\174\180\187\137]")
  if de > fr then return "de" elseif fr > de then return "fr" end
end

local stats = { article = { n = 0, right = 0, und = 0, wrong = 0 },
                paragraph = { n = 0, right = 0, und = 0, wrong = 0 } }
local per_lang, skipped, bytes = {}, 0, 0
local function score(kind, ref, guess, lang_key)
  local s = stats[kind]
  s.n = s.n + 1
  if guess == ref then s.right = s.right + 1
  elseif guess == "und" then s.und = s.und + 1
  else s.wrong = s.wrong + 1 end
  if lang_key then
    local p = per_lang[ref] or { n = 0, right = 0 }
    per_lang[ref] = p
    p.n = p.n + 1
    if guess == ref then p.right = p.right + 1 end
  end
end

-- The reference labels first, so that the timing below holds the guesses only.
local items = {}
for article in (text .. "\f\n"):gmatch("(.-)\f\n?") do
  if article:find("%S") then
    local ref = reference(article)
    if not ref then
      skipped = skipped + 1
    else
      items[#items + 1] = { kind = "article", ref = ref, text = article }
      for para in (article .. "\n\n"):gmatch("(.-)\n%s*\n") do
        if para:find("%S") then items[#items + 1] = { kind = "paragraph", ref = ref, text = para } end
      end
    end
  end
end
local t0 = os.clock()
for _, item in ipairs(items) do
  item.guess = newsnlp.language(item.text)
  bytes = bytes + #item.text
end
local t = os.clock() - t0
for _, item in ipairs(items) do score(item.kind, item.ref, item.guess, item.kind == "paragraph") end

print(("language_bench: %s"):format(path))
for _, kind in ipairs { "article", "paragraph" } do
  local s = stats[kind]
  print(("  per %-9s %5d: right %5.1f%%, undetermined %4.1f%%, wrong %4.1f%%"):format(
    kind, s.n, 100 * s.right / s.n, 100 * s.und / s.n, 100 * s.wrong / s.n))
end
local langs = {}
for code in pairs(per_lang) do langs[#langs + 1] = code end
table.sort(langs)
for _, code in ipairs(langs) do
  local p = per_lang[code]
  print(("    %s paragraphs %5d: right %5.1f%%"):format(code, p.n, 100 * p.right / p.n))
end
if skipped > 0 then print(("  %d articles without a reference label, left out"):format(skipped)) end
print(("  speed: %.1f MB/s (%d calls: every article, then every paragraph)"):format(bytes / 1e6 / t, #items))
