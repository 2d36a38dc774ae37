/* UTF-8 decoding, encoding and validation.
 *
 * Invalid input is split into "maximal subparts" as the Unicode Standard
 * (chapter 3, "U+FFFD Substitution of Maximal Subparts") recommends: each
 * maximal subpart is one error, to be replaced by one U+FFFD, dropped, or
 * reported, never silently merged with its neighbours. */
#ifndef NN_UTF8_H
#define NN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define NN_UTF8_INVALID (-1)

/* Decodes the sequence at s[0..len) (len >= 1).  Stores the scalar value in
 * *cp and returns its length, or stores NN_UTF8_INVALID and returns the length
 * of the maximal subpart (1 to 3 bytes) to skip. */
static inline size_t nn_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
  unsigned c = s[0];
  unsigned lo = 0x80, hi = 0xBF;
  size_t need, i;
  int32_t v;
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  if (c < 0xC2 || c > 0xF4) {
    *cp = NN_UTF8_INVALID;
    return 1;
  }
  if (c < 0xE0) {
    need = 1;
    v = (int32_t)(c & 0x1F);
  } else if (c < 0xF0) {
    need = 2;
    v = (int32_t)(c & 0x0F);
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
  } else {
    need = 3;
    v = (int32_t)(c & 0x07);
    if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
  }
  for (i = 1; i <= need; i++) {
    unsigned t;
    if (i >= len) {
      *cp = NN_UTF8_INVALID;
      return i;
    }
    t = s[i];
    if (t < lo || t > hi) {
      *cp = NN_UTF8_INVALID;
      return i;
    }
    lo = 0x80;
    hi = 0xBF;
    v = (v << 6) | (int32_t)(t & 0x3F);
  }
  *cp = v;
  return need + 1;
}

/* Writes the UTF-8 encoding of scalar value cp to out (room for 4 bytes);
 * returns its length.  Surrogates and values above 0x10FFFF encode U+FFFD. */
static inline size_t nn_utf8_encode(int32_t cp, unsigned char *out)
{
  if (cp >= 0 && cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp >= 0x80 && cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x10000) {
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | (cp >> 18));
  out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Returns the byte offset (0-based) of the first invalid sequence in
 * s[0..len), or len when the whole input is valid UTF-8. */
size_t nn_utf8_invalid_offset(const char *s, size_t len);

/* Returns the length of the longest prefix of s that is plain ASCII. */
size_t nn_ascii_prefix(const char *s, size_t len);

#endif
