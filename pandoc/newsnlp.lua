--- A pandoc Lua filter that adds newsnlp's analysis to the document metadata:
--
--   keywords    the keyphrases, best first (when the document has none; the
--               field HTML and LaTeX templates already use)
--   summary     the summary sentences, in text order (when the document has none)
--   entities    { name =, kind = }, most salient first (when the document has none)
--   newsnlp     { version, sentences, paragraphs, words, language, missing }:
--               counts, and the capabilities this build of newsnlp lacks
--
-- The text read is the document rendered as plain text, after the title.
-- Run: pandoc -L pandoc/newsnlp.lua article.md -o article.html
-- Pandoc embeds Lua 5.3: the C module must be the 5.3 build (make
-- LUA_VERSION=5.3 in a source tree, found here in build/5.3; or luarocks
-- --lua-version=5.3 and its tree on LUA_CPATH).  Settings, in the metadata
-- or with -M: newsnlp-lang (a language code), newsnlp-keywords (how many,
-- default 10), newsnlp-sentences (summary length, default 3).
-- A missing capability is listed in newsnlp.missing and reported on standard
-- error; it is never made up.

local script_dir = PANDOC_SCRIPT_FILE and (PANDOC_SCRIPT_FILE:match("^(.*)/[^/]*$") or ".")
local root = script_dir and (script_dir:match("^(.*)/pandoc$") or (script_dir == "pandoc" and "."))
if root then
  local f = io.open(root .. "/lua/newsnlp/init.lua", "rb")
  if f then
    f:close()
    package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
    package.cpath = root .. "/build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;" .. package.cpath
  end
end

local newsnlp = require "newsnlp"
local features = require "newsnlp.features"

local function setting(meta, name, default)
  local v = meta[name]
  if v == nil then return default end
  return pandoc.utils.stringify(v)
end

local function plain_text(doc)
  local body = pandoc.Pandoc(doc.blocks, pandoc.Meta({}))
  local ok, text = pcall(pandoc.write, body, "plain", { wrap_text = "wrap-none" })
  if not ok then text = pandoc.write(body, "plain") end
  local title = doc.meta.title and pandoc.utils.stringify(doc.meta.title)
  if title and title ~= "" then text = title .. "\n\n" .. text end
  return text
end

local function strings(list)
  local out = {}
  for i, s in ipairs(list) do out[i] = pandoc.MetaString(s) end
  return pandoc.MetaList(out)
end

function Pandoc(doc)
  local meta = doc.meta
  local lang = setting(meta, "newsnlp-lang", nil)
  local top = tonumber(setting(meta, "newsnlp-keywords", "10")) or 10
  local n_sentences = tonumber(setting(meta, "newsnlp-sentences", "3")) or 3
  local text = plain_text(doc)

  local info = {
    version = pandoc.MetaString(newsnlp.version),
    sentences = pandoc.MetaString(tostring(#features.sentences(text, { lang = lang }))),
  }
  local paragraphs = newsnlp.paragraphs(text)
  info.paragraphs = pandoc.MetaString(tostring(#paragraphs))
  local missing = {}
  local function have(capability)
    if features.has(capability) then return true end
    missing[#missing + 1] = capability
    io.stderr:write("newsnlp filter: ", features.missing_message(capability), "\n")
    return false
  end

  if have("tokens") then
    info.words = pandoc.MetaString(tostring(#newsnlp.words(text, { lang = lang })))
  end
  if lang then
    info.language = pandoc.MetaString(lang)
  elseif have("language") then
    info.language = pandoc.MetaString((features.language(text)))
  end
  if have("keywords") and meta.keywords == nil then
    local list = {}
    for i, k in ipairs(features.keywords(text, { top = top, lang = lang })) do list[i] = k.text end
    meta.keywords = strings(list)
  end
  if have("summary") and meta.summary == nil then
    local list = {}
    for i, s in ipairs(features.summary(text, { sentences = n_sentences, lang = lang })) do
      list[i] = (s.text:gsub("%s*\n%s*", " "))
    end
    meta.summary = strings(list)
  end
  if have("entities") and meta.entities == nil then
    local list = {}
    for i, e in ipairs(features.entities(text, { lang = lang })) do
      list[i] = pandoc.MetaMap({ name = pandoc.MetaString(e.text), kind = pandoc.MetaString(e.kind),
                                 count = pandoc.MetaString(tostring(e.count)) })
    end
    meta.entities = pandoc.MetaList(list)
  end
  info.missing = strings(missing)
  meta.newsnlp = pandoc.MetaMap(info)
  doc.meta = meta
  return doc
end
