-- What the Lua benchmarks share: reading a corpus, splitting it into its
-- articles, and timing a function by processor time (os.clock).
local benchlib = {}

-- The whole file at `path`; `usage` is the error when no path was given.
function benchlib.read(path, usage)
  assert(path, usage)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

-- The articles of a corpus: texts separated by a line holding only a form
-- feed.  With `min` and `max`, only those of that many bytes.
function benchlib.articles(text, min, max)
  local list = {}
  for a in (text .. "\f\n"):gmatch("(.-)\f\n") do
    if not min or (#a >= min and #a <= max) then list[#list + 1] = a end
  end
  return list
end

-- The shortest of `rounds` runs of fn, in seconds, and fn's last result;
-- garbage is collected before each run, outside the timing.
function benchlib.best(rounds, fn)
  local t, result = math.huge, nil
  for _ = 1, rounds do
    collectgarbage()
    local t0 = os.clock()
    result = fn()
    t = math.min(t, os.clock() - t0)
  end
  return t, result
end

return benchlib
