-- newsnlp.segments(s, "sentence"): UAX #29 sentence boundaries, checked
-- against the Unicode conformance file SentenceBreakTest.txt (Debian's
-- unicode-data, the Unicode version of our tables).
local newsnlp = require "newsnlp"

local TEST_FILE = "/usr/share/unicode/auxiliary/SentenceBreakTest.txt"

-- UTF-8 encoding without utf8.char, for Lua 5.1.
local function encode(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then
    return string.char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64)
  end
  if cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return string.char(0xF0 + math.floor(cp / 262144), 0x80 + math.floor(cp / 4096) % 64,
                     0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

-- Parses one test line into the text and its expected segments.
local function parse(line)
  local body = line:match("^([^#]*)")
  if not body or not body:find("%x") then return nil end
  local segments, current = {}, {}
  for token in body:gmatch("%S+") do
    if token == "\195\183" then          -- ÷ : a boundary
      if #current > 0 then
        segments[#segments + 1] = table.concat(current)
        current = {}
      end
    elseif token ~= "\195\151" then      -- × : no boundary
      current[#current + 1] = encode(tonumber(token, 16))
    end
  end
  return table.concat(segments), segments
end

describe("newsnlp.segments(s, 'sentence')", function()
  it("passes every case of SentenceBreakTest.txt", function()
    local f = assert(io.open(TEST_FILE, "rb"), "install Debian's unicode-data")
    local total, failures = 0, {}
    local lineno = 0
    for line in f:lines() do
      lineno = lineno + 1
      local text, expected = parse(line)
      if text then
        total = total + 1
        local got = newsnlp.segments(text, "sentence")
        local same = #got == #expected
        for i = 1, #expected do same = same and got[i] == expected[i] end
        if not same then failures[#failures + 1] = lineno end
      end
    end
    f:close()
    assert.is_true(total >= 500)
    assert.same({}, failures)
  end)

  it("gives every segment, so that concatenation is the input", function()
    local text = "Mr. Smith left.  He said \"Hi!\" (Twice.)\r\nNew line\n\nEnd. "
    local segs = newsnlp.segments(text, "sentence")
    assert.equal(text, table.concat(segs))
    assert.same({ "Mr. ", "Smith left.  ", "He said \"Hi!\" ", "(Twice.)\r\n", "New line\n", "\n", "End. " }, segs)
  end)

  it("reads invalid UTF-8 as U+FFFD and keeps every byte", function()
    local text = "Bad \255\254 bytes. Next\226\130"
    local segs = newsnlp.segments(text, "sentence")
    assert.equal(text, table.concat(segs))
    assert.equal(2, #segs)
  end)

  it("gives no segment for the empty string", function()
    assert.same({}, newsnlp.segments("", "sentence"))
  end)

  it("raises on an unknown mode or a non-string, naming the argument", function()
    assert.error_matches(function() newsnlp.segments("x", "paragraph") end, "unknown segment mode 'paragraph'")
    assert.error_matches(function() newsnlp.segments("x") end, "bad argument #2")
    assert.error_matches(function() newsnlp.segments(42, "sentence") end, "bad argument #1")
  end)

  it("stays linear on long runs of terminators and closers", function()
    local dots = string.rep(".", 1000000)
    assert.same({ dots }, newsnlp.segments(dots, "sentence"))
    local text = "a." .. string.rep(")", 100000) .. string.rep(" ", 100000) .. string.rep("1", 100000) .. " b"
    local segs = newsnlp.segments(text, "sentence")
    assert.equal(text, table.concat(segs))
  end)
end)
