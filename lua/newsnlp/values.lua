--- Values: money, percentages, dates, times, weekdays and ordinals.
-- @module newsnlp.values

local core = require "newsnlp.core"

local M = {}

--- The values of a text, in text order; they never overlap.
--
-- Every record has `kind`, `text`, `start` and `stop` (byte offsets,
-- 1-based and inclusive: `s:sub(start, stop) == text`), and, where it is
-- well defined, a normalized `value`:
--
-- * `"money"` ("$134 million", "nearly $20 billion", "£5bn", "€20",
--   "5 million Canadian dollars", "USD 300"): `value` the amount in units of
--   the currency (134000000), `currency` its ISO 4217 code when the text
--   names one ("$" alone and "dollars" are read as US dollars, as news style
--   has it), `modifier` when a word before it makes it approximate or a
--   bound: `"about"`, `"nearly"`, `"over"`, `"under"`, `"up to"`,
--   `"at least"`, `"at most"` (the word is part of the span);
-- * `"percent"` ("2.7%", "10-15%", "50 percent", "5 per cent"): `value` the
--   number, `to` the upper end of a range, `points = true` for "percentage
--   points", `modifier` as for money;
-- * `"date"` ("March 1, 2027", "Jan. 14", "1 March 2027", "March 2027",
--   "2024-05-01", "01.05.2024"): `year`, `month`, `day` as given, and
--   `value` their ISO 8601 form ("2027-03-01", "2027-03", "--01-14" for a
--   month and day without a year); a slashed date such as "1/5/2024" gives
--   only its year unless a part above 12 shows which part is the month;
-- * `"time"` ("10:30", "10:30 p.m.", "9 a.m. EST", "noon"): `hour` (0-23),
--   `minute`, `second` when given, `zone` as written, `value` "22:30";
-- * `"weekday"` ("Monday" .. "Sunday"): `value` 1 (Monday) .. 7 (Sunday);
-- * `"ordinal"` ("1st", "22nd", "first", "twenty-first"): `value` the number.
--
-- Month and day names, scale words ("million"), percent and currency words,
-- "a.m."/"p.m." and word ordinals are English.  Without `opts.lang` the
-- language is chosen as for `newsnlp.entities`; with another language, or
-- for text found not to be English, only the forms without words are read
-- ("$5", "€20", "USD 300", "5%", "2024-05-01", "10:30", "1st").
-- @tparam string s the text
-- @tparam[opt] table opts `lang`: a language tag, `"en"` for English
-- @treturn {table,...} the values
-- @treturn string the data used: `"en"`, or `"neutral"`
-- @raise when `s` is not a string, an option is unknown or `lang` is not a language tag
-- @usage for _, v in ipairs(newsnlp.values(text)) do print(v.kind, v.text, v.value) end
M.values = core.values

return M
