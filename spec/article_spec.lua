-- newsnlp.paragraphs and newsnlp.article.  Every article here was written
-- for these tests.
local newsnlp = require "newsnlp"

local EM = "\226\128\148"     -- —
local LQ, RQ = "\226\128\156", "\226\128\157"

local function texts(records)
  local out = {}
  for i, r in ipairs(records) do out[i] = r.text end
  return out
end

local BLANK = "^[%s\226\128\169]*$" -- white space, with U+2029

-- Every record is s:sub(start, stop); nothing but white space is left out.
local function check_cover(s, a)
  local spans = {}
  local function add(r) if r then spans[#spans + 1] = r end end
  add(a.title); add(a.byline)
  for _, p in ipairs(a.paragraphs) do add(p) end
  for _, b in ipairs(a.boilerplate) do add(b) end
  table.sort(spans, function(x, y) return x.start < y.start end)
  local at = 1
  for _, r in ipairs(spans) do
    assert.equal(s:sub(r.start, r.stop), r.text)
    assert.truthy(r.start >= at, "records overlap")
    assert.truthy(s:sub(at, r.start - 1):find(BLANK), "text left out")
    at = r.stop + 1
  end
  assert.truthy(s:sub(at):find(BLANK), "text left out at the end")
  for _, p in ipairs(a.paragraphs) do
    for _, x in ipairs(p.sentences) do
      assert.equal(s:sub(x.start, x.stop), x.text)
      assert.truthy(x.start >= p.start and x.stop <= p.stop)
    end
  end
end

local STORY = table.concat({
  "Rail Strike Halts Trains Across the Northern Region",
  "",
  "By Tomas Lindqvist and Ada Mensah",
  "",
  "NORTHGATE, Vt. (Valley Press) " .. EM .. " Train drivers walked out on Monday, stranding " ..
    "commuters across the region. The union said talks with Northline Rail Co. had failed.",
  "",
  "Advertisement",
  "",
  "Service is expected to resume at 6 a.m. Thursday, a spokeswoman for the U.S. Department " ..
    "of Transportation said. " .. LQ .. "We are working around the clock." .. RQ .. " She gave no details.",
  "",
  "What happens next",
  "",
  "Dr. Ines Alvarez, an economist, put the cost at $12 million a day.",
  "",
  "Related Stories",
  "",
  "Bus drivers vote on new contract",
  "",
  "Northline Rail names new chief",
  "",
  "\194\169 2024 Valley Press. All rights reserved.",
  "",
}, "\n")

describe("newsnlp.article", function()
  it("finds the title, byline, dateline, paragraphs, sentences and boilerplate", function()
    local a = newsnlp.article(STORY)
    assert.equal("Rail Strike Halts Trains Across the Northern Region", a.title.text)
    assert.equal(1, a.title.start)
    assert.equal("By Tomas Lindqvist and Ada Mensah", a.byline.text)
    assert.equal("NORTHGATE, Vt. (Valley Press) " .. EM, a.dateline.text)
    assert.equal("blank", a.layout)
    assert.equal("neutral", a.language)
    assert.same({
      "NORTHGATE, Vt. (Valley Press) " .. EM .. " Train drivers walked out on Monday, stranding commuters across the region. The union said talks with Northline Rail Co. had failed.",
      "Service is expected to resume at 6 a.m. Thursday, a spokeswoman for the U.S. Department of Transportation said. " .. LQ .. "We are working around the clock." .. RQ .. " She gave no details.",
      "What happens next",
      "Dr. Ines Alvarez, an economist, put the cost at $12 million a day.",
    }, texts(a.paragraphs))
    assert.same({ "NORTHGATE, Vt. (Valley Press) " .. EM .. " Train drivers walked out on Monday, stranding commuters across the region.",
                  "The union said talks with Northline Rail Co. had failed." }, texts(a.paragraphs[1].sentences))
    assert.same({ "Service is expected to resume at 6 a.m. Thursday, a spokeswoman for the U.S. Department of Transportation said.",
                  LQ .. "We are working around the clock." .. RQ, "She gave no details." }, texts(a.paragraphs[2].sentences))
    assert.is_true(a.paragraphs[3].heading)
    assert.is_false(a.paragraphs[4].heading)
    assert.same({ "Advertisement", "Related Stories", "Bus drivers vote on new contract",
                  "Northline Rail names new chief", "\194\169 2024 Valley Press. All rights reserved." },
      texts(a.boilerplate))
    assert.equal("advertisement", a.boilerplate[1].cue)
    assert.equal("related stories", a.boilerplate[2].cue)
    assert.is_nil(a.boilerplate[3].cue) -- a link listed under "Related Stories"
    assert.equal("\194\169", a.boilerplate[5].cue)
    assert.equal(table.concat(texts(a.paragraphs), "\n\n"), a.body)
    check_cover(STORY, a)
  end)

  it("reads the project's sample article", function()
    local f = assert(io.open("examples/article.txt", "rb"))
    local s = f:read("*a")
    f:close()
    local a = newsnlp.article(s, { lang = "en" })
    assert.equal("Portvale City Council Approves $2.4 Billion Flood Wall After Decade of Debate", a.title.text)
    assert.equal("By Maria Okafor", a.byline.text)
    assert.equal("PORTVALE, Ore. (Coastline Wire) " .. EM, a.dateline.text)
    assert.equal("en", a.language)
    assert.equal(7, #a.paragraphs)
    local n = 0
    for _, p in ipairs(a.paragraphs) do n = n + #p.sentences end
    assert.equal(13, n)
    assert.same({ "Mayor Daniel R. Whitfield called the vote \226\128\156the most important decision this council will make in a generation.\226\128\157",
                  "He said construction would begin in March 2027 and take about six years." },
      texts(a.paragraphs[2].sentences))
    assert.same({ "Share this article", "Follow us on Twitter and Facebook for the latest news from Coastline Wire." },
      texts(a.boilerplate))
    check_cover(s, a)
  end)

  it("reads one paragraph per line, and reports the layout", function()
    local s = "Port Deal Signed\nLONDON, May 2 (Reuters) - The port was sold on Friday. The price was not given.\n" ..
              "Shares in the buyer rose 3%.\nRead more: https://example.org/port\n"
    local a = newsnlp.article(s)
    assert.equal("line", a.layout)
    assert.equal("Port Deal Signed", a.title.text)
    assert.equal("LONDON, May 2 (Reuters) -", a.dateline.text)
    assert.same({ "LONDON, May 2 (Reuters) - The port was sold on Friday. The price was not given.",
                  "Shares in the buyer rose 3%." }, texts(a.paragraphs))
    assert.same({ "Read more: https://example.org/port" }, texts(a.boilerplate))
    check_cover(s, a)
  end)

  it("keeps a wrapped paragraph whole", function()
    local s = "The harbor board met on Tuesday and agreed to\nraise fees for cargo ships by a tenth, the\nfirst rise since 2010.\n"
    local a = newsnlp.article(s)
    assert.is_nil(a.title)
    assert.equal(1, #a.paragraphs)
    assert.equal(1, #a.paragraphs[1].sentences)
    check_cover(s, a)
  end)

  it("uses the language's cues", function()
    local s = "Streik legt Bahn lahm\n\nVon Anna Berg\n\nBERLIN (dpa) - Die Lokführer streiken seit dem " ..
              "3. Mai. Der Verkehr ruht.\n\nAnzeige\n\nLesen Sie auch: Busfahrer stimmen ab\n"
    local a = newsnlp.article(s, { lang = "de" })
    assert.equal("Streik legt Bahn lahm", a.title.text)
    assert.equal("Von Anna Berg", a.byline.text)
    assert.equal("BERLIN (dpa) -", a.dateline.text)
    assert.same({ "BERLIN (dpa) - Die Lokführer streiken seit dem 3. Mai.", "Der Verkehr ruht." },
      texts(a.paragraphs[1].sentences))
    assert.same({ "Anzeige", "Lesen Sie auch: Busfahrer stimmen ab" }, texts(a.boilerplate))
    -- English cues do not apply to German text
    local b = newsnlp.article("Titel\n\nText hier.\n\nAdvertisement\n", { lang = "de" })
    assert.equal(0, #b.boilerplate)
    check_cover(s, a)
  end)

  it("takes a capitals headline, not a capitals line that only looks like a byline", function()
    local s = "DI NOVA BUYS PORT STAKE\n\nGENOA, March 3 - Di Nova said it bought a stake.\n"
    local a = newsnlp.article(s)
    assert.equal("DI NOVA BUYS PORT STAKE", a.title.text)
    assert.is_nil(a.byline)
    assert.equal("GENOA, March 3 -", a.dateline.text)
    local b = newsnlp.article("GRAIN PRICES RISE - USDA\n\nWASHINGTON, April 7 - Prices rose.\n")
    assert.equal("GRAIN PRICES RISE - USDA", b.title.text)
    assert.equal("WASHINGTON, April 7 -", b.dateline.text)
  end)

  it("does not take a sentence for a title", function()
    local a = newsnlp.article("The mayor resigned on Friday.\n\nHer deputy takes over.\n")
    assert.is_nil(a.title)
    assert.equal(2, #a.paragraphs)
  end)

  it("handles empty, blank and odd input", function()
    local a = newsnlp.article("")
    assert.is_nil(a.title)
    assert.same({}, a.paragraphs)
    assert.same({}, a.boilerplate)
    assert.equal("", a.body)
    a = newsnlp.article(" \n\n\t\n")
    assert.same({}, a.paragraphs)
    a = newsnlp.article("Only one line")
    assert.is_nil(a.title)
    assert.same({ "Only one line" }, texts(a.paragraphs))
    local s = "Head\r\n\r\nBody one.\r\nStill one.\226\128\169Two.\r\n"
    a = newsnlp.article(s)
    assert.equal("Head", a.title.text)
    check_cover(s, a)
    local bad = "Title \255\n\nBody \254 text.\n"
    check_cover(bad, newsnlp.article(bad))
  end)

  it("flags the header zone of bylines and timestamps written inline", function()
    local s = "By . Maria Quist . PUBLISHED: . 09:15 EST, 3 March 2021 . | . UPDATED: . 11:02 EST, 3 March 2021 . " ..
      "The harbour board approved the new ferry terminal on Tuesday. Work starts in May."
    local a = newsnlp.article(s)
    local flags = {}
    for _, t in ipairs(a.paragraphs[1].sentences) do flags[#flags + 1] = t.header and "H" or "-" end
    assert.equal("HHHHHHH--", table.concat(flags))
    assert.equal("By . Maria Quist . PUBLISHED: . 09:15 EST, 3 March 2021 . | . UPDATED: . 11:02 EST, 3 March 2021 .",
      a.header.text)
    assert.equal(a.header.text, s:sub(a.header.start, a.header.stop))
    a = newsnlp.article("By Ola Berg and Kim Vos for the Courier . The school reopened today after the flood.")
    assert.is_true(a.paragraphs[1].sentences[1].header)
    assert.is_nil(a.paragraphs[1].sentences[2].header)
    -- a byline with a detached period, in lower case; furniture among the header lines
    a = newsnlp.article("by ola berg for the courier . Scroll down for video. Updated: . 10:02 EST, 4 May 2020 . " ..
      "The school reopened today after the flood.")
    flags = {}
    for _, t in ipairs(a.paragraphs[1].sentences) do
      flags[#flags + 1] = t.header and "H" or t.boilerplate and "B" or "-"
    end
    assert.equal("HBHH-", table.concat(flags))
    -- short sentences of prose are not header lines
    for _, lede in ipairs { "It was a massacre. Police found ten bodies.", "Who is he? Nobody knows yet.",
                            "The fire started at 3:45 a.m. on Sunday. Nobody was hurt.",
                            "By Monday the talks had failed again. Both sides left." } do
      a = newsnlp.article(lede)
      assert.is_nil(a.header, lede)
      assert.is_nil(a.paragraphs[1].sentences[1].header, lede)
    end
  end)

  it("finds datelines that name a news agency, with or without a dash", function()
    local cases = {
      { "(CNN) -- The storm hit the coast overnight.", "(CNN) --" },
      { "(CNN)The storm hit the coast overnight.", "(CNN)" },
      { "Rome (CNN) Italy is coping with more arrivals.", "Rome (CNN)" },
      { "ATLANTA, Georgia -LRB- CNN -RRB- -- The storm hit the coast.", "ATLANTA, Georgia -LRB- CNN -RRB- --" },
      { "By Ana Ruiz, CNN . (CNN) -- The storm hit the coast overnight.", "(CNN) --" },
      { "Berlin (dpa) - Die Regierung hat am Montag beraten.", "Berlin (dpa) -" },
    }
    for _, c in ipairs(cases) do
      local a = newsnlp.article(c[1])
      assert.equal(c[2], a.dateline and a.dateline.text, c[1])
    end
    -- a ticker symbol is no agency
    assert.is_nil(newsnlp.article("Apple (AAPL) shares rose sharply on Monday.").dateline)
  end)

  it("flags page furniture inside paragraphs", function()
    local a = newsnlp.article("The mayor spoke first. Scroll down for video The crowd cheered. Click here to read the full speech. She left at noon.")
    local flags = {}
    for _, t in ipairs(a.paragraphs[1].sentences) do flags[#flags + 1] = t.boilerplate and "B" or "-" end
    assert.equal("-BB-", table.concat(flags))
    -- the cue needs its words: "scroll" alone is prose
    a = newsnlp.article("Readers scroll down for more than an hour a day.")
    assert.is_nil(a.paragraphs[1].sentences[1].boilerplate)
  end)

  it("raises on bad arguments", function()
    assert.error_matches(function() newsnlp.article(nil) end, "bad argument #1")
    assert.error_matches(function() newsnlp.article("x", { lang = "tlh" }) end, "option 'lang' has unknown value 'tlh'")
    assert.error_matches(function() newsnlp.article("x", { layout = "blank" }) end, "unknown option 'layout'")
  end)

  it("stays linear on long input", function()
    local lines = string.rep("Advertisement\n\n", 50000) .. string.rep("A line of text.\n\n", 50000)
    local a = newsnlp.article(lines)
    assert.equal(50000, #a.boilerplate)
    assert.equal(50000, #a.paragraphs)
    local long = string.rep("word ", 200000)
    assert.equal(1, #newsnlp.article(long).paragraphs)
  end)
end)

describe("newsnlp.paragraphs", function()
  it("splits blank-line separated text, a paragraph spanning lines", function()
    local s = "First line\nof the first.\n\n  Second.  \n\n\n\nThird.\n"
    local paras, layout = newsnlp.paragraphs(s)
    assert.equal("blank", layout)
    assert.same({ "First line\nof the first.", "Second.", "Third." }, texts(paras))
    assert.same({ text = "Second.", start = 29, stop = 35 }, paras[2])
    for _, p in ipairs(paras) do assert.equal(s:sub(p.start, p.stop), p.text) end
  end)

  it("splits one paragraph per line", function()
    local s = "The first paragraph ends here.\nThe second one too.\nAnd a third.\n"
    local paras, layout = newsnlp.paragraphs(s)
    assert.equal("line", layout)
    assert.same({ "The first paragraph ends here.", "The second one too.", "And a third." }, texts(paras))
  end)

  it("sees one paragraph per line despite a blank line after the title", function()
    local s = "Title\n\nOne paragraph.\nAnother paragraph.\nA third paragraph.\n"
    local paras, layout = newsnlp.paragraphs(s)
    assert.equal("line", layout)
    assert.equal(4, #paras)
  end)

  it("takes wrapped lines without blank lines as one paragraph", function()
    local s = "The board agreed to raise\nfees for ships by a tenth,\nthe first rise since 2010.\n"
    local paras, layout = newsnlp.paragraphs(s)
    assert.equal("blank", layout)
    assert.equal(1, #paras)
  end)

  it("follows the layout it is given", function()
    local s = "a\nb\n\nc\n"
    assert.same({ "a\nb", "c" }, texts((newsnlp.paragraphs(s, { layout = "blank" }))))
    assert.same({ "a", "b", "c" }, texts((newsnlp.paragraphs(s, { layout = "line" }))))
    assert.error_matches(function() newsnlp.paragraphs(s, { layout = "page" }) end, "option 'layout' has unknown value 'page'")
  end)

  it("ends a paragraph at U+2029 and handles empty text", function()
    assert.same({ "one", "two" }, texts((newsnlp.paragraphs("one\226\128\169two"))))
    local paras = newsnlp.paragraphs("")
    assert.same({}, paras)
  end)
end)
