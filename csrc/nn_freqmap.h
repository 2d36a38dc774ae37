/* Counting strings: an nn_strmap with per-key counts and, optionally, a
 * document frequency (in how many documents a key occurs).
 *
 * Keys get dense ids in order of first insertion (see nn_strmap.h); the
 * counts of a key sit together in one record indexed by id, so counting an
 * occurrence touches one cache line.  Memory is proportional to the number
 * of distinct keys, never to the text counted. */
#ifndef NN_FREQMAP_H
#define NN_FREQMAP_H

#include "nn_core.h"
#include "nn_strmap.h"

typedef struct nn_freq {
  uint64_t count; /* occurrences */
  uint64_t df;    /* documents (with document frequencies) */
  uint32_t seen;  /* the document mark when last counted in df */
} nn_freq;

typedef struct nn_freqmap {
  nn_strmap map;
  nn_freq *rec;   /* by id */
  size_t cap;      /* length of rec */
  int with_df;
  uint32_t mark;   /* the current document's mark, from 1 */
  uint64_t total;  /* the sum of the counts */
} nn_freqmap;

void nn_freqmap_init(nn_freqmap *c, const nn_allocator *a, int with_df);
void nn_freqmap_free(nn_freqmap *c);
void nn_freqmap_clear(nn_freqmap *c);

/* Adds n occurrences of s[0..len); with document frequencies, the key's df
 * grows by one the first time it is seen in the current document.  Stores
 * the id when id is not NULL; returns NN_OK, NN_ENOMEM or NN_ETOOBIG (a
 * count would overflow). */
int nn_freqmap_add(nn_freqmap *c, const char *s, size_t len, uint64_t n, uint32_t *id);

/* Adds one occurrence of the key with this id (from an earlier add). */
static inline int nn_freqmap_add_id(nn_freqmap *c, uint32_t id)
{
  nn_freq *r = &c->rec[id];
  if (r->count == UINT64_MAX || c->total == UINT64_MAX) return NN_ETOOBIG;
  r->count++;
  c->total++;
  if (c->with_df && r->seen != c->mark) {
    r->seen = c->mark;
    r->df++;
  }
  return NN_OK;
}

/* Adds counts and document frequencies directly (merging, loading). */
int nn_freqmap_add_stats(nn_freqmap *c, const char *s, size_t len, uint64_t count, uint64_t df,
                         uint32_t *id);

/* Starts a new document for document frequencies. */
void nn_freqmap_next_document(nn_freqmap *c);

/* The count of s[0..len) (0 when absent), and its df when df is not NULL. */
uint64_t nn_freqmap_get(const nn_freqmap *c, const char *s, size_t len, uint64_t *df);

/* The ids of a map sorted by key bytes (the canonical order of saved
 * files), in an array from the map's allocator (m->count entries; free with
 * nn_free(m->alloc, ids, m->count * sizeof *ids)).  NULL when m is empty. */
int nn_sorted_ids(const nn_strmap *m, uint32_t **ids);

/* The ids of a frequency map by decreasing count, ties by key bytes; allocated
 * like nn_sorted_ids. */
int nn_freqmap_ranked_ids(const nn_freqmap *c, uint32_t **ids);

#endif
