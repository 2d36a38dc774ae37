-- Tokens: every kind, the tricky news cases, options, offsets, counting, errors.
-- Non-ASCII text is written as UTF-8; invisible or ill-formed bytes as decimal escapes.
local newsnlp = require "newsnlp"

-- "text/kind" for every token of s.
local function kinds(s, opts)
  local out = {}
  for text, kind in newsnlp.each_token(s, opts) do out[#out + 1] = text .. "/" .. kind end
  return out
end

local function errors_with(pattern, f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok)
  assert.matches(pattern, err)
end

describe("newsnlp.tokens", function()
  it("gives the tokens without whitespace", function()
    assert.same({ "Cambodia’s", "PM", ",", "2.7%", "." }, newsnlp.tokens("Cambodia’s PM,  2.7%.\n"))
    assert.same({}, newsnlp.tokens(""))
    assert.same({}, newsnlp.tokens(" \t\n\r\n\194\160"))
  end)

  describe("kinds", function()
    it("lists them", function()
      assert.same({ "word", "number", "ordinal", "time", "date", "money", "percent", "abbreviation",
        "ideograph", "url", "email", "hashtag", "mention", "emoji", "punct", "symbol", "invalid" },
        newsnlp.token_kinds())
    end)

    it("word", function()
      assert.same({ "Cambodia/word", "don't/word", "Москва/word", "서울특별시/word", "A380/word",
        "10km/word", "5G/word" }, kinds("Cambodia don't Москва 서울특별시 A380 10km 5G"))
    end)

    it("number", function()
      assert.same({ "42/number", "1,234.5/number", "3.5/number", "1990s/number", "3.5bn/number",
        "9/11/number", "24/7/number", "1990-91/number", "'90s/number", "½/number" },
        kinds("42 1,234.5 3.5 1990s 3.5bn 9/11 24/7 1990-91 '90s ½"))
    end)

    it("ordinal", function()
      assert.same({ "1st/ordinal", "22nd/ordinal", "60th/ordinal", "103RD/ordinal" },
        kinds("1st 22nd 60th 103RD"))
    end)

    it("time", function()
      assert.same({ "10:30/time", "09:15:02/time", "10:30pm/time", "9.30am/time", "10pm/time" },
        kinds("10:30 09:15:02 10:30pm 9.30am 10pm"))
    end)

    it("date (with a year)", function()
      assert.same({ "2024-05-01/date", "2024-05-01T10:30:00Z/date", "1/5/2024/date",
        "2024/05/01/date", "01.05.2024/date" },
        kinds("2024-05-01 2024-05-01T10:30:00Z 1/5/2024 2024/05/01 01.05.2024"))
    end)

    it("money: the amount and an attached scale; a scale word is the next token", function()
      assert.same({ "$134/money", "£5bn/money", "€20/money", "US$1.2/money", "billion/word",
        "HK$3/money", "20€/money", "50¢/money" },
        kinds("$134 £5bn €20 US$1.2 billion HK$3 20€ 50¢"))
    end)

    it("percent", function()
      assert.same({ "2.7%/percent", "50%/percent", "10-15%/percent", "3‰/percent", "5.5pc/percent" },
        kinds("2.7% 50% 10-15% 3‰ 5.5pc"))
    end)

    it("abbreviation, with its period", function()
      assert.same({ "U.S./abbreviation", "Mr./abbreviation", "Ph.D./abbreviation",
        "e.g./abbreviation", "т.е./abbreviation" }, kinds("U.S. Mr. Ph.D. e.g. т.е."))
    end)

    it("ideograph: one Han or hiragana character, a katakana run", function()
      assert.same({ "東/ideograph", "京/ideograph", "の/ideograph", "タワー/ideograph" },
        kinds("東京のタワー"))
    end)

    it("url, email, hashtag, mention", function()
      assert.same({ "https://example.com/a?b=1/url", "www.example.org/url", "example.com/news/url",
        "desk@example.com/email", "#MeToo/hashtag", "@Reuters/mention" },
        kinds("https://example.com/a?b=1 www.example.org example.com/news desk@example.com #MeToo @Reuters"))
    end)

    it("emoji: whole sequences with skin tones, ZWJ, flags, keycaps", function()
      local thumbs = "\240\159\145\141\240\159\143\189"                    -- 👍🏽
      local coder = "\240\159\145\169\226\128\141\240\159\146\187"         -- 👩‍💻
      local flag = "\240\159\135\175\240\159\135\181"                      -- 🇯🇵
      local keycap = "1\239\184\143\226\131\163"                           -- 1️⃣
      local heart = "\226\157\164\239\184\143"                             -- ❤️
      assert.same({ thumbs .. "/emoji", coder .. "/emoji", flag .. "/emoji", keycap .. "/emoji",
        heart .. "/emoji" }, kinds(table.concat({ thumbs, coder, flag, keycap, heart }, " ")))
    end)

    it("punct and symbol", function()
      assert.same({ "(/punct", "—/punct", ".../punct", "--/punct", "+/symbol", "=/symbol", "©/symbol" },
        kinds("( — ... -- + = ©"))
    end)

    it("invalid: each ill-formed sequence alone, never a crash or a loop", function()
      assert.same({ "a/word", "\255/invalid", "b/word", "\226\130/invalid", "\237/invalid",
        "\160/invalid", "\128/invalid" }, kinds("a\255b \226\130 \237\160\128"))
    end)
  end)

  describe("news cases", function()
    it("keeps possessives and contractions whole, possessive recognisable", function()
      assert.same({ "Cambodia’s/word", "Cambodia's/word", "don't/word", "it’s/word",
        "workers'/word", "union/word" }, kinds("Cambodia’s Cambodia's don't it’s workers' union"))
      assert.same({ "Cambodia", "Cambodia", "don't", "it’s", "workers", "union", "U.S." },
        newsnlp.tokens("Cambodia’s Cambodia's don't it’s workers' union U.S.'s", { possessive = "strip" }))
      assert.same({ "Cambodia", "’s", "talks" }, newsnlp.tokens("Cambodia’s talks", { possessive = "split" }))
    end)

    it("keeps hyphenated compounds whole, or splits them", function()
      assert.same({ "Asean-Japan", "one-day", "COVID-19", "e-mail", "U.S.-China", "10-year-old" },
        newsnlp.tokens("Asean-Japan one-day COVID-19 e-mail U.S.-China 10-year-old"))
      assert.same({ "COVID", "-", "19", "U.S.", "-", "China" },
        newsnlp.tokens("COVID-19 U.S.-China", { split_hyphens = true }))
      assert.same({ "pre", "-", "and", "post-war" }, newsnlp.tokens("pre- and post-war"))
    end)

    it("reads tickers, ampersand names, dates and times", function()
      assert.same({ "AAPL.O/word", "AT&T/word", "S&P/word", "500/number", "9/11/number",
        "24/7/number", "10:30/time", "2024-05-01/date" },
        kinds("AAPL.O AT&T S&P 500 9/11 24/7 10:30 2024-05-01"))
    end)

    it("leaves a sentence-final abbreviation its period", function()
      assert.same({ "talks/word", "with/word", "the/word", "U.S./abbreviation", "Talks/word" },
        kinds("talks with the U.S. Talks"))
    end)

    it("splits a period that lost its space", function()
      assert.same({ "said", ".", "The", "Amazon.com" }, newsnlp.tokens("said.The Amazon.com"))
    end)

    it("keeps a URL's balanced parentheses and leaves its trailing punctuation", function()
      assert.same({ "(", "see", "https://en.example.org/wiki/A_(b)", ")", "." },
        newsnlp.tokens("(see https://en.example.org/wiki/A_(b))."))
    end)

    it("handles Arabic, Hebrew, Devanagari, Thai, Chinese and Japanese", function()
      assert.same({ "مرحبا/word", "بالعالم/word", "שלום/word", "צה\"ל/word", "नमस्ते/word",
        "ภาษาไทย/word", "中/ideograph", "文/ideograph", "カタカナ/ideograph", "で/ideograph" },
        kinds("مرحبا بالعالم שלום צה\"ל नमस्ते ภาษาไทย 中文 カタカナで"))
    end)

    it("never puts whitespace in a token (no-break and zero-width spaces separate)", function()
      assert.same({ "5", "%", "a", "b", "c" }, newsnlp.tokens("5\194\160% a\226\128\175b\226\128\139c"))
    end)
  end)

  describe("abbreviations by language", function()
    it("uses the language's list with lang", function()
      assert.same({ "Mr./abbreviation", "Smith/word" }, kinds("Mr. Smith", { lang = "en" }))
      assert.same({ "Dr./abbreviation", "No/word" }, kinds("Dr. No", { lang = "en-GB" }))
    end)

    it("has a language-neutral rule without lang: every list, and letters with periods", function()
      assert.same({ "Mr./abbreviation", "e.g./abbreviation" }, kinds("Mr. e.g."))
    end)

    it("knows only letters with periods for a language without a list", function()
      assert.same({ "Mr/word", "./punct", "U.S./abbreviation" }, kinds("Mr. U.S.", { lang = "xx" }))
    end)
  end)

  describe("options", function()
    it("casefolds, with an ASCII fast path and Unicode full case folding", function()
      assert.same({ "the", "u.s.", "strasse", "strasse", "σοφία" },
        newsnlp.words("The U.S. Straße STRASSE ΣΟΦΊΑ", { casefold = true }))
    end)

    it("filters kinds, given as a set or an array", function()
      assert.same({ "$5", "2%" }, newsnlp.tokens("Pay $5, 2% more", { kinds = { "money", "percent" } }))
      assert.same({ "$5" }, newsnlp.tokens("Pay $5, 2% more", { kinds = { money = true, percent = false } }))
    end)

    it("raises for unknown options and bad values, naming them", function()
      errors_with("unknown option 'fomr'", newsnlp.tokens, "x", { fomr = 1 })
      errors_with("option 'possessive' has unknown value 'drop'", newsnlp.tokens, "x", { possessive = "drop" })
      errors_with("option 'split_hyphens' must be a boolean", newsnlp.tokens, "x", { split_hyphens = 1 })
      errors_with("option 'kinds' has unknown kind 'wrod'", newsnlp.words, "x", { kinds = { "wrod" } })
      errors_with("option 'kinds' names no kind", newsnlp.tokens, "x", { kinds = {} })
      errors_with("option 'lang' has malformed value 'english'", newsnlp.tokens, "x", { lang = "english" })
      errors_with("option 'lang' must be a string", newsnlp.each_token, "x", { lang = 1 })
      errors_with("bad argument #1 .*string expected, got number", newsnlp.tokens, 42)
      errors_with("bad argument #1 .*string expected", newsnlp.words)
      errors_with("bad argument #2 .*table expected", newsnlp.token_records, "x", "opts")
    end)
  end)
end)

describe("newsnlp.each_token", function()
  it("gives text, kind and 1-based inclusive byte offsets", function()
    local s = "Hi \240\159\145\141 U.S.\n"
    local seen = {}
    for text, kind, i, j in newsnlp.each_token(s) do
      assert.equal(text, s:sub(i, j))
      seen[#seen + 1] = { text, kind, i, j }
    end
    assert.same({ { "Hi", "word", 1, 2 }, { "\240\159\145\141", "emoji", 4, 7 },
      { "U.S.", "abbreviation", 9, 12 } }, seen)
  end)

  it("keeps offsets on the original text when casefolding", function()
    for text, _, i, j in newsnlp.each_token("ÉCOLE Straße", { casefold = true }) do
      assert.equal(text, newsnlp.tokens(("ÉCOLE Straße"):sub(i, j), { casefold = true })[1])
    end
  end)

  it("offsets s:sub(i, j) == text on random bytes, tokens in order and never empty", function()
    math.randomseed(7)
    local alphabet = { "a", "Z", "1", " ", ".", "-", "'", "$", "%", "@", "#", ":", "/", "\n",
      "\226\128\153", "\195\169", "\240\159\145\141", "\255", "\204\136", "\226\128\141" }
    for _ = 1, 300 do
      local parts = {}
      for i = 1, math.random(0, 30) do parts[i] = alphabet[math.random(#alphabet)] end
      local s, last = table.concat(parts), 0
      for text, _, i, j in newsnlp.each_token(s) do
        assert.is_true(i > last and j >= i and j <= #s)
        assert.equal(text, s:sub(i, j))
        assert.is_nil(text:find("[ \n]"))
        last = j
      end
    end
  end)
end)

describe("newsnlp.token_records", function()
  it("gives { text, kind, start, stop } records", function()
    assert.same({
      { text = "Mr.", kind = "abbreviation", start = 1, stop = 3 },
      { text = "Smith", kind = "word", start = 5, stop = 9 },
      { text = "paid", kind = "word", start = 11, stop = 14 },
      { text = "$5bn", kind = "money", start = 16, stop = 19 },
    }, newsnlp.token_records("Mr. Smith paid $5bn"))
  end)
end)

describe("newsnlp.words", function()
  it("gives word-like tokens only (word, abbreviation, ideograph)", function()
    assert.same({ "The", "U.S.", "said", "times", "東" }, newsnlp.words("The U.S. said 3 times, $5 東!"))
    assert.same({ "the", "u.s.", "said" }, newsnlp.words("The U.S. said", { casefold = true }))
  end)
end)

describe("newsnlp.count", function()
  it("counts word-like tokens in C", function()
    assert.same({ The = 1, cat = 1, ["and"] = 1, the = 1, hat = 1 }, newsnlp.count("The cat and the hat."))
  end)

  it("casefolds, skips stopwords (a set or an array) and short words", function()
    local text = "The cat and the hat. THE END! Straße, STRASSE, a I"
    assert.same({ the = 3, cat = 1, hat = 1, ["end"] = 1, strasse = 2 },
      newsnlp.count(text, { casefold = true, stopwords = { "and" }, min_length = 2 }))
    assert.same({ the = 3, cat = 1, hat = 1, ["end"] = 1, strasse = 2, a = 1, i = 1 },
      newsnlp.count(text, { casefold = true, stopwords = { ["and"] = true } }))
  end)

  it("counts other kinds when asked, and possessives stripped", function()
    assert.same({ ["2.7%"] = 2, ["$5"] = 1 }, newsnlp.count("2.7% and 2.7%, $5", { kinds = { "percent", "money" } }))
    assert.same({ Cambodia = 2 }, newsnlp.count("Cambodia’s Cambodia", { possessive = "strip" }))
  end)

  it("raises for bad options, naming them", function()
    errors_with("option 'stopwords' must be a table", newsnlp.count, "x", { stopwords = "the" })
    errors_with("option 'stopwords' must hold strings", newsnlp.count, "x", { stopwords = { 1 } })
    errors_with("option 'min_length' must not be negative", newsnlp.count, "x", { min_length = -1 })
    errors_with("option 'min_length' must be an integer", newsnlp.count, "x", { min_length = 1.5 })
    errors_with("unknown option 'stopword'", newsnlp.count, "x", { stopword = {} })
    errors_with("bad argument #1 .*string expected", newsnlp.count, nil)
  end)

  it("handles a long text without spaces", function()
    local s = ("ab-"):rep(200000)
    local counts = newsnlp.count(s, { kinds = { "word", "punct" } })
    local n = 0
    for _, c in pairs(counts) do n = n + c end
    assert.is_true(n >= 1)
  end)
end)
