--- Neovim commands over the current buffer: keyphrases, summary, entities
-- and sentences in the quickfix list, each entry at its place in the text.
--
-- plugin/newsnlp.lua defines `:NewsKeywords`, `:NewsSummary`,
-- `:NewsEntities` and `:NewsSentences`, and `:NewsAnalyze`, which shows
-- everything in a scratch buffer; they call the functions here.  The
-- buffer's lines are joined with "\n" into the text newsnlp reads; its byte
-- offsets become line and column numbers.  A capability this build of
-- newsnlp lacks is reported with `vim.notify`, and the quickfix list is left
-- as it was.
-- @module newsnlp.nvim

local features = require "newsnlp.features"

local M = {}

--- A function from a byte offset of `text` (1-based) to its line and column
-- (1-based; the column counts bytes, as the quickfix list does).
-- @tparam string text
-- @treturn function
function M.locator(text)
  local starts, n = { 1 }, 1
  local pos = 1
  while true do
    local nl = text:find("\n", pos, true)
    if not nl then break end
    n = n + 1
    starts[n] = nl + 1
    pos = nl + 1
  end
  return function(offset)
    local lo, hi = 1, n
    while lo < hi do
      local mid = math.floor((lo + hi + 1) / 2)
      if starts[mid] <= offset then lo = mid else hi = mid - 1 end
    end
    return lo, offset - starts[lo] + 1
  end
end

local function buffer_text(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  return table.concat(lines, "\n")
end

local function one_line(s)
  return (s:gsub("%s*\n%s*", " "))
end

local function notify(msg, level)
  vim.notify("newsnlp: " .. msg, level or vim.log.levels.ERROR)
end

-- Puts items in the quickfix list under a title, and opens it.
local function publish(title, items, open)
  vim.fn.setqflist({}, " ", { title = title, items = items })
  if open ~= false then vim.cmd("copen") end
end

local function run(capability, title, collect, opts)
  opts = opts or {}
  if not features.has(capability) then
    notify(features.missing_message(capability))
    return nil, features.missing_message(capability)
  end
  local buf = opts.buffer or vim.api.nvim_get_current_buf()
  local text = buffer_text(buf)
  local locate = M.locator(text)
  local ok, items = pcall(collect, text, opts)
  if not ok then
    notify(tostring(items))
    return nil, items
  end
  local qf = {}
  for i, it in ipairs(items) do
    local lnum, col = 1, 1
    if it.start then lnum, col = locate(it.start) end
    qf[i] = { bufnr = buf, lnum = lnum, col = col, text = it.label }
  end
  publish(title, qf, opts.open)
  return qf
end

--- The keyphrases of the buffer, best first, at their first occurrence.
-- @tparam[opt] table opts `top` (default 10), `lang`, `buffer`, `open` (false: do not open the window)
-- @treturn {table,...} the quickfix items, or nil and a message
function M.keywords(opts)
  return run("keywords", "newsnlp keywords", function(text, o)
    local out = {}
    for i, k in ipairs(features.keywords(text, { top = o.top or 10, lang = o.lang })) do
      out[i] = { start = k.start, label = ("%s  (%.2f)"):format(one_line(k.text), k.score or 0) }
    end
    return out
  end, opts)
end

--- The summary sentences of the buffer, in text order.
-- @tparam[opt] table opts `sentences` (default 3), `lang`, `buffer`, `open`
-- @treturn {table,...} the quickfix items, or nil and a message
function M.summary(opts)
  return run("summary", "newsnlp summary", function(text, o)
    local out = {}
    for i, s in ipairs(features.summary(text, { sentences = o.sentences or 3, lang = o.lang })) do
      out[i] = { start = s.start, label = one_line(s.text) }
    end
    return out
  end, opts)
end

--- Every mention of the buffer's named entities, in text order, labelled
-- with the entity's kind and name.
-- @tparam[opt] table opts `lang`, `buffer`, `open`
-- @treturn {table,...} the quickfix items, or nil and a message
function M.entities(opts)
  return run("entities", "newsnlp entities", function(text, o)
    local out = {}
    for _, e in ipairs(features.entities(text, { lang = o.lang })) do
      for _, s in ipairs(e.spans) do
        out[#out + 1] = { start = s[1], label = ("%s: %s  [%s]"):format(e.kind, one_line(e.text),
                                                                        one_line(text:sub(s[1], s[2]))) }
      end
    end
    table.sort(out, function(a, b) return a.start < b.start end)
    return out
  end, opts)
end

--- Everything about the buffer's article (as `newsnlp analyze` prints it) in
-- a scratch buffer opened in a split: title, structure, statistics, keywords,
-- entities, values, summary, and what this build lacks.
-- @tparam[opt] table opts `lang`, `buffer`
-- @treturn integer the scratch buffer, or nil and a message
function M.analyze(opts)
  opts = opts or {}
  if not features.has("article") then
    notify(features.missing_message("article"))
    return nil, features.missing_message("article")
  end
  local buf = opts.buffer or vim.api.nvim_get_current_buf()
  local text = buffer_text(buf)
  local analyze = require "newsnlp.cli.analyze"
  local ok, r = pcall(analyze.analyze, text, { lang = opts.lang, top = 10, sentences = 3, entities = 20 })
  if not ok then
    notify(tostring(r))
    return nil, r
  end
  local parts = {}
  analyze.report(function(...) for _, s in ipairs({ ... }) do parts[#parts + 1] = s end end, r)
  local lines = vim.split(table.concat(parts):gsub("\n$", ""), "\n", { plain = true })
  local scratch = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(scratch, 0, -1, false, lines)
  vim.api.nvim_buf_set_option(scratch, "modifiable", false)
  vim.api.nvim_buf_set_option(scratch, "bufhidden", "wipe")
  pcall(vim.api.nvim_buf_set_name, scratch, "newsnlp://analyze/" .. scratch)
  vim.cmd("botright split")
  vim.api.nvim_win_set_buf(0, scratch)
  return scratch
end

--- The sentences of the buffer.
-- @tparam[opt] table opts `lang`, `buffer`, `open`
-- @treturn {table,...} the quickfix items, or nil and a message
function M.sentences(opts)
  return run("sentences", "newsnlp sentences", function(text, o)
    local out = {}
    for i, s in ipairs(features.sentences(text, { lang = o.lang })) do
      out[i] = { start = s.start, label = one_line(s.text) }
    end
    return out
  end, opts)
end

return M
