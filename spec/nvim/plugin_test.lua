-- Runs inside `nvim --headless` (tools/nvim-check.sh): the plugin's commands
-- on a buffer, checked through the quickfix list they fill.
local features = require "newsnlp.features"

local failures = {}
local function check(cond, msg)
  if not cond then failures[#failures + 1] = msg end
end

local notes = {}
vim.notify = function(msg) notes[#notes + 1] = msg end

-- A buffer whose lines hold multi-byte characters, so byte columns matter.
local lines = {
  "Flood Wall Approved in Portvale",
  "",
  "PORTVALE (Coastline Wire) \226\128\148 The Portvale City Council voted on Tuesday to build",
  "a flood wall along the Teller River. Mayor Daniel Whitfield called it \226\128\156historic.\226\128\157",
  "",
  "Dr. Helen Marsh of Portvale State University said the river rose 11 inches. The",
  "Teller River Authority will pay for \195\169tudes of the flood wall.",
}
vim.cmd("enew")
vim.api.nvim_buf_set_lines(0, 0, -1, false, lines)
local buf = vim.api.nvim_get_current_buf()
local text = table.concat(lines, "\n")

-- Every quickfix entry must point at the byte where the result starts.
local function check_positions(name, expected_starts)
  local qf = vim.fn.getqflist()
  check(#qf == #expected_starts, ("%s: %d quickfix entries, expected %d"):format(name, #qf, #expected_starts))
  local locate = require("newsnlp.nvim").locator(text)
  for i, start in ipairs(expected_starts) do
    local item = qf[i] or {}
    local lnum, col = locate(start)
    check(item.lnum == lnum and item.col == col,
          ("%s #%d: at %s:%s, expected %d:%d"):format(name, i, tostring(item.lnum), tostring(item.col), lnum, col))
    check(item.bufnr == buf, name .. ": entry in another buffer")
    -- the line and column give back the text at that offset
    local line = lines[lnum] or ""
    local want = text:sub(start, start + 3):match("^[^\n]*")
    check(want ~= "" and line:sub(col, col + #want - 1) == want,
          ("%s #%d: %q at the position, %q in the text"):format(name, i, line:sub(col, col + #want - 1), want))
  end
  return qf
end

-- :NewsSentences
vim.cmd("NewsSentences")
local starts = {}
for i, s in ipairs(features.sentences(text)) do starts[i] = s.start end
local qf = check_positions("NewsSentences", starts)
check(#qf >= 5, "NewsSentences: too few sentences")
check((qf[3] or {}).text == "a flood wall along the Teller River."
      or (qf[2] or {}).text:find("Teller River%.$") ~= nil, "NewsSentences: a sentence across lines reads as one line")
check(vim.fn.getqflist({ title = 1 }).title == "newsnlp sentences", "NewsSentences: quickfix title")
-- the quickfix window jumps to the text
vim.cmd("cfirst")
vim.cmd("cnext")
local cur = vim.api.nvim_win_get_cursor(0)
check(cur[1] == qf[2].lnum and cur[2] + 1 == qf[2].col, "NewsSentences: :cnext does not jump to the second sentence")

-- :NewsKeywords, :NewsSummary, :NewsEntities: positions when present, a clear message when not
local function missing_or(name, capability, expected)
  vim.fn.setqflist({}, " ", { title = "before", items = {} })
  local before = #notes
  vim.cmd("buffer " .. buf)
  vim.cmd(name)
  if features.has(capability) then
    check(#notes == before, name .. ": unexpected message " .. tostring(notes[#notes]))
    check_positions(name, expected())
  else
    check(#notes == before + 1 and notes[#notes]:find("not in this build", 1, true) ~= nil,
          name .. ": no message for the missing capability")
    check(vim.fn.getqflist({ title = 1 }).title == "before", name .. ": quickfix list changed")
  end
end

missing_or("NewsKeywords", "keywords", function()
  local t = {}
  for i, k in ipairs(features.keywords(text, { top = 10 })) do t[i] = k.start end
  return t
end)
missing_or("NewsSummary", "summary", function()
  local t = {}
  for i, s in ipairs(features.summary(text, { sentences = 3 })) do t[i] = s.start end
  return t
end)
missing_or("NewsEntities", "entities", function()
  local t = {}
  for _, e in ipairs(features.entities(text)) do
    for _, s in ipairs(e.spans) do t[#t + 1] = s[1] end
  end
  table.sort(t)
  return t
end)

-- :NewsAnalyze: a scratch buffer with the report of `newsnlp analyze`
vim.cmd("buffer " .. buf)
vim.cmd("NewsAnalyze")
local scratch = vim.api.nvim_get_current_buf()
check(scratch ~= buf, "NewsAnalyze: no scratch buffer")
check(vim.api.nvim_buf_get_option(scratch, "buftype") == "nofile", "NewsAnalyze: not a scratch buffer")
local report = table.concat(vim.api.nvim_buf_get_lines(scratch, 0, -1, false), "\n")
check(report:find("^Flood Wall Approved in Portvale\n") ~= nil, "NewsAnalyze: no title in " .. report)
check(report:find("\nstructure:  %d+ paragraphs") ~= nil, "NewsAnalyze: no structure line")
local missing_parts = {}
for _, p in ipairs { "language", "stats", "keywords", "entities", "values", "summary" } do
  if not features.has(p) then missing_parts[#missing_parts + 1] = p end
end
if #missing_parts > 0 then
  check(report:find("not in this build: " .. table.concat(missing_parts, ", "), 1, true) ~= nil,
        "NewsAnalyze: missing parts not listed")
end
vim.cmd("close")

if #failures > 0 then
  io.stderr:write("nvim plugin: ", table.concat(failures, "\nnvim plugin: "), "\n")
  vim.cmd("cquit 1")
else
  local present = {}
  for _, c in ipairs { "keywords", "summary", "entities" } do
    present[#present + 1] = c .. (features.has(c) and "" or " (missing: message checked)")
  end
  io.stdout:write("nvim plugin: NewsSentences, NewsAnalyze, ", table.concat(present, ", "), ": ok\n")
  vim.cmd("qall!")
end
