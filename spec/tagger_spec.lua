-- Taxonomy tagging: matching rules (case, diacritics, possessives, stemming,
-- elision, multi-word and overlapping phrases), scores, the text format and
-- its errors, options, the object's life cycle, a 5 MB text.
-- Non-ASCII text is written as UTF-8; invisible or decomposed forms as decimal escapes.
local newsnlp = require "newsnlp"

local function errors_with(pattern, f, ...)
  local ok, err = pcall(f, ...)
  assert.is_false(ok)
  assert.matches(pattern, err)
end

-- "tag=text" for every match of text.
local function found(tagger, text, opts)
  local out = {}
  for _, m in ipairs(tagger:match(text, opts)) do
    out[#out + 1] = m.tag .. "=" .. text:sub(m.start, m.stop)
  end
  return out
end

-- The tag names of tagger:tag(text), best first.
local function tag_names(tagger, text, opts)
  local out = {}
  for _, r in ipairs(tagger:tag(text, opts)) do out[#out + 1] = r.tag end
  return out
end

-- Writes text to a temporary file and returns its name.
local function write_file(text)
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  f:write(text)
  f:close()
  return name
end

local function load_text(text, opts)
  local name = write_file(text)
  local t, err, code = newsnlp.load_tagger(name, opts)
  os.remove(name)
  return t, err and err:gsub("^.-:(%d+:)", "%1") or nil, code
end

describe("newsnlp.tagger", function()
  local climate = newsnlp.tagger({
    ["Climate change"] = { "climate change", "global warming", "carbon emissions" },
    Cambodia = { "Cambodia", "Phnom Penh", "Hun Sen" },
    Brazil = { "Brazil", "São Paulo" },
  })

  describe("matching", function()
    it("ignores case", function()
      assert.same({ "Climate change=CLIMATE CHANGE", "Climate change=Global Warming" },
        found(climate, "CLIMATE CHANGE and Global Warming"))
    end)

    it("ignores diacritics, both ways, and decomposed forms", function()
      assert.same({ "Brazil=Sao Paulo", "Brazil=SÃO PAULO", "Brazil=Sa\204\131o Paulo" },
        found(climate, "Sao Paulo, SÃO PAULO, Sa\204\131o Paulo"))
      local t = newsnlp.tagger({ Turkey = "Erdogan", Germany = "Düsseldorf", Greece = "Αθήνα" })
      assert.same({ "Turkey=Erdoğan", "Germany=Dusseldorf", "Greece=ΑΘΗΝΑ" },
        found(t, "Erdoğan in Dusseldorf, then ΑΘΗΝΑ"))
    end)

    it("keeps Cyrillic й apart from и, but reads ё as е", function()
      local t = newsnlp.tagger({ My = "мой", Tree = "ёлка" })
      assert.same({ "My=МОЙ", "Tree=елка" }, found(t, "мои МОЙ елка"))
    end)

    it("folds compatibility forms", function()
      local t = newsnlp.tagger({ Finance = "finance", Covid = "COVID" })
      assert.same({ "Finance=\239\172\129nance", "Covid=ＣＯＶＩＤ" },
        found(t, "\239\172\129nance ＣＯＶＩＤ"))
    end)

    it("reads possessives as the word", function()
      assert.same({ "Cambodia=Cambodia", "Cambodia=Hun Sen", "Cambodia=CAMBODIA" },
        found(climate, "Cambodia's leader Hun Sen’s party, CAMBODIA’S"))
      local t = newsnlp.tagger({ Labour = { "workers", "Cambodia's workers" } })
      assert.same({ "Labour=workers", "Labour=Cambodia's workers" },
        found(t, "the workers' union and Cambodia's workers"))
    end)

    it("matches multi-word phrases token by token, punctuation included", function()
      assert.same({ "Cambodia=Hun Sen", "Cambodia=Hun  \n Sen" },
        found(climate, "Hun Sen met Hun, Sen and Hun. Sen and Hun  \n Sen"))
    end)

    it("takes the phrase as the tokenizer reads it: abbreviations, hyphenated words", function()
      local t = newsnlp.tagger({ US = "U.S.", Covid = "COVID-19", Phone = "AT&T" })
      assert.same({ "Covid=Covid-19", "US=U.S.", "Phone=AT&T" },
        found(t, "Covid-19 in the U.S. and AT&T; COVID 19; U.S.-China"))
    end)

    it("matches ideographs one by one", function()
      local t = newsnlp.tagger({ Beijing = "北京" })
      assert.same({ "Beijing=北京" }, found(t, "我在北京市"))
    end)

    it("takes the leftmost, then the longest, without overlaps", function()
      local t = newsnlp.tagger({
        NY = "New York", NYT = "New York Times", Times = "York Times", Paper = "Times",
      })
      assert.same({ "NYT=New York Times", "NY=New York" },
        found(t, "The New York Times in New York."))
      local u = newsnlp.tagger({ AB = "alpha beta", BC = "beta gamma" })
      assert.same({ "AB=alpha beta" }, found(u, "alpha beta gamma"))
      assert.same({ "BC=beta gamma" }, found(u, "alpha, beta gamma"))
    end)

    it("reports every occurrence with overlapping", function()
      local t = newsnlp.tagger({ NY = "New York", NYT = "New York Times", Times = "York Times" })
      assert.same({ "NY=New York", "NYT=New York Times", "Times=York Times" },
        found(t, "The New York Times", { overlapping = true }))
    end)

    it("gives every tag of a shared phrase", function()
      local t = newsnlp.tagger({ Cambodia = "Phnom Penh", Cities = { "Phnom Penh", "Hanoi" } })
      assert.same({ "Cambodia=Phnom Penh", "Cities=Phnom Penh" }, found(t, "in Phnom Penh"))
      local m = t:match("Phnom Penh")
      assert.equal("Phnom Penh", m[1].phrase)
      assert.equal(1, m[1].start)
      assert.equal(10, m[1].stop)
    end)

    it("gives the phrase as written in the taxonomy", function()
      local m = climate:match("SAO PAULO")
      assert.equal("São Paulo", m[1].phrase)
      assert.equal("Brazil", m[1].tag)
    end)

    it("matches case-sensitive phrases only in their case", function()
      local t = newsnlp.tagger({
        ["United States"] = { "United States", case_sensitive = { "US", "U.S." } },
        People = "us",
      })
      -- "us" of People has no case, so it matches "US" too.
      assert.same({ "People=US", "United States=US", "People=us", "People=US", "United States=US",
        "People=Us" }, found(t, "US officials told us; the US's plan. Us"))
      local only = newsnlp.tagger({ ["United States"] = { case_sensitive = { "US" } } })
      assert.same({ "United States=US" }, found(only, "us US Us uS"))
    end)

    it("lets a case-insensitive phrase of a tag absorb the case-sensitive one", function()
      local t = newsnlp.tagger({ Apple = { "apple", case_sensitive = { "Apple" } } })
      assert.equal(1, (t:size()))
      assert.same({ "Apple=apple", "Apple=Apple" }, found(t, "an apple at Apple"))
    end)

    it("strips French and Italian elision with lang, not without", function()
      local fr = newsnlp.tagger({ Elysee = "Élysée", Italie = "Italia" }, { lang = "fr" })
      assert.same({ "Elysee=Élysée", "Elysee=Elysée" }, found(fr, "l'Élysée, d’Elysée"))
      local it_ = newsnlp.tagger({ Italia = "Italia" }, { lang = "it" })
      assert.same({ "Italia=Italia" }, found(it_, "dell'Italia"))
      local none = newsnlp.tagger({ Elysee = "Élysée" })
      assert.same({}, found(none, "l'Élysée"))
      local en = newsnlp.tagger({ Brien = "Brien" }, { lang = "en" })
      assert.same({}, found(en, "O'Brien"))
    end)

    it("stems English words with lang en", function()
      local t = newsnlp.tagger({ Protest = "protest", Vote = "voting rights" },
        { lang = "en", stem = true })
      assert.same({ "Protest=Protests", "Protest=protesters", "Protest=protested",
        "Vote=vote right" }, found(t, "Protests, protesters protested; vote right"))
      assert.same({}, found(climate, "Cambodian"))
    end)

    it("stems French and German words with their stemmers", function()
      local fr = newsnlp.tagger({ Vote = "élection", Rue = "manifestation" },
        { lang = "fr", stem = true })
      assert.same({ "Vote=élections", "Rue=manifestations", "Vote=ELECTIONS" },
        found(fr, "les élections, les manifestations, ELECTIONS"))
      local de = newsnlp.tagger({ Staat = "Regierung", Bau = "Haus" }, { lang = "de", stem = true })
      assert.same({ "Staat=Regierungen", "Bau=Häuser" }, found(de, "Die Regierungen, die Häuser"))
    end)

    it("does not stem case-sensitive phrases", function()
      local t = newsnlp.tagger({ Apple = { case_sensitive = "Apple" } }, { lang = "en", stem = true })
      assert.same({ "Apple=Apple" }, found(t, "Apple apples Apples"))
    end)

    it("gives byte spans of the text, 1-based and inclusive", function()
      local text = "Née à São Paulo. Cambodia's capital."
      local m = climate:match(text)
      assert.equal("São Paulo", text:sub(m[1].start, m[1].stop))
      assert.equal("Cambodia", text:sub(m[2].start, m[2].stop))
    end)

    it("reads invalid UTF-8 in the text as tokens of their own", function()
      assert.same({ "Cambodia=Cambodia", "Cambodia=Cambodia" },
        found(climate, "Cambodia\255Cambodia \192"))
    end)
  end)

  describe("tag", function()
    it("gives tags best first with counts, scores and spans", function()
      local text = "Cambodia said global warming hurts Phnom Penh. Hun Sen agreed. Brazil too."
      local tags = climate:tag(text)
      assert.same({ "Cambodia", "Climate change", "Brazil" }, tag_names(climate, text))
      assert.equal(3, tags[1].count)
      assert.same({ { 1, 8 }, { 36, 45 }, { 48, 54 } }, tags[1].spans)
      local sum = 0
      for _, r in ipairs(tags) do
        sum = sum + r.score
        assert.is_true(r.score > 0 and r.score <= 1)
      end
      assert.is_true(math.abs(sum - 1) < 1e-9)
    end)

    it("weights the lead, longer phrases and tag weights", function()
      local t = newsnlp.tagger({ A = "alpha", B = "beta" })
      local text = "alpha " .. string.rep("x ", 50) .. "beta"
      assert.same({ "A", "B" }, tag_names(t, text))
      local flat = t:tag(text, { lead = 0 })
      assert.is_true(math.abs(flat[1].score - 0.5) < 1e-9)
      assert.same({ "B", "A" }, tag_names(t, "beta " .. string.rep("x ", 50) .. "alpha"))
      local w = newsnlp.tagger({ A = "alpha", B = { "beta", weight = 3 } })
      assert.same({ "B", "A" }, tag_names(w, text))
      local long = newsnlp.tagger({ A = "alpha", B = "beta gamma" })
      local r = long:tag("alpha beta gamma", { lead = 0 })
      assert.equal("B", r[1].tag)
      assert.is_true(math.abs(r[1].score - 0.6) < 1e-9)
    end)

    it("breaks ties by count, then the first match, then the name", function()
      local t = newsnlp.tagger({ B = "beta", A = "alpha", C = "shared", D = "shared" })
      assert.same({ "B", "A" }, tag_names(t, "beta alpha", { lead = 0 }))
      assert.same({ "C", "D" }, tag_names(t, "shared"))
      -- From a file, tags come in the order written; ties still go by name.
      local f = assert(load_text("Zeta: shared\nAbc: shared\nAb: shared\nB: shared\n"))
      assert.same({ "Ab", "Abc", "B", "Zeta" }, tag_names(f, "shared"))
      assert.same({ "Zeta", "Abc", "Ab", "B" }, f:tags())
    end)

    it("filters with limit, min_count and min_score", function()
      local text = "Cambodia, Phnom Penh, Hun Sen; global warming; Brazil"
      assert.same({ "Cambodia" }, tag_names(climate, text, { limit = 1 }))
      assert.same({ "Cambodia" }, tag_names(climate, text, { min_count = 2 }))
      assert.same({ "Cambodia" }, tag_names(climate, text, { min_score = 0.5 }))
      assert.same({ "Cambodia", "Climate change", "Brazil" }, tag_names(climate, text, { limit = 0 }))
    end)

    it("leaves the spans out with spans = false, all else the same", function()
      local text = "Cambodia, Phnom Penh, Hun Sen; global warming; Brazil. Cambodia."
      for _, opts in ipairs({ {}, { limit = 2 }, { overlapping = true, lead = 0 } }) do
        local full = climate:tag(text, opts)
        opts.spans = false
        local bare = climate:tag(text, opts)
        assert.equal(#full, #bare)
        for i, r in ipairs(full) do
          assert.is_nil(bare[i].spans)
          r.spans = nil
          assert.same(r, bare[i])
        end
      end
      assert.same(climate:tag(text), climate:tag(text, { spans = true }))
      assert.same({}, climate:tag("nothing here", { spans = false }))
    end)

    it("gives the phrase as written, the same string from match to match", function()
      local t = newsnlp.tagger({ Cambodia = { "Phnom  Penh", "CAMBODIA" } })
      local text = "phnom penh, Cambodia, Phnom Penh"
      local first, again = t:match(text), t:match(text)
      assert.same({ "Phnom  Penh", "CAMBODIA", "Phnom  Penh" },
        { first[1].phrase, first[2].phrase, first[3].phrase })
      assert.same(first, again)
      assert.same({ "Cambodia" }, t:tags())
    end)

    it("counts nested matches with overlapping", function()
      local t = newsnlp.tagger({ NY = "New York", NYT = "New York Times" })
      assert.same({ "NYT" }, tag_names(t, "the New York Times"))
      assert.same({ "NYT", "NY" }, tag_names(t, "the New York Times", { overlapping = true }))
    end)

    it("finds nothing in an empty text or with an empty taxonomy", function()
      assert.same({}, climate:tag(""))
      assert.same({}, climate:match(" \n"))
      local empty = newsnlp.tagger({})
      assert.same({}, empty:tag("Cambodia"))
      assert.same({ 0, 0 }, { empty:size() })
      assert.same({}, empty:tags())
    end)

    it("tags a 5 MB text", function()
      local para = "In Phnom Penh the rain fell for 12 days; global warming, officials said, "
        .. "was to blame. Carbon emissions rose in São Paulo.\n\n"
      local text = string.rep(para, math.floor(5 * 1024 * 1024 / #para) + 1)
      local n = math.floor(5 * 1024 * 1024 / #para) + 1
      assert.is_true(#text >= 5 * 1024 * 1024)
      local tags = climate:tag(text)
      assert.equal("Climate change", tags[1].tag)
      assert.equal(2 * n, tags[1].count)
      assert.equal(n, tags[2].count)
      assert.equal(n, tags[3].count)
      local last = tags[1].spans[#tags[1].spans]
      assert.equal("Carbon emissions", text:sub(last[1], last[2]))
      assert.equal(4 * n, #climate:match(text))
    end)
  end)

  describe("the text format", function()
    local taxonomy = table.concat({
      "\239\187\191# Desk taxonomy, written for the tests",
      "Climate change: climate change; global warming;",
      "    carbon emissions",
      "",
      "  # an indented comment",
      "Cambodia [weight=2]: Cambodia; Phnom Penh",
      "\tHun Sen; \"CPP\"",
      "Space",
      "    NASA",
      "    space station; #Artemis",
      "Time: 10:30 news",
    }, "\r\n")

    it("reads tags, continuation lines, settings, quoted phrases and comments", function()
      local t = assert(load_text(taxonomy))
      assert.same({ "Climate change", "Cambodia", "Space", "Time" }, t:tags())
      assert.same({ 11, 4 }, { t:size() })
      assert.same({ "Cambodia=Hun Sen", "Cambodia=CPP", "Space=NASA", "Space=#Artemis",
        "Climate change=carbon emissions", "Time=10:30 news" },
        found(t, "Hun Sen of the CPP and cpp; NASA #Artemis carbon emissions; 10:30 news"))
      local both = assert(load_text("A: alpha\nB: beta\n"))
      assert.same({ "B", "A" }, tag_names(both, "beta alpha", { lead = 0 }))
      local weighted = assert(load_text("A [weight=2]: alpha\nB: beta\n"))
      assert.same({ "A", "B" }, tag_names(weighted, "beta alpha", { lead = 0 }))
    end)

    it("is what newsnlp.tagger reads when given a path", function()
      local name = write_file(taxonomy)
      local t = newsnlp.tagger(name, { lang = "en" })
      os.remove(name)
      assert.same({ 11, 4 }, { t:size() })
      assert.matches("lang en", tostring(t))
    end)

    it("reports errors with their line number and code", function()
      local cases = {
        { "A: alpha\nB\nC: gamma\n", "^2: the tag has no phrases", "EFORMAT" },
        { "A: alpha\nB:\n", "^2: the tag has no phrases", "EFORMAT" },
        { "  alpha\n", "^1: an indented line needs a tag line above it", "EFORMAT" },
        { "A: alpha\nA: beta\n", "^2: the tag is named twice", "EFORMAT" },
        { "A [weight=0]: alpha\n", "^1: the weight must be a positive number", "EFORMAT" },
        { "A [weight=x]: alpha\n", "^1: the weight must be a positive number", "EFORMAT" },
        { "A [colour=red]: alpha\n", "^1: unknown tag setting", "EFORMAT" },
        { "A [weight]: alpha\n", "^1: a tag setting must be key=value", "EFORMAT" },
        { "A weight=2]: alpha\n", "^1: tag settings need an opening %[", "EFORMAT" },
        { ": alpha\n", "^1: a tag line needs a tag name", "EFORMAT" },
        { "A: alpha; \"beta\n", "^1: a quoted phrase needs its closing quote", "EFORMAT" },
        { "A: alpha\n  \226\128\139\n", "^2: the phrase has no tokens", "EFORMAT" },
        { "A: alpha\n\nB: b\255ta\n", "^3: invalid UTF%-8", "EUTF8" },
        { "A: " .. string.rep("w ", 33) .. "\n", "^1: the phrase has too many tokens", "EFORMAT" },
      }
      for _, c in ipairs(cases) do
        local t, err, code = load_text(c[1])
        assert.is_nil(t)
        assert.matches(c[2], err)
        assert.equal(c[3], code)
      end
    end)

    it("names the file in its messages, and reports files it cannot read", function()
      local name = write_file("A\n")
      local t, err, code = newsnlp.load_tagger(name)
      os.remove(name)
      assert.is_nil(t)
      assert.equal(name .. ":1: the tag has no phrases", err)
      assert.equal("EFORMAT", code)
      t, err, code = newsnlp.tagger("/nonexistent/taxonomy.txt")
      assert.is_nil(t)
      assert.matches("^/nonexistent/taxonomy.txt: ", err)
      assert.equal("EIO", code)
    end)

    it("accepts a file of comments only, as an empty taxonomy", function()
      local t = assert(load_text("# nothing yet\n\n"))
      assert.same({ 0, 0 }, { t:size() })
    end)
  end)

  describe("arguments", function()
    it("raises on bad rules, naming what is wrong", function()
      errors_with("tag 'X' has no phrases", newsnlp.tagger, { X = {} })
      errors_with("tag 'X': unknown setting 'wieght'", newsnlp.tagger, { X = { "x", wieght = 2 } })
      errors_with("tag 'X': weight must be a positive number", newsnlp.tagger,
        { X = { "x", weight = -1 } })
      errors_with("tag 'X': weight must be a number", newsnlp.tagger, { X = { "x", weight = "2" } })
      errors_with("tag 'X': phrases must be strings", newsnlp.tagger, { X = { 42 } })
      errors_with("tag 'X': phrases must form a list", newsnlp.tagger, { X = { [3] = "x" } })
      errors_with("tag 'X', phrase ' ': the phrase has no tokens", newsnlp.tagger, { X = " " })
      errors_with("phrase '.*': the phrase has too many tokens", newsnlp.tagger,
        { X = string.rep("w ", 33) })
      errors_with("the phrase is not valid UTF%-8", newsnlp.tagger, { X = "b\255d" })
      errors_with("tag names must be strings", newsnlp.tagger, { "x" })
      errors_with("tag names must not be empty", newsnlp.tagger, { [""] = "x" })
      errors_with("tag 'X' must have a phrase or a table of phrases", newsnlp.tagger, { X = true })
      errors_with("table of tags or file name expected, got number", newsnlp.tagger, 42)
    end)

    it("raises on unknown or bad options", function()
      errors_with("unknown option 'stemming'", newsnlp.tagger, {}, { stemming = true })
      errors_with("option 'stem' needs option 'lang'", newsnlp.tagger, {}, { stem = true })
      errors_with("no Snowball stemmer for 'xx'", newsnlp.tagger, {}, { lang = "xx", stem = true })
      errors_with("option 'lang' has malformed value 'e1'", newsnlp.tagger, {}, { lang = "e1" })
      errors_with("option 'stem' must be a boolean", newsnlp.tagger, {}, { stem = "yes" })
      errors_with("unknown option 'x'", newsnlp.load_tagger, "/nonexistent", { x = 1 })
      errors_with("unknown option 'limt'", climate.tag, climate, "x", { limt = 1 })
      errors_with("option 'limit' must not be negative", climate.tag, climate, "x", { limit = -1 })
      errors_with("option 'lead' must be a number from 0", climate.tag, climate, "x", { lead = -1 })
      errors_with("option 'overlapping' must be a boolean", climate.match, climate, "x",
        { overlapping = 1 })
      errors_with("option 'spans' must be a boolean", climate.tag, climate, "x", { spans = 0 })
      errors_with("unknown option 'spans'", climate.match, climate, "x", { spans = false })
      errors_with("unknown option 'limit'", climate.match, climate, "x", { limit = 1 })
      errors_with("string expected", climate.tag, climate, 42)
    end)
  end)

  describe("the object", function()
    it("has a type name, a size, its tags and a string form", function()
      local t = newsnlp.tagger({ B = "beta", A = { "alpha", "alef" } }, { lang = "en", stem = true })
      assert.same({ 3, 2 }, { t:size() })
      assert.same({ "A", "B" }, t:tags())
      assert.matches("^newsnlp%.Tagger %(2 tags, 3 phrases, lang en, stemming%)", tostring(t))
      assert.equal("userdata", type(t))
    end)

    it("closes once, then refuses to work", function()
      local t = newsnlp.tagger({ A = "alpha" })
      t:close()
      t:close()
      assert.matches("closed", tostring(t))
      errors_with("the tagger is closed", t.tag, t, "alpha")
      errors_with("the tagger is closed", t.match, t, "alpha")
      errors_with("the tagger is closed", t.size, t)
    end)

    if _VERSION == "Lua 5.4" then
      it("closes as a to-be-closed variable", function()
        local chunk = assert(load([[
          local newsnlp = ...
          local kept
          do
            local t <close> = newsnlp.tagger({ A = "alpha" })
            kept = t
            assert(#t:tag("alpha") == 1)
          end
          return kept
        ]]))
        local t = chunk(newsnlp)
        assert.matches("closed", tostring(t))
      end)
    end

    it("is collected", function()
      local before = collectgarbage("count")
      for _ = 1, 50 do newsnlp.tagger({ A = string.rep("alpha ", 30) }):tag("alpha") end
      collectgarbage()
      collectgarbage()
      assert.is_true(collectgarbage("count") < before + 1024)
    end)

    it("survives a finalizer that uses it while results are pushed", function()
      local t = newsnlp.tagger({ A = "alpha" })
      local text = string.rep("alpha ", 2000)
      local inner
      for _ = 1, 20 do
        setmetatable({}, { __gc = function() inner = #t:tag("alpha alpha") end })
      end
      for _ = 1, 5 do assert.equal(2000, t:tag(text)[1].count) end
      collectgarbage()
      assert.is_true(inner == nil or inner == 1)
    end)
  end)
end)
