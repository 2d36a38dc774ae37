-- Terms, n-grams, stopwords and stemming.
local newsnlp = require "newsnlp"

-- Texts written for these tests.
local EN = "The Bank of Japan's governor said on Tuesday that the banks' loans to " ..
  "Greece were rising.  Cambodia\226\128\153s prime minister met the Prime Minister of Japan."
local DE = "Die Regierung hat am Montag mitgeteilt, dass die Stra\195\159e nach Berlin " ..
  "gesperrt bleibt. Die STRASSE wird erst im Mai wieder ge\195\182ffnet."
local FR = "L'homme qu'il a rencontr\195\169 dans l'ascenseur travaille pour le gouvernement " ..
  "fran\195\167ais. Aujourd'hui, les ministres se r\195\169unissent \195\160 Paris."

local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out)
  return out
end

describe("newsnlp.terms", function()
  it("counts case-folded words without stopwords, and reports the language", function()
    local t, lang = newsnlp.terms(EN, { lang = "en" })
    assert.equal("en", lang)
    assert.equal(2, t.japan)
    assert.equal(2, t.minister)
    assert.equal(2, t.prime)
    assert.is_nil(t.the)
    assert.is_nil(t["of"])
    assert.is_nil(t.Japan)
  end)

  it("strips English possessives, typographic apostrophes included", function()
    local t = newsnlp.terms(EN, { lang = "en" })
    assert.equal(1, t.cambodia)
    assert.equal(1, t.banks)
    assert.is_nil(t["japan's"])
    assert.is_nil(t["cambodia\226\128\153s"])
  end)

  it("strips French elisions, and leaves words that only look elided", function()
    local t, lang = newsnlp.terms(FR, { lang = "fr" })
    assert.equal("fr", lang)
    assert.equal(1, t.homme)
    assert.equal(1, t.ascenseur)
    assert.equal(1, t["aujourd'hui"])
    assert.is_nil(t["l'homme"])
    assert.is_nil(t["qu'il"]) -- "il" is a stopword
    assert.is_nil(t.il)
  end)

  it("folds case fully: ß and SS are one term, and composed and decomposed forms too", function()
    local t = newsnlp.terms(DE, { lang = "de" })
    assert.equal(2, t.strasse)
    assert.is_nil(t["stra\195\159e"])
    assert.is_nil(t.die)
    assert.is_nil(t.dass)
    local nfc = newsnlp.terms("Ge\195\182ffnet", { lang = "de" })
    local nfd = newsnlp.terms("Geo\204\136ffnet", { lang = "de" })
    assert.same(nfc, nfd)
    assert.equal(1, nfc["ge\195\182ffnet"])
    -- A soft hyphen does not split or change a word.
    local shy = newsnlp.terms("Regie\194\173rung", { lang = "de" })
    assert.same({ regierung = 1 }, shy)
  end)

  it("stems with the language's Snowball stemmer when asked", function()
    local t = newsnlp.terms("The governments governed; a government governs.",
      { lang = "en", stem = true })
    assert.same({ govern = 4 }, t)
    local d = newsnlp.terms("Die Regierungen und die Regierung", { lang = "de", stem = true })
    assert.same({ regier = 2 }, d)
    local r = newsnlp.terms("\208\191\209\128\208\176\208\178\208\184\209\130\208\181\208\187\209\140" ..
      "\209\129\209\130\208\178\208\176 \208\191\209\128\208\176\208\178\208\184\209\130\208\181\208\187" ..
      "\209\140\209\129\209\130\208\178\208\190", { lang = "ru", stem = true })
    assert.equal(2, r["\208\191\209\128\208\176\208\178\208\184\209\130\208\181\208\187\209\140\209\129\209\130\208\178"])
  end)

  it("replaces, extends or drops the stopword list", function()
    local text = "The bank said the bank will lend money"
    local t = newsnlp.terms(text, { lang = "en", extra_stopwords = { "Said", "BANK" } })
    assert.same({ "lend", "money" }, keys(t))
    t = newsnlp.terms(text, { lang = "en", stopwords = { "bank" } })
    assert.same({ "lend", "money", "said", "the", "will" }, keys(t))
    assert.equal(2, t.the)
    t = newsnlp.terms(text, { lang = "en", stopwords = false })
    assert.equal(2, t.the)
    assert.equal(2, t.bank)
  end)

  it("keeps numbers out unless asked", function()
    local text = "Shares rose 4.5% to $134 on 2024-05-01, the 3rd rise in 10 days."
    local t = newsnlp.terms(text, { lang = "en" })
    assert.is_nil(t["4.5%"])
    assert.is_nil(t["10"])
    assert.equal(1, t.shares)
    t = newsnlp.terms(text, { lang = "en", numbers = true })
    assert.equal(1, t["4.5%"])
    assert.equal(1, t["10"])
    assert.equal(1, t["$134"])
  end)

  it("guesses the language when none is given, and says which", function()
    local _, lang = newsnlp.terms(DE)
    assert.equal("de", lang)
    _, lang = newsnlp.terms(FR)
    assert.equal("fr", lang)
    local t
    t, lang = newsnlp.terms("Obama Merkel Putin")
    assert.equal("und", lang)
    -- Undetermined: folded words, no stopwords removed, no stemming.
    assert.same({ merkel = 1, obama = 1, putin = 1 }, t)
  end)

  it("counts ideographs one by one", function()
    local t, lang = newsnlp.terms("\228\184\173\229\155\189\231\187\143\230\181\142\228\184\173\229\155\189")
    assert.equal("zh", lang)
    assert.equal(2, t["\228\184\173"])
    assert.equal(2, t["\229\155\189"])
  end)

  it("survives invalid UTF-8 and empty text", function()
    local t, lang = newsnlp.terms("")
    assert.same({}, t)
    assert.equal("und", lang)
    t = newsnlp.terms("bank\255bank caf\195", { lang = "en" })
    assert.equal(2, t.bank)
    for k in pairs(t) do assert.is_true(newsnlp.isvalid(k)) end
  end)

  it("raises on bad arguments, naming the option", function()
    assert.has_error(function() newsnlp.terms(42) end)
    assert.has_error(function() newsnlp.terms("x", { lnag = "en" }) end, "bad argument #2 to 'terms' (unknown option 'lnag')")
    assert.has_error(function() newsnlp.terms("x", { lang = "English" }) end)
    assert.has_error(function() newsnlp.terms("x", { stem = "yes" }) end)
    assert.has_error(function() newsnlp.terms("x", { lang = "zh", stem = true }) end)
    assert.has_error(function() newsnlp.terms("x", { stopwords = "the" }) end)
    assert.has_error(function() newsnlp.terms("x", { extra_stopwords = { 1 } }) end)
    assert.has_error(function() newsnlp.terms("x", { stopwords = false, extra_stopwords = { "a" } }) end)
  end)
end)

describe("newsnlp.ngrams", function()
  it("counts n-grams without stopwords at the edges", function()
    local g, lang = newsnlp.ngrams("The Bank of Japan said. The Bank of Japan will lend. Bank of Japan", 3)
    assert.equal("en", lang)
    assert.same({ text = "bank of japan", count = 3 }, g[1])
    for _, r in ipairs(g) do
      assert.is_nil(r.text:match("^the "))
      assert.is_nil(r.text:match(" said$"))
    end
  end)

  it("never crosses punctuation, a sentence end or a blank line", function()
    local g = newsnlp.ngrams("Prices rose. Markets fell, traders said\n\nBanks lend", 2, { lang = "en" })
    local seen = {}
    for _, r in ipairs(g) do seen[r.text] = r.count end
    assert.equal(1, seen["prices rose"])
    assert.equal(1, seen["markets fell"])
    assert.equal(1, seen["traders said"])
    assert.equal(1, seen["banks lend"])
    assert.is_nil(seen["rose markets"])
    assert.is_nil(seen["fell traders"])
    assert.is_nil(seen["said banks"])
  end)

  it("ends n-grams at sentence boundaries that no punctuation marks", function()
    -- The period of "Inc." belongs to the abbreviation; a heading ends at its line.
    local g = newsnlp.ngrams("He works for Apple Inc. Analysts expect growth.\nMarkets rally\nShares rose",
      2, { lang = "en" })
    local seen = {}
    for _, r in ipairs(g) do seen[r.text] = r.count end
    assert.equal(1, seen["apple inc."])
    assert.equal(1, seen["analysts expect"])
    assert.equal(1, seen["markets rally"])
    assert.is_nil(seen["inc. analysts"])
    assert.is_nil(seen["rally shares"])
  end)

  it("ranks by count, then by text, and keeps the top", function()
    local g = newsnlp.ngrams("red car. blue car. red car. green car. blue car. red car.", 2,
      { lang = "en", top = 2 })
    assert.same({ { text = "red car", count = 3 }, { text = "blue car", count = 2 } }, g)
  end)

  it("gives unigrams for n = 1, stemmed when asked", function()
    local g = newsnlp.ngrams("Governments govern", 1, { lang = "en", stem = true })
    assert.same({ { text = "govern", count = 2 } }, g)
  end)

  it("checks n", function()
    assert.has_error(function() newsnlp.ngrams("a b", 0) end)
    assert.has_error(function() newsnlp.ngrams("a b", 9) end)
    assert.has_error(function() newsnlp.ngrams("a b", 2, { top = -1 }) end)
  end)
end)

describe("newsnlp.stopwords, stem and languages", function()
  it("lists the built-in stopwords of at least eight languages", function()
    for _, code in ipairs { "en", "de", "fr", "es", "it", "pt", "nl", "ru" } do
      local list = newsnlp.stopwords(code)
      assert.is_true(#list >= 100, code)
      for i = 2, #list do assert.is_true(list[i - 1] < list[i]) end
    end
    assert.same({}, newsnlp.stopwords("zh"))
    assert.has_error(function() newsnlp.stopwords("English") end)
  end)

  it("stems single words in every Snowball language", function()
    assert.equal("govern", newsnlp.stem("Governments", "en"))
    assert.equal("gouvern", newsnlp.stem("gouvernement", "fr"))
    -- Inflections of one word share a stem.
    assert.equal(newsnlp.stem("ministro", "es"), newsnlp.stem("ministros", "es"))
    assert.equal(newsnlp.stem("ministri", "it"), newsnlp.stem("ministro", "it"))
    local n = 0
    for code, info in pairs(newsnlp.languages()) do
      if info.stemmer then
        n = n + 1
        assert.is_string(newsnlp.stem("word", code))
      else
        assert.has_error(function() newsnlp.stem("word", code) end)
      end
    end
    assert.is_true(n >= 28)
  end)

  it("describes the languages it knows", function()
    local langs = newsnlp.languages()
    assert.same({ name = "german", stemmer = true, stopwords = #newsnlp.stopwords("de"), guess = true }, langs.de)
    assert.is_false(langs.zh.stemmer)
    assert.is_true(langs.zh.guess)
    assert.is_true(langs.uk.guess)   -- by its letters
    assert.is_false(langs.bg.guess)  -- read as Russian
    assert.is_true(langs.pl.guess)   -- a stopword profile
    assert.is_false(langs.sk.guess)  -- none
    -- Every language the guess answers is described, and said to be guessable.
    for _, text in ipairs { "the bank of the city", "Die Bank der Stadt und", "\208\177\208\176\208\189\208\186" } do
      local code = newsnlp.language(text)
      assert.is_true(langs[code].guess, code)
    end
  end)
end)

describe("newsnlp.collocations of a text", function()
  local text = ("The prime minister met the central bank governor. " ..
    "Later the prime minister spoke to reporters about the central bank. " ..
    "The central bank said the prime minister was right. " ..
    "Reporters asked the governor of the Bank of Japan about rates. " ..
    "The Bank of Japan kept rates unchanged, the Bank of Japan said.")

  it("ranks multiword expressions by log-likelihood, with PMI and counts", function()
    local c, lang = newsnlp.collocations(text)
    assert.equal("en", lang)
    local byname = {}
    for i, r in ipairs(c) do
      byname[r.text] = r
      if i > 1 then assert.is_true(c[i - 1].llr >= r.llr) end
      assert.is_true(r.count >= 2)
      assert.is_true(r.pmi > 0)
    end
    assert.equal(3, byname["prime minister"].count)
    assert.equal(2, byname["prime minister"].n)
    assert.equal(3, byname["central bank"].count)
    assert.equal(3, byname["bank of japan"].count)
    assert.equal(3, byname["bank of japan"].n)
  end)

  it("filters by size and count", function()
    for _, r in ipairs(newsnlp.collocations(text, { n = 3 })) do assert.equal(3, r.n) end
    for _, r in ipairs(newsnlp.collocations(text, { min_count = 3 })) do assert.is_true(r.count >= 3) end
    assert.equal(1, #newsnlp.collocations(text, { top = 1 }))
    assert.has_error(function() newsnlp.collocations(text, { n = 4 }) end)
    assert.has_error(function() newsnlp.collocations(text, { min_count = 0 }) end)
    assert.has_error(function() newsnlp.collocations(text, { stem = true }) end)
    assert.has_error(function() newsnlp.collocations(42) end)
  end)
end)
