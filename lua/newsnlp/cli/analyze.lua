--- `newsnlp analyze`: everything this build knows about each article.
-- @module newsnlp.cli.analyze

local newsnlp = require "newsnlp"
local features = require "newsnlp.features"
local json = require "newsnlp.cli.json"
local output = require "newsnlp.cli.output"

local M = {}

local function one_line(s)
  return (json.repair_utf8(s):gsub("%s*\n%s*", " "))
end

-- The parts of the analysis, each with the capability it needs.
local PARTS = { "language", "stats", "keywords", "entities", "values", "summary" }
local NEEDS = { language = "language", stats = "stats", keywords = "keywords",
                entities = "entities", values = "values", summary = "summary" }

local function characters(text)
  local _, n = text:gsub("[^\128-\191]", "")
  return n
end

--- Analyzes one article.
-- @tparam string text the article
-- @tparam table opts `lang`, `top` (keywords), `sentences` (summary), `corpus`
-- @treturn table the analysis (see the README: `newsnlp analyze`)
function M.analyze(text, opts)
  local r = json.object({}, { "title", "byline", "dateline", "language", "structure", "stats",
                              "keywords", "entities", "values", "summary", "missing" })
  local missing = {}
  local a = features.article(text, opts)
  r.title = a.title and one_line(a.title.text) or nil
  r.byline = a.byline and one_line(a.byline.text) or nil
  r.dateline = a.dateline and one_line(a.dateline.text) or nil
  local sentences, headings = 0, 0
  for _, p in ipairs(a.paragraphs) do
    sentences = sentences + #(p.sentences or {})
    if p.heading then headings = headings + 1 end
  end
  local structure = json.object({
    layout = a.layout, paragraphs = #a.paragraphs, headings = headings, sentences = sentences,
    boilerplate = #a.boilerplate, bytes = #text, characters = characters(text),
  }, { "paragraphs", "sentences", "headings", "boilerplate", "words", "characters", "bytes", "layout" })
  if features.has("tokens") then
    structure.words = #newsnlp.words(text, { lang = opts.lang })
  end
  r.structure = structure
  -- Later stages read the body: the title, byline and boilerplate are not prose.
  for _, part in ipairs(PARTS) do
    if not features.has(NEEDS[part]) then
      missing[#missing + 1] = part
    elseif part == "language" then
      if opts.lang then
        r.language = json.object({ code = opts.lang, given = true }, { "code", "given" })
      else
        local code, confidence = features.language(text)
        r.language = json.object({ code = code, confidence = confidence }, { "code", "confidence" })
      end
    elseif part == "stats" then
      r.stats = json.object(features.stats(text, opts))
    elseif part == "keywords" then
      local kws = features.keywords(text, { top = opts.top, lang = opts.lang, corpus = opts.corpus_object })
      for i, k in ipairs(kws) do kws[i] = json.object(k, { "text", "score", "count", "start", "stop" }) end
      r.keywords = json.array(kws)
    elseif part == "entities" then
      local ents = features.entities(text, { lang = opts.lang })
      for i, e in ipairs(ents) do
        if i > opts.entities then ents[i] = nil else
          local spans = {}
          for j, s in ipairs(e.spans) do spans[j] = json.array { s[1], s[2] } end
          e.spans, e.aliases = json.array(spans), json.array(e.aliases)
          ents[i] = json.object(e, { "text", "kind", "count", "start", "stop", "aliases", "spans" })
        end
      end
      r.entities = json.array(ents)
    elseif part == "values" then
      local vals = features.values(text, { lang = opts.lang })
      for i, v in ipairs(vals) do vals[i] = json.object(v, { "kind", "text", "value", "start", "stop" }) end
      r.values = json.array(vals)
    elseif part == "summary" then
      local sum = features.summary(text, { sentences = opts.sentences, lang = opts.lang })
      for i, s in ipairs(sum) do sum[i] = json.object(s, { "text", "start", "stop", "score" }) end
      r.summary = json.array(sum)
    end
  end
  r.missing = json.array(missing)
  return r
end

-- The figures of newsnlp.stats people read first, as "N words" phrases.
local STATS = {
  { "words", "%s words" }, { "sentences", "%s sentences" },
  { "reading_time", "reading time %s min" }, { "avg_sentence_length", "%s words a sentence" },
  { "long_sentences", "%s long sentences" },
}

--- The statistics of an article on one line, for people: the familiar
-- figures in words, then readability when there is an index (the JSON
-- formats give every figure).
-- @tparam table stats the result of newsnlp.stats
-- @treturn string
function M.stats_line(stats)
  local function tenths(x) return output.number(math.floor(x * 10 + 0.5) / 10) end
  local items = {}
  for _, s in ipairs(STATS) do
    local v = stats[s[1]]
    if type(v) == "number" then
      items[#items + 1] = s[2]:format(tenths(v))
    end
  end
  if type(stats.quote_share) == "number" then
    items[#items + 1] = ("%d%% quoted"):format(math.floor(stats.quote_share * 100 + 0.5))
  end
  local rd = stats.readability
  if type(rd) == "table" and rd.index then
    items[#items + 1] = ("%s %s%s"):format(tostring(rd.index), tenths(rd.score or 0),
                                          rd.grade and (" (grade " .. tenths(rd.grade) .. ")") or "")
  end
  return table.concat(items, ", ")
end

--- Writes the analysis of `analyze` for people.
-- @tparam function write called with strings
-- @tparam table r the analysis
function M.report(write, r)
  if r.title then write(r.title, "\n", ("="):rep(math.min(#r.title, 72)), "\n") end
  if r.byline then write("byline:     ", r.byline, "\n") end
  if r.dateline then write("dateline:   ", r.dateline, "\n") end
  if r.language then
    if r.language.given then
      write("language:   ", r.language.code, " (given)\n")
    else
      write(("language:   %s (confidence %s)\n"):format(r.language.code, output.number(r.language.confidence or 0)))
    end
  end
  local s = r.structure
  write(("structure:  %d paragraphs (%d headings), %d sentences, %s%d characters, %d bytes; " ..
         "%d boilerplate lines; paragraphs by %s\n"):format(
    s.paragraphs, s.headings, s.sentences, s.words and (s.words .. " words in all, ") or "",
    s.characters, s.bytes, s.boilerplate, s.layout == "blank" and "blank lines" or "lines"))
  -- stats count the body only: no title, byline or boilerplate
  if r.stats then write("body:       ", M.stats_line(r.stats), "\n") end
  if r.keywords then
    local items = {}
    for i, k in ipairs(r.keywords) do items[i] = one_line(k.text) end
    write("keywords:   ", #items > 0 and table.concat(items, "; ") or "(none)", "\n")
  end
  if r.entities then
    write("entities:", #r.entities == 0 and "   (none)\n" or "\n")
    for _, e in ipairs(r.entities) do
      local aliases = #e.aliases > 0 and ("  (also " .. table.concat(e.aliases, ", ") .. ")") or ""
      write(("  %-13s %s%s%s\n"):format(e.kind, one_line(e.text), e.count > 1 and (" x" .. e.count) or "",
                                        one_line(aliases)))
    end
  end
  if r.values then
    write("values:", #r.values == 0 and "     (none)\n" or "\n")
    for _, v in ipairs(r.values) do
      local value = v.value ~= nil and ("  = " .. tostring(v.value) .. (v.currency and (" " .. v.currency) or "")) or ""
      write(("  %-13s %s%s\n"):format(tostring(v.kind or ""), one_line(v.text), value))
    end
  end
  if r.summary then
    write("summary:", #r.summary == 0 and "    (none)\n" or "\n")
    for _, x in ipairs(r.summary) do write("  ", one_line(x.text), "\n") end
  end
  if #r.missing > 0 then
    write("not in this build: ", table.concat(r.missing, ", "), "\n")
  end
end

local function join_texts(list, n)
  if not list then return nil end
  local t = {}
  for i = 1, math.min(#list, n or #list) do t[i] = one_line(list[i].text) end
  return table.concat(t, "; ")
end

--- Registers `analyze`.
-- @tparam table cli the newsnlp.cli module
function M.register(cli)
  cli.register {
    name = "analyze",
    summary = "everything about each article: title, structure, stats, keywords, entities, values, summary, language",
    usage = "[FILE|DIR|-]...",
    description = "Parts this build of newsnlp lacks are listed as missing, never guessed.",
    options = cli.options {
      { "lang", arg = "LANG", help = "the language (else guessed when the build can, never assumed)" },
      { "top", arg = "N", type = "integer", min = 1, default = 10, help = "how many keyphrases" },
      { "sentences", arg = "N", type = "integer", min = 1, default = 3, help = "sentences in the summary" },
      { "entities", arg = "N", type = "integer", min = 1, default = 20, help = "how many entities at most" },
      { "corpus", arg = "FILE", help = "a corpus file: document frequencies for the keyphrases" },
    },
    needs = { "article" },
    order = { "title", "byline", "dateline", "language", "structure", "stats", "keywords",
              "entities", "values", "summary", "missing" },
    columns = { "title", "language", "paragraphs", "sentences", "words", "keywords", "entities", "summary" },
    setup = function(opts, ctx)
      if opts.corpus then
        local code = ctx:need("corpus")
        if code then return nil, features.missing_message("corpus"), code end
        local c, msg = newsnlp.load_corpus(opts.corpus)
        if not c then return nil, msg, 6 end
        opts.corpus_object = c
      end
      local ok, err = pcall(features.article, "", opts)
      if not ok then return nil, err end
      return {}
    end,
    run = function(text, opts) return M.analyze(text, opts) end,
    text = M.report,
    rows = function(r)
      local s = r.structure
      return { { r.title, r.language and r.language.code, s.paragraphs, s.sentences, s.words,
                 join_texts(r.keywords), join_texts(r.entities), join_texts(r.summary) } }
    end,
  }
end

return M
