--- The one-capability commands: normalize, tokens, sentences, keywords,
-- summary, entities, values.
-- @module newsnlp.cli.commands

local newsnlp = require "newsnlp"
local features = require "newsnlp.features"
local json = require "newsnlp.cli.json"
local output = require "newsnlp.cli.output"

local M = {}

local USAGE = "[FILE|DIR|-]..."
local TOKEN_ORDER = { "text", "kind", "start", "stop" }
local VALUE_ORDER = { "kind", "text", "value", "start", "stop" }

local LANG = { "lang", arg = "LANG", help = "language code (de, en, fr, ...); without it nothing is assumed" }

-- One line for people: line breaks inside become spaces.
local function one_line(s)
  return (json.repair_utf8(s):gsub("%s*\n%s*", " "))
end

local function list(t)
  return json.array(t)
end

--- Registers the commands with the command line.
-- @tparam table cli the newsnlp.cli module
function M.register(cli)
  -- normalize ---------------------------------------------------------------------------
  local flags = { "casefold", "strip_marks", "quotes", "dashes", "ellipsis", "spaces", "invisible",
                  "controls", "newlines", "collapse", "trim", "entities", "tags", "mojibake" }
  local normalize_options = {
    { "preset", arg = "NAME", type = "choice", choices = { "nfc", "news", "html", "plain", "search" },
      help = "start from a preset: nfc (the default), news, html, plain, search" },
    { "form", arg = "FORM", type = "choice", choices = { "NFC", "NFD", "NFKC", "NFKD" },
      help = "Unicode normalization form" },
    { "invalid", arg = "HOW", type = "choice", choices = { "replace", "drop", "error" },
      help = "invalid UTF-8: replace (U+FFFD), drop, or error (the article is skipped)" },
  }
  for _, f in ipairs(flags) do
    normalize_options[#normalize_options + 1] = { (f:gsub("_", "-")), help = "turn on '" .. f .. "' (see the README)" }
  end
  cli.register {
    name = "normalize",
    summary = "normalize text: Unicode form, typography, HTML, mojibake",
    usage = USAGE,
    description = "Prints the normalized text of each article (format text), or\n" ..
      '{"id": ..., "text": ..., "changed": true|false} (json, jsonl).',
    options = cli.options(normalize_options),
    needs = { "normalize" },
    order = { "text", "changed" },
    columns = { "text" },
    setup = function(opts)
      local o = { preset = opts.preset, form = opts.form, invalid = opts.invalid }
      for _, f in ipairs(flags) do
        if opts[(f:gsub("_", "-"))] then o[f] = true end
      end
      local ok, err = pcall(newsnlp.normalize, "", o)
      if not ok then return nil, err end
      return o
    end,
    run = function(text, _, o)
      local s, msg, code = newsnlp.normalize(text, o)
      if not s then return nil, msg, code end
      return { text = s, changed = s ~= text }
    end,
    text = function(write, r)
      write(r.text)
      if r.text:sub(-1) ~= "\n" and r.text ~= "" then write("\n") end
    end,
    rows = function(r) return { { r.text } } end,
  }

  -- tokens ------------------------------------------------------------------------------
  cli.register {
    name = "tokens",
    summary = "the tokens of each article, with their kinds and byte offsets",
    usage = USAGE,
    description = "Text format: one token a line, 'start-stop kind text'.",
    options = cli.options {
      LANG,
      { "kinds", arg = "LIST", type = "list", help = "only these kinds, e.g. word,number,money" },
      { "possessive", arg = "HOW", type = "choice", choices = { "keep", "strip", "split" },
        help = "Cambodia's: keep, strip or split" },
      { "split-hyphens", help = "split hyphenated compounds" },
      { "casefold", help = "case-fold the token texts (offsets stay those of the input)" },
    },
    needs = { "tokens" },
    order = { "count", "tokens" },
    columns = { "start", "stop", "kind", "text" },
    setup = function(opts)
      local o = { lang = opts.lang, kinds = opts.kinds, possessive = opts.possessive,
                  split_hyphens = opts["split-hyphens"] or nil, casefold = opts.casefold or nil }
      local ok, err = pcall(newsnlp.token_records, "", o)
      if not ok then return nil, err end
      return o
    end,
    run = function(text, _, o)
      local toks = newsnlp.token_records(text, o)
      for i = 1, #toks do json.object(toks[i], TOKEN_ORDER) end
      return { count = #toks, tokens = list(toks) }
    end,
    text = function(write, r)
      for _, t in ipairs(r.tokens) do
        write(("%d-%d\t%s\t%s\n"):format(t.start, t.stop, t.kind, one_line(t.text)))
      end
    end,
    rows = function(r)
      local rows = {}
      for i, t in ipairs(r.tokens) do rows[i] = { t.start, t.stop, t.kind, t.text } end
      return rows
    end,
  }

  -- sentences ---------------------------------------------------------------------------
  cli.register {
    name = "sentences",
    summary = "the sentences of each article, with their byte offsets",
    usage = USAGE,
    description = "Text format: one sentence a line (line breaks inside a sentence become\n" ..
      "spaces); json, jsonl and tsv give the exact text with its offsets.",
    options = cli.options { LANG },
    needs = { "sentences" },
    order = { "count", "sentences" },
    columns = { "start", "stop", "text" },
    setup = function(opts)
      local ok, err = pcall(newsnlp.sentence_spans, "", { lang = opts.lang })
      if not ok then return nil, err end
      return {}
    end,
    run = function(text, opts)
      local out = {}
      for i, s in ipairs(features.sentences(text, opts)) do
        out[i] = json.object({ text = s.text, start = s.start, stop = s.stop }, { "text", "start", "stop" })
      end
      return { count = #out, sentences = list(out) }
    end,
    text = function(write, r)
      for _, s in ipairs(r.sentences) do write(one_line(s.text), "\n") end
    end,
    rows = function(r)
      local rows = {}
      for i, s in ipairs(r.sentences) do rows[i] = { s.start, s.stop, s.text } end
      return rows
    end,
  }

  -- keywords ----------------------------------------------------------------------------
  cli.register {
    name = "keywords",
    summary = "the keyphrases of each article, best first",
    usage = USAGE,
    description = "Text format: 'score  phrase' lines.  With --corpus, rarer words in the\n" ..
      "archive weigh more (a corpus file from 'newsnlp corpus build').",
    options = cli.options {
      { "top", short = "n", arg = "N", type = "integer", min = 1, default = 10, help = "how many keyphrases" },
      LANG,
      { "method", arg = "NAME", help = "scoring method (see the README)" },
      { "corpus", arg = "FILE", help = "a corpus file for document frequencies" },
    },
    needs = { "keywords" },
    order = { "language", "keywords" },
    columns = { "rank", "text", "score", "count" },
    setup = function(opts, ctx)
      local state = {}
      if opts.corpus then
        local code = ctx:need("corpus")
        if code then return nil, features.missing_message("corpus"), code end
        local c, msg = newsnlp.load_corpus(opts.corpus)
        if not c then return nil, msg, 6 end
        state.corpus = c
      end
      return state
    end,
    run = function(text, opts, state)
      local kws, lang = features.keywords(text, { top = opts.top, lang = opts.lang,
                                                  method = opts.method, corpus = state.corpus })
      local out = {}
      for i, k in ipairs(kws) do
        out[i] = json.object(k, { "text", "score", "count", "start", "stop" })
      end
      return { keywords = list(out), language = lang }
    end,
    text = function(write, r)
      for _, k in ipairs(r.keywords) do
        write(("%-6s %s\n"):format(k.score and output.number(k.score) or "", one_line(k.text)))
      end
    end,
    rows = function(r)
      local rows = {}
      for i, k in ipairs(r.keywords) do rows[i] = { i, k.text, k.score, k.count } end
      return rows
    end,
  }

  -- summary -----------------------------------------------------------------------------
  cli.register {
    name = "summary",
    summary = "an extractive summary of each article: its most central sentences",
    usage = USAGE,
    options = cli.options {
      { "sentences", short = "n", arg = "N", type = "integer", min = 1, default = 3,
        help = "how many sentences" },
      LANG,
    },
    needs = { "summary" },
    order = { "summary" },
    columns = { "rank", "start", "stop", "text" },
    run = function(text, opts)
      local out = {}
      for i, s in ipairs(features.summary(text, { sentences = opts.sentences, lang = opts.lang })) do
        out[i] = json.object(s, { "text", "start", "stop", "score" })
      end
      return { summary = list(out) }
    end,
    text = function(write, r)
      for _, s in ipairs(r.summary) do write(one_line(s.text), "\n") end
    end,
    rows = function(r)
      local rows = {}
      for i, s in ipairs(r.summary) do rows[i] = { i, s.start, s.stop, s.text } end
      return rows
    end,
  }

  -- entities ----------------------------------------------------------------------------
  cli.register {
    name = "entities",
    summary = "the people, organizations and places named in each article",
    usage = USAGE,
    description = "Text format: 'kind  mentions  name  (other forms)' lines, most salient first.",
    options = cli.options {
      LANG,
      { "kinds", arg = "LIST", type = "list", help = "only these kinds: person,organization,place,other" },
    },
    needs = { "entities" },
    order = { "language", "entities" },
    columns = { "text", "kind", "count", "start", "stop", "aliases" },
    run = function(text, opts)
      local ents, used = features.entities(text, { lang = opts.lang })
      local wanted
      if opts.kinds then
        wanted = {}
        for _, k in ipairs(opts.kinds) do wanted[k] = true end
      end
      local out = {}
      for _, e in ipairs(ents) do
        if not wanted or wanted[e.kind] then
          local spans = {}
          for j, s in ipairs(e.spans) do spans[j] = list { s[1], s[2] } end
          e.spans, e.aliases = list(spans), list(e.aliases)
          out[#out + 1] = json.object(e, { "text", "kind", "count", "start", "stop", "aliases", "spans" })
        end
      end
      return { entities = list(out), language = used }
    end,
    text = function(write, r)
      for _, e in ipairs(r.entities) do
        local aliases = #e.aliases > 0 and ("  (" .. table.concat(e.aliases, ", ") .. ")") or ""
        write(("%-12s %3d  %s%s\n"):format(e.kind, e.count, one_line(e.text), one_line(aliases)))
      end
    end,
    rows = function(r)
      local rows = {}
      for i, e in ipairs(r.entities) do
        rows[i] = { e.text, e.kind, e.count, e.start, e.stop, table.concat(e.aliases, "; ") }
      end
      return rows
    end,
  }

  -- values ------------------------------------------------------------------------------
  cli.register {
    name = "values",
    summary = "the amounts, percentages, dates, times and ordinals in each article",
    usage = USAGE,
    description = "Text format: 'kind  text  = value' lines, in text order.",
    options = cli.options {
      LANG,
      { "kinds", arg = "LIST", type = "list", help = "only these kinds: money,percent,date,time,weekday,ordinal" },
    },
    needs = { "values" },
    order = { "values" },
    columns = { "kind", "text", "value", "currency", "start", "stop" },
    run = function(text, opts)
      local wanted
      if opts.kinds then
        wanted = {}
        for _, k in ipairs(opts.kinds) do wanted[k] = true end
      end
      local out = {}
      for _, v in ipairs(features.values(text, { lang = opts.lang })) do
        if not wanted or wanted[v.kind] then out[#out + 1] = json.object(v, VALUE_ORDER) end
      end
      return { values = list(out) }
    end,
    text = function(write, r)
      for _, v in ipairs(r.values) do
        local value = v.value ~= nil and ("  = " .. tostring(v.value) .. (v.currency and (" " .. v.currency) or "")) or ""
        write(("%-9s %s%s\n"):format(tostring(v.kind or ""), one_line(v.text), value))
      end
    end,
    rows = function(r)
      local rows = {}
      for i, v in ipairs(r.values) do rows[i] = { v.kind, v.text, v.value, v.currency, v.start, v.stop } end
      return rows
    end,
  }
end

return M
