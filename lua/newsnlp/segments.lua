--- Unicode text segmentation (UAX #29, default rules, Unicode 15.0).
-- @module newsnlp.segments

local core = require "newsnlp.core"

local M = {}

--- The Unicode segments of `s`: every segment, so `table.concat` gives `s` back.
-- Mode `"word"`: the UAX #29 word boundaries; words, numbers, each run of
-- spaces, each punctuation mark and each emoji sequence are segments, and each
-- ill-formed UTF-8 sequence is a segment of its own (`newsnlp.tokens` is the
-- news-aware tokenizer).
-- Mode `"sentence"`: the plain UAX #29 sentence boundaries, with no
-- knowledge of abbreviations (`newsnlp.sentences` is the news-aware splitter).
-- Invalid UTF-8 reads as U+FFFD would.  An unknown mode raises.
-- @tparam string s the text
-- @tparam string mode `"word"` or `"sentence"`
-- @treturn {string,...} the segments
M.segments = core.segments

return M
