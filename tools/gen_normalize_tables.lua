#!/usr/bin/env lua5.4
-- Generates csrc/normalize_data.h and csrc/normalize_data.c: the per-code-point
-- facts the normalizer's fast path needs to decide, without utf8proc, that a
-- character is already normalized and where text may be cut into independent
-- pieces, plus a simple case-folding table for the common alphabets.
--
--   lua5.4 tools/gen_normalize_tables.lua [UCD_DIR [OUT_DIR]]
--
-- Sources (Debian's `unicode-data`): UnicodeData.txt (canonical combining
-- class, decompositions, general category), DerivedNormalizationProps.txt
-- (NFC_QC, NFKC_QC, NFD_QC, NFKD_QC) and CaseFolding.txt (statuses C and F,
-- the full case folding).  `make tables` runs it; the output is deterministic.

package.path = (arg[0]:match("^(.*)/") or ".") .. "/?.lua;" .. package.path
local ucdlib = require "ucd"

local ucd = ucdlib.open_dir(arg[1] or "/usr/share/unicode")
local outdir = arg[2] or "csrc"
local emit_numbers = ucdlib.emit_numbers
local function open(rel) return ucd:open(rel) end
local function version_of(rel) return ucd:version_of(rel) end

local MAXCP = 0x110000
local BLOCK = 64



local version = version_of("DerivedNormalizationProps.txt")
assert(version == version_of("CaseFolding.txt"), "mixed Unicode versions")

-- UnicodeData.txt: combining class, general category, decomposition.
local ccc, gc, decomp, compat = {}, {}, {}, {}
do
  local f, first = open("UnicodeData.txt"), nil
  for line in f:lines() do
    local fields = {}
    for field in (line .. ";"):gmatch("([^;]*);") do fields[#fields + 1] = field end
    local cp = tonumber(fields[1], 16)
    local name = fields[2]
    if name:find(", First>$") then
      first = cp
    else
      local lo = cp
      if name:find(", Last>$") then lo = first end
      for c = lo, cp do gc[c] = fields[3] end
      ccc[cp] = tonumber(fields[4])
      local d = fields[6]
      if d ~= "" then
        local tag, rest = d:match("^<(%w+)>%s*(.*)$")
        local seq = {}
        for h in (rest or d):gmatch("%x+") do seq[#seq + 1] = tonumber(h, 16) end
        decomp[cp] = seq
        compat[cp] = tag ~= nil
      end
    end
  end
  f:close()
end

-- Hangul syllables decompose algorithmically into L V (T).
local SBASE, LBASE, VBASE, TBASE, NCOUNT, TCOUNT, SCOUNT = 0xAC00, 0x1100, 0x1161, 0x11A7, 588, 28, 11172
for s = 0, SCOUNT - 1 do
  local cp = SBASE + s
  local seq = { LBASE + s // NCOUNT, VBASE + (s % NCOUNT) // TCOUNT }
  if s % TCOUNT ~= 0 then seq[3] = TBASE + s % TCOUNT end
  decomp[cp] = seq
  compat[cp] = false
end

-- Full decomposition (canonical only, or canonical and compatibility).
local function full_decomposition(cp, with_compat, out)
  local d = decomp[cp]
  if d and (with_compat or not compat[cp]) then
    for _, c in ipairs(d) do full_decomposition(c, with_compat, out) end
  else
    out[#out + 1] = cp
  end
  return out
end

local qc = { NFC_QC = {}, NFKC_QC = {}, NFD_QC = {}, NFKD_QC = {} }
do
  local f = open("DerivedNormalizationProps.txt")
  for line in f:lines() do
    local a, b, prop, val = line:match("^(%x+)%.?%.?(%x*)%s*;%s*(%u+_QC)%s*;%s*(%u)")
    if a then
      local lo = tonumber(a, 16)
      local hi = b ~= "" and tonumber(b, 16) or lo
      for c = lo, hi do qc[prop][c] = val end
    end
  end
  f:close()
end

-- Full case folding (C + F): the code points that fold, and simple one-to-one
-- folds for the table below.
local folds, simple_fold = {}, {}
do
  local f = open("CaseFolding.txt")
  for line in f:lines() do
    local code, status, mapping = line:match("^(%x+);%s*(%u);%s*([%x ]+);")
    if code and (status == "C" or status == "F") then
      local cp = tonumber(code, 16)
      local seq = {}
      for h in mapping:gmatch("%x+") do seq[#seq + 1] = tonumber(h, 16) end
      folds[cp] = seq
      if #seq == 1 then simple_fold[cp] = seq[1] end
    end
  end
  f:close()
end

local function is_mark(c)
  local g = gc[c]
  return g == "Mn" or g == "Mc" or g == "Me"
end

-- Flags; the order fixes the bit values in the C header.
local FLAGS = {
  { "NFC_NO", "NFC_QC is No" },
  { "NFC_MAYBE", "NFC_QC is Maybe: may combine with the character before" },
  { "NFKC_NO", "NFKC_QC is No" },
  { "NFKC_MAYBE", "NFKC_QC is Maybe" },
  { "NFD_NO", "NFD_QC is No" },
  { "NFKD_NO", "NFKD_QC is No" },
  { "FOLDS", "case folding changes it or a character of its full decomposition" },
  { "MARK", "a mark, or its full decomposition holds one" },
  { "CANON_START", "its canonical decomposition starts with a starter that is not NFC_QC=Maybe" },
  { "COMPAT_START", "its compatibility decomposition starts with a starter that is not NFKC_QC=Maybe" },
}
local BIT = {}
for i, fl in ipairs(FLAGS) do BIT[fl[1]] = 1 << (i - 1) end

local function flags_of(cp)
  local v = 0
  if qc.NFC_QC[cp] == "N" then v = v | BIT.NFC_NO elseif qc.NFC_QC[cp] == "M" then v = v | BIT.NFC_MAYBE end
  if qc.NFKC_QC[cp] == "N" then v = v | BIT.NFKC_NO elseif qc.NFKC_QC[cp] == "M" then v = v | BIT.NFKC_MAYBE end
  if qc.NFD_QC[cp] == "N" then v = v | BIT.NFD_NO end
  if qc.NFKD_QC[cp] == "N" then v = v | BIT.NFKD_NO end
  local canon, full = full_decomposition(cp, false, {}), full_decomposition(cp, true, {})
  local folding, mark = folds[cp] ~= nil, is_mark(cp)
  for _, c in ipairs(full) do
    if folds[c] then folding = true end
    if is_mark(c) then mark = true end
  end
  for _, c in ipairs(canon) do
    if folds[c] then folding = true end
    if is_mark(c) then mark = true end
  end
  if folding then v = v | BIT.FOLDS end
  if mark then v = v | BIT.MARK end
  if (ccc[canon[1]] or 0) == 0 and qc.NFC_QC[canon[1]] ~= "M" then v = v | BIT.CANON_START end
  if (ccc[full[1]] or 0) == 0 and qc.NFKC_QC[full[1]] ~= "M" then v = v | BIT.COMPAT_START end
  return v
end

-- Records { ccc, flags }, deduplicated; a two-stage table of record indexes.
local records, rec, stage1, stage2 = ucdlib.two_stage(MAXCP, BLOCK, function(cp)
  return string.format("%d,%d", ccc[cp] or 0, flags_of(cp))
end)
assert(#records <= 256, "too many normalization records for a byte index")

-- For each mode (form, casefold, strip_marks), a bitmap of the 64-code-point
-- blocks of the BMP whose characters all are boundaries needing nothing in that
-- mode ("inert"), so that the fast path tests most characters with one load.
-- Mode index: form * 4 + casefold * 2 + strip_marks, forms NFC, NFD, NFKC, NFKD.
-- The masks are those of char_pass_init in csrc/normalize.c.
local NEED = { BIT.NFC_NO | BIT.NFC_MAYBE, BIT.NFD_NO, BIT.NFKC_NO | BIT.NFKC_MAYBE, BIT.NFKD_NO }
local START = { BIT.CANON_START, BIT.CANON_START, BIT.COMPAT_START, BIT.COMPAT_START }
local inert_bitmaps, inert_records = {}, {}
for form = 1, 4 do
  for fold = 0, 1 do
    for strip = 0, 1 do
      local need = NEED[form] | (fold == 1 and BIT.FOLDS or 0) | (strip == 1 and BIT.MARK or 0)
      local bytes, per_record = {}, {}
      for r, key in ipairs(records) do
        local c, f = key:match("(%d+),(%d+)")
        c, f = tonumber(c), tonumber(f)
        per_record[r] = (c == 0 and f & need == 0 and f & START[form] ~= 0) and 1 or 0
      end
      inert_records[#inert_records + 1] = per_record
      for b = 0, 0x10000 // 64 - 1 do
        -- surrogates are never text: their blocks are not inert
        local all = not (b * 64 >= 0xD800 and b * 64 <= 0xDFFF)
        for cp = b * 64, all and b * 64 + 63 or -1 do
          local key = records[rec[cp] + 1]
          local c, f = key:match("(%d+),(%d+)")
          c, f = tonumber(c), tonumber(f)
          if not (c == 0 and f & need == 0 and f & START[form] ~= 0) then all = false; break end
        end
        local byte = b // 8 + 1
        bytes[byte] = (bytes[byte] or 0) | (all and (1 << (b % 8)) or 0)
      end
      inert_bitmaps[#inert_bitmaps + 1] = bytes
    end
  end
end

-- Case folding for U+0000..U+04FF (Latin, Greek, Cyrillic) where the full fold
-- is one code point of the same UTF-8 length; a precomposed letter qualifies
-- when it folds to a precomposed letter.  The rest (multi-character folds,
-- length changes, compatibility characters) is left to utf8proc: 0 in the table.
local FOLD_LIMIT = 0x500
local fold_table = {}
local function utf8_length(c) return c < 0x80 and 1 or c < 0x800 and 2 or c < 0x10000 and 3 or 4 end
for cp = 0, FOLD_LIMIT - 1 do
  local v = 0
  if folds[cp] then
    local s = simple_fold[cp]
    -- A precomposed letter may fold to a precomposed letter (composing forms only).
    if s and utf8_length(s) == utf8_length(cp) and (ccc[s] or 0) == 0
       and not compat[cp] and not compat[s] and (decomp[cp] == nil) == (decomp[s] == nil) then
      v = s
    end
  end
  fold_table[cp + 1] = v
end


local h = assert(io.open(outdir .. "/normalize_data.h", "w"))
h:write(([[
/* Generated by tools/gen_normalize_tables.lua from the Unicode Character
 * Database %s (UnicodeData.txt, DerivedNormalizationProps.txt,
 * CaseFolding.txt); do not edit.  Regenerate with `make tables`. */
#ifndef NN_NORMALIZE_DATA_H
#define NN_NORMALIZE_DATA_H

#include <stdint.h>

#define NN_NORMALIZE_UNICODE_VERSION "%s"

/* Flag bits of nn_normprop.flags. */
]]):format(version, version))
for i, fl in ipairs(FLAGS) do
  h:write(("#define NN_NF_%s (1u << %d) /* %s */\n"):format(fl[1], i - 1, fl[2]))
end
h:write(([==[

typedef struct nn_normprop {
  uint8_t ccc;     /* Canonical_Combining_Class */
  uint8_t unused;
  uint16_t flags;  /* NN_NF_* */
} nn_normprop;

#define NN_NORMPROP_BLOCK %d

extern const uint16_t nn_normprop_stage1[%d];
extern const uint8_t nn_normprop_stage2[%d];
extern const nn_normprop nn_normprop_records[%d];

/* The index in nn_normprop_records of a scalar value cp (0..0x10FFFF). */
static inline unsigned nn_normprop_index(int32_t cp)
{
  uint32_t c = (uint32_t)cp;
  return nn_normprop_stage2[(uint32_t)nn_normprop_stage1[c / NN_NORMPROP_BLOCK] * NN_NORMPROP_BLOCK
                            + c %% NN_NORMPROP_BLOCK];
}

/* Normalization facts of a scalar value cp (0..0x10FFFF). */
static inline const nn_normprop *nn_normprop_of(int32_t cp)
{
  return &nn_normprop_records[nn_normprop_index(cp)];
}

/* Bit (cp / 64) of nn_normprop_inert_blocks[mode] is set when every code point
 * of that block of the BMP is a boundary that needs nothing in the mode
 * (form * 4 + casefold * 2 + strip_marks; forms NFC, NFD, NFKC, NFKD). */
extern const uint8_t nn_normprop_inert_blocks[16][128];

/* nn_normprop_inert_records[mode][r] is 1 when record r is a boundary that
 * needs nothing in the mode. */
extern const uint8_t nn_normprop_inert_records[16][%d];

/* Simple case folds of U+0000..U+%04X that keep the UTF-8 length; 0 where the
 * code point does not fold or must be folded by utf8proc. */
#define NN_FOLD_LIMIT 0x%X
extern const uint16_t nn_fold_table[NN_FOLD_LIMIT];

#endif
]==]):format(BLOCK, #stage1, #stage2, #records, #records, FOLD_LIMIT - 1, FOLD_LIMIT))
h:close()

local c = assert(io.open(outdir .. "/normalize_data.c", "w"))
c:write(([[
/* Generated by tools/gen_normalize_tables.lua from the Unicode Character
 * Database %s; do not edit.  Regenerate with `make tables`. */
#include "normalize_data.h"

const nn_normprop nn_normprop_records[%d] = {
]]):format(version, #records))
for _, key in ipairs(records) do
  local a, b = key:match("(%d+),(%d+)")
  c:write("  {", a, ",0,", b, "},\n")
end
c:write(("};\n\nconst uint16_t nn_normprop_stage1[%d] = {\n"):format(#stage1))
emit_numbers(c, stage1, 16)
c:write(("};\n\nconst uint8_t nn_normprop_stage2[%d] = {\n"):format(#stage2))
emit_numbers(c, stage2, 16)
c:write("};\n\nconst uint8_t nn_normprop_inert_blocks[16][128] = {\n")
for _, bytes in ipairs(inert_bitmaps) do
  c:write("  {\n")
  emit_numbers(c, bytes, 16)
  c:write("  },\n")
end
c:write(("};\n\nconst uint8_t nn_normprop_inert_records[16][%d] = {\n"):format(#records))
for _, row in ipairs(inert_records) do
  c:write("  {\n")
  emit_numbers(c, row, 32)
  c:write("  },\n")
end
c:write(("};\n\nconst uint16_t nn_fold_table[NN_FOLD_LIMIT] = {\n"))
emit_numbers(c, fold_table, 16)
c:write("};\n")
c:close()

io.stderr:write(string.format("normalization %s: %d records, %d stage-2 blocks\n", version,
                              #records, #stage2 // BLOCK))
