--- Learned tags: a multi-label classifier trained on an editor's tagged articles.
--
-- Texts become terms through the shared term pipeline; each tag gets a linear
-- SVM over TF-IDF term weights; cross-validation inside
-- the training data gives every tag its own decision threshold and turns its
-- margin into a probability, the score.
--
--     local c = newsnlp.classifier()
--     c:train(text, { "markets", "oil" })          -- for each past article
--     for _, t in ipairs(c:predict(new_text)) do print(t.tag, t.score) end
--     c:save("tags.model")
--     local c2 = assert(newsnlp.load_classifier("tags.model"))
-- @module newsnlp.classifier

local core = require "newsnlp.core"

local M = {}

--- Creates an empty classifier.
-- Raises when an option is unknown or out of range.
-- @tparam[opt] table opts
--   `cost` (number, default 1): the SVM's C; higher fits the training texts closer.
--   `threshold` (default `"cv"`): how tags are decided: `"cv"`, per-tag margin
--   thresholds that maximize F1 under cross-validation (SCutFBR); `"margin"`, the
--   SVM's own decision (margin >= 0); or a number p, every tag whose score is >= p.
--   `folds` (integer 2..50, default 5): cross-validation folds.
--   `fbr` (number 0..1, default 0.1): a tag whose cross-validated F1 stays below
--   this is decided only for texts that score above every held-out one.
--   `balanced` (boolean, default false): weight each tag's C by inverse class frequency.
--   `min_df` (integer, default 2): ignore terms found in fewer training texts (by
--   default, the terms of one text only, which let the model learn single texts by heart).
--   `bigrams` (boolean, default false): also use pairs of adjacent terms.
--   `language` (default `"und"`): how texts are read into terms (the term pipeline of
--   `newsnlp.terms`): `"und"` folds case only, in no language; a code such as `"en"`
--   also strips that language's possessives and elisions and leaves out its stopwords;
--   `"auto"` does so in each text's own language, guessed from the text.
--   `stem` (boolean, default false): stem terms with the language's Snowball stemmer.
-- @treturn Classifier
M.classifier = core.classifier

--- Reads a model written by `Classifier:save`.
-- @tparam string path
-- @treturn[1] Classifier the model (it predicts; it keeps no examples, so it cannot learn more)
-- @treturn[2] nil
-- @treturn[2] string a message naming the file
-- @treturn[2] string a code: `"EIO"` (cannot read), `"EFORMAT"` (not a model file),
--   `"EVERSION"` (a newer format), `"ECHECKSUM"` (corrupted), `"ETRUNCATED"` (cut short)
M.load_classifier = core.load_classifier

--- A classifier (userdata "newsnlp.Classifier").  `close`, `__gc` and `__close`
-- free it; a closed classifier raises when used.
-- @type Classifier

--- Records one training text and its tags (strings of 1 to 1024 bytes; repeats
-- count once; an empty list makes a negative example for every tag).  Cheap:
-- the model is fitted when it is next needed.
-- @function Classifier:train
-- @tparam string text
-- @tparam {string,...} tags
-- @treturn Classifier itself

--- Fits the model now (prediction and saving do it when needed).
-- @function Classifier:fit
-- @treturn Classifier itself

--- Scores a text.  Without `top`, the tags the model decides on, at least one when
-- it has tags; with `top = k`, the k best ranked, decided or not.
-- @function Classifier:predict
-- @tparam string text
-- @tparam[opt] table opts `top` (integer >= 1)
-- @treturn {{tag=string,score=number},...} best first; score is an estimated probability

--- The tags, in the order they were first seen.
-- @function Classifier:tags
-- @treturn {string,...}

--- The number of texts the model learned from.
-- @function Classifier:size
-- @treturn integer

--- The model's figures and options: `documents`, `tags`, `terms`, `weights`,
-- `fitted`, `documents_per_tag`, `features` (`"terms"`) and each option of
-- `newsnlp.classifier` (`language` is `"auto"` when each text's language is guessed).
-- @function Classifier:info
-- @treturn table

--- Writes the model file (format described in csrc/classifier.c), fitting first
-- when needed.  The file is written under a temporary name, then renamed.
-- @function Classifier:save
-- @tparam string path
-- @treturn[1] boolean true
-- @treturn[2] nil
-- @treturn[2] string message
-- @treturn[2] string `"EIO"`

--- Frees the model; later calls of `close` do nothing.
-- @function Classifier:close

return M
