-- JSON Lines for the command line: the decoders and encoders newsnlp can use,
-- measured in the same process on the same lines, against dkjson (pure Lua,
-- Debian lua-dkjson) as the baseline; then `newsnlp sentences --jsonl
-- --format jsonl` end to end with each decoder.  CPU time (os.clock), best of
-- ROUNDS runs.
--   lua5.4 json_bench.lua CORPUS
local json = require "newsnlp.cli.json"

local ROUNDS = 3
local ARTICLES = 5000

local f = assert(io.open(arg[1], "rb"))
local corpus = f:read("*a")
f:close()

-- Articles are separated by a line holding a form feed.
local lines, bytes = {}, 0
for article in (corpus .. "\n\f\n"):gmatch("(.-)\n\f\n") do
  if #lines == ARTICLES then break end
  if article:find("%S") then
    lines[#lines + 1] = json.encode(json.object({ id = "a" .. #lines + 1, text = article }, { "id", "text" }))
    bytes = bytes + #lines[#lines] + 1
  end
end
print(("json: %d JSON lines, %.1f MB (%.0f bytes a line)"):format(#lines, bytes / 1e6, bytes / #lines))

local function best(fn)
  local t = math.huge
  for _ = 1, ROUNDS do
    collectgarbage("collect")
    local t0 = os.clock()
    fn()
    t = math.min(t, os.clock() - t0)
  end
  return t
end

local decoders, encoders = {}, {}
local ok_dk, dkjson = pcall(require, "dkjson")
if ok_dk then
  decoders[#decoders + 1] = { "dkjson (baseline)", function(s) return dkjson.decode(s) end }
  encoders[#encoders + 1] = { "dkjson (baseline)", dkjson.encode }
end
decoders[#decoders + 1] = { "newsnlp.cli.json, Lua decoder", function(s)
  json.decoder = "lua"
  return json.decode(s)
end }
local ok_cj, cjson = pcall(require, "cjson")
if ok_cj then
  decoders[#decoders + 1] = { "newsnlp.cli.json over lua-cjson", function(s)
    json.decoder = "cjson"
    return json.decode(s)
  end }
  decoders[#decoders + 1] = { "lua-cjson alone", cjson.decode }
end
encoders[#encoders + 1] = { "newsnlp.cli.json encoder", json.encode }
if ok_cj then encoders[#encoders + 1] = { "lua-cjson alone", cjson.encode } end

local values = {}
local function report(kind, list, run)
  local base
  for _, d in ipairs(list) do
    local t = best(function() run(d[2]) end)
    base = base or t
    print(("json: %-8s %-34s %9.0f lines/s %7.1f MB/s %6.2fx"):format(kind, d[1], #lines / t, bytes / t / 1e6, base / t))
  end
end
report("decode", decoders, function(fn) for i = 1, #lines do values[i] = fn(lines[i]) end end)
report("encode", encoders, function(fn) for i = 1, #values do fn(values[i]) end end)

-- The whole command, in process.
local cli = require "newsnlp.cli"
local input = io.tmpfile()
input:write(table.concat(lines, "\n"), "\n")
local saved = json.decoder
for _, d in ipairs { "lua", ok_cj and "cjson" or nil } do
  json.decoder = d
  local t = best(function()
    input:seek("set")
    local out, err = io.tmpfile(), io.tmpfile()
    assert(cli.main({ "sentences", "--jsonl", "--format", "jsonl", "--no-progress" }, out, err, input) == 0)
    out:close(); err:close()
  end)
  print(("json: newsnlp sentences --jsonl --format jsonl, %s decoder: %.0f articles/s"):format(d, #lines / t))
end
json.decoder = saved
