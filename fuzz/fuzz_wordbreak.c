/* libFuzzer harness: UAX #29 word segments tile the input, never split a
 * code point, keep each ill-formed subpart alone, and agree with a second,
 * independent reading of the rules (index-based, looking back and ahead over
 * whole arrays instead of streaming). */
#include <stdlib.h>
#include <string.h>

#include "newsnlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INVALID NN_WB__COUNT

static int ignorable(int c)
{
  return c == NN_WB_EXTEND || c == NN_WB_FORMAT || c == NN_WB_ZWJ;
}

static int newline(int c)
{
  return c == NN_WB_CR || c == NN_WB_LF || c == NN_WB_NEWLINE;
}

static int ahletter(int c)
{
  return c == NN_WB_ALETTER || c == NN_WB_HEBREW_LETTER;
}

static int midnumletq(int c)
{
  return c == NN_WB_MIDNUMLET || c == NN_WB_SINGLE_QUOTE;
}

/* The unit WB4 treats as the one before unit i: skip ignorables back to the
 * unit they attach to, unless they follow the start, a newline or an
 * ill-formed unit. */
static long base_before(const int *cls, long i)
{
  long j = i - 1;
  while (j > 0 && ignorable(cls[j]) && !newline(cls[j - 1]) && cls[j - 1] != INVALID) j--;
  return j;
}

static int class_at(const int *cls, long j)
{
  return j < 0 ? -1 : cls[j];
}

/* Whether there is a break before unit i (0 < i < n). */
static int breaks_before(const int *cls, const int *pict, long n, long i)
{
  int a = cls[i - 1], b = cls[i], p1, p2, n2;
  long j, k, ri;
  if (a == INVALID || b == INVALID) return 1;
  if (a == NN_WB_CR && b == NN_WB_LF) return 0;
  if (newline(a) || newline(b)) return 1;
  if (a == NN_WB_ZWJ && pict[i]) return 0;
  if (a == NN_WB_WSEGSPACE && b == NN_WB_WSEGSPACE) return 0;
  if (ignorable(b)) return 0;
  j = base_before(cls, i);
  p1 = cls[j];
  p2 = j > 0 ? class_at(cls, base_before(cls, j)) : -1;
  if (j > 0 && (newline(cls[j - 1]) || cls[j - 1] == INVALID)) p2 = -1;
  for (k = i + 1; k < n && ignorable(cls[k]); k++) {
  }
  n2 = k < n ? cls[k] : -1;
  if (ahletter(p1) && ahletter(b)) return 0;
  if (ahletter(p1) && (b == NN_WB_MIDLETTER || midnumletq(b)) && ahletter(n2)) return 0;
  if (ahletter(p2) && (p1 == NN_WB_MIDLETTER || midnumletq(p1)) && ahletter(b)) return 0;
  if (p1 == NN_WB_HEBREW_LETTER && b == NN_WB_SINGLE_QUOTE) return 0;
  if (p1 == NN_WB_HEBREW_LETTER && b == NN_WB_DOUBLE_QUOTE && n2 == NN_WB_HEBREW_LETTER) return 0;
  if (p2 == NN_WB_HEBREW_LETTER && p1 == NN_WB_DOUBLE_QUOTE && b == NN_WB_HEBREW_LETTER) return 0;
  if (p1 == NN_WB_NUMERIC && b == NN_WB_NUMERIC) return 0;
  if (ahletter(p1) && b == NN_WB_NUMERIC) return 0;
  if (p1 == NN_WB_NUMERIC && ahletter(b)) return 0;
  if (p2 == NN_WB_NUMERIC && (p1 == NN_WB_MIDNUM || midnumletq(p1)) && b == NN_WB_NUMERIC) return 0;
  if (p1 == NN_WB_NUMERIC && (b == NN_WB_MIDNUM || midnumletq(b)) && n2 == NN_WB_NUMERIC) return 0;
  if (p1 == NN_WB_KATAKANA && b == NN_WB_KATAKANA) return 0;
  if ((ahletter(p1) || p1 == NN_WB_NUMERIC || p1 == NN_WB_KATAKANA || p1 == NN_WB_EXTENDNUMLET) &&
      b == NN_WB_EXTENDNUMLET)
    return 0;
  if (p1 == NN_WB_EXTENDNUMLET && (ahletter(b) || b == NN_WB_NUMERIC || b == NN_WB_KATAKANA))
    return 0;
  if (p1 == NN_WB_REGIONAL_INDICATOR && b == NN_WB_REGIONAL_INDICATOR) {
    /* Count the regional indicators before, skipping what WB4 skips. */
    for (ri = 0, k = j; cls[k] == NN_WB_REGIONAL_INDICATOR; k = base_before(cls, k)) {
      ri++;
      if (k == 0) break;
    }
    return ri % 2 == 0;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  size_t *starts = malloc((size + 1) * sizeof *starts);
  int *cls = malloc((size + 1) * sizeof *cls), *pict = malloc((size + 1) * sizeof *pict);
  long n = 0, i;
  size_t p, at, *unit_of = malloc((size + 1) * sizeof *unit_of);
  if (!starts || !cls || !pict || !unit_of) abort();
  /* Units: code points and ill-formed subparts. */
  for (at = 0; at < size; n++) {
    int32_t cp;
    size_t len = nn_utf8_decode(data + at, size - at, &cp);
    const nn_uniprop *pr = nn_uniprop_of(cp);
    starts[n] = at;
    cls[n] = cp == NN_UTF8_INVALID ? INVALID : pr->wb;
    pict[n] = cp != NN_UTF8_INVALID && (pr->flags & NN_UF_EXTENDED_PICTOGRAPHIC) != 0;
    at += len;
  }
  starts[n] = size;
  for (at = 0; at <= size; at++) unit_of[at] = (size_t)-1;
  for (i = 0; i <= n; i++) unit_of[starts[i]] = (size_t)i;
  /* The segments tile the input; every boundary is a unit start and agrees
   * with the reference; every unit start that is not a boundary has no break. */
  for (p = 0; p < size;) {
    size_t e = nn_wordbreak_next(s, size, p);
    long u, v;
    if (e <= p || e > size) abort();
    if (unit_of[p] == (size_t)-1 || unit_of[e] == (size_t)-1) abort(); /* inside a unit */
    u = (long)unit_of[p];
    v = (long)unit_of[e];
    for (i = u + 1; i < v; i++)
      if (breaks_before(cls, pict, n, i)) abort();
    if (v < n && !breaks_before(cls, pict, n, v)) abort();
    p = e;
  }
  if (nn_wordbreak_next(s, size, size) != size) abort();
  free(starts);
  free(cls);
  free(pict);
  free(unit_of);
  return 0;
}
