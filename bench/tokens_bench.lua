-- Tokens from Lua: newsnlp.tokens, words, each_token and count against plain
-- Lua loops over s:gmatch("%w+"), measured in the same process on the same
-- text.  Times are CPU time (os.clock), the best of ROUNDS runs.
--   lua5.4 tokens_bench.lua CORPUS [MULTI]
local newsnlp = require "newsnlp"

local ROUNDS = 5

local function load(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function best(fn, s)
  local t, result = math.huge, nil
  for _ = 1, ROUNDS do
    collectgarbage("collect")
    local t0 = os.clock()
    result = fn(s)
    local dt = os.clock() - t0
    if dt < t then t = dt end
  end
  return t, result
end

local cases = {
  { "gmatch(\"%w+\") loop (baseline)", function(s)
      local n = 0
      for _ in s:gmatch("%w+") do n = n + 1 end
      return n
    end },
  { "gmatch(\"%w+\") into an array", function(s)
      local t, n = {}, 0
      for w in s:gmatch("%w+") do n = n + 1; t[n] = w end
      return n
    end },
  { "newsnlp.tokens (array)", function(s) return #newsnlp.tokens(s) end },
  { "newsnlp.words (array)", function(s) return #newsnlp.words(s) end },
  { "newsnlp.words, casefold", function(s) return #newsnlp.words(s, { casefold = true }) end },
  { "for .. in newsnlp.each_token", function(s)
      local n = 0
      for _ in newsnlp.each_token(s) do n = n + 1 end
      return n
    end },
  { "gmatch + lower, counted in Lua", function(s)
      local counts, n = {}, 0
      for w in s:gmatch("%w+") do
        w = w:lower()
        counts[w] = (counts[w] or 0) + 1
      end
      for _ in pairs(counts) do n = n + 1 end
      return n
    end },
  { "newsnlp.count, casefold", function(s)
      local n = 0
      for _ in pairs(newsnlp.count(s, { casefold = true })) do n = n + 1 end
      return n
    end },
}

for i = 1, #arg do
  local s = load(arg[i])
  print(("== tokens from %s (%s), %s (%d bytes), best of %d, CPU time"):format(
    _VERSION, "newsnlp " .. newsnlp.version, arg[i], #s, ROUNDS))
  local base_time, array_time
  for k, case in ipairs(cases) do
    local t, n = best(case[2], s)
    if k == 1 then base_time = t end
    if k == 2 then array_time = t end
    print(("  %-34s %8.1f MB/s  %5.2fx the loop  %5.2fx the array  (%d)"):format(
      case[1], #s / t / 1e6, base_time / t, (array_time or t) / t, n))
  end
end
