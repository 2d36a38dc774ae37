-- Checks the metadata that pandoc/newsnlp.lua adds (tools/pandoc-check.sh):
--   lua5.3 spec/pandoc/check.lua AST.json AST-with-keywords.json
-- Both files are `pandoc -L pandoc/newsnlp.lua -t json spec/pandoc/article.md`,
-- the second with `-M keywords=mine`.
local json = require "newsnlp.cli.json"
local features = require "newsnlp.features"
local newsnlp = require "newsnlp"

local failures = {}
local function check(cond, msg) if not cond then failures[#failures + 1] = msg end end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

-- A metadata value as plain Lua: strings, lists and maps.
local function plain(v)
  if v.t == "MetaString" then return v.c end
  if v.t == "MetaInlines" or v.t == "MetaBlocks" then
    local out = {}
    for _, x in ipairs(v.c) do
      if x.t == "Str" then out[#out + 1] = x.c elseif x.t == "Space" then out[#out + 1] = " " end
    end
    return table.concat(out)
  end
  if v.t == "MetaList" then
    local out = {}
    for i, x in ipairs(v.c) do out[i] = plain(x) end
    return out
  end
  if v.t == "MetaMap" then
    local out = {}
    for k, x in pairs(v.c) do out[k] = plain(x) end
    return out
  end
  return v.c
end

local ast = assert(json.decode(read(arg[1])))
local meta = {}
for k, v in pairs(ast.meta) do meta[k] = plain(v) end
local source = read("spec/pandoc/article.md"):lower():gsub("[%*_#%[%]]", ""):gsub("%s+", " ")

local info = meta.newsnlp
check(type(info) == "table", "no newsnlp metadata")
info = info or {}
check(info.version == newsnlp.version, "newsnlp.version")
-- the fixture: title, two paragraphs of two sentences, a heading, a paragraph of two
check(info.sentences == "8", "newsnlp.sentences is " .. tostring(info.sentences) .. ", expected 8")
check(info.paragraphs == "5", "newsnlp.paragraphs is " .. tostring(info.paragraphs) .. ", expected 5")

local expected_missing = {}
for _, c in ipairs { "tokens", "language", "keywords", "summary", "entities" } do
  if not features.has(c) then expected_missing[#expected_missing + 1] = c end
end
check(table.concat(info.missing or {}, ",") == table.concat(expected_missing, ","),
      "newsnlp.missing is " .. table.concat(info.missing or {}, ",") .. ", expected " .. table.concat(expected_missing, ","))

if features.has("tokens") then
  check(tonumber(info.words) and tonumber(info.words) > 50, "newsnlp.words")
else
  check(info.words == nil, "words without tokens")
end

local function in_source(s)
  return source:find(s:lower():gsub("%s+", " "), 1, true) ~= nil
end

if features.has("keywords") then
  check(type(meta.keywords) == "table" and #meta.keywords > 0, "no keywords")
  for _, k in ipairs(meta.keywords or {}) do
    for word in k:gmatch("%w+") do check(in_source(word), "keyword word not in the text: " .. word) end
  end
else
  check(meta.keywords == nil, "keywords without the capability")
end
if features.has("summary") then
  check(type(meta.summary) == "table" and #meta.summary > 0 and #meta.summary <= 3, "summary length")
  for _, s in ipairs(meta.summary or {}) do check(in_source(s), "summary sentence not in the text: " .. s) end
else
  check(meta.summary == nil, "summary without the capability")
end
if features.has("entities") then
  check(type(meta.entities) == "table" and #meta.entities > 0, "no entities")
  local kinds = { person = true, organization = true, place = true, other = true }
  for _, e in ipairs(meta.entities or {}) do
    check(kinds[e.kind], "entity kind " .. tostring(e.kind))
    check(in_source(e.name), "entity not in the text: " .. tostring(e.name))
  end
else
  check(meta.entities == nil, "entities without the capability")
end

-- an author's own keywords are kept
local ast2 = assert(json.decode(read(arg[2])))
check(plain(ast2.meta.keywords) == "mine", "the document's own keywords were replaced")

if #failures > 0 then
  io.stderr:write("pandoc filter: ", table.concat(failures, "\npandoc filter: "), "\n")
  os.exit(1)
end
print(("pandoc filter: metadata ok (%s sentences, %s paragraphs; missing: %s)"):format(
  info.sentences, info.paragraphs, #expected_missing > 0 and table.concat(expected_missing, " ") or "none"))
