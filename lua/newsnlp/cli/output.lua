--- Results out: text, JSON, JSON Lines and TSV.
--
-- * `text`: for people; with several articles each starts with `== id`.
-- * `json`: one JSON document, indented: the result object for a single
--   article (a file or standard input), an array of them for a batch (a folder,
--   several files, JSON Lines).
-- * `jsonl`: one line per article, `{"id": ..., ...}`; an article that could
--   not be read gives `{"id": ..., "error": "...", "code": "..."}` (with
--   `"line"` for JSON Lines input), so the lines pair with the input lines.
-- * `tsv`: a header row, then rows whose first column is the id; tabs, line
--   breaks and backslashes in values are written `\t`, `\n`, `\r`, `\\`.
-- @module newsnlp.cli.output

local json = require "newsnlp.cli.json"

local M = {}

local TSV_ESCAPE = { ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r", ["\\"] = "\\\\" }

--- A value as a TSV field.
-- @param v a string, number, boolean or nil
-- @treturn string
function M.tsv_field(v)
  if v == nil or v == json.null then return "" end
  if type(v) == "number" then
    if v == math.floor(v) and v > -2^53 and v < 2^53 then return ("%d"):format(v) end
    return ("%.6g"):format(v)
  end
  return json.repair_utf8(tostring(v)):gsub("[\t\n\r\\]", TSV_ESCAPE)
end

--- A number for people: integers as they are, others with 3 decimals at most.
-- @tparam number x
-- @treturn string
function M.number(x)
  if x == math.floor(x) and x > -2^53 and x < 2^53 then return ("%d"):format(x) end
  local s = ("%.3f"):format(x):gsub("0+$", ""):gsub("%.$", "")
  return s
end

-- The record written for a document: the id first, then the result's fields.
local function record(doc, result, order)
  local r = json.object({}, order)
  r.id = doc.id
  if doc.error then
    r.error, r.code, r.line = doc.error, doc.code, doc.line
  elseif result then
    for k, v in pairs(result) do r[k] = v end
  end
  return r
end

--- Makes a writer.
-- @tparam string format `"text"`, `"json"`, `"jsonl"` or `"tsv"`
-- @tparam file stream where to write
-- @tparam table command the command: `order` (keys after the id, for JSON),
--   `text(write, result, doc)`, `columns` and `rows(result, doc)` for TSV
-- @tparam table opts `batch` (several articles), `header` (TSV header row; default true)
-- @treturn table a writer with `document(doc, result)`, `finish()` and
--   `error` (the first write error, or nil)
function M.writer(format, stream, command, opts)
  local w = { count = 0 }
  local order = { "id", "error", "code", "line" }
  for _, k in ipairs(command.order or {}) do order[#order + 1] = k end
  -- the first write error is kept: the command exits 4 (disk full, closed pipe)
  local function write(...)
    if not w.error then
      local ok, err = stream:write(...)
      if not ok then w.error = err or "write error" end
    end
  end

  if format == "text" then
    function w.document(doc, result)
      if doc.error then return end
      if opts.batch then
        if w.count > 0 then write("\n") end
        write("== ", json.repair_utf8(tostring(doc.id == nil and doc.name or doc.id)), "\n")
      end
      w.count = w.count + 1
      command.text(write, result, doc)
    end
    function w.finish() end
  elseif format == "jsonl" then
    function w.document(doc, result)
      w.count = w.count + 1
      write(json.encode(record(doc, result, order)), "\n")
    end
    function w.finish() end
  elseif format == "json" then
    function w.document(doc, result)
      local text = json.encode(record(doc, result, order), "  ")
      if opts.batch then
        write(w.count == 0 and "[\n  " or ",\n  ", (text:gsub("\n", "\n  ")))
      else
        write(text, "\n")
      end
      w.count = w.count + 1
    end
    function w.finish()
      if opts.batch then write(w.count == 0 and "[]\n" or "\n]\n") end
    end
  elseif format == "tsv" then
    local header_done = opts.header == false
    local function header()
      if header_done then return end
      header_done = true
      local cols = { "id" }
      for _, c in ipairs(command.columns) do cols[#cols + 1] = c end
      write(table.concat(cols, "\t"), "\n")
    end
    function w.document(doc, result)
      header()
      if doc.error then return end
      w.count = w.count + 1
      local id = M.tsv_field(doc.id)
      for _, row in ipairs(command.rows(result, doc)) do
        local fields = { id }
        for i = 1, #command.columns do fields[i + 1] = M.tsv_field(row[i]) end
        write(table.concat(fields, "\t"), "\n")
      end
    end
    function w.finish() header() end
  else
    error("unknown format " .. tostring(format))
  end
  return w
end

return M
