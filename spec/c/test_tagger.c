/* The taxonomy tagger: building, the text format, matching against a naive
 * reference, scores, limits, and every allocation failing in turn. */
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

/* An allocator that counts live blocks and can fail from the n-th call. */
typedef struct test_alloc {
  long calls, fail_at; /* fail_at < 0: never */
  long live;
  size_t bytes;
} test_alloc;

static void *test_alloc_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
  test_alloc *a = ud;
  if (nsize == 0) {
    if (ptr) {
      a->live--;
      a->bytes -= osize;
    }
    free(ptr);
    return NULL;
  }
  a->calls++;
  if (a->fail_at >= 0 && a->calls >= a->fail_at) return NULL;
  ptr = realloc(ptr, nsize);
  if (ptr) {
    if (osize == 0) a->live++;
    a->bytes += nsize - osize;
  }
  return ptr;
}

static nn_tagger *build(const char *taxonomy, const char *lang, int stem)
{
  nn_tagger *t = NULL;
  nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;
  size_t line;
  const char *why;
  o.lang = lang;
  o.stem = stem;
  CHECK(nn_tagger_new(&t, &o, &nn_default_allocator) == NN_OK);
  if (!t) return NULL;
  CHECK(nn_tagger_parse(t, taxonomy, strlen(taxonomy), &line, &why) == NN_OK);
  CHECK(nn_tagger_compile(t) == NN_OK);
  return t;
}

/* "tag=text|tag=text" for the matches of s. */
static void expect_matches(nn_tagger *t, const char *s, int overlapping, const char *want)
{
  nn_buf m, got;
  size_t i, n;
  nn_buf_init(&m, &nn_default_allocator);
  nn_buf_init(&got, &nn_default_allocator);
  CHECK(nn_tagger_match(t, s, strlen(s), overlapping, &m, NULL) == NN_OK);
  n = m.len / sizeof(nn_tag_match);
  for (i = 0; i < n; i++) {
    const nn_tag_match *x = (const nn_tag_match *)(void *)m.data + i;
    size_t len;
    const char *name = nn_tagger_tag_name(t, x->tag, &len);
    if (i) nn_buf_append_byte(&got, '|');
    nn_buf_append(&got, name, len);
    nn_buf_append_byte(&got, '=');
    nn_buf_append(&got, s + x->start, x->stop - x->start);
  }
  nn_buf_append_byte(&got, '\0');
  if (strcmp(got.data, want) != 0) {
    fprintf(stderr, "  [%s]: got [%s], expected [%s]\n", s, got.data, want);
    CHECK(0);
  } else {
    CHECK(1);
  }
  nn_buf_free(&m);
  nn_buf_free(&got);
}

static void test_keys(void)
{
  nn_tagger *t = build("Brazil: São Paulo\nCambodia: Cambodia; Hun Sen\nMy: мой\n"
                       "Finance: finance\nUS: \"US\"; U.S.\n", NULL, 0);
  expect_matches(t, "SAO PAULO, Sa\xCC\x83o Paulo", 0, "Brazil=SAO PAULO|Brazil=Sa\xCC\x83o Paulo");
  expect_matches(t, "CAMBODIA's Hun Sen\xE2\x80\x99s", 0, "Cambodia=CAMBODIA|Cambodia=Hun Sen");
  expect_matches(t, "Hun, Sen", 0, "");
  expect_matches(t, "мои МОЙ", 0, "My=МОЙ");
  expect_matches(t, "\xEF\xAC\x81nance", 0, "Finance=\xEF\xAC\x81nance");
  expect_matches(t, "us US U.S. u.s.", 0, "US=US|US=U.S.|US=u.s.");
  expect_matches(t, "Cam\xC2\xAD" "bodia", 0, "Cambodia=Cam\xC2\xAD" "bodia");
  expect_matches(t, "", 0, "");
  expect_matches(t, "\xFF\xC0 Cambodia\xFF", 0, "Cambodia=Cambodia");
  nn_tagger_free(t);

  t = build("Elysee: Élysée\n", "fr", 0);
  expect_matches(t, "l'Élysée qu\xE2\x80\x99" "Elysee", 0, "Elysee=Élysée|Elysee=Elysee");
  nn_tagger_free(t);
  t = build("Brien: Brien\n", "en", 0);
  expect_matches(t, "O'Brien", 0, "");
  nn_tagger_free(t);

  t = build("Protest: protest\nVote: voting rights\n", "en", 1);
  expect_matches(t, "Protests, protesters; vote right", 0,
                 "Protest=Protests|Protest=protesters|Vote=vote right");
  nn_tagger_free(t);
  t = build("Staat: Regierung\n", "de", 1);
  expect_matches(t, "Regierungen", 0, "Staat=Regierungen");
  nn_tagger_free(t);
}

static void test_overlaps(void)
{
  nn_tagger *t = build("NY: New York\nNYT: New York Times\nTimes: York Times\n", NULL, 0);
  expect_matches(t, "The New York Times in New York", 0, "NYT=New York Times|NY=New York");
  expect_matches(t, "The New York Times", 1,
                 "NY=New York|NYT=New York Times|Times=York Times");
  expect_matches(t, "New York New York Times", 0, "NY=New York|NYT=New York Times");
  nn_tagger_free(t);
  t = build("A: a b\nB: b c\nC: a b c d\n", NULL, 0);
  expect_matches(t, "a b c", 0, "A=a b");
  expect_matches(t, "a b c d", 0, "C=a b c d");
  expect_matches(t, "a b c e", 0, "A=a b");
  nn_tagger_free(t);
}

static void test_build_errors(void)
{
  nn_tagger *t = NULL;
  nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;
  uint32_t tag;
  const char *why;
  char long_phrase[200];
  size_t i, line;
  o.stem = 1;
  CHECK(nn_tagger_new(&t, &o, &nn_default_allocator) == NN_EARG);
  o.lang = "xx";
  CHECK(nn_tagger_new(&t, &o, &nn_default_allocator) == NN_EARG);
  o.lang = "english";
  o.stem = 0;
  CHECK(nn_tagger_new(&t, &o, &nn_default_allocator) == NN_EARG);
  o.lang = "pt-BR";
  CHECK(nn_tagger_new(&t, &o, &nn_default_allocator) == NN_OK);
  CHECK(strcmp(nn_tagger_lang(t), "pt-BR") == 0);
  CHECK(nn_tagger_add_tag(t, "", 0, 1.0, &tag) == NN_EARG);
  CHECK(nn_tagger_add_tag(t, "A", 1, 0.0, &tag) == NN_EARG);
  CHECK(nn_tagger_add_tag(t, "A", 1, 2e9, &tag) == NN_EARG);
  CHECK(nn_tagger_add_tag(t, "A", 1, 1.0, &tag) == 1);
  CHECK(nn_tagger_add_tag(t, "A", 1, 5.0, &tag) == 0);
  CHECK(nn_tagger_tag_weight(t, tag) == 1.0);
  CHECK(nn_tagger_add_phrase(t, tag, " ", 1, 0, &why) == NN_EARG && why != NULL);
  CHECK(nn_tagger_add_phrase(t, tag, "b\xFF", 2, 0, &why) == NN_EARG);
  CHECK(nn_tagger_add_phrase(t, tag + 1, "x", 1, 0, &why) == NN_EARG);
  for (i = 0; i < NN_TAGGER_MAX_TOKENS + 1; i++) {
    long_phrase[2 * i] = 'w';
    long_phrase[2 * i + 1] = ' ';
  }
  CHECK(nn_tagger_add_phrase(t, tag, long_phrase, 2 * NN_TAGGER_MAX_TOKENS + 2, 0, &why) ==
        NN_EARG);
  CHECK(nn_tagger_add_phrase(t, tag, long_phrase, 2 * NN_TAGGER_MAX_TOKENS, 0, &why) == NN_OK);
  CHECK(nn_tagger_add_phrase(t, tag, "alpha", 5, 0, &why) == NN_OK);
  CHECK(nn_tagger_add_phrase(t, tag, "ALPHA", 5, 0, &why) == NN_OK);
  CHECK(nn_tagger_phrase_count(t) == 2);
  CHECK(nn_tagger_compile(t) == NN_OK);
  CHECK(nn_tagger_compile(t) == NN_OK);
  CHECK(nn_tagger_add_phrase(t, tag, "beta", 4, 0, &why) == NN_EARG);
  CHECK(nn_tagger_parse(t, "B: b\n", 5, &line, &why) == NN_EARG);
  CHECK(nn_tagger_tag_name(t, 7, NULL) == NULL);
  CHECK(nn_tagger_phrase_text(t, 99, NULL) == NULL);
  CHECK(nn_tagger_phrase_tag(t, 99) == UINT32_MAX);
  nn_tagger_free(t);
  nn_tagger_free(NULL);
}

static void expect_parse_error(const char *text, int code, size_t want_line)
{
  nn_tagger *t = NULL;
  size_t line = 0;
  const char *why = NULL;
  CHECK(nn_tagger_new(&t, NULL, &nn_default_allocator) == NN_OK);
  CHECK(nn_tagger_parse(t, text, strlen(text), &line, &why) == code);
  if (line != want_line) fprintf(stderr, "  [%s]: error on line %zu (%s)\n", text, line, why);
  CHECK_EQ_SIZE(line, want_line);
  CHECK(why != NULL);
  nn_tagger_free(t);
}

static void test_format(void)
{
  nn_tagger *t = build("\xEF\xBB\xBF# comment\r\nA [weight=2.5]: alpha; \"Beta\";\r\n  gamma\n"
                       "B\n\tdelta\n  #hashtag\n\n# end\n",
                       NULL, 0);
  CHECK_EQ_SIZE(nn_tagger_tag_count(t), 2);
  CHECK_EQ_SIZE(nn_tagger_phrase_count(t), 5);
  CHECK(nn_tagger_tag_weight(t, 0) == 2.5);
  CHECK(nn_tagger_phrase_case_sensitive(t, 1));
  expect_matches(t, "Alpha beta Beta gamma delta #hashtag", 0,
                 "A=Alpha|A=Beta|A=gamma|B=delta|B=#hashtag");
  nn_tagger_free(t);
  expect_parse_error("A: a\nB\n", NN_EFORMAT, 2);
  expect_parse_error("A: a\nB\nC: c\n", NN_EFORMAT, 2);
  expect_parse_error("  a\n", NN_EFORMAT, 1);
  expect_parse_error("A: a\n\nA: b\n", NN_EFORMAT, 3);
  expect_parse_error("A [weight=-1]: a\n", NN_EFORMAT, 1);
  expect_parse_error("A [weight=1e3]: a\n", NN_EFORMAT, 1);
  expect_parse_error("A [size=1]: a\n", NN_EFORMAT, 1);
  expect_parse_error("A: \"a\n", NN_EFORMAT, 1);
  expect_parse_error("A: \"\"\n", NN_EFORMAT, 1);
  expect_parse_error(":a\n", NN_EFORMAT, 1);
  expect_parse_error("A: a\nB: \xE2\x80\x8B\n", NN_EFORMAT, 2);
  expect_parse_error("A: a\nB: b\n\nC: \xC3\n", NN_EUTF8, 4);
}

/* The naive reference: a phrase of words matches where the same words,
 * lower-cased, follow each other; leftmost-longest without overlaps. */
#define REF_WORDS 6
static const char *const ref_vocab[REF_WORDS] = { "ab", "Cd", "ef", "AB", "gh", "ij" };

static void test_reference(void)
{
  /* In ref_vocab only ab and AB (0 and 3) are the same word up to case. */
  unsigned seed = 7;
  int round;
  for (round = 0; round < 300; round++) {
    int phrases[8][4], plen[8], np = 1 + (int)(seed % 8), text[60], nt, p, i, k;
    char taxonomy[2048], s[600];
    size_t tl = 0, sl = 0, want_n = 0, got_n, starts[60], stops[60];
    int want_tag[60 * 8];
    nn_tagger *t;
    nn_buf m;
    for (p = 0; p < np; p++) {
      seed = seed * 1103515245u + 12345u;
      plen[p] = 1 + (int)((seed >> 16) % 3);
      tl += (size_t)sprintf(taxonomy + tl, "T%d:", p);
      for (k = 0; k < plen[p]; k++) {
        seed = seed * 1103515245u + 12345u;
        phrases[p][k] = (int)((seed >> 16) % REF_WORDS);
        tl += (size_t)sprintf(taxonomy + tl, " %s", ref_vocab[phrases[p][k]]);
      }
      taxonomy[tl++] = '\n';
    }
    taxonomy[tl] = '\0';
    seed = seed * 1103515245u + 12345u;
    nt = (int)((seed >> 16) % 60);
    for (i = 0; i < nt; i++) {
      seed = seed * 1103515245u + 12345u;
      text[i] = (int)((seed >> 16) % REF_WORDS);
      starts[i] = sl + (i > 0);
      sl += (size_t)sprintf(s + sl, "%s%s", i > 0 ? " " : "", ref_vocab[text[i]]);
      stops[i] = sl;
    }
    s[sl] = '\0';
    /* Reference: at each position the longest phrase; among equal phrases
     * (same words up to case) every tag, in tag order. */
    {
      int at = 0;
      size_t want_start[60 * 8], want_stop[60 * 8];
      while (at < nt) {
        int best = 0;
        for (p = 0; p < np; p++) {
          int ok = at + plen[p] <= nt;
          for (k = 0; ok && k < plen[p]; k++) {
            int a = phrases[p][k], b = text[at + k];
            ok = a == b || (a % 3 == 0 && b % 3 == 0);
          }
          if (ok && plen[p] > best) best = plen[p];
        }
        if (!best) {
          at++;
          continue;
        }
        for (p = 0; p < np; p++) {
          int ok = plen[p] == best;
          for (k = 0; ok && k < plen[p]; k++) {
            int a = phrases[p][k], b = text[at + k];
            ok = a == b || (a % 3 == 0 && b % 3 == 0);
          }
          if (ok) {
            want_tag[want_n] = p;
            want_start[want_n] = starts[at];
            want_stop[want_n] = stops[at + best - 1];
            want_n++;
          }
        }
        at += best;
      }
      t = build(taxonomy, NULL, 0);
      nn_buf_init(&m, &nn_default_allocator);
      CHECK(nn_tagger_match(t, s, sl, 0, &m, NULL) == NN_OK);
      got_n = m.len / sizeof(nn_tag_match);
      if (got_n != want_n) {
        fprintf(stderr, "  reference: %zu matches, expected %zu\n%s---\n%s\n", got_n, want_n,
                taxonomy, s);
        CHECK(0);
      } else {
        for (i = 0; i < (int)got_n; i++) {
          const nn_tag_match *x = (const nn_tag_match *)(void *)m.data + i;
          size_t nl;
          const char *name = nn_tagger_tag_name(t, x->tag, &nl);
          char want_name[8];
          sprintf(want_name, "T%d", want_tag[i]);
          CHECK(x->start == want_start[i] && x->stop == want_stop[i]);
          /* Tags with equal phrases are ids in file order, so tag order. */
          CHECK(nl == strlen(want_name) && memcmp(name, want_name, nl) == 0);
        }
      }
      nn_buf_free(&m);
      nn_tagger_free(t);
    }
  }
}

static void test_scores(void)
{
  nn_tagger *t = build("A: alpha\nB [weight=3]: beta\nC: gamma delta\n", NULL, 0);
  nn_buf m, r;
  nn_tag_options o = NN_TAG_OPTIONS_DEFAULT;
  const nn_tag_result *res;
  const char *text = "alpha beta gamma delta alpha";
  double sum = 0.0;
  size_t i, n;
  nn_buf_init(&m, &nn_default_allocator);
  nn_buf_init(&r, &nn_default_allocator);
  o.lead = 0.0;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_OK);
  res = (const nn_tag_result *)(void *)r.data;
  n = r.len / sizeof *res;
  CHECK_EQ_SIZE(n, 3);
  /* Worth: A 2 x 1, B 1 x 3, C 1 x 1.5: total 6.5. */
  CHECK(res[0].tag == 1 && res[0].count == 1 && res[0].score > 3.0 / 6.5 - 1e-12 &&
        res[0].score < 3.0 / 6.5 + 1e-12);
  CHECK(res[1].tag == 0 && res[1].count == 2);
  CHECK(res[2].tag == 2 && res[2].score > 1.5 / 6.5 - 1e-12 && res[2].score < 1.5 / 6.5 + 1e-12);
  for (i = 0; i < n; i++) sum += res[i].score;
  CHECK(sum > 1.0 - 1e-12 && sum < 1.0 + 1e-12);
  /* Matches grouped by result, in text order. */
  {
    const nn_tag_match *x = (const nn_tag_match *)(void *)m.data;
    CHECK(res[1].first == 1 && x[1].start == 0 && x[2].start == 23);
  }
  o.limit = 1;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_OK);
  CHECK_EQ_SIZE(r.len / sizeof(nn_tag_result), 1);
  CHECK_EQ_SIZE(m.len / sizeof(nn_tag_match), 1);
  o.limit = 0;
  o.min_count = 2;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_OK);
  CHECK_EQ_SIZE(r.len / sizeof(nn_tag_result), 1);
  CHECK_EQ_SIZE(m.len / sizeof(nn_tag_match), 2);
  o.min_count = 1;
  o.lead = -1.0;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_EARG);
  /* The per-tag state is clean after every call: the same answer twice. */
  o.lead = 1.0;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_OK);
  n = r.len;
  CHECK(nn_tagger_tag(t, text, strlen(text), &o, &m, &r) == NN_OK);
  CHECK_EQ_SIZE(r.len, n);
  CHECK(nn_tagger_tag(t, "", 0, &o, &m, &r) == NN_OK && r.len == 0 && m.len == 0);
  nn_buf_free(&m);
  nn_buf_free(&r);
  nn_tagger_free(t);
}

/* Every allocation of building and tagging fails in turn: each failure is
 * reported, and nothing leaks. */
static void test_allocation_failures(void)
{
  const char *taxonomy = "A: alpha; Alpha beta; \"GAMMA\"\nB: beta gamma delta; São Paulo\n";
  const char *text = "alpha beta gamma delta GAMMA Sao Paulo alpha";
  long fail_at;
  int completed = 0;
  for (fail_at = 1; fail_at < 400 && !completed; fail_at++) {
    test_alloc ta = { 0, -1, 0, 0 };
    nn_allocator a;
    nn_tagger *t = NULL;
    nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;
    nn_buf m, r;
    nn_tag_options to = NN_TAG_OPTIONS_DEFAULT;
    size_t line;
    const char *why;
    int st;
    ta.fail_at = fail_at;
    a.fn = test_alloc_fn;
    a.ud = &ta;
    o.lang = "en";
    o.stem = 1;
    nn_buf_init(&m, &a);
    nn_buf_init(&r, &a);
    st = nn_tagger_new(&t, &o, &a);
    if (st == NN_OK) st = nn_tagger_parse(t, taxonomy, strlen(taxonomy), &line, &why);
    if (st == NN_OK) st = nn_tagger_compile(t);
    if (st == NN_OK) st = nn_tagger_tag(t, text, strlen(text), &to, &m, &r);
    CHECK(st == NN_OK || st == NN_ENOMEM);
    if (st == NN_OK) {
      completed = 1;
      CHECK_EQ_SIZE(r.len / sizeof(nn_tag_result), 2);
    }
    nn_buf_free(&m);
    nn_buf_free(&r);
    nn_tagger_free(t);
    if (ta.live != 0) fprintf(stderr, "  failing at %ld: %ld blocks leaked\n", fail_at, ta.live);
    CHECK(ta.live == 0 && ta.bytes == 0);
  }
  CHECK(completed);
}

int main(void)
{
  test_keys();
  test_overlaps();
  test_build_errors();
  test_format();
  test_reference();
  test_scores();
  test_allocation_failures();
  return ctest_report("tagger");
}
