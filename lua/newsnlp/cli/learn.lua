--- Tag commands: `newsnlp tag` (an editor's taxonomy in a rules file), `newsnlp train`
-- and `newsnlp predict` (tags learned from past articles).
-- @module newsnlp.cli.learn

local newsnlp = require "newsnlp"
local json = require "newsnlp.cli.json"
local output = require "newsnlp.cli.output"

local M = {}

local MODEL = 6
local TAG_ORDER = { "tag", "score", "count", "start", "stop", "spans" }

-- Tag results as records { tag =, score =, ... }, best first.
local function tag_rows(r)
  local rows = {}
  for i, t in ipairs(r.tags) do rows[i] = { t.tag, t.score, t.count, t.start, t.stop } end
  return rows
end

local function tag_text(write, r)
  for _, t in ipairs(r.tags) do
    local count = t.count and ("  (%d match%s)"):format(t.count, t.count == 1 and "" or "es") or ""
    write(("%-7s %s%s\n"):format(t.score and output.number(t.score) or "", json.repair_utf8(t.tag), count))
  end
end

--- Registers `tag`, `train` and `predict`.
-- @tparam table cli the newsnlp.cli module
function M.register(cli)
  cli.register {
    name = "tag",
    summary = "tag each article against a taxonomy of tags and their phrases (--rules FILE)",
    usage = "--rules FILE [FILE|DIR|-]...",
    description = "The rules file lists each tag and the phrases that mark it (format in the\n" ..
      "README: 'Tag: phrase; phrase', indented lines add phrases, \"quoted\" phrases are\n" ..
      "case-sensitive).  Text format: 'score  tag' lines.",
    options = cli.options {
      { "rules", short = "r", arg = "FILE", help = "the taxonomy file (required)" },
      { "lang", arg = "LANG", help = "language code: abbreviations, elision, stemming" },
      { "stem", help = "match word stems (needs --lang)" },
      { "top", short = "n", arg = "N", type = "integer", min = 1, help = "the N best tags at most" },
      { "min-count", arg = "N", type = "integer", min = 1, help = "drop tags matched fewer times" },
      { "min-score", arg = "X", type = "number", min = 0, max = 1, help = "drop tags with a smaller share" },
    },
    needs = { "tagger" },
    order = { "tags" },
    columns = { "tag", "score", "count", "start", "stop" },
    setup = function(opts)
      if not opts.rules then return nil, "--rules FILE is required" end
      local ok, t, msg = pcall(newsnlp.load_tagger, opts.rules, { lang = opts.lang, stem = opts.stem or nil })
      if not ok then return nil, tostring(t) end
      if not t then return nil, tostring(msg), MODEL end
      local tag_opts = { limit = opts.top, min_count = opts["min-count"], min_score = opts["min-score"] }
      return { tagger = t, options = next(tag_opts) and tag_opts or nil }
    end,
    run = function(text, _, state)
      local out = {}
      local found = state.options and state.tagger:tag(text, state.options) or state.tagger:tag(text)
      for i, t in ipairs(found) do
        local spans = {}
        for j, s in ipairs(t.spans or {}) do spans[j] = json.array { s[1] or s.start, s[2] or s.stop } end
        local first = spans[1] or {}
        out[i] = json.object({ tag = t.tag, score = t.score, count = t.count, start = first[1], stop = first[2],
                               spans = json.array(spans) }, TAG_ORDER)
      end
      return { tags = json.array(out) }
    end,
    text = tag_text,
    rows = tag_rows,
  }

  local train = {
    name = "train",
    summary = "learn tags from tagged articles (JSON Lines with \"tags\") into a model file",
    usage = "--model FILE [FILE|-]...",
    description = 'Input: JSON Lines, one {"id": ..., "text": ..., "tags": ["...", ...]} per line\n' ..
      "(an empty list is an article with none of the tags).  The figures of the model\n" ..
      "are printed at the end.",
    needs = { "classifier" },
    summary_only = true,
    probe = false,
    order = { "documents", "tags", "terms", "documents_per_tag" },
    columns = { "tag", "documents" },
  }
  train.options = cli.options {
    { "model", short = "m", arg = "FILE", help = "the model file to write (required)" },
    { "tags-field", arg = "NAME", default = "tags", help = "the JSON field holding the tags" },
    { "cost", arg = "C", type = "number", help = "the SVM's C: higher fits the training texts closer" },
    { "threshold", arg = "HOW", help = "cv (per-tag thresholds from cross-validation), margin, or a probability" },
    { "folds", arg = "N", type = "integer", help = "cross-validation folds" },
    { "balanced", help = "weight each tag by inverse frequency" },
    { "min-df", arg = "N", type = "integer", help = "ignore terms in fewer training articles" },
    { "bigrams", help = "also use pairs of adjacent terms" },
  }
  train.setup = function(opts)
    if not opts.model then return nil, "--model FILE is required" end
    opts.jsonl = true
    local threshold = opts.threshold
    if threshold and tonumber(threshold) then threshold = tonumber(threshold) end
    local ok, c = pcall(newsnlp.classifier, {
      cost = opts.cost, threshold = threshold, folds = opts.folds, balanced = opts.balanced or nil,
      min_df = opts["min-df"], bigrams = opts.bigrams or nil })
    if not ok then return nil, c end
    return { classifier = c }
  end
  train.run = function(text, opts, state, doc)
    local tags = doc.fields and doc.fields[opts["tags-field"]]
    if type(tags) ~= "table" then
      return nil, ('no "%s" list'):format(opts["tags-field"]), "EFIELD"
    end
    for _, t in ipairs(tags) do
      if type(t) ~= "string" then return nil, "tags must be strings", "EFIELD" end
    end
    state.classifier:train(text, tags)
    return {}
  end
  train.finish = function(state, opts, ctx)
    local c = state.classifier
    local ok, err = c:save(opts.model)
    if not ok then return nil, err, cli.EXIT.OUTPUT end
    local info = c:info()
    local per = json.object()
    for k, v in pairs(info.documents_per_tag or {}) do per[k] = v end
    local r = json.object({ documents = info.documents, tags = json.array(c:tags()), terms = info.terms,
                            documents_per_tag = per }, train.order)
    local w = output.writer(opts.format, ctx.out, {
      order = train.order, columns = train.columns,
      rows = function(x)
        local rows = {}
        for i, t in ipairs(x.tags) do rows[i] = { t, x.documents_per_tag[t] } end
        return rows
      end,
      text = function(write, x)
        write(("model:     %s\ndocuments: %d\nterms:     %s\ntags:\n"):format(opts.model, x.documents,
                                                                          tostring(x.terms)))
        for _, t in ipairs(x.tags) do
          write(("  %-20s %s articles\n"):format(t, tostring(x.documents_per_tag[t] or "?")))
        end
      end,
    }, { batch = false })
    w.document({ id = opts.model }, r)
    w.finish()
    return true
  end
  cli.register(train)

  cli.register {
    name = "predict",
    summary = "tag each article with a model from 'newsnlp train' (--model FILE)",
    usage = "--model FILE [FILE|DIR|-]...",
    description = "Text format: 'probability  tag' lines, best first.",
    options = cli.options {
      { "model", short = "m", arg = "FILE", help = "the model file (required)" },
      { "top", short = "n", arg = "N", type = "integer", min = 1,
        help = "the N best tags, decided or not (default: the tags the model decides on)" },
    },
    needs = { "classifier" },
    order = { "tags" },
    columns = { "tag", "score" },
    setup = function(opts)
      if not opts.model then return nil, "--model FILE is required" end
      local c, msg = newsnlp.load_classifier(opts.model)
      if not c then return nil, msg, MODEL end
      return { classifier = c }
    end,
    run = function(text, opts, state)
      local out = {}
      -- options only when given: the classifier refuses an empty options table
      local tags = opts.top and state.classifier:predict(text, { top = opts.top }) or state.classifier:predict(text)
      for i, t in ipairs(tags) do
        out[i] = json.object({ tag = t.tag, score = t.score }, { "tag", "score" })
      end
      return { tags = json.array(out) }
    end,
    text = tag_text,
    rows = tag_rows,
  }
end

return M
