-- newsnlp.sentences, each_sentence, sentence_spans: the news-aware splitter.
-- Every text here was written for these tests.
local newsnlp = require "newsnlp"

local function split(text, opts)
  return newsnlp.sentences(text, opts)
end

-- The invariants every result keeps: spans in order, not overlapping, trimmed,
-- inside the text, only white space between them, text == s:sub(start, stop).
local BLANK = "^[%s\194\160\226\128\168\226\128\169]*$" -- with NBSP, LS, PS

local function check_invariants(text, opts)
  local spans = newsnlp.sentence_spans(text, opts)
  local at, bad = 1, nil
  for k, span in ipairs(spans) do
    if not (span.start >= at and span.stop >= span.start and span.stop <= #text)
       or not text:sub(at, span.start - 1):find(BLANK)
       or text:sub(span.start, span.stop) ~= span.text
       or span.text:find("^%s") or span.text:find("%s$") then
      bad = bad or k
    end
    at = span.stop + 1
  end
  assert.is_nil(bad, "sentence breaks an invariant")
  assert.truthy(text:sub(at):find(BLANK))
  return spans
end

describe("newsnlp.sentences", function()
  it("splits at terminal punctuation", function()
    assert.same({ "The council met on Tuesday.", "Was the vote close?", "It was!" },
      split("The council met on Tuesday. Was the vote close? It was!"))
    assert.same({ "Really?!", "Yes." }, split("Really?! Yes."))
  end)

  it("keeps titles with the name that follows", function()
    assert.same({ "Mr. Lee met Dr. Okafor and Sen. Ruiz in the capital.",
                  "Gov. Hale and Gen. Tran arrived later, with Rep. Diaz and Prof. Kim." },
      split("Mr. Lee met Dr. Okafor and Sen. Ruiz in the capital. Gov. Hale and Gen. Tran arrived later, with Rep. Diaz and Prof. Kim."))
    assert.same({ "The chapel of St. Anne stands below Mt. Hood, not far from Ms. Ito's farm." },
      split("The chapel of St. Anne stands below Mt. Hood, not far from Ms. Ito's farm."))
  end)

  it("ends a sentence at a title-like word that ends a name", function()
    assert.same({ "The meeting was chaired by Hun Sen.", "He spoke for an hour." },
      split("The meeting was chaired by Hun Sen. He spoke for an hour."))
    assert.same({ "The office is on Harbor St.", "The building is old." },
      split("The office is on Harbor St. The building is old."))
  end)

  it("reads months, numbers and references before a number", function()
    assert.same({ "The rule takes effect on Jan. 5 and lapses in Sept. 2030.", "Nobody objected." },
      split("The rule takes effect on Jan. 5 and lapses in Sept. 2030. Nobody objected."))
    assert.same({ "She was ranked No. 3 in the world.", "No one expected it." },
      split("She was ranked No. 3 in the world. No one expected it."))
    assert.same({ "The parcel weighs approx. 5 kg, see p. 12 and vol. 2 of the manual." },
      split("The parcel weighs approx. 5 kg, see p. 12 and vol. 2 of the manual."))
    assert.same({ "The answer is in Vol. II of the report." },
      split("The answer is in Vol. II of the report."))
    assert.same({ "He left in Sept.", "The rest stayed." }, split("He left in Sept. The rest stayed."))
  end)

  it("handles company suffixes inside and at the end of sentences", function()
    assert.same({ "Orbit Labs Inc. said profits rose.", "Shares of Kestrel Corp. fell 4%.",
                  "The deal was advised by Harlow & Co.", "Analysts were surprised." },
      split("Orbit Labs Inc. said profits rose. Shares of Kestrel Corp. fell 4%. The deal was advised by Harlow & Co. Analysts were surprised."))
    assert.same({ "The bonds were rated by Baxter Ratings Corp.", "Harlow Securities managed the sale." },
      split("The bonds were rated by Baxter Ratings Corp. Harlow Securities managed the sale."))
    assert.same({ "Mori Trading Co. Ltd. said sales rose." }, split("Mori Trading Co. Ltd. said sales rose."))
    assert.same({ "The firm is Tallis Ltd.", "It was founded in 1990." },
      split("The firm is Tallis Ltd. It was founded in 1990."))
    assert.same({ "He works for Acme Corp." }, split("He works for Acme Corp."))
  end)

  it("reads U.S., U.K. and E.U. by the word that follows", function()
    assert.same({ "Exports to the U.S. rose, the U.K. Treasury said." },
      split("Exports to the U.S. rose, the U.K. Treasury said."))
    assert.same({ "She lives in the U.S.", "Her brother lives in Canada." },
      split("She lives in the U.S. Her brother lives in Canada."))
    assert.same({ "Talks with the E.U. ended.", "Officials left." },
      split("Talks with the E.U. ended. Officials left."))
    assert.same({ "The U.S. Senate voted." }, split("The U.S. Senate voted."))
  end)

  it("reads a.m. and p.m. with the day or zone that may follow", function()
    assert.same({ "The polls open at 7 a.m. and close at 8 p.m.", "Results come later." },
      split("The polls open at 7 a.m. and close at 8 p.m. Results come later."))
    assert.same({ "It starts at 9 a.m. Monday in Ohio and at 10 a.m. EST in Maine." },
      split("It starts at 9 a.m. Monday in Ohio and at 10 a.m. EST in Maine."))
    assert.same({ "By 6 a.m. Mr. Vance had left the hotel." },
      split("By 6 a.m. Mr. Vance had left the hotel."))
  end)

  it("keeps vs., etc., e.g. in their place", function()
    assert.same({ "It was Smith vs. Jones in court.", "The judge ruled." },
      split("It was Smith vs. Jones in court. The judge ruled."))
    assert.same({ "Bring pens, paper, etc.", "The exam starts soon." },
      split("Bring pens, paper, etc. The exam starts soon."))
    assert.same({ "Some cities, e.g. Lyon and Turin, agreed." },
      split("Some cities, e.g. Lyon and Turin, agreed."))
  end)

  it("keeps initials with the name", function()
    assert.same({ "J. R. R. Tolkien wrote it.", "The poet T. S. Eliot praised it." },
      split("J. R. R. Tolkien wrote it. The poet T. S. Eliot praised it."))
    assert.same({ "The car was built for you and me.", "I. M. Pei designed the hall." },
      split("The car was built for you and me. I. M. Pei designed the hall."))
  end)

  it("does not split decimals, versions or links", function()
    assert.same({ "Inflation was 3.5 percent.", "Version 2.0.1 shipped at www.example.org today." },
      split("Inflation was 3.5 percent. Version 2.0.1 shipped at www.example.org today."))
    assert.same({ "Write to desk.Editor@example.com.", "We reply." },
      split("Write to desk.Editor@example.com. We reply."))
  end)

  it("reads both ellipses", function()
    assert.same({ "He paused...", "Then he spoke." }, split("He paused... Then he spoke."))
    assert.same({ "He paused\226\128\166", "Then he spoke." }, split("He paused\226\128\166 Then he spoke."))
    assert.same({ "He paused\226\128\166 then went on." }, split("He paused\226\128\166 then went on."))
    assert.same({ "The report said the city [...] would pay." }, split("The report said the city [...] would pay."))
    assert.same({ "It rose . . . and fell." }, split("It rose . . . and fell."))
    -- a period, then an ellipsis for what was left out before the next sentence
    assert.same({ "It ended.", ". . . The next day was calm." }, split("It ended. . . . The next day was calm."))
    assert.same({ "It ended . . . .", "The next day was calm." }, split("It ended . . . . The next day was calm."))
  end)

  it("ends a sentence inside quotes, whatever their style", function()
    assert.same({ "\"We will win,\" she said.", "\"The vote is Tuesday.\"" },
      split("\"We will win,\" she said. \"The vote is Tuesday.\""))
    assert.same({ "\226\128\156It\226\128\153s over.\226\128\157", "The crowd left." },
      split("\226\128\156It\226\128\153s over.\226\128\157 The crowd left."))
    assert.same({ "\"Stop!\" he shouted." }, split("\"Stop!\" he shouted."))
    assert.same({ "Er sagte: \226\128\158Das ist gut.\226\128\156", "Dann ging er." },
      split("Er sagte: \226\128\158Das ist gut.\226\128\156 Dann ging er."))
    assert.same({ "Il a dit : \194\171 C\226\128\153est fini. \194\187", "Puis il est parti." },
      split("Il a dit : \194\171 C\226\128\153est fini. \194\187 Puis il est parti."))
    assert.same({ "Sie rief: \194\187Halt!\194\171", "Er blieb stehen." },
      split("Sie rief: \194\187Halt!\194\171 Er blieb stehen."))
  end)

  it("keeps a quote detached by spaces with the sentence it closes", function()
    assert.same({ "I deserve another chance. '", "But the 41-year-old was dropped." },
      split("I deserve another chance. ' But the 41-year-old was dropped."))
    assert.same({ "He said it was over. \"", "The board met on Friday." },
      split("He said it was over. \" The board met on Friday."))
    assert.same({ "We are proud of them. \226\128\153" }, split("We are proud of them. \226\128\153"))
    assert.same({ "She spoke first.", "' We won, ' he said." }, split("She spoke first.\n\n' We won, ' he said."))
    -- a quote mark that only opens goes with the next sentence
    assert.same({ "The fans sang.", "\226\128\152 We are here \226\128\153, they chanted." },
      split("The fans sang. \226\128\152 We are here \226\128\153, they chanted."))
    -- a quote attached to its word is not detached
    assert.same({ "It ended.", "'Next week we go again.'" }, split("It ended. 'Next week we go again.'"))
  end)

  it("reads parentheses", function()
    assert.same({ "The index rose (see the chart.) and then fell." },
      split("The index rose (see the chart.) and then fell."))
    assert.same({ "Prices fell.", "(The data were revised.)", "Analysts were cautious." },
      split("Prices fell. (The data were revised.) Analysts were cautious."))
  end)

  it("makes list items sentences, with or without punctuation", function()
    assert.same({ "1. Open the box", "2. Remove the device", "3. Plug it in" },
      split("1. Open the box 2. Remove the device 3. Plug it in"))
    assert.same({ "a) red paint", "b) blue paint" }, split("a) red paint b) blue paint"))
    assert.same({ "(1) Call the office.", "(2) Ask for the editor." },
      split("(1) Call the office. (2) Ask for the editor."))
    assert.same({ "\226\128\162 Bread", "\226\128\162 Milk", "\226\128\162 Eggs" },
      split("\226\128\162 Bread \226\128\162 Milk \226\128\162 Eggs"))
    assert.same({ "Buy:", "- bread", "- milk" }, split("Buy:\n- bread\n- milk"))
    assert.same({ "A. B. Keller wrote the first draft." }, split("A. B. Keller wrote the first draft."))
  end)

  it("takes a word with a capital inside for a sentence start", function()
    assert.same({ "Sales fell.", "iPhone orders rose." }, split("Sales fell. iPhone orders rose."))
  end)

  it("splits where a space is missing after a period", function()
    assert.same({ "Prices rose.", "Wages did not." }, split("Prices rose.Wages did not."))
    assert.same({ "Sales hit 2,500.", "That was a record." }, split("Sales hit 2,500.That was a record."))
    assert.same({ "See Mr.Patel at the U.S.A. desk." }, split("See Mr.Patel at the U.S.A. desk."))
  end)

  it("gives headings without punctuation their own sentence", function()
    assert.same({ "Budget Talks Resume", "Lawmakers returned on Monday.", "They met for hours." },
      split("Budget Talks Resume\nLawmakers returned on Monday. They met for hours."))
    assert.same({ "Budget Talks Resume", "Lawmakers returned on Monday." },
      split("Budget Talks Resume\n\nLawmakers returned on Monday."))
    assert.same({ "menu", "about us", "contact" }, split("menu\nabout us\ncontact\n"))
  end)

  it("keeps a dateline with its first sentence", function()
    assert.same({ "WASHINGTON (AP) \226\128\148 Lawmakers met.", "They agreed." },
      split("WASHINGTON (AP) \226\128\148 Lawmakers met. They agreed."))
    assert.same({ "ST. LOUIS, March 3 (Reuters) - Shares rose." },
      split("ST. LOUIS, March 3 (Reuters) - Shares rose."))
    assert.same({ "SALEM, Ore. (Coastline Wire) \226\128\148 Rain fell." },
      split("SALEM, Ore. (Coastline Wire) \226\128\148 Rain fell."))
  end)

  it("joins wrapped lines of a sentence in the strings, unless told not to", function()
    local text = "The council voted to build the wall\nalong the river. It will cost\nmore than planned."
    assert.same({ "The council voted to build the wall along the river.", "It will cost more than planned." },
      split(text))
    assert.same({ "The council voted to build the wall\nalong the river.", "It will cost\nmore than planned." },
      split(text, { join_lines = false }))
    assert.same({ "It was a cold night." }, split("It was a cold \r\n  night."))
  end)

  it("joins hard-wrapped prose whose lines begin with capitals", function()
    local text = "The plan, drafted by the engineering firm Halvorsen and Pike for the\n" ..
                 "Portvale City Council, calls for a wall of steel and concrete, new\n" ..
                 "pumping stations and a raised promenade along the waterfront. Work\n" ..
                 "starts in March."
    assert.same({ "The plan, drafted by the engineering firm Halvorsen and Pike for the Portvale City Council, calls for a wall of steel and concrete, new pumping stations and a raised promenade along the waterfront.",
                  "Work starts in March." }, split(text))
  end)

  it("splits Chinese and Japanese without spaces", function()
    assert.same({ "\230\136\145\228\187\172\230\152\142\229\164\169\232\167\129\227\128\130",
                  "\228\189\160\229\165\189\229\144\151\239\188\159", "\229\190\136\229\165\189\239\188\129" },
      split("\230\136\145\228\187\172\230\152\142\229\164\169\232\167\129\227\128\130\228\189\160\229\165\189\229\144\151\239\188\159\229\190\136\229\165\189\239\188\129"))
    -- a full-width period ends a sentence, except before a digit
    assert.same({ "\229\128\164\227\129\175\239\188\147\239\188\142\239\188\149\227\129\167\227\129\153\239\188\142", "\230\172\161\227\129\167\227\129\153\227\128\130" },
      split("\229\128\164\227\129\175\239\188\147\239\188\142\239\188\149\227\129\167\227\129\153\239\188\142\230\172\161\227\129\167\227\129\153\227\128\130"))
    -- 「...。」 keeps its closing bracket
    assert.same({ "\227\128\140\227\129\175\227\129\132\227\128\130\227\128\141", "\227\129\157\227\129\134\227\128\130" },
      split("\227\128\140\227\129\175\227\129\132\227\128\130\227\128\141\227\129\157\227\129\134\227\128\130", { lang = "ja" }))
  end)

  it("reads Spanish opening marks", function()
    assert.same({ "\194\191D\195\179nde est\195\161?", "\194\161Aqu\195\173!", "Vale." },
      split("\194\191D\195\179nde est\195\161? \194\161Aqu\195\173! Vale.", { lang = "es" }))
    assert.same({ "El Sr. Garc\195\173a lleg\195\179.", "La Sra. L\195\179pez no." },
      split("El Sr. Garc\195\173a lleg\195\179. La Sra. L\195\179pez no.", { lang = "es" }))
  end)

  it("uses the language's abbreviations and rules", function()
    assert.same({ "Am 3. Oktober feiern wir.", "Das ist gut." },
      split("Am 3. Oktober feiern wir. Das ist gut.", { lang = "de" }))
    assert.same({ "Der 2. Weltkrieg endete 1945.", "Danach kam der Wiederaufbau." },
      split("Der 2. Weltkrieg endete 1945. Danach kam der Wiederaufbau.", { lang = "de" }))
    assert.same({ "Er kam z. B. am Abend, bzw. Nachts." },
      split("Er kam z. B. am Abend, bzw. Nachts.", { lang = "de" }))
    assert.same({ "M. Dupont est arriv\195\169.", "Mme. Martin aussi." },
      split("M. Dupont est arriv\195\169. Mme. Martin aussi.", { lang = "fr" }))
    assert.same({ "De heer dhr. Jansen kwam bijv. later." },
      split("De heer dhr. Jansen kwam bijv. later.", { lang = "nl" }))
    assert.same({ "Il Sig. Rossi \195\168 arrivato.", "La Dott. Bianchi no." },
      split("Il Sig. Rossi \195\168 arrivato. La Dott. Bianchi no.", { lang = "it" }))
    assert.same({ "O Sr. Silva chegou.", "A Dra. Costa n\195\163o." },
      split("O Sr. Silva chegou. A Dra. Costa n\195\163o.", { lang = "pt" }))
    -- Russian: "г." after a year ends a sentence before a starter, not before a name
    assert.same({ "\208\173\209\130\208\190 \208\177\209\139\208\187\208\190 \208\178 1999 \208\179.",
                  "\208\146 \209\130\208\190\208\188 \208\179\208\190\208\180\209\131 \208\177\209\139\208\187\208\190 \209\130\208\181\208\191\208\187\208\190." },
      split("\208\173\209\130\208\190 \208\177\209\139\208\187\208\190 \208\178 1999 \208\179. \208\146 \209\130\208\190\208\188 \208\179\208\190\208\180\209\131 \208\177\209\139\208\187\208\190 \209\130\208\181\208\191\208\187\208\190.", { lang = "ru" }))
    assert.same({ "\208\158\208\189 \208\182\208\184\208\178\209\145\209\130 \208\178 \208\179. \208\156\208\190\209\129\208\186\208\178\208\176." },
      split("\208\158\208\189 \208\182\208\184\208\178\209\145\209\130 \208\178 \208\179. \208\156\208\190\209\129\208\186\208\178\208\176.", { lang = "ru" }))
  end)

  it("is language-neutral without lang: no English-only rule, every list", function()
    -- German ordinals need lang = "de": without it "3." before a noun ends a sentence
    assert.same({ "Am 3.", "Oktober feiern wir." }, split("Am 3. Oktober feiern wir."))
    -- the abbreviations of every language apply
    assert.same({ "Er kam z. B. am Abend." }, split("Er kam z. B. am Abend."))
    assert.same({ "El Sr. Garc\195\173a lleg\195\179." }, split("El Sr. Garc\195\173a lleg\195\179."))
  end)

  it("takes the caller's abbreviations", function()
    local text = "The Fwd. Team met. The Sq. Gardens were shut."
    assert.same({ "The Fwd.", "Team met.", "The Sq. Gardens were shut." }, split(text))
    assert.same({ "The Fwd. Team met.", "The Sq. Gardens were shut." },
      split(text, { abbreviations = { ["Fwd"] = "title" } }))
    assert.same({ "Doors open at 9 Hrs. Guests wait." },
      split("Doors open at 9 Hrs. Guests wait.", { abbreviations = { "Hrs." } }))
    assert.same({ "Doors open at 9 Hrs.", "They wait." },
      split("Doors open at 9 Hrs. They wait.", { abbreviations = { "Hrs." } }))
  end)

  it("raises on bad arguments and options, naming them", function()
    assert.error_matches(function() split(42) end, "bad argument #1")
    assert.error_matches(function() split("x", { lang = "xx" }) end, "option 'lang' has unknown value 'xx'")
    assert.error_matches(function() split("x", { langue = "en" }) end, "unknown option 'langue'")
    assert.error_matches(function() split("x", { abbreviations = "Mr." }) end, "option 'abbreviations' must be a table")
    assert.error_matches(function() split("x", { abbreviations = { 5 } }) end, "option 'abbreviations' must hold strings")
    assert.error_matches(function() split("x", { abbreviations = { ["Gen."] = "rank" } }) end, "a class must be")
    assert.error_matches(function() split("x", { join_lines = 1 }) end, "option 'join_lines' must be a boolean")
    assert.error_matches(function() newsnlp.each_sentence("x", { join_lines = true }) end, "unknown option 'join_lines'")
  end)

  it("gives nothing for empty or blank text", function()
    assert.same({}, split(""))
    assert.same({}, split(" \n\t\n "))
  end)

  it("never rewrites: each_sentence and sentence_spans give exact offsets", function()
    local text = "  Mr. Okafor left.\n\n\226\128\156Why?\226\128\157 she asked.\r\nIt was\nlate. "
    local seen = {}
    for s, i, j in newsnlp.each_sentence(text) do
      assert.equal(text:sub(i, j), s)
      seen[#seen + 1] = { s, i, j }
    end
    assert.same({ { "Mr. Okafor left.", 3, 18 },
                  { "\226\128\156Why?\226\128\157 she asked.", 21, 41 },
                  { "It was\nlate.", 44, 55 } }, seen)
    local spans = newsnlp.sentence_spans(text)
    assert.same({ text = "It was\nlate.", start = 44, stop = 55 }, spans[3])
    check_invariants(text)
  end)

  it("keeps the invariants on awkward texts", function()
    local texts = {
      "...", ". . .", "?!", "\"\"\"", "a.B.c.D", "1.2.3.", "(((", ")))", "\226\128\162",
      "Mr.", "U.S.", "x \r\r\n y", "end.\226\128\169Next", "\255\254 bad. \192 bytes.",
      "A.\n\n\nB.", "1. 2. 3. 4.", "\194\160lead and trail\194\160", "\227\128\130\227\128\130",
      "Hi!\"' ) next", "e.g.", "word. . . .", "\226\128\166\226\128\166 x", "a\226\128\168b. C",
    }
    for _, text in ipairs(texts) do check_invariants(text) end
  end)

  it("stays linear and right on pathological input", function()
    local dots = string.rep(".", 1000000)
    assert.same({ dots }, split(dots))
    local word = string.rep("a", 1000000)
    assert.same({ word }, split(word))
    local glued = string.rep("ab.Cd", 200000) -- "ab.", "Cdab.", ..., "Cd"
    local spans = check_invariants(glued)
    assert.equal(200001, #spans)
    local noblank = string.rep("x.y", 300000)
    assert.equal(1, #split(noblank))
    local quotes = "He said " .. string.rep("\"", 100000) .. "yes." .. string.rep("\"", 100000) .. " Then"
    assert.same(2, #check_invariants(quotes))
    local parens = string.rep("(", 100000) .. "It ended." .. string.rep(")", 100000) .. " Next one."
    local got = split(parens)
    assert.equal(2, #got)
    assert.equal("Next one.", got[2])
    local spaced = string.rep(". ", 500000)
    assert.equal(1, #split(spaced))
    local lines = string.rep("a\n", 300000)
    assert.equal(300000, #split(lines))
    local list = "1. x " .. string.rep("2. ", 200000)
    check_invariants(list)
    local abbrevs = string.rep("Mr. ", 250000)
    assert.equal(1, #split(abbrevs))
    local lower = string.rep("abc. ", 200000) -- lower case only: each "abc." could end one
    assert.equal(1, #split(lower))
    local lower_words = string.rep("the cat sat. ", 100000)
    assert.equal(100000, #split(lower_words))
    local wrapped = string.rep("Word word word word word word word word word word\n", 20000) .. "."
    assert.equal(1, #split(wrapped)) -- wrapped lines: one sentence
    local curly = string.rep("\226\128\156", 100000) .. "Yes." .. string.rep("\226\128\157", 100000) .. " No."
    assert.equal(2, #check_invariants(curly))
  end)
end)
