-- newsnlp.summarize and newsnlp.rank_sentences.  The articles are written for
-- these tests.
local newsnlp = require "newsnlp"

-- A raw page: title, inline byline and timestamps, an agency dateline,
-- furniture, a duplicated caption.
local RAW = table.concat({
  "Harbour Bridge Plan Approved After Long Debate",
  "",
  "By . Mira Okafor . PUBLISHED: . 09:15 EST, 3 March 2021 . | . UPDATED: . 11:02 EST, 3 March 2021 . " ..
  "PORTVALE (Coastline Wire) -- The city council approved the harbour bridge plan on Tuesday after a debate " ..
  "that lasted eleven hours. Construction of the bridge will begin next spring and take three years. " ..
  "Scroll down for video Engineers inspect the old ferry pier. The bridge will carry trams, bicycles and " ..
  "pedestrians across the harbour. Residents near the ferry terminal worry about traffic during construction. " ..
  "Critics called the plan a waste of money. The council approved the harbour bridge plan on Tuesday after " ..
  "eleven hours of debate.",
}, "\n")

-- A plain article of twelve sentences on two topics.
local LONG = table.concat({
  "The regional rail operator announced a new timetable for the northern line on Monday.",
  "Trains on the northern line will run every fifteen minutes during the morning peak.",
  "The operator said the new timetable follows a year of complaints from commuters.",
  "Commuters on the northern line had complained about crowded trains and late arrivals.",
  "The timetable also adds late evening trains on weekends.",
  "Ticket prices will rise by two percent in January.",
  "A spokeswoman for the operator said ticket prices had been frozen for three years.",
  "Passenger groups criticised the rise in ticket prices.",
  "The operator plans to buy twenty new trains for the northern line by next year.",
  "The new trains will have more seats and space for bicycles.",
  "Station upgrades at four towns are also planned.",
  "The operator will publish the full timetable online next week.",
}, " ")

local function texts(records)
  local out = {}
  for _, r in ipairs(records) do out[#out + 1] = r.text end
  return out
end

local function by_text(records, prefix)
  for _, r in ipairs(records) do
    if r.text:sub(1, #prefix) == prefix then return r end
  end
end

describe("newsnlp.summarize", function()
  it("picks sentences of the body in document order, three by default", function()
    local s, lang = newsnlp.summarize(LONG, { lang = "en" })
    assert.equal("en", lang)
    assert.equal(3, #s)
    local last = 0
    for _, sentence in ipairs(s) do
      local at = LONG:find(sentence, 1, true)
      assert.truthy(at, sentence)
      assert.is_true(at > last)
      last = at
    end
    -- the lede comes first in a short summary
    assert.equal("The regional rail operator announced a new timetable for the northern line on Monday.", s[1])
  end)

  it("leaves out the title, header, dateline, furniture and duplicates", function()
    local s = newsnlp.summarize(RAW, { lang = "en", sentences = 4 })
    assert.equal(4, #s)
    assert.equal("The city council approved the harbour bridge plan on Tuesday after a debate that lasted eleven hours.", s[1])
    for _, sentence in ipairs(s) do
      assert.is_nil(sentence:find("Harbour Bridge Plan Approved", 1, true))
      assert.is_nil(sentence:find("PUBLISHED", 1, true))
      assert.is_nil(sentence:find("Scroll down", 1, true))
      assert.is_nil(sentence:find("Coastline Wire", 1, true))
      assert.is_nil(sentence:find("eleven hours of debate", 1, true))
    end
  end)

  it("keeps to a sentence, word or character budget", function()
    for k = 1, 12 do assert.equal(k, #newsnlp.summarize(LONG, { lang = "en", sentences = k })) end
    assert.equal(12, #newsnlp.summarize(LONG, { lang = "en", sentences = 40 }))
    assert.equal(12, #newsnlp.summarize(LONG, { lang = "en", sentences = 0 }))
    for _, budget in ipairs { 10, 25, 40, 80 } do
      local s = newsnlp.summarize(LONG, { lang = "en", words = budget })
      local words = 0
      for _, sentence in ipairs(s) do for _ in sentence:gmatch("%S+") do words = words + 1 end end
      assert.is_true(words <= budget and #s > 0, tostring(budget))
      local c = newsnlp.summarize(LONG, { lang = "en", chars = budget * 6 })
      assert.is_true(#table.concat(c, " ") <= budget * 6)
    end
    -- no sentence fits: nothing, rather than a cut sentence
    assert.same({}, newsnlp.summarize(LONG, { lang = "en", chars = 20 }))
    -- both budgets hold
    local s = newsnlp.summarize(LONG, { lang = "en", sentences = 5, words = 30 })
    assert.is_true(#s <= 5 and #table.concat(s, " ") > 0)
  end)

  it("switches from the lede to coverage with the budget, and follows the overrides", function()
    local _, _, g3 = newsnlp.rank_sentences(LONG, { lang = "en", sentences = 3 })
    local _, _, g6 = newsnlp.rank_sentences(LONG, { lang = "en", sentences = 6 })
    local _, _, g4 = newsnlp.rank_sentences(LONG, { lang = "en", sentences = 4 })
    assert.equal(1, g3)
    assert.equal(0, g6)  -- half the article: coverage
    assert.is_true(g4 > 0 and g4 < 1) -- a third of it: in between
    local _, _, forced = newsnlp.rank_sentences(LONG, { lang = "en", sentences = 6, mode = "lede" })
    assert.equal(1, forced)
    local _, _, cov = newsnlp.rank_sentences(LONG, { lang = "en", sentences = 2, mode = "coverage" })
    assert.equal(0, cov)
    -- without a lead prior, the first sentence is not favoured for its place
    local flat = newsnlp.rank_sentences(LONG, { lang = "en", lead = 0 })
    local led = newsnlp.rank_sentences(LONG, { lang = "en" })
    assert.is_true(led[1].score / led[2].score > flat[1].score / flat[2].score)
  end)

  it("can leave out sentences that are mostly quotation", function()
    local text = "The minister spoke to reporters outside parliament on Friday. " ..
      "\"We will not raise taxes this year, whatever the opposition says,\" she said. " ..
      "The opposition leader called the promise empty and unrealistic."
    local with = newsnlp.summarize(text, { lang = "en" })
    local without = newsnlp.summarize(text, { lang = "en", quotes = false })
    assert.equal(3, #with)
    assert.same({ "The minister spoke to reporters outside parliament on Friday.",
                  "The opposition leader called the promise empty and unrealistic." }, without)
    local r = newsnlp.rank_sentences(text, { lang = "en", quotes = false })
    assert.equal("quote", r[2].reason)
    -- detached quotes of tokenized text count too
    local detached = "Fans waited outside the stadium all night . ' We have never seen a queue like this , ' said a steward . " ..
      "The gates opened at nine in the morning and tickets sold out within an hour ."
    assert.equal(2, #newsnlp.summarize(detached, { lang = "en", quotes = false }))
  end)

  it("handles empty text, one sentence, no punctuation and only quotes", function()
    assert.same({}, newsnlp.summarize(""))
    assert.same({}, newsnlp.summarize(" \n\t\n "))
    assert.same({ "Police arrested a man in the city centre on Monday." },
      newsnlp.summarize("Police arrested a man in the city centre on Monday.", { lang = "en" }))
    -- a fragment alone is still the summary
    assert.same({ "Hi there." }, newsnlp.summarize("Hi there.", { lang = "en" }))
    assert.same({ "flood warning for the river valley towns tonight" },
      newsnlp.summarize("flood warning for the river valley towns tonight", { lang = "en" }))
    -- lines without punctuation: the first is the title
    assert.same({ "Crews evacuate homes near the river", "Roads closed until the evening" },
      newsnlp.summarize("Fire In Old Town\nCrews evacuate homes near the river\nRoads closed until the evening",
        { lang = "en" }))
    local quotes = "\"We will win the vote on Friday.\" \"Our members are ready for every challenge.\" " ..
      "\"Nobody can stop this movement now.\""
    assert.equal(3, #newsnlp.summarize(quotes, { lang = "en" }))
    assert.same({}, newsnlp.summarize(quotes, { lang = "en", quotes = false }))
  end)

  it("returns a sentence that spans lines on one line", function()
    local s = newsnlp.summarize("The council met on Monday and\nvoted to close the old library.", { lang = "en" })
    assert.same({ "The council met on Monday and voted to close the old library." }, s)
  end)

  it("takes term weights from a corpus, a table or a function", function()
    local calls = {}
    local corpus = { idf = function(self, term) calls[#calls + 1] = term return term == "bicycles" and 50 or 1 end }
    local plain = newsnlp.rank_sentences(LONG, { lang = "en" })
    local weighed = newsnlp.rank_sentences(LONG, { lang = "en", corpus = corpus })
    assert.is_true(#calls > 0)
    for _, t in ipairs(calls) do assert.equal(t:lower(), t) end
    assert.are_not.same(texts(plain), {}) -- records for every sentence either way
    local function score(records, prefix) return by_text(records, prefix).score end
    assert.is_true(score(weighed, "The new trains will have") ~= score(plain, "The new trains will have"))
    local t = newsnlp.rank_sentences(LONG, { lang = "en", idf = { bicycles = 50 } })
    assert.near(score(weighed, "The new trains will have"), score(t, "The new trains will have"), 1e-12)
    local f = newsnlp.rank_sentences(LONG, { lang = "en", idf = function(term) return term == "bicycles" and 50 or 1 end })
    assert.near(score(weighed, "The new trains will have"), score(f, "The new trains will have"), 1e-12)
    -- errors and bad weights
    assert.error_matches(function()
      newsnlp.summarize(LONG, { idf = function() error("no corpus today") end })
    end, "no corpus today")
    assert.error_matches(function() newsnlp.summarize(LONG, { idf = function() return -1 end }) end, "non%-negative")
    assert.error_matches(function() newsnlp.summarize(LONG, { idf = function() return "x" end }) end, "non%-negative")
    assert.error_matches(function() newsnlp.summarize(LONG, { corpus = {} }) end, "idf method")
    assert.error_matches(function() newsnlp.summarize(LONG, { corpus = corpus, idf = {} }) end, "exclude")
    -- a weight function may summarize again
    local nested = newsnlp.summarize(LONG, { lang = "en", idf = function(term)
      return #newsnlp.summarize("A short note about " .. term .. " and other things today.") > 0 and 1 or 2
    end })
    assert.equal(3, #nested)
  end)

  it("takes IDF from a newsnlp.corpus", function()
    if not newsnlp.corpus then return end
    local c = newsnlp.corpus { lang = "en" }
    c:add(LONG, "long")
    c:add(RAW, "raw")
    c:add("The harbour was quiet on Sunday. Ferries ran to the islands as usual.", "quiet")
    local s = newsnlp.summarize(LONG, { lang = "en", corpus = c })
    assert.equal(3, #s)
    local r = newsnlp.rank_sentences(LONG, { lang = "en", corpus = c })
    local plain = newsnlp.rank_sentences(LONG, { lang = "en" })
    local differ = false
    for i = 1, #r do differ = differ or math.abs(r[i].score - plain[i].score) > 1e-12 end
    assert.is_true(differ)
  end)

  it("uses the stop words it is given", function()
    local plain = newsnlp.rank_sentences(LONG, { lang = "en" })
    local custom = newsnlp.rank_sentences(LONG, { lang = "en", stopwords = { "the", "northern", "line", "operator" } })
    assert.are_not.equal(plain[2].score, custom[2].score)
    assert.error_matches(function() newsnlp.summarize(LONG, { stopwords = { 1, 2 } }) end, "list of strings")
  end)
end)

describe("newsnlp.rank_sentences", function()
  it("lists every sentence and line with offsets, scores and reasons", function()
    local r, lang, g = newsnlp.rank_sentences(RAW, { lang = "en" })
    assert.equal("en", lang)
    assert.equal(1, g)
    for i, rec in ipairs(r) do
      assert.equal(i, rec.index)
      assert.equal(rec.text, RAW:sub(rec.start, rec.stop))
      if i > 1 then assert.is_true(rec.start > r[i - 1].stop) end
      if rec.reason then assert.equal(0, rec.score) else assert.is_true(rec.score > 0) end
    end
    assert.equal("title", r[1].reason)
    assert.equal("header", by_text(r, "By .").reason)
    assert.equal("header", by_text(r, "09:15 EST").reason)
    assert.equal("boilerplate", by_text(r, "Scroll down for video").reason)
    assert.equal("duplicate", by_text(r, "The council approved the harbour").reason)
    -- the dateline is left out of its sentence
    local lede = by_text(r, "The city council approved")
    assert.is_nil(lede.reason)
    assert.equal("PORTVALE", RAW:sub(1, lede.start - 1):match("(PORTVALE) %(Coastline Wire%) %-%- $"))
    -- selected = what summarize returns
    local chosen = {}
    for _, rec in ipairs(r) do if rec.selected then chosen[#chosen + 1] = rec.text end end
    assert.same(newsnlp.summarize(RAW, { lang = "en" }), chosen)
  end)

  it("marks fragments and sentences beyond the graph limit", function()
    local r = newsnlp.rank_sentences("The ferry sank near the harbour entrance. It did. Divers searched the wreck all night.",
      { lang = "en" })
    assert.equal("fragment", r[2].reason)
    local limited = newsnlp.rank_sentences(LONG, { lang = "en", max_sentences = 5 })
    assert.equal(12, #limited)
    for i = 6, 12 do assert.equal("limit", limited[i].reason) end
  end)

  it("stays fast and within the graph limit on long text", function()
    local vocabulary = {}
    for w in ("harbour bridge plan engineers cranes council budget ferry trams cyclists residents traffic " ..
              "spring concrete steel workers union strike mayor critics pier river tide storm insurance " ..
              "contract tender design architect survey noise dust schedule delay costs taxes vote debate"):gmatch("%a+") do
      vocabulary[#vocabulary + 1] = w
    end
    local parts, seed = {}, 7
    for i = 1, 20000 do
      local words = {}
      for k = 1, 9 do
        seed = (seed * 1103515245 + 12345) % 2147483648
        words[k] = vocabulary[seed % #vocabulary + 1]
      end
      parts[#parts + 1] = "Report " .. i .. " mentions " .. table.concat(words, " ") .. "."
      if i % 9 == 0 then parts[#parts + 1] = "\n\n" end
    end
    local text = table.concat(parts, " ")
    local t0 = os.clock()
    local r = newsnlp.rank_sentences(text, { lang = "en" })
    local s = newsnlp.summarize(text, { lang = "en" })
    assert.is_true(#r >= 20000)
    assert.equal(3, #s)
    assert.equal("limit", r[#r].reason)
    assert.is_true(os.clock() - t0 < 30)
  end)

  it("takes the language of newsnlp.language when none is given", function()
    local core = require "newsnlp.core"
    local saved = core.language
    local ok, err = pcall(function()
      core.language = function() return "de" end
      local _, lang = newsnlp.summarize(LONG)
      assert.equal("de", lang)
      assert.equal("de", newsnlp.stats(LONG).lang)
      assert.equal("Amstad", newsnlp.stats(LONG).readability.index)
      -- a language without sentence data: reported, neutral rules
      core.language = function() return "sv" end
      _, lang = newsnlp.summarize(LONG)
      assert.equal("sv", lang)
      assert.is_nil(newsnlp.stats(LONG).readability)
      core.language = function() return "und" end
      _, lang = newsnlp.summarize(LONG)
      assert.equal("und", lang)
      -- a given language wins
      _, lang = newsnlp.summarize(LONG, { lang = "en" })
      assert.equal("en", lang)
    end)
    core.language = saved
    assert(ok, err)
  end)

  it("raises on bad arguments", function()
    assert.error_matches(function() newsnlp.summarize(nil) end, "bad argument #1")
    assert.error_matches(function() newsnlp.summarize(42) end, "bad argument #1")
    assert.error_matches(function() newsnlp.summarize("x", { sentence = 3 }) end, "unknown option 'sentence'")
    assert.error_matches(function() newsnlp.summarize("x", { sentences = -1 }) end, "option 'sentences'")
    assert.error_matches(function() newsnlp.summarize("x", { sentences = 1.5 }) end, "option 'sentences'")
    assert.error_matches(function() newsnlp.summarize("x", { mode = "short" }) end, "option 'mode'")
    assert.error_matches(function() newsnlp.summarize("x", { lead = -1 }) end, "option 'lead'")
    assert.error_matches(function() newsnlp.summarize("x", { damping = 1 }) end, "option 'damping'")
    assert.error_matches(function() newsnlp.summarize("x", { lang = "tlh" }) end, "option 'lang'")
    assert.error_matches(function() newsnlp.rank_sentences("x", { quotes = "no" }) end, "option 'quotes'")
    -- "und" means no language
    local _, lang = newsnlp.summarize(LONG, { lang = "und" })
    assert.equal("und", lang)
  end)
end)
