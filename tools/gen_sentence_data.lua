#!/usr/bin/env lua5.4
-- Compiles the data of sentence segmentation and article structure into
-- csrc/sentence_data.c (the kinds below; any other data/ kind is refused):
--
--   data/abbreviations/<lang>.txt      abbreviations and their classes
--   data/sentence_starters/<lang>.txt  words that often begin a sentence
--   data/calendar/<lang>.txt           day and month names, time zones
--   data/boilerplate/<lang>.txt        cue phrases of page furniture
--
--   lua5.4 tools/gen_sentence_data.lua OUT.c FILE...
--
-- The files follow the word-list format of tools/gen_wordlists.lua (one item
-- per line, "#" comments, a header naming the source).  Directive comments
-- "#@ ..." add what a plain list cannot say; other readers skip them:
--   #@ class title|number|ambiguous|final   (abbreviations) class of the items below
--   #@ option ordinal-dot                   (abbreviations) the language writes 3. for third
--   #@ match line|prefix|contains|section|byline   (boilerplate) how the items below match
--   #@ match sentence|header|agency         (boilerplate) cues read on sentences
-- The languages are the file names; the output holds one hash table of all
-- words (abbreviations with their class per language, starters with their
-- languages) and the list of boilerplate cues.  Output is deterministic.
-- `make tables` runs this; the Makefile reruns it when a data file changes.

local out_path = assert(arg[1], "usage: gen_sentence_data.lua OUT.c FILE...")
local MAX_LANGS = 16
local CLASSES = { final = 1, ambiguous = 2, number = 3, title = 4 }
local MATCHES = { line = 0, prefix = 1, contains = 2, section = 3, byline = 4,
                  sentence = 5, header = 6, agency = 7 }

local function fail(path, n, msg)
  error(("%s:%d: %s"):format(path, n, msg), 0)
end

-- Reads a data file: calls item(text, lineno) and directive(words, lineno).
local function read(path, item, directive)
  local n = 0
  for line in assert(io.open(path, "rb")):lines() do
    n = n + 1
    line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
    local d = line:match("^#@%s*(.*)$")
    if d then
      local words = {}
      for w in d:gmatch("%S+") do words[#words + 1] = w end
      directive(words, n)
    elseif line ~= "" and line:sub(1, 1) ~= "#" then
      assert(not line:find("[%z\t]"), path .. ": NUL or tab in an item")
      item(line, n)
    end
  end
end

-- Upper case for the scripts our starters use (ASCII, Latin-1, Cyrillic), so
-- that "THE" and "ОН" in headlines match "The" and "Он".
local function upper(s)
  local out = {}
  for _, c in utf8.codes(s) do
    if c >= 0x61 and c <= 0x7A then c = c - 0x20
    elseif c >= 0xE0 and c <= 0xFE and c ~= 0xF7 then c = c - 0x20
    elseif c >= 0x430 and c <= 0x44F then c = c - 0x20
    elseif c >= 0x450 and c <= 0x45F then c = c - 0x50 end
    out[#out + 1] = utf8.char(c)
  end
  return table.concat(out)
end

-- Lower case for the same letters, as the C side folds lines before matching.
local function lower(s)
  local out = {}
  for _, c in utf8.codes(s) do
    if c >= 0x41 and c <= 0x5A then c = c + 0x20
    elseif c >= 0xC0 and c <= 0xDE and c ~= 0xD7 then c = c + 0x20
    elseif c >= 0x410 and c <= 0x42F then c = c + 0x20
    elseif c >= 0x400 and c <= 0x40F then c = c + 0x50 end
    out[#out + 1] = utf8.char(c)
  end
  return table.concat(out)
end

local langs, lang_index, lang_options = {}, {}, {}
local words, word_list = {}, {}
local cues = {}

local function lang_of(path)
  local kind, name = path:match("([^/]+)/([^/]+)%.txt$")
  assert(kind, "not a data/<kind>/<lang>.txt path: " .. path)
  return kind, name
end

local function word(text)
  local w = words[text]
  if not w then
    assert(#text < 256, "item too long: " .. text)
    w = { text = text, abbrev = {}, starter = {}, calendar = {} }
    words[text] = w
    word_list[#word_list + 1] = w
  end
  return w
end

local files = {}
for i = 2, #arg do files[#files + 1] = arg[i] end
table.sort(files)
for _, path in ipairs(files) do
  local _, name = lang_of(path)
  if not lang_index[name] then
    langs[#langs + 1] = name
    lang_index[name] = true
  end
end
table.sort(langs)
assert(#langs <= MAX_LANGS, "more than " .. MAX_LANGS .. " languages")
for i, name in ipairs(langs) do
  lang_index[name] = i - 1
  lang_options[i] = 0
end

for _, path in ipairs(files) do
  local kind, name = lang_of(path)
  local l = lang_index[name]
  if kind == "abbreviations" then
    local class
    read(path, function(text, n)
      if not class then fail(path, n, "item before any '#@ class'") end
      if text:sub(-1) ~= "." then fail(path, n, "an abbreviation ends with a period: " .. text) end
      local w = word(text)
      if w.abbrev[l] and w.abbrev[l] ~= class then fail(path, n, "two classes for " .. text) end
      w.abbrev[l] = class
    end, function(d, n)
      if d[1] == "class" and CLASSES[d[2]] then class = CLASSES[d[2]]
      elseif d[1] == "option" and d[2] == "ordinal-dot" then lang_options[l + 1] = lang_options[l + 1] | 1
      else fail(path, n, "unknown directive") end
    end)
  elseif kind == "sentence_starters" then
    read(path, function(text)
      word(text).starter[l] = true
      local caps = upper(text)
      if caps ~= text then word(caps).starter[l] = true end
    end, function(_, n) fail(path, n, "unknown directive") end)
  elseif kind == "calendar" then
    read(path, function(text)
      word(text).calendar[l] = true
    end, function(_, n) fail(path, n, "unknown directive") end)
  elseif kind == "boilerplate" then
    local match
    read(path, function(text, n)
      if not match then fail(path, n, "item before any '#@ match'") end
      assert(#text < 256, "cue too long: " .. text)
      cues[#cues + 1] = { text = lower(text), match = match, lang = l }
    end, function(d, n)
      if d[1] == "match" and MATCHES[d[2]] then match = MATCHES[d[2]]
      else fail(path, n, "unknown directive") end
    end)
  else
    error("unknown data kind " .. kind .. " in " .. path)
  end
end

local function bytewise(a, b)
  for k = 1, math.min(#a, #b) do
    local x, y = a:byte(k), b:byte(k)
    if x ~= y then return x < y end
  end
  return #a < #b
end
table.sort(word_list, function(a, b) return bytewise(a.text, b.text) end)
table.sort(cues, function(a, b)
  if a.lang ~= b.lang then return a.lang < b.lang end
  if a.match ~= b.match then return a.match < b.match end
  return bytewise(a.text, b.text)
end)

-- FNV-1a, 32 bits: the C side computes the same (nn_sentword_hash).
local function hash(s)
  local h = 2166136261
  for k = 1, #s do
    h = ((h ~ s:byte(k)) * 16777619) & 0xFFFFFFFF
  end
  return h
end

local slot_count = 1
while slot_count < 2 * #word_list do slot_count = slot_count * 2 end
local slots = {}
for i = 0, slot_count - 1 do slots[i] = 0 end
for i, w in ipairs(word_list) do
  local s = hash(w.text) & (slot_count - 1)
  while slots[s] ~= 0 do s = (s + 1) & (slot_count - 1) end
  slots[s] = i
end

local function literal(s)
  return '"' .. s:gsub('[%c"\\?\128-\255]', function(c) return ("\\%03o"):format(c:byte()) end) .. '"'
end

local out = assert(io.open(out_path, "wb"))
out:write(([[
/* Generated by tools/gen_sentence_data.lua from data/abbreviations,
 * data/sentence_starters and data/boilerplate; do not edit.
 * Regenerate with `make tables`. */
#include "sentence_data.h"

const size_t nn_sent_lang_count = %d;
const char *const nn_sent_lang_codes[%d] = { %s };
const uint8_t nn_sent_lang_options[%d] = { %s };

]]):format(#langs, math.max(#langs, 1),
  #langs > 0 and table.concat((function()
    local t = {}
    for i, l in ipairs(langs) do t[i] = literal(l) end
    return t
  end)(), ", ") or "NULL",
  math.max(#langs, 1), #langs > 0 and table.concat(lang_options, ", ") or "0"))

out:write("const char nn_sentword_blob[] =\n")
local offset = 0
for _, w in ipairs(word_list) do
  w.offset = offset
  out:write("  ", literal(w.text .. "\0"), "\n")
  offset = offset + #w.text + 1
end
if #word_list == 0 then out:write('  ""\n') end
out:write("  ;\n\n")

out:write(("const nn_sentword nn_sentwords[%d] = {\n"):format(math.max(#word_list, 1)))
for _, w in ipairs(word_list) do
  -- Without a language, the least protective class of the lists that hold
  -- the word: "Sen." is a title in Italian but may end an English sentence.
  local neutral, mask, cal, per = 0, 0, 0, {}
  for l = 0, MAX_LANGS - 1 do
    per[l + 1] = w.abbrev[l] or 0
    if per[l + 1] > 0 and (neutral == 0 or per[l + 1] < neutral) then neutral = per[l + 1] end
    if w.starter[l] then mask = mask | (1 << l) end
    if w.calendar[l] then cal = cal | (1 << l) end
  end
  out:write(("  { %d, %d, %d, 0x%04X, 0x%04X, { %s } }, /* %s */\n"):format(w.offset, #w.text, neutral, mask, cal,
    table.concat(per, ", "), w.text:gsub("%*/", "* /")))
end
if #word_list == 0 then out:write("  { 0, 0, 0, 0, 0, { 0 } }\n") end
out:write("};\n\n")

out:write(("const size_t nn_sentword_slot_count = %d;\n"):format(slot_count))
out:write(("const uint16_t nn_sentword_slots[%d] = {\n"):format(slot_count))
for k = 0, slot_count - 1, 16 do
  local row = {}
  for j = k, math.min(k + 15, slot_count - 1) do row[#row + 1] = tostring(slots[j]) end
  out:write("  ", table.concat(row, ", "), ",\n")
end
out:write("};\n\n")

out:write(("const size_t nn_boilercue_count = %d;\n"):format(#cues))
out:write(("const nn_boilercue nn_boilercues[%d] = {\n"):format(math.max(#cues, 1)))
for _, c in ipairs(cues) do
  out:write(("  { %s, %d, %d, %d },\n"):format(literal(c.text), #c.text, c.match, c.lang))
end
if #cues == 0 then out:write("  { \"\", 0, 0, 0 }\n") end
out:write("};\n")
out:close()
