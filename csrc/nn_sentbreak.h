/* UAX #29 sentence boundaries: the default rules of Unicode Standard Annex
 * #29 ("Unicode Text Segmentation"), section 5, for the Unicode version of
 * csrc/unicode_data.h (15.0).  These are the plain Unicode segments; the
 * news-aware splitter (nn_sentences.h) builds on the same Sentence_Break
 * classes and decides with more context.
 *
 * Invalid UTF-8 is read by maximal subparts (see nn_utf8.h), each one a
 * character of class Other, as U+FFFD would be.  Every function is linear in
 * the length of its input and allocates nothing. */
#ifndef NN_SENTBREAK_H
#define NN_SENTBREAK_H

#include <stddef.h>
#include <stdint.h>

#include "nn_utf8.h"
#include "unicode_data.h"

/* The end of the sentence segment that starts at byte pos: the smallest
 * boundary greater than pos, or len at the end of the text (also when
 * pos >= len).  Calling it again from the returned offset walks the segments,
 * which tile s[0..len): boundaries are 0, nn_sentbreak_next(s, len, 0), ...
 * pos must itself be a boundary (0, or a value this function returned). */
size_t nn_sentbreak_next(const char *s, size_t len, size_t pos);

/* The Sentence_Break class (nn_sb) of the character at s[i] (i < len), and
 * its length in *n.  Invalid UTF-8 gives NN_SB_OTHER over its maximal
 * subpart.  Shared with the splitter so that both read text the same way. */
static inline int nn_sb_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
  int32_t cp;
  if (s[i] < 0x80) {
    *n = 1;
    return nn_uniprop_of((int32_t)s[i])->sb;
  }
  *n = nn_utf8_decode(s + i, len - i, &cp);
  return cp < 0 ? NN_SB_OTHER : nn_uniprop_of(cp)->sb;
}

#endif
