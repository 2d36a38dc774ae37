-- Learned tags: newsnlp.classifier, its model files and their failure modes.
local newsnlp = require "newsnlp"
local fixtures = dofile("spec/fixtures/tagging.lua")

local function trained(opts)
  local c = newsnlp.classifier(opts)
  for _, ex in ipairs(fixtures.train) do c:train(ex[1], ex[2]) end
  return c
end

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function spit(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function set(list)
  local s = {}
  for _, e in ipairs(list) do s[e.tag] = true end
  return s
end

describe("newsnlp.classifier", function()
  it("makes an empty classifier, a newsnlp.Classifier userdata", function()
    local c = newsnlp.classifier()
    assert.equal("userdata", type(c))
    assert.matches("^newsnlp%.Classifier %(0 texts, 0 tags%)", tostring(c))
    assert.equal(0, c:size())
    assert.same({}, c:tags())
    assert.same({}, c:predict("anything at all"))
  end)

  it("learns the desk of each story", function()
    local c = trained()
    assert.equal(#fixtures.train, c:size())
    assert.same({ "markets", "weather", "sport", "health" }, c:tags())
    for _, ex in ipairs(fixtures.test) do
      local got = c:predict(ex[1])
      assert.is_true(#got >= 1)
      assert.equal(ex[2], got[1].tag)
    end
  end)

  it("returns records best first, scores in [0, 1]", function()
    local c = trained()
    for _, ex in ipairs(fixtures.test) do
      for _, list in ipairs { c:predict(ex[1]), c:predict(ex[1], { top = 4 }) } do
        for i, e in ipairs(list) do
          assert.equal("string", type(e.tag))
          assert.is_true(e.score >= 0 and e.score <= 1)
          if i > 1 then assert.is_true(e.score <= list[i - 1].score) end
        end
      end
    end
  end)

  it("ranks every tag with top, decided or not", function()
    local c = trained()
    local all = c:predict(fixtures.test[1][1], { top = 10 })
    assert.equal(4, #all)
    local two = c:predict(fixtures.test[1][1], { top = 2 })
    assert.equal(2, #two)
    assert.equal(all[1].tag, two[1].tag)
    assert.equal(all[2].tag, two[2].tag)
    assert.equal(all[1].score, two[1].score)
  end)

  it("decides several tags for a story that has them", function()
    local c = trained()
    local got = set(c:predict(
      "Investors bought shares in the drug maker after the vaccine trial; the stock jumped."))
    assert.is_true(got.markets)
    assert.is_true(got.health)
  end)

  it("decides exactly one tag when every training text had one", function()
    local c = newsnlp.classifier()
    for _, ex in ipairs(fixtures.train) do
      if #ex[2] == 1 then c:train(ex[1], ex[2]) end
    end
    for _, ex in ipairs(fixtures.test) do
      local got = c:predict(ex[1])
      assert.equal(1, #got)
      assert.equal(ex[2], got[1].tag)
    end
  end)

  it("always decides at least one tag once it has one", function()
    local c = trained()
    assert.is_true(#c:predict("") >= 1)
    assert.is_true(#c:predict("zzz qqq xxx") >= 1)
    assert.is_true(#c:predict("caf\195\169 \226\128\156quoted\226\128\157 \230\157\177\228\186\172") >= 1)
    assert.is_true(#c:predict("bad \255\254 bytes") >= 1)
  end)

  it("counts a repeated tag once and learns from untagged texts", function()
    local c = newsnlp.classifier()
    c:train("rain and storms", { "weather", "weather" })
    c:train("a quiet day in the city", {})
    assert.equal(2, c:size())
    assert.same({ "weather" }, c:tags())
    assert.equal(1, c:info().documents_per_tag.weather)
  end)

  it("refits after more training", function()
    local c = trained()
    assert.equal(4, #c:predict("goal", { top = 9 }))
    assert.is_true(c:info().fitted)
    c:train("The ferry and the trains were cancelled; buses ran late.", { "transport" })
    c:train("Commuters waited for trains as the rail strike went on.", { "transport" })
    assert.is_false(c:info().fitted)
    assert.equal(5, #c:predict("goal", { top = 9 }))
    assert.equal("transport", c:predict("rail strike hits commuters and trains", { top = 1 })[1].tag)
    -- an empty options table is the same as none
    assert.same(c:predict("rail strike"), c:predict("rail strike", {}))
    assert.is_true(c:info().fitted)
  end)

  it("fits on demand and describes itself", function()
    local c = trained()
    assert.equal(c, c:fit())
    local info = c:info()
    assert.equal(#fixtures.train, info.documents)
    assert.equal(4, info.tags)
    assert.is_true(info.terms > 30)
    -- terms of one text only are left out by default
    assert.is_true(trained({ min_df = 1 }):fit():info().terms > info.terms)
    assert.is_true(info.weights > 0)
    assert.equal(9, info.documents_per_tag.markets)
    assert.equal("terms", info.features)
    assert.equal("und", info.language)
    assert.is_false(info.stem)
    assert.equal(1, info.cost)
    assert.equal("cv", info.threshold)
    assert.equal(5, info.folds)
    assert.equal(0.1, info.fbr)
    assert.equal(2, info.min_df)
    assert.is_false(info.bigrams)
    assert.is_false(info.balanced)
    assert.equal(c, c:train("x", { "markets" }))
  end)

  it("takes options", function()
    local c = trained { cost = 2, threshold = "margin", folds = 3, fbr = 0.2, min_df = 1,
                        bigrams = true, balanced = true }
    local info = c:info()
    assert.equal(2, info.cost)
    assert.equal("margin", info.threshold)
    assert.equal(3, info.folds)
    assert.is_true(info.bigrams and info.balanced)
    assert.equal("weather", c:predict(fixtures.test[2][1])[1].tag)
    local strict = trained { threshold = 0.99 }
    assert.equal(0.99, strict:info().threshold)
    assert.equal(1, #strict:predict(fixtures.test[3][1]))
  end)

  it("reads text in a language when told, or in each text's own", function()
    for _, opts in ipairs { { language = "en" }, { language = "en", stem = true },
                            { language = "auto" }, { language = "und" } } do
      local c = trained(opts)
      local info = c:info()
      assert.equal(opts.language, info.language)
      assert.equal(opts.stem == true, info.stem)
      for _, ex in ipairs(fixtures.test) do
        assert.equal(ex[2], c:predict(ex[1])[1].tag)
      end
    end
    -- English stopwords are not terms: a text of nothing else has no known term.
    local en, und = trained { language = "en" }:fit(), trained():fit()
    assert.is_true(en:info().terms < und:info().terms)
  end)

  it("raises on bad arguments, naming them", function()
    assert.has_error(function() newsnlp.classifier { cots = 1 } end,
      "bad argument #1 to 'classifier' (unknown option 'cots')")
    assert.has_error(function() newsnlp.classifier(5) end)
    assert.has_error(function() newsnlp.classifier { cost = 0 } end)
    assert.has_error(function() newsnlp.classifier { cost = "high" } end)
    assert.has_error(function() newsnlp.classifier { folds = 1 } end)
    assert.has_error(function() newsnlp.classifier { folds = 2.5 } end)
    assert.has_error(function() newsnlp.classifier { fbr = 2 } end)
    assert.has_error(function() newsnlp.classifier { min_df = 0 } end)
    assert.has_error(function() newsnlp.classifier { threshold = "best" } end)
    assert.has_error(function() newsnlp.classifier { threshold = 1.5 } end)
    assert.has_error(function() newsnlp.classifier { threshold = true } end)
    assert.has_error(function() newsnlp.classifier { language = "english" } end,
      "bad argument #1 to 'classifier' (option 'language' has unknown value 'english')")
    assert.has_error(function() newsnlp.classifier { language = "xx" } end)
    assert.has_error(function() newsnlp.classifier { language = "" } end)
    assert.has_error(function() newsnlp.classifier { language = 1 } end)
    assert.has_error(function() newsnlp.classifier { stem = "yes" } end)
    local c = newsnlp.classifier()
    assert.has_error(function() c:train(nil, { "a" }) end)
    assert.has_error(function() c:train(42, { "a" }) end)
    assert.has_error(function() c:train("text", "a") end)
    assert.has_error(function() c:train("text", { "" }) end)
    assert.has_error(function() c:train("text", { 7 }) end)
    assert.has_error(function() c:train("text", { string.rep("t", 1025) }) end)
    assert.equal(0, c:size())
    assert.has_error(function() c:predict(nil) end)
    assert.has_error(function() c:predict("x", { top = 0 }) end)
    assert.has_error(function() c:predict("x", { top = -2 }) end)
    assert.has_error(function() c:predict("x", { tpo = 1 }) end)
    assert.has_error(function() c.predict({}, "x") end)
  end)
end)

describe("classifier objects", function()
  it("close once, then refuse to work; close again does nothing", function()
    local c = trained()
    c:close()
    c:close()
    assert.matches("^newsnlp%.Classifier %(closed%)", tostring(c))
    assert.has_error(function() c:predict("x") end)
    assert.has_error(function() c:train("x", {}) end)
    assert.has_error(function() c:save(os.tmpname()) end)
  end)

  it("are freed by the garbage collector", function()
    for _ = 1, 20 do trained():fit() end
    collectgarbage()
    collectgarbage()
  end)

  if _VERSION == "Lua 5.4" then
    it("close at the end of a to-be-closed scope", function()
      local chunk = assert(load([[
        local newsnlp, texts = ...
        local kept
        do
          local c <close> = newsnlp.classifier()
          c:train(texts[1][1], texts[1][2])
          kept = c
        end
        return tostring(kept)
      ]]))
      assert.matches("%(closed%)", chunk(newsnlp, fixtures.train))
    end)
  end
end)

describe("classifier files", function()
  local path
  before_each(function() path = os.tmpname() end)
  after_each(function() os.remove(path) end)

  it("round-trip with identical predictions", function()
    local c = trained { language = "en", stem = true }
    assert.is_true(c:save(path))
    local d = assert(newsnlp.load_classifier(path))
    assert.same(c:tags(), d:tags())
    assert.equal(c:size(), d:size())
    local texts = { "", "rain", fixtures.test[1][1], fixtures.test[4][1] }
    for _, ex in ipairs(fixtures.train) do texts[#texts + 1] = ex[1] end
    for _, text in ipairs(texts) do
      assert.same(c:predict(text), d:predict(text))
      assert.same(c:predict(text, { top = 3 }), d:predict(text, { top = 3 }))
    end
    local a, b = c:info(), d:info()
    a.fitted, b.fitted = nil, nil
    assert.same(a, b)
    -- Saved again, the same bytes.
    local again = os.tmpname()
    assert.is_true(d:save(again))
    assert.equal(slurp(path), slurp(again))
    os.remove(again)
  end)

  it("load into a model that cannot learn more", function()
    trained():save(path)
    local d = assert(newsnlp.load_classifier(path))
    assert.has_error(function() d:train("more", { "sport" }) end,
      "this classifier was loaded from a file and keeps no examples: it cannot learn more")
  end)

  it("save an untrained classifier too", function()
    assert.is_true(newsnlp.classifier():save(path))
    local d = assert(newsnlp.load_classifier(path))
    assert.same({}, d:predict("rain"))
  end)

  it("report a file cut short at any length", function()
    local c = newsnlp.classifier()
    c:train("rain storm", { "weather" })
    c:train("goal match", { "sport" })
    c:save(path)
    local full = slurp(path)
    assert.is_true(#full > 32)
    for n = 0, #full - 1 do
      spit(path, full:sub(1, n))
      local d, msg, code = newsnlp.load_classifier(path)
      assert.is_nil(d)
      assert.equal("ETRUNCATED", code)
      assert.equal("string", type(msg))
    end
    spit(path, full)
    assert.is_not_nil(newsnlp.load_classifier(path))
  end)

  it("report any flipped byte", function()
    local c = newsnlp.classifier()
    c:train("rain storm", { "weather" })
    c:train("goal match", { "sport" })
    c:save(path)
    local full = slurp(path)
    for i = 1, #full do
      local b = full:byte(i)
      local flipped = b == 255 and 254 or b + 1
      spit(path, full:sub(1, i - 1) .. string.char(flipped) .. full:sub(i + 1))
      local d, msg, code = newsnlp.load_classifier(path)
      assert.is_nil(d)
      assert.matches(path, msg, 1, true)
      if i <= 8 then assert.equal("EFORMAT", code)
      elseif i <= 12 then assert.equal("EVERSION", code)
      else assert.equal("ECHECKSUM", code) end
    end
  end)

  it("report a foreign file", function()
    spit(path, "sport\tgoal match\nweather\train storm\n")
    local d, msg, code = newsnlp.load_classifier(path)
    assert.is_nil(d)
    assert.equal("EFORMAT", code)
    assert.matches("not a newsnlp file", msg)
    spit(path, "\137PNG\r\n\26\n" .. string.rep("\0", 40))
    assert.equal("EFORMAT", select(3, newsnlp.load_classifier(path)))
  end)

  it("report a missing file", function()
    os.remove(path)
    local d, msg, code = newsnlp.load_classifier(path)
    assert.is_nil(d)
    assert.equal("EIO", code)
    assert.matches(path, msg, 1, true)
    local ok, msg2, code2 = newsnlp.classifier():save(path .. "/no/such/dir/model")
    assert.is_nil(ok)
    assert.equal("EIO", code2)
    assert.equal("string", type(msg2))
  end)

  it("report a newer format version", function()
    trained():save(path)
    local full = slurp(path)
    spit(path, full:sub(1, 8) .. "\2\0\0\0" .. full:sub(13))
    local d, msg, code = newsnlp.load_classifier(path)
    assert.is_nil(d)
    assert.equal("EVERSION", code)
    assert.matches("version", msg)
  end)

  it("report a trailing byte", function()
    trained():save(path)
    spit(path, slurp(path) .. "\0")
    assert.equal("EFORMAT", select(3, newsnlp.load_classifier(path)))
  end)

  it("raise on bad arguments", function()
    assert.has_error(function() newsnlp.load_classifier(nil) end)
    assert.has_error(function() newsnlp.load_classifier("a\0b") end)
    assert.has_error(function() newsnlp.classifier():save(nil) end)
  end)
end)
