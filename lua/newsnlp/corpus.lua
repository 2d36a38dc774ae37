--- Corpora: term statistics of an archive of articles.
--
-- A corpus counts, for every term, in how many documents it occurs (document
-- frequency) and how often (collection frequency), and optionally the n-grams
-- that `newsnlp.collocations` ranks.  Texts are counted and forgotten: memory
-- grows with the vocabulary, not with the text added.
--
-- Corpora merge exactly: shards built anywhere, merged in any order, give the
-- same model and byte-identical files as one build.  The file format is
-- described in doc/corpus-format.md.
--
-- Methods of a `newsnlp.Corpus` (`c:method(...)`):
--
--  * `add(text [, id])` -> number of documents, language; or `nil, message,
--    "EDUPLICATE"` when the id was added before
--  * `size()` -> number of documents; `has(id)` -> boolean
--  * `df(term)`, `count(term)` -> document and collection frequency of a word
--    (put through the corpus pipeline: `c:df("Banks")` looks up `bank` when
--    the corpus stems); `idf(term)` -> `ln((N + 1) / (df + 1)) + 1`
--  * `tfidf(text [, {top =, sublinear =}])` -> `{ {term =, score =, count =,
--    df =, idf =}, ... }`, best first, and the language; score is
--    `tf * idf`, or `(1 + ln tf) * idf` when `sublinear`
--  * `bm25(query, text [, {k1 = 1.2, b = 0.75}])` -> the Okapi BM25 score of
--    `text` for `query`, with the corpus for idf
--    (`ln(1 + (N - df + 0.5) / (df + 0.5))`) and the average document length
--  * `keyness(text [, {top =, min_llr =}])` -> `{ {term =, llr =, log_ratio =,
--    count =, corpus_count =}, ... }`: the terms over-represented in `text`
--    against the corpus, by Dunning's log-likelihood G2 (3.84 is p < 0.05,
--    6.63 p < 0.01), best first, and the language
--  * `merge(other)` -> self; or `nil, message, code` (`"EMISMATCH"`: other
--    settings; `"EDUPLICATE"`: a shared document id), leaving self unchanged
--  * `save(path)` -> true, or `nil, message, "EIO"`; writes `path.tmp` and
--    renames it over `path`
--  * `digest()` -> 16 hexadecimal digits, equal for equal models
--  * `info()` -> `{ documents =, terms =, tokens =, lang =, stem =, numbers =,
--    ngrams =, stopwords =, user_stopwords =, languages = {code = documents},
--    format_version =, memory = }` (`memory`: bytes the corpus holds; the
--    library allocates through Lua's allocator function, but outside the
--    garbage collector's accounting, so `collectgarbage("count")` does not
--    show it)
--  * `close()`: frees the memory now (also on `__gc` and `__close`)
-- @module newsnlp.corpus

local core = require "newsnlp.core"

local M = {}

--- Makes an empty corpus.
-- @tparam[opt] table opts the term options of `newsnlp.terms` (`lang`,
--   `stem`, `stopwords`, `extra_stopwords`, `numbers`), and `ngrams` (0, 2 or
--   3; default 0): count n-grams up to that size for `newsnlp.collocations`.
--   Without `lang`, each document's language is guessed (and counted in
--   `info().languages`); `stem` needs `lang`.
-- @treturn newsnlp.Corpus
-- @usage local c = newsnlp.corpus { lang = "en", stem = true }
-- for id, text in pairs(archive) do c:add(text, id) end
-- for _, t in ipairs(c:tfidf(article, { top = 10 })) do print(t.term, t.score) end
M.corpus = core.corpus

--- Loads a corpus saved with `c:save(path)`.
-- @tparam string path
-- @treturn newsnlp.Corpus the corpus, or nil, a message and a code:
--   `"EIO"` (cannot read), `"EFORMAT"` (not a corpus file, or malformed),
--   `"EVERSION"` (a newer format), `"ETRUNCATED"`, `"ECHECKSUM"` (corrupted)
M.load_corpus = core.load_corpus


--- A corpus (userdata "newsnlp.Corpus"): the methods listed above, one by one
-- for the reference and for editors' completion.
-- @type Corpus

--- Counts a document.
-- @function Corpus:add
-- @tparam string text the document
-- @tparam[opt] string id its id; an id added before is refused
-- @treturn[1] integer the number of documents
-- @treturn[1] string the language used
-- @treturn[2] nil
-- @treturn[2] string message
-- @treturn[2] string `"EDUPLICATE"`

--- The number of documents.
-- @function Corpus:size
-- @treturn integer

--- Whether a document id was added.
-- @function Corpus:has
-- @tparam string id
-- @treturn boolean

--- The document frequency of a word, put through the corpus pipeline.
-- @function Corpus:df
-- @tparam string term
-- @treturn integer

--- The collection frequency of a word, put through the corpus pipeline.
-- @function Corpus:count
-- @tparam string term
-- @treturn integer

--- The inverse document frequency `ln((N + 1) / (df + 1)) + 1`.
-- @function Corpus:idf
-- @tparam string term
-- @treturn number

--- The terms of a text weighted by TF-IDF, best first.
-- @function Corpus:tfidf
-- @tparam string text
-- @tparam[opt] table opts `top`, `sublinear`
-- @treturn {table,...} `{ {term =, score =, count =, df =, idf =}, ... }`
-- @treturn string the language

--- The Okapi BM25 score of `text` for `query`.
-- @function Corpus:bm25
-- @tparam string query
-- @tparam string text
-- @tparam[opt] table opts `k1` (1.2), `b` (0.75)
-- @treturn number

--- The terms over-represented in `text` against the corpus (Dunning's G2), best first.
-- @function Corpus:keyness
-- @tparam string text
-- @tparam[opt] table opts `top`, `min_llr`
-- @treturn {table,...} `{ {term =, llr =, log_ratio =, count =, corpus_count =}, ... }`
-- @treturn string the language

--- Adds another corpus built with the same settings; self is unchanged on failure.
-- @function Corpus:merge
-- @tparam Corpus other
-- @treturn[1] Corpus self
-- @treturn[2] nil
-- @treturn[2] string message
-- @treturn[2] string `"EMISMATCH"` or `"EDUPLICATE"`

--- Writes the corpus file (to `path.tmp`, then renamed over `path`).
-- @function Corpus:save
-- @tparam string path
-- @treturn[1] boolean true
-- @treturn[2] nil
-- @treturn[2] string message
-- @treturn[2] string `"EIO"`

--- 16 hexadecimal digits, equal for equal models.
-- @function Corpus:digest
-- @treturn string

--- The corpus figures and settings (see above).
-- @function Corpus:info
-- @treturn table

--- Frees the memory now (also on `__gc` and `__close`).
-- @function Corpus:close

return M
