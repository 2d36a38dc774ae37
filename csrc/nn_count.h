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

/* A cache slot: the id of a short ASCII key, whose bytes are the key itself. */
typedef struct nn_count_slot {
  uint64_t key;          /* the key's bytes, little-endian, zero-padded */
  uint32_t id;
  uint32_t len;          /* 0: empty */
} nn_count_slot;

#define NN_COUNT_CACHE 4096  /* slots, a power of two */

typedef struct nn_counter {
  nn_strmap map;         /* key -> id; ids below `stopwords` are stopwords */
  uint64_t *counts;      /* counts[id]; 0 for stopwords */
  size_t counts_cap;
  size_t stopwords;      /* how many stopwords were added */
  nn_buf fold;           /* scratch for casefolded keys */
  nn_count_slot *cache;  /* ids of recent short ASCII keys, or NULL */
  int cache_casefold;    /* the casefold option the cached ids were made with */
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
