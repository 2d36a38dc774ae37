-- Taxonomy tagging through the Lua API: the load time of a 100,000-phrase
-- taxonomy (from a Lua table and from a file), and tagging a news corpus
-- article by article, against newsnlp.count (a word count table of each
-- article: the tokenizer's pass in C and a Lua table) measured in the same run.
--   lua5.4 tagger_bench.lua CORPUS
--
-- The taxonomy is made from the corpus itself so that its phrases occur:
-- runs of 1 to 3 consecutive ASCII words (3 bytes or more, no apostrophe, so
-- no possessive that the tagger would strip; none among the 300
-- most frequent words of the corpus) taken at an occurrence of a word drawn
-- from the distinct words, distinct regardless of case, 20 phrases per tag.  The
-- draw is a fixed pseudo-random sequence, so every run uses the same
-- taxonomy.  Nearly every content word of the corpus is in it, so a third of
-- the tokens match: the worst case, where building the result tables costs
-- most.
--
-- A second taxonomy is closer to a newsroom's: names of people, places and
-- organizations, where matches are sparse.  Its tags are the distinct runs of
-- 2 or 3 capitalized words (an upper-case ASCII letter, then lower-case ones)
-- that follow a word starting in lower case (so not at the start of a
-- sentence), in order of first occurrence; each has the name as a phrase and,
-- for 3 words, the first and last word ("Mary Ann Smith": "Mary Smith") and
-- the initials as a case-sensitive phrase ("MAS").  The C benchmark
-- (bench_tagger.c) builds the same taxonomy.  Times are CPU time (os.clock),
-- best of 3.
local newsnlp = require "newsnlp"
local benchlib = require "benchlib"
local best = benchlib.best

local PHRASES, PER_TAG, COMMON = 100000, 20, 300

local path = arg[1]
local text = benchlib.read(path, "usage: tagger_bench.lua CORPUS")
local articles = benchlib.articles(text)


-- A linear congruential sequence (exact in doubles: 2^31 modulus).
local seed = 12345
local function random(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

-- The words of the corpus: tokens, with a word flag, and each word's places.
local toks, isword, places, freq, order = {}, {}, {}, {}, {}
for tok, kind in newsnlp.each_token(text) do
  local i = #toks + 1
  toks[i] = tok
  if kind == "word" then
    isword[i] = true
    local w = tok:lower()
    local p = places[w]
    if not p then
      p = {}
      places[w] = p
      order[#order + 1] = w
    end
    p[#p + 1] = i
    freq[w] = (freq[w] or 0) + 1
  end
end
local sorted = {}
for i, w in ipairs(order) do sorted[i] = freq[w] end
table.sort(sorted, function(a, b) return a > b end)
local threshold = sorted[COMMON] or math.huge

local rules, lines, seen, made, tries = {}, {}, {}, 0, 0
while made < PHRASES do
  tries = tries + 1
  assert(tries < PHRASES * 1000, "the corpus has too few distinct phrases")
  local w = order[random(#order)]
  local at = places[w][random(#places[w])]
  local n = ({ 1, 1, 2, 2, 3 })[random(5)]
  local words, ok = {}, true
  for k = 0, n - 1 do
    local tok = toks[at + k]
    if not tok or not isword[at + k] or #tok < 3 or tok:find("[\128-\255']")
        or freq[tok:lower()] >= threshold then
      ok = false
      break
    end
    words[#words + 1] = tok
  end
  local phrase = table.concat(words, " ")
  if ok and not seen[phrase:lower()] then
    seen[phrase:lower()] = true
    local tag = ("Tag %05d"):format(math.floor(made / PER_TAG) + 1)
    local list = rules[tag]
    if not list then
      list = {}
      rules[tag] = list
      lines[#lines + 1] = tag .. ":"
    end
    list[#list + 1] = phrase
    lines[#lines] = lines[#lines] .. (#list == 1 and " " or "; ") .. phrase
    made = made + 1
  end
end
-- The names taxonomy.
local names, name_order, prev_lower, run_words = {}, {}, false, {}
local function end_run()
  local n = #run_words
  if n >= 2 and n <= 3 and run_words.ok then
    local name = table.concat(run_words, " ")
    if not names[name] then
      local list = { name }
      if n == 3 then
        list[2] = run_words[1] .. " " .. run_words[3]
        list.case_sensitive = { run_words[1]:sub(1, 1) .. run_words[2]:sub(1, 1)
          .. run_words[3]:sub(1, 1) }
      end
      names[name] = list
      name_order[#name_order + 1] = name
    end
  end
  run_words = {}
end
for i = 1, #toks do
  local tok = toks[i]
  if isword[i] and tok:find("^%u%l+$") then
    if #run_words == 0 then run_words.ok = prev_lower end
    run_words[#run_words + 1] = tok
    prev_lower = false
  else
    end_run()
    prev_lower = isword[i] and tok:find("^%l") ~= nil
  end
end
end_run()
toks, isword, places = nil, nil, nil

local file = os.tmpname()
f = assert(io.open(file, "wb"))
f:write(table.concat(lines, "\n"), "\n")
f:close()

local tagger
local load_table = best(3, function()
  if tagger then tagger:close() end
  tagger = newsnlp.tagger(rules)
end)
local load_file = best(3, function() assert(newsnlp.load_tagger(file)):close() end)
local load_stem = best(3, function()
  newsnlp.tagger(rules, { lang = "en", stem = true }):close()
end)
os.remove(file)
local phrases, tags = tagger:size()

local names_tagger = newsnlp.tagger(names)
local name_phrases, name_tags = names_tagger:size()
local stemmer = newsnlp.tagger(rules, { lang = "en", stem = true })
-- The spans option is newer than this benchmark: without it, skip its rows.
local has_spans_option = pcall(tagger.tag, tagger, "", { spans = false })

local counts = {}
local function run(name, fn)
  return { name, best(3, function() counts[name] = fn() end) }
end
local function tag_all(t, opts)
  return function()
    local n = 0
    for _, a in ipairs(articles) do n = n + #t:tag(a, opts) end
    return n
  end
end
local function match_all(t)
  return function()
    local n = 0
    for _, a in ipairs(articles) do n = n + #t:match(a) end
    return n
  end
end
local results = {
  run("newsnlp.count (baseline)", function()
    local n = 0
    for _, a in ipairs(articles) do
      newsnlp.count(a)
      n = n + 1
    end
    return n
  end),
  run("tagger:tag", tag_all(tagger)),
  run("tagger:tag, limit 10", tag_all(tagger, { limit = 10 })),
  has_spans_option and run("tagger:tag, spans=false", tag_all(tagger, { spans = false })),
  run("tagger:match", match_all(tagger)),
  run("tagger:tag, stemming", tag_all(stemmer)),
  "names",
  run("names: tagger:tag", tag_all(names_tagger)),
  run("names: tagger:tag, limit 10", tag_all(names_tagger, { limit = 10 })),
  has_spans_option and run("names: tag, spans=false", tag_all(names_tagger, { spans = false })),
  run("names: tagger:match", match_all(names_tagger)),
}

print(("tagger (Lua API): %s (%d bytes, %d articles)"):format(path, #text, #articles))
print(("  taxonomy: %d phrases in %d tags, from the corpus's words"):format(phrases, tags))
print(("  load from a Lua table     %8.1f ms"):format(load_table * 1e3))
print(("  load from a file          %8.1f ms"):format(load_file * 1e3))
print(("  load with stemming (en)   %8.1f ms"):format(load_stem * 1e3))
local base = results[1][2]
for _, r in ipairs(results) do
  if r == "names" then
    print(("  names taxonomy: %d phrases in %d tags (people, places, organizations)"):format(
      name_phrases, name_tags))
  elseif r then
    print(("  %-26s %8.1f MB/s  %9.0f articles/s  %8d items  %5.2fx the count"):format(
      r[1], #text / r[2] / 1e6, #articles / r[2], counts[r[1]], base / r[2]))
  end
end
