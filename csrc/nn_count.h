/* Word counting in C: tokens (nn_tokenize.h) interned into an nn_strmap,
 * with a count per id, so that no token string is built for the caller.
 *
 *   nn_counter c;
 *   nn_count_init(&c, &nn_default_allocator);
 *   nn_count_stopword(&c, "the", 3, 1);            (optional, before counting)
 *   if (nn_count_text(&c, s, len, &opts) != NN_OK) ... out of memory ...
 *   for (id = c.stopwords; id < c.map.count; id++)
 *     ... nn_strmap_key(&c.map, id, &n) was seen c.counts[id] times ...
 *   nn_count_free(&c);
 *
 * Several texts may be counted into one counter.  Keys are the token texts,
 * casefolded when asked (nn_token_casefold). */
#ifndef NN_COUNT_H
#define NN_COUNT_H

#include "nn_core.h"
#include "nn_strmap.h"
#include "nn_tokenize.h"

/* The counter's own index of its short ASCII keys, in two tables: keys of
 * up to eight bytes in 16-byte slots, keys of nine to sixteen in 32-byte
 * ones.  A slot holds the key's bytes (zero-padded, with bit 7 of its last
 * byte set: ASCII leaves that bit free, so the word gives the length too)
 * and its count while a text is being counted, so that counting such a word
 * reads and writes one slot and nothing else. */
typedef struct nn_count_short {
  uint64_t key;          /* the key's bytes, little-endian, marked; 0: an empty slot */
  uint32_t id;
  uint32_t pending;      /* counted here, not yet added to counts[id] */
} nn_count_short;

typedef struct nn_count_slot {
  uint64_t head[2];      /* the key's bytes, little-endian, zero-padded, marked; head[1] 0: empty */
  uint32_t id;
  uint32_t pending;      /* counted here, not yet added to counts[id] */
  uint32_t hash;         /* the high half of the key's hash, which picks the slot */
  uint32_t unused;
} nn_count_slot;

/* One table of the index: slots (nn_count_short or nn_count_slot) by the
 * high bits of their keys' hashes, with linear probing. */
typedef struct nn_count_table {
  void *slots;           /* or NULL */
  size_t count;          /* a power of two, at least twice `used` */
  unsigned shift;        /* 64 - log2(count): hash >> shift picks a slot */
  size_t used;
  nn_buf touched;        /* uint32_t indices of the slots with a pending count */
} nn_count_table;

typedef struct nn_counter {
  nn_strmap map;         /* key -> id; ids below `stopwords` are stopwords */
  uint64_t *counts;      /* counts[id]; 0 for stopwords */
  size_t counts_cap;
  size_t stopwords;      /* how many stopwords were added */
  nn_buf fold;           /* scratch for casefolded keys */
  nn_count_table shorts; /* short ASCII keys of `map` of up to 8 bytes (nn_count_short) */
  nn_count_table longs;  /* of 9 to 16 bytes (nn_count_slot) */
} nn_counter;

typedef struct nn_count_opts {
  nn_tokenizer_opts tokens;  /* which tokens, how to split them (kinds 0: all kinds) */
  int casefold;              /* count casefolded keys ("The" and "the" together) */
  size_t min_chars;          /* skip keys shorter than this many code points */
} nn_count_opts;

void nn_count_init(nn_counter *c, const nn_allocator *a);
void nn_count_free(nn_counter *c);

/* Adds a stopword (casefolded first when casefold is set, which is what
 * nn_count_text compares with when it casefolds too).  Stopwords must all be
 * added before the first nn_count_text: NN_EARG otherwise.  NN_OK, NN_ENOMEM. */
int nn_count_stopword(nn_counter *c, const char *s, size_t n, int casefold);

/* Counts the tokens of s[0..len).  NN_OK, NN_ENOMEM or NN_ETOOBIG (the counter
 * keeps what it counted before), or NN_EARG for bad tokenizer options. */
int nn_count_text(nn_counter *c, const char *s, size_t len, const nn_count_opts *opts);

#endif
