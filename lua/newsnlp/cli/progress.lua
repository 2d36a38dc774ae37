--- A progress line on standard error for long batches.
--
-- Shown only when standard error is a terminal (or when forced), from the
-- second second of work on, redrawn at most once a second: articles done,
-- articles per second and, when the input size is known, the share of bytes
-- read and an estimate of the time left.
-- @module newsnlp.cli.progress

local M = {}

--- Whether file descriptor 2 is a terminal (asks test(1) once).
-- @treturn boolean
function M.stderr_is_terminal()
  local ok = os.execute("test -t 2")
  return ok == true or ok == 0
end

local function clock_text(seconds)
  seconds = math.floor(seconds + 0.5)
  local h, m, s = math.floor(seconds / 3600), math.floor(seconds % 3600 / 60), seconds % 60
  if h > 0 then return ("%d:%02d:%02d"):format(h, m, s) end
  return ("%d:%02d"):format(m, s)
end

--- The text of a progress line.
-- @tparam integer done articles done
-- @tparam number elapsed seconds since the start
-- @tparam[opt] integer bytes bytes read so far
-- @tparam[opt] integer total bytes in all
-- @tparam[opt] integer width the bar's width in characters (default 24)
-- @treturn string
function M.line(done, elapsed, bytes, total, width)
  width = width or 24
  local rate = elapsed > 0 and done / elapsed or 0
  local parts = {}
  if total and total > 0 and bytes then
    local share = math.min(bytes / total, 1)
    local full = math.floor(share * width + 0.5)
    parts[#parts + 1] = ("[%s%s] %3d%%"):format(("#"):rep(full), ("."):rep(width - full),
                                               math.floor(share * 100))
  end
  parts[#parts + 1] = ("%d articles"):format(done)
  parts[#parts + 1] = ("%.0f articles/s"):format(rate)
  if total and total > 0 and bytes and bytes > 0 and elapsed > 0 then
    local left = elapsed * (total - bytes) / bytes
    parts[#parts + 1] = "ETA " .. clock_text(math.max(left, 0))
  end
  return table.concat(parts, "  ")
end

--- Starts a progress display.
-- @tparam table opts `enabled` (boolean), `total` (bytes, or nil),
--   `stream` (default io.stderr), `clock` (a function giving seconds; default os.time)
-- @treturn table with `step(bytes)` after each article, `clear()` before
--   writing another message, and `finish()`
function M.new(opts)
  local clock = opts.clock or os.time
  local stream = opts.stream or io.stderr
  local enabled = opts.enabled
  local start = clock()
  local last, done, bytes, shown = start, 0, 0, false
  local self = {}
  function self.step(n)
    done = done + 1
    bytes = bytes + (n or 0)
    if not enabled then return end
    local now = clock()
    if now ~= last and now - start >= 1 then
      last = now
      stream:write("\r", M.line(done, now - start, bytes, opts.total), "\027[K")
      stream:flush()
      shown = true
    end
  end
  -- Clears the line before another message is written on the stream.
  function self.clear()
    if shown then
      stream:write("\r\027[K")
      last = clock() - 1
    end
  end
  function self.finish()
    if shown then
      stream:write("\r", M.line(done, math.max(clock() - start, 1), bytes, opts.total), "\027[K\n")
      stream:flush()
    end
  end
  return self
end

return M
