/* Word counting on the token stream; see nn_count.h.
 *
 * The keys live in an nn_strmap (the counter's public result).  Short ASCII
 * tokens (nine in ten in English news) are read as one or two 64-bit words,
 * masked to their length, lowercased when casefolding, and marked at their
 * last byte (most by the tokenizer as it finds them, nn_tokenizer_fill_keys;
 * the others here from their records), and looked up in the
 * counter's own open-addressing index: keys of up to eight bytes in a table
 * of 16-byte slots, longer ones in 32-byte slots.  A slot holds the key and
 * its count while a text is being counted, so that counting such a word
 * reads and writes one slot, without touching the map.  Other tokens are
 * counted in the map. */
#include <string.h>

#include "nn_count.h"

/* A table starts with MIN_SLOTS slots, or more for a longer text, up to
 * FIRST_SLOTS: about one slot per eight bytes of text, and no more than
 * the text's distinct words are likely to need (first_slots). */
#define MIN_BITS 6
#define MIN_SLOTS ((size_t)1 << MIN_BITS)
#define FIRST_SLOTS ((size_t)1 << 17)

static void table_init(nn_count_table *t, const nn_allocator *a)
{
  t->slots = NULL;
  t->count = 0;
  t->shift = 64;
  t->used = 0;
  nn_buf_init(&t->touched, a);
}

static void table_free(nn_count_table *t, const nn_allocator *a, size_t slot_size)
{
  nn_free(a, t->slots, t->count * slot_size);
  nn_buf_free(&t->touched);
  table_init(t, a);
}

void nn_count_init(nn_counter *c, const nn_allocator *a)
{
  nn_strmap_init(&c->map, a);
  c->counts = NULL;
  c->counts_cap = 0;
  c->stopwords = 0;
  nn_buf_init(&c->fold, a);
  table_init(&c->shorts, a);
  table_init(&c->longs, a);
}

void nn_count_free(nn_counter *c)
{
  const nn_allocator *a = c->map.alloc;
  table_free(&c->shorts, a, sizeof(nn_count_short));
  table_free(&c->longs, a, sizeof(nn_count_slot));
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
  table_free(&c->shorts, c->map.alloc, sizeof(nn_count_short));
  table_free(&c->longs, c->map.alloc, sizeof(nn_count_slot));
  return NN_OK;
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

/* ---- the index of short ASCII keys ---------------------------------------- */


/* A batch's tokens are noted in the bits of a uint32_t. */
typedef char batch_fits_bits[NN_TOKENIZER_BATCH <= 32 ? 1 : -1];

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_WORDS 1
#define LANES(x) ((uint64_t)0x0101010101010101ULL * (x))
#define MUL1 0x9E3779B97F4A7C15ULL
#define MUL2 0xC2B2AE3D27D4EB4FULL
/* A table grows to at most this many slots (indices in 32 bits). */
#define MAX_SLOTS ((size_t)1 << 31)

/* The lowercase of the ASCII letters A-Z in the eight byte lanes of w. */
static inline uint64_t lower_lanes(uint64_t w)
{
  uint64_t upper = (((w | LANES(0x80)) - LANES('A')) & ~w & LANES(0x80)) &
                   ((LANES(0x80 | 'Z') - w) & LANES(0x80));
  return w | (upper >> 2);
}

/* The first n bytes (0 < n <= 8) of the word w, zero-padded. */
static inline uint64_t first_bytes(uint64_t w, size_t n)
{
  return w & (~(uint64_t)0 >> (64 - 8 * n));
}

/* Bit 7 of byte n - 1: the mark of a key's last byte. */
static inline uint64_t end_mark(size_t n)
{
  return (uint64_t)0x80 << (8 * n - 8);
}

/* The hash of a marked key (h1 is 0 for up to eight bytes): a multiply,
 * whose high bits, which pick a slot, depend on every bit of the key. */
static inline uint64_t key_hash(uint64_t h0, uint64_t h1)
{
  return (h0 ^ (h1 * MUL2)) * MUL1;
}

/* Puts a key in the first empty slot of its probe sequence; returns the slot. */
static size_t place_short(nn_count_table *t, uint64_t key, uint32_t id, uint64_t hash)
{
  nn_count_short *slots = (nn_count_short *)t->slots;
  size_t mask = t->count - 1, i = (size_t)(hash >> t->shift);
  while (slots[i].key != 0) i = (i + 1) & mask;
  slots[i].key = key;
  slots[i].id = id;
  slots[i].pending = 0;
  return i;
}

static size_t place_long(nn_count_table *t, uint64_t h0, uint64_t h1, uint32_t id, uint64_t hash)
{
  nn_count_slot *slots = (nn_count_slot *)t->slots;
  size_t mask = t->count - 1, i = (size_t)(hash >> t->shift);
  while (slots[i].head[1] != 0) i = (i + 1) & mask;
  slots[i].head[0] = h0;
  slots[i].head[1] = h1;
  slots[i].id = id;
  slots[i].pending = 0;
  slots[i].hash = (uint32_t)(hash >> 32);
  slots[i].unused = 0;
  return i;
}

/* The pending count of slot i of a table, and its id. */
static inline uint32_t *pending_of(nn_count_table *t, int longs, size_t i, uint32_t *id)
{
  if (longs) {
    nn_count_slot *slot = (nn_count_slot *)t->slots + i;
    *id = slot->id;
    return &slot->pending;
  } else {
    nn_count_short *slot = (nn_count_short *)t->slots + i;
    *id = slot->id;
    return &slot->pending;
  }
}

/* Adds the counts pending in a table's slots to c->counts (a stopword's
 * are dropped). */
static void flush_table(nn_counter *c, nn_count_table *t, int longs)
{
  const uint32_t *touched = (const uint32_t *)(const void *)t->touched.data;
  size_t i, n = t->touched.len / sizeof *touched;
  for (i = 0; i < n; i++) {
    uint32_t id, *pending = pending_of(t, longs, touched[i], &id);
    if (id >= c->stopwords) c->counts[id] += *pending;
    *pending = 0;
  }
  t->touched.len = 0;
}

static void flush(nn_counter *c)
{
  flush_table(c, &c->shorts, 0);
  flush_table(c, &c->longs, 1);
}

/* Makes room for one more key in a table: at most half its slots are in
 * use.  Pending counts are flushed first.  An empty table starts with at
 * least MIN_SLOTS slots, and with `first` when that is more (up to
 * FIRST_SLOTS). */
static int grow_table(nn_counter *c, nn_count_table *t, int longs, size_t first)
{
  const size_t size = longs ? sizeof(nn_count_slot) : sizeof(nn_count_short);
  nn_count_table old = *t;
  size_t bytes, i;
  void *slots;
  if (t->count && (t->used + 1) * 2 <= t->count) return NN_OK;
  if (t->count >= MAX_SLOTS) return NN_ETOOBIG;
  if (t->count) {
    t->count *= 2;
    t->shift--;
  } else {
    t->count = MIN_SLOTS;
    t->shift = 64 - MIN_BITS;
    while (t->count < first && t->count < FIRST_SLOTS) {
      t->count *= 2;
      t->shift--;
    }
  }
  if (nn_mul_overflows(t->count, size, &bytes)) {
    *t = old;
    return NN_ETOOBIG;
  }
  if (!(slots = nn_alloc(c->map.alloc, bytes))) {
    *t = old;
    return NN_ENOMEM;
  }
  memset(slots, 0, bytes);
  t->slots = slots;
  if (old.slots) {
    flush_table(c, &old, longs);
    t->touched = old.touched;   /* emptied by the flush */
    for (i = 0; i < old.count; i++) {
      if (longs) {
        const nn_count_slot *o = (const nn_count_slot *)old.slots + i;
        if (o->head[1] != 0) place_long(t, o->head[0], o->head[1], o->id, (uint64_t)o->hash << 32);
      } else {
        const nn_count_short *o = (const nn_count_short *)old.slots + i;
        if (o->key != 0) place_short(t, o->key, o->id, key_hash(o->key, 0));
      }
    }
  }
  nn_free(c->map.alloc, old.slots, old.count * size);
  return NN_OK;
}

/* The first count of a slot in a text, or the count after 2^32 - 1 pending
 * ones: the slot is noted for flush, or 2^32 added to counts[id]. */
NN_NOINLINE static int noted(nn_counter *c, nn_count_table *t, uint32_t *pending, uint32_t id,
                             size_t i)
{
  uint32_t at = (uint32_t)i;
  int rc;
  if (*pending == 0) {   /* wrapped around; the slot is noted already */
    if (id >= c->stopwords) c->counts[id] += (uint64_t)UINT32_MAX + 1;
    return NN_OK;
  }
  if ((rc = nn_buf_append(&t->touched, (const char *)&at, sizeof at)) != NN_OK) *pending = 0;
  return rc;
}

/* Counts one occurrence in slot i: counts are kept in the slot while a text
 * is counted (a stopword's too: flush drops them). */
static inline int tally(nn_counter *c, nn_count_table *t, uint32_t *pending, uint32_t id, size_t i)
{
  return ++*pending > 1 ? NN_OK : noted(c, t, pending, id, i);
}

/* Counts a key that the index lacks: looked up in the map (added when new:
 * a stopword is there already) and put in the index.  The key's bytes are
 * the marked words with bit 7 of every byte cleared. */
static int add_key(nn_counter *c, int longs, uint64_t h0, uint64_t h1, size_t n, uint64_t hash)
{
  nn_count_table *t = longs ? &c->longs : &c->shorts;
  uint64_t words[2];
  uint32_t id;
  size_t i;
  int rc;
  if ((rc = grow_table(c, t, longs, 0)) != NN_OK) return rc;
  words[0] = h0 & LANES(0x7F);
  words[1] = h1 & LANES(0x7F);
  rc = nn_strmap_intern(&c->map, (const char *)words, n, &id);
  if (rc < 0) return rc;
  if ((rc = reserve_count(c, id)) != NN_OK) return rc;
  t->used++;
  if (longs) {
    i = place_long(t, h0, h1, id, hash);
    return tally(c, t, &((nn_count_slot *)t->slots)[i].pending, id, i);
  }
  i = place_short(t, h0, id, hash);
  return tally(c, t, &((nn_count_short *)t->slots)[i].pending, id, i);
}
/* Counts a key that the index may lack (it lacked it when its batch was
 * looked up; an earlier token of the batch may have added it since). */
static int count_key(nn_counter *c, const uint64_t words[2], size_t n, uint64_t hash)
{
  const uint64_t h0 = words[0], h1 = words[1];
  size_t i;
  if (h1 == 0) {
    nn_count_table *tb = &c->shorts;
    for (i = (size_t)(hash >> tb->shift);; i = (i + 1) & (tb->count - 1)) {
      nn_count_short *slot = (nn_count_short *)tb->slots + i;
      if (slot->key == h0) return tally(c, tb, &slot->pending, slot->id, i);
      if (slot->key == 0) return add_key(c, 0, h0, 0, n, hash);
    }
  } else {
    nn_count_table *tb = &c->longs;
    for (i = (size_t)(hash >> tb->shift);; i = (i + 1) & (tb->count - 1)) {
      nn_count_slot *slot = (nn_count_slot *)tb->slots + i;
      if (slot->head[0] == h0 && slot->head[1] == h1) return tally(c, tb, &slot->pending, slot->id, i);
      if (slot->head[1] == 0) return add_key(c, 1, h0, h1, n, hash);
    }
  }
}

/* The key of a token the tokenizer gave as a record, as nn_token_keys has
 * it: an ASCII token of up to sixteen bytes, with sixteen bytes to read
 * from its start (eight for up to eight); its length, or 0 for the map. */
static size_t record_key(const nn_token *tok, const char *s, size_t len, int casefold,
                         uint64_t words[2])
{
  size_t klen = tok->len;
  uint64_t h0, h1;
  if (!(tok->flags & NN_TF_ASCII)) return 0;
  if (klen <= 8 && len - tok->start >= 8) {
    memcpy(&h0, s + tok->start, 8);
    h0 = first_bytes(h0, klen);
    if (casefold) h0 = lower_lanes(h0);
    words[0] = h0 | end_mark(klen);
    words[1] = 0;
    return klen;
  }
  if (klen <= 16 && len - tok->start >= 16) {
    memcpy(&h0, s + tok->start, 8);
    memcpy(&h1, s + tok->start + 8, 8);
    h1 = first_bytes(h1, klen - 8);
    if (casefold) {
      h0 = lower_lanes(h0);
      h1 = lower_lanes(h1);
    }
    words[0] = h0;
    words[1] = h1 | end_mark(klen - 8);
    return klen;
  }
  return 0;
}
#else
static void flush(nn_counter *c)
{
  (void)c;
}
#endif

/* How many slots a table starts with for a text of len bytes: one per
 * eight bytes (per 32 for the long keys), but no more than `per` times the
 * text's square root (rounded up to a power of two), about twice the
 * distinct words of that many bytes of news (Heaps' law: 87,000 in 21 MB,
 * 7,300 in 300 kB), so that the table need not grow again and again on a
 * long text. */
static size_t first_slots(size_t len, size_t per_byte, size_t per)
{
  size_t root = 1;
  while (root < ((size_t)1 << 24) && root < len / root) root *= 2;
  return len / per_byte < per * root ? len / per_byte : per * root;
}

int nn_count_text(nn_counter *c, const char *s, size_t len, const nn_count_opts *opts)
{
  nn_tokenizer t;
#ifdef LITTLE_ENDIAN_WORDS
  nn_token_keys read;
#endif
  const size_t min = opts->min_chars;
  const int casefold = opts->casefold != 0;
  unsigned k, n;
  int rc = nn_tokenizer_init(&t, s, len, &opts->tokens);
  if (rc != NN_OK) return rc;
#ifdef LITTLE_ENDIAN_WORDS
  if (!c->shorts.slots) {
    /* the map and the counts too are made about as large as the tables'
     * keys are likely to need */
    const size_t shorts = first_slots(len, 8, 16), longs = first_slots(len, 32, 8);
    const size_t keys = c->map.count + shorts / 2 + longs / 2;
    if ((rc = nn_strmap_reserve(&c->map, keys)) != NN_OK) return rc;
    if ((rc = reserve_count(c, (uint32_t)keys)) != NN_OK) return rc;
    if ((rc = grow_table(c, &c->shorts, 0, shorts)) != NN_OK) return rc;
    if (!c->longs.slots && (rc = grow_table(c, &c->longs, 1, longs)) != NN_OK) return rc;
  }
  if (!c->longs.slots && (rc = grow_table(c, &c->longs, 1, first_slots(len, 32, 8))) != NN_OK)
    return rc;
#else
  (void)min;
  (void)casefold;
#endif
  /* The tokenizer's batches: first the keys of the short ASCII tokens (read
   * by the tokenizer, or here from a token's record) and their hashes, with
   * their slots prefetched; then the counts of the keys found in the index,
   * the short ones and the long ones apart (few branches to mispredict);
   * then, in the order of the text, the keys the index lacks and the other
   * tokens, so that the map gives ids in the order of first occurrence. */
#ifdef LITTLE_ENDIAN_WORDS
  while ((n = nn_tokenizer_fill_keys(&t, &read, casefold)) != 0) {
    uint64_t hashes[NN_TOKENIZER_BATCH];
    unsigned char in_shorts[NN_TOKENIZER_BATCH], in_longs[NN_TOKENIZER_BATCH];
    unsigned n_shorts = 0, n_longs = 0, j;
    uint32_t later = 0;                        /* bit k: token k is counted in order */
    nn_count_short *shorts = (nn_count_short *)c->shorts.slots;
    nn_count_slot *longs = (nn_count_slot *)c->longs.slots;
    const unsigned short_shift = c->shorts.shift, long_shift = c->longs.shift;
    const size_t short_mask = c->shorts.count - 1, long_mask = c->longs.count - 1;
    for (k = 0; k < n; k++) {
      size_t klen = read.len[k];
      uint64_t h0, h1, hash, pick;
      uintptr_t at_short, at_long;
      int is_long;
      if (klen == 0 && (klen = record_key(&t.batch[k], s, len, casefold, read.words[k])) == 0) {
        later |= (uint32_t)1 << k;
        continue;
      }
      read.len[k] = (uint8_t)klen;
      /* An ASCII key has as many characters as bytes. */
      if (klen < min) continue;
      h0 = read.words[k][0];
      h1 = read.words[k][1];
      hash = key_hash(h0, h1);
      is_long = h1 != 0;
      /* Either table, chosen without a branch (one in ten keys is long). */
      pick = (uint64_t)0 - (uint64_t)is_long;
      hashes[k] = hash;
      at_short = (uintptr_t)(shorts + (size_t)(hash >> short_shift));
      at_long = (uintptr_t)(longs + (size_t)(hash >> long_shift));
      NN_PREFETCH((const void *)(at_short ^ ((at_short ^ at_long) & (uintptr_t)pick)));
      in_shorts[n_shorts] = (unsigned char)k;
      in_longs[n_longs] = (unsigned char)k;
      n_shorts += !is_long;
      n_longs += is_long;
    }
    for (j = 0; j < n_shorts; j++) {
      const unsigned kk = in_shorts[j];
      const uint64_t key = read.words[kk][0];
      size_t i;
      for (i = (size_t)(hashes[kk] >> short_shift);; i = (i + 1) & short_mask) {
        nn_count_short *slot = shorts + i;
        if (slot->key == key) {
          if ((rc = tally(c, &c->shorts, &slot->pending, slot->id, i)) != NN_OK) goto done;
          break;
        }
        if (slot->key == 0) {
          later |= (uint32_t)1 << kk;
          break;
        }
      }
    }
    for (j = 0; j < n_longs; j++) {
      const unsigned kk = in_longs[j];
      const uint64_t h0 = read.words[kk][0], h1 = read.words[kk][1];
      size_t i;
      for (i = (size_t)(hashes[kk] >> long_shift);; i = (i + 1) & long_mask) {
        nn_count_slot *slot = longs + i;
        if (slot->head[0] == h0 && slot->head[1] == h1) {
          if ((rc = tally(c, &c->longs, &slot->pending, slot->id, i)) != NN_OK) goto done;
          break;
        }
        if (slot->head[1] == 0) {
          later |= (uint32_t)1 << kk;
          break;
        }
      }
    }
    while (later) {
      k = nn_ctz64(later);
      later &= later - 1;
      if (read.len[k] == 0) rc = count_other(c, s, &t.batch[k], opts);
      else rc = count_key(c, read.words[k], read.len[k], hashes[k]);
      if (rc != NN_OK) goto done;
    }
    t.head = t.count;
  }
#else
  while ((n = nn_tokenizer_fill(&t)) != 0) {
    for (k = 0; k < n; k++)
      if ((rc = count_other(c, s, &t.batch[k], opts)) != NN_OK) goto done;
    t.head = t.count;
  }
#endif
done:
  flush(c);
  return rc;
}
