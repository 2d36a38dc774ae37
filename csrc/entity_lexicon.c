/* Look-ups in the compiled entity data, and the case forms and shapes of
 * words that the entity finder compares. */
#include <string.h>

#include <utf8proc.h>

#include "nn_entity_doc.h"
#include "nn_utf8.h"
#include "unicode_data.h"

const nn_entity_entry *nn_entity_lookup(const char *s, size_t n)
{
  uint32_t b, i, end;
  if (n == 0 || n > 255) return NULL;
  b = nn_entity_hash(s, n) >> (32 - NN_ENTITY_BUCKET_BITS);
  end = nn_entity_buckets[b + 1];
  for (i = nn_entity_buckets[b]; i < end; i++) {
    const nn_entity_entry *e = &nn_entity_entries[i];
    if ((e->key & 0xFFu) == n && memcmp(nn_entity_keys + (e->key >> 8), s, n) == 0) return e;
  }
  return NULL;
}

static int32_t lower_cp(int32_t cp)
{
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return utf8proc_tolower(cp);
}

int nn_entity_append_lower(nn_buf *out, const char *s, size_t n)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  int r = nn_buf_reserve(out, n);
  if (r != NN_OK) return r;
  while (i < n) {
    int32_t cp;
    size_t k;
    if (u[i] < 0x80) {
      out->data[out->len++] = (char)((u[i] >= 'A' && u[i] <= 'Z') ? u[i] + 32 : u[i]);
      i++;
      continue;
    }
    k = nn_utf8_decode(u + i, n - i, &cp);
    if (cp < 0) {
      r = nn_buf_append(out, s + i, k);
    } else {
      r = nn_buf_append_utf8(out, lower_cp(cp));
    }
    if (r != NN_OK) return r;
    i += k;
  }
  return NN_OK;
}

static int is_letter(int32_t cp)
{
  return cp >= 0 && (nn_uniprop_of(cp)->flags & NN_UF_ALPHABETIC) != 0;
}

int nn_entity_append_title(nn_buf *out, const char *s, size_t n)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  int in_run = 0;
  int r = nn_buf_reserve(out, n);
  if (r != NN_OK) return r;
  while (i < n) {
    int32_t cp;
    size_t k = nn_utf8_decode(u + i, n - i, &cp);
    if (!is_letter(cp)) {
      in_run = 0;
      r = nn_buf_append(out, s + i, k);
    } else if (!in_run) {
      in_run = 1;
      r = nn_buf_append(out, s + i, k);
    } else {
      r = nn_buf_append_utf8(out, lower_cp(cp));
    }
    if (r != NN_OK) return r;
    i += k;
  }
  return NN_OK;
}

/* Does s[0..n) end with "-" and one of the words that make an adjective of
 * a name (U.S.-based, Dutch-born, Tory-led)? */
static int ends_like_based(const char *s, size_t n)
{
  static const char *const suffixes[] = { "-based", "-born", "-registered", "-led", "-owned",
                                          "-made", "-controlled", "-backed", "-run", "-listed",
                                          "-bound", "-sponsored", NULL };
  size_t i;
  for (i = 0; suffixes[i]; i++) {
    size_t k = strlen(suffixes[i]);
    if (n > k && memcmp(s + n - k, suffixes[i], k) == 0) return 1;
  }
  return 0;
}

/* I'm, You'd, We'll, They're, I've, He's ... and don't, can't: contractions
 * are never names, capitalized or not. */
static int is_contraction(const char *s, size_t n)
{
  static const char *const subjects[] = { "I", "You", "We", "They", "He", "She", "It", "That",
                                          "There", "What", "Who", "Here", "Let", NULL };
  static const char *const tails[] = { "m", "d", "ll", "re", "ve", "s", NULL };
  size_t i, j;
  /* n't or n’t at the end */
  if (n >= 3 && memcmp(s + n - 3, "n't", 3) == 0) return 1;
  if (n >= 5 && memcmp(s + n - 5, "n\342\200\231t", 5) == 0) return 1;
  for (i = 0; subjects[i]; i++) {
    size_t k = strlen(subjects[i]);
    if (n <= k || memcmp(s, subjects[i], k) != 0) continue;
    for (j = 0; tails[j]; j++) {
      size_t t = strlen(tails[j]);
      if (n == k + 1 + t && s[k] == '\'' && memcmp(s + k + 1, tails[j], t) == 0) return 1;
      if (n == k + 3 + t && memcmp(s + k, "\342\200\231", 3) == 0 &&
          memcmp(s + k + 3, tails[j], t) == 0)
        return 1;
    }
  }
  return 0;
}

static int is_ascii_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_ascii_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_ascii_digit(int c) { return c >= '0' && c <= '9'; }

/* [A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*  |  [A-Z]\.  |  Mc[A-Z][a-z]+  |  O'[A-Z][a-z]+ */
static int name_shaped(const char *s, size_t n)
{
  size_t i = 1;
  if (n < 2 || !is_ascii_upper((unsigned char)s[0])) return 0;
  if (n == 2 && s[1] == '.') return 1;
  if ((s[0] == 'M' && s[1] == 'c') || (s[0] == 'O' && s[1] == '\'')) {
    size_t k = 2;
    if (k < n && is_ascii_upper((unsigned char)s[k])) {
      k++;
      if (k < n) {
        while (k < n && is_ascii_lower((unsigned char)s[k])) k++;
        if (k == n) return 1;
      }
    }
  }
  if (!is_ascii_lower((unsigned char)s[1])) return 0;
  while (i < n && is_ascii_lower((unsigned char)s[i])) i++;
  while (i < n) {
    size_t start;
    if (s[i] != '-' && s[i] != '\'') return 0;
    i++;
    if (i < n && is_ascii_upper((unsigned char)s[i])) i++;
    start = i;
    while (i < n && is_ascii_lower((unsigned char)s[i])) i++;
    if (i == start) return 0;
  }
  return 1;
}

uint32_t nn_entity_shape(const char *s, size_t n, uint32_t *nchars)
{
  const unsigned char *u = (const unsigned char *)s;
  uint32_t shape = 0, chars = 0, letters = 0;
  int cased = 0, upper = 0, all_letters_upper = 1, all_alpha = 1, numeric = 1,
      ascii = 1;
  size_t i = 0, digits_lead = 0;
  while (i < n) {
    int32_t cp;
    size_t k = nn_utf8_decode(u + i, n - i, &cp);
    const nn_uniprop *p = nn_uniprop_of(cp < 0 ? 0xFFFD : cp);
    int letter = cp >= 0 && (p->flags & NN_UF_ALPHABETIC);
    int up = cp >= 0 && (p->gc == NN_GC_LU || p->gc == NN_GC_LT);
    int lo = cp >= 0 && p->gc == NN_GC_LL;
    if (cp < 0 || cp >= 0x80) ascii = 0;
    if (chars == 0) {
      if (up) shape |= NN_SH_CAP;
      if (lo) shape |= NN_SH_LOW_FIRST;
      if (letter) shape |= NN_SH_ALPHA_FIRST;
    }
    if (letter) {
      letters++;
      if (!(p->flags & NN_UF_UPPERCASE)) all_letters_upper = 0;
    } else {
      all_alpha = 0;
    }
    if (up) upper = 1, cased = 1;
    if (lo) cased = 1;
    if (cp >= 0 && cp < 0x80 && is_ascii_digit(cp)) shape |= NN_SH_DIGIT;
    if (cp == '-') shape |= NN_SH_HYPHEN;
    if (cp == '.') shape |= NN_SH_PERIOD;
    if (!(cp >= 0 && cp < 0x80 && (is_ascii_digit(cp) || cp == '.' || cp == ',' || cp == ':' ||
                                   cp == '/' || cp == '+' || cp == '-')))
      numeric = 0;
    chars++;
    i += k;
  }
  if (letters > 0) shape |= NN_SH_ALPHA;
  if (letters > 0 && all_letters_upper) shape |= NN_SH_ALLCAPS;
  if (cased && !upper) shape |= NN_SH_LOWER;
  if (letters >= 2) shape |= NN_SH_LETTERS2;
  if (n > 0 && all_alpha) shape |= NN_SH_ALL_ALPHA;
  if (n > 0 && numeric) shape |= NN_SH_NUMERIC;
  if (ascii) shape |= NN_SH_ASCII;
  /* digits */
  while (digits_lead < n && is_ascii_digit(u[digits_lead])) digits_lead++;
  if (digits_lead == 2 && n == 2) shape |= NN_SH_TWO_DIGITS;
  if (digits_lead >= 1 && digits_lead <= 3 && digits_lead < n && s[digits_lead] == '-') {
    size_t k = digits_lead + 1;
    while (k < n && is_ascii_digit(u[k])) k++;
    if (k == n && k - digits_lead - 1 >= 1 && k - digits_lead - 1 <= 3) shape |= NN_SH_SCORE;
  }
  if (n >= 10 && digits_lead == 4 && s[4] == '-' && is_ascii_digit(u[5]) && is_ascii_digit(u[6]) &&
      s[7] == '-' && is_ascii_digit(u[8]) && is_ascii_digit(u[9]))
    shape |= NN_SH_ISO_DATE;
  if (ends_like_based(s, n)) shape |= NN_SH_BASED;
  if (is_contraction(s, n)) shape |= NN_SH_CONTRACTION;
  if (name_shaped(s, n)) shape |= NN_SH_NAME_SHAPE;
  *nchars = chars;
  return shape;
}
