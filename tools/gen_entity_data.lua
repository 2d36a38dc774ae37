#!/usr/bin/env lua5.4
-- Compiles the data of the entity finder into one hash table, csrc/entity_data.c
-- (the layout is described in csrc/nn_entity_data.h):
--
--   lua5.4 tools/gen_entity_data.lua OUT.c DATA_DIR
--
-- reads, under DATA_DIR (normally data/):
--   gazetteers/*.txt      NAME or NAME<TAB>CLASS; a "#@ class CLASS" line sets
--                         the class of the plain names after it
--   entity_titles/en.txt  one title per line
--   entity_cues/en.txt    WORD<TAB>KIND[<TAB>WHERE]
--   entity_words/en.txt   WORD<TAB>CLASS
--   lexicon/en.txt        the English lexicon (its level, case, verb and
--                         lexname columns)
-- Every name also enters in lower case (the fold field), without accents
-- ("Zurich" for "Zürich"), and an acronym of two to four capitals naming a
-- place or an organization also in dotted form (U.N. for UN).  Output is
-- deterministic.  `make tables` runs this; the Makefile reruns it when a
-- data file changes.

local out_path, data_dir = arg[1], arg[2]
assert(out_path and data_dir, "usage: gen_entity_data.lua OUT.c DATA_DIR")

local BUCKET_BITS = 16

local GAZ = {
  country = 1 << 0, region = 1 << 1, continent = 1 << 2, city = 1 << 3, subdivision = 1 << 4,
  ["wn-place"] = 1 << 5, ["wn-place-class"] = 1 << 6,
  organization = 1 << 7, ["wn-organization"] = 1 << 8, ["wn-organization-class"] = 1 << 9,
  ["wn-person"] = 1 << 10,
  demonym = 1 << 11, ["wn-adjective"] = 1 << 12, ["wn-person-class"] = 1 << 13,
  ["wn-other"] = 1 << 14, ["wn-other-class"] = 1 << 15,
  given = 1 << 16, family = 1 << 17,
}
local PLACE_OR_ORG = 0x7F | 0x380
local G_PREFIX, G_TITLE, G_TITLE_PREFIX, G_CUE_PREFIX = 1 << 18, 1 << 19, 1 << 20, 1 << 21
local G_LEGAL_FORM = 1 << 22
local ORG_WHERE = { last = 1, any = 2, head = 3, edge = 4 }
local PLACE_WHERE = { last = 1, first = 2, head = 3 }
local OTHER_WHERE = { last = 1, any = 2, head = 3 }
local WORD = {
  ["function"] = 1 << 0, particle = 1 << 1, locative = 1 << 2, calendar = 1 << 3,
  ["never-alone"] = 1 << 4, ["name-prefix"] = 1 << 5, ["place-noun"] = 1 << 6,
  ["role-noun"] = 1 << 7, ["org-modifier"] = 1 << 8, sports = 1 << 9, sport = 1 << 10,
  ["org-noun"] = 0, -- only its noun class
}
local W_VERB = 1 << 11
local NOUN = { ["noun.person"] = 1, ["noun.group"] = 2, ["noun.location"] = 3 }
local NOUN_PLACE = 3
local NOUN_ORG = 2

local sources = {}

-- Lines of a data file without comments, with their numbers; directives
-- ("#@ ...") are passed to on_directive.
local function lines(path, on_directive)
  local f = assert(io.open(path, "rb"))
  local n, out = 0, {}
  for line in f:lines() do
    n = n + 1
    line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
    local d = line:match("^#@%s*(.*)$")
    if d then
      if on_directive then on_directive(d, n) end
    elseif line ~= "" and line:sub(1, 1) ~= "#" then
      out[#out + 1] = { line, n }
    end
  end
  f:close()
  sources[#sources + 1] = path:match("[^/]+/[^/]+$")
  return out
end

local function fail(path, n, msg) error(("%s:%d: %s"):format(path, n, msg), 0) end

---------------------------------------------------------------------------
-- Lower case and accent folding for the letters the data holds; the core
-- lower-cases with utf8proc, which agrees on these.

local function lower_cp(cp)
  if cp < 0x80 then
    if cp >= 0x41 and cp <= 0x5A then return cp + 32 end
  elseif cp >= 0xC0 and cp <= 0xDE and cp ~= 0xD7 then return cp + 32
  elseif cp >= 0x100 and cp <= 0x137 then return cp | 1
  elseif cp >= 0x139 and cp <= 0x148 then return (cp % 2 == 1) and cp + 1 or cp
  elseif cp >= 0x14A and cp <= 0x177 then return cp | 1
  elseif cp == 0x178 then return 0xFF
  elseif cp >= 0x179 and cp <= 0x17E then return (cp % 2 == 1) and cp + 1 or cp
  elseif cp >= 0x391 and cp <= 0x3AB and cp ~= 0x3A2 then return cp + 32
  elseif cp >= 0x410 and cp <= 0x42F then return cp + 32
  elseif cp >= 0x400 and cp <= 0x40F then return cp + 80
  end
  return cp
end

local function lower(s)
  if not s:find("[%u\128-\255]") then return s end
  local out = {}
  for _, cp in utf8.codes(s) do out[#out + 1] = utf8.char(lower_cp(cp)) end
  return table.concat(out)
end

local ACCENTED = {
  A = "ÀÁÂÃÄÅĀĂĄ", a = "àáâãäåāăą", C = "ÇĆĈĊČ", c = "çćĉċč", D = "ĎĐ", d = "ďđ",
  E = "ÈÉÊËĒĔĖĘĚ", e = "èéêëēĕėęě", G = "ĜĞĠĢ", g = "ĝğġģ", H = "ĤĦ", h = "ĥħ",
  I = "ÌÍÎÏĨĪĬĮİ", i = "ìíîïĩīĭįı", J = "Ĵ", j = "ĵ", K = "Ķ", k = "ķ", L = "ĹĻĽĿŁ",
  l = "ĺļľŀł", N = "ÑŃŅŇ", n = "ñńņň", O = "ÒÓÔÕÖØŌŎŐ", o = "òóôõöøōŏő", R = "ŔŖŘ",
  r = "ŕŗř", S = "ŚŜŞŠȘ", s = "śŝşšș", T = "ŢŤŦȚ", t = "ţťŧț", U = "ÙÚÛÜŨŪŬŮŰŲ",
  u = "ùúûüũūŭůűų", W = "Ŵ", w = "ŵ", Y = "ÝŶŸ", y = "ýÿŷ", Z = "ŹŻŽ", z = "źżž",
}
local FOLD = {}
for base, chars in pairs(ACCENTED) do
  for _, cp in utf8.codes(chars) do FOLD[cp] = base end
end

-- The name without accents, or nil when it has none to remove.
local function unaccent(s)
  if not s:find("[\128-\255]") then return nil end
  local out, changed = {}, false
  for _, cp in utf8.codes(s) do
    if FOLD[cp] then
      out[#out + 1] = FOLD[cp]
      changed = true
    elseif cp >= 0x300 and cp <= 0x36F then
      changed = true -- a combining mark
    else
      out[#out + 1] = utf8.char(cp)
    end
  end
  return changed and table.concat(out) or nil
end

---------------------------------------------------------------------------
-- The table being built: key -> { gaz, fold, word }.

local entries = {}
local function entry(key)
  local e = entries[key]
  if not e then
    assert(#key > 0 and #key < 256, "key length out of range: " .. key)
    e = { gaz = 0, fold = 0, word = 0, level = 99, noun = 0 }
    entries[key] = e
  end
  return e
end

-- Sets bits on the phrase as written and on its lower case, and marks the
-- proper prefixes of both (at spaces) with prefix_bit.
local function add_phrase(phrase, bits, prefix_bit)
  entry(phrase).gaz = entry(phrase).gaz | bits
  local low = lower(phrase)
  entry(low).fold = entry(low).fold | bits
  local at = 1
  while true do
    local sp = phrase:find(" ", at, true)
    if not sp then break end
    local p = phrase:sub(1, sp - 1)
    entry(p).gaz = entry(p).gaz | prefix_bit
    local lp = lower(p)
    entry(lp).fold = entry(lp).fold | prefix_bit
    at = sp + 1
  end
end

local function clean_name(s)
  return (s:gsub("%s+", " "))
end

local function add_name(name, class, path, n)
  local bit = GAZ[class] or fail(path, n, "unknown class '" .. tostring(class) .. "'")
  name = clean_name(name)
  if #name >= 256 then return end
  add_phrase(name, bit, G_PREFIX)
  local plain = unaccent(name)
  if plain then add_phrase(plain, bit, G_PREFIX) end
  if bit & PLACE_OR_ORG ~= 0 and name:match("^%u%u%u?%u?$") then
    add_phrase((name:gsub("%u", "%0.")), bit, G_PREFIX)
  end
end

-- Gazetteers.
local gazetteers = {}
for path in io.popen("ls " .. data_dir .. "/gazetteers/*.txt"):lines() do
  gazetteers[#gazetteers + 1] = path
end
table.sort(gazetteers)
for _, path in ipairs(gazetteers) do
  local default
  local items = lines(path, function(d, n)
    local c = d:match("^class%s+(%S+)$")
    if not c then fail(path, n, "unknown directive '" .. d .. "'") end
    default = c
  end)
  for _, it in ipairs(items) do
    local name, class = it[1]:match("^([^\t]+)\t%s*(%S+)$")
    if not name then name, class = it[1], default end
    if not class then fail(path, it[2], "a name without a class") end
    add_name(name, class, path, it[2])
  end
end

-- Titles.
for _, it in ipairs(lines(data_dir .. "/entity_titles/en.txt")) do
  add_phrase(clean_name(it[1]), G_TITLE, G_TITLE_PREFIX)
end

-- Cue words: bits 24..31 of gaz (as written) and fold (lower case).
do
  local path = data_dir .. "/entity_cues/en.txt"
  for _, it in ipairs(lines(path)) do
    local word, kind, where = it[1]:match("^([^\t]+)\t(%S+)\t?(%S*)$")
    if not word then fail(path, it[2], "expected WORD<TAB>KIND<TAB>WHERE") end
    local bits
    if kind == "organization" then
      bits = (ORG_WHERE[where] or fail(path, it[2], "bad position")) << 24
    elseif kind == "place" then
      bits = (PLACE_WHERE[where] or fail(path, it[2], "bad position")) << 27
    elseif kind == "other" then
      bits = (OTHER_WHERE[where] or fail(path, it[2], "bad position")) << 29
    elseif kind == "company" then
      bits = (ORG_WHERE.last << 24) | G_LEGAL_FORM
    elseif kind == "club" then
      bits = 1 << 31
    else
      fail(path, it[2], "unknown kind '" .. kind .. "'")
    end
    word = clean_name(word)
    entry(word).gaz = entry(word).gaz | bits
    local low = lower(word)
    entry(low).fold = entry(low).fold | bits
    -- the first word of a two-word cue (Air Force, Grand Prix) says to look
    local first = word:match("^(%S+) ")
    if first then
      entry(first).gaz = entry(first).gaz | G_CUE_PREFIX
      entry(lower(first)).fold = entry(lower(first)).fold | G_CUE_PREFIX
    end
  end
end

-- Word classes, as written.
do
  local path = data_dir .. "/entity_words/en.txt"
  for _, it in ipairs(lines(path)) do
    local word, class = it[1]:match("^(%S+)\t(%S+)$")
    if not word then fail(path, it[2], "expected WORD<TAB>CLASS") end
    local bit = WORD[class] or fail(path, it[2], "unknown class '" .. class .. "'")
    if class == "sport" then word = lower(word) end -- headlines write them in any case
    entry(word).word = entry(word).word | bit
    if class == "function" and entry(word).level == 99 then entry(word).level = 10 end
    if class == "place-noun" then entry(word).noun = NOUN_PLACE end
    if class == "org-noun" then entry(word).noun = NOUN_ORG end
  end
end

-- The lexicon: levels, verb lemmas and noun classes of lower-case words.
do
  local path = data_dir .. "/lexicon/en.txt"
  for _, it in ipairs(lines(path)) do
    local f = {}
    for field in (it[1] .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
    if #f ~= 11 then fail(path, it[2], "expected 11 fields") end
    -- form noun verb adj adv vform lemma stem level case lexname
    if f[10] == "l" then
      local e = entry(f[1])
      e.level = math.min(e.level, tonumber(f[9]) or fail(path, it[2], "bad level"))
      if tonumber(f[3]) > 0 and f[6] == "-" then e.word = e.word | W_VERB end
      -- the class of a base form only: "agency X", not "agencies X"
      if e.noun == 0 and NOUN[f[11]] and f[7] == f[1] then e.noun = NOUN[f[11]] end
    end
  end
end

---------------------------------------------------------------------------
-- Output.

local function fnv1a(s)
  local h = 2166136261
  for i = 1, #s do h = ((h ~ s:byte(i)) * 16777619) & 0xFFFFFFFF end
  return h
end

local keys = {}
for k in pairs(entries) do keys[#keys + 1] = k end
local nbuckets = 1 << BUCKET_BITS
local bucket_of = {}
for _, k in ipairs(keys) do bucket_of[k] = fnv1a(k) >> (32 - BUCKET_BITS) end
table.sort(keys, function(a, b)
  local x, y = bucket_of[a], bucket_of[b]
  if x ~= y then return x < y end
  return a < b
end)

local function literal(s)
  return '"' .. s:gsub('[%c"\\?\128-\255]', function(c) return ("\\%03o"):format(c:byte()) end) .. '"'
end

local out = assert(io.open(out_path, "wb"))
out:write(([[
/* Generated by tools/gen_entity_data.lua from data/; do not edit.
 * Regenerate with `make tables`.  %d keys.  Layout: nn_entity_data.h.
 *
 * Derived in part from Debian iso-codes (data/gazetteers/iso3166.txt; GNU
 * LGPL 2.1 or later: this file is distributed under the same licence),
 * WordNet 3.0 (data/gazetteers/wordnet.txt, data/lexicon/en.txt; WordNet 3.0
 * Copyright 2006 by Princeton University, licence in data/lexicon/LICENSE)
 * and SCOWL (data/lexicon/en.txt; Copyright 2000-2011 by Kevin Atkinson,
 * notice in data/lexicon/LICENSE). */
#include "nn_entity_data.h"

]]):format(#keys))

out:write("const char nn_entity_data_sources[] =\n  ", literal(table.concat(sources, " ")), ";\n\n")

out:write("const char nn_entity_keys[] =\n")
local offsets, at, chunk = {}, 0, {}
for i, k in ipairs(keys) do
  offsets[i] = at
  at = at + #k
  chunk[#chunk + 1] = k
  if #chunk == 16 or i == #keys then
    out:write("  ", literal(table.concat(chunk)), "\n")
    chunk = {}
  end
end
assert(at < (1 << 24), "key blob too large")
out:write("  ;\n\n")

out:write(("const nn_entity_entry nn_entity_entries[%d] = {\n"):format(#keys))
for i, k in ipairs(keys) do
  local e = entries[k]
  local word = e.word | (e.level << 16) | (e.noun << 24)
  out:write(("{%d,%d,%d,%d},\n"):format((offsets[i] << 8) | #k, e.gaz, e.fold, word))
end
out:write("};\n\n")
out:write(("const size_t nn_entity_entry_count = %d;\n\n"):format(#keys))

local starts, b = {}, 0
for i, k in ipairs(keys) do
  while b <= bucket_of[k] do starts[b + 1] = i - 1; b = b + 1 end
end
while b <= nbuckets do starts[b + 1] = #keys; b = b + 1 end
out:write(("const uint32_t nn_entity_buckets[%d] = {\n"):format(nbuckets + 1))
for i = 1, nbuckets + 1, 16 do
  out:write(table.concat(starts, ",", i, math.min(i + 15, nbuckets + 1)), ",\n")
end
out:write("};\n")
out:close()
io.stderr:write(("%s: %d keys, %d bytes of keys\n"):format(out_path, #keys, at))
