-- The module loads, reports its versions, and answers UTF-8 queries without raising.
local newsnlp = require "newsnlp"

describe("newsnlp", function()
  it("reports its version, the Unicode version of its tables and utf8proc's", function()
    assert.matches("^%d+%.%d+%.%d+$", newsnlp.version)
    assert.matches("^%d+%.%d+%.%d+$", newsnlp.unicode_version)
    assert.matches("^%d+%.%d+%.%d+", newsnlp.utf8proc_version)
  end)

  it("loads its C part as newsnlp.core", function()
    local core = require "newsnlp.core"
    assert.equal(newsnlp.version, core.version)
  end)
end)

describe("newsnlp.isvalid", function()
  it("accepts ASCII and well-formed UTF-8", function()
    assert.is_true(newsnlp.isvalid(""))
    assert.is_true(newsnlp.isvalid("Mr. Hun Sen"))
    assert.is_true(newsnlp.isvalid("Cambodia\226\128\153s \226\130\172 \240\159\152\128"))
    assert.is_true(newsnlp.isvalid("nul\0inside"))
  end)

  it("gives the 1-based offset of the first bad byte", function()
    local ok, at = newsnlp.isvalid("abc\255def")
    assert.is_false(ok)
    assert.equal(4, at)
    ok, at = newsnlp.isvalid("\226\130")         -- truncated sequence
    assert.is_false(ok); assert.equal(1, at)
    ok, at = newsnlp.isvalid("x\192\175")        -- overlong "/"
    assert.is_false(ok); assert.equal(2, at)
    ok, at = newsnlp.isvalid("ab\237\160\128")   -- a surrogate
    assert.is_false(ok); assert.equal(3, at)
    ok, at = newsnlp.isvalid("\244\144\128\128") -- beyond U+10FFFF
    assert.is_false(ok); assert.equal(1, at)
  end)

  it("never raises, whatever it is given", function()
    assert.is_false(newsnlp.isvalid(nil))
    assert.is_false(newsnlp.isvalid(42))
    assert.is_false(newsnlp.isvalid({}))
  end)
end)
