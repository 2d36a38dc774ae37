-- newsnlp.stats.  The texts are written for these tests.
local newsnlp = require "newsnlp"

local S1 = "The council met on Monday."
local S2 = "It voted to cut the budget by ten percent."
local S3 = "\"We had no choice,\" the leader said."
local S4 = "Residents were not convinced."
local ARTICLE = "Council Votes On Budget\n\n" .. S1 .. " " .. S2 .. "\n\n" .. S3 .. " " .. S4 .. "\n"

local function syllables(word, lang)
  return newsnlp.stats(word, { lang = lang or "en" }).syllables
end

describe("newsnlp.stats", function()
  it("counts the body: characters, words, sentences, paragraphs, quotation", function()
    local st = newsnlp.stats(ARTICLE, { lang = "en" })
    assert.equal("en", st.lang)
    assert.equal(#S1 + #S2 + #S3 + #S4, st.characters)
    assert.equal(5 + 9 + 7 + 4, st.words)
    assert.equal(4, st.sentences)
    assert.equal(2, st.paragraphs)
    assert.equal(4, st.quoted_words) -- We had no choice
    assert.near(4 / 25, st.quote_share, 1e-12)
    assert.equal(9, st.longest_sentence)
    assert.equal(0, st.long_sentences)
    assert.equal(25, st.long_sentence)
    assert.near(25 / 4, st.avg_sentence_length, 1e-12)
    -- the title counts with whole = true
    local whole = newsnlp.stats(ARTICLE, { lang = "en", whole = true })
    assert.equal(29, whole.words)
    assert.equal(5, whole.sentences)
    assert.equal(3, whole.paragraphs)
  end)

  it("gives reading time, long sentences and their options", function()
    local st = newsnlp.stats(ARTICLE, { lang = "en", wpm = 100, long_sentence = 6 })
    assert.near(25 / 100, st.reading_time, 1e-12)
    assert.equal(100, st.wpm)
    assert.equal(2, st.long_sentences) -- 9 and 7 words
    assert.near(25 / 238, newsnlp.stats(ARTICLE, { lang = "en" }).reading_time, 1e-12)
  end)

  it("counts English syllables by rule", function()
    local cases = {
      cat = 1, the = 1, make = 1, makes = 1, table = 2, tables = 2, boxes = 2, judges = 2, jumped = 1,
      wanted = 2, radio = 3, nation = 2, social = 2, people = 2, yes = 1, happy = 2, beautiful = 3,
      government = 3, president = 3, minister = 3, police = 2, idea = 3, area = 3, video = 3, quiet = 2,
      committee = 3, announced = 2, economy = 4, university = 5, international = 5, championship = 4,
      ["don't"] = 1, fire = 1, violence = 3,
    }
    for word, n in pairs(cases) do assert.equal(n, syllables(word), word) end
    -- digits make no syllable inside a word; a number alone counts one
    assert.equal(2, syllables("41-year-old"))
    assert.equal(1, syllables("2014"))
    local st = newsnlp.stats(ARTICLE, { lang = "en" })
    assert.equal(7 + 12 + 8 + 7, st.syllables)
    assert.near(34 / 25, st.syllables_per_word, 1e-12)
  end)

  it("computes the Flesch reading ease and Flesch-Kincaid grade", function()
    local st = newsnlp.stats(ARTICLE, { lang = "en" })
    local asl, asw = st.words / st.sentences, st.syllables / st.words
    assert.equal("Flesch reading ease", st.readability.index)
    assert.near(206.835 - 1.015 * asl - 84.6 * asw, st.readability.score, 1e-9)
    assert.near(0.39 * asl + 11.8 * asw - 15.59, st.readability.grade, 1e-9)
    assert.equal(st.readability.score, st.flesch_reading_ease)
    assert.equal(st.readability.grade, st.flesch_kincaid_grade)
    -- shorter words and sentences read more easily
    local easy = newsnlp.stats("The cat sat. The dog ran. We had fun.", { lang = "en" })
    local hard = newsnlp.stats("Intergovernmental organisations frequently underestimate administrative complexity " ..
      "when implementing comprehensive international regulatory frameworks.", { lang = "en" })
    assert.is_true(easy.readability.score > hard.readability.score)
    assert.is_true(easy.readability.grade < hard.readability.grade)
  end)

  it("uses each language's own index and syllable rules", function()
    local texts = {
      de = { "Die Regierung hat am Montag den Haushalt beraten.", "Amstad" },
      es = { "El gobierno aprob\195\179 ayer el presupuesto del pa\195\173s.", "Fernandez Huerta" },
      fr = { "Le gouvernement a pr\195\169sent\195\169 mardi son budget.", "Kandel-Moles" },
      it = { "Il governo ha approvato ieri il bilancio.", "Gulpease" },
      nl = { "De regering heeft gisteren de begroting besproken.", "Flesch-Douma" },
      pt = { "O governo aprovou ontem o or\195\167amento do pa\195\173s.", "Martins et al." },
      ru = { "\208\159\209\128\208\176\208\178\208\184\209\130\208\181\208\187\209\140\209\129\209\130\208\178\208\190 " ..
             "\209\131\209\130\208\178\208\181\209\128\208\180\208\184\208\187\208\190 \208\177\209\142\208\180\208\182\208\181\209\130.",
             "Oborneva" },
    }
    for lang, t in pairs(texts) do
      local st = newsnlp.stats(t[1], { lang = lang })
      assert.equal(lang, st.lang)
      assert.equal(t[2], st.readability.index, lang)
      assert.is_nil(st.readability.grade)
    end
    local de = newsnlp.stats(texts.de[1], { lang = "de" })
    assert.near(180 - de.words / de.sentences - 58.5 * de.syllables / de.words, de.readability.score, 1e-9)
    local it_ = newsnlp.stats(texts.it[1], { lang = "it" })
    assert.is_nil(it_.syllables) -- Gulpease counts letters
    assert.near(89 + (300 * it_.sentences - 10 * it_.letters) / it_.words, it_.readability.score, 1e-9)
    -- every Russian vowel is a syllable: Pra-vi-tel'-stvo u-tver-di-lo byud-zhet
    assert.equal(4 + 4 + 2, newsnlp.stats(texts.ru[1], { lang = "ru" }).syllables)
    -- Spanish hiatus: le-er, d\195\173-a; diphthong: bue-no
    assert.equal(2, syllables("leer", "es"))
    assert.equal(2, syllables("d\195\173a", "es"))
    assert.equal(2, syllables("bueno", "es"))
    -- German diphthongs are one syllable: Rei-se-bu-ch
    assert.equal(3, syllables("Reisebuch", "de"))
    -- French mute e: ta-ble
    assert.equal(1, syllables("table", "fr"))
  end)

  it("never assumes English", function()
    local st = newsnlp.stats(ARTICLE, { lang = "und" })
    assert.is_nil(st.readability)
    assert.is_nil(st.syllables)
    assert.equal(25, st.words)
    assert.equal("und", st.lang)
    -- without a language: the guess of newsnlp.language when there is one, else none
    local guessed = newsnlp.stats(ARTICLE)
    assert.is_string(guessed.lang)
    if not newsnlp.language then
      assert.equal("und", guessed.lang)
      assert.is_nil(guessed.readability)
    end
  end)

  it("handles empty and odd input", function()
    local st = newsnlp.stats("", { lang = "en" })
    assert.equal(0, st.words)
    assert.equal(0, st.sentences)
    assert.equal(0, st.reading_time)
    assert.is_nil(st.readability)
    st = newsnlp.stats("-- \226\128\148 ...", { lang = "en" })
    assert.equal(0, st.words)
    st = newsnlp.stats("no punctuation at all here", { lang = "en" })
    assert.equal(5, st.words)
    assert.equal(1, st.sentences)
    -- an invalid byte alone is no word
    st = newsnlp.stats("Caf\195\169 \255 na\195\175ve.", { lang = "fr" })
    assert.equal(2, st.words)
  end)

  it("raises on bad arguments", function()
    assert.error_matches(function() newsnlp.stats(nil) end, "bad argument #1")
    assert.error_matches(function() newsnlp.stats("x", { wpm = 0 }) end, "option 'wpm'")
    assert.error_matches(function() newsnlp.stats("x", { long_sentence = 0 }) end, "option 'long_sentence'")
    assert.error_matches(function() newsnlp.stats("x", { sentences = 3 }) end, "unknown option 'sentences'")
  end)
end)
