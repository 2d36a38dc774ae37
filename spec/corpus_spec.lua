-- Corpora: document frequencies, tf-idf, BM25, keyness, merging, files.
local newsnlp = require "newsnlp"

-- A small archive written for these tests.
local ARTICLES = {
  "The central bank raised interest rates on Tuesday to fight inflation.",
  "Inflation rose again in March, the statistics office said.",
  "The football club signed a new striker from Brazil for the season.",
  "Rates on government bonds fell after the central bank spoke.",
  "The striker scored twice as the club won the cup final.",
  "Farmers protested against fuel prices in the capital on Monday.",
  "The government said fuel prices would fall next month.",
  "A new museum of modern art opened in the capital.",
}

local function tmpname()
  local name = os.tmpname()
  os.remove(name)
  return name
end

local function readfile(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function writefile(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function build(opts, articles)
  local c = newsnlp.corpus(opts)
  for i, text in ipairs(articles or ARTICLES) do assert(c:add(text, "doc" .. i)) end
  return c
end

describe("newsnlp.corpus", function()
  it("counts documents and document frequencies", function()
    local c = build { lang = "en" }
    assert.equal(#ARTICLES, c:size())
    assert.equal(2, c:df("bank"))
    assert.equal(2, c:df("Inflation"))
    assert.equal(2, c:df("capital"))
    assert.equal(0, c:df("zebra"))
    assert.equal(0, c:df("the")) -- a stopword is never a term
    assert.equal(2, c:count("striker"))
    assert.is_true(c:has("doc3"))
    assert.is_false(c:has("doc99"))
  end)

  it("counts a term once per document for df, every time for count", function()
    local c = newsnlp.corpus { lang = "en" }
    c:add("bank bank bank")
    c:add("bank")
    assert.equal(2, c:df("bank"))
    assert.equal(4, c:count("bank"))
  end)

  it("returns the number of documents and the language from add", function()
    local c = newsnlp.corpus()
    local n, lang = c:add("Die Regierung hat die Steuern erhöht, und die Opposition ist dagegen.")
    assert.equal(1, n)
    assert.equal("de", lang)
    n, lang = c:add("Le gouvernement a augmenté les impôts et l'opposition est contre.")
    assert.equal(2, n)
    assert.equal("fr", lang)
    assert.same({ de = 1, fr = 1 }, c:info().languages)
    assert.equal(1, c:df("regierung"))
    assert.equal(0, c:df("die"))
    assert.equal(0, c:df("les"))
  end)

  it("refuses a document id given twice", function()
    local c = newsnlp.corpus { lang = "en" }
    assert(c:add("one", "a"))
    local ok, msg, code = c:add("two", "a")
    assert.is_nil(ok)
    assert.equal("EDUPLICATE", code)
    assert.matches("already", msg)
    assert.equal(1, c:size())
  end)

  it("stems in its language, for documents and lookups alike", function()
    local c = newsnlp.corpus { lang = "en", stem = true }
    c:add("The governments met.")
    c:add("A government fell.")
    assert.equal(2, c:df("governing"))
    assert.equal(2, c:df("Government"))
    assert.has_error(function() newsnlp.corpus { stem = true } end)
  end)

  it("uses the stopwords it was made with", function()
    local c = newsnlp.corpus { lang = "en", extra_stopwords = { "said" } }
    c:add("The minister said no.")
    assert.equal(0, c:df("said"))
    assert.equal(1, c:df("minister"))
    c = newsnlp.corpus { lang = "en", stopwords = false }
    c:add("The minister said no.")
    assert.equal(1, c:df("the"))
  end)

  it("gives a smoothed idf, positive and defined for unseen terms", function()
    local c = build { lang = "en" }
    local n = #ARTICLES
    assert.near(math.log((n + 1) / (2 + 1)) + 1, c:idf("bank"), 1e-12)
    assert.near(math.log((n + 1) / 1) + 1, c:idf("zebra"), 1e-12)
    assert.is_true(c:idf("zebra") > c:idf("bank"))
    local empty = newsnlp.corpus { lang = "en" }
    assert.near(1, empty:idf("anything"), 1e-12)
  end)

  it("ranks the terms of an article by tf-idf", function()
    local c = build { lang = "en" }
    local ranked, lang = c:tfidf("The striker and the striker's club: a zebra at the bank.")
    assert.equal("en", lang)
    assert.equal("striker", ranked[1].term)
    assert.equal(2, ranked[1].count)
    assert.equal(2, ranked[1].df)
    assert.near(2 * c:idf("striker"), ranked[1].score, 1e-12)
    for i = 2, #ranked do
      assert.is_true(ranked[i - 1].score >= ranked[i].score)
      assert.near(ranked[i].count * ranked[i].idf, ranked[i].score, 1e-12)
    end
    local top = c:tfidf("striker club zebra bank", { top = 2 })
    assert.equal(2, #top)
    local sub = c:tfidf("striker striker striker", { sublinear = true })
    assert.near((1 + math.log(3)) * c:idf("striker"), sub[1].score, 1e-12)
  end)

  it("scores a text for a query with BM25", function()
    local c = build { lang = "en" }
    local on = c:bm25("central bank rates", ARTICLES[1])
    local off = c:bm25("central bank rates", ARTICLES[3])
    assert.is_true(on > 0)
    assert.equal(0, off)
    -- By hand: k1 = 1.2, b = 0.75, one occurrence of each query term.
    local N, avgdl = #ARTICLES, c:info().tokens / #ARTICLES
    local dl = 0
    for _ in pairs(newsnlp.terms(ARTICLES[1], { lang = "en" })) do dl = dl + 1 end
    local expect = 0
    for _, t in ipairs { "central", "bank", "rates" } do
      local df = c:df(t)
      local idf = math.log(1 + (N - df + 0.5) / (df + 0.5))
      expect = expect + idf * 2.2 / (1 + 1.2 * (0.25 + 0.75 * dl / avgdl))
    end
    assert.near(expect, on, 1e-9)
    assert.is_true(c:bm25("bank", "bank bank bank", { k1 = 2 }) > c:bm25("bank", "bank", { k1 = 2 }))
    assert.has_error(function() c:bm25("a", "b", { b = 2 }) end)
  end)

  it("finds the terms over-represented in a text by log-likelihood", function()
    local c = build { lang = "en" }
    local text = "The museum opened. The museum has art. Museum visitors like the art of the museum."
    local key, lang = c:keyness(text)
    assert.equal("en", lang)
    assert.equal("museum", key[1].term)
    assert.equal(4, key[1].count)
    assert.equal(1, key[1].corpus_count)
    assert.is_true(key[1].llr > 3.84)
    assert.is_true(key[1].log_ratio > 0)
    for i = 2, #key do assert.is_true(key[i - 1].llr >= key[i].llr) end
    -- By hand for "museum": a = 4 in the text, b = 1 in the corpus.
    local ct, d = 0, c:info().tokens
    for _, n in pairs(newsnlp.terms(text, { lang = "en" })) do ct = ct + n end
    local a, b = 4, 1
    local e1, e2 = ct * (a + b) / (ct + d), d * (a + b) / (ct + d)
    assert.near(2 * (a * math.log(a / e1) + b * math.log(b / e2)), key[1].llr, 1e-9)
    assert.equal(0, #c:keyness(text, { min_llr = 1e9 }))
    assert.equal(1, #c:keyness(text, { top = 1 }))
  end)

  it("is an object with a name, a string form, and one idempotent close", function()
    local c = build { lang = "en" }
    assert.matches("^newsnlp.Corpus %(8 documents, %d+ terms, language en%)", tostring(c))
    c:close()
    c:close()
    assert.matches("closed", tostring(c))
    assert.has_error(function() c:size() end)
    assert.has_error(function() c:add("x") end)
  end)

  it("rejects bad options", function()
    assert.has_error(function() newsnlp.corpus { lang = "xx-yy" } end)
    assert.has_error(function() newsnlp.corpus { ngrams = 4 } end)
    assert.has_error(function() newsnlp.corpus { langg = "en" } end)
    local c = newsnlp.corpus()
    assert.has_error(function() c:add(42) end)
    assert.has_error(function() c:tfidf("x", { top = -1 }) end)
    assert.has_error(function() c:keyness("x", { bogus = 1 }) end)
  end)
end)

describe("corpus files", function()
  it("save and load give the same model, file and digest", function()
    local c = build { lang = "en", stem = true, extra_stopwords = { "said" }, ngrams = 3 }
    local path = tmpname()
    assert.is_true(c:save(path))
    local d = assert(newsnlp.load_corpus(path))
    assert.equal(c:digest(), d:digest())
    assert.equal(c:size(), d:size())
    assert.equal(c:df("bank"), d:df("bank"))
    local ci, di = c:info(), d:info()
    ci.memory, di.memory = nil, nil -- the loaded one has no token cache yet
    assert.same(ci, di)
    assert.same(c:tfidf(ARTICLES[1]), d:tfidf(ARTICLES[1]))
    assert.same(newsnlp.collocations(c), newsnlp.collocations(d))
    local path2 = tmpname()
    assert.is_true(d:save(path2))
    assert.equal(readfile(path), readfile(path2))
    os.remove(path)
    os.remove(path2)
  end)

  it("writes the documented header", function()
    local c = build { lang = "en" }
    local path = tmpname()
    assert(c:save(path))
    local s = readfile(path)
    os.remove(path)
    assert.equal("\137NNC\r\n\26\n", s:sub(1, 8))
    assert.equal("\1\0\0\0", s:sub(9, 12))       -- version 1
    assert.equal("\0\0\0\0", s:sub(13, 16))      -- flags
    local len = 0
    for i = 24, 17, -1 do len = len * 256 + s:byte(i) end
    assert.equal(#s - 28, len)                   -- header 24, body, CRC-32 4
  end)

  it("equal models give equal files, whatever the order of the documents", function()
    local a = build { lang = "en" }
    local reversed = {}
    for i = #ARTICLES, 1, -1 do reversed[#reversed + 1] = ARTICLES[i] end
    local b = newsnlp.corpus { lang = "en" }
    for i = #ARTICLES, 1, -1 do b:add(ARTICLES[i], "doc" .. i) end
    assert.equal(a:digest(), b:digest())
    local pa, pb = tmpname(), tmpname()
    a:save(pa)
    b:save(pb)
    assert.equal(readfile(pa), readfile(pb))
    os.remove(pa)
    os.remove(pb)
  end)

  it("a changed model changes the digest", function()
    local a = build { lang = "en" }
    local d = a:digest()
    assert.matches("^%x+$", d)
    assert.equal(16, #d)
    a:add("One more article about the central bank.")
    assert.not_equal(d, a:digest())
  end)

  describe("bad files give nil, a message and a code, never a crash", function()
    local good
    setup(function()
      local c = build({ lang = "en", ngrams = 2 }, { ARTICLES[1], ARTICLES[2], ARTICLES[3] })
      local path = tmpname()
      assert(c:save(path))
      good = readfile(path)
      os.remove(path)
    end)

    local function load_bytes(bytes)
      local path = tmpname()
      writefile(path, bytes)
      local c, msg, code = newsnlp.load_corpus(path)
      os.remove(path)
      return c, msg, code
    end

    it("truncated at every length", function()
      for n = 0, #good - 1 do
        local c, msg, code = load_bytes(good:sub(1, n))
        assert.is_nil(c, "length " .. n)
        assert.is_string(msg)
        assert.equal("ETRUNCATED", code, "length " .. n)
      end
      assert.is_not_nil((load_bytes(good)))
    end)

    it("with a flipped byte anywhere", function()
      for i = 1, #good do
        for _, mask in ipairs { 1, 128 } do
          local b = good:byte(i)
          local x = b % (2 * mask) >= mask and b - mask or b + mask
          local bad = good:sub(1, i - 1) .. string.char(x) .. good:sub(i + 1)
          local c, msg, code = load_bytes(bad)
          assert.is_nil(c, "byte " .. i)
          assert.is_string(msg)
          assert.is_true(code == "ECHECKSUM" or code == "EFORMAT" or code == "EVERSION" or
                         code == "ETRUNCATED", code)
        end
      end
    end)

    it("with bytes added at the end", function()
      local c, _, code = load_bytes(good .. "\0")
      assert.is_nil(c)
      assert.equal("EFORMAT", code)
    end)

    it("foreign files", function()
      for _, bytes in ipairs { "hello world\n", "\137PNG\r\n\26\n" .. ("\0"):rep(40),
                               ("\0"):rep(100), "NNC" } do
        local c, _, code = load_bytes(bytes)
        assert.is_nil(c)
        assert.equal("EFORMAT", code)
      end
    end)

    it("a future version", function()
      local future = good:sub(1, 8) .. "\2\0\0\0" .. good:sub(13)
      local c, msg, code = load_bytes(future)
      assert.is_nil(c)
      assert.equal("EVERSION", code)
      assert.matches("version", msg)
    end)

    it("a missing file or a directory", function()
      local c, msg, code = newsnlp.load_corpus("/nonexistent/dir/corpus.nnc")
      assert.is_nil(c)
      assert.matches("nonexistent", msg)
      assert.equal("EIO", code)
      c, _, code = newsnlp.load_corpus("/")
      assert.is_nil(c)
      assert.is_string(code)
    end)

    it("an unwritable path on save", function()
      local c = build { lang = "en" }
      local ok, msg, code = c:save("/nonexistent/dir/corpus.nnc")
      assert.is_nil(ok)
      assert.is_string(msg)
      assert.equal("EIO", code)
    end)
  end)
end)

describe("corpus merging", function()
  -- A deterministic generator, the same on every Lua version.
  local function rng(seed)
    local state = seed
    return function(n)
      state = (state * 1103515245 + 12345) % 2147483648
      return state % n + 1
    end
  end

  local WORDS = { "bank", "rates", "inflation", "club", "striker", "fuel", "prices", "museum",
                  "capital", "government", "the", "of", "and", "minister", "said", "Japan",
                  "Stra\195\159e", "caf\195\169", "\208\177\208\176\208\189\208\186" }

  local function random_articles(rand, n)
    local out = {}
    for i = 1, n do
      local words = {}
      for k = 1, rand(30) do words[k] = WORDS[rand(#WORDS)] end
      out[i] = table.concat(words, rand(4) == 1 and ". " or " ")
    end
    return out
  end

  local function save_bytes(c)
    local path = tmpname()
    assert(c:save(path))
    local s = readfile(path)
    os.remove(path)
    return s
  end

  it("gives byte-identical files for any split into shards and any merge order", function()
    for _, opts in ipairs { { lang = "en" }, { lang = "en", stem = true, ngrams = 3 }, {} } do
      local rand = rng(7)
      local articles = random_articles(rand, 60)
      local whole = newsnlp.corpus(opts)
      for i, a in ipairs(articles) do whole:add(a, "id" .. i) end
      local expected = save_bytes(whole)
      for trial = 1, 12 do
        -- Random shards: each article goes to one of k shards.
        local k = rand(5)
        local shards = {}
        for s = 1, k do shards[s] = newsnlp.corpus(opts) end
        for i, a in ipairs(articles) do shards[rand(k)]:add(a, "id" .. i) end
        -- Merge in a random order, as a random tree: pairs merged until one is left.
        local pool = shards
        while #pool > 1 do
          local i = rand(#pool)
          local a = table.remove(pool, i)
          local j = rand(#pool)
          local b = table.remove(pool, j)
          if rand(2) == 1 then a, b = b, a end
          assert(a:merge(b))
          pool[#pool + 1] = a
        end
        assert.equal(expected, save_bytes(pool[1]), "trial " .. trial)
        assert.equal(whole:digest(), pool[1]:digest())
      end
    end
  end)

  it("merges loaded shards like built ones", function()
    local a, b = build({ lang = "en" }, { ARTICLES[1], ARTICLES[2] }), newsnlp.corpus { lang = "en" }
    b:add(ARTICLES[3], "doc3")
    local path = tmpname()
    b:save(path)
    local loaded = assert(newsnlp.load_corpus(path))
    os.remove(path)
    assert(a:merge(loaded))
    assert.equal(build({ lang = "en" }, { ARTICLES[1], ARTICLES[2], ARTICLES[3] }):digest(), a:digest())
  end)

  it("refuses corpora made with other settings, or sharing a document id", function()
    local a = build { lang = "en" }
    for _, opts in ipairs { { lang = "de" }, { lang = "en", stem = true }, {},
                            { lang = "en", extra_stopwords = { "x" } }, { lang = "en", ngrams = 2 },
                            { lang = "en", numbers = true } } do
      local ok, _, code = a:merge(newsnlp.corpus(opts))
      assert.is_nil(ok)
      assert.equal("EMISMATCH", code)
    end
    local before = a:digest()
    local b = newsnlp.corpus { lang = "en" }
    b:add("new", "doc1")
    local ok, _, code = a:merge(b)
    assert.is_nil(ok)
    assert.equal("EDUPLICATE", code)
    assert.equal(before, a:digest())
    ok, _, code = a:merge(a)
    assert.is_nil(ok)
    assert.equal("EDUPLICATE", code)
  end)
end)

describe("collocations of a corpus", function()
  it("needs a corpus that counts n-grams", function()
    assert.has_error(function() newsnlp.collocations(build { lang = "en" }) end)
    local c = build({ lang = "en", ngrams = 2 })
    assert.has_error(function() newsnlp.collocations(c, { n = 3 }) end)
  end)

  it("ranks the n-grams of the whole archive", function()
    local c = build({ lang = "en", ngrams = 3 })
    c:add("The central bank and the central bank again.")
    local list = newsnlp.collocations(c)
    assert.equal("central bank", list[1].text)
    assert.equal(4, list[1].count)
    assert.equal(2, list[1].n)
  end)
end)

describe("corpus memory", function()
  it("grows with the vocabulary, not with the text added", function()
    local c = newsnlp.corpus { lang = "en", ngrams = 3 }
    local text = ("The central bank raised rates again. "):rep(200)
    c:add(text)
    local before = c:info().memory
    for _ = 1, 500 do c:add(text) end
    assert.equal(501, c:size())
    assert.equal(before, c:info().memory)
    -- New words do take memory.
    local words = {}
    for i = 1, 5000 do words[i] = "word" .. i end
    c:add(table.concat(words, " "))
    assert.is_true(c:info().memory > before + 5000 * 16)
  end)
end)
