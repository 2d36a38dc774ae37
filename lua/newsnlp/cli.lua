--- The `newsnlp` command: subcommands, the batch loop and exit codes.
-- bin/newsnlp calls `main(arg)` and exits with its result; tests call
-- `main(args, out, err, stdin)` with their own streams.
-- @module newsnlp.cli

local newsnlp = require "newsnlp"
local args = require "newsnlp.cli.args"
local input = require "newsnlp.cli.input"
local output = require "newsnlp.cli.output"
local progress = require "newsnlp.cli.progress"
local features = require "newsnlp.features"

local unpack = table.unpack or unpack

local M = {}

--- Exit codes.
M.EXIT = {
  OK = 0,          -- everything done
  SKIPPED = 1,     -- done, but some articles could not be read and were skipped
  USAGE = 2,       -- bad command line
  INPUT = 3,       -- an article could not be read, and --strict stopped the batch
  OUTPUT = 4,      -- the output could not be written
  MISSING = 5,     -- the capability is not in this build of newsnlp
  MODEL = 6,       -- a model, corpus or rules file could not be loaded
  INTERNAL = 70,   -- a bug: please report it with the message
}
local EXIT = M.EXIT

M.EXIT_HELP = [[
exit codes:
  0   success
  1   done, but some articles could not be read and were skipped (see standard error)
  2   usage error (unknown command or option, bad value)
  3   an article could not be read (unreadable file, invalid JSON line, no "text",
      invalid UTF-8 with --strict) and --strict stopped the batch
  4   the output could not be written
  5   the capability asked for is not in this build of newsnlp
  6   a model, corpus or rules file could not be loaded (missing, corrupt, wrong format)
  70  internal error]]

--- The options every article command takes.
M.common_options = {
  { "format", short = "f", arg = "FMT", type = "choice", choices = { "text", "json", "jsonl", "tsv" },
    default = "text", help = "output format: text, json, jsonl or tsv" },
  { "jsonl", help = 'input is JSON Lines: one {"id": ..., "text": ...} per line' },
  { "output", short = "o", arg = "FILE", help = "write to FILE instead of standard output" },
  { "strict", help = "invalid UTF-8 is an error, and the first bad article stops the batch" },
  { "progress", help = "show progress on standard error even when it is not a terminal" },
  { "no-progress", help = "never show progress" },
  { "no-header", help = "tsv: no header row" },
  { "help", short = "h", help = "show this help" },
}

local commands = {}
local command_order = {}

--- Registers a command.
-- @tparam table c `name`, `summary`, `usage`, `options`, and either `main(opts,
--   ctx)` (a command of its own) or the article command fields (see `run_articles`)
function M.register(c)
  if not commands[c.name] then command_order[#command_order + 1] = c.name end
  commands[c.name] = c
end

--- A context: the streams and the command's name, for messages.
local Context = {}
Context.__index = Context

--- Reports a problem on standard error, prefixed by the command's name.
function Context:warn(...)
  self.err:write("newsnlp ", self.name, ": ", ...)
  self.err:write("\n")
end

--- Reports a fatal problem and returns the exit code given.
function Context:fail(code, ...)
  self:warn(...)
  return code
end

--- Opens the output (`-o FILE` or standard output).
-- @treturn file|nil the stream, or nil and a message
function Context:open_output(path)
  if not path or path == "-" then return self.out end
  local f, err = io.open(path, "wb")
  if not f then return nil, err end
  self.opened = f
  return f
end

--- Checks that the capabilities are present; returns nil or the exit code after a message.
function Context:need(...)
  for _, name in ipairs({ ... }) do
    if not features.has(name) then
      return self:fail(EXIT.MISSING, features.missing_message(name))
    end
  end
end

local function label(doc)
  if doc.id ~= nil then return tostring(doc.id) end
  return doc.name or "?"
end

--- Runs an article command over its inputs.
--
-- The command gives `run(text, opts, state, doc)` -> result table (or nil,
-- message, code for an article it cannot handle), `setup(opts, ctx)` ->
-- state (or nil, message, exit code), `text(write, result, doc)`, `order`,
-- `columns` and `rows(result, doc)` for the formats, `needs` (capabilities)
-- `finish(state, ctx, writer)` (optional), and `probe = false` for a command
-- whose `run` must not see a test text (it keeps what it is given).
-- @treturn integer the exit code
function M.run_articles(c, opts, ctx, how)
  how = how or {}
  local code = ctx:need(unpack(c.needs or {}))
  if code then return code end
  local state
  if c.setup then
    local s, msg, exit_code = c.setup(opts, ctx)
    if s == nil then return ctx:fail(exit_code or EXIT.USAGE, msg) end
    state = s
  end
  -- Bad options (an unknown language, say) raise on the first article; a
  -- short text finds them before the batch, once, as a usage error.
  if c.probe ~= false then
    local ok, perr = pcall(c.run, "A probe. It has two sentences.", opts, state, { id = "probe", fields = {} })
    if not ok then return ctx:fail(EXIT.USAGE, tostring(perr)) end
  end
  local stream, oerr = ctx.out, nil
  if not how.output_is_model then
    stream, oerr = ctx:open_output(opts.output)
    if not stream then return ctx:fail(EXIT.OUTPUT, oerr) end
  end
  local docs, paths = input.documents(opts, { jsonl = opts.jsonl, stdin = ctx.stdin })
  local batch = opts.jsonl or #paths ~= 1 or input.is_jsonl_name(paths[1])
  local writer
  if c.summary_only then
    writer = { document = function() end, finish = function() end }
  else
    writer = output.writer(opts.format, stream, c, { batch = batch, header = not opts["no-header"] })
  end
  local show = false
  if not opts["no-progress"] then
    show = opts.progress or (batch and ctx.err == io.stderr and progress.stderr_is_terminal())
  end
  local bar = progress.new({ enabled = show, total = input.total_bytes(paths), stream = ctx.err })
  local skipped, status = 0, EXIT.OK
  for doc in docs do
    if not doc.error and opts.strict then
      local ok, at = newsnlp.isvalid(doc.text)
      if not ok then
        doc.error, doc.code = ("invalid UTF-8 at byte %d"):format(at), "EUTF8"
      end
    end
    local result
    if not doc.error then
      local ok, r, msg, ecode = pcall(c.run, doc.text, opts, state, doc)
      if not ok then
        doc.error, doc.code = tostring(r), "EFAIL"
      elseif r == nil then
        doc.error, doc.code = tostring(msg), ecode or "EFAIL"
      else
        result = r
      end
    end
    if doc.error then
      skipped = skipped + 1
      bar.clear()
      ctx:warn(label(doc), ": ", doc.error, " (", doc.code, ")")
    end
    writer.document(doc, result)
    bar.step(doc.bytes)
    if doc.error and opts.strict then
      status = EXIT.INPUT
      break
    end
  end
  bar.finish()
  if c.finish and status == EXIT.OK then
    local ok, msg, exit_code = c.finish(state, opts, ctx, writer)
    if not ok then
      writer.finish()
      return ctx:fail(exit_code or EXIT.OUTPUT, msg)
    end
  end
  writer.finish()
  local ok, err
  if ctx.opened then
    ok, err = ctx.opened:close()
  else
    ok, err = stream:flush()
  end
  if writer.error or not ok then return ctx:fail(EXIT.OUTPUT, "cannot write: ", tostring(writer.error or err)) end
  if status ~= EXIT.OK then return status end
  if skipped > 0 then
    ctx:warn(skipped, skipped == 1 and " article was" or " articles were", " skipped")
    return EXIT.SKIPPED
  end
  return EXIT.OK
end

local function usage()
  local lines = {
    "usage: newsnlp [--version] [--help] COMMAND [OPTIONS] [FILE|DIR|-]...",
    "",
    "News text processing: structure, keywords, summaries, entities and tags.",
    "Input: files, folders (every file below, in byte order of the paths),",
    "standard input ('-' or no file), or JSON Lines with --jsonl.",
    "",
    "commands:",
  }
  local width = 0
  for _, name in ipairs(command_order) do
    local c = commands[name]
    local n = #(c.display or name)
    if n > width then width = n end
  end
  for _, name in ipairs(command_order) do
    local c = commands[name]
    lines[#lines + 1] = ("  %-" .. width .. "s  %s"):format(c.display or name, c.summary)
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "'newsnlp COMMAND --help' describes a command's options."
  lines[#lines + 1] = ""
  lines[#lines + 1] = M.EXIT_HELP
  return table.concat(lines, "\n") .. "\n"
end

--- The version line and the capabilities of this build.
-- @treturn string
function M.version_text()
  local present, missing = features.list()
  return ("newsnlp %s (Unicode %s, utf8proc %s, %s)\ncapabilities: %s\nmissing: %s\n"):format(
    newsnlp.version, newsnlp.unicode_version, newsnlp.utf8proc_version,
    jit and jit.version or _VERSION, table.concat(present, " "),
    #missing > 0 and table.concat(missing, " ") or "none")
end

--- Runs the command line `argv` (an `arg`-like array).
-- @tparam {string,...} argv the arguments
-- @tparam[opt] file out standard output (io.stdout)
-- @tparam[opt] file err standard error (io.stderr)
-- @tparam[opt] file stdin standard input (io.stdin)
-- @treturn integer the exit code
function M.main(argv, out, err, stdin)
  out, err, stdin = out or io.stdout, err or io.stderr, stdin or io.stdin
  local first = argv[1]
  if first == "--version" or first == "version" then
    out:write(M.version_text())
    return EXIT.OK
  elseif first == nil or first == "--help" or first == "-h" or first == "help" then
    local topic = first == "help" and argv[2]
    if topic and commands[topic] then
      return M.main({ topic, "--help" }, out, err, stdin)
    end
    if first == nil then
      err:write(usage())
      return EXIT.USAGE
    end
    out:write(usage())
    return EXIT.OK
  end
  local c = commands[first]
  if not c then
    err:write("newsnlp: unknown command '", first, "' (see 'newsnlp --help')\n")
    return EXIT.USAGE
  end
  local rest = {}
  for i = 2, #argv do rest[#rest + 1] = argv[i] end
  local ctx = setmetatable({ out = out, err = err, stdin = stdin, name = c.name }, Context)
  if c.main then
    local ok, code = xpcall(function() return c.main(rest, ctx) end, debug.traceback)
    if not ok then
      return ctx:fail(EXIT.INTERNAL, "internal error: ", tostring(code))
    end
    return code
  end
  local opts, perr = args.parse(rest, c.options)
  if not opts then
    return ctx:fail(EXIT.USAGE, perr, " (see 'newsnlp ", c.name, " --help')")
  end
  if opts.help then
    out:write(args.help(c, "newsnlp " .. c.name))
    return EXIT.OK
  end
  local ok, code = xpcall(function() return M.run_articles(c, opts, ctx) end, debug.traceback)
  if not ok then
    return ctx:fail(EXIT.INTERNAL, "internal error: ", tostring(code))
  end
  return code
end

--- The options of an article command: its own, then the common ones.
-- @tparam {table,...} own
-- @treturn {table,...}
function M.options(own)
  local all = {}
  for _, o in ipairs(own) do all[#all + 1] = o end
  for _, o in ipairs(M.common_options) do all[#all + 1] = o end
  return all
end

M.commands = commands
M.command_order = command_order

-- The commands register themselves.
require("newsnlp.cli.commands").register(M)
require("newsnlp.cli.analyze").register(M)
require("newsnlp.cli.learn").register(M)
require("newsnlp.cli.corpus").register(M)

return M
