/* Word counting on the token stream; see nn_count.h. */
#include <string.h>

#include "nn_count.h"

void nn_count_init(nn_counter *c, const nn_allocator *a)
{
  nn_strmap_init(&c->map, a);
  c->counts = NULL;
  c->counts_cap = 0;
  c->stopwords = 0;
  nn_buf_init(&c->fold, a);
  c->cache = NULL;
  c->cache_casefold = 0;
}

void nn_count_free(nn_counter *c)
{
  const nn_allocator *a = c->map.alloc;
  nn_free(a, c->cache, NN_COUNT_CACHE * sizeof *c->cache);
  nn_free(a, c->counts, c->counts_cap * sizeof *c->counts);
  nn_strmap_free(&c->map);
  nn_buf_free(&c->fold);
  nn_count_init(c, a);
}

/* Makes room for counts[id]. */
static int reserve_count(nn_counter *c, uint32_t id)
{
  size_t cap, bytes;
  uint64_t *p;
  if (id < c->counts_cap) return NN_OK;
  cap = c->counts_cap ? c->counts_cap * 2 : 256;
  while (cap <= id) cap *= 2;
  if (nn_mul_overflows(cap, sizeof *p, &bytes)) return NN_ETOOBIG;
  p = nn_realloc(c->map.alloc, c->counts, c->counts_cap * sizeof *p, bytes);
  if (!p) return NN_ENOMEM;
  memset(p + c->counts_cap, 0, (cap - c->counts_cap) * sizeof *p);
  c->counts = p;
  c->counts_cap = cap;
  return NN_OK;
}

/* The key for s[0..n): the bytes themselves, or their case folding in c->fold. */
static int key_of(nn_counter *c, const char *s, size_t n, int casefold, int ascii,
                  const char **key, size_t *klen)
{
  int rc;
  if (!casefold) {
    *key = s;
    *klen = n;
    return NN_OK;
  }
  c->fold.len = 0;
  if (ascii) {
    size_t i;
    char *out;
    if ((rc = nn_buf_reserve(&c->fold, n)) != NN_OK) return rc;
    out = c->fold.data;
    for (i = 0; i < n; i++) {
      unsigned char b = (unsigned char)s[i];
      out[i] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    c->fold.len = n;
  } else if ((rc = nn_token_casefold(s, n, &c->fold)) != NN_OK) {
    return rc;
  }
  *key = c->fold.data;
  *klen = c->fold.len;
  return NN_OK;
}

int nn_count_stopword(nn_counter *c, const char *s, size_t n, int casefold)
{
  const char *key;
  size_t klen;
  uint32_t id;
  int rc;
  if (c->map.count != c->stopwords) return NN_EARG;
  if ((rc = key_of(c, s, n, casefold, 0, &key, &klen)) != NN_OK) return rc;
  rc = nn_strmap_intern(&c->map, key, klen, &id);
  if (rc < 0) return rc;
  if ((rc = reserve_count(c, id)) != NN_OK) return rc;
  c->stopwords = c->map.count;
  return NN_OK;
}

/* Code points in a key (bytes that do not continue a sequence). */
static size_t chars_in(const char *s, size_t n)
{
  size_t i, k = 0;
  for (i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* The id of a key, interned if new. */
static int id_of(nn_counter *c, const char *s, const nn_token *tok, const nn_count_opts *opts,
                 uint32_t *id)
{
  const char *key;
  size_t klen;
  /* An ASCII token without an uppercase letter is its own folding. */
  int fold = opts->casefold &&
             !((tok->flags & NN_TF_ASCII) &&
               ((tok->flags & NN_TF_LOWERCASE) || !(tok->flags & NN_TF_HAS_LETTER)));
  int rc = key_of(c, s + tok->start, tok->len, fold, (tok->flags & NN_TF_ASCII) != 0, &key, &klen);
  if (rc != NN_OK) return rc;
  if (opts->min_chars > 1 &&
      (klen < opts->min_chars ||
       ((tok->flags & NN_TF_ASCII) ? klen : chars_in(key, klen)) < opts->min_chars))
    return 1;
  rc = nn_strmap_intern(&c->map, key, klen, id);
  if (rc < 0) return rc;
  if (rc == 1 && *id >= c->stopwords && (rc = reserve_count(c, *id)) != NN_OK) return rc;
  return NN_OK;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define COUNT_CACHE 1
#define LANES(x) ((uint64_t)0x0101010101010101ULL * (x))
#endif

int nn_count_text(nn_counter *c, const char *s, size_t len, const nn_count_opts *opts)
{
  nn_tokenizer t;
  nn_token tok;
  int rc = nn_tokenizer_init(&t, s, len, &opts->tokens);
  if (rc != NN_OK) return rc;
#ifdef COUNT_CACHE
  if (!c->cache) {
    c->cache = nn_alloc(c->map.alloc, NN_COUNT_CACHE * sizeof *c->cache);
    if (!c->cache) return NN_ENOMEM;
    memset(c->cache, 0, NN_COUNT_CACHE * sizeof *c->cache);
  }
  /* A cached id belongs to a key made with these options: start afresh when
   * a text is counted with other ones. */
  if (c->cache_casefold != opts->casefold) {
    memset(c->cache, 0, NN_COUNT_CACHE * sizeof *c->cache);
    c->cache_casefold = opts->casefold;
  }
#endif
  while (nn_tokenizer_next(&t, &tok)) {
    uint32_t id;
#ifdef COUNT_CACHE
    /* Short ASCII tokens, most of a text: the key's bytes are the cache key,
     * lowercased eight at a time when casefolding. */
    if ((tok.flags & NN_TF_ASCII) && tok.len <= 8 && tok.start + 8 <= len &&
        tok.len >= opts->min_chars) {
      uint64_t w;
      nn_count_slot *slot;
      memcpy(&w, s + tok.start, 8);
      if (tok.len < 8) w &= ((uint64_t)1 << (8 * tok.len)) - 1;
      if (opts->casefold) {
        uint64_t upper = (((w | LANES(0x80)) - LANES('A')) & ~w & LANES(0x80)) &
                         ((LANES(0x80 | 'Z') - w) & LANES(0x80));
        w |= upper >> 2;
      }
      slot = &c->cache[((w ^ tok.len) * 0x9E3779B97F4A7C15ULL) >> 52];
      if (slot->key == w && slot->len == tok.len) {
        id = slot->id;
      } else {
        if ((rc = id_of(c, s, &tok, opts, &id)) < 0) return rc;
        slot->key = w;
        slot->len = (uint32_t)tok.len;
        slot->id = id;
      }
      if (id >= c->stopwords) c->counts[id]++;
      continue;
    }
#endif
    if ((rc = id_of(c, s, &tok, opts, &id)) < 0) return rc;
    if (rc == 1 || id < c->stopwords) continue;  /* too short, or a stopword */
    c->counts[id]++;
  }
  return NN_OK;
}
