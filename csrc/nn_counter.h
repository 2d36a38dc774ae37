/* Counting strings: an nn_strmap with per-key counts and, optionally, a
 * document frequency (in how many documents a key occurs).
 *
 * Keys get dense ids in order of first insertion (see nn_strmap.h); the
 * count arrays are indexed by id and grow with the map.  Memory is
 * proportional to the number of distinct keys, never to the text counted. */
#ifndef NN_COUNTER_H
#define NN_COUNTER_H

#include "nn_core.h"
#include "nn_strmap.h"

typedef struct nn_counter {
  nn_strmap map;
  uint64_t *count; /* occurrences, by id */
  uint64_t *df;    /* documents, by id (NULL without document frequencies) */
  uint32_t *seen;  /* by id: the document mark when last counted in df */
  size_t cap;      /* length of count */
  size_t df_cap;   /* length of df and of seen */
  int with_df;
  uint32_t mark;   /* the current document's mark, from 1 */
  uint64_t total;  /* the sum of count */
} nn_counter;

void nn_counter_init(nn_counter *c, const nn_allocator *a, int with_df);
void nn_counter_free(nn_counter *c);
void nn_counter_clear(nn_counter *c);

/* Adds n occurrences of s[0..len); with document frequencies, the key's df
 * grows by one the first time it is seen in the current document.  Stores
 * the id; returns NN_OK, NN_ENOMEM or NN_ETOOBIG (counts would overflow). */
int nn_counter_add(nn_counter *c, const char *s, size_t len, uint64_t n, uint32_t *id);

/* Adds counts and document frequencies directly (merging, loading). */
int nn_counter_add_stats(nn_counter *c, const char *s, size_t len, uint64_t count, uint64_t df,
                         uint32_t *id);

/* Starts a new document for document frequencies. */
void nn_counter_next_document(nn_counter *c);

/* The count of s[0..len) (0 when absent), and its df when df is not NULL. */
uint64_t nn_counter_get(const nn_counter *c, const char *s, size_t len, uint64_t *df);

/* The ids of a map sorted by key bytes (the canonical order of saved
 * files), in an array from the map's allocator (m->count entries; free with
 * nn_free(m->alloc, ids, m->count * sizeof *ids)).  NULL when m is empty. */
int nn_sorted_ids(const nn_strmap *m, uint32_t **ids);

/* The ids of a counter by decreasing count, ties by key bytes; allocated
 * like nn_sorted_ids. */
int nn_counter_ranked_ids(const nn_counter *c, uint32_t **ids);

#endif
