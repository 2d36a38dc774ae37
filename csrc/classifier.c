/* Learned tags: examples, feature vectors, fitting, prediction and the model
 * file.  The numerical learner is in linear.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn_classifier.h"
#include "nn_linear.h"
#include "nn_checksum.h"
#include "nn_language.h"
#include "nn_strmap.h"
#include "nn_terms.h"

/* Document counts are kept in 32 bits. */
#define MAX_DOCUMENTS ((size_t)0x7FFFFFFF)
/* Weights smaller than this are dropped from the fitted model: a term's
 * normalized value is at most 1, so each changes a margin by less than this. */
#define PRUNE_WEIGHT 1.0e-3
#define RNG_SEED UINT64_C(0x9E3779B97F4A7C15)
/* The tolerance of the fold models (the full model uses the usual 0.1). */
#define FOLD_EPSILON 0.5

/* One (term, count) entry of a training text. */
typedef struct term_count {
  uint32_t term;
  uint32_t count;
} term_count;

/* What training keeps per term: the number of texts it occurs in, and where
 * it sits in the text being recorded (valid when stamp is current). */
typedef struct term_info {
  uint32_t df;
  uint32_t stamp;
  uint32_t slot;
} term_info;

typedef struct tag_info {
  uint32_t docs;
  uint32_t stamp;
} tag_info;

/* A weight of the fitted model before it is arranged by feature. */
typedef struct weight_entry {
  uint32_t feature;
  uint32_t tag;
  float weight;
} weight_entry;

struct nn_classifier {
  nn_allocator alloc;
  nn_classifier_options opt;
  int has_examples; /* 0 for a model read from a file */
  int fitted;

  /* Every term seen in training; a loaded model holds only its features. */
  nn_strmap terms;
  nn_strmap tags;

  /* The training examples: text i has the term_count entries
   * doc_terms[doc_start[i] .. doc_start[i + 1]) and the tags
   * doc_tags[tag_start[i] .. tag_start[i + 1]). */
  size_t docs;
  size_t most_tags; /* the most tags one training text carried */
  nn_buf doc_start; /* size_t, docs + 1 once there is a text */
  nn_buf doc_terms; /* term_count */
  nn_buf tag_start; /* size_t */
  nn_buf doc_tags;  /* uint32_t */
  size_t term_cap;
  term_info *term; /* per term id */
  uint32_t train_stamp;
  size_t tag_cap;
  tag_info *tag; /* per tag id */

  /* The fitted model.  feature_of maps term ids to features (-1: none); a
   * loaded model has no map, its term ids are its features. */
  size_t features;
  size_t feature_of_len;
  int32_t *feature_of;
  float *idf;
  size_t *col_start; /* features + 1: weights of feature f are at col_start[f] .. */
  uint32_t *col_tag;
  float *col_weight;
  size_t weights;
  size_t model_tags;
  float *bias; /* per tag: the weight of the constant feature */
  float *threshold;
  float *platt_a;
  float *platt_b;

  /* Prediction scratch, sized with the model. */
  uint32_t *feature_stamp;
  uint32_t *feature_count;
  uint32_t predict_stamp;
  double *margins;
  nn_buf text_features; /* uint32_t features of the current text */
  nn_buf text_counts;   /* uint32_t their counts */

  /* The term pipeline (stopword profiles, stemmers), the pipeline kept from
   * one text to the next, and scratch. */
  nn_termres res;
  int res_ready;
  nn_pipeline pipe;
  nn_buf guess; /* words read ahead while guessing a text's language */
  nn_buf prev;
  nn_buf pair;
};

/* ---- small helpers --------------------------------------------------------------------- */

static void *alloc_array(const nn_allocator *a, size_t n, size_t size, int *rc)
{
  size_t bytes;
  void *p;
  if (nn_mul_overflows(n, size, &bytes)) {
    *rc = NN_ETOOBIG;
    return NULL;
  }
  if (bytes == 0) bytes = 1;
  p = nn_alloc(a, bytes);
  if (!p) *rc = NN_ENOMEM;
  return p;
}

static void free_array(const nn_allocator *a, void *p, size_t n, size_t size)
{
  if (p) nn_free(a, p, n * size > 0 ? n * size : 1);
}

/* Grows a zero-filled array of items from *cap to at least need entries. */
static int grow_zeroed(const nn_allocator *a, void **p, size_t *cap, size_t need, size_t size)
{
  size_t newcap, bytes;
  char *q;
  if (need <= *cap) return NN_OK;
  newcap = *cap < 64 ? 64 : *cap;
  while (newcap < need) newcap = newcap > (size_t)-1 / 4 ? need : newcap * 2;
  if (nn_mul_overflows(newcap, size, &bytes)) return NN_ETOOBIG;
  q = nn_realloc(a, *p, *cap * size, bytes);
  if (!q) return NN_ENOMEM;
  memset(q + *cap * size, 0, (newcap - *cap) * size);
  *p = q;
  *cap = newcap;
  return NN_OK;
}

static int buf_push(nn_buf *b, const void *item, size_t size)
{
  return nn_buf_append(b, (const char *)item, size);
}

/* ---- options --------------------------------------------------------------------------- */

void nn_classifier_options_init(nn_classifier_options *o)
{
  o->cost = 1.0;
  o->balanced = 0;
  o->threshold = NN_THRESHOLD_CV;
  o->min_score = 0.5;
  o->folds = 5;
  o->fbr = 0.1;
  o->min_df = 2;
  o->bigrams = 0;
  o->features = NN_FEATURES_TERMS;
  strcpy(o->language, NN_LANG_UNDETERMINED);
  o->stem = 0;
}

/* "" (guess per text), "und", or a language of nn_language.h. */
static int language_known(const char *code)
{
  size_t n = strlen(code);
  return n == 0 || strcmp(code, NN_LANG_UNDETERMINED) == 0 || nn_language_find(code, n) != NULL;
}

int nn_classifier_options_check(const nn_classifier_options *o)
{
  if (!(o->cost > 0.0 && o->cost <= 1.0e6)) return NN_EARG;
  if (o->balanced != 0 && o->balanced != 1) return NN_EARG;
  if (o->threshold < NN_THRESHOLD_CV || o->threshold > NN_THRESHOLD_SCORE) return NN_EARG;
  if (!(o->min_score >= 0.0 && o->min_score <= 1.0)) return NN_EARG;
  if (o->folds < 2 || o->folds > NN_CLASSIFIER_MAX_FOLDS) return NN_EARG;
  if (!(o->fbr >= 0.0 && o->fbr <= 1.0)) return NN_EARG;
  if (o->min_df < 1 || o->min_df > MAX_DOCUMENTS) return NN_EARG;
  if (o->bigrams != 0 && o->bigrams != 1) return NN_EARG;
  if (o->features != NN_FEATURES_TERMS) return NN_EARG;
  if (memchr(o->language, '\0', sizeof o->language) == NULL || !language_known(o->language))
    return NN_EARG;
  if (o->stem != 0 && o->stem != 1) return NN_EARG;
  return NN_OK;
}

/* ---- life cycle ------------------------------------------------------------------------ */

static nn_classifier *classifier_alloc(const nn_allocator *a)
{
  nn_classifier *c = nn_alloc(a, sizeof *c);
  if (!c) return NULL;
  memset(c, 0, sizeof *c);
  c->alloc = *a;
  nn_classifier_options_init(&c->opt);
  nn_strmap_init(&c->terms, &c->alloc);
  nn_strmap_init(&c->tags, &c->alloc);
  nn_buf_init(&c->doc_start, &c->alloc);
  nn_buf_init(&c->doc_terms, &c->alloc);
  nn_buf_init(&c->tag_start, &c->alloc);
  nn_buf_init(&c->doc_tags, &c->alloc);
  nn_buf_init(&c->text_features, &c->alloc);
  nn_buf_init(&c->text_counts, &c->alloc);
  nn_buf_init(&c->guess, &c->alloc);
  nn_buf_init(&c->prev, &c->alloc);
  nn_buf_init(&c->pair, &c->alloc);
  c->pipe.res = NULL;
  if (nn_termres_init(&c->res, &c->alloc) != NN_OK) {
    nn_classifier_free(c);
    return NULL;
  }
  c->res_ready = 1;
  return c;
}

nn_classifier *nn_classifier_new(const nn_allocator *a, const nn_classifier_options *o,
                                 int *status)
{
  nn_classifier *c;
  nn_classifier_options defaults;
  if (!o) {
    nn_classifier_options_init(&defaults);
    o = &defaults;
  }
  if (nn_classifier_options_check(o) != NN_OK) {
    if (status) *status = NN_EARG;
    return NULL;
  }
  c = classifier_alloc(a);
  if (!c) {
    if (status) *status = NN_ENOMEM;
    return NULL;
  }
  c->opt = *o;
  c->has_examples = 1;
  c->fitted = 1; /* nothing to learn from yet */
  if (status) *status = NN_OK;
  return c;
}

static void free_model(nn_classifier *c)
{
  const nn_allocator *a = &c->alloc;
  free_array(a, c->feature_of, c->feature_of_len, sizeof *c->feature_of);
  free_array(a, c->idf, c->features, sizeof *c->idf);
  free_array(a, c->col_start, c->features + 1, sizeof *c->col_start);
  free_array(a, c->col_tag, c->weights, sizeof *c->col_tag);
  free_array(a, c->col_weight, c->weights, sizeof *c->col_weight);
  free_array(a, c->feature_stamp, c->features, sizeof *c->feature_stamp);
  free_array(a, c->feature_count, c->features, sizeof *c->feature_count);
  free_array(a, c->bias, c->model_tags, sizeof *c->bias);
  free_array(a, c->threshold, c->model_tags, sizeof *c->threshold);
  free_array(a, c->platt_a, c->model_tags, sizeof *c->platt_a);
  free_array(a, c->platt_b, c->model_tags, sizeof *c->platt_b);
  free_array(a, c->margins, c->model_tags, sizeof *c->margins);
  c->feature_of = NULL;
  c->idf = NULL;
  c->col_start = NULL;
  c->col_tag = NULL;
  c->col_weight = NULL;
  c->feature_stamp = c->feature_count = NULL;
  c->bias = c->threshold = c->platt_a = c->platt_b = NULL;
  c->margins = NULL;
  c->features = c->feature_of_len = c->weights = c->model_tags = 0;
  c->predict_stamp = 0;
}

void nn_classifier_free(nn_classifier *c)
{
  nn_allocator a;
  if (!c) return;
  a = c->alloc;
  free_model(c);
  nn_strmap_free(&c->terms);
  nn_strmap_free(&c->tags);
  nn_buf_free(&c->doc_start);
  nn_buf_free(&c->doc_terms);
  nn_buf_free(&c->tag_start);
  nn_buf_free(&c->doc_tags);
  free_array(&a, c->term, c->term_cap, sizeof *c->term);
  free_array(&a, c->tag, c->tag_cap, sizeof *c->tag);
  nn_buf_free(&c->text_features);
  nn_buf_free(&c->text_counts);
  nn_buf_free(&c->guess);
  if (c->pipe.res) nn_pipeline_free(&c->pipe);
  if (c->res_ready) nn_termres_free(&c->res);
  nn_buf_free(&c->prev);
  nn_buf_free(&c->pair);
  nn_free(&a, c, sizeof *c);
}

/* ---- terms of a text ------------------------------------------------------------------- */

typedef int (*term_fn)(nn_classifier *c, const char *term, size_t len, void *ud);

/* Passes a term on, and with bigrams also the pair it makes with the one before. */
static int emit_term(nn_classifier *c, const char *term, size_t len, term_fn fn, void *ud)
{
  int rc;
  if (len == 0 || len > NN_CLASSIFIER_MAX_TERM) {
    c->prev.len = 0; /* a skipped term breaks the chain of pairs */
    return NN_OK;
  }
  if ((rc = fn(c, term, len, ud)) != NN_OK) return rc;
  if (!c->opt.bigrams) return NN_OK;
  if (c->prev.len > 0) {
    c->pair.len = 0;
    if ((rc = nn_buf_append(&c->pair, c->prev.data, c->prev.len)) != NN_OK ||
        (rc = nn_buf_append_byte(&c->pair, ' ')) != NN_OK ||
        (rc = nn_buf_append(&c->pair, term, len)) != NN_OK)
      return rc;
    if ((rc = fn(c, c->pair.data, c->pair.len, ud)) != NN_OK) return rc;
  }
  c->prev.len = 0;
  return nn_buf_append(&c->prev, term, len);
}

/* Hands the terms of a batch of words (stopwords left out) to emit_term. */
typedef struct term_batch {
  nn_classifier *c;
  term_fn fn;
  void *ud;
} term_batch;

static int batch_terms(void *ud, nn_pipeline *p, nn_word *w, size_t count)
{
  term_batch *b = ud;
  size_t i;
  int rc;
  for (i = 0; i < count; i++) {
    if ((rc = nn_pipeline_word(p, &w[i])) != NN_OK) return rc;
    if (w[i].stop) {
      b->c->prev.len = 0; /* pairs do not bridge a stopword */
      continue;
    }
    if ((rc = emit_term(b->c, w[i].term, w[i].term_len, b->fn, b->ud)) != NN_OK) return rc;
  }
  return NN_OK;
}

/* NN_FEATURES_TERMS: the shared term pipeline (nn_terms.h) over the word
 * tokens: word-like ones, hashtags and mentions, case-folded; in a language,
 * its possessives and elisions stripped, its stopwords left out and, on
 * request, its words stemmed.  Numbers, amounts, dates and URLs are nearly
 * all unique: they add features without telling topics apart (on the
 * Reuters dev slice they changed nothing but the cost), so they stay out. */
static int extract_terms(nn_classifier *c, const char *text, size_t len, term_fn fn, void *ud)
{
  nn_termopts o;
  nn_langguess used;
  term_batch b;
  o.lang = c->opt.language[0] ? c->opt.language : NULL;
  o.stem = c->opt.stem;
  o.numbers = 0;
  o.gaps = 0;
  o.stop_mode = NN_STOP_BUILTIN;
  o.extra = NULL;
  b.c = c;
  b.fn = fn;
  b.ud = ud;
  c->prev.len = 0;
  return nn_terms_process_keep(&c->res, &o, text, len, &c->guess, &c->pipe, batch_terms, &b,
                               &used);
}

/* ---- training -------------------------------------------------------------------------- */

typedef struct train_text {
  size_t base;     /* where this text's entries start in doc_terms */
  uint32_t distinct;
} train_text;


/* Counts one term of the text being recorded. */
static int train_term(nn_classifier *c, const char *term, size_t len, void *ud)
{
  train_text *t = ud;
  term_info *info;
  uint32_t id;
  int rc = nn_strmap_intern(&c->terms, term, len, &id);
  if (rc < 0) return rc;
  if (c->terms.count > c->term_cap) {
    void *p = c->term;
    rc = grow_zeroed(&c->alloc, &p, &c->term_cap, c->terms.count, sizeof *c->term);
    c->term = p;
    if (rc != NN_OK) return rc;
  }
  info = &c->term[id];
  if (info->stamp != c->train_stamp) {
    term_count e;
    info->stamp = c->train_stamp;
    info->slot = t->distinct++;
    e.term = id;
    e.count = 1;
    return buf_push(&c->doc_terms, &e, sizeof e);
  } else {
    term_count *e = (term_count *)(void *)(c->doc_terms.data + t->base) + info->slot;
    if (e->count < UINT32_MAX) e->count++;
  }
  return NN_OK;
}

/* A new stamp for the per-term and per-tag marks; on wrap-around the old
 * marks are cleared so that none can look current. */
static void next_train_stamp(nn_classifier *c)
{
  size_t i;
  if (++c->train_stamp != 0) return;
  for (i = 0; i < c->term_cap; i++) c->term[i].stamp = 0;
  for (i = 0; i < c->tag_cap; i++) c->tag[i].stamp = 0;
  c->train_stamp = 1;
}

int nn_classifier_train(nn_classifier *c, const char *text, size_t len,
                        const char *const *tags, const size_t *tag_lens, size_t tag_count)
{
  train_text t;
  size_t i, tags_base, zero = 0;
  const term_count *e;
  int rc;

  if (!c->has_examples) return NN_EARG;
  for (i = 0; i < tag_count; i++)
    if (tag_lens[i] == 0 || tag_lens[i] > NN_CLASSIFIER_MAX_TAG) return NN_EARG;
  if (c->docs >= MAX_DOCUMENTS) return NN_ETOOBIG;
  if (c->docs == 0) {
    /* The start offsets begin with a 0 for the first text. */
    c->doc_start.len = c->tag_start.len = 0;
    if ((rc = buf_push(&c->doc_start, &zero, sizeof zero)) != NN_OK ||
        (rc = buf_push(&c->tag_start, &zero, sizeof zero)) != NN_OK)
      return rc;
  }
  /* Room for this text's end offsets first, so that nothing below fails
   * after the text has been half recorded. */
  if ((rc = nn_buf_reserve(&c->doc_start, sizeof(size_t))) != NN_OK ||
      (rc = nn_buf_reserve(&c->tag_start, sizeof(size_t))) != NN_OK)
    return rc;

  t.base = c->doc_terms.len;
  t.distinct = 0;
  tags_base = c->doc_tags.len;
  next_train_stamp(c);
  rc = extract_terms(c, text, len, train_term, &t);
  for (i = 0; rc == NN_OK && i < tag_count; i++) {
    uint32_t id;
    rc = nn_strmap_intern(&c->tags, tags[i], tag_lens[i], &id);
    if (rc < 0) break;
    rc = NN_OK;
    if (c->tags.count > c->tag_cap) {
      void *p = c->tag;
      rc = grow_zeroed(&c->alloc, &p, &c->tag_cap, c->tags.count, sizeof *c->tag);
      c->tag = p;
      if (rc != NN_OK) break;
    }
    if (c->tag[id].stamp == c->train_stamp) continue; /* a repeat */
    c->tag[id].stamp = c->train_stamp;
    rc = buf_push(&c->doc_tags, &id, sizeof id);
  }
  if (rc != NN_OK) {
    /* Forget the half-recorded text.  Terms and tags it interned stay known
     * with no texts; fitting gives such tags a model that never decides. */
    c->doc_terms.len = t.base;
    c->doc_tags.len = tags_base;
    if (c->tags.count != c->model_tags) c->fitted = 0;
    return rc;
  }

  e = (const term_count *)(const void *)(c->doc_terms.data + t.base);
  for (i = 0; i < t.distinct; i++) c->term[e[i].term].df++;
  for (i = tags_base; i < c->doc_tags.len; i += sizeof(uint32_t)) {
    uint32_t id;
    memcpy(&id, c->doc_tags.data + i, sizeof id);
    c->tag[id].docs++;
  }
  i = c->doc_terms.len / sizeof(term_count);
  buf_push(&c->doc_start, &i, sizeof i); /* reserved above: cannot fail */
  i = c->doc_tags.len / sizeof(uint32_t);
  buf_push(&c->tag_start, &i, sizeof i);
  c->docs++;
  i = (c->doc_tags.len - tags_base) / sizeof(uint32_t);
  if (i > c->most_tags) c->most_tags = i;
  c->fitted = 0;
  return NN_OK;
}

/* ---- feature vectors ------------------------------------------------------------------- */

/* The weight of a term in a text before normalization: sublinear TF times IDF. */
static double term_weight(uint32_t count, float idf)
{
  return (1.0 + log((double)count)) * (double)idf;
}

/* The inverse L2 norm of the weights of n features with their counts; both
 * training and prediction go through here and term_weight, so that a text
 * gives the same vector either way. */
static double inverse_norm(const nn_classifier *c, const uint32_t *features,
                           const uint32_t *counts, size_t n)
{
  double norm = 0.0;
  size_t i;
  for (i = 0; i < n; i++) {
    double v = term_weight(counts[i], c->idf[features[i]]);
    norm += v * v;
  }
  return norm > 0.0 ? 1.0 / sqrt(norm) : 0.0;
}

/* ---- fitting --------------------------------------------------------------------------- */

/* The constant feature every vector gets, so that each tag learns an offset. */
#define BIAS 1.0
/* How many positive texts weigh as much as the cross-validated threshold
 * (fit_tag): a tag with this many has its threshold halved toward 0.  Chosen
 * on time-ordered splits of the Reuters training file (see README). */
#define THRESHOLD_PRIOR 100.0

/* Everything a fit needs besides the model, freed together. */
typedef struct fit_work {
  size_t n, nnz, tag_entries;
  size_t *row_start;
  nn_csr_entry *entry;
  uint32_t *index; /* the features of entry, and their counts, for weighing */
  uint32_t *counts;
  size_t *tag_doc_start;
  uint32_t *tag_doc;
  uint32_t *fold_doc; /* the texts of fold f are fold_doc[f * n / folds ..) in fold order */
  size_t *fold_start;
  signed char *label, *truth;
  double *alpha, *alpha_full, *w, *w_full, *held_out;
  uint32_t *order;
  double *diag;
  double *sqnorm;
  unsigned char *idle;
  nn_scored *pairs;
  nn_buf weights; /* weight_entry */
} fit_work;

static void fit_work_free(const nn_allocator *a, fit_work *f, size_t features, size_t tags,
                          size_t folds)
{
  size_t n = f->n;
  free_array(a, f->row_start, n + 1, sizeof *f->row_start);
  free_array(a, f->entry, f->nnz, sizeof *f->entry);
  free_array(a, f->index, f->nnz, sizeof *f->index);
  free_array(a, f->counts, f->nnz, sizeof *f->counts);
  free_array(a, f->tag_doc_start, tags + 1, sizeof *f->tag_doc_start);
  free_array(a, f->tag_doc, f->tag_entries, sizeof *f->tag_doc);
  free_array(a, f->fold_doc, n, sizeof *f->fold_doc);
  free_array(a, f->fold_start, folds + 1, sizeof *f->fold_start);
  free_array(a, f->label, n, sizeof *f->label);
  free_array(a, f->truth, n, sizeof *f->truth);
  free_array(a, f->alpha, n, sizeof *f->alpha);
  free_array(a, f->alpha_full, n, sizeof *f->alpha_full);
  free_array(a, f->w, features + 1, sizeof *f->w);
  free_array(a, f->w_full, features + 1, sizeof *f->w_full);
  free_array(a, f->held_out, n, sizeof *f->held_out);
  free_array(a, f->order, n, sizeof *f->order);
  free_array(a, f->diag, n, sizeof *f->diag);
  free_array(a, f->sqnorm, n, sizeof *f->sqnorm);
  free_array(a, f->idle, n, sizeof *f->idle);
  free_array(a, f->pairs, n, sizeof *f->pairs);
  nn_buf_free(&f->weights);
}

/* The model arrays sized by features and tags, and the prediction scratch;
 * the weights themselves come with alloc_weights. */
static int alloc_model(nn_classifier *c, size_t features, size_t tags)
{
  const nn_allocator *a = &c->alloc;
  int rc = NN_OK;
  c->features = features;
  c->model_tags = tags;
  c->idf = alloc_array(a, features, sizeof *c->idf, &rc);
  c->col_start = alloc_array(a, features + 1, sizeof *c->col_start, &rc);
  c->feature_stamp = alloc_array(a, features, sizeof *c->feature_stamp, &rc);
  c->feature_count = alloc_array(a, features, sizeof *c->feature_count, &rc);
  c->bias = alloc_array(a, tags, sizeof *c->bias, &rc);
  c->threshold = alloc_array(a, tags, sizeof *c->threshold, &rc);
  c->platt_a = alloc_array(a, tags, sizeof *c->platt_a, &rc);
  c->platt_b = alloc_array(a, tags, sizeof *c->platt_b, &rc);
  c->margins = alloc_array(a, tags, sizeof *c->margins, &rc);
  if (rc != NN_OK) return rc;
  memset(c->feature_stamp, 0, features * sizeof *c->feature_stamp);
  memset(c->feature_count, 0, features * sizeof *c->feature_count);
  memset(c->col_start, 0, (features + 1) * sizeof *c->col_start);
  c->predict_stamp = 0;
  return NN_OK;
}

static int alloc_weights(nn_classifier *c, size_t weights)
{
  int rc = NN_OK;
  c->weights = weights;
  c->col_tag = alloc_array(&c->alloc, weights, sizeof *c->col_tag, &rc);
  c->col_weight = alloc_array(&c->alloc, weights, sizeof *c->col_weight, &rc);
  return rc;
}

/* Builds the training matrix: one normalized TF-IDF row per text. */
static int build_rows(nn_classifier *c, fit_work *f)
{
  const nn_allocator *a = &c->alloc;
  const size_t *start = (const size_t *)(const void *)c->doc_start.data;
  const term_count *e = (const term_count *)(const void *)c->doc_terms.data;
  size_t i, k, nnz = 0;
  int rc = NN_OK;
  for (i = 0; i < f->n; i++)
    for (k = start[i]; k < start[i + 1]; k++)
      if (c->feature_of[e[k].term] >= 0) nnz++;
  f->nnz = nnz;
  f->row_start = alloc_array(a, f->n + 1, sizeof *f->row_start, &rc);
  f->entry = alloc_array(a, nnz, sizeof *f->entry, &rc);
  f->index = alloc_array(a, nnz, sizeof *f->index, &rc);
  f->counts = alloc_array(a, nnz, sizeof *f->counts, &rc);
  if (rc != NN_OK) return rc;
  nnz = 0;
  for (i = 0; i < f->n; i++) {
    size_t first = nnz;
    double inv;
    f->row_start[i] = first;
    for (k = start[i]; k < start[i + 1]; k++) {
      int32_t feature = c->feature_of[e[k].term];
      if (feature < 0) continue;
      f->index[nnz] = (uint32_t)feature;
      f->counts[nnz] = e[k].count;
      nnz++;
    }
    inv = inverse_norm(c, f->index + first, f->counts + first, nnz - first);
    for (k = first; k < nnz; k++) {
      f->entry[k].index = f->index[k];
      f->entry[k].value = (float)(term_weight(f->counts[k], c->idf[f->index[k]]) * inv);
    }
  }
  f->row_start[f->n] = nnz;
  return NN_OK;
}

/* The texts of each tag (a tag-major copy of the examples' tag lists). */
static int build_tag_lists(nn_classifier *c, fit_work *f, size_t tags)
{
  const size_t *start = (const size_t *)(const void *)c->tag_start.data;
  const uint32_t *doc_tags = (const uint32_t *)(const void *)c->doc_tags.data;
  size_t i, k, t;
  int rc = NN_OK;
  f->tag_entries = f->n ? start[f->n] : 0;
  f->tag_doc_start = alloc_array(&c->alloc, tags + 1, sizeof *f->tag_doc_start, &rc);
  f->tag_doc = alloc_array(&c->alloc, f->tag_entries, sizeof *f->tag_doc, &rc);
  if (rc != NN_OK) return rc;
  memset(f->tag_doc_start, 0, (tags + 1) * sizeof *f->tag_doc_start);
  for (k = 0; k < f->tag_entries; k++) f->tag_doc_start[doc_tags[k] + 1]++;
  for (t = 0; t < tags; t++) f->tag_doc_start[t + 1] += f->tag_doc_start[t];
  /* Fill with tag_doc_start[t] as a cursor, then shift the cursors back. */
  for (i = 0; i < f->n; i++)
    for (k = start[i]; k < start[i + 1]; k++) f->tag_doc[f->tag_doc_start[doc_tags[k]]++] = (uint32_t)i;
  for (t = tags; t > 0; t--) f->tag_doc_start[t] = f->tag_doc_start[t - 1];
  f->tag_doc_start[0] = 0;
  return NN_OK;
}

/* Deals the texts into folds at random (fixed seed: a fit is reproducible). */
static int build_folds(nn_classifier *c, fit_work *f, size_t folds, uint64_t *rng)
{
  size_t i, j, fold;
  int rc = NN_OK;
  f->fold_doc = alloc_array(&c->alloc, f->n, sizeof *f->fold_doc, &rc);
  f->fold_start = alloc_array(&c->alloc, folds + 1, sizeof *f->fold_start, &rc);
  if (rc != NN_OK) return rc;
  for (i = 0; i < f->n; i++) f->order[i] = (uint32_t)i;
  for (i = f->n; i > 1; i--) {
    uint32_t t;
    j = (size_t)(nn_rng_next(rng) % i);
    t = f->order[i - 1];
    f->order[i - 1] = f->order[j];
    f->order[j] = t;
  }
  /* Fold k holds the shuffled positions k, k + folds, k + 2 folds, ... */
  j = 0;
  for (fold = 0; fold < folds; fold++) {
    f->fold_start[fold] = j;
    for (i = fold; i < f->n; i += folds) f->fold_doc[j++] = f->order[i];
  }
  f->fold_start[folds] = j;
  return NN_OK;
}

/* Learns one tag: the SVM on every text, then on each fold's complement for
 * held-out margins, from which come the tag's threshold and its
 * margin-to-probability sigmoid.
 *
 * The fold models only serve to place a threshold, so they are solved
 * approximately, at little cost: each starts from the full solution minus the
 * fold (Hsieh et al. 2008 note how well dual coordinate descent warm-starts),
 * sets aside the texts the full model left well outside the margin, stops at
 * a looser tolerance and skips the final check of the set-aside texts. */
static int fit_tag(nn_classifier *c, fit_work *f, const nn_csr *x, size_t t, size_t folds,
                   nn_svm_work *work)
{
  size_t n = f->n, features = c->features, i, k, fold;
  size_t first = f->tag_doc_start[t], last = f->tag_doc_start[t + 1];
  size_t positives = last - first;
  nn_svm_params p;
  double a, b, threshold;

  nn_svm_params_init(&p);
  p.bias = BIAS;
  p.cost_positive = p.cost_negative = c->opt.cost;
  if (c->opt.balanced && positives > 0 && positives < n) {
    p.cost_positive = c->opt.cost * (double)n / (2.0 * (double)positives);
    p.cost_negative = c->opt.cost * (double)n / (2.0 * (double)(n - positives));
  }
  memset(f->truth, -1, n);
  for (k = first; k < last; k++) f->truth[f->tag_doc[k]] = 1;
  memcpy(f->label, f->truth, n);
  memset(f->w_full, 0, (features + 1) * sizeof *f->w_full);
  memset(f->alpha_full, 0, n * sizeof *f->alpha_full);
  work->shrink_bound = HUGE_VAL;
  work->start_idle = NULL;
  work->end_idle = f->idle;
  nn_svm_train(x, f->label, &p, work, f->w_full, f->alpha_full);

  if (folds >= 2) {
    double bound = work->shrink_bound;
    p.epsilon = FOLD_EPSILON;
    p.recheck = 0;
    work->start_idle = f->idle;
    work->end_idle = NULL;
    for (fold = 0; fold < folds; fold++) {
      size_t s0 = f->fold_start[fold], s1 = f->fold_start[fold + 1];
      memcpy(f->w, f->w_full, (features + 1) * sizeof *f->w);
      memcpy(f->alpha, f->alpha_full, n * sizeof *f->alpha);
      for (k = s0; k < s1; k++) {
        i = f->fold_doc[k];
        nn_svm_remove(x, i, f->label[i], BIAS, f->w, f->alpha);
        f->label[i] = 0;
      }
      work->shrink_bound = bound;
      nn_svm_train(x, f->label, &p, work, f->w, f->alpha);
      for (k = s0; k < s1; k++) {
        i = f->fold_doc[k];
        f->held_out[i] = nn_svm_margin(x, i, f->w, BIAS);
        f->label[i] = f->truth[i];
      }
    }
  } else {
    /* Too few texts to hold any out: the training margins will do. */
    for (i = 0; i < n; i++) f->held_out[i] = nn_svm_margin(x, i, f->w_full, BIAS);
  }
  for (i = 0; i < n; i++) {
    f->pairs[i].score = f->held_out[i];
    f->pairs[i].label = f->truth[i];
  }
  /* The cross-validated threshold, drawn toward the SVM's own boundary (0)
   * the more positive texts the tag has: with few, the boundary sits too far
   * out and the threshold is what finds the tag; with many, the boundary is
   * well placed, and the threshold's gain on held-out texts of the training
   * period turns into false positives on later articles (THRESHOLD_PRIOR). */
  threshold = folds >= 2 ? nn_scut_threshold(f->pairs, n, c->opt.fbr, NULL) : 0.0;
  c->threshold[t] = (float)(threshold * THRESHOLD_PRIOR / (THRESHOLD_PRIOR + (double)positives));
  nn_platt_fit(f->held_out, f->truth, n, &a, &b);
  c->platt_a[t] = (float)a;
  c->platt_b[t] = (float)b;
  c->bias[t] = (float)f->w_full[features];

  for (k = 0; k < features; k++) {
    if (fabs(f->w_full[k]) >= PRUNE_WEIGHT) {
      weight_entry e;
      int rc;
      e.feature = (uint32_t)k;
      e.tag = (uint32_t)t;
      e.weight = (float)f->w_full[k];
      if ((rc = buf_push(&f->weights, &e, sizeof e)) != NN_OK) return rc;
    }
  }
  return NN_OK;
}

/* Arranges the weights by feature (tags ascending within a feature), the
 * layout prediction wants: a text touches only its own features' weights. */
static int arrange_weights(nn_classifier *c, fit_work *f)
{
  const weight_entry *e = (const weight_entry *)(const void *)f->weights.data;
  size_t count = f->weights.len / sizeof *e, k, j;
  int rc = alloc_weights(c, count);
  if (rc != NN_OK) return rc;
  for (k = 0; k < count; k++) c->col_start[e[k].feature + 1]++;
  for (j = 0; j < c->features; j++) c->col_start[j + 1] += c->col_start[j];
  for (k = 0; k < count; k++) {
    size_t at = c->col_start[e[k].feature] + c->feature_count[e[k].feature]++;
    c->col_tag[at] = e[k].tag;
    c->col_weight[at] = e[k].weight;
  }
  memset(c->feature_count, 0, c->features * sizeof *c->feature_count);
  return NN_OK;
}

static int fit_model(nn_classifier *c)
{
  const nn_allocator *a = &c->alloc;
  size_t n = c->docs, tags = c->tags.count, vocab = c->terms.count;
  size_t features = 0, folds, id, t;
  fit_work f;
  nn_svm_work work;
  nn_csr x;
  uint64_t rng = RNG_SEED;
  int rc = NN_OK;

  memset(&f, 0, sizeof f);
  nn_buf_init(&f.weights, a);
  f.n = n;
  folds = c->opt.folds < n ? c->opt.folds : n;

  c->feature_of = alloc_array(a, vocab, sizeof *c->feature_of, &rc);
  if (rc != NN_OK) return rc;
  c->feature_of_len = vocab;
  for (id = 0; id < vocab; id++)
    c->feature_of[id] = c->term[id].df >= c->opt.min_df ? (int32_t)features++ : -1;
  if ((rc = alloc_model(c, features, tags)) != NN_OK) return rc;
  for (id = 0; id < vocab; id++)
    if (c->feature_of[id] >= 0)
      c->idf[c->feature_of[id]] =
          (float)(log((1.0 + (double)n) / (1.0 + (double)c->term[id].df)) + 1.0);

  f.label = alloc_array(a, n, sizeof *f.label, &rc);
  f.truth = alloc_array(a, n, sizeof *f.truth, &rc);
  f.alpha = alloc_array(a, n, sizeof *f.alpha, &rc);
  f.alpha_full = alloc_array(a, n, sizeof *f.alpha_full, &rc);
  f.w = alloc_array(a, features + 1, sizeof *f.w, &rc);
  f.w_full = alloc_array(a, features + 1, sizeof *f.w_full, &rc);
  f.held_out = alloc_array(a, n, sizeof *f.held_out, &rc);
  f.order = alloc_array(a, n, sizeof *f.order, &rc);
  f.diag = alloc_array(a, n, sizeof *f.diag, &rc);
  f.sqnorm = alloc_array(a, n, sizeof *f.sqnorm, &rc);
  f.idle = alloc_array(a, n, sizeof *f.idle, &rc);
  f.pairs = alloc_array(a, n, sizeof *f.pairs, &rc);
  if (rc == NN_OK) rc = build_rows(c, &f);
  if (rc == NN_OK) rc = build_tag_lists(c, &f, tags);
  if (rc == NN_OK && folds >= 2) rc = build_folds(c, &f, folds, &rng);
  if (rc == NN_OK) {
    x.rows = n;
    x.cols = features;
    x.row_start = f.row_start;
    x.entry = f.entry;
    x.sqnorm = NULL;
    for (id = 0; id < n; id++) f.sqnorm[id] = nn_csr_sqnorm(&x, id);
    x.sqnorm = f.sqnorm;
    work.order = f.order;
    work.diag = f.diag;
    work.rng = rng;
    work.start_idle = NULL;
    work.end_idle = NULL;
    work.idle_margin = 0.0;
    work.shrink_bound = HUGE_VAL;
    for (t = 0; t < tags && rc == NN_OK; t++) rc = fit_tag(c, &f, &x, t, folds, &work);
  }
  if (rc == NN_OK) rc = arrange_weights(c, &f);
  fit_work_free(a, &f, features, tags, folds);
  return rc;
}

int nn_classifier_fit(nn_classifier *c)
{
  int rc;
  if (c->fitted) return NN_OK;
  free_model(c);
  rc = fit_model(c);
  if (rc != NN_OK) {
    free_model(c);
    return rc;
  }
  c->fitted = 1;
  return NN_OK;
}

int nn_classifier_fitted(const nn_classifier *c)
{
  return c->fitted;
}

/* ---- prediction ------------------------------------------------------------------------ */

static int predict_term(nn_classifier *c, const char *term, size_t len, void *ud)
{
  int64_t id = nn_strmap_find(&c->terms, term, len);
  size_t feature;
  (void)ud;
  if (id < 0) return NN_OK;
  if (c->feature_of) {
    if ((size_t)id >= c->feature_of_len || c->feature_of[id] < 0) return NN_OK;
    feature = (size_t)c->feature_of[id];
  } else {
    feature = (size_t)id;
  }
  if (c->feature_stamp[feature] != c->predict_stamp) {
    uint32_t f32 = (uint32_t)feature;
    c->feature_stamp[feature] = c->predict_stamp;
    c->feature_count[feature] = 1;
    return buf_push(&c->text_features, &f32, sizeof f32);
  }
  if (c->feature_count[feature] < UINT32_MAX) c->feature_count[feature]++;
  return NN_OK;
}

static int by_score(const void *pa, const void *pb)
{
  const nn_tag_score *x = pa, *y = pb;
  if (x->score > y->score) return -1;
  if (x->score < y->score) return 1;
  return x->tag < y->tag ? -1 : x->tag > y->tag;
}

static int decides(const nn_classifier *c, const nn_tag_score *s)
{
  switch (c->opt.threshold) {
  case NN_THRESHOLD_MARGIN: return s->margin >= 0.0;
  case NN_THRESHOLD_SCORE: return s->score >= c->opt.min_score;
  default: return s->margin >= (double)c->threshold[s->tag];
  }
}

int nn_classifier_predict(nn_classifier *c, const char *text, size_t len, size_t top,
                          nn_tag_score *out, size_t *count)
{
  size_t tags, m, i, t, kept;
  const uint32_t *features;
  uint32_t *counts;
  double inv;
  int rc;

  *count = 0;
  if ((rc = nn_classifier_fit(c)) != NN_OK) return rc;
  tags = c->model_tags;
  if (tags == 0) return NN_OK;

  if (++c->predict_stamp == 0) {
    memset(c->feature_stamp, 0, c->features * sizeof *c->feature_stamp);
    c->predict_stamp = 1;
  }
  c->text_features.len = 0;
  if ((rc = extract_terms(c, text, len, predict_term, NULL)) != NN_OK) return rc;
  m = c->text_features.len / sizeof(uint32_t);
  c->text_counts.len = 0;
  if ((rc = nn_buf_reserve(&c->text_counts, m * sizeof(uint32_t))) != NN_OK) return rc;
  features = (const uint32_t *)(const void *)c->text_features.data;
  counts = (uint32_t *)(void *)c->text_counts.data;
  for (i = 0; i < m; i++) counts[i] = c->feature_count[features[i]];
  inv = inverse_norm(c, features, counts, m);

  for (t = 0; t < tags; t++) c->margins[t] = BIAS * (double)c->bias[t];
  for (i = 0; i < m; i++) {
    size_t k, end = c->col_start[features[i] + 1];
    double v = (double)(float)(term_weight(counts[i], c->idf[features[i]]) * inv);
    for (k = c->col_start[features[i]]; k < end; k++)
      c->margins[c->col_tag[k]] += v * (double)c->col_weight[k];
  }
  for (t = 0; t < tags; t++) {
    double z = (double)c->platt_a[t] * c->margins[t] + (double)c->platt_b[t];
    out[t].tag = (uint32_t)t;
    out[t].margin = c->margins[t];
    out[t].score = 1.0 / (1.0 + exp(z));
  }
  nn_sort(out, tags, sizeof *out, by_score);
  if (top > 0) {
    *count = top < tags ? top : tags;
    return NN_OK;
  }
  /* A model trained on texts with one tag each is a plain multi-class
   * model: it decides the best tag. */
  if (c->most_tags == 1) {
    *count = 1;
    return NN_OK;
  }
  /* The decided tags in ranked order, never more than any training text
   * carried; the best one when none is decided. */
  kept = 0;
  for (t = 0; t < tags; t++)
    if (decides(c, &out[t])) out[kept++] = out[t];
  if (kept > c->most_tags && c->most_tags > 0) kept = c->most_tags;
  *count = kept > 0 ? kept : 1;
  return NN_OK;
}

/* ---- queries --------------------------------------------------------------------------- */

size_t nn_classifier_tag_count(const nn_classifier *c)
{
  return c->tags.count;
}

const char *nn_classifier_tag(const nn_classifier *c, size_t i, size_t *len)
{
  return nn_strmap_key(&c->tags, (uint32_t)i, len);
}

size_t nn_classifier_tag_documents(const nn_classifier *c, size_t i)
{
  return c->tag[i].docs;
}

size_t nn_classifier_document_count(const nn_classifier *c)
{
  return c->docs;
}

size_t nn_classifier_term_count(const nn_classifier *c)
{
  return c->features;
}

size_t nn_classifier_weight_count(const nn_classifier *c)
{
  return c->weights;
}

const nn_classifier_options *nn_classifier_options_of(const nn_classifier *c)
{
  return &c->opt;
}

/* ---- the model file -------------------------------------------------------------------- */

/* Model file format, version 1.  Integers are unsigned little-endian, reals
 * IEEE 754 little-endian (f32, f64), strings a u32 byte length then the bytes.
 *
 *   header, 32 bytes
 *     0  magic         8 bytes: 0x89 "NNLT" 0x0D 0x0A 0x1A ("learned tags";
 *                      catches 7-bit and newline-translating transfers)
 *     8  version       u32, 1
 *    12  payload_crc   u32, CRC-32 of the payload
 *    16  payload_len   u64, bytes of payload after the header; nothing follows it
 *    24  reserved      u32, 0
 *    28  header_crc    u32, CRC-32 of bytes 0..27
 *   payload
 *     features u32 (nn_features_kind), language string (0..3 bytes: "" guesses
 *     each text's language, "und" is none, else an nn_language.h code),
 *     stem u32, bigrams u32, min_df u32, cost f64,
 *     balanced u32, threshold u32 (nn_threshold_kind), min_score f64, folds u32,
 *     fbr f64, documents u64, most_tags u32 (the most tags a training text had),
 *     terms u32, tags u32, weights u64
 *     terms times:   term string (1..NN_CLASSIFIER_MAX_TERM bytes, distinct), idf f32
 *     tags times:    tag string (1..NN_CLASSIFIER_MAX_TAG bytes, distinct),
 *                    documents u32, bias f32, threshold f32, sigmoid a f32, b f32
 *     terms times:   u32, how many weights the term has
 *     weights times: tag step, weight f32 (grouped by term in term order, tags
 *                    ascending within a term).  The tag step is an unsigned
 *                    LEB128 number (7 bits a byte, low first, high bit set on
 *                    all but the last; at most 5 bytes; shortest form): the tag itself for a
 *                    term's first weight, else its distance (>= 1) from the
 *                    tag before.
 *
 * A tag's margin for a text is bias plus the sum over the text's terms of
 * weight times the term's normalized (1 + ln count) * idf; its score is
 * 1 / (1 + exp(a * margin + b)).  A reader checks the magic, then the version
 * (a newer one is NN_EVERSION), the lengths (a short file is NN_ETRUNCATED),
 * both checksums (NN_ECHECKSUM), then every count, index and real in the
 * payload (NN_EFORMAT). */

#define HEADER_SIZE 32
#define FORMAT_VERSION 1
static const char magic[8] = { (char)0x89, 'N', 'N', 'L', 'T', '\r', '\n', 0x1A };

typedef struct writer {
  nn_buf *out;
  int rc;
} writer;

static void put_bytes(writer *w, const void *p, size_t n)
{
  if (w->rc == NN_OK) w->rc = nn_buf_append(w->out, (const char *)p, n);
}

static void put_u32(writer *w, uint32_t v)
{
  unsigned char b[4];
  b[0] = (unsigned char)v;
  b[1] = (unsigned char)(v >> 8);
  b[2] = (unsigned char)(v >> 16);
  b[3] = (unsigned char)(v >> 24);
  put_bytes(w, b, 4);
}

static void put_u64(writer *w, uint64_t v)
{
  put_u32(w, (uint32_t)v);
  put_u32(w, (uint32_t)(v >> 32));
}

static void put_f32(writer *w, float v)
{
  uint32_t u;
  memcpy(&u, &v, sizeof u);
  put_u32(w, u);
}

static void put_f64(writer *w, double v)
{
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  put_u64(w, u);
}

static void put_varint(writer *w, uint32_t v)
{
  unsigned char b[5];
  size_t n = 0;
  while (v >= 0x80) {
    b[n++] = (unsigned char)(v | 0x80);
    v >>= 7;
  }
  b[n++] = (unsigned char)v;
  put_bytes(w, b, n);
}

static void put_string(writer *w, const char *s, size_t n)
{
  put_u32(w, (uint32_t)n);
  put_bytes(w, s, n);
}

static void store_u32(char *at, uint32_t v)
{
  at[0] = (char)(v & 0xFFu);
  at[1] = (char)((v >> 8) & 0xFFu);
  at[2] = (char)((v >> 16) & 0xFFu);
  at[3] = (char)((v >> 24) & 0xFFu);
}

int nn_classifier_save(nn_classifier *c, nn_buf *out)
{
  writer w;
  size_t base = out->len, payload, id, t, f;
  char *h;
  int rc;
  typedef char float_is_32_bits[sizeof(float) == 4 && sizeof(double) == 8 ? 1 : -1];
  (void)sizeof(float_is_32_bits);

  if ((rc = nn_classifier_fit(c)) != NN_OK) return rc;
  w.out = out;
  w.rc = NN_OK;
  put_bytes(&w, magic, sizeof magic);
  put_u32(&w, FORMAT_VERSION);
  put_u32(&w, 0); /* payload CRC, filled in below */
  put_u64(&w, 0); /* payload length */
  put_u32(&w, 0);
  put_u32(&w, 0); /* header CRC */

  put_u32(&w, (uint32_t)c->opt.features);
  put_string(&w, c->opt.language, strlen(c->opt.language));
  put_u32(&w, (uint32_t)c->opt.stem);
  put_u32(&w, (uint32_t)c->opt.bigrams);
  put_u32(&w, (uint32_t)c->opt.min_df);
  put_f64(&w, c->opt.cost);
  put_u32(&w, (uint32_t)c->opt.balanced);
  put_u32(&w, (uint32_t)c->opt.threshold);
  put_f64(&w, c->opt.min_score);
  put_u32(&w, (uint32_t)c->opt.folds);
  put_f64(&w, c->opt.fbr);
  put_u64(&w, (uint64_t)c->docs);
  put_u32(&w, (uint32_t)c->most_tags);
  put_u32(&w, (uint32_t)c->features);
  put_u32(&w, (uint32_t)c->model_tags);
  put_u64(&w, (uint64_t)c->weights);
  /* Terms in feature order: feature_of numbers the kept terms in id order. */
  f = 0;
  for (id = 0; id < c->terms.count && f < c->features; id++) {
    size_t n;
    const char *s;
    if (c->feature_of && (id >= c->feature_of_len || c->feature_of[id] < 0)) continue;
    s = nn_strmap_key(&c->terms, (uint32_t)id, &n);
    put_string(&w, s, n);
    put_f32(&w, c->idf[f]);
    f++;
  }
  for (t = 0; t < c->model_tags; t++) {
    size_t n;
    const char *s = nn_strmap_key(&c->tags, (uint32_t)t, &n);
    put_string(&w, s, n);
    put_u32(&w, c->tag[t].docs);
    put_f32(&w, c->bias[t]);
    put_f32(&w, c->threshold[t]);
    put_f32(&w, c->platt_a[t]);
    put_f32(&w, c->platt_b[t]);
  }
  for (f = 0; f < c->features; f++) put_u32(&w, (uint32_t)(c->col_start[f + 1] - c->col_start[f]));
  for (f = 0; f < c->features; f++) {
    uint32_t prev = 0;
    for (t = c->col_start[f]; t < c->col_start[f + 1]; t++) {
      put_varint(&w, c->col_tag[t] - prev);
      put_f32(&w, c->col_weight[t]);
      prev = c->col_tag[t];
    }
  }
  if (w.rc != NN_OK) {
    out->len = base;
    return w.rc;
  }
  h = out->data + base;
  payload = out->len - base - HEADER_SIZE;
  store_u32(h + 12, nn_crc32(0, h + HEADER_SIZE, payload));
  store_u32(h + 16, (uint32_t)payload);
  store_u32(h + 20, (uint32_t)((uint64_t)payload >> 32));
  store_u32(h + 28, nn_crc32(0, h, 28));
  return NN_OK;
}

typedef struct reader {
  const unsigned char *p;
  size_t left;
  int rc; /* sticky: the first problem met */
} reader;

static const unsigned char *get_bytes(reader *r, size_t n)
{
  const unsigned char *p = r->p;
  if (r->rc != NN_OK) return NULL;
  if (n > r->left) {
    r->rc = NN_EFORMAT;
    return NULL;
  }
  r->p += n;
  r->left -= n;
  return p;
}

static uint32_t read_u32(const unsigned char *b)
{
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint32_t get_u32(reader *r)
{
  const unsigned char *b = get_bytes(r, 4);
  return b ? read_u32(b) : 0;
}

static uint64_t get_u64(reader *r)
{
  uint64_t lo = get_u32(r);
  return lo | (uint64_t)get_u32(r) << 32;
}

static uint32_t get_varint(reader *r)
{
  uint32_t v = 0;
  int shift;
  for (shift = 0; shift < 35; shift += 7) {
    const unsigned char *b = get_bytes(r, 1);
    if (!b) return 0;
    if (shift == 28 && *b > 0x0F) break; /* more than 32 bits */
    v |= (uint32_t)(*b & 0x7F) << shift;
    if (!(*b & 0x80)) {
      if (*b == 0 && shift > 0) break; /* not the shortest form */
      return v;
    }
  }
  if (r->rc == NN_OK) r->rc = NN_EFORMAT;
  return 0;
}

static void need(reader *r, int ok)
{
  if (r->rc == NN_OK && !ok) r->rc = NN_EFORMAT;
}

/* A finite real (the format never stores NaN or infinities). */
static float get_f32(reader *r)
{
  uint32_t u = get_u32(r);
  float v;
  memcpy(&v, &u, sizeof v);
  need(r, isfinite(v));
  return r->rc == NN_OK ? v : 0.0f;
}

static double get_f64(reader *r)
{
  uint64_t u = get_u64(r);
  double v;
  memcpy(&v, &u, sizeof v);
  need(r, isfinite(v));
  return r->rc == NN_OK ? v : 0.0;
}

/* A string of 1..max bytes, interned into m as the next id. */
static void get_name(reader *r, nn_strmap *m, size_t max)
{
  uint32_t n = get_u32(r), id;
  const unsigned char *s;
  int rc;
  need(r, n >= 1 && n <= max);
  s = get_bytes(r, n);
  if (!s) return;
  rc = nn_strmap_intern(m, (const char *)s, n, &id);
  if (rc < 0) r->rc = rc;
  else need(r, rc == 1); /* a repeated name */
}

static int load_payload(nn_classifier *c, reader *r)
{
  nn_classifier_options *o = &c->opt;
  uint64_t documents, weights;
  uint32_t features, tags, most_tags;
  size_t f, t, k;
  int rc;

  o->features = (int)get_u32(r);
  if (r->rc == NN_OK && o->features != NN_FEATURES_TERMS)
    return NN_EVERSION; /* terms cut by an extractor this build lacks */
  {
    uint32_t n = get_u32(r);
    const unsigned char *code;
    need(r, n <= NN_LANG_CODE_MAX);
    code = get_bytes(r, n);
    if (!code) return r->rc;
    memcpy(o->language, code, n);
    o->language[n] = '\0';
    if (n > 0 && !nn_language_code_valid(o->language, n) &&
        strcmp(o->language, NN_LANG_UNDETERMINED) != 0)
      return NN_EFORMAT;
    if (!language_known(o->language)) return NN_EVERSION; /* a language this build lacks */
  }
  o->stem = (int)get_u32(r);
  o->bigrams = (int)get_u32(r);
  o->min_df = get_u32(r);
  o->cost = get_f64(r);
  o->balanced = (int)get_u32(r);
  o->threshold = (int)get_u32(r);
  o->min_score = get_f64(r);
  o->folds = get_u32(r);
  o->fbr = get_f64(r);
  documents = get_u64(r);
  most_tags = get_u32(r);
  features = get_u32(r);
  tags = get_u32(r);
  weights = get_u64(r);
  if (r->rc != NN_OK) return r->rc;
  /* Counts are checked against the bytes left before anything is allocated,
   * so a crafted file cannot ask for more memory than its own size implies. */
  if (nn_classifier_options_check(o) != NN_OK || documents > MAX_DOCUMENTS ||
      most_tags > tags || features > r->left / 9 || tags > r->left / 21 ||
      weights > r->left / 5)
    return NN_EFORMAT;
  c->docs = (size_t)documents;
  c->most_tags = most_tags;
  if ((rc = alloc_model(c, features, tags)) != NN_OK) return rc;
  if ((rc = alloc_weights(c, (size_t)weights)) != NN_OK) return rc;
  {
    void *p = c->tag;
    rc = grow_zeroed(&c->alloc, &p, &c->tag_cap, tags, sizeof *c->tag);
    c->tag = p;
    if (rc != NN_OK) return rc;
  }
  for (f = 0; f < features && r->rc == NN_OK; f++) {
    get_name(r, &c->terms, NN_CLASSIFIER_MAX_TERM);
    c->idf[f] = get_f32(r);
    need(r, c->idf[f] > 0.0f);
  }
  for (t = 0; t < tags && r->rc == NN_OK; t++) {
    get_name(r, &c->tags, NN_CLASSIFIER_MAX_TAG);
    c->tag[t].docs = get_u32(r);
    need(r, c->tag[t].docs <= documents);
    c->bias[t] = get_f32(r);
    c->threshold[t] = get_f32(r);
    c->platt_a[t] = get_f32(r);
    c->platt_b[t] = get_f32(r);
  }
  c->col_start[0] = 0;
  for (f = 0; f < features && r->rc == NN_OK; f++) {
    uint32_t n = get_u32(r);
    need(r, n <= weights - c->col_start[f]);
    c->col_start[f + 1] = c->col_start[f] + (r->rc == NN_OK ? n : 0);
  }
  need(r, features == 0 ? weights == 0 : c->col_start[features] == weights);
  for (f = 0; f < features && r->rc == NN_OK; f++) {
    uint32_t tag = 0;
    for (k = c->col_start[f]; k < c->col_start[f + 1] && r->rc == NN_OK; k++) {
      uint32_t step = get_varint(r);
      need(r, (k == c->col_start[f] || step >= 1) && step < tags - tag);
      tag += step;
      c->col_tag[k] = tag;
      c->col_weight[k] = get_f32(r);
    }
  }
  if (r->rc != NN_OK) return r->rc;
  return r->left == 0 ? NN_OK : NN_EFORMAT;
}

int nn_classifier_load(const nn_allocator *a, const char *data, size_t len, nn_classifier **out)
{
  const unsigned char *h = (const unsigned char *)data;
  uint64_t payload;
  uint32_t version;
  nn_classifier *c;
  reader r;
  int rc;

  *out = NULL;
  /* Our file cut short, or not ours at all? */
  if (len < sizeof magic)
    return len == 0 || memcmp(data, magic, len) == 0 ? NN_ETRUNCATED : NN_EFORMAT;
  if (memcmp(data, magic, sizeof magic) != 0) return NN_EFORMAT;
  if (len < 12) return NN_ETRUNCATED;
  version = read_u32(h + 8);
  if (version != FORMAT_VERSION) return NN_EVERSION;
  if (len < HEADER_SIZE) return NN_ETRUNCATED;
  if (read_u32(h + 28) != nn_crc32(0, data, 28) || read_u32(h + 24) != 0)
    return NN_ECHECKSUM;
  payload = (uint64_t)read_u32(h + 16) | (uint64_t)read_u32(h + 20) << 32;
  if (payload > (uint64_t)(len - HEADER_SIZE)) return NN_ETRUNCATED;
  if (payload < (uint64_t)(len - HEADER_SIZE)) return NN_EFORMAT; /* bytes after the model */
  if (read_u32(h + 12) != nn_crc32(0, data + HEADER_SIZE, (size_t)payload))
    return NN_ECHECKSUM;

  c = classifier_alloc(a);
  if (!c) return NN_ENOMEM;
  r.p = h + HEADER_SIZE;
  r.left = (size_t)payload;
  r.rc = NN_OK;
  rc = load_payload(c, &r);
  if (rc != NN_OK) {
    nn_classifier_free(c);
    return rc;
  }
  c->has_examples = 0;
  c->fitted = 1;
  *out = c;
  return NN_OK;
}
