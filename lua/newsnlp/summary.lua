--- Extractive summaries and article statistics.
--
-- `summarize` picks whole sentences of an article; `rank_sentences` shows
-- how each sentence was scored; `stats` counts words, sentences and
-- quotation and computes a readability index.
--
-- The method is a lead-weighted TextRank over the article's structure
-- (`newsnlp.article`): the title, byline, boilerplate lines, the header zone
-- (inline bylines and timestamps) and furniture sentences ("Scroll down for
-- video") are never picked, and a dateline ("WASHINGTON (AP) —", "(CNN) --")
-- is left out of the first sentence.  Sentences are compared by their words
-- without function words; PageRank over their cosine similarities gives each
-- one a centrality, which a position prior `(1 + p)^(-lead * g)` weights
-- towards the top of the article.  `g` is 1 for a short, lede-style summary
-- (at most three sentences, or at most 30 % of the candidate sentences) and
-- 0 for a long digest (four sentences or more and at least 40 % of them), so
-- a long summary covers the whole article.  Sentences are then taken best
-- first, skipping near repeats of one already taken.
--
-- Options of `summarize` and `rank_sentences` (all optional):
--
-- * `sentences`: at most this many sentences (default 3; 0 for no limit);
-- * `words`, `chars`: at most this many words or characters (counted with
--   one space between sentences); when one is given, `sentences` has no
--   default.  Budgets are never exceeded: a sentence that does not fit is
--   skipped, so a budget smaller than every sentence gives an empty summary;
-- * `lang`: the language (`"en"`, `"de"`, ...; see `newsnlp.sentences`).
--   Without it the language is guessed with `newsnlp.language` when that is
--   available, else the language-neutral rules are used; the language used
--   is returned (`"und"` when none; a guessed language without sentence data
--   is returned and read with the neutral rules);
-- * `title`: the article's title, when it is not the text's first line;
-- * `quotes` (default true): false leaves out sentences whose words are
--   mostly inside quotation marks;
-- * `lead` (default 2): the exponent of the position prior; `mode`:
--   `"auto"` (default), `"lede"` (g = 1) or `"coverage"` (g = 0);
-- * `corpus`: a `newsnlp.Corpus` (or any object with an `idf(term)` method)
--   whose IDF weights the words; `idf`: a function `term -> weight` or a
--   table `{ [term] = weight }` instead (words absent from the table weigh
--   1).  Words are given in lower case.  Without either, words are not
--   weighted, which measured best on news;
-- * `stopwords`: a list of lower-case function words to use instead of the
--   built-in list (data/function_words); for a language without a built-in
--   list, `newsnlp.stopwords(lang)` is used when available;
-- * `abbreviations`: as for `newsnlp.sentences`;
-- * `damping` (default 0.85), `max_sentences` (default 512): PageRank's
--   damping and the number of candidate sentences ranked; later ones are
--   listed with reason `"limit"`, which keeps long texts fast.
-- @module newsnlp.summary

local core = require "newsnlp.core"

local M = {}

local SENTENCE_LANGS = {}
for _, code in ipairs { "de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru", "zh" } do
  SENTENCE_LANGS[code] = true
end

-- A shallow copy of the options, so that the caller's table is left alone.
local function copy(opts)
  local o = {}
  if opts then for k, v in pairs(opts) do o[k] = v end end
  return o
end

-- The language to use: the one given, else the guess of newsnlp.language (a
-- language the splitter knows), else none.  Returns the options to pass on
-- and the code to report ("und": none).
local function language(s, opts)
  if type(opts) == "table" and opts.lang ~= nil then
    if opts.lang ~= "und" then return opts, opts.lang end
    local o = copy(opts)
    o.lang = nil
    return o, "und"
  end
  local guess = core.language
  if type(s) == "string" and guess then
    local code = guess(s)
    if SENTENCE_LANGS[code] then
      local o = copy(opts)
      o.lang = code
      return o, code
    end
    -- a language the splitter has no data for: reported, read with the neutral rules
    if type(code) == "string" and code ~= "" then return opts, code end
  end
  return opts, "und"
end

-- The options for the core: the language, the corpus or idf table turned
-- into a weight function, stop words for a language without its own list.
local function summary_options(s, opts)
  local o, lang = language(s, opts)
  if type(o) ~= "table" then return o, lang end
  local corpus, idf = o.corpus, o.idf
  if corpus ~= nil or type(idf) == "table"
      or (o.stopwords == nil and lang ~= "und" and not core.summary_function_words[lang] and core.stopwords) then
    o = o == opts and copy(opts) or o
    if corpus ~= nil then
      if idf ~= nil then error("bad argument #2 (options 'corpus' and 'idf' exclude each other)", 3) end
      if (type(corpus) ~= "table" and type(corpus) ~= "userdata") or not corpus.idf then
        error("bad argument #2 (option 'corpus' must have an idf method)", 3)
      end
      o.idf = function(term) return corpus:idf(term) end
      o.corpus = nil
    elseif type(idf) == "table" then
      o.idf = function(term) return idf[term] or 1 end
    end
    if o.stopwords == nil and lang ~= "und" and not core.summary_function_words[lang] and core.stopwords then
      local list = core.stopwords(lang)
      if type(list) == "table" and #list > 0 then o.stopwords = list end
    end
  end
  return o, lang
end

--- The summary of an article: its best sentences, in document order.
-- A sentence that spans lines is returned on one line.  An article without
-- any sentence worth ranking (all fragments) gives its first sentences that
-- are not title, byline, header or boilerplate; empty text gives `{}`.
-- @tparam string s the article
-- @tparam[opt] table opts see above
-- @treturn {string,...} the sentences
-- @treturn string the language used (`"und"` when none)
-- @usage for _, s in ipairs(newsnlp.summarize(text, { sentences = 2, lang = "en" })) do print(s) end
function M.summarize(s, opts)
  local o, lang = summary_options(s, opts)
  return core.summarize(s, o), lang
end

--- Every sentence and line of an article, in document order, with its score.
-- Each record is `{ index =, text =, start =, stop =, score =, selected = }`
-- with byte offsets into `s` (1-based, inclusive: `text == s:sub(start,
-- stop)`; a dateline is left out of its sentence).  `selected` marks the
-- sentences `summarize` returns with the same options.  Sentences that are
-- not ranked have `score = 0` and a `reason`: `"title"`, `"byline"`,
-- `"header"`, `"boilerplate"`, `"fragment"` (fewer than three words that are
-- not function words), `"duplicate"` (repeats an earlier sentence),
-- `"quote"` (with `quotes = false`) or `"limit"` (beyond `max_sentences`).
-- Scores depend on the budget through the lede weight, returned third.
-- @tparam string s the article
-- @tparam[opt] table opts the options of `summarize`
-- @treturn {table,...} the records
-- @treturn string the language used
-- @treturn number the lede weight g used (1: lede, 0: coverage)
function M.rank_sentences(s, opts)
  local o, lang = summary_options(s, opts)
  local records, g = core.rank_sentences(s, o)
  return records, lang, g
end

--- Statistics of an article's text.
-- Counted over the body that `newsnlp.article` finds (without title,
-- byline, boilerplate lines, header zone and furniture sentences), or the
-- whole text with `whole = true`.  The result has
--
-- * `characters` (code points of the sentences counted), `letters`, `words`
--   (runs of non-space characters with a letter or digit), `sentences`,
--   `paragraphs`;
-- * `reading_time` in minutes at `wpm` words a minute (default 238, the
--   average silent reading rate of adults for English non-fiction measured
--   by Brysbaert, 2019; slower for languages with longer words: set `wpm`);
-- * `avg_sentence_length` (words), `avg_word_length` (letters),
--   `long_sentences` (of more than `long_sentence` words, default 25, the
--   plain-language guidance for news and public writing),
--   `longest_sentence`;
-- * `quoted_words` and `quote_share`: words inside quotation marks;
-- * with a language that has one, `syllables`, `syllables_per_word` and
--   `readability = { index =, score = [, grade =] }`: English: Flesch
--   reading ease 206.835 - 1.015 W/S - 84.6 Sy/W and Flesch-Kincaid grade
--   0.39 W/S + 11.8 Sy/W - 15.59 (also as `flesch_reading_ease`,
--   `flesch_kincaid_grade`); German: Amstad (1978) 180 - W/S - 58.5 Sy/W;
--   Spanish: Fernandez Huerta (1959, as corrected by Law, 2011)
--   206.84 - 60 Sy/W - 1.02 W/S; French: Kandel and Moles (1958)
--   207 - 1.015 W/S - 73.6 Sy/W; Dutch: Flesch-Douma (1960)
--   206.835 - 0.93 W/S - 77 Sy/W; Italian: Gulpease (1988)
--   89 + (300 S - 10 L)/W with L letters; Portuguese: Martins et al.
--   (1996) 248.835 - 1.015 W/S - 84.6 Sy/W; Russian: Oborneva (2006)
--   206.835 - 1.3 W/S - 60.1 Sy/W.  Syllables are counted by rule in C (see
--   csrc/stats.c), good to about one syllable in most words;
-- * `lang`: the language used, given or guessed (`"und"` when none: then
--   there is no syllable count and no index, never an English default).
-- @tparam string s the text
-- @tparam[opt] table opts `lang`, `abbreviations`, `wpm`, `long_sentence`, `whole`
-- @treturn table the statistics
function M.stats(s, opts)
  local o, lang = language(s, opts)
  local st = core.stats(s, o)
  st.lang = lang
  return st
end

return M
