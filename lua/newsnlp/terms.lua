--- Terms, n-grams, languages and collocations.
--
-- A term is a word token (see `newsnlp.tokens`) after the term pipeline:
-- Unicode case folding (with canonical composition, soft hyphens removed and
-- the typographic apostrophe ’ folded to '), English possessives and French,
-- Italian and Catalan elisions stripped (`Cambodia's` -> `cambodia`,
-- `l'homme` -> `homme`), stopwords removed, and, when asked, Snowball stemming.
--
-- Term options, accepted by `terms`, `ngrams`, `collocations` and `corpus`:
--
--  * `lang`: a language code (`"en"`, `"de"`, ... or `"und"` for none).  When
--    absent, the language is guessed (as `language` does, from the first
--    1000 words at most) and returned, never assumed.  `"und"` means: fold
--    only, no stopwords, no stemming.
--  * `stem` (boolean, default false): stem with the language's Snowball
--    stemmer.  With an explicit `lang` that has no stemmer this raises; with a
--    guessed language without one, terms are not stemmed.
--  * `stopwords`: `nil` or `true` (the built-in list of the language), `false`
--    (none), or a list of words that replaces the built-in list.
--  * `extra_stopwords`: a list of words added to the stopwords.
--  * `numbers` (boolean, default false): numbers, dates, money and percentages
--    are terms; otherwise they separate n-grams like punctuation.
--
-- Stopword lists given in options are case-folded like the text.
-- @module newsnlp.terms

local core = require "newsnlp.core"

local M = {}

--- Counts the terms of a text.
-- @tparam string s the text
-- @tparam[opt] table opts term options (see above)
-- @treturn table term -> count
-- @treturn string the language used (given or guessed; `"und"` when undetermined)
-- @usage local counts, lang = newsnlp.terms(text, { lang = "en", stem = true })
M.terms = core.terms

--- Counts the n-grams of a text: `n` consecutive words within one sentence
-- and between punctuation, with no stopword as first or last word (stopwords
-- inside are kept: `"bank of japan"`).  Words are the case-folded terms
-- (stemmed when `stem` is set), joined by one space.
-- @tparam string s the text
-- @tparam integer n the number of words, 1 to 8
-- @tparam[opt] table opts term options, and `top` (keep the `top` most frequent)
-- @treturn table `{ {text =, count =}, ... }`, most frequent first, ties by text
-- @treturn string the language used
M.ngrams = core.ngrams

--- Guesses the language of a text, from the scripts of its letters and, for
-- Latin script, from how many of its words are stopwords of each language.
-- Texts with too little evidence (fewer than two stopwords in Latin script,
-- fewer than four letters in another script), texts where two languages tie,
-- and Latin-script texts in a language without a profile (the best profile
-- holds less than 15% of the words) give `"und"` and 0.  The guess stops
-- reading once one language leads by 12 stopwords.
-- @tparam string s the text
-- @treturn string an ISO 639-1 code (`"de"`), or `"und"` (undetermined)
-- @treturn number a confidence between 0 and 1
M.language = core.language

--- The languages newsnlp knows.
-- @treturn table code -> `{ name =, stemmer = boolean, stopwords = count, guess = boolean }`
M.languages = core.languages

--- The built-in stopwords of a language.
-- @tparam string lang a language code
-- @treturn table the words, sorted bytewise (empty when there is no list)
M.stopwords = core.stopwords

--- Stems one word with a language's Snowball stemmer (after case folding).
-- @tparam string word the word
-- @tparam string lang a language code with a stemmer (see `languages`)
-- @treturn string the stem
M.stem = core.stem

--- Multiword expressions, ranked by Dunning's log-likelihood ratio G2.
-- Candidates are bigrams and trigrams without a stopword at either edge,
-- within sentences and between punctuation, of case-folded (unstemmed) words.
-- A trigram scores the smaller G2 of its two splits (`a | b c`, `a b | c`);
-- only n-grams seen together more often than chance are returned.
-- @param text_or_corpus a string, or a `newsnlp.Corpus` made with `ngrams = 2` or `3`
-- @tparam[opt] table opts `n` (2 or 3; default both), `min_count` (default 2),
--   `top` (default all), and for a text the term options but `stem`
-- @treturn table `{ {text =, n =, count =, llr =, pmi =}, ... }`, best first;
--   `pmi` is log2 of observed over expected
-- @treturn[opt] string for a text, the language used
M.collocations = core.collocations

return M
