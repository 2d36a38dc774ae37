-- newsnlp.normalize: forms, case folding, mark stripping, every clean-up and
-- preset, invalid UTF-8, bad arguments.  Portable to Lua 5.1: decimal escapes.
local newsnlp = require "newsnlp"
local normalize = newsnlp.normalize

local E_ACUTE = "\195\169"            -- U+00E9
local E_COMBINING = "e\204\129"       -- e + U+0301
local RSQUO = "\226\128\153"          -- U+2019
local FFFD = "\239\191\189"

describe("newsnlp.normalize", function()
  describe("forms", function()
    it("puts text in NFC by default", function()
      assert.equal("caf" .. E_ACUTE, normalize("caf" .. E_COMBINING))
      assert.equal("caf" .. E_ACUTE, normalize("caf" .. E_ACUTE))
      assert.equal("\234\176\128", normalize("\225\132\128\225\133\161"))  -- Hangul L + V
    end)

    it("gives NFD, NFKC and NFKD", function()
      assert.equal("caf" .. E_COMBINING, normalize("caf" .. E_ACUTE, { form = "NFD" }))
      assert.equal("fi 1", normalize("\239\172\129 \226\145\160", { form = "NFKC" }))
      assert.equal("e\204\129 fi", normalize(E_ACUTE .. " \239\172\129", { form = "NFKD" }))
      -- NFC keeps compatibility characters
      assert.equal("\239\172\129", normalize("\239\172\129", { form = "NFC" }))
    end)

    it("reorders combining marks canonically", function()
      -- a + U+0301 (230) + U+0316 (220) -> U+00E1 U+0316 in NFC
      assert.equal("\195\161\204\150", normalize("a\204\129\204\150"))
      assert.equal("a\204\150\204\129", normalize("a\204\129\204\150", { form = "NFD" }))
    end)

    it("returns ASCII and normalized text unchanged", function()
      local s = "Phnom Penh (Reuters) - Cambodia" .. RSQUO .. "s prime minister said on Monday."
      assert.equal(s, normalize(s))
      assert.equal(s, normalize(s, { form = "NFKC" }))
      assert.equal("", normalize(""))
    end)
  end)

  describe("casefold and strip_marks", function()
    it("folds case fully", function()
      assert.equal("strasse", normalize("STRA\195\159E", { casefold = true }))
      assert.equal("\207\131\207\131", normalize("\206\163\207\130", { casefold = true }))  -- Σς -> σσ
      assert.equal("\208\188\208\190\209\129\208\186\208\178\208\176",
                   normalize("\208\156\208\158\208\161\208\154\208\146\208\144", { casefold = true }))
      assert.equal("\195\169t\195\169", normalize("\195\137T\195\137", { casefold = true }))
    end)

    it("strips marks when asked", function()
      assert.equal("Muller", normalize("M\195\188ller", { strip_marks = true }))
      assert.equal("Muller", normalize("Mu\204\136ller", { strip_marks = true }))
      assert.equal("M\195\188ller", normalize("M\195\188ller"))
      assert.equal("angstrom", normalize("\195\133ngstr\195\182m", { strip_marks = true, casefold = true }))
    end)
  end)

  describe("clean-ups", function()
    it("turns typographic quotes into ASCII", function()
      assert.equal("\"Yes,\" it's 'fine'",
        normalize("\226\128\156Yes,\226\128\157 it\226\128\153s \226\128\152fine\226\128\153", { quotes = true }))
      assert.equal("it" .. RSQUO .. "s", normalize("it" .. RSQUO .. "s"))
    end)

    it("turns dashes into ASCII", function()
      assert.equal("1990-91 -- or -5", normalize("1990\226\128\14791 \226\128\148 or \226\136\1465", { dashes = true }))
    end)

    it("expands the ellipsis", function()
      assert.equal("and then...", normalize("and then\226\128\166", { ellipsis = true }))
    end)

    it("turns Unicode spaces into a space", function()
      assert.equal("10 km a b", normalize("10\194\160km\226\128\175a\227\128\128b", { spaces = true }))
    end)

    it("removes zero-width characters, soft hyphens and the BOM", function()
      assert.equal("news paper", normalize("\239\187\191news\226\128\139 pa\194\173per", { invisible = true }))
      -- ZWJ in an emoji sequence stays
      local family = "\240\159\145\168\226\128\141\240\159\145\169"
      assert.equal(family, normalize(family, { invisible = true }))
    end)

    it("removes control characters but tab and line endings", function()
      assert.equal("ab\tc\nd\r\n", normalize("a\1b\tc\nd\127\r\n", { controls = true }))
      assert.equal("xy", normalize("x\194\128y", { controls = true }))   -- C1
      assert.equal("a\0b", normalize("a\0b"))
      assert.equal("ab", normalize("a\0b", { controls = true }))
    end)

    it("converts line endings to LF", function()
      assert.equal("a\nb\nc\nd", normalize("a\r\nb\rc\226\128\168d", { newlines = true }))
    end)

    it("collapses white space and trims", function()
      assert.equal("a b\n\nc", normalize("  a \t  b  \n\n\n\n c  ", { collapse = true, trim = true }))
      assert.equal("a b\n", normalize("a   b   \n", { collapse = true }))
      assert.equal("x", normalize(" \194\160\nx\n ", { trim = true }))
    end)

    it("decodes HTML entities", function()
      assert.equal("AT&T <ok> \226\128\153\226\128\153 \194\169 2024",
        normalize("AT&amp;T &lt;ok&gt; &rsquo;&#x2019; &copy 2024", { entities = true }))
      assert.equal("&bogus; &", normalize("&bogus; &", { entities = true }))
      assert.equal("\226\128\148", normalize("&#151;", { entities = true }))    -- Windows-1252 range
      assert.equal(FFFD, normalize("&#xD800;", { entities = true }))
      assert.equal("&amp;", normalize("&amp;amp;", { entities = true }))       -- decoded once
    end)

    it("strips tags and keeps paragraph breaks", function()
      local html = "<html><head><title>T</title><style>p { color: red }</style></head>" ..
        "<body><h2>Head</h2>\n<p>One <a href=\"/x?a=1&b=2\">link</a>.</p>" ..
        "<ul><li>first</li><li>second</li></ul><script>alert('<p>')</script>" ..
        "<div>Line<br>break</div><!-- comment --></body></html>"
      assert.equal("T\n\nHead\n\nOne link.\n\nfirst\n\nsecond\n\nLine\nbreak",
        normalize(html, { tags = true }))
      assert.equal("1 < 2", normalize("1 < 2", { tags = true }))
    end)

    it("repairs mojibake conservatively", function()
      local once = "Cambodia\195\162\226\130\172\226\132\162s"
      local twice = "Cambodia\195\131\194\162\195\162\226\128\154\194\172\195\162\226\128\158\194\162s"
      assert.equal("Cambodia" .. RSQUO .. "s", normalize(once, { mojibake = true }))
      assert.equal("Cambodia" .. RSQUO .. "s", normalize(twice, { mojibake = true }))
      assert.equal("caf" .. E_ACUTE, normalize("caf\195\131\194\169", { mojibake = true }))
      assert.equal(once, normalize(once))   -- only when asked
      -- twice, through the C1 controls of bytes Windows-1252 leaves undefined
      assert.equal("\208\157\229\176\143",
        normalize("\195\131\194\144\195\130\194\157\195\131\194\165\195\130\194\176\195\130\194\143",
                  { mojibake = true }))
      local correct = "S\195\131O PAULO, \195\162me na\195\175ve, \195\130ge, " ..
        "\195\169t\195\169 \226\128\147 \226\130\172 5"
      assert.equal(correct, normalize(correct, { mojibake = true }))
    end)
  end)

  describe("presets", function()
    local messy = "\239\187\191  Cambodia\195\162\226\130\172\226\132\162s\194\160leader " ..
      "\226\128\156won\226\128\157\226\128\166\r\n\r\n\r\n  M\195\188ller\1  "

    it("nfc is the default", function()
      assert.equal(normalize(messy), normalize(messy, "nfc"))
    end)

    it("news cleans without touching typography", function()
      assert.equal("Cambodia\226\128\153s leader \226\128\156won\226\128\157\226\128\166\n\nM\195\188ller",
        normalize(messy, "news"))
    end)

    it("plain also turns typography into ASCII", function()
      assert.equal("Cambodia's leader \"won\"...\n\nM\195\188ller", normalize(messy, "plain"))
    end)

    it("search makes matching keys", function()
      assert.equal("cambodia's leader \"won\"...\n\nmuller", normalize(messy, "search"))
    end)

    it("html strips markup too", function()
      assert.equal("Title\n\nBody &amp; soul", normalize("<h1>Title</h1><p>Body &amp;amp; soul</p>", "html"))
    end)

    it("can be refined by options", function()
      assert.equal("Cambodia's leader \"won\"\226\128\166\n\nM\195\188ller",
        normalize(messy, { preset = "news", quotes = true, ellipsis = false }))
      assert.equal("Cambodia\226\128\153s leader \226\128\156won\226\128\157\226\128\166\n\nM\195\188ller",
        normalize(messy, { preset = "plain", quotes = false, ellipsis = false }))
    end)
  end)

  describe("invalid UTF-8", function()
    local cases = {
      { "truncated", "ab\226\130", "ab" .. FFFD, "ab" },
      { "overlong", "a\192\175b", "a" .. FFFD .. FFFD .. "b", "ab" },
      { "overlong 3-byte", "\224\128\175", FFFD .. FFFD .. FFFD, "" },
      { "surrogate", "x\237\160\128y", "x" .. FFFD .. FFFD .. FFFD .. "y", "xy" },
      { "0xF5..0xFF", "\245\250\255z", FFFD .. FFFD .. FFFD .. "z", "z" },
      { "beyond U+10FFFF", "\244\144\128\128", FFFD .. FFFD .. FFFD .. FFFD, "" },
      { "lone continuation", "\128\191", FFFD .. FFFD, "" },
    }
    for _, c in ipairs(cases) do
      it("replaces or drops: " .. c[1], function()
        assert.equal(c[3], normalize(c[2]))
        assert.equal(c[3], normalize(c[2], { invalid = "replace" }))
        assert.equal(c[4], normalize(c[2], { invalid = "drop" }))
      end)
    end

    it("returns nil, a message with the byte offset, and EUTF8 on request", function()
      local r, msg, code = normalize("abc\255def", { invalid = "error" })
      assert.is_nil(r)
      assert.equal("EUTF8", code)
      assert.matches("byte 4", msg)
      r, msg, code = normalize("&amp;\237\160\128", { invalid = "error", preset = "html" })
      assert.is_nil(r); assert.equal("EUTF8", code); assert.matches("byte 6", msg)
      assert.equal("ok", normalize("ok", { invalid = "error" }))
    end)

    it("keeps embedded NUL", function()
      assert.equal("a\0" .. E_ACUTE, normalize("a\0" .. E_COMBINING))
    end)
  end)

  describe("large input", function()
    it("handles a 50 MB string", function()
      local piece = "Cambodia" .. RSQUO .. "s CAF" .. E_COMBINING .. " news\r\n"
      local big = string.rep(piece, math.ceil(50 * 1024 * 1024 / #piece))
      assert.is_true(#big >= 50 * 1024 * 1024)
      local r = normalize(big)
      assert.equal(#big - (#E_COMBINING - #E_ACUTE) * (#big / #piece), #r)
      local folded = normalize(big, { casefold = true, newlines = true })
      assert.equal(("cambodia" .. RSQUO .. "s caf" .. E_ACUTE .. " news\n"):rep(3),
                   folded:sub(1, 3 * (#piece - 2)))
      big, r, folded = nil, nil, nil
      collectgarbage()
    end)
  end)

  describe("bad arguments", function()
    it("raises for a non-string text", function()
      for _, v in ipairs({ 42, true, {}, print }) do
        assert.has_error(function() normalize(v) end)
      end
      assert.has_error(function() normalize() end)
      assert.has_error(function() normalize(nil) end)
    end)

    it("raises for unknown option names, naming them", function()
      local ok, err = pcall(normalize, "x", { fomr = "NFC" })
      assert.is_false(ok)
      assert.matches("unknown option 'fomr'", err)
      ok, err = pcall(normalize, "x", { [1] = true })
      assert.is_false(ok)
      assert.matches("option names must be strings", err)
    end)

    it("raises for options of the wrong type or value, naming them", function()
      local ok, err = pcall(normalize, "x", { casefold = "yes" })
      assert.is_false(ok); assert.matches("option 'casefold' must be a boolean", err)
      ok, err = pcall(normalize, "x", { form = "NFX" })
      assert.is_false(ok); assert.matches("option 'form' has unknown value 'NFX'", err)
      ok, err = pcall(normalize, "x", { form = 1 })
      assert.is_false(ok); assert.matches("option 'form' must be a string", err)
      ok, err = pcall(normalize, "x", { invalid = "ignore" })
      assert.is_false(ok); assert.matches("option 'invalid' has unknown value 'ignore'", err)
      ok, err = pcall(normalize, "x", "newz")
      assert.is_false(ok); assert.matches("unknown preset 'newz'", err)
      ok, err = pcall(normalize, "x", { preset = "newz" })
      assert.is_false(ok); assert.matches("unknown preset 'newz'", err)
      ok, err = pcall(normalize, "x", 5)
      assert.is_false(ok); assert.matches("options table or preset name expected", err)
    end)
  end)
end)
