#!/usr/bin/env lua5.4
-- Generates the gazetteers that come from Debian data files:
--
--   data/gazetteers/iso3166.txt   country names (ISO 3166-1) and first-level
--                                 subdivisions (ISO 3166-2), from iso-codes
--   data/gazetteers/wordnet.txt   proper nouns of WordNet 3.0 by kind, and
--                                 adjectives that pertain to a place (Japanese)
--   data/currencies/iso4217.txt   currency codes (ISO 4217), from iso-codes, for
--                                 newsnlp.values
--
--   lua5.4 tools/gen_gazetteers.lua [ISO_JSON_DIR [WORDNET_DIR [OUT_DIR]]]
--
-- Defaults: /usr/share/iso-codes/json (Debian iso-codes), /usr/share/wordnet
-- (Debian wordnet-base), data/gazetteers (the currencies go to its sibling
-- data/currencies).  The titles of
-- data/entity_titles/en.txt are read too: WordNet lists some people with
-- their title ("President Lincoln"), which is not a name in itself.
-- Output is sorted and deterministic; `make gazetteers` runs this.

local iso_dir = arg[1] or "/usr/share/iso-codes/json"
local wn_dir = arg[2] or "/usr/share/wordnet"
local out_dir = arg[3] or "data/gazetteers"

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- A small JSON reader, enough for the iso-codes files: objects, arrays,
-- strings with escapes, numbers, true, false, null.
local function json_decode(s)
  local pos = 1
  local value
  local function space() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local function fail(what) error(("JSON: %s at byte %d"):format(what, pos), 0) end
  local function utf8_of(cp) return utf8.char(cp) end
  local function str()
    local out, i = {}, pos + 1
    while true do
      local j = s:find('["\\]', i)
      if not j then fail("unterminated string") end
      out[#out + 1] = s:sub(i, j - 1)
      if s:sub(j, j) == '"' then pos = j + 1; break end
      local e = s:sub(j + 1, j + 1)
      local simple = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
      if simple[e] then
        out[#out + 1] = simple[e]
        i = j + 2
      elseif e == "u" then
        local cp = tonumber(s:sub(j + 2, j + 5), 16) or fail("bad \\u escape")
        i = j + 6
        if cp >= 0xD800 and cp <= 0xDBFF and s:sub(i, i + 1) == "\\u" then
          local lo = tonumber(s:sub(i + 2, i + 5), 16)
          if lo and lo >= 0xDC00 and lo <= 0xDFFF then
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
            i = i + 6
          end
        end
        out[#out + 1] = utf8_of(cp)
      else
        fail("bad escape")
      end
    end
    return table.concat(out)
  end
  function value()
    space()
    local c = s:sub(pos, pos)
    if c == "{" then
      local obj = {}
      pos = pos + 1
      space()
      if s:sub(pos, pos) == "}" then pos = pos + 1; return obj end
      while true do
        space()
        if s:sub(pos, pos) ~= '"' then fail("key expected") end
        local k = str()
        space()
        if s:sub(pos, pos) ~= ":" then fail("':' expected") end
        pos = pos + 1
        obj[k] = value()
        space()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return obj end
        if d ~= "," then fail("',' or '}' expected") end
      end
    elseif c == "[" then
      local arr = {}
      pos = pos + 1
      space()
      if s:sub(pos, pos) == "]" then pos = pos + 1; return arr end
      while true do
        arr[#arr + 1] = value()
        space()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return arr end
        if d ~= "," then fail("',' or ']' expected") end
      end
    elseif c == '"' then
      return str()
    else
      local lit = s:match("^[%w%.%+%-]+", pos) or fail("value expected")
      pos = pos + #lit
      if lit == "true" then return true elseif lit == "false" then return false
      elseif lit == "null" then return nil end
      return tonumber(lit) or fail("bad literal")
    end
  end
  return value()
end

local function trim(s) return (s:gsub("%s+", " "):match("^ ?(.-) ?$")) end

-- entries[name] = { class = true, ... }
local function collector()
  local entries = {}
  local function add(name, class)
    name = trim(name)
    if name == "" or not name:find("^[%w\128-\255]") then return end
    local e = entries[name]
    if not e then e = {}; entries[name] = e end
    e[class] = true
  end
  return entries, add
end

local function bytewise(a, b) return a < b end

local function write(path, header, entries)
  local names = {}
  for name in pairs(entries) do names[#names + 1] = name end
  table.sort(names, bytewise)
  local f = assert(io.open(path, "wb"))
  f:write(header, "\n")
  local n = 0
  for _, name in ipairs(names) do
    local classes = {}
    for c in pairs(entries[name]) do classes[#classes + 1] = c end
    table.sort(classes)
    for _, c in ipairs(classes) do
      f:write(name, "\t", c, "\n")
      n = n + 1
    end
  end
  f:close()
  io.stderr:write(("%s: %d names, %d lines\n"):format(path, #names, n))
end

local function package_version(pkg)
  local p = io.popen("dpkg-query -W -f='${Version}' " .. pkg .. " 2>/dev/null")
  local v = p and p:read("a") or ""
  if p then p:close() end
  return v ~= "" and v or "unknown"
end

---------------------------------------------------------------------------
-- ISO 3166 from iso-codes.

do
  local entries, add = collector()
  -- "Korea, Republic of" is written "Korea" in running text; "Bolivia
  -- (Plurinational State of)" is "Bolivia".
  local function news_form(name)
    name = name:gsub("%s*%b()", ""):gsub("%s*%b[]", "")
    return (name:match("^([^,]*)"))
  end
  local countries = json_decode(slurp(iso_dir .. "/iso_3166-1.json"))["3166-1"]
  for _, c in ipairs(countries) do
    for _, field in ipairs { "name", "common_name", "official_name" } do
      if c[field] then add(news_form(c[field]), "country") end
    end
  end
  local subdivisions = json_decode(slurp(iso_dir .. "/iso_3166-2.json"))["3166-2"]
  for _, d in ipairs(subdivisions) do
    if not d.parent then -- first level only
      -- Some names give two language forms, "Bruxelles / Brussel".
      for part in (news_form(d.name) .. "/"):gmatch("([^/]*)/") do
        add(part, "subdivision")
      end
    end
  end
  write(out_dir .. "/iso3166.txt", ([[
# Country names (ISO 3166-1: name, common name, official name) and the names
# of first-level subdivisions (ISO 3166-2 entries without a parent), in the
# form running text uses: "Korea, Republic of" gives "Korea", a parenthesized
# or bracketed part is dropped, and "A / B" gives A and B.
# Generated by tools/gen_gazetteers.lua from Debian iso-codes %s
# (/usr/share/iso-codes/json/iso_3166-1.json and iso_3166-2.json).
# iso-codes is free software under the GNU Lesser General Public License,
# version 2.1 or (at your option) any later version (LGPL-2.1+); this list is
# derived from it and is distributed under the same licence.
# Copyright (C) 2001-2008 Alastair McKinstry, (C) 2004-2016 Christian Perrier,
# (C) 2005-2023 Dr. Tobias Quathamer.
# Format: NAME<TAB>CLASS, CLASS country or subdivision.  Do not edit; run
# `make gazetteers`.
]]):format(package_version("iso-codes")), entries)
end

---------------------------------------------------------------------------
-- ISO 4217 from iso-codes.

do
  local entries, add = collector()
  local currencies = json_decode(slurp(iso_dir .. "/iso_4217.json"))["4217"]
  for _, c in ipairs(currencies) do add(c.alpha_3, c.name) end
  local dir = out_dir:gsub("[^/]+/?$", "") .. "currencies"
  os.execute("mkdir -p '" .. dir .. "'")
  write(dir .. "/iso4217.txt", ([[
# Currency codes (ISO 4217) and their names.  A code next to an amount names
# its currency ("USD 5 million", "5 million EUR"); newsnlp.values reads them.
# Generated by tools/gen_gazetteers.lua from Debian iso-codes %s
# (/usr/share/iso-codes/json/iso_4217.json).
# iso-codes is free software under the GNU Lesser General Public License,
# version 2.1 or (at your option) any later version (LGPL-2.1+); this list is
# derived from it and is distributed under the same licence.
# Copyright (C) 2001-2008 Alastair McKinstry, (C) 2004-2016 Christian Perrier,
# (C) 2005-2023 Dr. Tobias Quathamer.
# Format: CODE<TAB>NAME.  Do not edit; run `make tables`.
]]):format(package_version("iso-codes")), entries)
end

---------------------------------------------------------------------------
-- WordNet 3.0.

local LEXFILES = {
  [4] = "noun.act", [10] = "noun.communication", [11] = "noun.event", [14] = "noun.group",
  [15] = "noun.location", [17] = "noun.object", [18] = "noun.person", [28] = "noun.time",
}

-- Calls fn(offset, lexfile, words, pointers) for each synset of a data file;
-- pointers are { symbol, offset, pos } triples.
local function synsets(path, fn)
  for line in io.lines(path) do
    if line:sub(1, 2) ~= "  " then
      local body = line:match("^(.-) | ") or line
      local f = {}
      for field in body:gmatch("%S+") do f[#f + 1] = field end
      local offset, lexfile, count = f[1], tonumber(f[2]), tonumber(f[4], 16)
      local words = {}
      for i = 1, count do words[i] = f[4 + 2 * i - 1] end
      local p = 4 + 2 * count + 1
      local pointers = {}
      for i = 1, tonumber(f[p]) do
        local b = p + 4 * (i - 1)
        pointers[i] = { f[b + 1], f[b + 2], f[b + 3] }
      end
      fn(offset, lexfile, words, pointers)
    end
  end
end

-- "Japanese_Islands" -> "Japanese Islands"; adjective markers "(a)" go.
local function lemma_text(w)
  return (w:gsub("%(%a+%)$", ""):gsub("_", " "))
end

local titles = {}
for line in io.lines("data/entity_titles/en.txt") do
  line = line:match("^%s*(.-)%s*$")
  if line ~= "" and line:sub(1, 1) ~= "#" then titles[line] = true end
end

local function starts_with_title(name)
  local w1, w2 = name:match("^(%S+) (%S+)")
  if not w1 then return false end
  return titles[w1] or titles[w1 .. " " .. w2]
end

do
  local entries, add = collector()
  local noun_lexfile = {}
  -- Capitalized lemmas of noun synsets, by lexicographer file.  Instances
  -- (an "@i" pointer: Japan is an instance of a country) are named
  -- individuals; other capitalized lemmas are classes (Iraqi, Moslem).
  synsets(wn_dir .. "/data.noun", function(offset, lexfile, words, pointers)
    noun_lexfile[offset] = lexfile
    local lex = LEXFILES[lexfile]
    if not lex or lex == "noun.time" then return end -- months, holidays: other lists
    local instance = false
    for _, p in ipairs(pointers) do
      if p[1] == "@i" then instance = true end
    end
    for _, w in ipairs(words) do
      local name = lemma_text(w)
      if name:find("^%u") then
        local class
        if lex == "noun.person" then
          if instance then
            if not starts_with_title(name) then class = "wn-person" end
          else
            class = "wn-person-class"
          end
        elseif lex == "noun.location" or lex == "noun.object" then
          class = instance and "wn-place" or "wn-place-class"
        elseif lex == "noun.group" then
          class = instance and "wn-organization" or "wn-organization-class"
        else -- act, communication, event
          class = instance and "wn-other" or "wn-other-class"
        end
        if class then add(name, class) end
      end
    end
  end)
  -- Capitalized adjectives that pertain ("\" pointer) to a place are
  -- demonyms (Japanese <- Japan); those that pertain to a group, a kind of
  -- person or a language are other group adjectives (Marxist, Bantu).
  synsets(wn_dir .. "/data.adj", function(_, _, words, pointers)
    local class
    for _, p in ipairs(pointers) do
      if p[1] == "\\" and p[3] == "n" then
        local lex = LEXFILES[noun_lexfile[p[2]]]
        if lex == "noun.location" then
          class = "demonym"
        elseif not class and (lex == "noun.group" or lex == "noun.person" or lex == "noun.communication") then
          class = "wn-adjective"
        end
      end
    end
    if not class then return end
    for _, w in ipairs(words) do
      local name = lemma_text(w)
      if name:find("^%u") then add(name, class) end
    end
  end)
  write(out_dir .. "/wordnet.txt", ([[
# Proper nouns of WordNet 3.0 by kind, and adjectives that pertain to places.
# Generated by tools/gen_gazetteers.lua from Debian wordnet-base %s
# (/usr/share/wordnet/data.noun, data.adj).  Classes:
#   wn-place, wn-place-class                 noun.location and noun.object
#   wn-organization, wn-organization-class   noun.group
#   wn-person                                noun.person instances (people), less
#                                            those written with a title
#   wn-person-class                          other capitalized noun.person lemmas
#                                            (Iraqi, Moslem): group words
#   wn-other, wn-other-class                 noun.act, noun.communication, noun.event
#   demonym                                  adjectives that pertain to a place
#   wn-adjective                             adjectives that pertain to a group,
#                                            a kind of person or a language
# "-class" marks lemmas that are not instances (not one named individual).
# Format: NAME<TAB>CLASS.  Do not edit; run `make gazetteers`.
#
# This list is derived from WordNet 3.0, distributed under this licence:
#
# WordNet Release 3.0 This software and database is being provided to you, the
# LICENSEE, by Princeton University under the following license.  By
# obtaining, using and/or copying this software and database, you agree that
# you have read, understood, and will comply with these terms and conditions.:
# Permission to use, copy, modify and distribute this software and database and
# its documentation for any purpose and without fee or royalty is hereby
# granted, provided that you agree to comply with the following copyright
# notice and statements, including the disclaimer, and that the same appear on
# ALL copies of the software, database and documentation, including
# modifications that you make for internal use or for distribution.  WordNet
# 3.0 Copyright 2006 by Princeton University.  All rights reserved.  THIS
# SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT
# NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES
# OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF
# THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
# PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.  The name of Princeton
# University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database.  Title to
# copyright in this software, database and any associated documentation shall
# at all times remain with Princeton University and LICENSEE agrees to
# preserve same.
]]):format(package_version("wordnet-base")), entries)
end
