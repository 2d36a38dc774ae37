--- Keyphrases: the phrases that say what an article is about.
-- @module newsnlp.keywords

local core = require "newsnlp.core"

local M = {}

--- The keyphrases of an article, best first.
--
-- English is read with a part-of-speech lexicon (WordNet and SCOWL): noun
-- phrases of one to three words are the candidates, and the default method
-- `"posfreq"` scores a phrase by the frequency of its words in the article
-- and by how early it first comes.  Near duplicates are one phrase: plurals
-- and possessives (`"Japan's"` is `"Japan"`), a name and its last word
-- (`"Sen"` joins `"Hun Sen"`), a title before a name (`"Prime Minister Hun
-- Sen"` and `"Mr. Hun Sen"` give `"Hun Sen"`).  A phrase's `text` is the form
-- it most often has in the article.
--
-- Other languages have no lexicon: candidates are runs of up to three words
-- between stopwords, punctuation and numbers (`candidates = "stopwords"` in the
-- second result), stemmed with the language's Snowball stemmer, scored the
-- same way.
--
-- When `lang` is absent the language is guessed (`newsnlp.language`) and the
-- second result says so (`guessed = true`); a text too short to tell gives
-- `lang = "und"` and stopword-free candidates.  English is never assumed.
--
-- The article structure is read (`newsnlp.article`): a title line boosts the
-- phrases that share its words, and the byline, the dateline and boilerplate
-- lines give no phrases.
--
-- Options:
--
--  * `top` (integer, default 10): how many phrases; 0 for all.
--  * `lang`: a language code (`"en"`, `"de"`, `"en-GB"` reads as `"en"`).
--  * `title` (string): the article's title, when it is not the first line of
--    the text; its words boost the phrases that share them.
--  * `method`: `"posfreq"` (default), `"textrank"` (PageRank over the
--    co-occurrence graph of the words), `"yake"` (YAKE's word statistics) or
--    `"tfidf"` (phrase frequency times the mean idf of its words: from
--    `corpus` when given, else from the article's own sentences as documents).
--  * `corpus` (a `newsnlp.Corpus`): document frequencies of an archive; with
--    `"posfreq"` each word's weight is multiplied by the square root of its
--    idf, with `"tfidf"` they give the idf.
--  * `structure` (boolean, default true): false reads every line as body text.
--
-- @tparam string s the article (UTF-8; invalid bytes never form part of a phrase)
-- @tparam[opt] table opts options (see above)
-- @treturn table `{ {text =, score =, count =, start =, stop =}, ... }`: `score`
--   is relative to the best phrase (1), `count` the occurrences (merged near
--   duplicates included), `start` and `stop` the bytes of the first occurrence
-- @treturn table `{ lang =, guessed =, method =, candidates = }`: the language
--   used and whether it was guessed, the method, and `"lexicon"` or
--   `"stopwords"` candidates
-- @usage for _, k in ipairs(newsnlp.keywords(text, { lang = "en", top = 5 })) do
--   print(k.text, k.score)
-- end
M.keywords = core.keywords

return M
