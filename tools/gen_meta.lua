-- Generates the LuaLS type file types/newsnlp.lua (a `---@meta` file that
-- editors read for completion and checks) from the LDoc comments of the
-- public modules, so the reference and the types share one source.
--
--   lua5.4 tools/gen_meta.lua lua/newsnlp/init.lua > types/newsnlp.lua
--
-- The public modules are those that lua/newsnlp/init.lua exports
-- (`export(require "newsnlp.<name>")`).  In each, a doc comment (`---` then
-- `--` lines) followed by `M.name = ...` or `function M.name(...)` documents
-- a function; `@function Type:method` blocks document methods of a
-- `newsnlp.<Type>` object.  LDoc types map to LuaLS types: `{string,...}` is
-- `string[]`, `[opt]` an optional parameter, a bare `table` stays `table`.
-- A function without a doc comment is written with a `TODO` note, and the
-- meta spec fails on it.

local init = arg[1] or "lua/newsnlp/init.lua"
local root = init:match("^(.*)/newsnlp/init%.lua$") or "lua"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

-- An LDoc type as a LuaLS type.
local function luals_type(t)
  if not t or t == "" then return "any" end
  local alts = {}
  for alt in t:gmatch("[^|]+") do
    alt = trim(alt)
    local elem = alt:match("^{(.-),%.%.%.}$")
    if elem then
      alt = luals_type(elem) .. "[]"
      if alt:find("|", 1, true) then alt = "(" .. alt:sub(1, -3) .. ")[]" end
    elseif alt:match("^{.*}$") then
      alt = "table"
    elseif alt == "Classifier" or alt == "Corpus" or alt == "Tagger" then
      alt = "newsnlp." .. alt
    elseif alt == "int" then
      alt = "integer"
    elseif alt == "bool" then
      alt = "boolean"
    elseif alt == "func" then
      alt = "function"
    end
    alts[#alts + 1] = alt
  end
  return table.concat(alts, "|")
end

-- Parses one doc comment (lines without their leading dashes).
local function parse_block(lines)
  local doc = { summary = {}, params = {}, returns = {} }
  local current
  for _, line in ipairs(lines) do
    local tag, rest = line:match("^%s*@(%S+)%s*(.*)$")
    if tag then
      local base, mod = tag:match("^(%a+)%[?([^%]]*)%]?$")
      base = base or tag
      if base == "tparam" then
        local ty, name, desc = rest:match("^(%S+)%s+([%w_%.]+)%s*(.*)$")
        current = { name = name, type = ty, desc = desc, opt = mod == "opt" }
        doc.params[#doc.params + 1] = current
      elseif base == "param" then
        local name, desc = rest:match("^([%w_%.]+)%s*(.*)$")
        current = { name = name, desc = desc, opt = mod == "opt" }
        doc.params[#doc.params + 1] = current
      elseif base == "treturn" or base == "return" then
        local group = tonumber(mod:match("^(%d+)")) or 1
        local ty, desc
        if base == "treturn" then ty, desc = rest:match("^(%S+)%s*(.*)$") else desc = rest end
        current = { type = ty, desc = desc or "", group = group, opt = mod:find("opt") ~= nil }
        doc.returns[#doc.returns + 1] = current
      elseif base == "function" then
        doc.function_name = trim(rest)
        current = nil
      elseif base == "module" or base == "type" then
        doc[base] = trim(rest)
        current = nil
      else
        current = nil
      end
    elseif current then
      if trim(line) ~= "" then current.desc = trim((current.desc or "") .. " " .. trim(line)) end
    elseif not next(doc.params) and not next(doc.returns) then
      doc.summary[#doc.summary + 1] = line
    end
  end
  return doc
end

-- The doc blocks of a file and the name each documents.
local function scan(path)
  local items, block = {}, nil
  for line in (read(path) .. "\n"):gmatch("(.-)\n") do
    local first = line:match("^%-%-%-(.*)$")
    local more = line:match("^%-%-(.*)$")
    if first and not line:match("^%-%-%-%-") then
      block = { first }
    elseif block and more then
      block[#block + 1] = more
    elseif block then
      local doc = parse_block(block)
      local name = line:match("^M%.([%w_]+)%s*=") or line:match("^function%s+M%.([%w_]+)%s*%(")
      local args = line:match("^function%s+M%.[%w_]+%s*%((.-)%)")
      if doc.function_name then
        items[#items + 1] = { method = doc.function_name, doc = doc }
      elseif doc.type then
        items[#items + 1] = { class = doc.type, doc = doc }
      end
      if name then items[#items + 1] = { name = name, args = args, doc = doc } end
      block = nil
    end
  end
  return items
end

local function summary_lines(doc, out)
  local text = {}
  for _, l in ipairs(doc.summary) do text[#text + 1] = l end
  -- drop leading and trailing blank lines
  while text[1] and trim(text[1]) == "" do table.remove(text, 1) end
  while text[#text] and trim(text[#text]) == "" do table.remove(text) end
  for _, l in ipairs(text) do out[#out + 1] = "---" .. (l:sub(1, 1) == " " and l or (" " .. l)) end
end

local function signature(doc, out)
  local names = {}
  for _, p in ipairs(doc.params) do
    if p.name and not p.name:find("%.") then
      local ty = luals_type(p.type)
      out[#out + 1] = ("---@param %s%s %s%s"):format(p.name, p.opt and "?" or "", ty,
                                                      p.desc ~= "" and (" " .. p.desc) or "")
      names[#names + 1] = p.name
    end
  end
  local groups = {}
  for _, r in ipairs(doc.returns) do
    groups[r.group] = groups[r.group] or {}
    table.insert(groups[r.group], r)
  end
  if groups[1] then
    for _, r in ipairs(groups[1]) do
      local ty = luals_type(r.type)
      if groups[2] then ty = ty .. "|nil" end
      out[#out + 1] = ("---@return %s%s%s"):format(ty, r.opt and "?" or "", r.desc ~= "" and (" # " .. r.desc) or "")
    end
  end
  if groups[2] then
    local alt = {}
    for _, r in ipairs(groups[2]) do alt[#alt + 1] = (r.type or "") .. (r.desc ~= "" and (" " .. r.desc) or "") end
    out[#out + 1] = "--- On failure: " .. table.concat(alt, ", ") .. "."
  end
  return table.concat(names, ", ")
end

local out = {
  "---@meta newsnlp",
  "-- LuaLS type annotations for `require \"newsnlp\"`, generated by tools/gen_meta.lua",
  "-- from the LDoc comments of lua/newsnlp/*.lua (make meta).  Do not edit.",
  "",
  "---@class newsnlp",
  "local newsnlp = {}",
  "",
}

-- The fields of init.lua.
for _, item in ipairs(scan(init)) do
  if item.name and item.name ~= "export" then
    summary_lines(item.doc, out)
    out[#out + 1] = ("---@type %s"):format(item.name:find("version") and "string" or "any")
    out[#out + 1] = ("newsnlp.%s = nil"):format(item.name)
    out[#out + 1] = ""
  end
end
-- The version fields are written `version = core.version,` inside the table.
do
  local src = read(init)
  for comment, name in src:gmatch("%-%-%- ([^\n]-)\n%s*([%w_]+) = core%.[%w_]+,") do
    out[#out + 1] = "--- " .. comment
    out[#out + 1] = "---@type string"
    out[#out + 1] = ("newsnlp.%s = \"\""):format(name)
    out[#out + 1] = ""
  end
end

local classes = {}
for module in read(init):gmatch('export%(require "newsnlp%.([%w_]+)"%)') do
  local path = root .. "/newsnlp/" .. module .. ".lua"
  out[#out + 1] = ("-- newsnlp.%s (%s)"):format(module, path)
  out[#out + 1] = ""
  for _, item in ipairs(scan(path)) do
    if item.name then
      local doc = item.doc
      if #doc.summary == 0 and #doc.params == 0 and #doc.returns == 0 then
        out[#out + 1] = "--- TODO: no LDoc comment in " .. path
      end
      summary_lines(doc, out)
      local names = signature(doc, out)
      out[#out + 1] = ("function newsnlp.%s(%s) end"):format(item.name, names)
      out[#out + 1] = ""
    elseif item.class then
      local class = "newsnlp." .. item.class
      if not classes[class] then
        classes[class] = true
        summary_lines(item.doc, out)
        out[#out + 1] = ("---@class %s"):format(class)
        out[#out + 1] = ("local %s = {}"):format(item.class)
        out[#out + 1] = ""
      end
    elseif item.method then
      local class, method = item.method:match("^([%w_]+)[:%.]([%w_]+)$")
      if class then
        if not classes["newsnlp." .. class] then
          classes["newsnlp." .. class] = true
          out[#out + 1] = ("---@class newsnlp.%s"):format(class)
          out[#out + 1] = ("local %s = {}"):format(class)
          out[#out + 1] = ""
        end
        summary_lines(item.doc, out)
        local names = signature(item.doc, out)
        out[#out + 1] = ("function %s:%s(%s) end"):format(class, method, names)
        out[#out + 1] = ""
      end
    end
  end
end
out[#out + 1] = "return newsnlp"
io.write(table.concat(out, "\n"), "\n")
