/* String counting on nn_strmap; see nn_counter.h. */
#include <stdlib.h>
#include <string.h>

#include "nn_counter.h"

void nn_counter_init(nn_counter *c, const nn_allocator *a, int with_df)
{
  nn_strmap_init(&c->map, a);
  c->count = c->df = NULL;
  c->seen = NULL;
  c->cap = c->df_cap = 0;
  c->with_df = with_df;
  c->mark = 1;
  c->total = 0;
}

void nn_counter_free(nn_counter *c)
{
  const nn_allocator *a = c->map.alloc;
  nn_free(a, c->count, c->cap * sizeof *c->count);
  nn_free(a, c->df, c->df_cap * sizeof *c->df);
  nn_free(a, c->seen, c->df_cap * sizeof *c->seen);
  nn_strmap_free(&c->map);
  nn_counter_init(c, a, c->with_df);
}

void nn_counter_clear(nn_counter *c)
{
  nn_strmap_clear(&c->map);
  c->total = 0;
  c->mark = 1;
}

/* Grows one array from old to cap elements of size `size`. */
static int grow_array(const nn_allocator *a, void **p, size_t old, size_t cap, size_t size)
{
  size_t bytes;
  void *q;
  if (nn_mul_overflows(cap, size, &bytes)) return NN_ETOOBIG;
  q = nn_realloc(a, *p, old * size, bytes);
  if (!q) return NN_ENOMEM;
  *p = q;
  return NN_OK;
}

/* Makes the arrays as long as the map's entry capacity.  Each array's own
 * length is recorded as soon as it has grown, so that a failure half-way
 * still frees every block with the size it was allocated with. */
static int fit_arrays(nn_counter *c)
{
  const nn_allocator *a = c->map.alloc;
  size_t cap = c->map.entry_cap;
  int rc;
  if (cap > c->cap) {
    if ((rc = grow_array(a, (void **)&c->count, c->cap, cap, sizeof *c->count)) != NN_OK)
      return rc;
    c->cap = cap;
  }
  if (c->with_df && cap > c->df_cap) {
    if ((rc = grow_array(a, (void **)&c->df, c->df_cap, cap, sizeof *c->df)) != NN_OK) return rc;
    if ((rc = grow_array(a, (void **)&c->seen, c->df_cap, cap, sizeof *c->seen)) != NN_OK) {
      /* df has grown but seen has not: shrink df back to the recorded size. */
      uint64_t *df = nn_realloc(a, c->df, cap * sizeof *c->df, c->df_cap * sizeof *c->df);
      if (df || c->df_cap == 0) c->df = df;
      return rc;
    }
    c->df_cap = cap;
  }
  return NN_OK;
}

static int intern(nn_counter *c, const char *s, size_t len, uint32_t *id)
{
  int rc = nn_strmap_intern(&c->map, s, len, id);
  if (rc < 0) return rc;
  if (rc == 1) {
    int frc = fit_arrays(c);
    if (frc != NN_OK) return frc;
    c->count[*id] = 0;
    if (c->with_df) {
      c->df[*id] = 0;
      c->seen[*id] = 0;
    }
  }
  return NN_OK;
}

int nn_counter_add(nn_counter *c, const char *s, size_t len, uint64_t n, uint32_t *id)
{
  uint32_t k;
  int rc = intern(c, s, len, &k);
  if (rc != NN_OK) return rc;
  if (c->count[k] + n < n || c->total + n < n) return NN_ETOOBIG;
  c->count[k] += n;
  c->total += n;
  if (c->with_df && c->seen[k] != c->mark) {
    c->seen[k] = c->mark;
    c->df[k]++;
  }
  if (id) *id = k;
  return NN_OK;
}

int nn_counter_add_stats(nn_counter *c, const char *s, size_t len, uint64_t count, uint64_t df,
                         uint32_t *id)
{
  uint32_t k;
  int rc = intern(c, s, len, &k);
  if (rc != NN_OK) return rc;
  if (c->count[k] + count < count || c->total + count < count) return NN_ETOOBIG;
  c->count[k] += count;
  c->total += count;
  if (c->with_df) {
    if (c->df[k] + df < df) return NN_ETOOBIG;
    c->df[k] += df;
  }
  if (id) *id = k;
  return NN_OK;
}

void nn_counter_next_document(nn_counter *c)
{
  if (!c->with_df) return;
  if (c->mark == UINT32_MAX) {
    /* The marks wrapped: forget them all, so no old mark can match. */
    if (c->map.count) memset(c->seen, 0, c->map.count * sizeof *c->seen);
    c->mark = 0;
  }
  c->mark++;
}

uint64_t nn_counter_get(const nn_counter *c, const char *s, size_t len, uint64_t *df)
{
  int64_t id = nn_strmap_find(&c->map, s, len);
  if (df) *df = (id >= 0 && c->with_df) ? c->df[id] : 0;
  return id >= 0 ? c->count[id] : 0;
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

static int sort_ids(const nn_strmap *m, const uint64_t *counts, uint32_t **ids)
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
    recs[i].count = counts ? counts[i] : 0;
  }
  qsort(recs, n, sizeof *recs, counts ? compare_ranked : compare_rec);
  for (i = 0; i < n; i++) out[i] = recs[i].id;
  nn_free(a, recs, bytes);
  *ids = out;
  return NN_OK;
}

int nn_sorted_ids(const nn_strmap *m, uint32_t **ids)
{
  return sort_ids(m, NULL, ids);
}

int nn_counter_ranked_ids(const nn_counter *c, uint32_t **ids)
{
  return sort_ids(&c->map, c->count, ids);
}
