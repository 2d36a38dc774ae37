/* The classifier core: the linear learner (SVM, Platt, SCut), training and
 * prediction on generated texts, the model file and its failure modes, and
 * allocation failures at every point. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

/* ---- an allocator that counts, checks sizes, and can fail ------------------------------- */

typedef struct counting {
  long allocations;   /* successful allocations so far */
  long fail_after;    /* fail every allocation after this many (-1: never) */
  long long live;     /* bytes allocated and not yet freed, by the sizes we are told */
  int failed;
} counting;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  counting *c = ud;
  void *p;
  if (nsize == 0) {
    if (ptr) c->live -= (long long)osize;
    free(ptr);
    return NULL;
  }
  if (c->fail_after >= 0 && c->allocations >= c->fail_after) {
    c->failed = 1;
    return NULL;
  }
  p = realloc(ptr, nsize);
  if (!p) return NULL;
  c->allocations++;
  c->live += (long long)nsize - (ptr ? (long long)osize : 0);
  return p;
}

/* ---- generated texts -------------------------------------------------------------------- */

static const char *const topic_names[] = { "markets", "weather", "sport", "health" };
static const char *const topic_words[4][10] = {
  { "shares", "stocks", "index", "investors", "trading", "exchange", "rally", "bonds",
    "yields", "dividend" },
  { "rain", "storm", "flood", "temperatures", "forecast", "snow", "wind", "drought",
    "heatwave", "clouds" },
  { "match", "goal", "league", "coach", "season", "championship", "players", "tournament",
    "striker", "final" },
  { "hospital", "vaccine", "doctors", "patients", "virus", "clinic", "nurses", "treatment",
    "outbreak", "medicine" },
};
static const char *const filler[] = {
  "the", "a", "of", "in", "said", "on", "and", "to", "officials", "reported", "week",
  "city", "new", "year", "after", "before", "people", "local", "region", "country",
};

typedef struct lcg {
  uint32_t state;
} lcg;

static uint32_t lcg_next(lcg *g, uint32_t n)
{
  g->state = g->state * 1103515245u + 12345u;
  return (g->state >> 16) % n;
}

/* Writes a text of 40 words about one or two topics; returns the topic mask. */
static unsigned generate(lcg *g, char *out, size_t cap, int two_topics)
{
  unsigned first = lcg_next(g, 4), second = two_topics ? (first + 1 + lcg_next(g, 3)) % 4 : first;
  size_t len = 0;
  int w;
  out[0] = '\0';
  for (w = 0; w < 40; w++) {
    const char *word;
    uint32_t r = lcg_next(g, 10);
    if (r < 4) word = topic_words[(r & 1) ? second : first][lcg_next(g, 10)];
    else word = filler[lcg_next(g, 20)];
    len += (size_t)snprintf(out + len, cap - len, "%s%s", w ? " " : "", word);
  }
  return (1u << first) | (1u << second);
}

static int train_generated(nn_classifier *c, lcg *g, int count)
{
  char text[1024];
  int i, rc = NN_OK;
  for (i = 0; i < count && rc == NN_OK; i++) {
    const char *names[2];
    size_t lens[2], n = 0;
    unsigned mask = generate(g, text, sizeof text, i % 4 == 3), t;
    for (t = 0; t < 4; t++) {
      if (mask & (1u << t)) {
        names[n] = topic_names[t];
        lens[n++] = strlen(topic_names[t]);
      }
    }
    rc = nn_classifier_train(c, text, strlen(text), names, lens, n);
  }
  return rc;
}

/* ---- the linear learner ----------------------------------------------------------------- */

/* w must equal the sum of alpha[i] * label[i] * (row i, bias). */
static double invariant_gap(const nn_csr *x, const signed char *label, const double *alpha,
                            const double *w, double bias)
{
  double expect[4] = { 0, 0, 0, 0 }, gap = 0.0;
  size_t i, k;
  for (i = 0; i < x->rows; i++) {
    if (!label[i]) continue;
    nn_csr_axpy(x, i, alpha[i] * label[i], expect);
    expect[x->cols] += alpha[i] * label[i] * bias;
  }
  for (k = 0; k <= x->cols; k++) gap += fabs(expect[k] - w[k]);
  return gap;
}

static void test_svm(void)
{
  /* Positives lean on feature 0, negatives on feature 1; one of each is noisy. */
  static const nn_csr_entry e[] = {
    { 0, 0.9f }, { 1, 0.1f }, { 0, 0.8f }, { 2, 0.3f }, { 0, 0.7f }, { 1, 0.6f },
    { 1, 0.9f }, { 2, 0.2f }, { 1, 0.8f }, { 0, 0.1f }, { 1, 0.5f }, { 0, 0.6f },
  };
  static const size_t start[] = { 0, 2, 4, 6, 8, 10, 12 };
  signed char label[] = { 1, 1, 1, -1, -1, -1 };
  double w[4] = { 0, 0, 0, 0 }, alpha[6] = { 0, 0, 0, 0, 0, 0 }, diag[6];
  uint32_t order[6];
  nn_csr x;
  nn_svm_params p;
  nn_svm_work work;
  size_t i;
  unsigned epochs;

  x.rows = 6;
  x.cols = 3;
  x.row_start = start;
  x.entry = e;
  x.sqnorm = NULL;
  nn_svm_params_init(&p);
  p.epsilon = 1e-6;
  work.order = order;
  work.diag = diag;
  work.rng = 1;
  work.shrink_bound = HUGE_VAL;
  work.start_idle = NULL;
  work.end_idle = NULL;
  work.idle_margin = 0.0;
  epochs = nn_svm_train(&x, label, &p, &work, w, alpha);
  CHECK(epochs >= 1 && epochs < p.max_epochs);
  CHECK(w[0] > 0.0 && w[1] < 0.0);
  /* The clean rows are on their side (rows 2 and 5 are the noisy ones). */
  CHECK(nn_svm_margin(&x, 0, w, p.bias) > 0.0 && nn_svm_margin(&x, 1, w, p.bias) > 0.0);
  CHECK(nn_svm_margin(&x, 3, w, p.bias) < 0.0 && nn_svm_margin(&x, 4, w, p.bias) < 0.0);
  for (i = 0; i < 6; i++) CHECK(alpha[i] >= 0.0);
  CHECK(invariant_gap(&x, label, alpha, w, p.bias) < 1e-9);

  /* Leaving a row out and warm-starting keeps the invariant and converges. */
  nn_svm_remove(&x, 2, label[2], p.bias, w, alpha);
  label[2] = 0;
  CHECK(alpha[2] == 0.0);
  CHECK(invariant_gap(&x, label, alpha, w, p.bias) < 1e-9);
  epochs = nn_svm_train(&x, label, &p, &work, w, alpha);
  CHECK(epochs < p.max_epochs);
  CHECK(invariant_gap(&x, label, alpha, w, p.bias) < 1e-9);
  CHECK(nn_svm_margin(&x, 0, w, p.bias) > 0.0);

  /* The squared norms, given or computed, lead to the same solution. */
  {
    double sq[6], w2[4] = { 0, 0, 0, 0 }, a2[6] = { 0, 0, 0, 0, 0, 0 };
    double w3[4] = { 0, 0, 0, 0 }, a3[6] = { 0, 0, 0, 0, 0, 0 };
    for (i = 0; i < 6; i++) sq[i] = nn_csr_sqnorm(&x, i);
    CHECK(fabs(sq[0] - (0.81 + 0.01)) < 1e-6);
    work.rng = 7;
    work.shrink_bound = HUGE_VAL;
    nn_svm_train(&x, label, &p, &work, w2, a2);
    x.sqnorm = sq;
    work.rng = 7;
    work.shrink_bound = HUGE_VAL;
    nn_svm_train(&x, label, &p, &work, w3, a3);
    for (i = 0; i < 4; i++) CHECK(w2[i] == w3[i]);
  }
}

static void test_platt(void)
{
  double f[200], a, b;
  signed char y[200];
  size_t i;
  lcg g = { 3 };
  /* Positives around +1, negatives around -1, with noise: a real fit. */
  for (i = 0; i < 200; i++) {
    double noise = ((double)lcg_next(&g, 1000) / 1000.0 - 0.5) * 2.4;
    y[i] = (signed char)(i % 4 == 0 ? 1 : -1);
    f[i] = (y[i] > 0 ? 1.0 : -1.0) + noise;
  }
  nn_platt_fit(f, y, 200, &a, &b);
  CHECK(isfinite(a) && isfinite(b));
  CHECK(a < -1.0 && a != -2.0); /* the probability grows with the margin */
  CHECK(1.0 / (1.0 + exp(a * 2.0 + b)) > 0.8);
  CHECK(1.0 / (1.0 + exp(a * -2.0 + b)) < 0.1);
  /* Labels of 0 are left out: here, every positive. */
  {
    double a2, b2;
    signed char y2[200];
    for (i = 0; i < 200; i++) y2[i] = (signed char)(y[i] > 0 ? 0 : -1);
    nn_platt_fit(f, y2, 200, &a2, &b2);
    CHECK(a2 == -2.0 && isfinite(b2));
    CHECK(1.0 / (1.0 + exp(b2)) < 0.05); /* no positives: a low probability */
  }
  /* Margins that fall as the tag applies are not believed: the fixed slope. */
  for (i = 0; i < 200; i++) f[i] = -f[i];
  nn_platt_fit(f, y, 200, &a, &b);
  CHECK(a == -2.0 && isfinite(b));
}

static void test_scut(void)
{
  nn_scored p[6] = { { 0.5, -1 }, { 0.9, 1 }, { 0.6, 1 }, { 0.4, -1 }, { 0.8, 1 }, { 0.7, -1 } };
  nn_scored q[6];
  double f1, t;
  memcpy(q, p, sizeof p);
  /* F1 by cut: 1 .5, 2 .8, 3 .667, 4 .857, 5 .75, 6 .667: the best keeps four. */
  t = nn_scut_threshold(p, 6, 0.1, &f1);
  CHECK(fabs(t - 0.55) < 1e-12);
  CHECK(fabs(f1 - 6.0 / 7.0) < 1e-12);
  CHECK(p[0].score == 0.9 && p[5].score == 0.4); /* sorted, best first */
  /* Below the fallback F1, only scores above every held-out one pass. */
  t = nn_scut_threshold(q, 6, 0.9, &f1);
  CHECK(t == 0.9);
  /* Ties: a cut can only fall between different scores. */
  {
    nn_scored r[4] = { { 1.0, 1 }, { 1.0, -1 }, { 1.0, -1 }, { 0.0, 1 } };
    t = nn_scut_threshold(r, 4, 0.0, &f1);
    CHECK(fabs(f1 - 2.0 * 2 / (4 + 2)) < 1e-12); /* everything: 2 tp of 4 accepted */
    CHECK(t < 0.0);
  }
  /* No positives: nothing to find. */
  {
    nn_scored r[2] = { { 1.0, -1 }, { 0.5, -1 } };
    t = nn_scut_threshold(r, 2, 0.1, &f1);
    CHECK(f1 == 0.0 && t == 1.0);
  }
  CHECK(nn_scut_threshold(NULL, 0, 0.1, &f1) == 0.0 && f1 == 0.0);
}

static void test_crc32(void)
{
  CHECK(nn_crc32(0, "123456789", 9) == 0xCBF43926u);
  CHECK(nn_crc32(nn_crc32(0, "1234", 4), "56789", 5) == 0xCBF43926u);
  CHECK(nn_crc32(0, "", 0) == 0);
}

/* ---- training and prediction ------------------------------------------------------------ */

static int top_tag_is(nn_classifier *c, const char *text, const char *tag)
{
  nn_tag_score out[8];
  size_t count, len;
  const char *name;
  if (nn_classifier_predict(c, text, strlen(text), 1, out, &count) != NN_OK || count != 1) return 0;
  name = nn_classifier_tag(c, out[0].tag, &len);
  return len == strlen(tag) && memcmp(name, tag, len) == 0;
}

static void test_train_predict(void)
{
  nn_classifier *c;
  nn_tag_score out[8];
  char text[1024];
  size_t count, i, right = 0, both = 0;
  int status;
  lcg g = { 12345 };

  c = nn_classifier_new(&nn_default_allocator, NULL, &status);
  CHECK(c != NULL && status == NN_OK);
  if (!c) return;
  /* An empty model predicts nothing and has nothing to fit. */
  CHECK(nn_classifier_fitted(c));
  CHECK(nn_classifier_predict(c, "rain", 4, 0, out, &count) == NN_OK && count == 0);

  CHECK(train_generated(c, &g, 200) == NN_OK);
  CHECK_EQ_SIZE(nn_classifier_document_count(c), 200);
  CHECK_EQ_SIZE(nn_classifier_tag_count(c), 4);
  CHECK(!nn_classifier_fitted(c));
  CHECK(nn_classifier_fit(c) == NN_OK);
  CHECK(nn_classifier_fitted(c));
  CHECK(nn_classifier_term_count(c) > 40);
  CHECK(nn_classifier_weight_count(c) > 0);

  for (i = 0; i < 100; i++) {
    unsigned mask = generate(&g, text, sizeof text, (int)(i % 2)), k, seen = 0;
    CHECK(nn_classifier_predict(c, text, strlen(text), 0, out, &count) == NN_OK);
    CHECK(count >= 1 && count <= 4);
    for (k = 0; k < count; k++) {
      seen |= 1u << out[k].tag;
      CHECK(out[k].score >= 0.0 && out[k].score <= 1.0);
      if (k > 0) CHECK(out[k].score <= out[k - 1].score);
    }
    /* Tag ids follow first appearance; map them back to topics by name. */
    {
      unsigned topics = 0;
      for (k = 0; k < 4; k++) {
        if (seen & (1u << k)) {
          size_t len, t;
          const char *name = nn_classifier_tag(c, k, &len);
          for (t = 0; t < 4; t++)
            if (strlen(topic_names[t]) == len && memcmp(topic_names[t], name, len) == 0)
              topics |= 1u << t;
        }
      }
      if (topics == mask) right++;
      if (i % 2 && (topics & mask) == mask) both++;
    }
  }
  CHECK(right >= 80);  /* exact tag sets for at least 80 of 100 texts */
  CHECK(both >= 40);   /* both topics found in at least 40 of the 50 mixed ones */

  /* top = k ranks every tag, decided or not. */
  CHECK(nn_classifier_predict(c, "storm", 5, 10, out, &count) == NN_OK && count == 4);
  CHECK(top_tag_is(c, "Heavy RAIN and snow: the forecast warns of a storm.", "weather"));
  CHECK(top_tag_is(c, "The striker scored the final goal of the season.", "sport"));
  CHECK(top_tag_is(c, "Investors bought shares as the index rallied.", "markets"));
  CHECK(top_tag_is(c, "Doctors at the clinic gave the vaccine to patients.", "health"));
  /* Texts with no known term, or no text at all, still get a best tag. */
  CHECK(nn_classifier_predict(c, "", 0, 0, out, &count) == NN_OK && count >= 1);
  CHECK(nn_classifier_predict(c, "\377\376 zzz", 6, 0, out, &count) == NN_OK && count >= 1);

  /* More training refits on the next prediction. */
  {
    const char *tag = "transport";
    size_t tl = strlen(tag);
    CHECK(nn_classifier_train(c, "trains buses trams", 18, &tag, &tl, 1) == NN_OK);
    CHECK(!nn_classifier_fitted(c));
    CHECK(nn_classifier_predict(c, "buses", 5, 10, out, &count) == NN_OK && count == 5);
    CHECK(nn_classifier_fitted(c));
    CHECK_EQ_SIZE(nn_classifier_tag_documents(c, 4), 1);
  }
  nn_classifier_free(c);
}

static void test_arguments(void)
{
  nn_classifier_options o;
  nn_classifier *c;
  const char *tags[2] = { "a", "" };
  size_t lens[2] = { 1, 0 };
  int status;

  nn_classifier_options_init(&o);
  CHECK(nn_classifier_options_check(&o) == NN_OK);
  o.cost = 0.0;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  CHECK(nn_classifier_new(&nn_default_allocator, &o, &status) == NULL && status == NN_EARG);
  nn_classifier_options_init(&o);
  o.folds = 1;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  o.folds = NN_CLASSIFIER_MAX_FOLDS + 1;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  nn_classifier_options_init(&o);
  o.fbr = 1.5;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  nn_classifier_options_init(&o);
  o.min_score = NAN;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  nn_classifier_options_init(&o);
  o.min_df = 0;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);
  nn_classifier_options_init(&o);
  o.threshold = 7;
  CHECK(nn_classifier_options_check(&o) == NN_EARG);

  c = nn_classifier_new(&nn_default_allocator, NULL, &status);
  if (!c) return;
  CHECK(nn_classifier_train(c, "x", 1, tags, lens, 2) == NN_EARG); /* an empty tag */
  lens[1] = NN_CLASSIFIER_MAX_TAG + 1;
  CHECK(nn_classifier_train(c, "x", 1, tags, lens, 2) == NN_EARG);
  CHECK_EQ_SIZE(nn_classifier_document_count(c), 0);
  /* A repeated tag counts once; no tags is a negative example. */
  tags[1] = "a";
  lens[1] = 1;
  CHECK(nn_classifier_train(c, "x y", 3, tags, lens, 2) == NN_OK);
  CHECK(nn_classifier_train(c, "z", 1, NULL, NULL, 0) == NN_OK);
  CHECK_EQ_SIZE(nn_classifier_tag_count(c), 1);
  CHECK_EQ_SIZE(nn_classifier_tag_documents(c, 0), 1);
  CHECK_EQ_SIZE(nn_classifier_document_count(c), 2);
  CHECK(nn_classifier_fit(c) == NN_OK);
  nn_classifier_free(c);
  nn_classifier_free(NULL);
}

/* ---- the model file --------------------------------------------------------------------- */

static uint32_t get32(const char *p)
{
  const unsigned char *b = (const unsigned char *)p;
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(char *p, uint32_t v)
{
  p[0] = (char)(v & 0xFF);
  p[1] = (char)((v >> 8) & 0xFF);
  p[2] = (char)((v >> 16) & 0xFF);
  p[3] = (char)((v >> 24) & 0xFF);
}

/* Makes the checksums of a model file right again after an edit. */
static void reseal(char *data, size_t len)
{
  put32(data + 12, nn_crc32(0, data + 32, len - 32));
  put32(data + 28, nn_crc32(0, data, 28));
}

static nn_classifier *small_model(int count, nn_buf *file)
{
  nn_classifier *c = nn_classifier_new(&nn_default_allocator, NULL, NULL);
  lcg g = { 99 };
  if (!c) return NULL;
  CHECK(train_generated(c, &g, count) == NN_OK);
  nn_buf_init(file, &nn_default_allocator);
  CHECK(nn_classifier_save(c, file) == NN_OK);
  return c;
}

static void same_predictions(nn_classifier *a, nn_classifier *b)
{
  nn_tag_score x[8], y[8];
  size_t nx, ny, i, k;
  char text[1024];
  lcg g = { 4242 };
  for (i = 0; i < 50; i++) {
    generate(&g, text, sizeof text, (int)(i % 2));
    CHECK(nn_classifier_predict(a, text, strlen(text), i % 3, x, &nx) == NN_OK);
    CHECK(nn_classifier_predict(b, text, strlen(text), i % 3, y, &ny) == NN_OK);
    CHECK(nx == ny);
    for (k = 0; k < nx && k < ny; k++) {
      CHECK(x[k].tag == y[k].tag);
      CHECK(x[k].score == y[k].score); /* bit for bit */
      CHECK(x[k].margin == y[k].margin);
    }
  }
}

static void test_save_load(void)
{
  nn_buf file, again;
  nn_classifier *c = small_model(120, &file), *d = NULL;
  size_t i;
  int rc;
  if (!c) return;

  rc = nn_classifier_load(&nn_default_allocator, file.data, file.len, &d);
  CHECK(rc == NN_OK && d != NULL);
  if (d) {
    CHECK_EQ_SIZE(nn_classifier_tag_count(d), nn_classifier_tag_count(c));
    CHECK_EQ_SIZE(nn_classifier_document_count(d), 120);
    CHECK_EQ_SIZE(nn_classifier_term_count(d), nn_classifier_term_count(c));
    CHECK_EQ_SIZE(nn_classifier_weight_count(d), nn_classifier_weight_count(c));
    CHECK_EQ_SIZE(nn_classifier_tag_documents(d, 0), nn_classifier_tag_documents(c, 0));
    CHECK(nn_classifier_fitted(d));
    same_predictions(c, d);
    /* Saving the loaded model gives the same bytes. */
    nn_buf_init(&again, &nn_default_allocator);
    CHECK(nn_classifier_save(d, &again) == NN_OK);
    CHECK(again.len == file.len && memcmp(again.data, file.data, file.len) == 0);
    nn_buf_free(&again);
    /* A loaded model keeps no examples, so it cannot learn more. */
    {
      const char *tag = "sport";
      size_t tl = 5;
      CHECK(nn_classifier_train(d, "goal", 4, &tag, &tl, 1) == NN_EARG);
    }
    nn_classifier_free(d);
  }

  /* Cut short anywhere: truncated; the empty file too. */
  for (i = 0; i < file.len; i++) {
    d = (nn_classifier *)&d;
    rc = nn_classifier_load(&nn_default_allocator, file.data, i, &d);
    CHECK(rc == NN_ETRUNCATED);
    CHECK(d == NULL);
  }
  /* Any byte flipped: an error, never a model. */
  for (i = 0; i < file.len; i++) {
    file.data[i] ^= 0x20;
    rc = nn_classifier_load(&nn_default_allocator, file.data, file.len, &d);
    CHECK(d == NULL);
    if (i < 8) CHECK(rc == NN_EFORMAT);
    else if (i < 12) CHECK(rc == NN_EVERSION);
    else CHECK(rc == NN_ECHECKSUM);
    file.data[i] ^= 0x20;
  }
  /* A byte more. */
  CHECK(nn_buf_append_byte(&file, 0) == NN_OK);
  CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EFORMAT);
  file.len--;
  /* Somebody else's file. */
  CHECK(nn_classifier_load(&nn_default_allocator, "# tags\nsport 1\n", 15, &d) == NN_EFORMAT);
  CHECK(nn_classifier_load(&nn_default_allocator, "\211NNL", 4, &d) == NN_ETRUNCATED);
  CHECK(nn_classifier_load(&nn_default_allocator, "\211NNC", 4, &d) == NN_EFORMAT);
  /* A newer version, whatever its checksums. */
  put32(file.data + 8, 2);
  CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EVERSION);
  reseal(file.data, file.len);
  CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EVERSION);
  put32(file.data + 8, 1);
  reseal(file.data, file.len);
  CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_OK);
  nn_classifier_free(d);
  /* Correct checksums over a payload that does not hold together: format. */
  {
    /* features, language (a string: "und" here), stem, bigrams, ... */
    uint32_t lang_len = get32(file.data + 36);
    uint32_t stem_at = 40 + lang_len, bigrams_at = stem_at + 4;
    uint32_t tags_at = bigrams_at + 4 + 4 + 8 + 4 + 4 + 8 + 4 + 8 + 8 + 4 + 4;
    uint32_t tags = get32(file.data + tags_at);
    CHECK(lang_len == 3 && memcmp(file.data + 40, "und", 3) == 0);
    put32(file.data + tags_at, tags + 1);
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EFORMAT);
    put32(file.data + tags_at, tags);
    put32(file.data + 32, 9); /* an extractor this build lacks */
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EVERSION);
    put32(file.data + 32, 1);
    put32(file.data + bigrams_at, 2); /* bigrams must be 0 or 1 */
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EFORMAT);
    put32(file.data + bigrams_at, 0);
    put32(file.data + stem_at, 2); /* so must stem */
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EFORMAT);
    put32(file.data + stem_at, 0);
    memcpy(file.data + 40, "zz", 2); /* a well-formed code this build does not know */
    file.data[42] = 'z';
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EVERSION);
    memcpy(file.data + 40, "U!d", 3); /* not a code at all */
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_EFORMAT);
    memcpy(file.data + 40, "und", 3);
    reseal(file.data, file.len);
    CHECK(nn_classifier_load(&nn_default_allocator, file.data, file.len, &d) == NN_OK);
    nn_classifier_free(d);
    /* Each byte flipped under correct checksums: a model or a format error. */
    for (i = 32; i < file.len; i++) {
      file.data[i] ^= 0x01;
      reseal(file.data, file.len);
      rc = nn_classifier_load(&nn_default_allocator, file.data, file.len, &d);
      CHECK(rc == NN_OK || rc == NN_EFORMAT || rc == NN_EVERSION);
      CHECK((rc == NN_OK) == (d != NULL));
      nn_classifier_free(d);
      file.data[i] ^= 0x01;
    }
    reseal(file.data, file.len);
  }
  nn_buf_free(&file);
  nn_classifier_free(c);
}

/* ---- allocation failures ---------------------------------------------------------------- */

/* Runs the whole life of a model with allocations failing after n; returns
 * whether an allocation failed.  Every step must report NN_ENOMEM or succeed,
 * and every byte must come back. */
static int run_with_failure(long n)
{
  counting cnt = { 0, -1, 0, 0 };
  nn_allocator a;
  nn_classifier *c, *d = NULL;
  nn_buf file;
  nn_tag_score out[8];
  size_t count;
  lcg g = { 7 };
  int rc, status;

  a.fn = counting_alloc;
  a.ud = &cnt;
  cnt.fail_after = n;
  c = nn_classifier_new(&a, NULL, &status);
  if (!c) {
    CHECK(status == NN_ENOMEM);
    CHECK(cnt.live == 0);
    return cnt.failed;
  }
  rc = train_generated(c, &g, 30);
  CHECK(rc == NN_OK || rc == NN_ENOMEM);
  rc = nn_classifier_predict(c, "storm and rain", 14, 0, out, &count);
  CHECK(rc == NN_OK || rc == NN_ENOMEM);
  nn_buf_init(&file, &a);
  rc = nn_classifier_save(c, &file);
  CHECK(rc == NN_OK || rc == NN_ENOMEM);
  if (rc == NN_OK) {
    rc = nn_classifier_load(&a, file.data, file.len, &d);
    CHECK(rc == NN_OK || rc == NN_ENOMEM);
    CHECK((rc == NN_OK) == (d != NULL));
    if (d) {
      rc = nn_classifier_predict(d, "goal", 4, 2, out, &count);
      CHECK(rc == NN_OK || rc == NN_ENOMEM);
    }
    nn_classifier_free(d);
  }
  nn_buf_free(&file);
  /* After a failure, the same classifier works once memory is back. */
  cnt.fail_after = -1;
  CHECK(nn_classifier_predict(c, "storm", 5, 0, out, &count) == NN_OK);
  nn_classifier_free(c);
  CHECK(cnt.live == 0);
  return cnt.failed;
}

static void test_allocation_failures(void)
{
  long n;
  for (n = 0; n < 100000; n++)
    if (!run_with_failure(n)) break;
  CHECK(n > 50); /* it did fail at many points before succeeding */
}

int main(void)
{
  test_svm();
  test_platt();
  test_scut();
  test_crc32();
  test_train_predict();
  test_arguments();
  test_save_load();
  test_allocation_failures();
  return ctest_report("classifier");
}
