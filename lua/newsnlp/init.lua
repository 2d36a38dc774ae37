--- newsnlp: news text processing for Lua, with a C core.
--
-- `require "newsnlp"` gives one table with the whole public API.  The C part
-- is `newsnlp.core`; each concern has a Lua module under `newsnlp.` that
-- contributes its functions here.
-- @module newsnlp

local core = require "newsnlp.core"

local M = {
  --- The module version, e.g. "0.1.0".
  version = core.version,
  --- The Unicode version of newsnlp's generated tables, e.g. "15.0.0".
  unicode_version = core.unicode_version,
  --- The version of the utf8proc library in use, e.g. "2.8.0".
  utf8proc_version = core.utf8proc_version,
}

-- Adds the functions of one part of the API; a name given twice is a bug.
local function export(part)
  for name, value in pairs(part) do
    assert(M[name] == nil, "newsnlp: duplicate export " .. name)
    M[name] = value
  end
end

export(require "newsnlp.text")
export(require "newsnlp.segments")
export(require "newsnlp.sentences")
export(require "newsnlp.article")
export(require "newsnlp.summary")
export(require "newsnlp.normalize")
export(require "newsnlp.tokens")
export(require "newsnlp.terms")
export(require "newsnlp.corpus")
export(require "newsnlp.keywords")
export(require "newsnlp.classifier")
export(require "newsnlp.tagger")
export(require "newsnlp.entities")
export(require "newsnlp.values")

return M
