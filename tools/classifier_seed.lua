-- Writes the fuzzing seed fuzz/seeds/classifier.model: a small model trained
-- on the first texts of the spec fixtures (spec/fixtures/tagging.lua).
--   make && LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='build/5.4/?.so;;' \
--     lua5.4 tools/classifier_seed.lua fuzz/seeds/classifier.model
local newsnlp = require "newsnlp"
local fixtures = dofile("spec/fixtures/tagging.lua")
local path = assert(arg[1], "usage: lua5.4 tools/classifier_seed.lua OUT")
local c = newsnlp.classifier()
for i, ex in ipairs(fixtures.train) do
  if i % 4 == 1 then c:train(ex[1], ex[2]) end
end
assert(c:save(path))
