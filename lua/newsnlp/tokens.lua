--- Words and tokens: news-aware tokens on top of UAX #29 word boundaries.
--
-- A token is a word, a number, an abbreviation, a URL, an emoji sequence, a
-- punctuation mark...; whitespace is never part of a token.  Each token has a
-- kind, a plain string:
--
--   `"word"` (Cambodia, don't, Cambodia's, COVID-19, U.S.-China, AAPL.O, AT&T),
--   `"number"` (1,234.5, 3.5, 1990s, 3.5bn, 9/11, 24/7, 1990-91),
--   `"ordinal"` (60th), `"time"` (10:30, 10:30pm, 9.30am),
--   `"date"` (2024-05-01, 1/5/2024, 01.05.2024),
--   `"money"` ($134, £5bn, €20, US$1.2, 20€), `"percent"` (2.7%),
--   `"abbreviation"` (U.S., Mr., Ph.D., e.g., with their period),
--   `"ideograph"` (one Han or hiragana character, or a katakana run),
--   `"url"`, `"email"`, `"hashtag"`, `"mention"`,
--   `"emoji"` (a whole sequence: 👍🏽, 👩‍💻, 🇯🇵, 1️⃣),
--   `"punct"`, `"symbol"`, and `"invalid"` (one ill-formed UTF-8 sequence).
--
-- Options (a table, every field optional; an unknown field raises):
--
-- * `lang`: a language tag (`"en"`, `"de"`, `"en-GB"`) choosing the abbreviation
--   list `data/abbreviations/<lang>.txt`.  Without it, the union of all shipped
--   lists applies.  Single letters joined by periods (U.S., e.g.) are always
--   abbreviations; a language without a list has that rule alone.
-- * `possessive`: `"keep"` (default: Cambodia's is one token), `"strip"`
--   (Cambodia; the suffix is dropped) or `"split"` (Cambodia and 's).
-- * `split_hyphens`: `true` splits hyphenated compounds (COVID, -, 19).
-- * `casefold`: `true` gives casefolded texts (Unicode full case folding);
--   offsets still locate the original text.
-- * `kinds`: the kinds wanted, as a set (`{word = true}`) or an array
--   (`{"word", "number"}`).
--
-- Offsets are byte positions, 1-based and inclusive: `s:sub(i, j)` is the token.
-- @module newsnlp.tokens

local core = require "newsnlp.core"

local M = {}

--- The tokens of `s`, as strings.
-- @tparam string s the text
-- @tparam[opt] table opts `lang`, `possessive`, `split_hyphens`, `casefold`, `kinds`
-- @treturn {string,...} the tokens, in order
-- @raise when `s` is not a string or an option is unknown or has a bad value
-- @usage newsnlp.tokens("Cambodia's PM, 2.7%.")  --> {"Cambodia's", "PM", ",", "2.7%", "."}
M.tokens = core.tokens

--- Iterates over the tokens of `s`: `for text, kind, i, j in newsnlp.each_token(s) do`.
-- `s:sub(i, j) == text` unless `casefold` is set.
-- @tparam string s the text
-- @tparam[opt] table opts as for `tokens`
-- @treturn function an iterator giving the text, the kind, the first and the last byte offset
-- @raise when `s` is not a string or an option is unknown or has a bad value
M.each_token = core.each_token

--- The tokens of `s` as records `{ text = , kind = , start = , stop = }`, with
-- `s:sub(start, stop)` the token (`text` casefolded when asked).
-- @tparam string s the text
-- @tparam[opt] table opts as for `tokens`
-- @treturn {table,...} the records, in order
-- @raise when `s` is not a string or an option is unknown or has a bad value
M.token_records = core.token_records

--- The word-like tokens of `s` (kinds `"word"`, `"abbreviation"` and
-- `"ideograph"`, unless `opts.kinds` says otherwise).
-- @tparam string s the text
-- @tparam[opt] table opts as for `tokens`
-- @treturn {string,...} the words, in order
-- @raise when `s` is not a string or an option is unknown or has a bad value
-- @usage newsnlp.words("The U.S. said 3 times.", {casefold = true})  --> {"the", "u.s.", "said", "times"}
M.words = core.words

--- Counts the word-like tokens of `s` in C, without building a string per token.
-- Besides the options of `tokens` (`kinds` defaults to the word-like kinds):
--
-- * `stopwords`: words not to count, a set (`{the = true}`) or an array
--   (`{"the", "a"}`); compared with the counted form, so casefolded when
--   `casefold` is set;
-- * `min_length`: skip words shorter than this many characters (code points).
-- @tparam string s the text
-- @tparam[opt] table opts
-- @treturn table word -> count
-- @raise when `s` is not a string or an option is unknown or has a bad value
-- @usage newsnlp.count("The cat and the hat.", {casefold = true, stopwords = {"and"}})
--   --> {the = 2, cat = 1, hat = 1}
M.count = core.count

--- The token kinds, in a fresh array: `"word"`, `"number"`, ... `"invalid"`.
-- @treturn {string,...}
M.token_kinds = core.token_kinds

return M
