-- Word segments (UAX #29): the official conformance file, tiling, bad input.
local newsnlp = require "newsnlp"

local TEST_FILE = "/usr/share/unicode/auxiliary/WordBreakTest.txt"

-- UTF-8 encoding of a code point, without the utf8 library (Lua 5.1).
local function utf8char(cp)
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

-- "÷ 0061 × 0062 ÷" -> { "ab" } (the expected segments)
local function expected_segments(line)
  local segments, current = {}, {}
  local body = line:gsub("#.*", "")
  for mark, hex in body:gmatch("(\195[\151\183])%s*(%x*)") do
    if mark == "\195\183" and #current > 0 then  -- ÷: a boundary
      segments[#segments + 1] = table.concat(current)
      current = {}
    end
    if hex ~= "" then current[#current + 1] = utf8char(tonumber(hex, 16)) end
  end
  return segments
end

describe("newsnlp.segments(s, 'word')", function()
  it("passes every line of the Unicode " .. newsnlp.unicode_version .. " WordBreakTest.txt", function()
    local f = assert(io.open(TEST_FILE, "rb"), "install Debian's unicode-data")
    local lines, failures = 0, {}
    for line in f:lines() do
      local want = expected_segments(line)
      if #want > 0 then
        lines = lines + 1
        local got = newsnlp.segments(table.concat(want), "word")
        local same = #got == #want
        for i = 1, #want do same = same and got[i] == want[i] end
        if not same then failures[#failures + 1] = line end
      end
    end
    f:close()
    assert.is_true(lines > 1800)
    assert.same({}, failures)
  end)

  it("returns segments that concatenate back to the input", function()
    local s = "Cambodia\226\128\153s PM, on 2024-05-01 at 10:30 (U.S.-China) \240\159\145\141\240\159\143\189 \n\n\230\157\177\228\186\172"
    local segs = newsnlp.segments(s, "word")
    assert.equal(s, table.concat(segs))
    assert.same({ "Cambodia\226\128\153s", " ", "PM", ",", " ", "on", " ", "2024", "-", "05", "-", "01",
      " ", "at", " ", "10", ":", "30", " ", "(", "U.S", ".", "-", "China", ")", " ",
      "\240\159\145\141\240\159\143\189", " ", "\n", "\n", "\230\157\177", "\228\186\172" }, segs)
  end)

  it("keeps words, numbers and emoji sequences whole", function()
    assert.same({ "don't", " ", "3.5", " ", "1,234", " ", "e.g", "." },
      newsnlp.segments("don't 3.5 1,234 e.g.", "word"))
    -- a family emoji (ZWJ sequence) and a flag (two regional indicators)
    local family = "\240\159\145\169\226\128\141\240\159\145\169\226\128\141\240\159\145\167"
    local flag = "\240\159\135\175\240\159\135\181"
    assert.same({ family, flag, flag }, newsnlp.segments(family .. flag .. flag, "word"))
  end)

  it("makes each ill-formed sequence a segment of its own, and never loops", function()
    assert.same({ "ab", "\128", "\226\130", "cd", "\255" }, newsnlp.segments("ab\128\226\130cd\255", "word"))
    assert.same({}, newsnlp.segments("", "word"))
    -- random bytes always tile
    math.randomseed(29)
    for _ = 1, 200 do
      local bytes = {}
      for i = 1, math.random(0, 40) do bytes[i] = string.char(math.random(0, 255)) end
      local s = table.concat(bytes)
      local segs = newsnlp.segments(s, "word")
      assert.equal(s, table.concat(segs))
      for _, seg in ipairs(segs) do assert.is_true(#seg > 0) end
    end
  end)

  it("handles a long text without spaces", function()
    local s = ("word"):rep(250000)
    local segs = newsnlp.segments(s, "word")
    assert.equal(1, #segs)
    assert.equal(#s, #segs[1])
  end)

  it("raises for a bad argument, naming it", function()
    local ok, err = pcall(newsnlp.segments, 42, "word")
    assert.is_false(ok)
    assert.matches("bad argument #1 .*string expected, got number", err)
    ok, err = pcall(newsnlp.segments, "x", "paragraph")
    assert.is_false(ok)
    assert.matches("unknown segment mode 'paragraph'", err)
    ok, err = pcall(newsnlp.segments, "x")
    assert.is_false(ok)
    assert.matches("bad argument #2", err)
  end)
end)
