--- Sentences: the news-aware splitter and its three views of the result.
--
-- Sentences are byte spans of the input: ordered, not overlapping, with no
-- white space at either end, everything between them white space.  The text
-- is never rewritten; only `sentences` can give a display form (see
-- `join_lines`).
--
-- Options (all optional):
--
-- * `lang`: a language code, `"de"`, `"en"`, `"es"`, `"fr"`, `"it"`, `"ja"`,
--   `"nl"`, `"pt"`, `"ru"` or `"zh"`: its abbreviations and sentence starters,
--   and its own rules (German ordinals: "am 3. Oktober").  Without it the
--   splitter is language-neutral: the abbreviations and starters of every
--   language, no language-specific rule.  It never assumes English.
-- * `abbreviations`: more abbreviations, as a list (`{ "Calif.", "Ore." }`,
--   class "ambiguous") or as a map to a class (`{ ["Gen."] = "title" }`); the
--   final period is optional.  Classes: `"title"` (never ends a sentence before
--   a name: Mr.), `"number"` (not before a number: No. 9), `"ambiguous"` (only
--   before a word that starts sentences: U.S.), `"final"` (often ends one: Inc.; not before a day, month or time zone).
-- @module newsnlp.sentences

local core = require "newsnlp.core"

local M = {}

--- Splits `s` into sentences.
-- @tparam string s the text
-- @tparam[opt] table opts `lang`, `abbreviations` (see above) and `join_lines`:
--   when true (the default) a sentence that spans lines is returned on one
--   line, each white-space run holding a line break replaced by one space
--   (wrapped or PDF-extracted text); false returns the exact text.  Offsets
--   never change: use `each_sentence` or `sentence_spans` for them.
-- @treturn {string,...} the sentences
M.sentences = core.sentences

--- Iterates over the sentences of `s`: `for text, i, j in newsnlp.each_sentence(s) do`.
-- `text` is exactly `s:sub(i, j)`; `i` and `j` are byte offsets, 1-based, inclusive.
-- @tparam string s the text
-- @tparam[opt] table opts `lang`, `abbreviations`
-- @treturn function the iterator
M.each_sentence = core.each_sentence

--- The sentences of `s` as records `{ text =, start =, stop = }`, where
-- `text == s:sub(start, stop)`.
-- @tparam string s the text
-- @tparam[opt] table opts `lang`, `abbreviations`
-- @treturn {table,...} the records
M.sentence_spans = core.sentence_spans

return M
