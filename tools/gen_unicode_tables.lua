#!/usr/bin/env lua5.4
-- Generates csrc/unicode_data.h and csrc/unicode_data.c, the per-code-point
-- properties the C core looks up (word and sentence break classes, general
-- category, a coarse script, and boolean properties), from the Unicode
-- Character Database files shipped by Debian's `unicode-data` package.
--
--   lua5.4 tools/gen_unicode_tables.lua [UCD_DIR [OUT_DIR]]
--
-- UCD_DIR defaults to /usr/share/unicode, OUT_DIR to csrc.  `make tables`
-- runs it.  The output is deterministic, so regenerating from the same data
-- gives byte-identical files.

package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local ucdlib = require "ucd"

local ucd = ucdlib.open_dir(arg[1] or "/usr/share/unicode")
local outdir = arg[2] or "csrc"
local emit_numbers = ucdlib.emit_numbers
local function open(rel) return ucd:open(rel) end
local function version_of(rel) return ucd:version_of(rel) end

local MAXCP = 0x110000
local BLOCK = 128   -- code points per second-stage block

local function each_range(rel, fn) return ucd:each_range(rel, fn) end

-- Property value lists.  Their order fixes the enum values in the C header.
local WB = { "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format",
  "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet",
  "MidLetter", "MidNum", "Numeric", "ExtendNumLet", "WSegSpace" }
local SB = { "Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper", "OLetter",
  "Numeric", "ATerm", "SContinue", "STerm", "Close" }
local GC = { "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd",
  "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co" }
-- Scripts the core treats specially (tokens, language guessing); the rest is "Other".
local SCRIPT = { "Other", "Common", "Inherited", "Latin", "Greek", "Cyrillic", "Armenian",
  "Hebrew", "Arabic", "Devanagari", "Bengali", "Thai", "Lao", "Khmer", "Myanmar", "Georgian",
  "Hangul", "Hiragana", "Katakana", "Han", "Ethiopic", "Tamil" }
-- Boolean properties: { C name, file, property name }.
local FLAGS = {
  { "WHITE_SPACE", "PropList.txt", "White_Space" },
  { "DASH", "PropList.txt", "Dash" },
  { "QUOTATION_MARK", "PropList.txt", "Quotation_Mark" },
  { "SENTENCE_TERMINAL", "PropList.txt", "Sentence_Terminal" },
  { "TERMINAL_PUNCTUATION", "PropList.txt", "Terminal_Punctuation" },
  { "IDEOGRAPHIC", "PropList.txt", "Ideographic" },
  { "ALPHABETIC", "DerivedCoreProperties.txt", "Alphabetic" },
  { "LOWERCASE", "DerivedCoreProperties.txt", "Lowercase" },
  { "UPPERCASE", "DerivedCoreProperties.txt", "Uppercase" },
  { "EXTENDED_PICTOGRAPHIC", "emoji/emoji-data.txt", "Extended_Pictographic" },
  { "EMOJI_PRESENTATION", "emoji/emoji-data.txt", "Emoji_Presentation" },
  { "DEFAULT_IGNORABLE", "DerivedCoreProperties.txt", "Default_Ignorable_Code_Point" },
}

local function index_of(list)
  local t = {}
  for i, v in ipairs(list) do t[v] = i - 1 end
  return t
end

-- One table per field, indexed by code point; absent means value 0.
local wb, sb, gc, script, flags = {}, {}, {}, {}, {}

local function fill(t, values, rel)
  local idx = index_of(values)
  each_range(rel, function(a, b, f)
    local v = idx[f[2]]
    if v then for cp = a, b do t[cp] = v end end
  end)
end

fill(wb, WB, "auxiliary/WordBreakProperty.txt")
fill(sb, SB, "auxiliary/SentenceBreakProperty.txt")
fill(script, SCRIPT, "Scripts.txt")

do  -- General_Category from UnicodeData.txt, whose big ranges are "<..., First>" / "<..., Last>" pairs
  local idx, first = index_of(GC), nil
  local f = open("UnicodeData.txt")
  for line in f:lines() do
    local code, name, cat = line:match("^(%x+);([^;]*);([^;]*);")
    local cp, v = tonumber(code, 16), assert(idx[cat], cat)
    if name:find(", First>$") then first = cp
    elseif name:find(", Last>$") then for c = first, cp do gc[c] = v end; first = nil
    else gc[cp] = v end
  end
  f:close()
end

for bit, flag in ipairs(FLAGS) do
  local mask = 1 << (bit - 1)
  each_range(flag[2], function(a, b, f)
    if f[2] == flag[3] then for cp = a, b do flags[cp] = (flags[cp] or 0) | mask end end
  end)
end

-- Unique property records, then a two-stage table: stage1[cp / BLOCK] names a
-- deduplicated block of BLOCK record indexes in stage2.
local records, rec, stage1, stage2 = ucdlib.two_stage(MAXCP, BLOCK, function(cp)
  return string.format("%d,%d,%d,%d,%d", wb[cp] or 0, sb[cp] or 0, gc[cp] or 0, script[cp] or 0, flags[cp] or 0)
end)
assert(#records < 65536)

local version = version_of("auxiliary/WordBreakProperty.txt")
assert(version == version_of("auxiliary/SentenceBreakProperty.txt"), "mixed Unicode versions")
assert(version == version_of("Scripts.txt"), "mixed Unicode versions")


local function enum(out, prefix, values)
  for i, v in ipairs(values) do
    out:write(string.format("  %s_%s = %d,\n", prefix, v:upper(), i - 1))
  end
end

local h = assert(io.open(outdir .. "/unicode_data.h", "w"))
h:write(([[
/* Generated by tools/gen_unicode_tables.lua from the Unicode Character
 * Database %s; do not edit.  Regenerate with `make tables`. */
#ifndef NN_UNICODE_DATA_H
#define NN_UNICODE_DATA_H

#include <stdint.h>

#define NN_UNICODE_VERSION "%s"

typedef enum nn_wb {
]]):format(version, version))
enum(h, "NN_WB", WB)
h:write("  NN_WB__COUNT\n} nn_wb;\n\ntypedef enum nn_sb {\n")
enum(h, "NN_SB", SB)
h:write("  NN_SB__COUNT\n} nn_sb;\n\ntypedef enum nn_gc {\n")
enum(h, "NN_GC", GC)
h:write("  NN_GC__COUNT\n} nn_gc;\n\ntypedef enum nn_script {\n")
enum(h, "NN_SCRIPT", SCRIPT)
h:write("  NN_SCRIPT__COUNT\n} nn_script;\n\n/* Flag bits of nn_uniprop.flags. */\n")
for bit, flag in ipairs(FLAGS) do
  h:write(string.format("#define NN_UF_%s (1u << %d)\n", flag[1], bit - 1))
end
h:write(([==[

typedef struct nn_uniprop {
  uint8_t wb;      /* nn_wb: Word_Break */
  uint8_t sb;      /* nn_sb: Sentence_Break */
  uint8_t gc;      /* nn_gc: General_Category */
  uint8_t script;  /* nn_script */
  uint16_t flags;  /* NN_UF_* */
} nn_uniprop;

#define NN_UNIPROP_BLOCK %d

extern const uint16_t nn_uniprop_stage1[%d];
extern const uint16_t nn_uniprop_stage2[%d];
extern const nn_uniprop nn_uniprop_records[%d];

/* Properties of a code point; anything outside 0..0x10FFFF reads as U+FFFF
 * (unassigned, Other everywhere). */
static inline const nn_uniprop *nn_uniprop_of(int32_t cp)
{
  uint32_t c = (cp >= 0 && cp < 0x110000) ? (uint32_t)cp : 0xFFFFu;
  return &nn_uniprop_records[nn_uniprop_stage2[
      (uint32_t)nn_uniprop_stage1[c / NN_UNIPROP_BLOCK] * NN_UNIPROP_BLOCK
      + c %% NN_UNIPROP_BLOCK]];
}

#endif
]==]):format(BLOCK, #stage1, #stage2, #records))
h:close()

local c = assert(io.open(outdir .. "/unicode_data.c", "w"))
c:write(([[
/* Generated by tools/gen_unicode_tables.lua from the Unicode Character
 * Database %s; do not edit.  Regenerate with `make tables`. */
#include "unicode_data.h"

const nn_uniprop nn_uniprop_records[%d] = {
]]):format(version, #records))
for _, key in ipairs(records) do
  c:write("  {", key, "},\n")
end
c:write(("};\n\nconst uint16_t nn_uniprop_stage1[%d] = {\n"):format(#stage1))
emit_numbers(c, stage1, 16)
c:write(("};\n\nconst uint16_t nn_uniprop_stage2[%d] = {\n"):format(#stage2))
emit_numbers(c, stage2, 16)
c:write("};\n")
c:close()

io.stderr:write(string.format("unicode %s: %d records, %d stage-2 blocks\n", version, #records, #stage2 // BLOCK))
