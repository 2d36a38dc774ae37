-- newsnlp.entities.  Every text here was written for these tests; the
-- people and agencies in them are made up.
local newsnlp = require "newsnlp"

local EM = "\226\128\148"                     -- —
local LQ, RQ = "\226\128\156", "\226\128\157" -- “ ”
local RSQ = "\226\128\153"                    -- ’

-- The entity named text (any case), or nil.
local function find(ents, text)
  for _, e in ipairs(ents) do
    if e.text == text then return e end
  end
end

local function kind_of(s, text, opts)
  local e = find(newsnlp.entities(s, opts), text)
  return e and e.kind
end

local function has_alias(e, alias)
  for _, a in ipairs(e.aliases) do
    if a == alias then return true end
  end
  return false
end

-- Every record is well formed: spans are the mentions, in text order, not
-- overlapping (across all entities), count matches, aliases are distinct
-- surface forms other than the name.  (Plain checks, one assertion: long
-- texts have many spans.)
local KINDS = { person = true, organization = true, place = true, other = true }
local function check_records(s, ents)
  local all, problem = {}, nil
  for _, e in ipairs(ents) do
    if type(e.text) ~= "string" or not KINDS[e.kind] then problem = "bad record" end
    if #e.spans ~= e.count then problem = "count is not the number of spans" end
    local last = 0
    for _, sp in ipairs(e.spans) do
      if not (sp[1] >= 1 and sp[2] <= #s and sp[1] <= sp[2]) then problem = "span out of range" end
      if sp[1] <= last then problem = "spans out of order" end
      last = sp[2]
      if s:sub(sp[1], sp[1]):find("%s") or s:sub(sp[2], sp[2]):find("%s") then
        problem = "a span starts or ends with white space"
      end
      all[#all + 1] = sp
    end
    local seen = {}
    for _, a in ipairs(e.aliases) do
      if a == e.text or seen[a] then problem = "alias repeated" end
      seen[a] = true
    end
  end
  table.sort(all, function(a, b) return a[1] < b[1] end)
  for i = 2, #all do
    if all[i][1] <= all[i - 1][2] then problem = "mentions overlap" end
  end
  assert.is_nil(problem)
end

-- A Mekong story with the phenomena of wire copy: a title-case headline, a
-- dateline, titles before names, a demonym and a title inside one run, an
-- agency defined with its acronym, short forms, Mr. and Ms.
local MEKONG = table.concat({
  "Thailand and Laos Agree to Build Mekong Bridge After Talks in Vientiane",
  "",
  "VIENTIANE, Laos (Lao News Agency) " .. EM .. " Thai Prime Minister Somchai Wongsuwan and " ..
    "Laotian President Bounmy Phommavong agreed on Friday to build a second bridge across the " ..
    "Mekong River, the Lao News Agency (LNA) reported.",
  "",
  "Mr. Wongsuwan, who arrived in Vientiane on Thursday, said the bridge would cost about " ..
    "$300 million and open in 2029. LNA said Japan and China had offered loans.",
  "",
  "Laotian Defence Ministry Secretary of State Khamla Sisouk told the Council of Ministers " ..
    "that the Japan International Cooperation Agency would pay for the design. " ..
    "Japan" .. RSQ .. "s ambassador attended the signing with his wife, Noriko Tanabe.",
  "",
  LQ .. "This bridge will bring our peoples closer," .. RQ .. " said Ms. Tanabe, who chairs a " ..
    "friendship society. Officials from the Council of Ministers did not comment.",
  "",
  "Thailand is Laos" .. RSQ .. "s largest trading partner. Mr. Phommavong will visit Bangkok " ..
    "in March.",
}, "\n")

describe("newsnlp.entities", function()
  local ents, lang = newsnlp.entities(MEKONG)

  it("finds the people, places and organizations of a story, with their kinds", function()
    assert.equal("en", lang)
    check_records(MEKONG, ents)
    for _, p in ipairs { "Somchai Wongsuwan", "Bounmy Phommavong", "Khamla Sisouk", "Noriko Tanabe" } do
      assert.equal("person", find(ents, p) and find(ents, p).kind, p)
    end
    for _, p in ipairs { "Thailand", "Laos", "Vientiane", "Japan", "China", "Bangkok", "Mekong River" } do
      assert.equal("place", find(ents, p) and find(ents, p).kind, p)
    end
    for _, o in ipairs { "Lao News Agency", "Council of Ministers",
                         "Japan International Cooperation Agency" } do
      assert.equal("organization", find(ents, o) and find(ents, o).kind, o)
    end
    assert.equal("other", find(ents, "Thai").kind)
    assert.equal("other", find(ents, "Laotian").kind)
  end)

  it("keeps titles out of names, and splits a demonym and a title from a run", function()
    assert.is_nil(find(ents, "Prime Minister Somchai Wongsuwan"))
    assert.is_nil(find(ents, "Secretary of State Khamla Sisouk"))
    -- "Laotian Defence Ministry Secretary of State Khamla Sisouk"
    assert.equal("organization", find(ents, "Laotian Defence Ministry").kind)
    assert.is_nil(find(ents, "Mr. Wongsuwan"))
    -- a title alone is no name
    assert.same({}, newsnlp.entities("The Prime Minister said the Home Secretary would stay.", { lang = "en" }))
    assert.same({}, newsnlp.entities("The PM said so on Monday.", { lang = "en" }))
  end)

  it("makes no name of a common noun written as an acronym", function()
    local es = newsnlp.entities("Sales of TVs and PCs rose, the CEO of Varnak Corp said. "
      .. "GDP grew by 2%.", { lang = "en" })
    for _, word in ipairs { "TVs", "PCs", "CEO", "GDP" } do assert.is_nil(find(es, word)) end
    assert.truthy(find(es, "Varnak Corp"))
  end)

  it("links short forms and acronyms to the full name", function()
    local pm = find(ents, "Somchai Wongsuwan")
    assert.truthy(has_alias(pm, "Wongsuwan"))
    assert.equal(2, pm.count)
    local tanabe = find(ents, "Noriko Tanabe")
    assert.truthy(has_alias(tanabe, "Tanabe"))
    local lna = find(ents, "Lao News Agency")
    assert.truthy(has_alias(lna, "LNA"))
    assert.equal(4, lna.count) -- the dateline's agency, the definition, "LNA" twice
    assert.is_nil(find(ents, "LNA"))
    assert.equal(2, find(ents, "Council of Ministers").count)
  end)

  it("links a company's shorter names to its full name", function()
    local s = "Torvane Industries Inc said on Monday it would buy two rivals. "
      .. "Torvane Industries makes pumps. Torvane said the deal would close in May."
    local es = newsnlp.entities(s, { lang = "en" })
    local full = find(es, "Torvane Industries Inc")
    assert.equal("organization", full.kind)
    assert.equal(3, full.count)
    assert.truthy(has_alias(full, "Torvane Industries"))
    assert.truthy(has_alias(full, "Torvane"))
    assert.is_nil(find(es, "Torvane"))
    -- The full name keeps its kind, however the shorter one is read.
    es = newsnlp.entities("Analysts expect a bid from Torvane Corp this week. The board met in Oslo to weigh "
      .. "the offer from Torvane. Shares rose after news of an offer from Torvane.", { lang = "en" })
    assert.equal("organization", find(es, "Torvane Corp").kind)
    assert.equal(3, find(es, "Torvane Corp").count)
    -- Not when a word after the first is no organization cue.
    es = newsnlp.entities("Kelso Harbor Shipping Ltd said so. Kelso said no.", { lang = "en" })
    assert.is_false(has_alias(find(es, "Kelso Harbor Shipping Ltd"), "Kelso"))
    assert.truthy(find(es, "Kelso"))
  end)

  it("reads a stock symbol in angle brackets as an organization", function()
    assert.equal("organization", kind_of("Shares of <KVX> rose on Friday.", "KVX", { lang = "en" }))
    local s = "MARLOW <MRW> WINS DELTA FORGE <DF> CONTRACT\n\n"
      .. "Marlow Corp said it won a contract from Delta Forge Inc on Monday."
    local forge = find(newsnlp.entities(s, { lang = "en" }), "Delta Forge Inc")
    assert.equal("organization", forge.kind)
    assert.truthy(has_alias(forge, "Delta Forge"))
  end)

  it("gives byte spans that locate every mention", function()
    local lna = find(ents, "Lao News Agency")
    local forms = {}
    for _, sp in ipairs(lna.spans) do forms[MEKONG:sub(sp[1], sp[2])] = true end
    assert.same({ ["Lao News Agency"] = true, LNA = true }, forms)
    local thailand = find(ents, "Thailand")
    assert.equal("Thailand", MEKONG:sub(thailand.spans[1][1], thailand.spans[1][2]))
    assert.equal(1, thailand.spans[1][1]) -- the headline
  end)

  it("leaves the article's boilerplate lines out, unless structure is false", function()
    local text = "Ferry Service Resumes\n\n"
      .. "Captain Ilse Brandt said the ferry to Bergen would sail again on Monday.\n\n"
      .. "Follow us on Twitter and Facebook for the latest news.\n"
    local ents = newsnlp.entities(text)
    assert.is_nil(find(ents, "Twitter"))
    assert.is_nil(find(ents, "Facebook"))
    assert.equal("person", find(ents, "Ilse Brandt").kind)
    assert.equal("place", find(ents, "Bergen").kind)
    local all = newsnlp.entities(text, { structure = false })
    assert.is_table(find(all, "Twitter"))
    assert.same(find(ents, "Bergen").spans, find(all, "Bergen").spans)
    assert.error_matches(function() newsnlp.entities(text, { structure = "no" }) end,
                         "option 'structure'")
  end)

  it("lets a dateline count toward a name that long names also start with", function()
    local text = "Brennick Approves New Harbor Plan\n\n"
      .. "BRENNICK, Maine (Coast Wire) — The Brennick City Council voted on Monday to widen the harbor.\n\n"
      .. "Students at Brennick State University will study the plan, the Brennick City Council said.\n"
    local ents = newsnlp.entities(text)
    local town = find(ents, "Brennick")
    assert.equal("place", town.kind)
    assert.equal(2, town.count) -- the headline and the dateline, one entity
    assert.equal("organization", find(ents, "Brennick City Council").kind)
  end)

  it("orders entities by salience: mentions first, then the earlier first mention", function()
    for i = 2, #ents do
      assert.truthy(ents[i - 1].count >= ents[i].count)
      if ents[i - 1].count == ents[i].count then
        assert.truthy(ents[i - 1].spans[1][1] <= ents[i].spans[1][1])
      end
    end
  end)

  it("reads headlines in capitals and title case by the rest of the text", function()
    local s = "LAOS AND THAILAND AGREE ON NEW BRIDGE\n\n" ..
              "Laos and Thailand agreed on Friday to build a bridge over the river. " ..
              "The new crossing will open in 2029, officials said."
    local e = newsnlp.entities(s)
    check_records(s, e)
    local laos = find(e, "Laos")
    assert.equal("place", laos.kind)
    assert.equal(2, laos.count)
    assert.truthy(has_alias(laos, "LAOS"))
    for _, word in ipairs { "Agree", "New", "Bridge", "AGREE", "NEW", "BRIDGE" } do
      assert.is_nil(find(e, word), word)
    end
    local t = "Thailand Opens Bridge to Laos\n\nThailand opened a bridge to Laos on Friday."
    local e2 = newsnlp.entities(t)
    assert.is_nil(find(e2, "Opens"))
    assert.is_nil(find(e2, "Bridge"))
    assert.equal(2, find(e2, "Thailand").count)
  end)

  it("reads sentence-initial capitals by the rest of the text", function()
    local s = "Officials said the talks went well. Japan offered a loan. " ..
              "Electricity is the main export. Kovalenko, the minister, agreed. " ..
              "Later, Kovalenko left for Tokyo."
    local e = newsnlp.entities(s)
    assert.is_nil(find(e, "Officials"))
    assert.is_nil(find(e, "Electricity"))
    assert.is_nil(find(e, "Later"))
    assert.equal("place", find(e, "Japan").kind)
    assert.equal(2, find(e, "Kovalenko").count)
  end)

  it("reads a dateline in capitals as a place", function()
    local s = "DAKAR, Senegal " .. EM .. " The port reopened on Monday after the strike ended."
    local e = newsnlp.entities(s)
    assert.equal("place", find(e, "Dakar").kind)
    assert.truthy(has_alias(find(e, "Dakar"), "DAKAR"))
    assert.equal("place", find(e, "Senegal").kind)
    -- a state that WordNet also knows as a people; a month in capitals is no name
    local us = newsnlp.entities("DAVENPORT, Iowa, MARCH 31 - Varden Mills said its dividend would fall.",
                                { lang = "en" })
    assert.equal("place", find(us, "Iowa").kind)
    assert.is_nil(find(us, "March"))
    assert.is_nil(find(us, "MARCH"))
  end)

  describe("cue words", function()
    local function kind(s, name) return kind_of(s, name, { lang = "en" }) end

    it("for organizations", function()
      assert.equal("organization", kind("Shares of Oberholz Widgets Inc fell.", "Oberholz Widgets Inc"))
      assert.equal("organization", kind("He joined Varga Holdings Group last year.", "Varga Holdings Group"))
      assert.equal("organization", kind("The Bank of Norland raised rates.", "Bank of Norland"))
      assert.equal("organization", kind("She flew with Air Varnia to the coast.", "Air Varnia"))
      assert.equal("organization", kind("A loan came from Banque Tessaly Orlo.", "Banque Tessaly Orlo"))
      assert.equal("organization", kind("The Norland Football Association met.", "Norland Football Association"))
      assert.equal("organization", kind("Talks with Halden & Sons broke down.", "Halden & Sons"))
      assert.equal("organization",
        kind("The Organisation for Security and Cooperation in Europe sent observers.",
             "Organisation for Security and Cooperation in Europe"))
      -- A legal form keeps a common word that opens the sentence in the name.
      assert.equal("organization", kind("Grand Pellor PLC said its unit would be sold.", "Grand Pellor PLC"))
      assert.equal("organization", kind("Advice came from Harlan Vosk and Co Inc on Monday.", "Harlan Vosk and Co Inc"))
      -- a legal form after a comma, and a title inside a company's name
      assert.equal("organization", kind("Shares of Tessaly Mills, Inc. rose.", "Tessaly Mills, Inc."))
      assert.equal("organization", kind("Profits at Data General Corp fell.", "Data General Corp"))
      -- a firm whose name reads like a person's, from the gazetteer
      assert.equal("organization", kind("The deal was arranged by Merrill Lynch in London.", "Merrill Lynch"))
      assert.equal("organization", kind("Lead manager Morgan Varden Ltd said the bond sold well.", "Morgan Varden Ltd"))
      -- a legal form is no name alone; an acronym after a comma is no legal form
      local corp = newsnlp.entities("Varden's Corp said it cut the debt.", { lang = "en" })
      assert.truthy(find(corp, "Varden"))
      assert.is_nil(find(corp, "Corp"))
      local asa = newsnlp.entities("The Varna Soybean Association, ASA, met.", { lang = "en" })
      assert.truthy(find(asa, "Varna Soybean Association"))
      assert.is_nil(find(asa, "Varna Soybean Association, ASA"))
    end)

    it("joins a firm named after people to its shorter name, unless it is a person's", function()
      local firm = newsnlp.entities("Advice came from Vosk Halden and Co on Monday. " ..
                                    "Vosk Halden said the bid was fair.", { lang = "en" })
      assert.equal(1, #firm)
      assert.equal("organization", firm[1].kind)
      assert.equal(2, firm[1].count)
      local man = newsnlp.entities("Investor Arvo Tennant runs Arvo Tennant and Co in Varna. " ..
                                   "Arvo Tennant said the fund grew. Tennant, 52, declined to say more.",
                                   { lang = "en" })
      assert.equal("organization", find(man, "Arvo Tennant and Co").kind)
      assert.equal("person", find(man, "Arvo Tennant").kind)
    end)

    it("reads no person's name in one that ends in a capital letter or a country", function()
      assert.equal("organization", kind("Its Class B shares rose 5 pct.", "Class B"))
      assert.equal("organization", kind("Data released by Statistics Canada showed a rise.", "Statistics Canada"))
      assert.equal("place", kind("Exports to Western Europe fell.", "Western Europe"))
      assert.equal("person", kind("Shares were sold by Jack London on Monday.", "Jack London"))
    end)

    it("knows names with their possessive", function()
      local ents = newsnlp.entities("The bonds are rated AAA by Moody's and Standard & Poor's.", { lang = "en" })
      assert.equal("organization", find(ents, "Moody").kind)
      assert.equal("organization", find(ents, "Standard & Poor").kind)
    end)

    it("for places", function()
      assert.equal("place", kind("Boats sailed up the Varna River at dawn.", "Varna River"))
      assert.equal("place", kind("Climbers left for Mount Kelbor on Monday.", "Mount Kelbor"))
      assert.equal("place", kind("Ships crossed the Gulf of Tessaly at night.", "Gulf of Tessaly"))
      assert.equal("place", kind("Fishermen from Orlo Island protested.", "Orlo Island"))
      assert.equal("place", kind("Trains left Marrow Station late.", "Marrow Station"))
      assert.equal("place", kind("Water poured over Kettering Dam.", "Kettering Dam"))
      -- a saint's name before a given name: no person
      assert.equal("place", kind("Stores open in Atlanta, St. Louis and Denver.", "St. Louis"))
    end)

    it("for numbered names: a common noun, No. and a number", function()
      local s = "Work on the first section, near Pier No. 9, starts in May."
      local ents = newsnlp.entities(s, { lang = "en" })
      local pier = find(ents, "Pier No. 9")
      assert.equal("place", pier and pier.kind)
      assert.equal("Pier No. 9", s:sub(pier.spans[1][1], pier.spans[1][2]))
      assert.is_nil(find(ents, "Pier"))
      assert.equal("place", kind("Police closed Gate No. 3 at the airport.", "Gate No. 3"))
      -- a numbered name as the text's first words
      local first = newsnlp.entities("Pier No. 9 reopened. Boats wait near Pier No. 9 and Pier No. 4 today.",
                                     { lang = "en" })
      assert.equal("place", find(first, "Pier No. 9").kind)
      assert.equal(2, find(first, "Pier No. 9").count)
      assert.equal("place", find(first, "Pier No. 4").kind)
      assert.equal("other", kind("The band played Symphony No. 4 in Tessaly.", "Symphony No. 4"))
      -- a name before "No." is no numbered thing; nor is a number without "No."
      local grain = newsnlp.entities("Trade in U.S. No. 2 yellow corn was slow.", { lang = "en" })
      assert.equal("place", find(grain, "U.S.") and find(grain, "U.S.").kind)
      assert.is_nil(find(grain, "U.S. No. 2"))
      local cotton = newsnlp.entities("Prices on the Varna Cotton Exchange No 2 contract rose.", { lang = "en" })
      assert.truthy(find(cotton, "Varna Cotton Exchange"))
      assert.is_nil(find(cotton, "Varna Cotton Exchange No 2"))
      local poll = newsnlp.entities("The poll ranked Ilse Marwood No. 2 in the party.", { lang = "en" })
      assert.truthy(find(poll, "Ilse Marwood"))
      assert.is_nil(find(poll, "Ilse Marwood No. 2"))
    end)

    it("for other names: events, competitions, laws", function()
      -- A nationality at either end: no person's name.
      assert.equal("other", kind("Money flowed into the West German monetary system.", "West German"))
      assert.are_not.equal("person",
        kind("Rates were held through Nordic Fiscal Compact intervention.", "Nordic Fiscal Compact"))
      assert.are_not.equal("person",
        kind("Loans carry interest over the London Varden Offered Rate.", "London Varden Offered Rate"))
      assert.equal("other", kind("She won the Norland Open last year.", "Norland Open"))
      assert.equal("other", kind("Tickets for the Tessaly Cup of Nations sold out.",
                                 "Tessaly Cup of Nations"))
      assert.equal("other", kind("Parliament passed the Coastal Protection Act on Monday.",
                                 "Coastal Protection Act"))
      assert.equal("other", kind("Veterans of the Varna War marched.", "Varna War"))
      assert.equal("other", kind("Wheat was sold under the Varna Export Program.", "Varna Export Program"))
      assert.equal("other", kind("The Bangkok-based group said so.", "Bangkok-based"))
    end)

    it("for people: titles, given names, context", function()
      assert.equal("person", kind("Senator Orla Brennick voted no.", "Orla Brennick"))
      -- A party and an office before the name stay out of it.
      local mp = "Tory MP Halvard Quist is to stand down."
      assert.equal("person", kind(mp, "Halvard Quist"))
      assert.is_nil(kind(mp, "Tory MP Halvard Quist"))
      assert.equal("person", kind("The report was written by Dr. Veselin Andov.", "Veselin Andov"))
      -- corporate offices, also opening a sentence
      local coo = newsnlp.entities("Chief Operating Officer Arvo Tennant will retire.", { lang = "en" })
      assert.equal(1, #coo)
      assert.equal("Arvo Tennant", coo[1].text)
      assert.equal("person", coo[1].kind)
      assert.equal("person", kind("Sales fell, Chief Financial Officer Dagny Ruhl said.", "Dagny Ruhl"))
      assert.equal("person", kind("CEO Ilse Marwood resigned.", "Ilse Marwood"))
      -- an office after a title: "of the ..." is no part of a name
      local ex = newsnlp.entities("Chancellor of the Exchequer Orla Brennick said so.", { lang = "en" })
      assert.equal(1, #ex)
      assert.equal("Orla Brennick", ex[1].text)
      local tr = newsnlp.entities("Arvo Tennant, Deputy Assistant Secretary of the Treasury, spoke.", { lang = "en" })
      assert.equal("person", find(tr, "Arvo Tennant").kind)
      assert.equal("organization", find(tr, "Treasury").kind)
      assert.equal("person", kind("Secretary of Agriculture Richard Tennant met farmers.", "Richard Tennant"))
      assert.equal("person", kind("Talks were led by Peter Kallstrom on Friday.", "Peter Kallstrom"))
      assert.equal("person", kind("A spokesman, Arvo Tennant, declined to comment.", "Arvo Tennant"))
      assert.equal("person", kind("Ilse Marwood, 42, was arrested.", "Ilse Marwood"))
      assert.equal("person", kind("Under the plan, Dagny Ruhl, who leads the union, will resign.",
                                  "Dagny Ruhl"))
    end)

    it("from the words around a name", function()
      assert.equal("organization", kind("The report came from Novimir news agency.", "Novimir"))
      assert.equal("organization", kind("The Quick Varden unit said so.", "Quick Varden"))
      assert.equal("place", kind("Rebels seized the village of Kaldor on Monday.", "Kaldor"))
      assert.equal("place", kind("Fighting was reported near Velesta.", "Velesta"))
      -- A preposition of place outweighs the mere look of a two-word name.
      assert.equal("place", kind("Crews rebuilt the old causeway at Dorvan Keth.", "Dorvan Keth"))
      assert.equal("person", kind("Crews rebuilt the old causeway, said Dorvan Keth.", "Dorvan Keth"))
    end)
  end)

  it("gives weakly typed names in a list the kind of the others", function()
    local s = "Exports rose to France, Germany and Velmora, the ministry said."
    assert.equal("place", kind_of(s, "Velmora"))
  end)

  it("reads a sports report by its conventions", function()
    local s = table.concat({
      "SOCCER - OSTRAVA BEAT LYNDALE IN CUP",
      "LONDON 2027-03-01",
      "Ostrava beat Lyndale 2-1 on Saturday to reach the quarter-finals of the cup.",
      "Lyndale United striker Tomas Brandt scored the first goal in the match.",
    }, "\n")
    local e = newsnlp.entities(s)
    check_records(s, e)
    assert.equal("place", find(e, "London").kind)
    assert.equal("organization", find(e, "Lyndale United").kind)
    assert.equal("person", find(e, "Tomas Brandt").kind)
    -- the sport tag of the headline is no name
    assert.is_nil(find(e, "Soccer") or find(e, "SOCCER"))
    e = newsnlp.entities("GOLF - LEADING SCORES AT THE OPEN\nLONDON 2027-03-01\n"
      .. "Tomas Brandt led the Lyndale Golf Classic by two shots.")
    assert.is_nil(find(e, "Golf") or find(e, "GOLF"))
    assert.equal("person", find(e, "Tomas Brandt").kind)
  end)

  it("handles empty and blank input", function()
    local e, lang = newsnlp.entities("")
    assert.same({}, e)
    assert.equal("en", lang)
    assert.same({}, (newsnlp.entities(" \n\t ")))
    assert.same({}, (newsnlp.entities("no names at all here, just words.")))
  end)

  it("never makes a name of invalid UTF-8, and keeps offsets right around it", function()
    local s = "Tessaly \255\254 and Norland signed. \192Varnia agreed with Norland."
    local e = newsnlp.entities(s)
    check_records(s, e)
    for _, x in ipairs(e) do
      assert.truthy(newsnlp.isvalid(x.text))
    end
    assert.equal(2, find(e, "Norland").count)
  end)

  describe("without English data", function()
    local GERMAN = "Die Regierung in Berlin hat am Montag einen neuen Plan vorgestellt. " ..
                   "Der Minister sagte, die Kosten seien hoch. Kritiker in Hamburg und " ..
                   "in der Opposition sprachen von einem Fehler, der sich nicht wiederholen " ..
                   "dürfe. Nach der Sitzung reiste Anna Keller nach Paris."

    it("reads text that is not English without the English data, and says so", function()
      local e, lang = newsnlp.entities(GERMAN)
      assert.equal("neutral", lang)
      check_records(GERMAN, e)
      assert.equal("place", find(e, "Berlin").kind)
      assert.equal("place", find(e, "Paris").kind)
      assert.equal("place", find(e, "Hamburg").kind)
      assert.equal("person", find(e, "Anna Keller").kind)
      -- sentence-initial words need evidence from the text to be names
      assert.is_nil(find(e, "Die"))
      assert.is_nil(find(e, "Der"))
      assert.is_nil(find(e, "Nach"))
    end)

    it("takes an explicit language", function()
      local _, lang = newsnlp.entities(GERMAN, { lang = "en" })
      assert.equal("en", lang)
      local _, lang2 = newsnlp.entities(MEKONG, { lang = "de" })
      assert.equal("neutral", lang2)
      local _, lang3 = newsnlp.entities(MEKONG, { lang = "en-GB" })
      assert.equal("en", lang3)
    end)

    it("finds nothing but Latin-script gazetteer names in a caseless script", function()
      local s = "\228\184\156\228\186\172\229\146\140 Tokyo \229\144\140\230\132\143\227\128\130"
      local e = newsnlp.entities(s)
      check_records(s, e)
      assert.equal(1, #e)
      assert.equal("Tokyo", e[1].text)
    end)
  end)

  it("is linear in the length of a long article and gives the same records as short ones", function()
    local parts, copies = {}, math.floor(5.2e6 / #MEKONG) + 1
    for i = 1, copies do parts[i] = MEKONG end
    local big = table.concat(parts, "\n\n")
    assert.truthy(#big > 5 * 1000 * 1000)
    local e = newsnlp.entities(big)
    check_records(big, e)
    local pm = find(e, "Somchai Wongsuwan")
    assert.equal(copies * 2, pm.count)
    assert.equal("person", pm.kind)
  end)

  it("gives the same result however many articles came before", function()
    local first = newsnlp.entities(MEKONG)
    for _ = 1, 3 do newsnlp.entities("Kovalenko met Tessaly officials in Norland on Monday.") end
    assert.same(first, newsnlp.entities(MEKONG))
  end)

  it("raises on bad arguments, naming them", function()
    assert.error_matches(function() newsnlp.entities(nil) end, "bad argument #1")
    assert.error_matches(function() newsnlp.entities(42) end, "string expected")
    assert.error_matches(function() newsnlp.entities("x", { language = "en" }) end,
                         "unknown option 'language'")
    assert.error_matches(function() newsnlp.entities("x", { lang = "english!" }) end,
                         "option 'lang' is not a language tag")
    assert.error_matches(function() newsnlp.entities("x", { lang = 5 }) end,
                         "option 'lang' must be a string")
    assert.error_matches(function() newsnlp.entities("x", 5) end, "bad argument #2")
  end)
end)
