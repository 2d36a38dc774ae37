-- The newsnlp command: in process through cli.main, and as a subprocess.
local newsnlp = require "newsnlp"
local cli = require "newsnlp.cli"
local json = require "newsnlp.cli.json"
local input = require "newsnlp.cli.input"
local progress = require "newsnlp.cli.progress"
local features = require "newsnlp.features"

local ARTICLE = "Harbor Council Approves Flood Wall\n\n" ..
  "PORTVALE (Coastline Wire) - The council voted 7-2 on Tuesday to build a flood wall. " ..
  "Mayor Dan Whitfield called it \226\128\156historic.\226\128\157\n\n" ..
  "Dr. Helen Marsh said the river rose 11 inches since 1950. Work starts in March.\n"

local function slurp(f)
  f:seek("set")
  return f:read("*a")
end

-- Runs the command in process: exit code, standard output, standard error.
local function run(argv, stdin_text)
  local out, err, stdin = io.tmpfile(), io.tmpfile(), io.tmpfile()
  stdin:write(stdin_text or "")
  stdin:seek("set")
  local code = cli.main(argv, out, err, stdin)
  local o, e = slurp(out), slurp(err)
  out:close(); err:close(); stdin:close()
  return code, o, e
end

local tmpfiles = {}
local function tmpname()
  local p = os.tmpname()
  tmpfiles[#tmpfiles + 1] = p
  return p
end

local function write_file(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function tmpdir()
  local p = tmpname()
  os.remove(p)
  assert(os.execute("mkdir -p '" .. p .. "'"))
  return p
end

local function lines(s)
  local t = {}
  for l in s:gmatch("[^\n]+") do t[#t + 1] = l end
  return t
end

teardown(function()
  for _, p in ipairs(tmpfiles) do os.execute("rm -rf '" .. p .. "'") end
end)

describe("newsnlp (in process)", function()
  local article = write_file(tmpname(), ARTICLE)

  it("prints its usage with --help, and to standard error with no command", function()
    local code, out = run({ "--help" })
    assert.equal(0, code)
    assert.truthy(out:find("usage: newsnlp", 1, true))
    for _, name in ipairs(cli.command_order) do
      assert.truthy(out:find(name, 1, true), name)
    end
    assert.truthy(out:find("exit codes:", 1, true))
    local code2, out2, err2 = run({})
    assert.equal(2, code2)
    assert.equal("", out2)
    assert.truthy(err2:find("usage: newsnlp", 1, true))
  end)

  it("has --help for every subcommand", function()
    for _, name in ipairs(cli.command_order) do
      local argv = name == "corpus" and { "corpus", "--help" } or { name, "--help" }
      local code, out = run(argv)
      assert.equal(0, code, name)
      assert.truthy(out:find("usage: newsnlp " .. name, 1, true), name)
    end
    for _, sub in ipairs { "build", "merge", "info" } do
      local code, out = run({ "corpus", sub, "--help" })
      assert.equal(0, code, sub)
      assert.truthy(out:find("usage: newsnlp corpus " .. sub, 1, true), sub)
    end
    local code, out = run({ "help", "sentences" })
    assert.equal(0, code)
    assert.truthy(out:find("--lang", 1, true))
  end)

  it("prints the version and what this build can do", function()
    local code, out = run({ "--version" })
    assert.equal(0, code)
    assert.truthy(out:find("newsnlp " .. newsnlp.version, 1, true))
    local present, missing = features.list()
    assert.truthy(out:find("capabilities: " .. table.concat(present, " "), 1, true))
    assert.truthy(out:find("missing: " .. (#missing > 0 and table.concat(missing, " ") or "none"), 1, true))
  end)

  it("exits 2 on usage errors", function()
    local code, _, err = run({ "frobnicate" })
    assert.equal(2, code)
    assert.truthy(err:find("unknown command 'frobnicate'", 1, true))
    code, _, err = run({ "sentences", "--bogus", article })
    assert.equal(2, code)
    assert.truthy(err:find("unknown option '--bogus'", 1, true))
    code, _, err = run({ "sentences", "--format", "xml", article })
    assert.equal(2, code)
    assert.truthy(err:find("--format must be one of", 1, true))
    code, _, err = run({ "summary", "--sentences", "two", article })
    assert.equal(2, code)
    code, _, err = run({ "normalize", "--form", "NFX", article })
    assert.equal(2, code)
    code, _, err = run({ "sentences", "--lang", "xx", article })
    assert.equal(2, code)
    assert.truthy(err:find("'lang'", 1, true))
    if features.has("tokens") then
      code, _, err = run({ "tokens", "--kinds", "bogus", article })
      assert.equal(2, code)
      assert.truthy(err:find("bogus", 1, true))
    end
    code, _, err = run({ "corpus", "shuffle" })
    assert.equal(2, code)
    assert.truthy(err:find("unknown subcommand", 1, true))
  end)

  describe("sentences", function()
    it("prints one sentence a line", function()
      local code, out = run({ "sentences", article })
      assert.equal(0, code)
      assert.same(newsnlp.sentences(ARTICLE), lines(out))
    end)

    it("gives exact texts and offsets in JSON", function()
      local code, out = run({ "sentences", "--format", "json", article })
      assert.equal(0, code)
      local r = assert(json.decode(out))
      assert.equal(article, r.id)
      local spans = newsnlp.sentence_spans(ARTICLE)
      assert.equal(#spans, r.count)
      for i, s in ipairs(r.sentences) do
        assert.equal(ARTICLE:sub(s.start, s.stop), s.text)
        assert.equal(spans[i].start, s.start)
      end
    end)

    it("writes TSV with a header row and escaped fields", function()
      local code, out = run({ "sentences", "--format", "tsv", "-" }, "One line.\nTwo\tcols.\n\nThree.")
      assert.equal(0, code)
      local rows = lines(out)
      assert.equal("id\tstart\tstop\ttext", rows[1])
      assert.equal("-\t1\t9\tOne line.", rows[2])
      assert.equal("-\t11\t19\tTwo\\tcols.", rows[3])
      local _, out2 = run({ "sentences", "--format", "tsv", "--no-header", "-" }, "A b.")
      assert.equal("-\t1\t4\tA b.\n", out2)
    end)

    it("reads standard input with '-' or no file", function()
      local _, a = run({ "sentences", "-" }, ARTICLE)
      local _, b = run({ "sentences" }, ARTICLE)
      local _, c = run({ "sentences", article })
      assert.equal(c, a)
      assert.equal(c, b)
    end)

    it("writes to a file with -o, and exits 4 when it cannot", function()
      local path = tmpname()
      local code, out = run({ "sentences", "-o", path, article })
      assert.equal(0, code)
      assert.equal("", out)
      assert.same(newsnlp.sentences(ARTICLE), lines(read_file(path)))
      local code2, _, err = run({ "sentences", "-o", "/nonexistent/dir/out.txt", article })
      assert.equal(4, code2)
      assert.truthy(err:find("/nonexistent/dir/out.txt", 1, true))
    end)
  end)

  describe("folders", function()
    local dir = tmpdir()
    assert(os.execute("mkdir -p '" .. dir .. "/b/c' '" .. dir .. "/.hidden'"))
    write_file(dir .. "/z.txt", "Zed spoke.")
    write_file(dir .. "/b/c/deep.txt", "Deep down.")
    write_file(dir .. "/b/a.txt", "Ay said so.")
    write_file(dir .. "/B.txt", "Capital B.")
    write_file(dir .. "/.hidden/x.txt", "Hidden.")
    write_file(dir .. "/.dot.txt", "Dot.")

    local expected = { dir .. "/B.txt", dir .. "/b/a.txt", dir .. "/b/c/deep.txt", dir .. "/z.txt" }

    it("lists every file below, hidden names skipped, in byte order (LuaFileSystem and find)", function()
      local saved = input.use_lfs
      for _, use_lfs in ipairs { true, false } do
        if use_lfs == false or saved then
          input.use_lfs = use_lfs
          assert.same(expected, input.list_folder(dir))
          assert.same(expected, input.list_folder(dir .. "/"))
        end
      end
      input.use_lfs = saved
    end)

    it("processes a folder as a batch, one id per file", function()
      local code, out = run({ "sentences", "--format", "jsonl", dir })
      assert.equal(0, code)
      local ids = {}
      for i, l in ipairs(lines(out)) do ids[i] = assert(json.decode(l)).id end
      assert.same(expected, ids)
      local _, text = run({ "sentences", dir })
      assert.truthy(text:find("== " .. dir .. "/B.txt\nCapital B.\n\n== ", 1, true))
    end)

    it("gives a JSON array for a batch", function()
      local code, out = run({ "sentences", "--format", "json", dir, article })
      assert.equal(0, code)
      local r = assert(json.decode(out))
      assert.equal(5, #r)
      assert.equal(article, r[5].id)
    end)
  end)

  describe("JSON Lines", function()
    local good = '{"id": "a1", "text": "First one. Second one."}\n' ..
                 '{"text": "No id here.", "id": 42}\n' ..
                 "\n" ..
                 '{"id": "b2", "text": "Last."}\r\n'

    it("writes one line per input line, carrying its id", function()
      local code, out = run({ "sentences", "--jsonl", "--format", "jsonl" }, good)
      assert.equal(0, code)
      local out_lines = lines(out)
      assert.equal(3, #out_lines)
      local r1, r2, r3 = json.decode(out_lines[1]), json.decode(out_lines[2]), json.decode(out_lines[3])
      assert.equal("a1", r1.id)
      assert.equal(2, r1.count)
      assert.equal(42, r2.id)
      assert.equal("b2", r3.id)
      assert.equal("Last.", r3.sentences[1].text)
      assert.truthy(out_lines[1]:find('^{"id":"a1",'))
    end)

    it("reads JSON Lines from files too", function()
      local path = write_file(tmpname(), good)
      local code, out = run({ "sentences", "--jsonl", "--format", "jsonl", path })
      assert.equal(0, code)
      assert.equal(3, #lines(out))
    end)

    local bad = '{"id": "a1", "text": "Fine."}\n' ..
                '{"id": "broken", "text": "no end\n' ..
                '{"id": "c3", "body": "no text field"}\n' ..
                '[1, 2]\n' ..
                '{"id": "d4", "text": "Fine too."}\n'

    it("reports a bad line with its id and goes on (exit 1)", function()
      local code, out, err = run({ "sentences", "--jsonl", "--format", "jsonl" }, bad)
      assert.equal(1, code)
      local rs = {}
      for i, l in ipairs(lines(out)) do rs[i] = assert(json.decode(l)) end
      assert.equal(5, #rs)
      assert.equal("a1", rs[1].id)
      assert.equal("broken", rs[2].id)
      assert.equal("EJSON", rs[2].code)
      assert.equal(2, rs[2].line)
      assert.equal("c3", rs[3].id)
      assert.equal("EFIELD", rs[3].code)
      assert.equal("EJSON", rs[4].code)
      assert.equal("d4", rs[5].id)
      assert.equal(1, rs[5].count)
      assert.truthy(err:find("newsnlp sentences: broken: invalid JSON at byte", 1, true))
      assert.truthy(err:find("c3: no \"text\" string (EFIELD)", 1, true))
      assert.truthy(err:find("3 articles were skipped", 1, true))
    end)

    it("stops at the first bad line with --strict (exit 3)", function()
      local code, out, err = run({ "sentences", "--jsonl", "--format", "jsonl", "--strict" }, bad)
      assert.equal(3, code)
      local out_lines = lines(out)
      assert.equal(2, #out_lines)
      assert.equal("broken", json.decode(out_lines[2]).id)
      assert.truthy(err:find("broken", 1, true))
      assert.falsy(err:find("c3", 1, true))
    end)

    it("treats invalid UTF-8 as an error only with --strict", function()
      local text = '{"id": "u", "text": "Caf\233 noir."}\n{"id": "v", "text": "Fine."}\n'
      local code, out = run({ "sentences", "--jsonl", "--format", "jsonl" }, text)
      assert.equal(0, code)
      local r = json.decode(lines(out)[1])
      assert.equal("Caf\239\191\189 noir.", r.sentences[1].text)   -- valid JSON out
      local code2, out2, err2 = run({ "sentences", "--jsonl", "--format", "jsonl", "--strict" }, text)
      assert.equal(3, code2)
      local r2 = json.decode(lines(out2)[1])
      assert.equal("EUTF8", r2.code)
      assert.equal("u", r2.id)
      assert.truthy(err2:find("u: invalid UTF-8 at byte 4 (EUTF8)", 1, true))
    end)
  end)

  it("reports an unreadable file in a batch and goes on", function()
    local missing = article .. ".missing"
    local code, out, err = run({ "sentences", "--format", "jsonl", missing, article })
    assert.equal(1, code)
    local out_lines = lines(out)
    assert.equal(missing, json.decode(out_lines[1]).id)
    assert.equal("EIO", json.decode(out_lines[1]).code)
    assert.equal(article, json.decode(out_lines[2]).id)
    assert.truthy(err:find(missing, 1, true))
    local code2 = run({ "sentences", "--strict", missing, article })
    assert.equal(3, code2)
  end)

  describe("normalize", function()
    if not features.has("normalize") then
      it("is reported missing", function() assert.equal(5, (run({ "normalize", article }))) end)
      return
    end

    it("applies a preset and flags", function()
      local text = "\194\160Caf\195\169  \226\128\156noir\226\128\157 "
      local _, out = run({ "normalize", "--preset", "news", "-" }, text)
      assert.equal(newsnlp.normalize(text, "news") .. "\n", out)
      local _, out2 = run({ "normalize", "--preset", "news", "--quotes", "--casefold", "-" }, text)
      assert.equal(newsnlp.normalize(text, { preset = "news", quotes = true, casefold = true }) .. "\n", out2)
      local _, out3 = run({ "normalize", "--format", "jsonl", "--strip-marks", "-" }, "Caf\195\169")
      local r = json.decode(out3)
      assert.equal("Cafe", r.text)
      assert.is_true(r.changed)
    end)

    it("makes invalid UTF-8 an article error with --invalid error", function()
      local code, _, err = run({ "normalize", "--invalid", "error", "-" }, "a\255b")
      assert.equal(1, code)
      assert.truthy(err:find("EUTF8", 1, true))
    end)
  end)

  describe("analyze", function()
    it("reports the structure and lists what this build lacks", function()
      local code, out = run({ "analyze", "--format", "json", article })
      assert.equal(0, code)
      local r = assert(json.decode(out))
      local a = newsnlp.article(ARTICLE)
      assert.equal(a.title.text, r.title)
      assert.equal(#a.paragraphs, r.structure.paragraphs)
      assert.equal(#ARTICLE, r.structure.bytes)
      local parts = { "language", "stats", "keywords", "entities", "values", "summary" }
      local need = { language = "language", stats = "stats", keywords = "keywords", entities = "entities",
                     values = "values", summary = "summary" }
      local missing = {}
      for _, p in ipairs(parts) do
        if features.has(need[p]) then
          assert.is_not_nil(r[p], p)
        else
          missing[#missing + 1] = p
          assert.is_nil(r[p], p)
        end
      end
      assert.same(missing, r.missing)
      local _, text = run({ "analyze", article })
      assert.truthy(text:find(a.title.text, 1, true))
      assert.truthy(text:find("structure:", 1, true))
      if #missing > 0 then
        assert.truthy(text:find("not in this build: " .. table.concat(missing, ", "), 1, true))
      end
    end)

    it("gives one TSV row per article", function()
      local code, out = run({ "analyze", "--format", "tsv", article, article })
      assert.equal(0, code)
      local rows = lines(out)
      assert.equal(3, #rows)
      assert.truthy(rows[1]:find("^id\ttitle\t"))
    end)
  end)

  it("puts the statistics people read first on one line", function()
    local analyze = require "newsnlp.cli.analyze"
    assert.equal("274 words, 13 sentences, reading time 1.2 min, 21.1 words a sentence, 16% quoted, " ..
                 "flesch 61.5 (grade 9.1)",
                 analyze.stats_line({ words = 274, sentences = 13, reading_time = 1.1512, avg_sentence_length = 21.0769,
                                      quote_share = 0.1642, letters = 1171,
                                      readability = { index = "flesch", score = 61.54, grade = 9.12 } }))
    assert.equal("", analyze.stats_line({}))
  end)

  describe("a missing capability", function()
    -- Takes a capability's function away for the duration of a test.
    local function without(fname, body)
      local saved = newsnlp[fname]
      newsnlp[fname] = nil
      local ok, err = pcall(body)
      newsnlp[fname] = saved
      if not ok then error(err, 0) end
    end

    it("exits 5 with a message naming it, and analyze lists it", function()
      without("summarize", function()
        local code, out, err = run({ "summary", article })
        assert.equal(5, code)
        assert.equal("", out)
        assert.truthy(err:find("summaries (newsnlp.summarize) not in this build of newsnlp", 1, true))
        local _, a = run({ "analyze", "--format", "json", article })
        local r = json.decode(a)
        assert.is_nil(r.summary)
        local listed = false
        for _, m in ipairs(r.missing) do listed = listed or m == "summary" end
        assert.is_true(listed)
      end)
      without("sentence_spans", function()
        assert.equal(5, (run({ "sentences", article })))
      end)
    end)
  end)

  describe("capabilities that are present", function()
    local function check_json(name, key)
      local code, out, err = run({ name, "--format", "json", article })
      assert.equal(0, code, err)
      local r = assert(json.decode(out))
      assert.is_table(r[key], name)
      return r
    end

    it("tokens", function()
      if not features.has("tokens") then return assert.equal(5, (run({ "tokens", article }))) end
      local r = check_json("tokens", "tokens")
      for _, t in ipairs(r.tokens) do assert.equal(ARTICLE:sub(t.start, t.stop), t.text) end
    end)

    it("keywords", function()
      if not features.has("keywords") then return assert.equal(5, (run({ "keywords", article }))) end
      local r = check_json("keywords", "keywords")
      assert.truthy(#r.keywords > 0)
    end)

    it("summary", function()
      if not features.has("summary") then return assert.equal(5, (run({ "summary", article }))) end
      local r = check_json("summary", "summary")
      assert.truthy(#r.summary > 0)
    end)

    it("entities", function()
      if not features.has("entities") then return assert.equal(5, (run({ "entities", article }))) end
      local r = check_json("entities", "entities")
      for _, e in ipairs(r.entities) do
        for _, s in ipairs(e.spans) do assert.is_true(s[1] >= 1 and s[2] <= #ARTICLE) end
      end
    end)

    it("values", function()
      if not features.has("values") then return assert.equal(5, (run({ "values", article }))) end
      local r = check_json("values", "values")
      for _, v in ipairs(r.values) do assert.equal(ARTICLE:sub(v.start, v.stop), v.text) end
      local _, out = run({ "values", "--kinds", "money", "--format", "jsonl", "-" }, "It cost $5 on Monday.")
      for _, v in ipairs(json.decode(out).values) do assert.equal("money", v.kind) end
    end)

    it("tag, train and predict report a missing capability or run", function()
      local rules = write_file(tmpname(), "Floods: flood wall; river\n")
      if not features.has("tagger") then
        assert.equal(5, (run({ "tag", "--rules", rules, article })))
      else
        local taxonomy = write_file(tmpname(), "# our sections\nFloods: flood wall; river\nHealth: hospital; doctor\n" ..
                                                "People\n    \"Helen Marsh\"; Dan Whitfield\n")
        local code, out = run({ "tag", "--rules", taxonomy, "--format", "jsonl", article })
        assert.equal(0, code)
        local r = json.decode(out)
        assert.equal("Floods", r.tags[1].tag)
        assert.equal(2, #r.tags)
        for _, t in ipairs(r.tags) do
          for _, sp in ipairs(t.spans) do assert.is_true(sp[1] >= 1 and sp[2] <= #ARTICLE) end
        end
        assert.equal("flood wall", ARTICLE:sub(r.tags[1].start, r.tags[1].stop):lower())
        local _, text = run({ "tag", "--rules", taxonomy, "--top", "1", article })
        assert.equal(1, #lines(text))
        assert.equal(6, (run({ "tag", "--rules", write_file(tmpname(), "No phrases here\n"), article })))
        assert.equal(6, (run({ "tag", "--rules", taxonomy .. ".missing", article })))
        assert.equal(2, (run({ "tag", article })))
        assert.equal(2, (run({ "tag", "--rules", taxonomy, "--stem", article })))
      end
      if not features.has("classifier") then
        assert.equal(5, (run({ "train", "--model", tmpname() }, '{"text": "x", "tags": ["a"]}\n')))
        assert.equal(5, (run({ "predict", "--model", tmpname(), article })))
      end
    end)

    if features.has("classifier") then
      it("train learns tags from JSON Lines, predict uses the model", function()
        local flood = { "The river flooded the harbor district after heavy rain.",
          "Engineers will raise the flood wall along the river.",
          "Storm surge and high water closed the waterfront again.",
          "The levee failed and water filled the streets near the river." }
        local budget = { "The council passed a budget that raises property taxes.",
          "The mayor proposed cutting the parks budget by ten percent.",
          "A bond issue will pay for new schools, the treasurer said.",
          "The auditor found the budget short by two million dollars." }
        local l = {}
        for round = 1, 3 do
          for i = 1, 4 do
            l[#l + 1] = ('{"id": "f%d-%d", "text": "%s %s", "tags": ["flooding"]}'):format(round, i, flood[i], flood[(i + round) % 4 + 1])
            l[#l + 1] = ('{"id": "b%d-%d", "text": "%s %s", "tags": ["budget"]}'):format(round, i, budget[i], budget[(i + round) % 4 + 1])
          end
        end
        l[#l + 1] = '{"id": "untagged", "text": "No tags field here."}'
        local model = tmpname()
        local code, out, err = run({ "train", "--model", model, "--format", "json" }, table.concat(l, "\n") .. "\n")
        assert.equal(1, code)
        assert.truthy(err:find('untagged: no "tags" list (EFIELD)', 1, true))
        local info = assert(json.decode(out))
        assert.equal(24, info.documents)
        assert.same({ "flooding", "budget" }, info.tags)
        assert.equal(12, info.documents_per_tag.budget)
        local _, p1 = run({ "predict", "--model", model, "--format", "jsonl" },
                          "Water rose over the flood wall and the river covered the harbor.")
        assert.equal("flooding", json.decode(p1).tags[1].tag)
        local _, p2 = run({ "predict", "--model", model, "--top", "2", "--format", "tsv" },
                          "The council cut the budget and raised property taxes.")
        local rows = lines(p2)
        assert.equal("id\ttag\tscore", rows[1])
        assert.truthy(rows[2]:find("^%-\tbudget\t"))
        assert.equal(3, #rows)
        assert.equal(6, (run({ "predict", "--model", article, article })))
        assert.equal(2, (run({ "train" }, l[1])))
      end)
    end
  end)

  describe("corpus", function()
    local docs = {}
    for i = 1, 6 do
      docs[i] = ('{"id": "d%d", "text": "The council voted on the flood wall number %d. Residents asked about taxes and the river."}'):format(i, i)
    end
    local all = write_file(tmpname() .. ".jsonl", table.concat(docs, "\n") .. "\n")
    local a = write_file(tmpname() .. ".jsonl", table.concat(docs, "\n", 1, 3) .. "\n")
    local b = write_file(tmpname() .. ".jsonl", table.concat(docs, "\n", 4, 6) .. "\n")
    tmpfiles[#tmpfiles + 1] = all
    tmpfiles[#tmpfiles + 1] = a
    tmpfiles[#tmpfiles + 1] = b

    if not features.has("corpus") then
      it("is reported missing", function()
        assert.equal(5, (run({ "corpus", "build", "-o", tmpname(), all })))
        assert.equal(5, (run({ "corpus", "info", all })))
        assert.equal(5, (run({ "corpus", "merge", "-o", tmpname(), all })))
      end)
      return
    end

    it("builds in shards and merges to the single build", function()
      local single, sa, sb, merged = tmpname(), tmpname(), tmpname(), tmpname()
      local code, out = run({ "corpus", "build", "--format", "json", "-o", single, all })
      assert.equal(0, code)
      local info = assert(json.decode(out))
      assert.equal(single, info.id)
      assert.equal(6, info.documents)
      assert.is_true(info.vocabulary > 5 and info.terms > info.vocabulary)
      assert.matches("^%x+$", info.digest)
      assert.equal(0, (run({ "corpus", "build", "-o", sa, a })))
      assert.equal(0, (run({ "corpus", "build", "-o", sb, b })))
      code = run({ "corpus", "merge", "-o", merged, sb, sa })
      assert.equal(0, code)
      local _, info_out = run({ "corpus", "info", "--format", "jsonl", single, merged, sa })
      local l = lines(info_out)
      local i1, i2, i3 = json.decode(l[1]), json.decode(l[2]), json.decode(l[3])
      assert.equal(i1.digest, i2.digest)
      assert.equal(i1.vocabulary, i2.vocabulary)
      assert.equal(3, i3.documents)
      assert.are_not.equal(i1.digest, i3.digest)
      assert.equal(read_file(single), read_file(merged))
      local c = newsnlp.load_corpus(single)
      assert.equal(c:digest(), i1.digest)
      assert.is_true(c:has("d4"))
    end)

    it("reports an id seen twice and goes on; exit 6 for a file that is not a corpus", function()
      local out_path = tmpname()
      local code, _, err = run({ "corpus", "build", "-o", out_path, a, a })
      assert.equal(1, code)
      assert.truthy(err:find("d1", 1, true))
      assert.equal(3, newsnlp.load_corpus(out_path):size())
      local code2, _, err2 = run({ "corpus", "info", article })
      assert.equal(6, code2)
      assert.truthy(err2:find("EFORMAT", 1, true))
      assert.equal(6, (run({ "corpus", "merge", "-o", tmpname(), article })))
      assert.equal(2, (run({ "corpus", "build", all })))
      assert.equal(2, (run({ "corpus", "merge", "-o", tmpname() })))
      assert.equal(4, (run({ "corpus", "build", "-o", "/nonexistent/dir/c.nnc", all })))
    end)

    it("gives keywords document frequencies from a corpus file", function()
      local c = tmpname()
      assert.equal(0, (run({ "corpus", "build", "-o", c, all })))
      if features.has("keywords") then
        assert.equal(0, (run({ "keywords", "--corpus", c, article })))
      end
      assert.equal(6, (run({ "analyze", "--corpus", article, article })))
    end)
  end)

  describe("progress", function()
    it("formats count, rate, bar and time left", function()
      assert.equal("[############............]  50%  10 articles  5 articles/s  ETA 0:02",
                   progress.line(10, 2, 50, 100))
      assert.equal("7 articles  2 articles/s", progress.line(7, 3.5))
      assert.equal("[########################] 100%  3600 articles  1 articles/s  ETA 0:00",
                   progress.line(3600, 3600, 10, 10))
      assert.truthy(progress.line(1, 1, 1, 10000):find("ETA 2:46:39", 1, true))
    end)

    it("draws on standard error once a second when enabled", function()
      local err = io.tmpfile()
      local now = 0
      local bar = progress.new({ enabled = true, total = 300, stream = err, clock = function() return now end })
      bar.step(100)
      now = 1
      bar.step(100)
      now = 2
      bar.step(100)
      bar.clear()
      err:write("a warning\n")
      bar.finish()
      local s = slurp(err)
      assert.truthy(s:find("\r\027[Ka warning\n", 1, true))
      assert.truthy(s:find("\r[################........]  66%  2 articles  2 articles/s  ETA 0:01", 1, true))
      assert.truthy(s:find("100%  3 articles", 1, true))
      assert.equal("\n", s:sub(-1))
      local quiet = io.tmpfile()
      local off = progress.new({ enabled = false, stream = quiet, clock = function() return now end })
      now = 10
      off.step(1)
      off.finish()
      assert.equal("", slurp(quiet))
    end)
  end)
end)

describe("newsnlp (subprocess)", function()
  local lua = jit and "luajit" or ("lua" .. _VERSION:match("%d+%.%d+"))
  local article = write_file(tmpname(), ARTICLE)

  -- Runs bin/newsnlp with this Lua; returns the exit code and standard output.
  local function sh(cmdline)
    local p = io.popen(("LUA_PATH=%q LUA_CPATH=%q %s bin/newsnlp %s; echo \"exit=$?\""):format(
      package.path, package.cpath, lua, cmdline))
    local out = p:read("*a")
    p:close()
    local body, code = out:match("^(.-)exit=(%d+)\n$")
    return tonumber(code), body
  end

  it("runs from the tree", function()
    local code, out = sh("--version 2>&1")
    assert.equal(0, code)
    assert.truthy(out:find("newsnlp " .. newsnlp.version, 1, true))
  end)

  it("reads JSON Lines on standard input and keeps the ids", function()
    local path = write_file(tmpname(), '{"id": "x1", "text": "One. Two."}\n{"id": "x2", "text": "Three."}\n')
    local code, out = sh("sentences --jsonl --format jsonl < '" .. path .. "'")
    assert.equal(0, code)
    local l = lines(out)
    assert.equal("x1", json.decode(l[1]).id)
    assert.equal("x2", json.decode(l[2]).id)
  end)

  it("returns the documented exit codes", function()
    assert.equal(2, (sh("nonsense 2>/dev/null")))
    assert.equal(2, (sh("sentences --nope 2>/dev/null")))
    assert.equal(1, (sh("sentences '" .. article .. ".missing' '" .. article .. "' 2>/dev/null >/dev/null")))
    assert.equal(3, (sh("sentences --strict '" .. article .. ".missing' 2>/dev/null >/dev/null")))
    assert.equal(0, (sh("analyze '" .. article .. "' >/dev/null")))
    if io.open("/dev/full", "wb") then
      assert.equal(4, (sh("sentences '" .. article .. "' >/dev/full 2>/dev/null")))
    end
  end)
end)
