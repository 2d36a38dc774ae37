--- JSON for the command line: a strict decoder and a deterministic encoder.
--
-- The decoder reads RFC 8259 JSON: it rejects trailing commas, comments,
-- single quotes, leading zeros, control characters inside strings, unknown
-- escapes and trailing text.  `null` becomes `json.null`, so arrays keep their
-- length and `{"id": null}` keeps its key.  A `\u` escape of a lone surrogate
-- becomes U+FFFD.  Nesting deeper than `MAX_DEPTH` is an error.
--
-- The encoder writes one line: object keys in a fixed order (the keys named by
-- `json.object(t, order)` first, then the others in byte order), integers
-- without a fraction, other numbers with the fewest digits that read back the
-- same (NaN and infinities as `null`), strings with `"`, `\` and control
-- characters escaped and invalid UTF-8 replaced by U+FFFD, so the output is
-- always valid JSON.  An empty table is `[]` unless made with `json.object`.
--
-- Errors: `decode` returns `nil, message` (the message gives the byte
-- position); `encode` raises on values JSON cannot hold (functions, cycles,
-- tables mixing array and object keys).
-- @module newsnlp.cli.json

local byte, char, find, sub, format, gsub =
  string.byte, string.char, string.find, string.sub, string.format, string.gsub
local concat, floor, huge = table.concat, math.floor, math.huge
local tonumber, tostring, type, pairs, setmetatable, getmetatable, error, pcall =
  tonumber, tostring, type, pairs, setmetatable, getmetatable, error, pcall

local core_ok, core = pcall(require, "newsnlp.core")

local M = {}

--- The deepest nesting `decode` accepts.
M.MAX_DEPTH = 512

--- The value that stands for JSON `null`.
M.null = setmetatable({}, { __tostring = function() return "null" end,
                            __name = "json.null" })

local object_mt = { __jsonobject = true }
local array_mt = { __jsonarray = true }

--- Marks `t` as an object (encoded `{}` when empty); `order` lists keys to
-- write first, in that order.
-- @tparam[opt] table t the table (a new one when nil)
-- @tparam[opt] {string,...} order keys written first
-- @treturn table t
local order_mts = setmetatable({}, { __mode = "k" })

function M.object(t, order)
  t = t or {}
  if order then
    local mt = order_mts[order]
    if not mt then
      mt = { __jsonobject = true, __jsonorder = order }
      order_mts[order] = mt
    end
    setmetatable(t, mt)
  else
    setmetatable(t, object_mt)
  end
  return t
end

--- Marks `t` as an array (encoded `[]` when empty, the default anyway).
-- @tparam[opt] table t
-- @treturn table t
function M.array(t)
  return setmetatable(t or {}, array_mt)
end

-- ---- UTF-8 repair --------------------------------------------------------------------

-- Lead byte -> { length, lowest second byte, highest second byte } (RFC 3629 table).
local LEAD = {}
for b = 0xC2, 0xDF do LEAD[b] = { 2, 0x80, 0xBF } end
LEAD[0xE0] = { 3, 0xA0, 0xBF }
for b = 0xE1, 0xEC do LEAD[b] = { 3, 0x80, 0xBF } end
LEAD[0xED] = { 3, 0x80, 0x9F }
LEAD[0xEE] = { 3, 0x80, 0xBF }
LEAD[0xEF] = { 3, 0x80, 0xBF }
LEAD[0xF0] = { 4, 0x90, 0xBF }
for b = 0xF1, 0xF3 do LEAD[b] = { 4, 0x80, 0xBF } end
LEAD[0xF4] = { 4, 0x80, 0x8F }

local REPLACEMENT = "\239\191\189"

-- Replaces each maximal subpart of an ill-formed sequence with U+FFFD.
local function repair_utf8(s)
  local out, n, i, len, from = {}, 0, 1, #s, 1
  while true do
    local bad = find(s, "[\128-\255]", i)
    if not bad then break end
    local b = byte(s, bad)
    local lead = LEAD[b]
    local good = 0
    if lead then
      local want = lead[1]
      local c = byte(s, bad + 1)
      if c and c >= lead[2] and c <= lead[3] then
        good = 2
        while good < want do
          c = byte(s, bad + good)
          if not c or c < 0x80 or c > 0xBF then break end
          good = good + 1
        end
        if good == want then
          i = bad + want
        end
      else
        good = 1
      end
      if good ~= want then
        n = n + 1; out[n] = sub(s, from, bad - 1)
        n = n + 1; out[n] = REPLACEMENT
        i = bad + (good > 1 and good or 1)
        from = i
      end
    else
      n = n + 1; out[n] = sub(s, from, bad - 1)
      n = n + 1; out[n] = REPLACEMENT
      i = bad + 1
      from = i
    end
    if i > len then break end
  end
  if from == 1 then return s end
  n = n + 1; out[n] = sub(s, from)
  return concat(out, "", 1, n)
end

local function is_valid_utf8(s)
  if not find(s, "[\128-\255]") then return true end
  if core_ok and core.isvalid then return (core.isvalid(s)) end
  return repair_utf8(s) == s
end

--- Returns `s` with each ill-formed UTF-8 sequence replaced by U+FFFD (`s` itself when valid).
-- @tparam string s
-- @treturn string
function M.repair_utf8(s)
  if is_valid_utf8(s) then return s end
  return repair_utf8(s)
end

-- ---- encoding ------------------------------------------------------------------------

local ESCAPE = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t", ["\127"] = "\\u007f",
}
for c = 0, 31 do
  local ch = char(c)
  if not ESCAPE[ch] then ESCAPE[ch] = format("\\u%04x", c) end
end

local function encode_string(s)
  -- most strings need nothing: one scan finds out
  if not find(s, '[%c"\\\128-\255]') then return '"' .. s .. '"' end
  if not is_valid_utf8(s) then s = repair_utf8(s) end
  return '"' .. gsub(s, '[%c"\\]', ESCAPE) .. '"'
end

local math_type = math.type

local function encode_number(x)
  if x ~= x or x == huge or x == -huge then return "null" end
  if math_type then
    if math_type(x) == "integer" then return tostring(x) end
  end
  if x == floor(x) and x >= -2^53 and x <= 2^53 then
    return format("%.0f", x)
  end
  local s = format("%.15g", x)
  if tonumber(s) ~= x then
    s = format("%.16g", x)
    if tonumber(s) ~= x then s = format("%.17g", x) end
  end
  return s
end

-- The keys of t: those of `order` first, then the others in byte order.
local function sorted_keys(t, order)
  local keys, n, seen = {}, 0, {}
  if order then
    for _, k in ipairs(order) do
      if t[k] ~= nil and not seen[k] then
        n = n + 1; keys[n] = k; seen[k] = true
      end
    end
  end
  local rest, m = {}, 0
  for k in pairs(t) do
    if type(k) ~= "string" then
      error("json: object key of type " .. type(k) .. " in a table with string keys", 0)
    end
    if not seen[k] then m = m + 1; rest[m] = k end
  end
  table.sort(rest)
  for i = 1, m do keys[n + i] = rest[i] end
  return keys
end

-- Deeper than this, a table holds itself (or is too deep to be useful).
local MAX_ENCODE_DEPTH = 1000

local encode_value

local function newline(out, n, indent, level)
  n = n + 1; out[n] = "\n" .. string.rep(indent, level)
  return n
end

-- Encoded keys, with their colon: object keys repeat from record to record.
local key_cache, key_cache_size = {}, 0

local function encode_key(k, indent)
  if indent then return encode_string(k) .. ": " end
  local e = key_cache[k]
  if not e then
    if type(k) ~= "string" then
      error("json: object key of type " .. type(k) .. " in a table with string keys", 0)
    end
    e = encode_string(k) .. ":"
    if key_cache_size < 4096 then
      key_cache[k] = e
      key_cache_size = key_cache_size + 1
    end
  end
  return e
end

local function encode_member(t, k, first, out, n, stack, indent, level)
  if not first then n = n + 1; out[n] = "," end
  if indent then n = newline(out, n, indent, level + 1) end
  n = n + 1; out[n] = encode_key(k, indent)
  return encode_value(t[k], out, n, stack, indent, level + 1)
end

local function encode_table(t, out, n, stack, indent, level)
  if t == M.null then
    n = n + 1; out[n] = "null"; return n
  end
  -- A table met again on the way down holds itself.  (A depth limit alone
  -- is not enough: LuaJIT 2.1.0-beta3 miscompiles this recursion some 60
  -- levels down and writes {} instead of raising.)
  if stack[t] then error("json: a table contains itself", 0) end
  if level > MAX_ENCODE_DEPTH then error("json: tables nest too deeply", 0) end
  stack[t] = true
  local mt = getmetatable(t)
  local as_object = mt and mt.__jsonobject
  local count = 0
  if not as_object then
    for k in pairs(t) do
      if type(k) ~= "number" then as_object = true; break end
      count = count + 1
    end
  end
  if as_object then
    local order = mt and mt.__jsonorder
    n = n + 1; out[n] = "{"
    local written, total = 0, 0
    if order then
      -- the common case: the order names every key; no sorting
      for k in pairs(t) do total = total + 1 end
      for i = 1, #order do
        local k = order[i]
        if t[k] ~= nil then
          n = encode_member(t, k, written == 0, out, n, stack, indent, level)
          written = written + 1
        end
      end
    end
    if written < total or not order then
      local keys = sorted_keys(t, order)
      for i = written + 1, #keys do
        n = encode_member(t, keys[i], i == 1, out, n, stack, indent, level)
      end
      written = #keys
    end
    if indent and written > 0 then n = newline(out, n, indent, level) end
    n = n + 1; out[n] = "}"
  else
    if count ~= #t then
      error("json: an array with holes or non-integer keys", 0)
    end
    -- arrays of scalars stay on one line when indenting
    local nested = false
    if indent then
      for i = 1, count do
        if type(t[i]) == "table" and t[i] ~= M.null then nested = true; break end
      end
    end
    n = n + 1; out[n] = "["
    for i = 1, count do
      if i > 1 then n = n + 1; out[n] = nested and "," or (indent and ", " or ",") end
      if nested then n = newline(out, n, indent, level + 1) end
      n = encode_value(t[i], out, n, stack, indent, level + 1)
    end
    if nested then n = newline(out, n, indent, level) end
    n = n + 1; out[n] = "]"
  end
  stack[t] = nil
  return n
end

encode_value = function(v, out, n, stack, indent, level)
  local tv = type(v)
  if tv == "string" then
    n = n + 1; out[n] = encode_string(v)
  elseif tv == "number" then
    n = n + 1; out[n] = encode_number(v)
  elseif tv == "boolean" then
    n = n + 1; out[n] = v and "true" or "false"
  elseif tv == "nil" then
    n = n + 1; out[n] = "null"
  elseif tv == "table" then
    n = encode_table(v, out, n, stack, indent, level)
  else
    error("json: cannot encode a " .. tv, 0)
  end
  return n
end

--- Encodes a Lua value as JSON text, on one line unless `indent` is given.
-- @param v a string, number, boolean, nil, `json.null` or a table of those
-- @tparam[opt] string indent indent nested values by this on new lines
-- @treturn string the JSON text
function M.encode(v, indent)
  local out = {}
  local n = encode_value(v, out, 0, {}, indent, 0)
  return concat(out, "", 1, n)
end

-- ---- decoding ------------------------------------------------------------------------

-- Lua 5.1 patterns cannot hold "\0"; "%z" is slower where "\0" works.
local CONTROL = (pcall(find, "\0", "[\0-\31]") and find("\0", "[\0-\31]")) and "[\0-\31]" or "[%z\1-\31]"

local UNESCAPE = {
  ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
}

local function utf8_char(cp)
  if cp < 0x80 then
    return char(cp)
  elseif cp < 0x800 then
    return char(0xC0 + floor(cp / 0x40), 0x80 + cp % 0x40)
  elseif cp < 0x10000 then
    return char(0xE0 + floor(cp / 0x1000), 0x80 + floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
  else
    return char(0xF0 + floor(cp / 0x40000), 0x80 + floor(cp / 0x1000) % 0x40,
                0x80 + floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
  end
end

local function fail(pos, what)
  error({ json_error = format("invalid JSON at byte %d: %s", pos, what) }, 0)
end

-- The source being decoded, for the escape handler.
local source, skip_next

local function unescape(pos, c, hex)
  if skip_next then
    skip_next = false
    return ""
  end
  if c ~= "u" then
    local r = UNESCAPE[c]
    if not r then fail(pos, "unknown escape \\" .. c) end
    return r .. hex
  end
  if #hex < 4 then fail(pos, "\\u needs four hexadecimal digits") end
  local cp = tonumber(hex, 16)
  if cp >= 0xD800 and cp <= 0xDBFF then
    local low = find(source, "^\\u[dD][c-fC-F]%x%x", pos + 6) and tonumber(sub(source, pos + 8, pos + 11), 16)
    if low then
      skip_next = true
      return utf8_char(0x10000 + (cp - 0xD800) * 0x400 + (low - 0xDC00))
    end
    return REPLACEMENT
  elseif cp >= 0xDC00 and cp <= 0xDFFF then
    return REPLACEMENT
  end
  return utf8_char(cp)
end

-- Reads the string whose opening quote is at i; returns the string and the position after it.
local function decode_string(s, i)
  local j = i + 1
  local close
  while true do
    close = find(s, '"', j, true)
    if not close then fail(i, "unterminated string") end
    -- count the backslashes before the quote
    local k = close - 1
    while byte(s, k) == 92 do k = k - 1 end
    if (close - 1 - k) % 2 == 0 then break end
    j = close + 1
  end
  local raw = sub(s, i + 1, close - 1)
  local bad = find(raw, CONTROL)
  if bad then fail(i + bad, "control character in a string") end
  if find(raw, "\\", 1, true) then
    if not find(raw, "\\u", 1, true) and not find(gsub(raw, '\\["\\/bfnrt]', ""), "\\", 1, true) then
      -- only one-letter escapes, all known: a table does it
      raw = gsub(raw, '\\(["\\/bfnrt])', UNESCAPE)
    else
      source, skip_next = raw, false
      raw = gsub(raw, "()\\(.)(%x?%x?%x?%x?)", unescape)
      source = nil
    end
  end
  return raw, close + 1
end

local decode_value

local function skip_space(s, i)
  return find(s, "[^ \t\r\n]", i) or #s + 1
end

local function decode_number(s, i)
  local _, e = find(s, "^-?%d+", i)
  if not e then fail(i, "unexpected character") end
  local digits = sub(s, byte(s, i) == 45 and i + 1 or i, e)
  if #digits > 1 and byte(digits, 1) == 48 then fail(i, "leading zero in a number") end
  local _, f = find(s, "^%.%d+", e + 1)
  if f then e = f elseif byte(s, e + 1) == 46 then fail(e + 1, "digits must follow '.'") end
  local _, x = find(s, "^[eE][-+]?%d+", e + 1)
  if x then e = x elseif find(s, "^[eE]", e + 1) then fail(e + 1, "digits must follow the exponent") end
  return tonumber(sub(s, i, e)), e + 1
end

local function decode_array(s, i, depth)
  local t, n = {}, 0
  i = skip_space(s, i + 1)
  if byte(s, i) == 93 then return t, i + 1 end
  while true do
    local v
    v, i = decode_value(s, i, depth)
    n = n + 1; t[n] = v
    i = skip_space(s, i)
    local c = byte(s, i)
    if c == 93 then return t, i + 1 end
    if c ~= 44 then fail(i, "expected ',' or ']'") end
    i = skip_space(s, i + 1)
  end
end

local function decode_object(s, i, depth)
  local t = {}
  i = skip_space(s, i + 1)
  if byte(s, i) == 125 then return M.object(t), i + 1 end
  while true do
    if byte(s, i) ~= 34 then fail(i, "expected a string key") end
    local k
    k, i = decode_string(s, i)
    i = skip_space(s, i)
    if byte(s, i) ~= 58 then fail(i, "expected ':'") end
    local v
    v, i = decode_value(s, skip_space(s, i + 1), depth)
    t[k] = v
    i = skip_space(s, i)
    local c = byte(s, i)
    if c == 125 then return M.object(t), i + 1 end
    if c ~= 44 then fail(i, "expected ',' or '}'") end
    i = skip_space(s, i + 1)
  end
end

decode_value = function(s, i, depth)
  local c = byte(s, i)
  if c == 34 then
    return decode_string(s, i)
  elseif c == 123 or c == 91 then
    if depth >= M.MAX_DEPTH then fail(i, "nested too deeply") end
    if c == 123 then return decode_object(s, i, depth + 1) end
    return decode_array(s, i, depth + 1)
  elseif c == 116 then
    if sub(s, i, i + 3) == "true" then return true, i + 4 end
  elseif c == 102 then
    if sub(s, i, i + 4) == "false" then return false, i + 5 end
  elseif c == 110 then
    if sub(s, i, i + 3) == "null" then return M.null, i + 4 end
  elseif c == nil then
    fail(i, "unexpected end of text")
  else
    return decode_number(s, i)
  end
  fail(i, "unexpected character")
end

-- lua-cjson, when installed, decodes ten times faster (measured on JSON Lines
-- of news articles: README).  Its own instance, made strict on numbers; it is
-- laxer than this decoder in a few places (a raw tab inside a string, "1."),
-- and when it refuses a text, this decoder reads it again, so lone
-- surrogates decode the same and every error message is this decoder's.
local cjson
do
  local ok, mod = pcall(require, "cjson")
  if ok and type(mod) == "table" and mod.new then
    cjson = mod.new()
    cjson.decode_invalid_numbers(false)
    cjson.decode_max_depth(M.MAX_DEPTH)
  end
end

--- The decoder in use: `"cjson"` (lua-cjson is installed) or `"lua"`.
-- Tests may set it to `"lua"`.
M.decoder = cjson and "cjson" or "lua"

local function from_cjson(v)
  if v == cjson.null then return M.null end
  if type(v) == "table" then
    for k, x in pairs(v) do
      if x == cjson.null then
        v[k] = M.null
      elseif type(x) == "table" then
        from_cjson(x)
      end
    end
  end
  return v
end

--- Decodes one JSON text (a whole line of JSON Lines, for instance).
-- White space may surround it; anything else after it is an error.
-- @tparam string s the JSON text
-- @return the value (objects and arrays as tables, `null` as `json.null`)
-- @treturn[2] nil
-- @treturn[2] string a message with the byte position of the error
function M.decode(s)
  if type(s) ~= "string" then
    error("bad argument #1 to 'decode' (string expected, got " .. type(s) .. ")", 2)
  end
  if cjson and M.decoder == "cjson" then
    local ok, v = pcall(cjson.decode, s)
    if ok then return from_cjson(v) end
  end
  local ok, v, i = pcall(function()
    local v, j = decode_value(s, skip_space(s, 1), 0)
    j = skip_space(s, j)
    if j <= #s then fail(j, "text after the value") end
    return v, j
  end)
  if ok then return v end
  source = nil
  if type(v) == "table" and v.json_error then return nil, v.json_error end
  error(v, 0)
end

return M
