/* The news-aware sentence splitter: iteration, records, options, memory
 * failures, joined lines. */
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

typedef struct failing {
  int left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

/* Splits s and checks that sentence k is `want` (NULL: no more). */
static int sentences_are(const char *s, const nn_sentence_opts *opts, const char *const *want)
{
  nn_sentence_iter it;
  nn_sentence sent;
  size_t k = 0, len = strlen(s);
  int ok = 1;
  nn_sentences_init(&it, s, len, opts);
  while (nn_sentences_next(&it, &sent)) {
    if (!want[k] || strlen(want[k]) != sent.stop - sent.start ||
        memcmp(want[k], s + sent.start, sent.stop - sent.start) != 0) {
      fprintf(stderr, "sentence %zu: got '%.*s'\n", k, (int)(sent.stop - sent.start), s + sent.start);
      ok = 0;
    }
    if (want[k]) k++;
  }
  return ok && want[k] == NULL;
}

static void test_iteration(void)
{
  static const char *const news[] = { "Mr. Hun Sen met Dr. Okafor.", "They spoke for an hour.", NULL };
  static const char *const list[] = { "1. one thing", "2. another thing", NULL };
  static const char *const empty[] = { NULL };
  CHECK(sentences_are("  Mr. Hun Sen met Dr. Okafor. They spoke for an hour.  ", NULL, news));
  CHECK(sentences_are("1. one thing 2. another thing", NULL, list));
  CHECK(sentences_are("", NULL, empty));
  CHECK(sentences_are(" \n\t ", NULL, empty));
}

static void test_flags(void)
{
  const char *s = "Budget Talks Resume\nLawmakers met. They\nagreed.\n\n\xE2\x80\xA2 Item";
  nn_sentence_iter it;
  nn_sentence sent[8];
  size_t n = 0;
  nn_sentences_init(&it, s, strlen(s), NULL);
  while (n < 8 && nn_sentences_next(&it, &sent[n])) n++;
  CHECK_EQ_SIZE(n, 4);
  CHECK(sent[0].flags == NN_SENTENCE_LINE_END);
  CHECK(sent[1].flags == NN_SENTENCE_TERMINATED);
  CHECK(sent[2].flags == (NN_SENTENCE_TERMINATED | NN_SENTENCE_MULTILINE | NN_SENTENCE_PARAGRAPH_END));
  CHECK(sent[3].flags == (NN_SENTENCE_LIST_ITEM | NN_SENTENCE_PARAGRAPH_END));
}

static void test_languages(void)
{
  static const char *const de[] = { "Am 3. Oktober feiern wir.", "Das ist gut.", NULL };
  static const char *const neutral[] = { "Am 3.", "Oktober feiern wir.", "Das ist gut.", NULL };
  nn_sentence_opts opts;
  int de_lang = nn_sentences_lang("de", 2);
  CHECK(de_lang >= 0);
  CHECK(strcmp(nn_sentences_lang_code(de_lang), "de") == 0);
  CHECK(nn_sentences_lang("xx", 2) == NN_LANG_NEUTRAL);
  CHECK(nn_sentences_lang_code(-1) == NULL);
  CHECK(nn_sentences_lang_count() >= 8);
  nn_sentence_opts_init(&opts);
  CHECK(sentences_are("Am 3. Oktober feiern wir. Das ist gut.", &opts, neutral));
  opts.lang = de_lang;
  CHECK(sentences_are("Am 3. Oktober feiern wir. Das ist gut.", &opts, de));
  opts.lang = 1000; /* out of range reads as neutral */
  CHECK(sentences_are("Am 3. Oktober feiern wir. Das ist gut.", &opts, neutral));
}

static void test_abbrev_set(void)
{
  static const char *const plain[] = { "The Fwd.", "Team met.", NULL };
  static const char *const title[] = { "The Fwd. Team met.", NULL };
  nn_abbrev_set set;
  nn_sentence_opts opts;
  nn_abbrev_set_init(&set, &nn_default_allocator);
  CHECK(nn_abbrev_set_add(&set, "Fwd", 3, NN_ABBREV_TITLE) == NN_EARG);   /* no period */
  CHECK(nn_abbrev_set_add(&set, ".", 1, NN_ABBREV_TITLE) == NN_EARG);     /* empty word */
  CHECK(nn_abbrev_set_add(&set, "Fwd.", 4, 9) == NN_EARG);                /* bad class */
  CHECK(nn_abbrev_set_add(&set, "Fwd.", 4, NN_ABBREV_FINAL) == NN_OK);
  CHECK(nn_abbrev_set_add(&set, "Fwd.", 4, NN_ABBREV_TITLE) == NN_OK);    /* the last class wins */
  nn_sentence_opts_init(&opts);
  CHECK(sentences_are("The Fwd. Team met.", &opts, plain));
  opts.abbrevs = &set;
  CHECK(sentences_are("The Fwd. Team met.", &opts, title));
  nn_abbrev_set_free(&set);
}

static void test_split_and_memory(void)
{
  const char *s = "One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten.";
  nn_buf out;
  failing f;
  nn_allocator a;
  long n;
  int limit;
  nn_buf_init(&out, &nn_default_allocator);
  n = nn_sentences_split(s, strlen(s), NULL, &out);
  CHECK(n == 10);
  CHECK_EQ_SIZE(out.len, 10 * sizeof(nn_sentence));
  CHECK(((const nn_sentence *)(const void *)out.data)[9].start == strlen(s) - 4);
  nn_buf_free(&out);
  /* Every allocation failure is reported, whichever it is. */
  a.fn = failing_alloc;
  a.ud = &f;
  for (limit = 0; limit < 4; limit++) {
    f.left = limit;
    nn_buf_init(&out, &a);
    n = nn_sentences_split(s, strlen(s), NULL, &out);
    CHECK(n == 10 || n == NN_ENOMEM);
    nn_buf_free(&out);
  }
  f.left = 0;
  nn_buf_init(&out, &a);
  CHECK(nn_sentences_split(s, strlen(s), NULL, &out) == NN_ENOMEM);
  nn_buf_free(&out);
}

static void test_join_lines(void)
{
  const char *s = "It was a cold \r\n  night\xE2\x80\xA8in the\tcity.";
  nn_buf out;
  nn_buf_init(&out, &nn_default_allocator);
  CHECK(nn_sentence_join_lines(s, 0, strlen(s), &out) == NN_OK);
  CHECK(out.len == strlen("It was a cold night in the\tcity.") &&
        memcmp(out.data, "It was a cold night in the\tcity.", out.len) == 0);
  out.len = 0;
  CHECK(nn_sentence_join_lines(s, 3, 6, &out) == NN_OK);
  CHECK(out.len == 3 && memcmp(out.data, "was", 3) == 0);
  nn_buf_free(&out);
}

/* Detokenized quotes: ". ' But" closes the sentence before. */
static void test_detached_quotes(void)
{
  static const char *const closing[] = { "He wanted another chance. '", "But the club said no. '",
                                         "He left.", NULL };
  static const char *const at_end[] = { "They were proud. \xE2\x80\x9D", NULL };
  static const char *const opening[] = { "It rained.", "\xE2\x80\x9C Go home \xE2\x80\x9D, he said.",
                                         NULL };
  CHECK(sentences_are("He wanted another chance. ' But the club said no. ' He left.", NULL, closing));
  CHECK(sentences_are("They were proud. \xE2\x80\x9D", NULL, at_end));
  CHECK(sentences_are("It rained. \xE2\x80\x9C Go home \xE2\x80\x9D, he said.", NULL, opening));
}

static void test_linear(void)
{
  size_t n = 1000000, i, count = 0;
  char *s = malloc(n);
  nn_sentence_iter it;
  nn_sentence sent;
  if (!s) return;
  for (i = 0; i < n; i++) s[i] = "ab.Cd"[i % 5];
  nn_sentences_init(&it, s, n, NULL);
  while (nn_sentences_next(&it, &sent)) count++;
  CHECK_EQ_SIZE(count, n / 5 + 1);
  memset(s, '(', n / 2);
  memset(s + n / 2, ')', n - n / 2);
  s[n / 2 - 1] = '.';
  count = 0;
  nn_sentences_init(&it, s, n, NULL);
  while (nn_sentences_next(&it, &sent)) count++;
  CHECK_EQ_SIZE(count, 1);
  free(s);
}

int main(void)
{
  test_iteration();
  test_flags();
  test_languages();
  test_abbrev_set();
  test_split_and_memory();
  test_join_lines();
  test_detached_quotes();
  test_linear();
  return ctest_report("test_sentences");
}
