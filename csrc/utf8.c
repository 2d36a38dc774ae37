/* UTF-8 validation with a word-at-a-time ASCII fast path. */
#include <string.h>

#include "nn_utf8.h"

#define HIGH_BITS ((uint64_t)0x8080808080808080ULL)

size_t nn_ascii_prefix(const char *s, size_t len)
{
  size_t i = 0;
  while (i + 8 <= len) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & HIGH_BITS) break;
    i += 8;
  }
  while (i < len && (unsigned char)s[i] < 0x80) i++;
  return i;
}

size_t nn_utf8_invalid_offset(const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    size_t n;
    i += nn_ascii_prefix(s + i, len - i);
    if (i >= len) break;
    n = nn_utf8_decode(u + i, len - i, &cp);
    if (cp == NN_UTF8_INVALID) return i;
    i += n;
  }
  return len;
}
