--- Paragraphs and the structure of a plain-text news article.
-- Every part is a record `{ text =, start =, stop = }` with byte offsets into
-- the input (1-based, inclusive: `text == s:sub(start, stop)`); nothing is
-- dropped: each line is the title, the byline, boilerplate or body.
-- @module newsnlp.article

local core = require "newsnlp.core"

local M = {}

--- The paragraphs of `s`, and the layout found.
-- With blank lines between paragraphs a paragraph may span lines (layout
-- `"blank"`); otherwise each line is a paragraph (`"line"`).  The layout is
-- guessed unless given: blank lines, unless more lines end with final
-- punctuation and a single line break than blank lines separate text; with
-- no blank line, lines that end like paragraphs are paragraphs and wrapped
-- lines make one.  A paragraph separator (U+2029) always ends a paragraph.
-- @tparam string s the text
-- @tparam[opt] table opts `layout`: `"auto"` (default), `"blank"` or `"line"`
-- @treturn {table,...} the paragraphs, `{ text =, start =, stop = }`
-- @treturn string the layout used, `"blank"` or `"line"`
M.paragraphs = core.paragraphs

--- The structure of a plain-text article.
-- Returns a table with
--
-- * `title`: the first line, when it reads like a headline and text follows;
-- * `byline`: a line near the top such as "By Jane Doe" (cues per language
--   in data/boilerplate);
-- * `dateline`: "WASHINGTON (AP) —", "LONDON, June 29 -", "(CNN) --",
--   "Rome (CNN)" (a news agency of data/boilerplate, with or without a dash)
--   at the start of the first sentence of prose (which keeps it);
-- * `paragraphs`: the body, each `{ text =, start =, stop =, heading =,
--   sentences = { { text =, start =, stop = }, ... } }` (`heading` is true for
--   a short line without final punctuation); a sentence has `header = true`
--   in the header zone and `boilerplate = true` for page furniture (below);
-- * `header`: the header zone, from its first to its last sentence: bylines,
--   timestamps and name lines written inline at the top of the body ("By .
--   Jane Doe . PUBLISHED: . 12:41 EST, 2 January 2014 ."), before the first
--   sentence of prose;
-- * `boilerplate`: lines of page furniture, in text order, each with `cue`
--   (the phrase it matched) unless it is a link listed under a section cue
--   such as "Related Stories"; furniture inside a paragraph ("Scroll down
--   for video") stays there, its sentence flagged `boilerplate`;
-- * `body`: the paragraphs' text, a blank line between them;
-- * `layout`: `"blank"` or `"line"` (see `paragraphs`);
-- * `language`: the language used for cues and sentences, or `"neutral"`.
--
-- Absent parts (`title`, `byline`, `dateline`, `header`) are nil.
-- @tparam string s the article
-- @tparam[opt] table opts `lang`, `abbreviations` as for `newsnlp.sentences`
-- @treturn table the article
M.article = core.article

return M
