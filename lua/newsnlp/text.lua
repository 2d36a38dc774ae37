--- Text validity and repair: the UTF-8 queries that never raise.
-- @module newsnlp.text

local core = require "newsnlp.core"

local M = {}

--- Checks that `s` is valid UTF-8.  Never raises.
-- @tparam string s the text
-- @treturn boolean true when `s` is valid UTF-8
-- @treturn[opt] integer the byte offset (1-based) of the first invalid byte, when not valid
M.isvalid = core.isvalid

return M
