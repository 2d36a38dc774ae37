/* Corpora: counting, the token cache, merging, the file format and its
 * validation, and allocation failures. */
#include <stdio.h>
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

static nn_termres res;

static const char *const articles[] = {
  "The central bank raised interest rates on Tuesday to fight inflation.",
  "Inflation rose again in March, the statistics office said.",
  "The football club signed a new striker from Brazil for the season.",
  "Rates on government bonds fell after the central bank spoke.",
  "Die Regierung hat die Steuern erh\303\266ht.",
};
#define NARTICLES (sizeof articles / sizeof articles[0])

static void settings(nn_corpus_settings *s, const char *lang, int stem, unsigned ngrams)
{
  memset(s, 0, sizeof *s);
  strcpy(s->lang, lang);
  s->stem = stem;
  s->ngrams = ngrams;
}

static int build(nn_corpus *c, const nn_allocator *a, const char *lang, unsigned ngrams,
                 size_t from, size_t to)
{
  nn_corpus_settings s;
  nn_langguess g;
  size_t i;
  int rc;
  settings(&s, lang, 0, ngrams);
  if ((rc = nn_corpus_init(c, a, &s)) != NN_OK) return rc;
  for (i = from; i < to; i++) {
    char id[16];
    snprintf(id, sizeof id, "a%u", (unsigned)i);
    if ((rc = nn_corpus_add(c, &res, articles[i], strlen(articles[i]), id, strlen(id), &g)) !=
        NN_OK)
      return rc;
  }
  return NN_OK;
}

static int same_file(const nn_corpus *a, const nn_corpus *b)
{
  nn_buf x, y;
  int same;
  nn_buf_init(&x, &nn_default_allocator);
  nn_buf_init(&y, &nn_default_allocator);
  same = nn_corpus_save(a, &x) == NN_OK && nn_corpus_save(b, &y) == NN_OK && x.len == y.len &&
         memcmp(x.data, y.data, x.len) == 0;
  nn_buf_free(&x);
  nn_buf_free(&y);
  return same;
}

static void test_counts(void)
{
  nn_corpus c;
  uint64_t df;
  CHECK(build(&c, &nn_default_allocator, "", 2, 0, NARTICLES) == NN_OK);
  CHECK(c.docs == NARTICLES);
  CHECK(nn_freqmap_get(&c.terms, "bank", 4, &df) == 2 && df == 2);
  CHECK(nn_freqmap_get(&c.terms, "inflation", 9, &df) == 2 && df == 2);
  CHECK(nn_freqmap_get(&c.terms, "regierung", 9, &df) == 1 && df == 1);
  CHECK(nn_freqmap_get(&c.terms, "the", 3, &df) == 0);
  CHECK(nn_freqmap_get(&c.terms, "die", 3, &df) == 0); /* German stopword, German article */
  CHECK(nn_freqmap_get(&c.langs, "en", 2, NULL) == 4);
  CHECK(nn_freqmap_get(&c.langs, "de", 2, NULL) == 1);
  CHECK(nn_ngrams_count(&c.ngrams, "central bank", 12) == 2);
  CHECK(nn_strmap_find(&c.ids.map, "a3", 2) >= 0);
  {
    nn_langguess g;
    CHECK(nn_corpus_add(&c, &res, "x", 1, "a3", 2, &g) == NN_EDUPLICATE);
    CHECK(c.docs == NARTICLES);
  }
  CHECK(nn_corpus_idf(&c, 2) > nn_corpus_idf(&c, 3));
  nn_corpus_free(&c);
}

/* The token cache changes nothing: a corpus counts what nn_terms_count
 * counts, through hits, misses, evictions, long tokens and growth. */
static void test_cache_agrees(void)
{
  nn_corpus c;
  nn_corpus_settings s;
  nn_freqmap ref;
  nn_termopts o;
  nn_langguess g;
  nn_buf text, scratch;
  unsigned seed = 12345, doc, w;
  size_t i;
  settings(&s, "en", 1, 0);
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_OK);
  nn_freqmap_init(&ref, &nn_default_allocator, 0);
  nn_buf_init(&text, &nn_default_allocator);
  nn_buf_init(&scratch, &nn_default_allocator);
  memset(&o, 0, sizeof o);
  o.lang = "en";
  o.stem = 1;
  for (doc = 0; doc < 300; doc++) {
    text.len = 0;
    for (w = 0; w < 400; w++) {
      char word[64];
      unsigned r;
      int n;
      seed = seed * 1103515245u + 12345u;
      r = (seed >> 8) % 1000;
      /* Frequent words, rare words (many: they evict), and long ones. */
      if (r < 600) n = snprintf(word, sizeof word, "word%u ", r % 50);
      else if (r < 990) n = snprintf(word, sizeof word, "Rare%uing ", (seed >> 4) % 60000);
      else n = snprintf(word, sizeof word, "internationalization%u's ", r);
      nn_buf_append(&text, word, (size_t)n);
    }
    CHECK(nn_corpus_add(&c, &res, text.data, text.len, NULL, 0, &g) == NN_OK);
    CHECK(nn_terms_count(&res, &o, text.data, text.len, &scratch, &ref, &g) == NN_OK);
  }
  CHECK(c.cache_slots > NN_TERMCACHE_MIN); /* it grew */
  CHECK(c.terms.map.count == ref.map.count);
  CHECK(c.terms.total == ref.total);
  for (i = 0; i < ref.map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&ref.map, (uint32_t)i, &len);
    CHECK(nn_freqmap_get(&c.terms, key, len, NULL) == ref.rec[i].count);
  }
  nn_freqmap_free(&ref);
  nn_buf_free(&text);
  nn_buf_free(&scratch);
  nn_corpus_free(&c);
}

static void test_merge(void)
{
  nn_corpus whole, a, b, b2, a2, other;
  nn_corpus_settings s;
  uint64_t d1, d2;
  CHECK(build(&whole, &nn_default_allocator, "en", 3, 0, NARTICLES) == NN_OK);
  CHECK(build(&a, &nn_default_allocator, "en", 3, 0, 2) == NN_OK);
  CHECK(build(&b, &nn_default_allocator, "en", 3, 2, NARTICLES) == NN_OK);
  CHECK(build(&a2, &nn_default_allocator, "en", 3, 0, 2) == NN_OK);
  CHECK(build(&b2, &nn_default_allocator, "en", 3, 2, NARTICLES) == NN_OK);
  CHECK(nn_corpus_merge(&a, &b) == NN_OK);  /* a + b */
  CHECK(nn_corpus_merge(&b2, &a2) == NN_OK); /* b + a */
  CHECK(same_file(&whole, &a));
  CHECK(same_file(&whole, &b2));
  CHECK(nn_corpus_digest(&a, &d1) == NN_OK && nn_corpus_digest(&whole, &d2) == NN_OK && d1 == d2);
  CHECK(nn_corpus_merge(&a, &a) == NN_EDUPLICATE);
  CHECK(nn_corpus_merge(&a, &b) == NN_EDUPLICATE); /* b's ids are in a now */
  settings(&s, "de", 0, 3);
  CHECK(nn_corpus_init(&other, &nn_default_allocator, &s) == NN_OK);
  CHECK(nn_corpus_merge(&a, &other) == NN_EMISMATCH);
  nn_corpus_free(&other);
  settings(&s, "en", 0, 3);
  CHECK(nn_corpus_init(&other, &nn_default_allocator, &s) == NN_OK);
  CHECK(nn_corpus_add_stopword(&other, "said", 4) == NN_OK);
  CHECK(nn_corpus_merge(&a, &other) == NN_EMISMATCH);
  nn_corpus_free(&other);
  nn_corpus_free(&whole);
  nn_corpus_free(&a);
  nn_corpus_free(&b);
  nn_corpus_free(&a2);
  nn_corpus_free(&b2);
}

static void test_settings(void)
{
  nn_corpus c;
  nn_corpus_settings s;
  settings(&s, "", 1, 0);
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_EARG); /* stem needs a language */
  settings(&s, "EN", 0, 0);
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_EARG);
  settings(&s, "en", 0, 4);
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_EARG);
  settings(&s, "en", 0, 1);
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_EARG);
  settings(&s, "en", 0, 0);
  s.stop_mode = 3;
  CHECK(nn_corpus_init(&c, &nn_default_allocator, &s) == NN_EARG);
}

/* ---- the file format ----------------------------------------------------------------- */

static void roundtrip(unsigned ngrams)
{
  nn_corpus c, d;
  nn_buf f, g;
  size_t n;
  int bad = 0;
  CHECK(build(&c, &nn_default_allocator, "en", ngrams, 0, 3) == NN_OK);
  nn_buf_init(&f, &nn_default_allocator);
  nn_buf_init(&g, &nn_default_allocator);
  CHECK(nn_corpus_save(&c, &f) == NN_OK);
  CHECK(nn_corpus_load(&d, &nn_default_allocator, f.data, f.len) == NN_OK);
  CHECK(nn_corpus_save(&d, &g) == NN_OK);
  CHECK(f.len == g.len && memcmp(f.data, g.data, f.len) == 0);
  nn_corpus_free(&d);
  /* Every truncation is reported as one. */
  for (n = 0; n < f.len; n++)
    if (nn_corpus_load(&d, &nn_default_allocator, f.data, n) != NN_ETRUNCATED) bad++;
  CHECK(bad == 0);
  /* Every flipped bit is caught. */
  for (n = 0; n < f.len * 8; n++) {
    int rc;
    f.data[n / 8] ^= (char)(1 << (n % 8));
    rc = nn_corpus_load(&d, &nn_default_allocator, f.data, f.len);
    if (rc == NN_OK) {
      bad++;
      nn_corpus_free(&d);
    }
    f.data[n / 8] ^= (char)(1 << (n % 8));
  }
  CHECK(bad == 0);
  nn_buf_free(&f);
  nn_buf_free(&g);
  nn_corpus_free(&c);
}

/* Builds a file around a body, with a correct CRC, to reach the checks
 * that come after it. */
static void wrap(nn_buf *out, const unsigned char *body, size_t n, uint32_t version)
{
  unsigned char head[24];
  uint32_t crc;
  size_t i;
  memcpy(head, NN_CORPUS_MAGIC, 8);
  for (i = 0; i < 4; i++) head[8 + i] = (unsigned char)(version >> (8 * i));
  memset(head + 12, 0, 4);
  for (i = 0; i < 8; i++) head[16 + i] = (unsigned char)((uint64_t)n >> (8 * i));
  out->len = 0;
  nn_buf_append(out, (const char *)head, 24);
  nn_buf_append(out, (const char *)body, n);
  crc = nn_crc32(0, out->data, out->len);
  for (i = 0; i < 4; i++) nn_buf_append_byte(out, (unsigned char)(crc >> (8 * i)));
}

static int load_body(const unsigned char *body, size_t n)
{
  nn_buf f;
  nn_corpus c;
  int rc;
  nn_buf_init(&f, &nn_default_allocator);
  wrap(&f, body, n, 1);
  rc = nn_corpus_load(&c, &nn_default_allocator, f.data, f.len);
  if (rc == NN_OK) nn_corpus_free(&c);
  nn_buf_free(&f);
  return rc;
}

#define BODY(...)                                                                        \
  do {                                                                                   \
    static const unsigned char b[] = { __VA_ARGS__ };                                    \
    rc = load_body(b, sizeof b);                                                         \
  } while (0)

static void test_validation(void)
{
  int rc;
  /* lang "en", stem 0, numbers 0, order 0, mode 0, no stopwords; 2 docs;
   * languages: en 2; no ids; terms: "a" cf 1 df 1, "b" cf 3 df 2. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 1, 'a', 1, 1, 0, 1, 'b', 3, 2);
  CHECK(rc == NN_OK);
  /* Terms out of order. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 1, 'b', 1, 1, 0, 1, 'a', 3, 2);
  CHECK(rc == NN_EFORMAT);
  /* A term twice. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 1, 'a', 1, 1, 1, 0, 1, 1);
  CHECK(rc == NN_EFORMAT);
  /* df larger than the documents, df 0, df larger than cf. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 1, 0, 1, 'a', 5, 3);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 1, 0, 1, 'a', 5, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 1, 0, 1, 'a', 1, 2);
  CHECK(rc == NN_EFORMAT);
  /* Languages that do not add up to the documents. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 1, 0, 0);
  CHECK(rc == NN_EFORMAT);
  /* A malformed language code. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'E', 'N', 2, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'E', 'N', 0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  /* Settings out of range: stem 2, order 1, mode 3, stemming without a language. */
  BODY(2, 'e', 'n', 2, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 1, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 0, 3, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  /* The smallest valid body: an empty corpus guessing languages. */
  BODY(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_OK);
  /* Bytes left over, a body cut short. */
  BODY(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  /* A varint with a superfluous zero byte, one beyond 64 bits. */
  BODY(0, 0, 0, 0, 0, 0, 0x80, 0x00, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  BODY(0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0);
  CHECK(rc == NN_EFORMAT);
  /* A string longer than the body; a shared prefix longer than the last string. */
  BODY(40, 'e', 'n');
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 1, 'a', 1, 1, 5, 1, 'b', 3, 2);
  CHECK(rc == NN_EFORMAT);
  /* Sorted, but not front-coded with the longest shared prefix ("ab", then
   * "ac" written whole): another encoding of the same list. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 2, 'a', 'b', 1, 1, 0, 2, 'a',
       'c', 1, 1);
  CHECK(rc == NN_EFORMAT);
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 2, 1, 0, 2, 'e', 'n', 2, 0, 2, 0, 2, 'a', 'b', 1, 1, 1, 1, 'c',
       1, 1);
  CHECK(rc == NN_OK);
  /* A term that is not UTF-8. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 1, 1, 0, 2, 'e', 'n', 1, 0, 1, 0, 1, 0xFF, 1, 1);
  CHECK(rc == NN_EFORMAT);
  /* More ids than documents. */
  BODY(2, 'e', 'n', 0, 0, 0, 0, 0, 1, 1, 0, 2, 'e', 'n', 1, 2, 0, 1, 'x', 0, 1, 'y', 0);
  CHECK(rc == NN_EFORMAT);
  /* A list count larger than what is left. */
  BODY(0, 0, 0, 0, 0, 0x7F, 0);
  CHECK(rc == NN_EFORMAT);
}

static void test_headers(void)
{
  nn_corpus c;
  nn_buf f;
  static const unsigned char empty_body[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  nn_buf_init(&f, &nn_default_allocator);
  wrap(&f, empty_body, sizeof empty_body, 2);
  CHECK(nn_corpus_load(&c, &nn_default_allocator, f.data, f.len) == NN_EVERSION);
  wrap(&f, empty_body, sizeof empty_body, 0);
  CHECK(nn_corpus_load(&c, &nn_default_allocator, f.data, f.len) == NN_EFORMAT);
  wrap(&f, empty_body, sizeof empty_body, 1);
  f.data[13] = 1; /* reserved flags */
  CHECK(nn_corpus_load(&c, &nn_default_allocator, f.data, f.len) == NN_EFORMAT);
  CHECK(nn_corpus_load(&c, &nn_default_allocator, "hello", 5) == NN_EFORMAT);
  CHECK(nn_corpus_load(&c, &nn_default_allocator, "\211NN", 3) == NN_ETRUNCATED);
  CHECK(nn_corpus_load(&c, &nn_default_allocator, "", 0) == NN_ETRUNCATED);
  nn_buf_free(&f);
}

/* ---- allocation failures ------------------------------------------------------------- */

typedef struct failing {
  long left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > osize && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static void test_out_of_memory(void)
{
  long budget;
  int failed = 0, succeeded = 0;
  nn_buf file;
  nn_corpus good;
  nn_buf_init(&file, &nn_default_allocator);
  CHECK(build(&good, &nn_default_allocator, "en", 3, 0, NARTICLES) == NN_OK);
  CHECK(nn_corpus_save(&good, &file) == NN_OK);
  for (budget = 0; budget < 400; budget += 3) {
    failing f;
    nn_allocator a;
    nn_corpus c;
    nn_buf out;
    int rc;
    f.left = budget;
    a.fn = failing_alloc;
    a.ud = &f;
    /* Building: fails cleanly or succeeds. */
    rc = build(&c, &a, "en", 3, 0, NARTICLES);
    if (rc == NN_OK) {
      nn_buf_init(&out, &a);
      rc = nn_corpus_save(&c, &out);
      CHECK(rc == NN_OK || rc == NN_ENOMEM);
      nn_buf_free(&out);
      succeeded++;
    } else {
      CHECK(rc == NN_ENOMEM);
      failed++;
    }
    nn_corpus_free(&c);
    /* Loading. */
    f.left = budget;
    rc = nn_corpus_load(&c, &a, file.data, file.len);
    CHECK(rc == NN_OK || rc == NN_ENOMEM);
    if (rc == NN_OK) {
      f.left = 1L << 30; /* saving needs memory too */
      CHECK(same_file(&c, &good));
      nn_corpus_free(&c);
    }
  }
  CHECK(failed > 0 && succeeded > 0);
  nn_buf_free(&file);
  nn_corpus_free(&good);
}

int main(void)
{
  if (nn_termres_init(&res, &nn_default_allocator) != NN_OK) return 1;
  test_counts();
  test_cache_agrees();
  test_merge();
  test_settings();
  roundtrip(0);
  roundtrip(3);
  test_validation();
  test_headers();
  test_out_of_memory();
  nn_termres_free(&res);
  return ctest_report("corpus");
}
