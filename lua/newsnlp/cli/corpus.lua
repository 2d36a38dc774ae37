--- `newsnlp corpus build|merge|info`: term statistics of an archive, built in
-- shards anywhere and merged exactly.
-- @module newsnlp.cli.corpus

local newsnlp = require "newsnlp"
local args = require "newsnlp.cli.args"
local json = require "newsnlp.cli.json"
local output = require "newsnlp.cli.output"

local M = {}

local MODEL = 6

--- The figures of a corpus: documents, terms (occurrences counted),
-- vocabulary (distinct terms), digest (equal for equal models) and settings.
-- @param c a newsnlp.Corpus
-- @treturn table
function M.info(c)
  local i = c:info()
  local languages = json.object()
  for k, v in pairs(i.languages or {}) do languages[k] = v end
  return json.object({
    documents = i.documents, terms = i.tokens, vocabulary = i.terms, digest = c:digest(),
    lang = (i.lang ~= nil and i.lang ~= "") and i.lang or json.null, stem = i.stem,
    numbers = i.numbers, ngrams = i.ngrams, languages = languages,
    format_version = i.format_version,
  }, { "documents", "terms", "vocabulary", "digest", "lang", "stem", "numbers", "ngrams",
       "languages", "format_version" })
end

-- How a corpus's figures are written, for output.writer.
local INFO = {
  order = { "documents", "terms", "vocabulary", "digest", "lang", "stem", "numbers", "ngrams",
            "languages", "format_version" },
  columns = { "documents", "terms", "vocabulary", "digest", "lang", "stem", "ngrams" },
  rows = function(r)
    return { { r.documents, r.terms, r.vocabulary, r.digest, r.lang, r.stem and "true" or "false", r.ngrams } }
  end,
  text = function(write, r)
    write(("documents:  %d\nterms:      %d\nvocabulary: %d\ndigest:     %s\n"):format(
      r.documents, r.terms, r.vocabulary, r.digest))
    write(("language:   %s\nstemmed:    %s\nn-grams:    %d\n"):format(
      r.lang == json.null and "guessed per document" or r.lang, r.stem and "yes" or "no", r.ngrams or 0))
    local langs = {}
    for k, v in pairs(r.languages) do langs[#langs + 1] = ("%s %d"):format(k, v) end
    table.sort(langs)
    if #langs > 0 then write("languages:  ", table.concat(langs, ", "), "\n") end
  end,
}

local FORMAT = { "format", short = "f", arg = "FMT", type = "choice", choices = { "text", "json", "jsonl", "tsv" },
                 default = "text", help = "how the corpus figures are printed: text, json, jsonl or tsv" }
local HELP = { "help", short = "h", help = "show this help" }

local function write_info(ctx, opts, id, c, stream)
  local w = output.writer(opts.format, stream or ctx.out, INFO, { batch = false, header = true })
  w.document({ id = id }, M.info(c))
  w.finish()
end

local function need_corpus(ctx)
  return ctx:need("corpus")
end

local build = {
  name = "corpus build",
  summary = "count the terms of articles into a corpus file",
  usage = "-o OUT.nnc [FILE|DIR|-]...",
  description = "Each article is added with its id (its path, or the \"id\" of its JSON line);\n" ..
    "an id seen twice is an error for that article.  The figures of the corpus are\n" ..
    "printed at the end (--format).  Shards built anywhere merge exactly:\n" ..
    "'newsnlp corpus merge'.",
  needs = { "corpus" },
  summary_only = true,
  probe = false,
  setup = function(opts)
    if not opts.output then return nil, "-o OUT.nnc is required" end
    local ok, c = pcall(newsnlp.corpus, { lang = opts.lang, stem = opts.stem or nil,
                                          numbers = opts.numbers or nil, ngrams = opts.ngrams })
    if not ok then return nil, c end
    return { corpus = c, path = opts.output }
  end,
  run = function(text, _, state, doc)
    local id = doc.id
    if id ~= nil and doc.line == nil and id == "-" then id = nil end
    local n, err, code = state.corpus:add(text, id ~= nil and tostring(id) or nil)
    if not n then return nil, err, code end
    return {}
  end,
  finish = function(state, opts, ctx)
    local ok, err = state.corpus:save(state.path)
    if not ok then return nil, err, 4 end
    write_info(ctx, opts, state.path, state.corpus)
    return true
  end,
}
build.order, build.columns, build.text, build.rows = INFO.order, INFO.columns, INFO.text, INFO.rows

local function build_options(cli)
  local own = {
    { "lang", arg = "LANG", help = "the corpus language (else guessed for each article)" },
    { "stem", help = "stem terms (needs --lang)" },
    { "numbers", help = "numbers, dates and amounts are terms" },
    { "ngrams", arg = "N", type = "integer", min = 0, max = 3, help = "also count n-grams up to N (2 or 3) for collocations" },
  }
  local all = cli.options(own)
  -- -o names the corpus file here, not where the results go.
  for _, o in ipairs(all) do
    if o[1] == "output" then o.help = "the corpus file to write (required)" end
    if o[1] == "format" then o.help = FORMAT.help end
  end
  return all
end

local function merge(cli, argv, ctx)
  local options = { { "output", short = "o", arg = "FILE", help = "the merged corpus file (required)" }, FORMAT, HELP }
  local spec = { summary = "merge corpus files into one (the same as one build of all their articles)",
                 usage = "-o OUT.nnc IN.nnc...", options = options }
  local opts, perr = args.parse(argv, options)
  if not opts then return ctx:fail(cli.EXIT.USAGE, perr) end
  if opts.help then ctx.out:write(args.help(spec, "newsnlp corpus merge")); return cli.EXIT.OK end
  local code = need_corpus(ctx)
  if code then return code end
  if not opts.output then return ctx:fail(cli.EXIT.USAGE, "-o OUT.nnc is required") end
  if #opts == 0 then return ctx:fail(cli.EXIT.USAGE, "no corpus file to merge") end
  local all
  for _, path in ipairs(opts) do
    local c, msg = newsnlp.load_corpus(path)
    if not c then return ctx:fail(MODEL, msg) end
    if not all then
      all = c
    else
      local ok, merr = all:merge(c)
      c:close()
      if not ok then return ctx:fail(MODEL, path, ": ", merr) end
    end
  end
  local ok, err = all:save(opts.output)
  if not ok then return ctx:fail(cli.EXIT.OUTPUT, err) end
  write_info(ctx, opts, opts.output, all)
  return cli.EXIT.OK
end

local function info(cli, argv, ctx)
  local options = { FORMAT, { "no-header", help = "tsv: no header row" }, HELP }
  local spec = { summary = "the figures of corpus files: documents, terms, vocabulary, digest",
                 usage = "FILE.nnc...", options = options,
                 description = "The digest is equal for equal models: a merge of shards has the digest\n" ..
                   "of the single build of all their articles." }
  local opts, perr = args.parse(argv, options)
  if not opts then return ctx:fail(cli.EXIT.USAGE, perr) end
  if opts.help then ctx.out:write(args.help(spec, "newsnlp corpus info")); return cli.EXIT.OK end
  local code = need_corpus(ctx)
  if code then return code end
  if #opts == 0 then return ctx:fail(cli.EXIT.USAGE, "no corpus file") end
  local w = output.writer(opts.format, ctx.out, INFO, { batch = #opts > 1, header = not opts["no-header"] })
  local status = cli.EXIT.OK
  for _, path in ipairs(opts) do
    local c, msg, ecode = newsnlp.load_corpus(path)
    if c then
      w.document({ id = path }, M.info(c))
      c:close()
    else
      ctx:warn(msg, ecode and (" (" .. ecode .. ")") or "")
      w.document({ id = path, error = msg, code = ecode or "EFORMAT" })
      status = MODEL
    end
  end
  w.finish()
  return status
end

--- Registers `corpus`.
-- @tparam table cli the newsnlp.cli module
function M.register(cli)
  build.options = build_options(cli)
  local usage = "usage: newsnlp corpus build|merge|info [OPTIONS] ...\n\n" ..
    "  build  " .. build.summary .. "\n" ..
    "  merge  merge corpus files into one\n" ..
    "  info   the figures of corpus files: documents, terms, vocabulary, digest\n\n" ..
    "'newsnlp corpus SUBCOMMAND --help' describes its options.\n"
  cli.register {
    name = "corpus",
    display = "corpus build|merge|info",
    summary = "term statistics of an archive: build (in shards), merge, info",
    main = function(argv, ctx)
      local sub = argv[1]
      local rest = {}
      for i = 2, #argv do rest[#rest + 1] = argv[i] end
      if sub == "build" then
        ctx.name = "corpus build"
        local opts, perr = args.parse(rest, build.options)
        if not opts then return ctx:fail(cli.EXIT.USAGE, perr) end
        if opts.help then ctx.out:write(args.help(build, "newsnlp corpus build")); return cli.EXIT.OK end
        -- the corpus goes to the file; the figures to standard output
        return cli.run_articles(build, opts, ctx, { output_is_model = true })
      elseif sub == "merge" then
        ctx.name = "corpus merge"
        return merge(cli, rest, ctx)
      elseif sub == "info" then
        ctx.name = "corpus info"
        return info(cli, rest, ctx)
      elseif sub == "--help" or sub == "-h" then
        ctx.out:write(usage)
        return cli.EXIT.OK
      end
      ctx.err:write(sub and ("newsnlp corpus: unknown subcommand '" .. sub .. "'\n") or "", usage)
      return cli.EXIT.USAGE
    end,
  }
end

return M
