--- The `newsnlp` command: argument parsing and subcommands.
-- bin/newsnlp calls `main(arg)` and exits with its result.
-- @module newsnlp.cli

local newsnlp = require "newsnlp"

local M = {}

-- Exit codes, documented in `newsnlp --help`.
local EXIT_OK, EXIT_USAGE, EXIT_INPUT = 0, 2, 3

local USAGE = [[
usage: newsnlp [--version] [--help] COMMAND [ARGS]

commands:
  analyze FILE...   everything newsnlp knows about each article

exit codes: 0 success, 2 usage error, 3 unreadable or invalid input]]

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("a") or f:read("*a")
  f:close()
  return text
end

local function analyze(out, name, text)
  out:write(("== %s\n"):format(name))
  local ok, bad = newsnlp.isvalid(text)
  out:write(("bytes:  %d\n"):format(#text))
  out:write(("utf-8:  %s\n"):format(ok and "valid" or ("invalid at byte " .. bad)))
end

local commands = {}

function commands.analyze(args, out, err)
  if #args == 0 then
    err:write("newsnlp analyze: no input file\n")
    return EXIT_USAGE
  end
  for _, path in ipairs(args) do
    local text, why = read_file(path)
    if not text then
      err:write("newsnlp analyze: ", why, "\n")
      return EXIT_INPUT
    end
    analyze(out, path, text)
  end
  return EXIT_OK
end

--- Runs the command line `args` (an `arg`-like array).
-- @treturn integer the exit code
function M.main(args, out, err)
  out, err = out or io.stdout, err or io.stderr
  local first = args[1]
  if first == "--version" then
    out:write("newsnlp ", newsnlp.version, " (Unicode ", newsnlp.unicode_version,
              ", utf8proc ", newsnlp.utf8proc_version, ")\n")
    return EXIT_OK
  elseif first == nil or first == "--help" or first == "-h" then
    out:write(USAGE, "\n")
    return first and EXIT_OK or EXIT_USAGE
  end
  local command = commands[first]
  if not command then
    err:write("newsnlp: unknown command '", first, "'\n", USAGE, "\n")
    return EXIT_USAGE
  end
  local rest = {}
  for i = 2, #args do rest[#rest + 1] = args[i] end
  return command(rest, out, err)
end

return M
