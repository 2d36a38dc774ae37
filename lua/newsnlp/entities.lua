--- Named entities: people, organizations, places and other names.
-- @module newsnlp.entities

local core = require "newsnlp.core"

local M = {}

--- The named entities of an article, most salient first.
--
-- Each entity is `{ text =, kind =, count =, spans =, aliases = }`:
--
-- * `text`: the name, as the article writes it in full ("Shinzo Abe";
--   a name seen only in a capitals headline is title-cased: "London");
-- * `kind`: `"person"`, `"organization"`, `"place"` or `"other"` (events,
--   nationalities, products, laws...);
-- * `count`: the number of mentions;
-- * `spans`: `{ {start, stop}, ... }`, byte offsets of every mention (1-based,
--   inclusive: `s:sub(start, stop)` is the mention), in text order;
-- * `aliases`: the other forms the article uses for it, sorted: short forms
--   ("Abe" for Shinzo Abe), acronyms ("AKP" for Agence Kampuchea Presse, when
--   the article defines it or its initials say so), other capitalizations.
--
-- Salience is the number of mentions, then the earliest first mention.
-- The finder uses rules, gazetteers and the evidence of the whole article;
-- it has no statistical model.  English is the one language with full data
-- (titles, cue words, a common-word lexicon).  Without `opts.lang` the
-- language is chosen from the text: English, unless at least 20 lower-case
-- words are there and fewer than one in eight is an English function word.
-- With another language tag, or for text found not to be English, only the
-- language-neutral part runs (capitalized words with the evidence of the
-- article, gazetteer and given names, agreement across the article); in a
-- language that capitalizes every noun (German) many nouns then come out as
-- names, and scripts without case (Chinese, Arabic) give nothing but
-- gazetteer names written in Latin letters.
--
-- The boilerplate lines of the article structure (`newsnlp.article`: "Follow
-- us on Twitter", "Share this article") are not read, so page furniture gives
-- no names; `structure = false` reads every line.
-- @tparam string s the article (UTF-8; invalid bytes are never names)
-- @tparam[opt] table opts `lang`: a language tag, `"en"` for English;
-- `structure` (boolean, default true): false reads boilerplate lines too
-- @treturn {table,...} the entities
-- @treturn string the data used: `"en"`, or `"neutral"` without language data
-- @raise when `s` is not a string, an option is unknown or `lang` is not a language tag
-- @usage for _, e in ipairs(newsnlp.entities(text)) do print(e.kind, e.text, e.count) end
M.entities = core.entities

return M
