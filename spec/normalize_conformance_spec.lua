-- Unicode conformance: NormalizationTest.txt from Debian's unicode-data, read
-- through bzcat, against newsnlp.normalize in all four forms.
local newsnlp = require "newsnlp"

local TEST_FILE = "/usr/share/unicode/NormalizationTest.txt.bz2"

-- UTF-8 of a code point (5.1 has no utf8.char).
local function utf8_char(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then
    return string.char(0xC0 + math.floor(cp / 0x40), 0x80 + cp % 0x40)
  end
  if cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 0x1000), 0x80 + math.floor(cp / 0x40) % 0x40,
                       0x80 + cp % 0x40)
  end
  return string.char(0xF0 + math.floor(cp / 0x40000), 0x80 + math.floor(cp / 0x1000) % 0x40,
                     0x80 + math.floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
end

local function field(hexes)
  local out = {}
  for h in hexes:gmatch("%x+") do out[#out + 1] = utf8_char(tonumber(h, 16)) end
  return table.concat(out)
end

local function hex(s)
  return (s:gsub(".", function(c) return ("%02X "):format(c:byte()) end))
end

-- Reads the file: the test lines (five columns) and the code points of Part 1.
local function read_tests()
  local f = assert(io.popen("bzcat " .. TEST_FILE, "r"))
  local lines, part1, part = {}, {}, nil
  for line in f:lines() do
    local p = line:match("^@Part(%d)")
    if p then
      part = tonumber(p)
    else
      local data = line:gsub("#.*", "")
      local cols = {}
      for c in data:gmatch("([^;]*);") do cols[#cols + 1] = c end
      if #cols >= 5 then
        local row = { field(cols[1]), field(cols[2]), field(cols[3]), field(cols[4]), field(cols[5]),
                      text = line }
        lines[#lines + 1] = row
        if part == 1 then part1[tonumber(cols[1]:match("%x+"), 16)] = true end
      end
    end
  end
  f:close()
  return lines, part1
end

describe("NormalizationTest.txt", function()
  local ok_file = io.open(TEST_FILE, "rb")
  if ok_file then ok_file:close() end

  it("is available (Debian's unicode-data, read with bzcat)", function()
    assert.truthy(ok_file, TEST_FILE .. " is missing: install unicode-data")
  end)
  if not ok_file then return end

  local lines, part1 = read_tests()

  it("has the test lines of Unicode " .. newsnlp.unicode_version, function()
    assert.is_true(#lines > 18000)
  end)

  -- The relations stated in the file's header, for c1..c5 of every line.
  local relations = {
    { "NFC", { { 2, 1 }, { 2, 2 }, { 2, 3 }, { 4, 4 }, { 4, 5 } } },
    { "NFD", { { 3, 1 }, { 3, 2 }, { 3, 3 }, { 5, 4 }, { 5, 5 } } },
    { "NFKC", { { 4, 1 }, { 4, 2 }, { 4, 3 }, { 4, 4 }, { 4, 5 } } },
    { "NFKD", { { 5, 1 }, { 5, 2 }, { 5, 3 }, { 5, 4 }, { 5, 5 } } },
  }
  for _, rel in ipairs(relations) do
    local form, pairs_ = rel[1], rel[2]
    it("holds every " .. form .. " relation of every line", function()
      local opts = { form = form }
      local failures, checked = {}, 0
      for _, row in ipairs(lines) do
        for _, pr in ipairs(pairs_) do
          local want, got = row[pr[1]], newsnlp.normalize(row[pr[2]], opts)
          checked = checked + 1
          if got ~= want and #failures < 10 then
            failures[#failures + 1] = ("c%d == %s(c%d) fails: %s\n  got  %s\n  want %s"):format(
              pr[1], form, pr[2], row.text, hex(got), hex(want))
          end
        end
      end
      assert.equal(#lines * 5, checked)
      assert.same({}, failures)
    end)
  end

  it("leaves every code point not in Part 1 unchanged in all four forms", function()
    -- Checked in batches separated by spaces, which nothing combines with;
    -- a batch that changes is then checked code point by code point.
    local forms = { { form = "NFC" }, { form = "NFD" }, { form = "NFKC" }, { form = "NFKD" } }
    local failures, batch, count = {}, {}, 0
    local function flush()
      local s = table.concat(batch, " ")
      for _, o in ipairs(forms) do
        if newsnlp.normalize(s, o) ~= s then
          for _, c in ipairs(batch) do
            if newsnlp.normalize(c, o) ~= c and #failures < 10 then
              failures[#failures + 1] = o.form .. " changes " .. hex(c)
            end
          end
        end
      end
      batch = {}
    end
    for cp = 0, 0x10FFFF do
      if not part1[cp] and (cp < 0xD800 or cp > 0xDFFF) then
        batch[#batch + 1] = utf8_char(cp)
        count = count + 1
        if #batch == 2000 then flush() end
      end
    end
    flush()
    assert.is_true(count > 1000000)
    assert.same({}, failures)
  end)
end)
