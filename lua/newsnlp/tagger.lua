--- Taxonomy tagging: an editor's tags, each with its phrases and aliases,
-- found in articles.
--
--   local tagger = newsnlp.tagger({
--     ["Climate change"] = { "climate change", "global warming", "carbon emissions" },
--     ["Cambodia"] = { "Cambodia", "Phnom Penh", "Hun Sen", weight = 2 },
--     ["United States"] = { "United States", case_sensitive = { "US", "U.S." } },
--   })
--   for _, t in ipairs(tagger:tag(article)) do print(t.tag, t.count, t.score) end
--
-- Phrases and texts are read with the same news tokenizer (`newsnlp.tokens`),
-- possessives stripped, and compared token by token on normalized keys: case
-- folded, compatibility forms unified, accents and other diacritics removed
-- (marks after Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic letters;
-- Cyrillic й stays), so "sao paulo" matches "São Paulo", "Cambodia" matches
-- "CAMBODIA's" and "U.S." or "COVID-19" phrases match those tokens.  Every
-- token counts: "Hun Sen" does not match "Hun. Sen".  With `lang` set to
-- French, Italian or Catalan, an elided article is removed ("l'Élysée" reads
-- as "Élysée"); with `stem = true`, words are also reduced by the Snowball
-- stemmer of `lang` ("protests" matches "protest").
--
-- Overlaps: matches are leftmost-longest and do not overlap: where phrases
-- start at the same token the longest wins, and matching resumes after it
-- ("New York Times" hides "New York" inside it).  `{ overlapping = true }`
-- reports every occurrence of every phrase instead.
--
-- Offsets are byte positions, 1-based and inclusive: `text:sub(i, j)` is the match.
-- @module newsnlp.tagger

local core = require "newsnlp.core"

local M = {}

--- Builds a tagger from a taxonomy table, or from a file when given a path.
--
-- `rules` maps each tag name to its phrases: a string (one phrase) or a list
-- of strings, with optional settings in the same table: `weight` (a positive
-- number, default 1, multiplying the tag's score) and `case_sensitive` (more
-- phrases, which match only where the case agrees too: "US" and not "us";
-- they are not stemmed).  A tag with no phrase, a phrase with no token or more
-- than 32 tokens, and an unknown setting raise.
--
-- Options: `lang` (a language tag such as `"en"` or `"pt-BR"`: the
-- tokenizer's abbreviations, elision in French, Italian and Catalan, the
-- stemmer) and `stem` (`true` to stem words, which needs `lang`: there is no
-- default language).
-- @tparam table|string rules the taxonomy, or the path of a taxonomy file (see `load_tagger`)
-- @tparam[opt] table opts `lang`, `stem`
-- @treturn newsnlp.Tagger the tagger (from a file: or nil, message, code)
-- @raise on bad rules or options
-- @usage local t = newsnlp.tagger({ Cambodia = { "Cambodia", "Phnom Penh" } })
M.tagger = core.tagger

--- Builds a tagger from a taxonomy file:
--
--   # Comments: a line whose first non-blank character is # then a blank.
--   Climate change: climate change; global warming; carbon emissions
--   Cambodia [weight=2]: Cambodia; Phnom Penh; Hun Sen
--       Sihanoukville; "CPP"
--   Space
--       NASA; space station
--       astronaut
--
-- A line at the left margin names a tag (everything before its first colon),
-- optionally followed by settings in brackets (`[weight=2]`) and, after the
-- colon, phrases separated by semicolons.  Indented lines add phrases to the
-- tag above.  A phrase in double quotes is case-sensitive.  A tag without
-- phrases, a tag named twice, an unknown setting or a bad phrase is an error.
-- @tparam string path the file
-- @tparam[opt] table opts `lang`, `stem`
-- @treturn[1] newsnlp.Tagger the tagger
-- @treturn[2] nil
-- @treturn[2] string `"path:line: what is wrong"`, or the system's message
-- @treturn[2] string `"EFORMAT"`, `"EUTF8"` (invalid UTF-8) or `"EIO"` (cannot read)
-- @raise on bad options
M.load_tagger = core.load_tagger

--- A tagger (userdata `newsnlp.Tagger`).  `close()`, garbage collection and
-- `<close>` variables release it; closing twice is harmless; using a closed
-- tagger raises.
-- @type Tagger

--- The tags of `text`, best first: `{ { tag =, count =, score =, spans = { {i, j}, ... } }, ... }`.
--
-- Each match of a phrase of `n` tokens starting at token `k` of a text of
-- `T` tokens is worth `weight * (1 + (n - 1) / 2) * (1 + lead * (1 - k / T))`:
-- longer phrases are more specific, and what the lead says counts more.  A
-- tag's `score` is its share of the worth of every match in the text, so the
-- scores of a text add up to 1 (before `min_count`, `min_score` and `limit`
-- drop tags).  Ties are broken by count, then by the earliest match, then by
-- name.  `spans` are the matches, in text order; with `spans = false` the
-- records have no `spans` field (the rest is the same), which is much faster
-- when only the tags are wanted and matches are many.
-- @function Tagger:tag
-- @tparam string text the article
-- @tparam[opt] table opts `limit` (keep the best n; 0: all), `min_count` (default 1),
--   `min_score` (default 0), `lead` (default 1; 0 ignores position),
--   `overlapping` (count nested and overlapping matches too),
--   `spans` (default true; false leaves the spans out)
-- @treturn {table,...} the tags found

--- Every match in `text`, in text order: `{ { tag =, phrase =, start =, stop = }, ... }`,
-- `phrase` as written in the taxonomy and `text:sub(start, stop)` as in the
-- text.  Where several tags share a phrase, each has a record.
-- @function Tagger:match
-- @tparam string text the text
-- @tparam[opt] table opts `overlapping`
-- @treturn {table,...} the matches

--- The number of distinct phrases and of tags.
-- @function Tagger:size
-- @treturn integer phrases
-- @treturn integer tags

--- The tag names, in the order they were added (by name for a table, as
-- written for a file).
-- @function Tagger:tags
-- @treturn {string,...} the names

--- Releases the tagger now (also done by garbage collection).
-- @function Tagger:close

return M
