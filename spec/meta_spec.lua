-- The LuaLS type file types/newsnlp.lua: generated from the LDoc comments
-- (make meta), it must annotate every function `require "newsnlp"` exports.
local newsnlp = require "newsnlp"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

describe("types/newsnlp.lua", function()
  local types = read("types/newsnlp.lua")

  it("is a ---@meta file that loads as Lua", function()
    assert.equal("---@meta newsnlp\n", types:sub(1, 17))
    assert.is_function((loadstring or load)(types))
  end)

  it("annotates every exported function, from an LDoc comment", function()
    local count = 0
    for name, value in pairs(newsnlp) do
      if type(value) == "function" then
        count = count + 1
        local at = types:find("\nfunction newsnlp." .. name .. "(", 1, true)
        assert.is_truthy(at, "no annotation for newsnlp." .. name)
        -- the annotation block right above it comes from a doc comment
        local last, pos = 1, 1
        while true do
          local b = types:find("\n\n", pos, true)
          if not b or b >= at then break end
          last, pos = b + 2, b + 1
        end
        local before = types:sub(last, at)
        assert.is_truthy(before:find("^%-%-%- ") and not before:find("TODO", 1, true),
                         "newsnlp." .. name .. " has no LDoc comment")
      elseif type(value) == "string" then
        assert.is_truthy(types:find("\nnewsnlp." .. name .. " = ", 1, true), "no annotation for newsnlp." .. name)
      end
    end
    assert.is_true(count > 5)
    assert.is_nil(types:find("TODO", 1, true))
  end)

  it("annotates every method of the objects the API makes", function()
    local makers = {
      Corpus = newsnlp.corpus and function() return newsnlp.corpus() end,
      Classifier = newsnlp.classifier and function() return newsnlp.classifier() end,
      Tagger = newsnlp.tagger and function() return newsnlp.tagger({ A = { "a" } }) end,
    }
    for class, make in pairs(makers) do
      local object = make()
      local index = getmetatable(object).__index
      assert.is_table(index, class)
      assert.is_truthy(types:find("\n---@class newsnlp." .. class .. "\n", 1, true), "no class newsnlp." .. class)
      for name, f in pairs(index) do
        if type(f) == "function" and name:sub(1, 2) ~= "__" then
          assert.is_truthy(types:find("\nfunction " .. class .. ":" .. name .. "(", 1, true),
                           "no annotation for newsnlp." .. class .. ":" .. name)
        end
      end
      object:close()
    end
  end)

  it("annotates nothing that is not exported", function()
    for name in types:gmatch("\nfunction newsnlp%.([%w_]+)%(") do
      assert.is_function(newsnlp[name], "newsnlp." .. name .. " is annotated but not exported")
    end
  end)
end)
