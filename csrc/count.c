/* Word counting on the token stream; see nn_count.h.
 *
 * The keys live in an nn_strmap (the counter's public result).  Short ASCII
 * tokens (nine in ten in English news) are read as two 64-bit words, masked
 * to their length and lowercased eight bytes at a time when casefolding, and
 * looked up in the counter's own open-addressing index: a slot holds the
 * key's first sixteen bytes and its count while a text is being counted, so
 * that counting such a word reads and writes one slot, without touching the
 * map.  Other tokens are counted in the map. */
#include <string.h>

#include "nn_count.h"

#define MIN_SLOTS 1024

void nn_count_init(nn_counter *c, const nn_allocator *a)
{
  nn_strmap_init(&c->map, a);
  c->counts = NULL;
  c->counts_cap = 0;
  c->stopwords = 0;
  nn_buf_init(&c->fold, a);
  nn_buf_init(&c->touched, a);
  c->slots = NULL;
  c->slot_count = 0;
  c->slot_used = 0;
}

void nn_count_free(nn_counter *c)
{
  const nn_allocator *a = c->map.alloc;
  nn_free(a, c->slots, c->slot_count * sizeof *c->slots);
  nn_free(a, c->counts, c->counts_cap * sizeof *c->counts);
  nn_strmap_free(&c->map);
  nn_buf_free(&c->fold);
  nn_buf_free(&c->touched);
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

/* The key for s[0..n): the bytes themselves, or their case folding in
 * c->fold (through a table when they are ASCII). */
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
  /* The index is made from the map when counting starts. */
  nn_free(c->map.alloc, c->slots, c->slot_count * sizeof *c->slots);
  c->slots = NULL;
  c->slot_count = 0;
  c->slot_used = 0;
  return NN_OK;
}

/* ---- the index of keys ---------------------------------------------------- */

#define MUL1 0x9E3779B97F4A7C15ULL
#define MUL2 0xC2B2AE3D27D4EB4FULL

/* The slot hash of a key of up to sixteen bytes, from its head and length.
 * Its high half picks the slot. */
static inline uint64_t head_hash(uint64_t h0, uint64_t h1, size_t n)
{
  return ((h0 ^ (uint64_t)n) * MUL1) ^ (h1 * MUL2);
}

/* Puts an id in the first empty slot of its probe sequence; returns the slot. */
static size_t place(nn_count_slot *slots, size_t mask, const uint64_t head[2], size_t n,
                    uint32_t id, uint64_t hash)
{
  size_t i = (size_t)(hash >> 32) & mask;
  while (slots[i].len != 0) i = (i + 1) & mask;
  slots[i].head[0] = head[0];
  slots[i].head[1] = head[1];
  slots[i].len = (uint32_t)n;
  slots[i].id = id;
  slots[i].pending = 0;
  slots[i].hash = (uint32_t)(hash >> 32);
  return i;
}

/* Adds the counts pending in the slots to c->counts. */
static void flush(nn_counter *c)
{
  const uint32_t *touched = (const uint32_t *)(const void *)c->touched.data;
  size_t i, n = c->touched.len / sizeof *touched;
  for (i = 0; i < n; i++) {
    nn_count_slot *slot = &c->slots[touched[i]];
    c->counts[slot->id] += slot->pending;
    slot->pending = 0;
  }
  c->touched.len = 0;
}

/* Makes room for one more key: at most half the slots are in use.  Pending
 * counts are flushed first. */
static int grow_slots(nn_counter *c)
{
  size_t count = c->slot_count ? c->slot_count * 2 : MIN_SLOTS, bytes, i;
  nn_count_slot *slots;
  if (c->slot_count && (c->slot_used + 1) * 2 <= c->slot_count) return NN_OK;
  while ((c->slot_used + 1) * 2 > count) count *= 2;
  if (nn_mul_overflows(count, sizeof *slots, &bytes)) return NN_ETOOBIG;
  slots = nn_alloc(c->map.alloc, bytes);
  if (!slots) return NN_ENOMEM;
  memset(slots, 0, bytes);
  if (c->slots) {
    flush(c);
    for (i = 0; i < c->slot_count; i++) {
      const nn_count_slot *old = &c->slots[i];
      if (old->len != 0)
        place(slots, count - 1, old->head, old->len, old->id, (uint64_t)old->hash << 32);
    }
  }
  nn_free(c->map.alloc, c->slots, c->slot_count * sizeof *c->slots);
  c->slots = slots;
  c->slot_count = count;
  return NN_OK;
}

/* Counts one occurrence in slot i (not a stopword's): pending counts are
 * kept in the slot, and the slot noted for flush. */
static inline int tally(nn_counter *c, size_t i)
{
  nn_count_slot *slot = &c->slots[i];
  if (slot->id < c->stopwords) return NN_OK;
  if (slot->pending == UINT32_MAX) {   /* a count that outgrows the slot */
    c->counts[slot->id] += slot->pending;
    slot->pending = 0;
  }
  if (slot->pending++ == 0) {
    uint32_t at = (uint32_t)i;
    int rc = nn_buf_append(&c->touched, (const char *)&at, sizeof at);
    if (rc != NN_OK) {
      slot->pending--;
      return rc;
    }
  }
  return NN_OK;
}

/* Counts the key of n bytes (0 < n <= 16) whose head and hash are given: a
 * key the index lacks is looked up in the map (added when new: a stopword
 * is there already) and put in the index. */
static int count_key(nn_counter *c, size_t n, const uint64_t head[2], uint64_t hash)
{
  size_t mask = c->slot_count - 1, i;
  uint32_t id;
  char key[16];
  int rc;
  for (i = (size_t)(hash >> 32) & mask; c->slots[i].len != 0; i = (i + 1) & mask) {
    const nn_count_slot *slot = &c->slots[i];
    if (slot->len == n && slot->head[0] == head[0] && slot->head[1] == head[1]) return tally(c, i);
  }
  if ((rc = grow_slots(c)) != NN_OK) return rc;
  memcpy(key, head, 16);   /* little-endian: the key's bytes */
  rc = nn_strmap_intern(&c->map, key, n, &id);
  if (rc < 0) return rc;
  if ((rc = reserve_count(c, id)) != NN_OK) return rc;
  c->slot_used++;
  return tally(c, place(c->slots, c->slot_count - 1, head, n, id, hash));
}

/* ---- counting ------------------------------------------------------------- */

/* Code points in a key (bytes that do not continue a sequence). */
static size_t chars_in(const char *s, size_t n)
{
  size_t i, k = 0;
  for (i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* Counts a token the short path does not take: non-ASCII, or longer than
 * sixteen bytes, or too near the end of the text to read sixteen bytes.  Its
 * key is looked up in the map, and counted there: the index is for the
 * short path (which finds a key the map has when the index misses it). */
static int count_other(nn_counter *c, const char *s, const nn_token *tok, const nn_count_opts *opts)
{
  const char *key;
  size_t klen;
  uint32_t id;
  /* An ASCII token without an uppercase letter is its own folding. */
  int fold = opts->casefold &&
             !((tok->flags & NN_TF_ASCII) &&
               ((tok->flags & NN_TF_LOWERCASE) || !(tok->flags & NN_TF_HAS_LETTER)));
  int rc = key_of(c, s + tok->start, tok->len, fold, (tok->flags & NN_TF_ASCII) != 0, &key, &klen);
  if (rc != NN_OK) return rc;
  if (opts->min_chars > 1 &&
      (klen < opts->min_chars ||
       ((tok->flags & NN_TF_ASCII) ? klen : chars_in(key, klen)) < opts->min_chars))
    return NN_OK;
  rc = nn_strmap_intern(&c->map, key, klen, &id);
  if (rc < 0) return rc;
  if (rc == 1 && (rc = reserve_count(c, id)) != NN_OK) return rc;
  if (id >= c->stopwords) c->counts[id]++;
  return NN_OK;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_WORDS 1
#define LANES(x) ((uint64_t)0x0101010101010101ULL * (x))

/* The lowercase of the ASCII letters A-Z in the eight byte lanes of w. */
static inline uint64_t lower_lanes(uint64_t w)
{
  uint64_t upper = (((w | LANES(0x80)) - LANES('A')) & ~w & LANES(0x80)) &
                   ((LANES(0x80 | 'Z') - w) & LANES(0x80));
  return w | (upper >> 2);
}
#endif

/* The masks of the first sixteen bytes that keep a key of n bytes. */
static const uint64_t head_masks[17][2] = {
  { 0, 0 },
  { 0xFF, 0 }, { 0xFFFF, 0 }, { 0xFFFFFF, 0 }, { 0xFFFFFFFFULL, 0 },
  { 0xFFFFFFFFFFULL, 0 }, { 0xFFFFFFFFFFFFULL, 0 }, { 0xFFFFFFFFFFFFFFULL, 0 },
  { ~0ULL, 0 }, { ~0ULL, 0xFF }, { ~0ULL, 0xFFFF }, { ~0ULL, 0xFFFFFF }, { ~0ULL, 0xFFFFFFFFULL },
  { ~0ULL, 0xFFFFFFFFFFULL }, { ~0ULL, 0xFFFFFFFFFFFFULL }, { ~0ULL, 0xFFFFFFFFFFFFFFULL },
  { ~0ULL, ~0ULL },
};

int nn_count_text(nn_counter *c, const char *s, size_t len, const nn_count_opts *opts)
{
  nn_tokenizer t;
  const size_t min = opts->min_chars;
  const int casefold = opts->casefold != 0;
  unsigned k, n;
  int rc = nn_tokenizer_init(&t, s, len, &opts->tokens);
  if (rc != NN_OK) return rc;
  if (!c->slots && (rc = grow_slots(c)) != NN_OK) return rc;
  /* The tokenizer's batches, read in place. */
  while ((n = nn_tokenizer_fill(&t)) != 0) {
    for (k = 0; k < n; k++) {
      const nn_token *tok = &t.batch[k];
#ifdef LITTLE_ENDIAN_WORDS
      /* Short ASCII tokens, most of a text: two words hold the key, the
       * slot holds its head.  An ASCII token has as many characters as
       * bytes. */
      if ((tok->flags & NN_TF_ASCII) && tok->len <= 16 && len - tok->start >= 16) {
        uint64_t h0, h1, hash;
        size_t klen = tok->len, mask = c->slot_count - 1, i;
        nn_count_slot *slot;
        memcpy(&h0, s + tok->start, 8);
        memcpy(&h1, s + tok->start + 8, 8);
        h0 &= head_masks[klen][0];
        h1 &= head_masks[klen][1];
        if (casefold) {
          h0 = lower_lanes(h0);
          h1 = lower_lanes(h1);
        }
        if (klen < min) continue;
        hash = head_hash(h0, h1, klen);
        for (i = (size_t)(hash >> 32) & mask;; i = (i + 1) & mask) {
          slot = &c->slots[i];
          if (slot->head[0] == h0 && slot->head[1] == h1 && slot->len == klen) {
            if ((rc = tally(c, i)) != NN_OK) goto done;
            break;
          }
          if (slot->len == 0) {
            uint64_t head[2];
            head[0] = h0;
            head[1] = h1;
            if ((rc = count_key(c, klen, head, hash)) != NN_OK) goto done;
            break;
          }
        }
        continue;
      }
#endif
      if ((rc = count_other(c, s, tok, opts)) != NN_OK) goto done;
    }
    t.head = t.count;
  }
done:
  flush(c);
  return rc;
}
