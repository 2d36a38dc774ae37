/* UAX #29 word boundaries (Unicode 15.0 default rules WB1-WB999).
 *
 * The machine walks one code point at a time and keeps what the rules look
 * back at: the raw class of the previous code point (WB3c, WB3d), the last
 * two classes once Extend, Format and ZWJ are skipped (WB4 and the rules after
 * it), and the parity of the current run of regional indicators (WB15, WB16).
 * WB6, WB7b and WB12 look one code point ahead, skipping WB4's ignorables; a
 * failed look-ahead ends the segment, so no text is scanned more than twice.
 *
 * ASCII letters and digits after a letter, digit or connector always join
 * (WB5, WB8-WB10, WB13a, WB13b): a tight loop over a byte table takes them
 * without decoding. */
#include "nn_wordbreak.h"
#include "nn_utf8.h"
#include "unicode_data.h"

/* Classes beyond the Word_Break values. */
#define WB_INVALID NN_WB__COUNT        /* a maximal subpart of ill-formed UTF-8 */
#define WB_NONE (NN_WB__COUNT + 1)     /* no code point: before the start, after the end */

/* Word_Break of the ASCII range (spec/c/test_wordbreak.c checks it against the
 * generated table). */
static const unsigned char ascii_wb[128] = {
  ['\n'] = NN_WB_LF, ['\v'] = NN_WB_NEWLINE, ['\f'] = NN_WB_NEWLINE, ['\r'] = NN_WB_CR,
  [' '] = NN_WB_WSEGSPACE, ['"'] = NN_WB_DOUBLE_QUOTE, ['\''] = NN_WB_SINGLE_QUOTE,
  [','] = NN_WB_MIDNUM, ['.'] = NN_WB_MIDNUMLET, [':'] = NN_WB_MIDLETTER, [';'] = NN_WB_MIDNUM,
  ['0'] = NN_WB_NUMERIC, ['1'] = NN_WB_NUMERIC, ['2'] = NN_WB_NUMERIC, ['3'] = NN_WB_NUMERIC,
  ['4'] = NN_WB_NUMERIC, ['5'] = NN_WB_NUMERIC, ['6'] = NN_WB_NUMERIC, ['7'] = NN_WB_NUMERIC,
  ['8'] = NN_WB_NUMERIC, ['9'] = NN_WB_NUMERIC, ['_'] = NN_WB_EXTENDNUMLET,
  ['A'] = NN_WB_ALETTER, ['B'] = NN_WB_ALETTER, ['C'] = NN_WB_ALETTER, ['D'] = NN_WB_ALETTER,
  ['E'] = NN_WB_ALETTER, ['F'] = NN_WB_ALETTER, ['G'] = NN_WB_ALETTER, ['H'] = NN_WB_ALETTER,
  ['I'] = NN_WB_ALETTER, ['J'] = NN_WB_ALETTER, ['K'] = NN_WB_ALETTER, ['L'] = NN_WB_ALETTER,
  ['M'] = NN_WB_ALETTER, ['N'] = NN_WB_ALETTER, ['O'] = NN_WB_ALETTER, ['P'] = NN_WB_ALETTER,
  ['Q'] = NN_WB_ALETTER, ['R'] = NN_WB_ALETTER, ['S'] = NN_WB_ALETTER, ['T'] = NN_WB_ALETTER,
  ['U'] = NN_WB_ALETTER, ['V'] = NN_WB_ALETTER, ['W'] = NN_WB_ALETTER, ['X'] = NN_WB_ALETTER,
  ['Y'] = NN_WB_ALETTER, ['Z'] = NN_WB_ALETTER,
  ['a'] = NN_WB_ALETTER, ['b'] = NN_WB_ALETTER, ['c'] = NN_WB_ALETTER, ['d'] = NN_WB_ALETTER,
  ['e'] = NN_WB_ALETTER, ['f'] = NN_WB_ALETTER, ['g'] = NN_WB_ALETTER, ['h'] = NN_WB_ALETTER,
  ['i'] = NN_WB_ALETTER, ['j'] = NN_WB_ALETTER, ['k'] = NN_WB_ALETTER, ['l'] = NN_WB_ALETTER,
  ['m'] = NN_WB_ALETTER, ['n'] = NN_WB_ALETTER, ['o'] = NN_WB_ALETTER, ['p'] = NN_WB_ALETTER,
  ['q'] = NN_WB_ALETTER, ['r'] = NN_WB_ALETTER, ['s'] = NN_WB_ALETTER, ['t'] = NN_WB_ALETTER,
  ['u'] = NN_WB_ALETTER, ['v'] = NN_WB_ALETTER, ['w'] = NN_WB_ALETTER, ['x'] = NN_WB_ALETTER,
  ['y'] = NN_WB_ALETTER, ['z'] = NN_WB_ALETTER,
};

/* 1 for the bytes the fast loop may take: ASCII letters, digits and '_'. */
static const unsigned char ascii_joins[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
  ['8'] = 1, ['9'] = 1, ['_'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
  ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
  ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
  ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
  ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
  ['y'] = 1, ['z'] = 1,
};

typedef struct unit {
  int cls;     /* nn_wb or WB_INVALID */
  int pict;    /* Extended_Pictographic */
  size_t len;  /* bytes */
} unit;

static inline void read_unit(const unsigned char *s, size_t len, size_t i, unit *u)
{
  int32_t cp;
  const nn_uniprop *p;
  if (s[i] < 0x80) {
    u->cls = ascii_wb[s[i]];
    u->pict = 0;
    u->len = 1;
    return;
  }
  u->len = nn_utf8_decode(s + i, len - i, &cp);
  if (cp == NN_UTF8_INVALID) {
    u->cls = WB_INVALID;
    u->pict = 0;
    return;
  }
  p = nn_uniprop_of(cp);
  u->cls = p->wb;
  u->pict = (p->flags & NN_UF_EXTENDED_PICTOGRAPHIC) != 0;
}

static inline int is_ignorable(int c) /* WB4 */
{
  return c == NN_WB_EXTEND || c == NN_WB_FORMAT || c == NN_WB_ZWJ;
}

static inline int is_ahletter(int c)
{
  return c == NN_WB_ALETTER || c == NN_WB_HEBREW_LETTER;
}

static inline int is_midnumletq(int c)
{
  return c == NN_WB_MIDNUMLET || c == NN_WB_SINGLE_QUOTE;
}

/* The class of the first code point at or after i that WB4 does not skip. */
static int class_after(const unsigned char *s, size_t len, size_t i)
{
  unit u;
  while (i < len) {
    read_unit(s, len, i, &u);
    if (!is_ignorable(u.cls)) return u.cls;
    i += u.len;
  }
  return WB_NONE;
}

/* Whether there is no boundary before a code point of class cls (not CR, LF,
 * Newline or ignorable; WB3-WB4 are settled), given the two classes before it
 * with ignorables skipped (eff2, eff), the length of the run of regional
 * indicators ending at eff, and where the code point after it starts. */
static int joins(const unsigned char *s, size_t len, size_t after, int eff2, int eff, int cls,
                 size_t ri)
{
  int ahead;
  switch (cls) {
  case NN_WB_ALETTER:
  case NN_WB_HEBREW_LETTER:
    if (is_ahletter(eff)) return 1;                                              /* WB5 */
    if (is_ahletter(eff2) && (eff == NN_WB_MIDLETTER || is_midnumletq(eff))) return 1; /* WB7 */
    if (cls == NN_WB_HEBREW_LETTER && eff2 == NN_WB_HEBREW_LETTER && eff == NN_WB_DOUBLE_QUOTE)
      return 1;                                                                  /* WB7c */
    return eff == NN_WB_NUMERIC || eff == NN_WB_EXTENDNUMLET;                    /* WB10, WB13b */
  case NN_WB_NUMERIC:
    if (eff == NN_WB_NUMERIC || is_ahletter(eff) || eff == NN_WB_EXTENDNUMLET)
      return 1;                                                           /* WB8, WB9, WB13b */
    return eff2 == NN_WB_NUMERIC && (eff == NN_WB_MIDNUM || is_midnumletq(eff)); /* WB11 */
  case NN_WB_MIDLETTER:
  case NN_WB_MIDNUMLET:
  case NN_WB_SINGLE_QUOTE:
  case NN_WB_MIDNUM:
  case NN_WB_DOUBLE_QUOTE:
    if (cls == NN_WB_SINGLE_QUOTE && eff == NN_WB_HEBREW_LETTER) return 1;      /* WB7a */
    if (!is_ahletter(eff) && eff != NN_WB_NUMERIC) return 0;
    ahead = class_after(s, len, after);
    if (is_ahletter(eff) && (cls == NN_WB_MIDLETTER || is_midnumletq(cls)) && is_ahletter(ahead))
      return 1;                                                                  /* WB6 */
    if (eff == NN_WB_HEBREW_LETTER && cls == NN_WB_DOUBLE_QUOTE && ahead == NN_WB_HEBREW_LETTER)
      return 1;                                                                  /* WB7b */
    return eff == NN_WB_NUMERIC && (cls == NN_WB_MIDNUM || is_midnumletq(cls)) &&
           ahead == NN_WB_NUMERIC;                                               /* WB12 */
  case NN_WB_KATAKANA:
    return eff == NN_WB_KATAKANA || eff == NN_WB_EXTENDNUMLET;                   /* WB13, WB13b */
  case NN_WB_EXTENDNUMLET:                                                       /* WB13a */
    return is_ahletter(eff) || eff == NN_WB_NUMERIC || eff == NN_WB_KATAKANA ||
           eff == NN_WB_EXTENDNUMLET;
  case NN_WB_REGIONAL_INDICATOR:                                                 /* WB15, WB16 */
    return eff == NN_WB_REGIONAL_INDICATOR && ri % 2 == 1;
  default:
    return 0;                                                                    /* WB999 */
  }
}

size_t nn_wordbreak_next(const char *str, size_t len, size_t pos)
{
  const unsigned char *s = (const unsigned char *)str;
  unit u;
  size_t i, ri;
  int raw, eff, eff2;
  if (pos >= len) return len;
  if (s[pos] < 0x80 && pos + 1 < len && s[pos + 1] < 0x80) {
    /* An ASCII space, mark or symbol before another ASCII byte: no rule
     * joins them (the joiners WB4 skips are not ASCII), except spaces in a
     * run (WB3d) and connectors (WB13a, WB13b). */
    switch (ascii_wb[s[pos]]) {
    case NN_WB_OTHER:
    case NN_WB_MIDLETTER:
    case NN_WB_MIDNUMLET:
    case NN_WB_MIDNUM:
    case NN_WB_SINGLE_QUOTE:
    case NN_WB_DOUBLE_QUOTE:
      return pos + 1;
    case NN_WB_WSEGSPACE:
      if (s[pos + 1] != ' ') return pos + 1;
      break;
    default:
      break;
    }
  }
  read_unit(s, len, pos, &u);
  i = pos + u.len;
  switch (u.cls) {
  case WB_INVALID:
  case NN_WB_LF:
  case NN_WB_NEWLINE:
    return i;                                                                    /* WB3a */
  case NN_WB_CR:
    return i < len && s[i] == '\n' ? i + 1 : i;                                  /* WB3, WB3a */
  default:
    break;
  }
  /* A segment that starts with an ignorable keeps it as its own class (WB4
   * does not apply after sot). */
  raw = eff = u.cls;
  eff2 = WB_NONE;
  ri = u.cls == NN_WB_REGIONAL_INDICATOR;
  while (i < len) {
    if (ascii_joins[s[i]] && (is_ahletter(eff) || eff == NN_WB_NUMERIC || eff == NN_WB_EXTENDNUMLET)) {
      size_t from = i;
      while (i < len && ascii_joins[s[i]]) i++;
      eff2 = i - from >= 2 ? ascii_wb[s[i - 2]] : eff;
      eff = raw = ascii_wb[s[i - 1]];
      ri = 0;
      if (i >= len) break;
    }
    read_unit(s, len, i, &u);
    if (u.cls == WB_INVALID || u.cls == NN_WB_CR || u.cls == NN_WB_LF || u.cls == NN_WB_NEWLINE)
      break;                                                                     /* WB3b */
    if (!(raw == NN_WB_ZWJ && u.pict) &&                                         /* WB3c */
        !(raw == NN_WB_WSEGSPACE && u.cls == NN_WB_WSEGSPACE)) {                 /* WB3d */
      if (is_ignorable(u.cls)) {                                                 /* WB4 */
        raw = u.cls;
        i += u.len;
        continue;
      }
      if (!joins(s, len, i + u.len, eff2, eff, u.cls, ri)) break;
    }
    raw = u.cls;
    eff2 = eff;
    eff = u.cls;
    ri = u.cls == NN_WB_REGIONAL_INDICATOR ? ri + 1 : 0;
    i += u.len;
  }
  return i;
}
