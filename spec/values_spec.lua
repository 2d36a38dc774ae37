-- newsnlp.values.  Every text here was written for these tests.
local newsnlp = require "newsnlp"

local function only(s, opts)
  local vs = newsnlp.values(s, opts)
  assert.equal(1, #vs, "one value in: " .. s)
  return vs[1]
end

-- Values are in text order, do not overlap and locate their text.
local function check(s, vs)
  local last = 0
  for _, v in ipairs(vs) do
    assert.equal(s:sub(v.start, v.stop), v.text)
    assert.truthy(v.start > last)
    last = v.stop
  end
end

describe("newsnlp.values", function()
  describe("money", function()
    it("reads amounts with symbols, scales and modifiers", function()
      local v = only("The deal is worth $134 million.")
      assert.same({ kind = "money", text = "$134 million", start = 19, stop = 30,
                    value = 134000000, currency = "USD" }, v)
      v = only("Sales reached nearly $20 billion last year.")
      assert.equal("nearly $20 billion", v.text)
      assert.equal(20e9, v.value)
      assert.equal("nearly", v.modifier)
      v = only("It lost £5bn.")
      assert.equal(5e9, v.value)
      assert.equal("GBP", v.currency)
      v = only("Tickets cost €20.")
      assert.equal(20, v.value)
      assert.equal("EUR", v.currency)
      assert.equal(0.5, only("Stamps cost 50\194\162 each.").value)
      assert.equal("JPY", only("Profit fell to 1.2 billion yen.").currency)
      assert.equal("CAD", only("The contract is worth 5 million Canadian dollars.").currency)
      assert.equal("HKD", only("Shares closed at HK$3.20.").currency)
      v = only("They paid USD 300 for it.")
      assert.same({ "USD 300", 300, "USD" }, { v.text, v.value, v.currency })
      v = only("Spending rose by more than $5 million.")
      assert.same({ "more than $5 million", "over" }, { v.text, v.modifier })
      v = only("The fund holds $ 1,250.5 million.") -- a spaced symbol, thousands commas
      assert.equal(1250.5e6, v.value)
    end)
  end)

  describe("percentages", function()
    it("reads signs, words, ranges and points", function()
      assert.same({ kind = "percent", text = "2.7%", start = 13, stop = 16, value = 2.7 },
                  only("Prices rose 2.7% in May."))
      local v = only("Turnout was 10-15% lower.")
      assert.same({ 10, 15 }, { v.value, v.to })
      assert.equal(50, only("Half, or 50 percent, voted.").value)
      assert.equal(5, only("It grew 5 per cent.").value)
      v = only("Rates rose 2 percentage points.")
      assert.truthy(v.points)
      assert.equal("up to", only("Fares may rise up to 30%.").modifier)
    end)
  end)

  describe("dates", function()
    it("reads month names, numbers and ISO dates", function()
      local v = only("The plant opens on March 1, 2027.")
      assert.same({ "March 1, 2027", 2027, 3, 1, "2027-03-01" }, { v.text, v.year, v.month, v.day, v.value })
      v = only("Talks resume Jan. 14 in Geneva.")
      assert.same({ "Jan. 14", 1, 14, "--01-14" }, { v.text, v.month, v.day, v.value })
      assert.is_nil(v.year)
      assert.equal("2027-03-01", only("Work starts 1 March 2027.").value)
      assert.equal("2027-03", only("Work starts in March 2027.").value)
      assert.equal("2024-05-01", only("Filed on 2024-05-01.").value)
      assert.equal("2024-05-01", only("Filed on 01.05.2024.").value)
      assert.equal("2024-05-13", only("Filed on 13/5/2024.").value)
      v = only("Filed on 1/5/2024.") -- month and day cannot be told apart
      assert.same({ 2024, "2024" }, { v.year, v.value })
      assert.is_nil(v.month)
      assert.same({}, newsnlp.values("He saw it on February 30, 2027."))
    end)
  end)

  describe("times, weekdays and ordinals", function()
    it("reads clock times with a.m., p.m. and zones", function()
      local v = only("The vote is at 10:30 p.m. tonight.")
      assert.same({ "10:30 p.m.", 22, 30, "22:30" }, { v.text, v.hour, v.minute, v.value })
      v = only("Trading opens at 9 a.m. EST.")
      assert.same({ "9 a.m. EST", 9, "EST", "09:00" }, { v.text, v.hour, v.zone, v.value })
      assert.equal("09:15:02", only("Logged at 09:15:02.").value)
      assert.equal("12:00", only("They met at noon.").value)
    end)

    it("reads weekdays and ordinals", function()
      assert.same({ "weekday", 1 }, { only("Voting ends Monday.").kind, only("Voting ends Monday.").value })
      assert.equal(7, only("Shops close on Sunday.").value)
      assert.equal(22, only("He finished 22nd.").value)
      assert.equal(1, only("It was the first time.").value)
      assert.equal(21, only("The twenty-first race.").value)
    end)
  end)

  it("reads a paragraph, in order, without overlaps", function()
    local s = "On Tuesday, March 3, the council approved a $2.4 billion plan, about 65% of it " ..
              "federal; work starts at 7:30 a.m. on its 1st day."
    local vs = newsnlp.values(s)
    check(s, vs)
    local kinds = {}
    for i, v in ipairs(vs) do kinds[i] = v.kind end
    assert.same({ "weekday", "date", "money", "percent", "time", "ordinal" }, kinds)
  end)

  it("reads only the forms without words when the text is not English", function()
    local s = "Die Regierung in Berlin will bis zum 1. März 2027 rund 5 Millionen Euro " ..
              "ausgeben, also 20% mehr als im Jahr zuvor, und am 2026-12-01 um 10:30 " ..
              "darüber beraten; die Kosten lagen bei $5 und 300 EUR."
    local vs, lang = newsnlp.values(s)
    assert.equal("neutral", lang)
    check(s, vs)
    local texts = {}
    for i, v in ipairs(vs) do texts[i] = v.text end
    assert.same({ "20%", "2026-12-01", "10:30", "$5", "300 EUR" }, texts)
    local _, lang2 = newsnlp.values("It costs $5.", { lang = "fr" })
    assert.equal("neutral", lang2)
  end)

  it("handles empty, blank and invalid input", function()
    local vs, lang = newsnlp.values("")
    assert.same({}, vs)
    assert.equal("en", lang)
    assert.same({}, (newsnlp.values(" \n ")))
    local s = "\255$5\254 and 3%\192"
    check(s, newsnlp.values(s))
  end)

  it("is linear in the length of a long text", function()
    local one = "On March 1, 2027, shares rose 2.5% to $134 million at 10:30 a.m. "
    local big = one:rep(math.floor(5.2e6 / #one) + 1)
    local vs = newsnlp.values(big)
    assert.equal(4 * (math.floor(5.2e6 / #one) + 1), #vs)
  end)

  it("raises on bad arguments, naming them", function()
    assert.error_matches(function() newsnlp.values(nil) end, "bad argument #1")
    assert.error_matches(function() newsnlp.values("x", { currency = "USD" }) end,
                         "unknown option 'currency'")
    assert.error_matches(function() newsnlp.values("x", { lang = "??" }) end,
                         "option 'lang' is not a language tag")
  end)
end)
