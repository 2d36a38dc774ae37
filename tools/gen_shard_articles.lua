-- Writes N synthetic news articles as JSON Lines, for the corpus tests:
--   lua tools/gen_shard_articles.lua N > articles.jsonl
-- The texts are made here from a small vocabulary with a fixed pseudo-random
-- sequence, so every run writes the same file.
local n = tonumber(arg[1]) or 40
local subjects = { "The city council", "The harbor authority", "Mayor Ruiz", "The school board",
  "Portvale State University", "The water utility", "Dr. Helen Marsh", "The transit agency",
  "The county court", "Local farmers", "The fire department", "The port workers' union" }
local verbs = { "approved", "rejected", "delayed", "announced", "questioned", "funded", "studied",
  "opposed", "welcomed", "reviewed" }
local objects = { "a new flood wall", "the budget for next year", "a plan to widen the bridge",
  "higher water rates", "the bus routes along the river", "a hearing on the harbor dredging",
  "the report on coastal erosion", "a tax on vacant homes", "repairs to the pier",
  "a study of rising seas", "new housing near the station", "the contract with the ferry operator" }
local tails = { "on Tuesday", "after a long debate", "by a vote of 7-2", "despite protests",
  "for the third time this year", "in a closed session", "without comment", "at a public meeting" }
local seed = 12345
local function pick(t)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return t[seed % #t + 1]
end
local function escape(s) return (s:gsub('[%c"\\]', function(c)
  if c == "\n" then return "\\n" end
  return string.format("\\u%04x", c:byte()) end)) end
for i = 1, n do
  local paras = {}
  for p = 1, 3 do
    local sentences = {}
    for s = 1, 3 do
      sentences[s] = pick(subjects) .. " " .. pick(verbs) .. " " .. pick(objects) .. " " .. pick(tails) .. "."
    end
    paras[p] = table.concat(sentences, " ")
  end
  local text = pick(subjects) .. " " .. pick(verbs) .. " " .. pick(objects) .. "\n\n" .. table.concat(paras, "\n\n")
  io.write(('{"id": "article-%03d", "text": "%s"}\n'):format(i, escape(text)))
end
