--- Command-line options: parsing against a declared list, and the help text.
--
-- An option is declared as `{ "name", short = "o", arg = "FILE", type = ...,
-- default = ..., help = "..." }`.  Without `arg` it is a flag (true when
-- given).  Types: `"string"` (the default for options with an argument),
-- `"integer"` (with optional `min` and `max`), `"number"`, `"choice"` (one of
-- `choices`), `"list"` (comma-separated, may be repeated), `"multi"` (may be
-- repeated, each value kept).  Forms accepted: `--name value`, `--name=value`,
-- `-o value`, `-ovalue`, `--` (only operands follow), and `-` as an operand.
-- @module newsnlp.cli.args

local M = {}

local function find_option(options, name, short)
  for _, o in ipairs(options) do
    if (name and o[1] == name) or (short and o.short == short) then return o end
  end
end

local function convert(o, value)
  local t = o.type or "string"
  if t == "integer" or t == "number" then
    local n = tonumber(value)
    if not n or (t == "integer" and n ~= math.floor(n)) then
      return nil, ("--%s needs %s, not '%s'"):format(o[1], t == "integer" and "a whole number" or "a number", value)
    end
    if (o.min and n < o.min) or (o.max and n > o.max) then
      return nil, ("--%s must be between %s and %s, not %s"):format(o[1], o.min or "-inf", o.max or "inf", value)
    end
    if t == "integer" then n = math.floor(n) end
    return n
  elseif t == "choice" then
    for _, c in ipairs(o.choices) do
      if c == value then return value end
    end
    return nil, ("--%s must be one of %s, not '%s'"):format(o[1], table.concat(o.choices, ", "), value)
  end
  return value
end

local function store(result, o, value)
  local t = o.type
  if t == "list" then
    local list = result[o[1]] or {}
    for item in value:gmatch("[^,]+") do list[#list + 1] = item end
    result[o[1]] = list
  elseif t == "multi" then
    local list = result[o[1]] or {}
    list[#list + 1] = value
    result[o[1]] = list
  else
    result[o[1]] = value
  end
end

--- Parses `argv` against `options`.
-- @tparam {string,...} argv the arguments
-- @tparam {table,...} options the declared options
-- @treturn table the options given (by name, defaults filled in) and the
--   operands as its array part
-- @treturn[2] nil
-- @treturn[2] string a message naming the bad option
function M.parse(argv, options)
  local result, operands = {}, {}
  local i, only_operands = 1, false
  while i <= #argv do
    local a = argv[i]
    if only_operands or a == "-" or a:sub(1, 1) ~= "-" then
      operands[#operands + 1] = a
    elseif a == "--" then
      only_operands = true
    else
      local o, value, inline
      if a:sub(1, 2) == "--" then
        local name, v = a:match("^%-%-([^=]+)=(.*)$")
        if name then value, inline = v, true else name = a:sub(3) end
        o = find_option(options, name)
        if not o then return nil, ("unknown option '--%s'"):format(name) end
      else
        local short = a:sub(2, 2)
        o = find_option(options, nil, short)
        if not o then return nil, ("unknown option '-%s'"):format(short) end
        if #a > 2 then
          if not o.arg then return nil, ("option '-%s' takes no value"):format(short) end
          value, inline = a:sub(3), true
        end
      end
      if o.arg then
        if not inline then
          i = i + 1
          value = argv[i]
          if value == nil then return nil, ("option '--%s' needs a value (%s)"):format(o[1], o.arg) end
        end
        local v, err = convert(o, value)
        if v == nil then return nil, err end
        store(result, o, v)
      else
        if inline then return nil, ("option '--%s' takes no value"):format(o[1]) end
        result[o[1]] = true
      end
    end
    i = i + 1
  end
  for _, o in ipairs(options) do
    if result[o[1]] == nil and o.default ~= nil then result[o[1]] = o.default end
  end
  for k, v in ipairs(operands) do result[k] = v end
  return result
end

--- The help text of a command.
-- @tparam table command `usage` (operands part), `summary`, `description`
--   (optional), `options`
-- @tparam string prefix e.g. "newsnlp keywords"
-- @treturn string
function M.help(command, prefix)
  local lines = { ("usage: %s [OPTIONS] %s"):format(prefix, command.usage or ""), "" }
  lines[#lines + 1] = command.summary
  if command.description then
    lines[#lines + 1] = ""
    lines[#lines + 1] = command.description
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "options:"
  local rows, width = {}, 0
  for _, o in ipairs(command.options) do
    local left = (o.short and ("-" .. o.short .. ", ") or "    ") .. "--" .. o[1]
    if o.arg then left = left .. " " .. o.arg end
    local help = o.help or ""
    if o.default ~= nil and o.default ~= false then
      help = help .. (" (default: %s)"):format(tostring(o.default))
    end
    rows[#rows + 1] = { left, help }
    if #left > width then width = #left end
  end
  for _, r in ipairs(rows) do
    lines[#lines + 1] = ("  %-" .. width .. "s  %s"):format(r[1], r[2])
  end
  return table.concat(lines, "\n") .. "\n"
end

return M
