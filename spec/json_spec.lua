-- The JSON layer of the command line (lua/newsnlp/cli/json.lua).
local json = require "newsnlp.cli.json"

local has_cjson = pcall(require, "cjson")

-- Runs the body once per decoder available.
local function each_decoder(body)
  local decoders = { "lua" }
  if has_cjson then decoders[2] = "cjson" end
  for _, d in ipairs(decoders) do
    local saved = json.decoder
    json.decoder = d
    local ok, err = pcall(body, d)
    json.decoder = saved
    if not ok then error(err, 0) end
  end
end

describe("json.decode", function()
  it("reads objects, arrays, strings, numbers, booleans and null", function()
    each_decoder(function()
      local v = assert(json.decode(' {"id": "a1", "n": -12.5e1, "ok": true, "no": false, "x": null, "l": [1, [2], {}]} '))
      assert.equal("a1", v.id)
      assert.equal(-125, v.n)
      assert.is_true(v.ok)
      assert.is_false(v.no)
      assert.equal(json.null, v.x)
      assert.equal(3, #v.l)
      assert.equal(2, v.l[2][1])
    end)
  end)

  it("decodes escapes, \\u escapes and surrogate pairs to UTF-8", function()
    each_decoder(function()
      assert.equal('a"b\\c/d\b\f\n\r\t', json.decode('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"'))
      assert.equal("caf\195\169 \226\128\153", json.decode('"caf\\u00e9 \\u2019"'))
      assert.equal("\240\159\152\128", json.decode('"\\ud83d\\ude00"'))
      assert.equal("\244\143\191\191", json.decode('"\\uDBFF\\uDFFF"'))
      -- an escaped backslash before "u" is not an escape
      assert.equal("\\u00e9", json.decode('"\\\\u00e9"'))
      -- a quote after an even number of backslashes ends the string
      assert.equal("a\\", json.decode('"a\\\\"'))
      assert.same({ "a\\", "b" }, json.decode('["a\\\\","b"]'))
    end)
  end)

  it("reads a lone surrogate as U+FFFD", function()
    each_decoder(function()
      assert.equal("\239\191\189x", json.decode('"\\ud800x"'))
      assert.equal("\239\191\189", json.decode('"\\udc00"'))
      assert.equal("\239\191\189A", json.decode('"\\ud800\\u0041"'))
    end)
  end)

  it("rejects what RFC 8259 does not allow, naming the byte", function()
    local bad = {
      ["[01]"] = "leading zero", ["[1,]"] = "unexpected character", ['"\\x"'] = "unknown escape",
      ['"a"x'] = "text after", ["["] = "end of text", ["-"] = "unexpected character",
      ["{'a':1}"] = "expected a string key", ['{"a" 1}'] = "expected ':'", ['{"a":1,}'] = "expected a string key",
      ['"abc'] = "unterminated", ["[.5]"] = "unexpected character", ["[+1]"] = "unexpected character",
      ["[NaN]"] = "unexpected character", ["tru"] = "unexpected character", ["// c\n1"] = "unexpected character",
      ['"\\u12"'] = "four hexadecimal", ["1e"] = "exponent", [""] = "end of text",
    }
    for text, why in pairs(bad) do
      local v, err = json.decode(text)
      assert.is_nil(v, text)
      assert.matches("^invalid JSON at byte %d+: ", err)
      assert.truthy(err:find(why, 1, true), text .. " -> " .. err)
    end
    -- the lua decoder is strict where lua-cjson is lax
    local saved = json.decoder
    json.decoder = "lua"
    assert.is_nil((json.decode('"a\tb"')))
    assert.is_nil((json.decode("1.")))
    json.decoder = saved
  end)

  it("limits nesting instead of overflowing the stack", function()
    local deep = ("["):rep(json.MAX_DEPTH + 1) .. ("]"):rep(json.MAX_DEPTH + 1)
    each_decoder(function()
      local v, err = json.decode(deep)
      assert.is_nil(v)
      assert.truthy(err:find("nested too deeply", 1, true))
      local ok = ("["):rep(json.MAX_DEPTH) .. ("]"):rep(json.MAX_DEPTH)
      assert.is_table(json.decode(ok))
    end)
  end)

  it("raises for a non-string argument", function()
    assert.has_error(function() json.decode(nil) end)
  end)
end)

describe("json.encode", function()
  it("writes keys in a fixed order: the given ones, then bytewise", function()
    local t = json.object({ z = 1, id = "x", a = 2, text = "t" }, { "id", "text" })
    assert.equal('{"id":"x","text":"t","a":2,"z":1}', json.encode(t))
    assert.equal('{"a":1,"b":2,"c":3}', json.encode({ c = 3, a = 1, b = 2 }))
  end)

  it("tells empty arrays from empty objects", function()
    assert.equal("[]", json.encode({}))
    assert.equal("{}", json.encode(json.object()))
    assert.equal('{"a":[],"b":{}}', json.encode({ a = json.array(), b = json.object() }))
  end)

  it("escapes quotes, backslashes and control characters", function()
    assert.equal('"a\\"b\\\\c\\n\\t\\u0001\\u007f/"', json.encode('a"b\\c\n\t\1\127/'))
  end)

  it("replaces invalid UTF-8 with U+FFFD, so the output is always valid", function()
    assert.equal('"a\239\191\189b"', json.encode("a\255b"))
    -- a truncated sequence is one maximal subpart
    assert.equal('"\239\191\189x"', json.encode("\226\128x"))
    -- surrogates and overlongs are one replacement per byte
    assert.equal('"\239\191\189\239\191\189\239\191\189"', json.encode("\237\160\128"))
    assert.equal('"\239\191\189\239\191\189"', json.encode("\192\175"))
    assert.equal('"caf\195\169"', json.encode("caf\195\169"))
    assert.equal("a\239\191\189", json.repair_utf8("a\128"))
  end)

  it("writes integers without a fraction and floats that read back the same", function()
    assert.equal("[0,-3,1000000,0.1,0.3333333333333333,1e+300,null,null]",
                 json.encode({ 0, -3, 1e6, 0.1, 1 / 3, 1e300, 0 / 0, math.huge }))
    for _, x in ipairs { 0.1, 2 / 3, 1e-7, 123456.789, -1.5e-300 } do
      assert.equal(x, json.decode(json.encode(x)))
    end
  end)

  it("round-trips what it decodes", function()
    local text = '{"id":7,"tags":["a","b"],"text":"x\\ny \\"q\\" caf\195\169"}'
    assert.equal(text, json.encode(json.object(json.decode(text), { "id", "tags", "text" })))
  end)

  it("indents nested values when asked", function()
    assert.equal('{\n  "a": [1, 2],\n  "b": [\n    {\n      "c": true\n    }\n  ]\n}',
                 json.encode({ a = { 1, 2 }, b = { { c = true } } }, "  "))
  end)

  it("writes deep nesting exactly (LuaJIT traces recursion)", function()
    local d, o = { 1 }, { x = 1 }
    for _ = 1, 300 do d, o = { d }, { x = o } end
    assert.equal(("["):rep(301) .. "1" .. ("]"):rep(301), json.encode(d))
    assert.equal(('{"x":'):rep(301) .. "1" .. ("}"):rep(301), json.encode(o))
  end)

  it("raises on values JSON cannot hold", function()
    assert.has_error(function() json.encode({ f = print }) end)
    local t = {}
    t.self = t
    assert.has_error(function() json.encode(t) end)
    assert.has_error(function() json.encode({ 1, nil, 3, x = 1 }) end)
    assert.has_error(function() json.encode({ [1] = 1, [3] = 3 }) end)
  end)
end)
