--- What this build of newsnlp can do, and each capability's results as plain
-- records, for the integrations: the `newsnlp` command, the Neovim plugin and
-- the pandoc filter.
--
-- A capability is present when the public functions it needs are in
-- `require "newsnlp"`.  Nothing is emulated: a missing capability is reported
-- by name (`missing_message`), and the caller says so to its user.
--
-- Records use byte offsets into the text, 1-based and inclusive (`start`,
-- `stop`), as the library does.
-- @module newsnlp.features

local newsnlp = require "newsnlp"

local M = {}

--- The capabilities, in the order they are listed: name, the public
-- functions it needs, and what it is.
M.capabilities = {
  { name = "normalize", needs = { "normalize" }, what = "normalization" },
  { name = "sentences", needs = { "sentences", "sentence_spans" }, what = "sentence splitting" },
  { name = "article", needs = { "article", "paragraphs" }, what = "article structure" },
  { name = "tokens", needs = { "tokens", "token_records" }, what = "tokens" },
  { name = "terms", needs = { "terms", "ngrams" }, what = "terms and n-grams" },
  { name = "language", needs = { "language" }, what = "language guessing" },
  { name = "corpus", needs = { "corpus", "load_corpus" }, what = "corpora" },
  { name = "keywords", needs = { "keywords" }, what = "keywords" },
  { name = "summary", needs = { "summarize" }, what = "summaries" },
  { name = "stats", needs = { "stats" }, what = "text statistics" },
  { name = "entities", needs = { "entities" }, what = "named entities" },
  { name = "values", needs = { "values" }, what = "values (amounts, dates, figures)" },
  { name = "classifier", needs = { "classifier", "load_classifier" }, what = "learned tags" },
  { name = "tagger", needs = { "tagger", "load_tagger" }, what = "taxonomy tagging" },
}

local by_name = {}
for _, c in ipairs(M.capabilities) do by_name[c.name] = c end

--- Whether a capability is in this build.
-- @tparam string name a capability name (see `capabilities`)
-- @treturn boolean
function M.has(name)
  local c = by_name[name]
  if not c then error("unknown capability " .. tostring(name), 2) end
  for _, f in ipairs(c.needs) do
    if type(newsnlp[f]) ~= "function" then return false end
  end
  return true
end

--- The message for a missing capability.
-- @tparam string name
-- @treturn string e.g. "keywords (newsnlp.keywords) are not in this build of newsnlp 0.1.0"
function M.missing_message(name)
  local c = by_name[name]
  local missing = {}
  for _, f in ipairs(c.needs) do
    if type(newsnlp[f]) ~= "function" then missing[#missing + 1] = "newsnlp." .. f end
  end
  return ("%s (%s) not in this build of newsnlp %s"):format(c.what, table.concat(missing, ", "),
                                                           newsnlp.version)
end

--- The names of the capabilities present and missing.
-- @treturn {string,...} present
-- @treturn {string,...} missing
function M.list()
  local present, missing = {}, {}
  for _, c in ipairs(M.capabilities) do
    local t = M.has(c.name) and present or missing
    t[#t + 1] = c.name
  end
  return present, missing
end

-- Options tables without nil holes, for the library's strict option checks.
local function options(t)
  local o = {}
  for k, v in pairs(t) do o[k] = v end
  return o
end

--- The article structure: `title`, `byline`, `dateline` (records or nil),
-- `paragraphs` (records with `heading` and `sentences`), `boilerplate`,
-- `layout`, `language`.
-- @tparam string text
-- @tparam[opt] table opts `lang`
-- @treturn table
function M.article(text, opts)
  return newsnlp.article(text, options { lang = opts and opts.lang })
end

--- The sentences as records.
-- @tparam string text
-- @tparam[opt] table opts `lang`
-- @treturn {table,...} `{ text =, start =, stop = }`
function M.sentences(text, opts)
  return newsnlp.sentence_spans(text, options { lang = opts and opts.lang })
end

--- The language of a text.
-- @tparam string text
-- @treturn string a code, or "und"
-- @treturn number a confidence between 0 and 1
function M.language(text)
  return newsnlp.language(text)
end

-- Reads a result list whose items are strings or records, as records.
local function records(list, fields)
  local out = {}
  for i, item in ipairs(list or {}) do
    local r
    if type(item) == "string" then
      r = { text = item }
    else
      r = {}
      for _, f in ipairs(fields) do
        local key, alt = f[1], f[2]
        local v = item[key]
        if v == nil and alt then v = item[alt] end
        r[key] = v
      end
    end
    out[i] = r
  end
  return out
end

--- The keyphrases of an article, best first.
-- @tparam string text
-- @tparam[opt] table opts `top`, `lang`, `corpus` (a newsnlp.Corpus), `method`
-- @treturn {table,...} `{ text =, score =, count =, start =, stop = }`
-- @treturn string|nil the language used
function M.keywords(text, opts)
  opts = opts or {}
  local list, lang = newsnlp.keywords(text, options {
    top = opts.top, lang = opts.lang, corpus = opts.corpus, method = opts.method })
  if type(lang) == "table" then lang = lang.language or lang.lang end
  return records(list, { { "text", "phrase" }, { "score" }, { "count" }, { "start" }, { "stop" } }), lang
end

--- The sentences of an extractive summary, in text order.
-- @tparam string text
-- @tparam[opt] table opts `sentences` (how many), `lang`
-- @treturn {table,...} `{ text =, start =, stop =, score = }`
function M.summary(text, opts)
  opts = opts or {}
  local o = options { sentences = opts.sentences, lang = opts.lang }
  if type(newsnlp.rank_sentences) == "function" then
    -- the ranked sentences carry their offsets; `selected` marks the summary
    local out = {}
    for _, r in ipairs(newsnlp.rank_sentences(text, o)) do
      if r.selected then
        out[#out + 1] = { text = r.text, start = r.start, stop = r.stop, score = r.score }
      end
    end
    return out
  end
  return records(newsnlp.summarize(text, o), { { "text" }, { "start" }, { "stop" }, { "score" } })
end

--- Statistics of a text, as the library gives them.
-- @tparam string text
-- @tparam[opt] table opts `lang`
-- @treturn table
function M.stats(text, opts)
  return newsnlp.stats(text, options { lang = opts and opts.lang })
end

--- The named entities, most salient first.
-- @tparam string text
-- @tparam[opt] table opts `lang`
-- @treturn {table,...} `{ text =, kind =, count =, start =, stop =, spans =, aliases = }`
--   (`start` and `stop`: the first mention)
-- @treturn string the data used ("en" or "neutral")
function M.entities(text, opts)
  local list, used = newsnlp.entities(text, options { lang = opts and opts.lang })
  local out = {}
  for i, e in ipairs(list) do
    local spans = {}
    for j, s in ipairs(e.spans or {}) do
      spans[j] = { s.start or s[1], s.stop or s[2] }
    end
    local first = spans[1] or {}
    out[i] = { text = e.text, kind = e.kind, count = e.count or #spans, spans = spans,
               aliases = e.aliases or {}, start = first[1], stop = first[2] }
  end
  return out, used
end

--- The values of a text (amounts of money, percentages, dates, times,
-- weekdays, ordinals), in text order, with every field the library gives
-- (`value`, `currency`, `modifier`, `year`, `hour`, ...).
-- @tparam string text
-- @tparam[opt] table opts `lang`
-- @treturn {table,...} `{ kind =, text =, value =, start =, stop =, ... }`
function M.values(text, opts)
  local out = {}
  for i, v in ipairs(newsnlp.values(text, options { lang = opts and opts.lang })) do
    local r = {}
    for k, x in pairs(v) do r[k] = x end
    out[i] = r
  end
  return out
end

return M
