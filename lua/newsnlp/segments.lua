--- Unicode text segmentation (UAX #29, default rules, Unicode 15.0).
-- @module newsnlp.segments

local core = require "newsnlp.core"

local M = {}

--- Splits `s` into segments that tile it: `table.concat(segments(s, mode)) == s`.
--
-- Mode `"word"` uses the word boundaries of Unicode Standard Annex #29 (default
-- rules, Unicode 15.0): words, numbers, each run of spaces, each punctuation mark
-- and each emoji sequence are segments.  Ill-formed UTF-8 is never merged with
-- its neighbours: each maximal ill-formed subpart is a segment by itself.
-- Mode `"sentence"`: the plain UAX #29 sentence boundaries, with no
-- knowledge of abbreviations (`newsnlp.sentences` is the news-aware splitter).
-- Invalid UTF-8 reads as U+FFFD would.
-- @tparam string s the text
-- @tparam string mode `"word"` or `"sentence"`
-- @treturn {string,...} the segments, in order
-- @raise when `s` is not a string or `mode` is unknown
M.segments = core.segments

return M
