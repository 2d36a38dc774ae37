/* Helpers shared by the fuzz harnesses: the input as UTF-8 units (maximal
 * subparts for invalid bytes) and white space by the Unicode property. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "newsnlp.h"

/* unit_start[i] is 1 when a character (or maximal subpart) starts at byte
 * i; space[i] is 1 when that character is White_Space.  Both have size + 1
 * entries (the end counts as a start).  Returns 0 when out of memory. */
static int fuzz_units(const uint8_t *data, size_t size, unsigned char **unit_start,
                      unsigned char **space)
{
  size_t i = 0;
  *unit_start = calloc(size + 1, 1);
  *space = calloc(size + 1, 1);
  if (!*unit_start || !*space) {
    free(*unit_start);
    free(*space);
    return 0;
  }
  while (i < size) {
    int32_t cp;
    size_t n = nn_utf8_decode(data + i, size - i, &cp);
    (*unit_start)[i] = 1;
    (*space)[i] = cp >= 0 && (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE) != 0;
    i += n;
  }
  (*unit_start)[size] = 1;
  return 1;
}

/* Is every character of data[a..b) white space? */
static int fuzz_all_space(const unsigned char *unit_start, const unsigned char *space, size_t a,
                          size_t b)
{
  size_t i;
  for (i = a; i < b; i++)
    if (unit_start[i] && !space[i]) return 0;
  return 1;
}

/* The start of the character that ends at b (b > 0). */
static size_t fuzz_last_unit(const unsigned char *unit_start, size_t b)
{
  size_t k = b - 1;
  while (!unit_start[k]) k--;
  return k;
}

/* Are the two byte strings equal?  Either may be NULL when empty (an
 * unused buffer), which memcmp must not be given. */
static int fuzz_same_bytes(const void *a, size_t alen, const void *b, size_t blen)
{
  return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

#endif
