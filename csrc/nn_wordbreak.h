/* Word boundaries: the default rules of Unicode Standard Annex #29, "Unicode
 * Text Segmentation" (Unicode 15.0), on the generated property tables.
 *
 * A word segment is what lies between two boundaries: a word, a number, a
 * run of spaces, one punctuation mark, one emoji sequence.  The segments of a
 * text tile it exactly.  Iterate them with
 *
 *   for (p = 0; p < len; p = e) {
 *     e = nn_wordbreak_next(s, len, p);
 *     ... the segment is s[p..e) ...
 *   }
 *
 * Ill-formed UTF-8 is never merged with its neighbours: each maximal subpart
 * (see nn_utf8.h) is a segment by itself.  Time is linear in the input. */
#ifndef NN_WORDBREAK_H
#define NN_WORDBREAK_H

#include <stddef.h>

/* The end of the word segment that starts at pos: the first UAX #29 word
 * boundary after pos (pos < e <= len), or len when pos >= len.  pos should be
 * a boundary (0 or an end returned before); from any other position the rules
 * are applied as if the text started there. */
size_t nn_wordbreak_next(const char *s, size_t len, size_t pos);

#endif
