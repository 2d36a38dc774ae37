--- Articles in: files, folders, standard input and JSON Lines.
--
-- `documents(operands, opts)` returns an iterator over documents, in order:
--
-- * a file is one article, its id the path as given;
-- * a folder is every regular file below it whose name does not start with
--   ".", in byte order of their paths (the same on every machine), each an
--   article as above;
-- * `-`, or no operand, is standard input: one article with id `"-"`;
-- * with `jsonl`, each file (or standard input) holds JSON Lines, one
--   `{"id": ..., "text": "..."}` object a line; blank lines are skipped.
--   Files named `*.jsonl` or `*.ndjson` are read as JSON Lines anyway.
--
-- A document is a table `{ id =, name =, text =, fields =, line =, bytes = }`
-- (`fields` the decoded JSON object, `name` a label for messages), or, when it
-- cannot be read, `{ id =, name =, error =, code = }` with code `"EIO"`
-- (unreadable file), `"EJSON"` (a line that is not a JSON object) or
-- `"EFIELD"` (no `"text"` string).
-- @module newsnlp.cli.input

local json = require "newsnlp.cli.json"

local M = {}

local has_lfs, lfs = pcall(require, "lfs")

--- Whether directories are listed with LuaFileSystem (else with find(1)).
-- Tests may set it to false.
M.use_lfs = has_lfs

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- "directory", "file", or nil and a message.
local function kind_of(path)
  if M.use_lfs then
    local mode, err = lfs.attributes(path, "mode")
    if not mode then return nil, err end
    return mode == "directory" and "directory" or "file"
  end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local ok, rerr, code = f:read(0)
  f:close()
  if ok == nil and code == 21 then return "directory" end
  if ok == nil and rerr then return "file" end
  return "file"
end

local function walk_lfs(dir, files, depth)
  if depth > 100 then return end
  for name in lfs.dir(dir) do
    if name:sub(1, 1) ~= "." then
      local path = dir .. "/" .. name
      local mode = lfs.symlinkattributes(path, "mode")
      if mode == "link" then
        -- follow links to files, not links to folders (no cycles)
        mode = lfs.attributes(path, "mode")
        if mode == "file" then files[#files + 1] = path end
      elseif mode == "directory" then
        walk_lfs(path, files, depth + 1)
      elseif mode == "file" then
        files[#files + 1] = path
      end
    end
  end
end

local function walk_find(dir, files)
  local p = io.popen("find " .. shell_quote(dir) ..
                     " -mindepth 1 -name '.*' -prune -o \\( -type f -o -type l -xtype f \\) -print0")
  local all = p:read("*a")
  p:close()
  for path in all:gmatch("%Z+") do files[#files + 1] = path end
end

--- The files below a folder, sorted bytewise, hidden names skipped.
-- @tparam string dir
-- @treturn {string,...}
function M.list_folder(dir)
  dir = dir:gsub("(.)/+$", "%1")
  local files = {}
  if M.use_lfs then walk_lfs(dir, files, 0) else walk_find(dir, files) end
  table.sort(files)
  return files
end

local function read_all(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text, rerr = f:read("*a")
  f:close()
  if not text then return nil, path .. ": " .. tostring(rerr) end
  return text
end


-- A best guess at the id of a line that is not valid JSON, for the message.
local function recover_id(line)
  local s = line:match('^%s*{%s*"id"%s*:%s*("[^"\\]*")') or line:match('^%s*{%s*"id"%s*:%s*(%-?%d+)[%s,}]')
  if s then return json.decode(s) end
end

--- Makes the document for one JSON line.
-- @tparam string line the line, without its end
-- @tparam integer n its line number
-- @tparam string source the file name, or "-"
-- @treturn table the document
function M.parse_line(line, n, source)
  local v, err = json.decode(line)
  local where = ("%s:%d"):format(source, n)
  if v == nil then
    return { id = recover_id(line), name = where, line = n, error = err, code = "EJSON" }
  end
  if type(v) ~= "table" or v[1] ~= nil then
    return { name = where, line = n, error = "a line must be a JSON object", code = "EJSON" }
  end
  local id = v.id
  if id == json.null then id = nil end
  if id ~= nil and type(id) ~= "string" and type(id) ~= "number" then
    return { name = where, line = n, error = '"id" must be a string or a number', code = "EFIELD" }
  end
  local text = v.text
  if type(text) ~= "string" then
    return { id = id, name = where, line = n, code = "EFIELD",
             error = 'no "text" string' .. (text ~= nil and " (it is not a string)" or "") }
  end
  return { id = id, name = id ~= nil and tostring(id) or where, line = n, text = text,
           fields = v, bytes = #line + 1 }
end

local function json_lines(handle, source, emit)
  local n = 0
  for line in handle:lines() do
    n = n + 1
    if line:sub(-1) == "\r" then line = line:sub(1, -2) end
    if line:find("[^ \t]") then
      local doc = M.parse_line(line, n, source)
      doc.bytes = #line + 1
      emit(doc)
    end
  end
end

--- Total size in bytes of the given operands' files (folders expanded), or
-- nil when standard input is among them.
-- @tparam {string,...} paths files (folders already expanded)
-- @treturn integer|nil
function M.total_bytes(paths)
  local total = 0
  for _, p in ipairs(paths) do
    if p == "-" then return nil end
    local f = io.open(p, "rb")
    if f then
      total = total + (f:seek("end") or 0)
      f:close()
    end
  end
  return total
end

--- Whether a file name says JSON Lines (`.jsonl`, `.ndjson`).
-- @tparam string path
-- @treturn boolean
function M.is_jsonl_name(path)
  return path:find("%.jsonl$") ~= nil or path:find("%.ndjson$") ~= nil
end

--- Expands the operands: folders become their files; missing paths stay, to
-- be reported when read.
-- @tparam {string,...} operands
-- @treturn {string,...} paths ("-" for standard input)
function M.expand(operands)
  local paths = {}
  if #operands == 0 then operands = { "-" } end
  for _, op in ipairs(operands) do
    if op == "-" then
      paths[#paths + 1] = "-"
    elseif kind_of(op) == "directory" then
      for _, f in ipairs(M.list_folder(op)) do paths[#paths + 1] = f end
    else
      paths[#paths + 1] = op
    end
  end
  return paths
end

--- Iterates over the documents of the operands (see the module description).
-- @tparam {string,...} operands files, folders, "-"
-- @tparam table opts `jsonl` (boolean), `stdin` (a file handle; io.stdin by default)
-- @treturn function an iterator giving documents
-- @treturn {string,...} the expanded paths
function M.documents(operands, opts)
  local paths = M.expand(operands)
  local stdin = opts.stdin or io.stdin
  return coroutine.wrap(function()
    for _, path in ipairs(paths) do
      if opts.jsonl or M.is_jsonl_name(path) then
        if path == "-" then
          json_lines(stdin, "-", coroutine.yield)
        else
          local f, err = io.open(path, "rb")
          if not f then
            coroutine.yield({ name = path, error = err, code = "EIO" })
          else
            json_lines(f, path, coroutine.yield)
            f:close()
          end
        end
      elseif path == "-" then
        local text = stdin:read("*a")
        coroutine.yield({ id = "-", name = "-", text = text or "", bytes = #(text or "") })
      else
        local text, err = read_all(path)
        if text then
          coroutine.yield({ id = path, name = path, text = text, bytes = #text })
        else
          coroutine.yield({ id = path, name = path, error = err, code = "EIO" })
        end
      end
    end
  end), paths
end

return M
