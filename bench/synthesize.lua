-- Writes about N bytes of English news-like text to stdout, built from the
-- project's own sample article and test fixtures, for benchmarking when the
-- shared news corpora are absent.  Articles are separated by a form feed line.
--   lua5.4 bench/synthesize.lua TOP N
local top, n = arg[1] or ".", tonumber(arg[2]) or 20000000
local f = assert(io.open(top .. "/examples/article.txt", "rb"))
local article = f:read("a")
f:close()
-- Vary the numbers so that the text is not one string repeated verbatim.
local written, i = 0, 0
while written < n do
  i = i + 1
  local text = article:gsub("%d+", function(d) return tostring((tonumber(d) * (i % 7 + 1)) % 10000) end)
  io.write(text, "\f\n")
  written = written + #text + 2
end
