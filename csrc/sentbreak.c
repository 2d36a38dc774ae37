/* UAX #29 sentence boundaries, rules SB1 to SB998 (Unicode 15.0).
 *
 * The scan reads "logical characters": a character followed by its Extend
 * and Format characters (SB5), except after a paragraph separator, where the
 * segment has already ended (SB4).  A boundary can only follow a paragraph
 * separator or a sentence terminator, so the loop runs through ordinary
 * characters and does its work at those two places. */
#include "nn_sentbreak.h"

/* Skips the Extend and Format characters at i (SB5). */
static size_t skip_extend(const unsigned char *s, size_t len, size_t i)
{
  while (i < len) {
    size_t n;
    int c = nn_sb_at(s, len, i, &n);
    if (c != NN_SB_EXTEND && c != NN_SB_FORMAT) break;
    i += n;
  }
  return i;
}

/* SB8: after ATerm Close* Sp*, is there a Lower before any OLetter, Upper,
 * Lower, ParaSep or SATerm?  The characters skipped here contain no
 * terminator, so the main loop reads each of them at most once more. */
static int lower_follows(const unsigned char *s, size_t len, size_t i)
{
  while (i < len) {
    size_t n;
    int c = nn_sb_at(s, len, i, &n);
    switch (c) {
    case NN_SB_LOWER:
      return 1;
    case NN_SB_OLETTER: case NN_SB_UPPER: case NN_SB_SEP: case NN_SB_CR: case NN_SB_LF:
    case NN_SB_ATERM: case NN_SB_STERM:
      return 0;
    default:
      i += n;
    }
  }
  return 0;
}

size_t nn_sentbreak_next(const char *str, size_t len, size_t pos)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = pos;
  int prev = -1; /* class of the previous logical character in this segment */
  while (i < len) {
    size_t n, j;
    int c = nn_sb_at(s, len, i, &n), next, last;
    i += n;
    if (c == NN_SB_CR) { /* SB3, SB4 */
      if (i < len && s[i] == '\n') i++;
      return i;
    }
    if (c == NN_SB_LF || c == NN_SB_SEP) return i; /* SB4 */
    i = skip_extend(s, len, i);
    if (c != NN_SB_ATERM && c != NN_SB_STERM) {
      prev = c;
      continue;
    }
    if (i >= len) return len; /* SB2 */
    next = nn_sb_at(s, len, i, &n);
    if (c == NN_SB_ATERM && next == NN_SB_NUMERIC) { /* SB6 */
      prev = c;
      continue;
    }
    if (c == NN_SB_ATERM && next == NN_SB_UPPER && (prev == NN_SB_UPPER || prev == NN_SB_LOWER)) {
      prev = c; /* SB7 */
      continue;
    }
    /* SATerm Close* Sp* ParaSep? (SB9, SB10, SB11) */
    j = i;
    last = c;
    while (next == NN_SB_CLOSE) {
      j = skip_extend(s, len, j + n);
      if (j >= len) return len;
      last = next;
      next = nn_sb_at(s, len, j, &n);
    }
    while (next == NN_SB_SP) {
      j = skip_extend(s, len, j + n);
      if (j >= len) return len;
      last = next;
      next = nn_sb_at(s, len, j, &n);
    }
    if (next == NN_SB_CR) {
      j += n;
      if (j < len && s[j] == '\n') j++;
      return j;
    }
    if (next == NN_SB_LF || next == NN_SB_SEP) return j + n;
    if (next == NN_SB_SCONTINUE || next == NN_SB_ATERM || next == NN_SB_STERM ||
        (c == NN_SB_ATERM && lower_follows(s, len, j))) { /* SB8a, SB8 */
      i = j;
      prev = last;
      continue;
    }
    return j; /* SB11 */
  }
  return len;
}
