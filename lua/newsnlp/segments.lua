--- Unicode text segmentation (UAX #29, default rules, Unicode 15.0).
-- @module newsnlp.segments

local core = require "newsnlp.core"

local M = {}

--- Splits `s` into segments that tile it: `table.concat(segments(s, mode)) == s`.
--
-- Mode `"word"` uses the word boundaries of Unicode Standard Annex #29: words,
-- numbers, each run of spaces, each punctuation mark and each emoji sequence
-- are segments; each maximal ill-formed subpart of invalid UTF-8 is a segment
-- by itself.  Mode `"sentence"`: the plain UAX #29 sentence boundaries, with no
-- knowledge of abbreviations (`newsnlp.sentences` is the news-aware splitter).
-- @tparam string s the text
-- @tparam string mode `"word"` or `"sentence"`
-- @treturn {string,...} the segments, in order
-- @raise when `s` is not a string or `mode` is unknown
M.segments = core.segments

return M
