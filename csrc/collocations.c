/* N-gram counting and collocation scores; see nn_collocations.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn_collocations.h"

/* ---- the n-gram table ---------------------------------------------------------------- */

#define GRAMTAB_MIN 64u

void nn_gramtab_init(nn_gramtab *t, const nn_allocator *a)
{
  t->alloc = a;
  t->slots = NULL;
  t->cap = t->count = 0;
}

void nn_gramtab_free(nn_gramtab *t)
{
  nn_free(t->alloc, t->slots, t->cap * sizeof *t->slots);
  nn_gramtab_init(t, t->alloc);
}

static size_t gram_hash(const uint32_t w[3])
{
  uint64_t h = ((uint64_t)w[0] << 32 | w[1]) * 0x9E3779B97F4A7C15ULL;
  h ^= (uint64_t)w[2] * 0xD6E8FEB86659FD93ULL;
  h ^= h >> 32;
  h *= 0xA0761D6478BD642FULL;
  h ^= h >> 29;
  return (size_t)h;
}

static int same_gram(const nn_gram *g, const uint32_t w[3])
{
  return g->w[0] == w[0] && g->w[1] == w[1] && g->w[2] == w[2];
}

/* Doubles the table (load at most 1/2) and reinserts. */
static int gramtab_grow(nn_gramtab *t)
{
  size_t cap = t->cap ? t->cap * 2 : GRAMTAB_MIN, bytes, i;
  nn_gram *slots;
  if (cap < t->cap || nn_mul_overflows(cap, sizeof *slots, &bytes)) return NN_ETOOBIG;
  slots = nn_alloc(t->alloc, bytes);
  if (!slots) return NN_ENOMEM;
  memset(slots, 0, bytes);
  for (i = 0; i < t->cap; i++) {
    size_t k;
    if (!t->slots[i].used) continue;
    for (k = gram_hash(t->slots[i].w) & (cap - 1); slots[k].used; k = (k + 1) & (cap - 1)) {
    }
    slots[k] = t->slots[i];
  }
  nn_free(t->alloc, t->slots, t->cap * sizeof *t->slots);
  t->slots = slots;
  t->cap = cap;
  return NN_OK;
}

int nn_gramtab_add(nn_gramtab *t, const uint32_t w[3], uint64_t n)
{
  size_t k;
  int rc;
  if ((t->count + 1) * 2 > t->cap && (rc = gramtab_grow(t)) != NN_OK) return rc;
  for (k = gram_hash(w) & (t->cap - 1);; k = (k + 1) & (t->cap - 1)) {
    nn_gram *g = &t->slots[k];
    if (!g->used) {
      memcpy(g->w, w, sizeof g->w);
      g->used = 1;
      g->count = n;
      t->count++;
      return NN_OK;
    }
    if (same_gram(g, w)) {
      if (g->count + n < n) return NN_ETOOBIG;
      g->count += n;
      return NN_OK;
    }
  }
}

uint64_t nn_gramtab_get(const nn_gramtab *t, const uint32_t w[3])
{
  size_t k;
  if (t->count == 0) return 0;
  for (k = gram_hash(w) & (t->cap - 1); t->slots[k].used; k = (k + 1) & (t->cap - 1))
    if (same_gram(&t->slots[k], w)) return t->slots[k].count;
  return 0;
}

/* ---- counting ------------------------------------------------------------------------ */

void nn_ngrams_init(nn_ngrams *g, const nn_allocator *a, unsigned order)
{
  g->order = order < 2 ? 2 : order > 3 ? 3 : order;
  nn_freqmap_init(&g->words, a, 0);
  nn_gramtab_init(&g->grams, a);
  nn_gramtab_init(&g->inner, a);
  g->filled = 0;
}

void nn_ngrams_free(nn_ngrams *g)
{
  nn_freqmap_free(&g->words);
  nn_gramtab_free(&g->grams);
  nn_gramtab_free(&g->inner);
  g->filled = 0;
}

int nn_ngrams_word(nn_ngrams *g, const char *w, size_t len, int stop, uint32_t *id)
{
  uint32_t k;
  /* Interned without counting: nn_ngrams_word_id counts. */
  int rc = nn_freqmap_add(&g->words, w, len, 0, &k);
  if (rc != NN_OK) return rc;
  if (id) *id = k;
  return nn_ngrams_word_id(g, k, stop);
}

int nn_ngrams_word_id(nn_ngrams *g, uint32_t id, int stop)
{
  unsigned k;
  int rc = nn_freqmap_add_id(&g->words, id);
  if (rc != NN_OK) return rc;
  stop = stop != 0;
  /* k = words before this one in the n-gram. */
  for (k = 1; k <= g->filled && k < g->order; k++) {
    int first_stop = g->prev_stop[g->filled - k];
    nn_gramtab *into = NULL;
    uint32_t key[3];
    if (!first_stop && !stop) into = &g->grams;
    else if (k == 1 && g->order == 3 && !(first_stop && stop)) into = &g->inner;
    if (!into) continue;
    key[2] = NN_GRAM_NONE;
    if (k == 1) {
      key[0] = g->prev[g->filled - 1];
      key[1] = id;
    } else {
      key[0] = g->prev[g->filled - 2];
      key[1] = g->prev[g->filled - 1];
      key[2] = id;
    }
    if ((rc = nn_gramtab_add(into, key, 1)) != NN_OK) return rc;
  }
  /* Slide the window. */
  if (g->filled == g->order - 1) {
    for (k = 1; k < g->filled; k++) {
      g->prev[k - 1] = g->prev[k];
      g->prev_stop[k - 1] = g->prev_stop[k];
    }
    g->filled--;
  }
  g->prev[g->filled] = id;
  g->prev_stop[g->filled] = (uint8_t)stop;
  g->filled++;
  return NN_OK;
}

/* ---- texts --------------------------------------------------------------------------- */

int nn_ngrams_text(const nn_ngrams *g, const nn_gram *gram, nn_buf *out)
{
  unsigned k;
  int rc;
  for (k = 0; k < 3 && gram->w[k] != NN_GRAM_NONE; k++) {
    size_t len;
    const char *w = nn_strmap_key(&g->words.map, gram->w[k], &len);
    if (k && (rc = nn_buf_append_byte(out, ' ')) != NN_OK) return rc;
    if ((rc = nn_buf_append(out, w, len)) != NN_OK) return rc;
  }
  return NN_OK;
}

unsigned nn_ngrams_parse(const nn_ngrams *g, const char *text, size_t len, uint32_t w[3])
{
  size_t start = 0, i;
  unsigned n = 0;
  w[2] = NN_GRAM_NONE;
  for (i = 0; i <= len; i++) {
    int64_t id;
    if (i < len && text[i] != ' ') continue;
    if (n == 3 || i == start) return 0; /* too many words, or an empty one */
    id = nn_strmap_find(&g->words.map, text + start, i - start);
    if (id < 0) return 0;
    w[n++] = (uint32_t)id;
    start = i + 1;
  }
  return n >= 2 ? n : 0;
}

uint64_t nn_ngrams_count(const nn_ngrams *g, const char *text, size_t len)
{
  uint32_t w[3];
  uint64_t c;
  if (!nn_ngrams_parse(g, text, len, w)) return 0;
  c = nn_gramtab_get(&g->grams, w);
  return c ? c : nn_gramtab_get(&g->inner, w);
}

/* qsort has no context argument in C99: records carry their text. */
typedef struct text_rec {
  const char *text;
  size_t len;
  size_t index;
} text_rec;

static int compare_text(const void *pa, const void *pb)
{
  const text_rec *a = pa, *b = pb;
  int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
  if (c != 0) return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Appends the texts of every n-gram of t to blob; fills recs (t->count). */
static int gram_texts(const nn_ngrams *g, const nn_gramtab *t, nn_buf *blob, text_rec *recs,
                      size_t *offsets)
{
  size_t i, n = 0;
  int rc;
  for (i = 0; i < t->cap; i++) {
    size_t start = blob->len;
    if (!t->slots[i].used) continue;
    if ((rc = nn_ngrams_text(g, &t->slots[i], blob)) != NN_OK) return rc;
    offsets[n] = start;
    recs[n].len = blob->len - start;
    recs[n].index = i;
    n++;
  }
  /* The blob may have moved while growing: point into it only now. */
  for (i = 0; i < n; i++) recs[i].text = blob->data + offsets[i];
  return NN_OK;
}

int nn_ngrams_sorted(const nn_ngrams *g, const nn_gramtab *t, nn_buf *blob, nn_gramref **refs)
{
  const nn_allocator *a = t->alloc;
  size_t n = t->count, i, bytes;
  text_rec *recs;
  size_t *offsets;
  nn_gramref *out;
  int rc;
  *refs = NULL;
  if (n == 0) return NN_OK;
  if (nn_mul_overflows(n, sizeof *recs, &bytes)) return NN_ETOOBIG;
  recs = nn_alloc(a, bytes);
  offsets = nn_alloc(a, n * sizeof *offsets);
  out = nn_alloc(a, n * sizeof *out);
  if (!recs || !offsets || !out) {
    rc = NN_ENOMEM;
    goto done;
  }
  if ((rc = gram_texts(g, t, blob, recs, offsets)) != NN_OK) goto done;
  nn_sort(recs, n, sizeof *recs, compare_text);
  for (i = 0; i < n; i++) {
    out[i].offset = (size_t)(recs[i].text - blob->data);
    out[i].len = recs[i].len;
    out[i].count = t->slots[recs[i].index].count;
  }
done:
  nn_free(a, recs, bytes);
  nn_free(a, offsets, n * sizeof *offsets);
  if (rc == NN_OK) *refs = out;
  else nn_free(a, out, n * sizeof *out);
  return rc;
}

/* ---- scores -------------------------------------------------------------------------- */

static double xlogx(double x)
{
  return x > 0 ? x * log(x) : 0;
}

double nn_llr(double k11, double k12, double k21, double k22)
{
  double n = k11 + k12 + k21 + k22, g2;
  if (k11 < 0 || k12 < 0 || k21 < 0 || k22 < 0 || n <= 0) return 0;
  g2 = 2 * (xlogx(k11) + xlogx(k12) + xlogx(k21) + xlogx(k22) - xlogx(k11 + k12) -
            xlogx(k21 + k22) - xlogx(k11 + k21) - xlogx(k12 + k22) + xlogx(n));
  return g2 > 0 ? g2 : 0;
}

/* G2 of "left right" occurring `joint` times, the parts `a` and `b` times,
 * among n words; negative when they occur together less than by chance. */
static double association(double joint, double a, double b, double n)
{
  double k12 = a - joint, k21 = b - joint, k22 = n - a - b + joint;
  if (k12 < 0) k12 = 0;
  if (k21 < 0) k21 = 0;
  if (k22 < 0) k22 = 0;
  if (joint * n <= a * b) return -1;
  return nn_llr(joint, k12, k21, k22);
}

static uint64_t bigram_count(const nn_ngrams *g, uint32_t a, uint32_t b)
{
  uint32_t w[3];
  uint64_t c;
  w[0] = a;
  w[1] = b;
  w[2] = NN_GRAM_NONE;
  c = nn_gramtab_get(&g->grams, w);
  return c ? c : nn_gramtab_get(&g->inner, w);
}

/* Scores one candidate; returns 0 when it is not positively associated. */
static int score(const nn_ngrams *g, size_t slot, nn_collocation *out)
{
  const nn_gram *gram = &g->grams.slots[slot];
  const nn_freq *rec = g->words.rec;
  double n = (double)g->words.total, joint = (double)gram->count;
  out->slot = slot;
  out->count = gram->count;
  if (gram->w[2] == NN_GRAM_NONE) {
    double a = (double)rec[gram->w[0]].count, b = (double)rec[gram->w[1]].count;
    double s = association(joint, a, b, n);
    if (s < 0 || a <= 0 || b <= 0) return 0;
    out->n = 2;
    out->llr = s;
    out->pmi = log2(joint * n / (a * b));
    return 1;
  } else {
    double w1 = (double)rec[gram->w[0]].count, w2 = (double)rec[gram->w[1]].count;
    double w3 = (double)rec[gram->w[2]].count;
    double w12 = (double)bigram_count(g, gram->w[0], gram->w[1]);
    double w23 = (double)bigram_count(g, gram->w[1], gram->w[2]);
    double s1 = association(joint, w1, w23, n), s2 = association(joint, w12, w3, n);
    if (s1 < 0 || s2 < 0 || w1 <= 0 || w2 <= 0 || w3 <= 0) return 0;
    out->n = 3;
    out->llr = s1 < s2 ? s1 : s2;
    out->pmi = log2(joint * n * n / (w1 * w2 * w3));
    return 1;
  }
}

/* Sort by G2 descending, then by text, so equal inputs rank equally. */
typedef struct rank_rec {
  nn_collocation c;
  const char *text;
  size_t len;
} rank_rec;

static int compare_rank(const void *pa, const void *pb)
{
  const rank_rec *a = pa, *b = pb;
  int c;
  if (a->c.llr != b->c.llr) return a->c.llr > b->c.llr ? -1 : 1;
  c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
  if (c != 0) return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

int nn_collocations_rank(const nn_ngrams *g, const nn_collocation_opts *o, nn_collocation **out,
                         size_t *count)
{
  const nn_allocator *a = g->words.map.alloc;
  size_t total = g->grams.count, kept = 0, scored = 0, i, bytes;
  rank_rec *recs;
  size_t *offsets = NULL;
  nn_collocation *res = NULL;
  nn_buf blob;
  int rc = NN_OK;
  *out = NULL;
  *count = 0;
  if (total == 0) return NN_OK;
  if (nn_mul_overflows(total, sizeof *recs, &bytes)) return NN_ETOOBIG;
  recs = nn_alloc(a, bytes);
  if (!recs) return NN_ENOMEM;
  nn_buf_init(&blob, a);
  for (i = 0; i < g->grams.cap; i++) {
    rank_rec *r = &recs[kept];
    if (!g->grams.slots[i].used || g->grams.slots[i].count < o->min_count) continue;
    if (!score(g, i, &r->c)) continue;
    if (r->c.n < o->min_n || r->c.n > o->max_n) continue;
    kept++;
  }
  /* Texts for the kept ones only, to break ties. */
  scored = kept;
  if (scored && !(offsets = nn_alloc(a, scored * sizeof *offsets))) rc = NN_ENOMEM;
  for (i = 0; i < scored && rc == NN_OK; i++) {
    offsets[i] = blob.len;
    rc = nn_ngrams_text(g, &g->grams.slots[recs[i].c.slot], &blob);
    recs[i].len = blob.len - offsets[i];
  }
  if (rc == NN_OK) {
    for (i = 0; i < scored; i++) recs[i].text = blob.data + offsets[i];
    nn_sort(recs, scored, sizeof *recs, compare_rank);
    if (o->top && kept > o->top) kept = o->top;
    if (kept && !(res = nn_alloc(a, kept * sizeof *res))) rc = NN_ENOMEM;
    for (i = 0; i < kept && rc == NN_OK; i++) res[i] = recs[i].c;
  }
  nn_free(a, recs, bytes);
  nn_free(a, offsets, scored * sizeof *offsets);
  nn_buf_free(&blob);
  if (rc != NN_OK) return rc;
  *out = res;
  *count = kept;
  return NN_OK;
}
