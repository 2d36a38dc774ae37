--- Normalization: Unicode forms, case folding, and the clean-ups news text needs.
-- @module newsnlp.normalize

local core = require "newsnlp.core"

local M = {}

--- Normalizes `s`.
--
-- `opts` is a preset name or a table of options; a table may name a `preset`
-- and change some of its options.  Without options the text is put in NFC and
-- invalid UTF-8 is replaced.
--
-- Options:
--
-- * `form`: `"NFC"` (default), `"NFD"`, `"NFKC"` or `"NFKD"`
-- * `casefold`: full Unicode case folding
-- * `strip_marks`: remove combining marks ("Müller" becomes "Muller")
-- * `quotes`: typographic quotes and apostrophes (U+2018..U+201F) to `'` and `"`
-- * `dashes`: hyphens, en dash, figure dash and minus to `-`; em dash and
--   horizontal bar to `--`
-- * `ellipsis`: U+2026 to `...`
-- * `spaces`: no-break and other Unicode spaces (Zs) to a space
-- * `invisible`: remove zero-width space, word joiner, BOM, soft hyphen,
--   LRM/RLM and U+180E (ZWJ and ZWNJ are kept: emoji and scripts need them)
-- * `controls`: remove control characters other than tab, LF, VT, FF, CR and NEL
-- * `newlines`: CRLF, CR, NEL, VT, U+2028 and U+2029 to LF
-- * `collapse`: runs of spaces and tabs to one space, none at line ends or
--   starts, at most one blank line in a row
-- * `trim`: remove white space at both ends
-- * `entities`: decode HTML character references (`&amp;`, `&#8217;`, `&#x2019;`)
-- * `tags`: strip HTML tags; block elements (p, div, li, h1..h6, ...) become
--   paragraph breaks, `br` a line break, table cells stay apart; script and
--   style contents are dropped
-- * `mojibake`: repair UTF-8 that was read as Windows-1252 or Latin-1, also
--   twice ("CambodiaÃ¢â‚¬â„¢s" and "Cambodiaâ€™s" become "Cambodia’s")
-- * `invalid`: what to do with invalid UTF-8: `"replace"` (default, one U+FFFD
--   per maximal subpart), `"drop"` or `"error"`
--
-- Presets: `"nfc"` (the default), `"news"` (NFC, spaces, invisible, controls,
-- newlines, collapse, trim, mojibake), `"html"` (news, tags, entities),
-- `"plain"` (news, quotes, dashes, ellipsis), `"search"` (plain with NFKC,
-- casefold and strip_marks: keys for matching).
--
-- Unknown option names and values of the wrong type raise an error naming them.
-- @tparam string s the text
-- @tparam[opt] string|table opts a preset name or options
-- @treturn string the normalized text (`s` itself when nothing changes)
-- @return[2] nil
-- @treturn[2] string a message with the 1-based byte offset of the invalid UTF-8
-- @treturn[2] string `"EUTF8"`, only when `invalid = "error"`
M.normalize = core.normalize

return M
