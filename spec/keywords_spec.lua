-- Keyphrases: newsnlp.keywords.
local newsnlp = require "newsnlp"

-- Texts written for these tests.
local EN = "PHNOM PENH, Cambodia (AP) _ Prime Minister Hun Sen said Monday that the flood " ..
  "waters along the Mekong River would recede within a week.\n\n" ..
  "Hun Sen toured flooded rice fields near the capital. Mr. Hun Sen promised emergency " ..
  "rice supplies for the flooded provinces, and cleanup crews began work.\n\n" ..
  "Japan\226\128\153s government offered flood relief. Japan sent two cargo planes with " ..
  "water pumps, and Sen thanked Japan for the emergency aid. The cleanup crews " ..
  "worked through the night; one cleanup crew reached the border.\n\n" ..
  "The Mekong River flood is the worst in a decade, officials said.\n"

local DE = "Die Regierung in Berlin will die Steuern f\195\188r Autofahrer erh\195\182hen. " ..
  "Die Steuern sind hoch, sagte die Kanzlerin in Berlin. Die Autofahrer protestieren " ..
  "gegen die Steuer."

local FR = "Le gouvernement fran\195\167ais a annonc\195\169 une hausse des imp\195\180ts " ..
  "sur les carburants. Les automobilistes de Paris protestent contre la hausse des " ..
  "imp\195\180ts, et le gouvernement d\195\169fend sa r\195\169forme."

local ES = "El Gobierno de Espa\195\177a anunci\195\179 una subida de los impuestos sobre " ..
  "el combustible. Los conductores de Madrid protestan contra la subida de los impuestos."

local function texts(list)
  local out = {}
  for i, k in ipairs(list) do out[i] = k.text end
  return out
end

local function find(list, text)
  for i, k in ipairs(list) do
    if k.text == text then return k, i end
  end
end

describe("newsnlp.keywords", function()
  it("finds noun phrases, best first, and says what it did", function()
    local list, info = newsnlp.keywords(EN, { lang = "en" })
    assert.equal(10, #list)
    assert.equal("Hun Sen", list[1].text)
    assert.equal(1, list[1].score)
    for i = 2, #list do
      assert.is_true(list[i].score <= list[i - 1].score)
      assert.is_true(list[i].score > 0)
      assert.is_true(list[i].count >= 1)
    end
    assert.same({ lang = "en", guessed = false, method = "posfreq", candidates = "lexicon" }, info)
  end)

  it("merges near duplicates: titles, names and their last word, possessives, plurals", function()
    local list = newsnlp.keywords(EN, { lang = "en", top = 0 })
    -- "Prime Minister Hun Sen", "Hun Sen", "Mr. Hun Sen" and "Sen"
    assert.equal(4, find(list, "Hun Sen").count)
    assert.is_nil(find(list, "Sen"))
    assert.is_nil(find(list, "Prime"))
    assert.is_nil(find(list, "Prime Minister Hun Sen"))
    assert.is_nil(find(list, "Mr. Hun Sen"))
    -- "Japan's" (typographic apostrophe) and "Japan"
    assert.equal(3, find(list, "Japan").count)
    assert.is_nil(find(list, "Japan\226\128\153s"))
    -- "cleanup crews" twice, "cleanup crew" once: one phrase, in its most frequent form
    assert.equal(3, find(list, "cleanup crews").count)
    assert.is_nil(find(list, "cleanup crew"))
  end)

  it("drops a capitalized common word before a title, first in a sentence too", function()
    local text = "Harbor Deal Signed\n\n"
      .. "Prime Minister Ilse Varga signed the harbor deal on Friday. "
      .. "The harbor deal gives Varga's government control of the port. "
      .. "Foreign Minister Tomas Reld said the harbor deal would be ratified.\n"
    local list = newsnlp.keywords(text, { lang = "en", top = 0 })
    assert.is_table(find(list, "Ilse Varga"))
    assert.is_table(find(list, "Tomas Reld"))
    assert.is_nil(find(list, "Prime"))
    assert.is_nil(find(list, "Foreign"))
  end)

  it("gives the bytes of the first occurrence", function()
    local list = newsnlp.keywords(EN, { lang = "en" })
    local k = find(list, "Hun Sen")
    assert.equal("Hun Sen", EN:sub(k.start, k.stop))
    for _, p in ipairs(list) do
      assert.is_true(p.start >= 1 and p.stop <= #EN and p.start <= p.stop)
    end
  end)

  it("reads the article structure: dateline, byline and boilerplate give nothing", function()
    local text = "GOVERNMENT RAISES FUEL TAXES\n\nBy Jane Doe\n\n" ..
      "The government raised fuel taxes on Tuesday. Fuel prices rose at once, and drivers " ..
      "complained about the fuel taxes.\n\nRelated Stories\n"
    local list = newsnlp.keywords(text, { lang = "en", top = 0 })
    assert.equal("fuel taxes", list[1].text)
    assert.is_nil(find(list, "Jane Doe"))
    assert.is_nil(find(list, "Related Stories"))
    assert.is_nil(find(newsnlp.keywords(EN, { lang = "en", top = 0 }), "PHNOM PENH"))
    local flat = newsnlp.keywords(text, { lang = "en", top = 0, structure = false })
    assert.is_not_nil(find(flat, "Jane Doe"))
  end)

  it("boosts the phrases that share the words of a title", function()
    local plain = find(newsnlp.keywords(EN, { lang = "en", top = 0 }), "cargo planes")
    local titled = find(newsnlp.keywords(EN, { lang = "en", top = 0,
      title = "Cargo planes bring relief" }), "cargo planes")
    assert.is_true(titled.score > 1.49 * plain.score and titled.score < 1.51 * plain.score)
  end)

  it("offers textrank, yake and tfidf on the same candidates", function()
    for _, method in ipairs { "posfreq", "textrank", "yake", "tfidf" } do
      local list, info = newsnlp.keywords(EN, { lang = "en", method = method, top = 5 })
      assert.equal(method, info.method)
      assert.equal(5, #list)
      assert.equal(1, list[1].score)
      assert.is_not_nil(find(newsnlp.keywords(EN, { lang = "en", method = method, top = 0 }),
        "Hun Sen"))
    end
  end)

  it("uses a corpus's document frequencies", function()
    local c = newsnlp.corpus { lang = "en" }
    for i = 1, 20 do
      c:add(("A flood hit the valley in year %d. The flood waters rose."):format(i))
    end
    local plain = find(newsnlp.keywords(EN, { lang = "en", top = 0 }), "flood waters")
    local with = find(newsnlp.keywords(EN, { lang = "en", top = 0, corpus = c }), "flood waters")
    assert.is_true(with.score < plain.score)
    local tfidf = newsnlp.keywords(EN, { lang = "en", top = 0, corpus = c, method = "tfidf" })
    assert.is_true(select(2, find(tfidf, "water pumps")) < select(2, find(tfidf, "flood waters")))
    c:close()
    assert.has_error(function() newsnlp.keywords(EN, { lang = "en", corpus = c }) end,
      "bad argument #2 to 'keywords' (option 'corpus': the corpus is closed)")
  end)

  it("reads other languages with stopwords and Snowball stems", function()
    local de, info = newsnlp.keywords(DE, { lang = "de", top = 0 })
    assert.same({ lang = "de", guessed = false, method = "posfreq", candidates = "stopwords" }, info)
    assert.equal(3, find(de, "Steuern").count) -- "Steuern", "Steuer"
    assert.equal(2, find(de, "Berlin").count)
    assert.is_nil(find(de, "die"))
    local fr = newsnlp.keywords(FR, { lang = "fr", top = 0 })
    assert.equal(2, find(fr, "hausse").count)
    assert.equal(2, find(fr, "imp\195\180ts").count)
    assert.is_nil(find(fr, "les"))
    local es = newsnlp.keywords(ES, { lang = "es", top = 0 })
    assert.equal(2, find(es, "impuestos").count)
    -- English read the same way on request
    local _, en = newsnlp.keywords(EN, { lang = "en", candidates = "stopwords" })
    assert.equal("stopwords", en.candidates)
  end)

  it("guesses the language when none is given, and says so", function()
    local _, info = newsnlp.keywords(EN)
    assert.equal("en", info.lang)
    assert.is_true(info.guessed)
    assert.equal("lexicon", info.candidates)
    _, info = newsnlp.keywords(DE)
    assert.equal("de", info.lang)
    assert.equal("stopwords", info.candidates)
    -- too little text to tell: undetermined, never English by default
    local list
    list, info = newsnlp.keywords("Oil spill")
    assert.equal("und", info.lang)
    assert.equal("stopwords", info.candidates)
    assert.equal("Oil spill", list[1].text)
    _, info = newsnlp.keywords(EN, { lang = "en-GB" })
    assert.equal("en", info.lang)
  end)

  it("returns an empty list when there is nothing to find", function()
    local list, info = newsnlp.keywords("", { lang = "en" })
    assert.same({}, list)
    assert.equal("en", info.lang)
    assert.same({}, newsnlp.keywords("and of the to, in. 42 -- !!", { lang = "en" }))
    assert.same({}, newsnlp.keywords("\255\254 \192\128", { lang = "en" }))
  end)

  it("keeps invalid UTF-8 out of the phrases", function()
    local list = newsnlp.keywords("The \255flood waters\254 rose; flood waters \192\128 fell.",
      { lang = "en", top = 0 })
    assert.is_true(#list > 0)
    for _, k in ipairs(list) do assert.is_true(newsnlp.isvalid(k.text)) end
  end)

  it("reads a 5 MB article", function()
    local big = string.rep(EN, math.floor(5 * 1024 * 1024 / #EN) + 1)
    local list = newsnlp.keywords(big, { lang = "en", top = 5 })
    assert.equal(5, #list)
    assert.equal("Hun Sen", list[1].text)
    assert.is_true(list[1].count > 10000)
  end)

  it("checks its arguments and options", function()
    assert.has_error(function() newsnlp.keywords(nil) end)
    assert.has_error(function() newsnlp.keywords(42) end)
    assert.has_error(function() newsnlp.keywords(EN, "en") end)
    assert.has_error(function() newsnlp.keywords(EN, { lnag = "en" }) end,
      "bad argument #2 to 'keywords' (unknown option 'lnag')")
    assert.has_error(function() newsnlp.keywords(EN, { method = "pagerank" }) end,
      "bad argument #2 to 'keywords' (option 'method' has unknown value 'pagerank')")
    assert.has_error(function() newsnlp.keywords(EN, { top = -1 }) end,
      "bad argument #2 to 'keywords' (option 'top' must not be negative)")
    assert.has_error(function() newsnlp.keywords(EN, { top = 1.5 }) end)
    assert.has_error(function() newsnlp.keywords(EN, { lang = "english" }) end)
    assert.has_error(function() newsnlp.keywords(EN, { lang = 7 }) end)
    assert.has_error(function() newsnlp.keywords(EN, { corpus = {} }) end,
      "bad argument #2 to 'keywords' (option 'corpus' must be a newsnlp.Corpus, got table)")
    assert.has_error(function() newsnlp.keywords(EN, { title = true }) end)
    assert.has_error(function() newsnlp.keywords(EN, { candidates = "ngrams" }) end)
    assert.has_error(function() newsnlp.keywords(EN, { structure = "yes" }) end)
  end)

  it("gives every phrase when top is 0", function()
    local all = newsnlp.keywords(EN, { lang = "en", top = 0 })
    assert.is_true(#all > 10)
    local first = {}
    for i = 1, 10 do first[i] = all[i].text end
    assert.same(first, texts(newsnlp.keywords(EN, { lang = "en", top = 10 })))
  end)
end)
