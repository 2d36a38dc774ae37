#!/usr/bin/env lua5.4
-- Compiles the English lexicon and its closed-class lists into a C hash table
-- (csrc/lexicon_data.c; the types are in csrc/nn_lexicon.h).
--
--   lua5.4 tools/gen_lexicon_tables.lua OUT.c data/lexicon
--
-- Reads, from the lexicon folder:
--   en.txt           the WordNet/SCOWL lexicon (tools/gen_lexicon.py writes it)
--   en_closed.txt    word<TAB>class     closed-class words
--   en_time.txt      word               day and month names
--   en_titles.txt    word               title words before names
--   en_title_abbr.txt word[<TAB>bare]   title abbreviations
--   en_vague.txt     word               nouns that are never a one-word keyphrase
-- Every word of any file gets one entry.  The table hashes the lower-case form
-- with 32-bit FNV-1a (nn_lexicon_hash) into a power-of-two number of buckets
-- (two to four entries each);
-- entries are stored bucket after bucket, so a bucket is a short run.
-- `make tables` runs this, and the Makefile reruns it when a file changes.

local out_path, dir = arg[1], arg[2]
assert(out_path and dir, "usage: gen_lexicon_tables.lua OUT.c DATA_LEXICON_DIR")

local LANG = "en"
local WORD_CLASSES = { DET = 1, PRON = 2, PREP = 3, CONJ = 4, TO = 5, AUX = 6, MODAL = 7,
                       ADV = 8, NUM = 9 }
local F_TIME, F_TITLE, F_TITLE_ABBR, F_TITLE_BARE, F_VAGUE, F_LEXICON = 1, 2, 4, 8, 16, 32
local VFORMS = { ["-"] = 0, s = 1, ed = 2, ing = 3 }
local CASES = { l = 1, C = 2, A = 3 }

local function lines(path)
  local f = assert(io.open(path, "rb"))
  local t = {}
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then t[#t + 1] = line end
  end
  f:close()
  return t
end

local function split(line)
  local t = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do t[#t + 1] = field end
  return t
end

local entries, order = {}, {}
local function entry(form)
  assert(#form > 0 and #form < 256, "form length out of range: " .. form)
  assert(form == form:lower(), "not lower case: " .. form)
  local e = entries[form]
  if not e then
    e = { form = form, weight = { 0, 0, 0, 0 }, stem_keep = #form, stem_add = "",
          lemma_keep = #form, lemma_add = "", level = 0, lexname = "-", class = 0, flags = 0,
          vform = 0, case = 0 }
    entries[form] = e
    order[#order + 1] = form
  end
  return e
end

-- The edit that turns form into target: keep a prefix, append the rest.
local function edit(form, target)
  local k = 0
  while k < #form and k < #target and form:byte(k + 1) == target:byte(k + 1) do k = k + 1 end
  return k, target:sub(k + 1)
end

local lexicon_header
do
  local f = assert(io.open(dir .. "/en.txt", "rb"))
  local header = {}
  for line in f:lines() do
    if line:sub(1, 1) == "#" then
      if #header < 16 then header[#header + 1] = (line:gsub("^#%s?", "")) end
    elseif line ~= "" then
      local x = split(line)
      assert(#x == 11, "en.txt: 11 fields expected: " .. line)
      local e = entry(x[1])
      for i = 1, 4 do e.weight[i] = assert(math.tointeger(tonumber(x[i + 1]))) end
      e.vform = assert(VFORMS[x[6]], "bad vform: " .. line)
      e.lemma_keep, e.lemma_add = edit(x[1], x[7])
      e.stem_keep, e.stem_add = edit(x[1], x[8])
      e.level = assert(math.tointeger(tonumber(x[9])))
      e.case = assert(CASES[x[10]], "bad case: " .. line)
      e.lexname = x[11]
      e.flags = e.flags | F_LEXICON
    end
  end
  f:close()
  local all = table.concat(header, " ")
  local wn = assert(all:match("Debian wordnet%-base ([^)]+)"), "en.txt header: no wordnet-base version")
  local scowl = assert(all:match("SCOWL (%S+),"), "en.txt header: no SCOWL version")
  local size = assert(all:match("up to size (%d+)"), "en.txt header: no SCOWL size")
  lexicon_header = ("WordNet 3.0 (Debian wordnet-base %s), SCOWL %s up to size %s, Snowball stems")
    :format(wn, scowl, size)
end

for _, line in ipairs(lines(dir .. "/en_closed.txt")) do
  local x = split(line)
  local e = entry(x[1])
  assert(e.class == 0, "en_closed.txt: listed twice: " .. x[1])
  e.class = assert(WORD_CLASSES[x[2]], "en_closed.txt: bad class: " .. line)
end
for _, w in ipairs(lines(dir .. "/en_time.txt")) do
  local e = entry(w); e.flags = e.flags | F_TIME
end
for _, w in ipairs(lines(dir .. "/en_titles.txt")) do
  local e = entry(w); e.flags = e.flags | F_TITLE
end
for _, line in ipairs(lines(dir .. "/en_title_abbr.txt")) do
  local x = split(line)
  local e = entry(x[1])
  e.flags = e.flags | F_TITLE_ABBR
  if x[2] == "bare" then e.flags = e.flags | F_TITLE_BARE end
end
for _, w in ipairs(lines(dir .. "/en_vague.txt")) do
  local e = entry(w); e.flags = e.flags | F_VAGUE
end

-- Small string tables: stem appends, lemma appends, lexicographer names.
local function intern_table(field, first)
  local list, index = { first }, {}
  if first then index[first] = 0 end
  local seen = {}
  for _, form in ipairs(order) do seen[entries[form][field]] = true end
  local sorted = {}
  for s in pairs(seen) do if index[s] == nil then sorted[#sorted + 1] = s end end
  table.sort(sorted)
  for _, s in ipairs(sorted) do list[#list + 1] = s end
  for i, s in ipairs(list) do index[s] = i - 1 end
  return list, index
end
local stem_list, stem_index = intern_table("stem_add", "")
local lemma_list, lemma_index = intern_table("lemma_add", "")
local lexname_list, lexname_index = intern_table("lexname", "-")
assert(#stem_list <= 16, "too many stem appends for 4 bits")
assert(#lemma_list <= 256 and #lexname_list <= 256)

local function fnv1a(s)
  local h = 2166136261
  for i = 1, #s do h = ((h ~ s:byte(i)) * 16777619) & 0xFFFFFFFF end
  return h
end

local n = #order
local nbuckets = 1
while nbuckets * 4 < n do nbuckets = nbuckets * 2 end
local mask = nbuckets - 1
local buckets = {}
for i = 0, nbuckets - 1 do buckets[i] = {} end
for _, form in ipairs(order) do
  local b = buckets[fnv1a(form) & mask]
  b[#b + 1] = form
end

local function literal(s)
  return '"' .. s:gsub('[%c"\\?\128-\255]', function(c) return ("\\%03o"):format(c:byte()) end) .. '"'
end

local out = assert(io.open(out_path, "wb"))
local function w(...) out:write(...) end
w("/* Generated by tools/gen_lexicon_tables.lua from data/lexicon/; do not edit.\n",
  " * Regenerate with `make tables`.  ", n, " forms in ", nbuckets, " buckets. */\n",
  "#include \"nn_lexicon.h\"\n\n")

-- The forms, bucket after bucket, in one string.
local sorted_forms, offsets, at = {}, {}, 0
w("static const char forms[] =\n")
for b = 0, nbuckets - 1 do
  local list = buckets[b]
  table.sort(list)
  for _, form in ipairs(list) do
    sorted_forms[#sorted_forms + 1] = form
    offsets[form] = at
    at = at + #form + 1
    w("  ", literal(form .. "\0"), "\n")
  end
end
w("  ;\n\n")
assert(at < (1 << 24), "forms exceed 16 MB")

w("static const nn_lexentry entries[", n, "] = {\n")
for _, form in ipairs(sorted_forms) do
  local e = entries[form]
  local strip = #form - e.stem_keep
  assert(strip < 16, "stem strips too much: " .. form)
  w(("  { %du, { %d, %d, %d, %d }, %d, %d, %d, %d, %d, %d, %d, %d },\n"):format(
    (offsets[form] << 8) | #form, e.weight[1], e.weight[2], e.weight[3], e.weight[4],
    strip | (stem_index[e.stem_add] << 4), #form - e.lemma_keep, lemma_index[e.lemma_add],
    e.level, lexname_index[e.lexname], e.class, e.flags, e.vform | (e.case << 4)))
end
w("};\n\n")

w("static const uint32_t buckets[", nbuckets + 1, "] = {\n")
local start, row = 0, {}
for b = 0, nbuckets do
  row[#row + 1] = tostring(start)
  if #row == 12 or b == nbuckets then w("  ", table.concat(row, ", "), ",\n"); row = {} end
  if b < nbuckets then start = start + #buckets[b] end
end
w("};\n\n")

local function string_array(name, list, first_null)
  w("static const char *const ", name, "[", #list, "] = {\n")
  for i, s in ipairs(list) do
    if i == 1 and first_null then w("  NULL,\n") else w("  ", literal(s), ",\n") end
  end
  w("};\n\n")
end
string_array("stem_appends", stem_list)
string_array("lemma_appends", lemma_list)
string_array("lexnames", lexname_list, true)

w("const nn_lexicon nn_lexicon_", LANG, " = {\n",
  "  ", literal(LANG), ",\n",
  "  ", literal(lexicon_header), ",\n",
  "  entries, ", n, ", buckets, ", mask, "u, forms,\n",
  "  stem_appends, lemma_appends, lexnames, ", #lexname_list, "\n",
  "};\n")
out:close()
