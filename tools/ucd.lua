-- What the Unicode table generators share: reading the Unicode Character
-- Database files, building a two-stage look-up table, writing C arrays.
--
--   package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
--   local ucd = require("ucd").open_dir(arg[1] or "/usr/share/unicode")

local M = {}

local Dir = {}
Dir.__index = Dir

--- The UCD folder `dir` (Debian's `unicode-data` installs /usr/share/unicode).
function M.open_dir(dir)
  return setmetatable({ dir = dir }, Dir)
end

--- Opens a file of the folder, `rel` its relative path.
function Dir:open(rel)
  local f = io.open(self.dir .. "/" .. rel, "r")
  if not f then error("cannot open " .. self.dir .. "/" .. rel .. " (install Debian's unicode-data)") end
  return f
end

--- Calls fn(first, last, fields) for every data line of a "a..b ; v ; ..." file.
function Dir:each_range(rel, fn)
  local f = self:open(rel)
  for line in f:lines() do
    line = line:gsub("#.*", "")
    if line:find("%S") then
      local fields = {}
      for field in (line .. ";"):gmatch("([^;]*);") do fields[#fields + 1] = field:match("^%s*(.-)%s*$") end
      local a, b = fields[1]:match("^(%x+)%.%.(%x+)$")
      if not a then a = fields[1]; b = a end
      fn(tonumber(a, 16), tonumber(b, 16), fields)
    end
  end
  f:close()
end

--- The Unicode version, from a file header such as "# WordBreakProperty-15.0.0.txt".
function Dir:version_of(rel)
  local f = self:open(rel)
  local head = f:read("l")
  f:close()
  return assert(head:match("%-(%d+%.%d+%.%d+)%.txt"), "no version in " .. rel)
end

--- A two-stage table over the code points below `maxcp`: key_of(cp) gives a
-- record's key (a string); records are numbered from 0 in order of first
-- appearance; stage1[b + 1] names block b's deduplicated run of `block`
-- record indexes in stage2, in units of `block`.
-- @return records (keys), rec (cp -> record index), stage1, stage2
function M.two_stage(maxcp, block, key_of)
  local records, record_of, rec = {}, {}, {}
  for cp = 0, maxcp - 1 do
    local key = key_of(cp)
    local r = record_of[key]
    if not r then
      records[#records + 1] = key
      r = #records - 1
      record_of[key] = r
    end
    rec[cp] = r
  end
  local stage1, stage2, block_of = {}, {}, {}
  for b = 0, maxcp // block - 1 do
    local items = {}
    for i = 0, block - 1 do items[#items + 1] = rec[b * block + i] end
    local key = table.concat(items, ",")
    local start = block_of[key]
    if not start then
      start = #stage2
      for _, v in ipairs(items) do stage2[#stage2 + 1] = v end
      block_of[key] = start
    end
    stage1[b + 1] = start // block
  end
  assert(#stage2 // block < 65536)
  return records, rec, stage1, stage2
end

--- Writes the numbers of `list`, `per_line` to a line, as C initializer rows.
function M.emit_numbers(out, list, per_line)
  for i = 1, #list, per_line do
    local row = {}
    for j = i, math.min(i + per_line - 1, #list) do row[#row + 1] = tostring(list[j]) end
    out:write("  ", table.concat(row, ","), ",\n")
  end
end

return M
