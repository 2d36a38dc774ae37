/* Keyphrases: candidates, near-duplicate merges, surface forms, scores, the
 * methods, the stopword fallback, article structure, options and errors,
 * empty and large inputs, allocation failures and the vocabulary kept from
 * call to call.  The texts are written for these tests. */
#include <stdio.h>
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

static const char article[] =
  "PHNOM PENH, Cambodia (AP) _ Prime Minister Hun Sen said Monday that the flood "
  "waters along the Mekong River would recede within a week.\n\n"
  "Hun Sen toured flooded rice fields near the capital. Mr. Hun Sen promised "
  "emergency rice supplies for the flooded provinces.\n\n"
  "Japan's government offered flood relief. Japan sent two cargo planes with water "
  "pumps and blankets, and Sen thanked Japan for the emergency aid.\n\n"
  "The Mekong River flood is the worst in a decade, officials said.\n";

static nn_keywords k;

static void opts_en(nn_keywords_opts *o)
{
  nn_keywords_opts_init(o);
  o->lang = "en";
  o->lang_len = 2;
  o->top = 0;
}

static const nn_keyphrase *find_phrase(const char *text)
{
  size_t i, n = strlen(text);
  for (i = 0; i < k.count; i++) {
    const nn_keyphrase *p = nn_keywords_get(&k, i);
    if (p->text_len == n && memcmp(k.text.data + p->text, text, n) == 0) return p;
  }
  return NULL;
}

static size_t rank_of(const char *text)
{
  const nn_keyphrase *p = find_phrase(text);
  return p ? (size_t)(p - nn_keywords_get(&k, 0)) : (size_t)-1;
}

static void test_english(void)
{
  nn_keywords_opts o;
  const nn_keyphrase *p;
  size_t i;
  opts_en(&o);
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(k.method == NN_KW_POSFREQ && k.candidates == NN_KWC_LEXICON);
  CHECK(k.count > 5);
  /* "Prime Minister Hun Sen", "Hun Sen", "Mr. Hun Sen" and "Sen" are one phrase */
  p = find_phrase("Hun Sen");
  CHECK(p != NULL);
  CHECK(p && p->count == 4);
  CHECK(find_phrase("Sen") == NULL);
  CHECK(find_phrase("Prime Minister Hun Sen") == NULL);
  CHECK(find_phrase("Mr. Hun Sen") == NULL);
  /* "Japan's" and "Japan" are one phrase, written as it most often is */
  p = find_phrase("Japan");
  CHECK(p && p->count == 3);
  CHECK(find_phrase("Japan's") == NULL);
  /* plural and singular share their stems */
  p = find_phrase("Mekong River flood");
  CHECK(p && p->count == 1);
  CHECK(find_phrase("Mekong River") != NULL);
  /* the dateline gives nothing */
  CHECK(find_phrase("PHNOM PENH") == NULL);
  CHECK(find_phrase("Cambodia") == NULL);
  /* no stopword at either edge, no time word alone */
  CHECK(find_phrase("the flood") == NULL);
  CHECK(find_phrase("week") == NULL);
  CHECK(find_phrase("Monday") == NULL);
  /* scores: best first, the first 1 */
  p = nn_keywords_get(&k, 0);
  CHECK(p->score == 1.0);
  for (i = 1; i < k.count; i++) CHECK(nn_keywords_get(&k, i)->score <= nn_keywords_get(&k, i - 1)->score);
  /* first occurrences point into the text */
  for (i = 0; i < k.count; i++) {
    p = nn_keywords_get(&k, i);
    CHECK(p->stop <= sizeof article - 1 && p->start < p->stop);
  }
  p = find_phrase("Hun Sen");
  CHECK(p && memcmp(article + p->start, "Hun Sen", 7) == 0);
  /* a frequent early name leads; title words before it are gone */
  CHECK(rank_of("Hun Sen") == 0);
  CHECK(find_phrase("Prime") == NULL && find_phrase("Minister") == NULL);
  CHECK(rank_of("flood waters") < rank_of("flood relief"));
}

static void test_top_and_methods(void)
{
  nn_keywords_opts o;
  int m;
  opts_en(&o);
  o.top = 3;
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(k.count == 3);
  for (m = 0; m < NN_KW__COUNT; m++) {
    size_t i;
    o.method = m;
    o.top = 10;
    CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
    CHECK(k.method == m);
    CHECK(k.count == 10);
    CHECK(nn_keywords_get(&k, 0)->score == 1.0);
    for (i = 1; i < k.count; i++) {
      CHECK(nn_keywords_get(&k, i)->score <= nn_keywords_get(&k, i - 1)->score);
      CHECK(nn_keywords_get(&k, i)->score > 0.0);
    }
    CHECK(find_phrase("Hun Sen") != NULL || m == NN_KW_YAKE);
  }
  CHECK(strcmp(nn_kw_method_name(NN_KW_TEXTRANK), "textrank") == 0);
  CHECK(nn_kw_method_of("yake", 4) == NN_KW_YAKE);
  CHECK(nn_kw_method_of("pagerank", 8) == -1);
  CHECK(nn_kw_method_name(NN_KW__COUNT) == NULL);
  CHECK(strcmp(nn_kw_candidates_name(NN_KWC_STOPWORDS), "stopwords") == 0);
}

/* A word is its own document frequency: "flood" is everywhere, "rice" nowhere. */
static int fake_df(void *ud, const char *w, size_t n, uint64_t *df)
{
  (void)ud;
  *df = (n == 5 && memcmp(w, "flood", 5) == 0) ? 1000 : 0;
  return NN_OK;
}

static int failing_df(void *ud, const char *w, size_t n, uint64_t *df)
{
  (void)ud, (void)w, (void)n, (void)df;
  return NN_EIO;
}

static double score_of(const char *text)
{
  const nn_keyphrase *p = find_phrase(text);
  return p ? p->score : -1.0;
}

static void test_corpus_and_title(void)
{
  nn_keywords_opts o;
  double plain, cargo;
  opts_en(&o);
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  plain = score_of("flood waters");
  cargo = score_of("cargo planes");
  CHECK(plain > 0 && cargo > 0);
  /* with a corpus in which every document has "flood", phrases of floods sink */
  o.df = fake_df;
  o.corpus_docs = 1000;
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(score_of("flood waters") > 0 && score_of("flood waters") < plain);
  o.method = NN_KW_TFIDF;
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(rank_of("water pumps") < rank_of("flood waters"));
  o.df = failing_df;
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_EIO);
  /* a title lifts the phrases that share its words, by half when all do */
  opts_en(&o);
  o.title = "Cargo planes bring relief";
  o.title_len = strlen(o.title);
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(score_of("cargo planes") > 1.49 * cargo && score_of("cargo planes") < 1.51 * cargo);
}

static void test_structure(void)
{
  static const char text[] =
    "GOVERNMENT RAISES FUEL TAXES\n\n"
    "By Jane Doe\n\n"
    "The government raised fuel taxes on Tuesday. Fuel prices rose at once, and drivers "
    "complained about the fuel taxes.\n\n"
    "Related Stories\n";
  nn_keywords_opts o;
  opts_en(&o);
  CHECK(nn_keywords_extract(&k, text, sizeof text - 1, &o) == NN_OK);
  CHECK(find_phrase("Jane Doe") == NULL);        /* byline */
  CHECK(find_phrase("Related Stories") == NULL); /* boilerplate */
  CHECK(find_phrase("GOVERNMENT RAISES FUEL TAXES") == NULL);
  CHECK(rank_of("fuel taxes") == 0); /* in the title too */
  o.structure = 0;
  CHECK(nn_keywords_extract(&k, text, sizeof text - 1, &o) == NN_OK);
  CHECK(find_phrase("Jane Doe") != NULL);
}

/* Words as their own stems, but a final n cut from long words (a toy stemmer). */
static int toy_stem(void *ud, const char *w, size_t n, const char **out, size_t *outlen)
{
  (void)ud;
  *out = w;
  *outlen = n > 5 && w[n - 1] == 'n' ? n - 1 : n;
  return NN_OK;
}

static void test_stopword_candidates(void)
{
  static const char text[] =
    "Die Regierung in Berlin will die Steuern für Autofahrer erhöhen. Die Steuern sind hoch, "
    "sagte Angela Merkel in Berlin. Merkel und die Steuer.";
  nn_keywords_opts o;
  const nn_keyphrase *p;
  nn_keywords_opts_init(&o);
  o.lang = "de";
  o.lang_len = 2;
  o.top = 0;
  o.stopwords = nn_wordlist_get("stopwords", "de");
  o.stem = toy_stem;
  CHECK(o.stopwords != NULL);
  CHECK(nn_keywords_extract(&k, text, sizeof text - 1, &o) == NN_OK);
  CHECK(k.candidates == NN_KWC_STOPWORDS);
  p = find_phrase("Berlin");
  CHECK(p && p->count == 2);
  p = find_phrase("Steuern");
  CHECK(p && p->count == 3); /* "Steuern" twice, "Steuer" once: one stem */
  /* German capitalizes every noun: capitals mark no names there */
  p = find_phrase("Merkel");
  CHECK(p && p->count == 1);
  CHECK(find_phrase("die") == NULL && find_phrase("Die") == NULL);
  /* English can be read the same way on request */
  nn_keywords_opts_init(&o);
  o.lang = "en";
  o.lang_len = 2;
  o.candidates = NN_KWC_STOPWORDS;
  o.stopwords = nn_wordlist_get("stopwords", "en");
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(k.candidates == NN_KWC_STOPWORDS && k.count > 0);
  /* a language without a list: every run of words is a candidate */
  o.lang = "sw";
  o.stopwords = NULL;
  CHECK(nn_keywords_extract(&k, "Mvua kubwa Nairobi. Mvua kubwa.", 31, &o) == NN_OK);
  CHECK(find_phrase("Mvua kubwa") != NULL);
}

static void test_empty_and_errors(void)
{
  nn_keywords_opts o;
  opts_en(&o);
  CHECK(nn_keywords_extract(&k, "", 0, &o) == NN_OK && k.count == 0);
  CHECK(nn_keywords_extract(&k, "and of the to, in. 42 -- !!", 27, &o) == NN_OK && k.count == 0);
  CHECK(nn_keywords_extract(&k, "\377\376\375 \300\200", 6, &o) == NN_OK && k.count == 0);
  o.lang = NULL;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  o.lang = "e";
  o.lang_len = 1;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  o.lang = "e n";
  o.lang_len = 3;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  opts_en(&o);
  o.method = NN_KW__COUNT;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  o.method = -1;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  opts_en(&o);
  o.candidates = 7;
  CHECK(nn_keywords_extract(&k, article, 10, &o) == NN_EARG);
  CHECK(k.count == 0);
}

/* The vocabulary kept between calls changes no result. */
static void test_vocabulary(void)
{
  nn_keywords fresh;
  nn_keywords_opts o, de;
  size_t i;
  opts_en(&o);
  nn_keywords_opts_init(&de);
  de.lang = "de";
  de.lang_len = 2;
  de.stopwords = nn_wordlist_get("stopwords", "de");
  nn_keywords_init(&fresh, &nn_default_allocator);
  CHECK(nn_keywords_extract(&k, "Die Regierung in Berlin.", 24, &de) == NN_OK);
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(nn_keywords_extract(&fresh, article, sizeof article - 1, &o) == NN_OK);
  CHECK(k.count == fresh.count);
  for (i = 0; i < k.count && i < fresh.count; i++) {
    const nn_keyphrase *a = nn_keywords_get(&k, i), *b = nn_keywords_get(&fresh, i);
    CHECK(a->text_len == b->text_len && memcmp(k.text.data + a->text, fresh.text.data + b->text, a->text_len) == 0);
    CHECK(a->score == b->score && a->count == b->count);
  }
  nn_keywords_trim(&k);
  CHECK(nn_keywords_extract(&k, article, sizeof article - 1, &o) == NN_OK);
  CHECK(k.count == fresh.count);
  nn_keywords_free(&fresh);
}

/* A 5 MB article: time and memory stay linear, the result is sound. */
static void test_large(void)
{
  size_t n = sizeof article - 1, reps = 5 * 1024 * 1024 / n + 1, i;
  char *big = malloc(reps * n);
  nn_keywords_opts o;
  opts_en(&o);
  CHECK(big != NULL);
  if (!big) return;
  for (i = 0; i < reps; i++) memcpy(big + i * n, article, n);
  CHECK(nn_keywords_extract(&k, big, reps * n, &o) == NN_OK);
  CHECK(k.count > 5);
  CHECK(find_phrase("Hun Sen") != NULL);
  o.method = NN_KW_TEXTRANK;
  o.top = 5;
  CHECK(nn_keywords_extract(&k, big, reps * n, &o) == NN_OK && k.count == 5);
  /* one word without spaces or breaks of a megabyte */
  memset(big, 'a', 1024 * 1024);
  o.method = NN_KW_POSFREQ;
  CHECK(nn_keywords_extract(&k, big, 1024 * 1024, &o) == NN_OK);
  free(big);
  nn_keywords_trim(&k);
}

/* An allocator that fails after a set number of allocations. */
typedef struct failing {
  long left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static void test_allocation_failures(void)
{
  long budget;
  int ok = 0;
  for (budget = 0; budget < 400 && !ok; budget += 3) {
    failing f;
    nn_allocator a;
    nn_keywords fk;
    nn_keywords_opts o;
    int rc;
    f.left = budget;
    a.fn = failing_alloc;
    a.ud = &f;
    opts_en(&o);
    nn_keywords_init(&fk, &a);
    rc = nn_keywords_extract(&fk, article, sizeof article - 1, &o);
    CHECK(rc == NN_OK || rc == NN_ENOMEM);
    if (rc == NN_OK) ok = 1;
    nn_keywords_free(&fk);
  }
  CHECK(ok);
}

int main(void)
{
  nn_keywords_init(&k, &nn_default_allocator);
  test_english();
  test_top_and_methods();
  test_corpus_and_title();
  test_structure();
  test_stopword_candidates();
  test_empty_and_errors();
  test_vocabulary();
  test_large();
  test_allocation_failures();
  nn_keywords_free(&k);
  return ctest_report("keywords");
}
