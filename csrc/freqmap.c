/* String counting on nn_strmap; see nn_freqmap.h. */
#include <stdlib.h>
#include <string.h>

#include "nn_freqmap.h"

void nn_freqmap_init(nn_freqmap *c, const nn_allocator *a, int with_df)
{
  nn_strmap_init(&c->map, a);
  c->rec = NULL;
  c->cap = 0;
  c->with_df = with_df;
  c->mark = 1;
  c->total = 0;
}

void nn_freqmap_free(nn_freqmap *c)
{
  const nn_allocator *a = c->map.alloc;
  nn_free(a, c->rec, c->cap * sizeof *c->rec);
  nn_strmap_free(&c->map);
  nn_freqmap_init(c, a, c->with_df);
}

void nn_freqmap_clear(nn_freqmap *c)
{
  nn_strmap_clear(&c->map);
  c->total = 0;
  c->mark = 1;
}

/* Makes rec as long as the map's entry capacity. */
static int fit_records(nn_freqmap *c)
{
  size_t cap = c->map.entry_cap, bytes;
  nn_freq *r;
  if (cap <= c->cap) return NN_OK;
  if (nn_mul_overflows(cap, sizeof *r, &bytes)) return NN_ETOOBIG;
  r = nn_realloc(c->map.alloc, c->rec, c->cap * sizeof *r, bytes);
  if (!r) return NN_ENOMEM;
  c->rec = r;
  c->cap = cap;
  return NN_OK;
}

static int intern(nn_freqmap *c, const char *s, size_t len, uint32_t *id)
{
  int rc = nn_strmap_intern(&c->map, s, len, id);
  if (rc < 0) return rc;
  if (rc == 1) {
    int frc = fit_records(c);
    if (frc != NN_OK) return frc;
    c->rec[*id].count = c->rec[*id].df = 0;
    c->rec[*id].seen = 0;
  }
  return NN_OK;
}

int nn_freqmap_add(nn_freqmap *c, const char *s, size_t len, uint64_t n, uint32_t *id)
{
  uint32_t k;
  nn_freq *r;
  int rc = intern(c, s, len, &k);
  if (rc != NN_OK) return rc;
  r = &c->rec[k];
  if (r->count + n < n || c->total + n < n) return NN_ETOOBIG;
  r->count += n;
  c->total += n;
  if (c->with_df && r->seen != c->mark) {
    r->seen = c->mark;
    r->df++;
  }
  if (id) *id = k;
  return NN_OK;
}

int nn_freqmap_add_stats(nn_freqmap *c, const char *s, size_t len, uint64_t count, uint64_t df,
                         uint32_t *id)
{
  uint32_t k;
  nn_freq *r;
  int rc = intern(c, s, len, &k);
  if (rc != NN_OK) return rc;
  r = &c->rec[k];
  if (r->count + count < count || c->total + count < count || r->df + df < df) return NN_ETOOBIG;
  r->count += count;
  c->total += count;
  r->df += df;
  if (id) *id = k;
  return NN_OK;
}

void nn_freqmap_next_document(nn_freqmap *c)
{
  if (c->mark == UINT32_MAX) {
    /* The marks wrapped: forget them all, so no old mark can match. */
    size_t i;
    for (i = 0; i < c->map.count; i++) c->rec[i].seen = 0;
    c->mark = 0;
  }
  c->mark++;
}

uint64_t nn_freqmap_get(const nn_freqmap *c, const char *s, size_t len, uint64_t *df)
{
  int64_t id = nn_strmap_find(&c->map, s, len);
  if (df) *df = id >= 0 ? c->rec[id].df : 0;
  return id >= 0 ? c->rec[id].count : 0;
}

/* qsort has no context argument in C99: sort (key pointer, length, id)
 * records instead, comparing their bytes. */
typedef struct sort_rec {
  const char *key;
  size_t len;
  uint64_t count;
  uint32_t id;
} sort_rec;

static int compare_rec(const void *pa, const void *pb)
{
  const sort_rec *a = pa, *b = pb;
  int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
  if (c != 0) return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

static int compare_ranked(const void *pa, const void *pb)
{
  const sort_rec *a = pa, *b = pb;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return compare_rec(pa, pb);
}

static int sort_ids(const nn_strmap *m, const nn_freq *counts, uint32_t **ids)
{
  const nn_allocator *a = m->alloc;
  size_t n = m->count, i, bytes;
  sort_rec *recs;
  uint32_t *out;
  *ids = NULL;
  if (n == 0) return NN_OK;
  if (nn_mul_overflows(n, sizeof *recs, &bytes)) return NN_ETOOBIG;
  recs = nn_alloc(a, bytes);
  if (!recs) return NN_ENOMEM;
  out = nn_alloc(a, n * sizeof *out);
  if (!out) {
    nn_free(a, recs, bytes);
    return NN_ENOMEM;
  }
  for (i = 0; i < n; i++) {
    recs[i].key = nn_strmap_key(m, (uint32_t)i, &recs[i].len);
    recs[i].id = (uint32_t)i;
    recs[i].count = counts ? counts[i].count : 0;
  }
  nn_sort(recs, n, sizeof *recs, counts ? compare_ranked : compare_rec);
  for (i = 0; i < n; i++) out[i] = recs[i].id;
  nn_free(a, recs, bytes);
  *ids = out;
  return NN_OK;
}

int nn_sorted_ids(const nn_strmap *m, uint32_t **ids)
{
  return sort_ids(m, NULL, ids);
}

int nn_freqmap_ranked_ids(const nn_freqmap *c, uint32_t **ids)
{
  return sort_ids(&c->map, c->rec, ids);
}
