/* The summary core: structure, candidates, budgets, modes, weights, memory
 * failures, long input. */
#include <math.h>
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

static const char ARTICLE[] =
  "Storm Closes Coastal Road\n\n"
  "By . Lena Park . Updated: . 08:30 GMT, 4 May 2020 . "
  "HALDEN (Reuters) - A storm closed the coastal road between Halden and Moss on Sunday night. "
  "Scroll down for video The road was flooded. "
  "Police said the road would stay closed until engineers had checked the bridges. "
  "Several houses near the harbour lost power during the storm. "
  "Ferries to the islands were cancelled for the second day. "
  "A storm closed the coastal road between Halden and Moss on Sunday night, police said.";

/* The selected sentences, in order, as one string joined by "|". */
static void selected(const nn_summarizer *z, const char *s, char *out, size_t cap)
{
  size_t i, k = 0;
  out[0] = 0;
  for (i = 0; i < nn_summary_count(z); i++) {
    const nn_summary_sentence *t = nn_summary_at(z, i);
    size_t n = t->stop - t->start;
    if (!t->selected) continue;
    if (k > 0 && k + 1 < cap) out[k++] = '|';
    if (k + n + 1 > cap) break;
    memcpy(out + k, s + t->start, n);
    k += n;
    out[k] = 0;
  }
}

static int reason_of(const nn_summarizer *z, const char *s, const char *prefix)
{
  size_t i, n = strlen(prefix);
  for (i = 0; i < nn_summary_count(z); i++) {
    const nn_summary_sentence *t = nn_summary_at(z, i);
    if (t->stop - t->start >= n && memcmp(s + t->start, prefix, n) == 0) return t->reason;
  }
  return -1;
}

static void test_structure(void)
{
  nn_summarizer z;
  nn_summary_opts o;
  char out[1024];
  size_t i;
  nn_summarizer_init(&z, &nn_default_allocator);
  nn_summary_opts_init(&o);
  o.sentence.lang = nn_sentences_lang("en", 2);
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK);
  CHECK(reason_of(&z, ARTICLE, "Storm Closes") == NN_REASON_TITLE);
  CHECK(reason_of(&z, ARTICLE, "By .") == NN_REASON_HEADER);
  CHECK(reason_of(&z, ARTICLE, "08:30 GMT") == NN_REASON_HEADER);
  CHECK(reason_of(&z, ARTICLE, "Scroll down") == NN_REASON_BOILERPLATE);
  CHECK(reason_of(&z, ARTICLE, "A storm closed the coastal road between Halden and Moss on Sunday night,") ==
        NN_REASON_DUPLICATE);
  /* the dateline is left out of the first sentence */
  CHECK(reason_of(&z, ARTICLE, "A storm closed the coastal road between Halden and Moss on Sunday night.") ==
        NN_REASON_NONE);
  CHECK(reason_of(&z, ARTICLE, "HALDEN") == -1);
  selected(&z, ARTICLE, out, sizeof out);
  CHECK(strncmp(out, "A storm closed the coastal road between Halden and Moss on Sunday night.|", 73) == 0);
  CHECK(z.candidates == 4);
  CHECK(z.g == 1.0);
  /* records are in document order, scores positive for candidates only */
  for (i = 0; i < nn_summary_count(&z); i++) {
    const nn_summary_sentence *t = nn_summary_at(&z, i);
    if (i > 0) CHECK(t->start >= nn_summary_at(&z, i - 1)->stop);
    CHECK((t->reason == NN_REASON_NONE) == (t->score > 0));
  }
  CHECK(nn_summary_reason_name(NN_REASON_LIMIT) && strcmp(nn_summary_reason_name(NN_REASON_LIMIT), "limit") == 0);
  CHECK(nn_summary_reason_name(NN_REASON_NONE) == NULL && nn_summary_reason_name(99) == NULL);
  /* reuse with nothing */
  CHECK(nn_summarize(&z, "", 0, NULL) == NN_OK && nn_summary_count(&z) == 0);
  CHECK(nn_summarize(&z, NULL, 5, NULL) == NN_OK && nn_summary_count(&z) == 0);
  nn_summarizer_free(&z);
}

static size_t count_selected(const nn_summarizer *z)
{
  size_t i, n = 0;
  for (i = 0; i < nn_summary_count(z); i++) n += nn_summary_at(z, i)->selected != 0;
  return n;
}

static void test_budgets(void)
{
  nn_summarizer z;
  nn_summary_opts o;
  size_t k, i;
  nn_summarizer_init(&z, &nn_default_allocator);
  nn_summary_opts_init(&o);
  for (k = 0; k <= 5; k++) {
    o.sentences = k;
    CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK);
    CHECK(count_selected(&z) == (k == 0 ? 4 : k > 4 ? 4 : k));
  }
  o.sentences = 0;
  o.words = 20;
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK);
  {
    size_t words = 0;
    for (i = 0; i < nn_summary_count(&z); i++)
      if (nn_summary_at(&z, i)->selected) words += nn_summary_at(&z, i)->words;
    CHECK(words <= 20 && words > 0);
  }
  o.words = 0;
  o.chars = 5;
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK);
  CHECK(count_selected(&z) == 0);
  nn_summarizer_free(&z);
}

static double weigh(void *ud, const char *term, size_t len)
{
  int *calls = ud;
  (*calls)++;
  if (len == 7 && memcmp(term, "ferries", 7) == 0) return -1;
  return len == 7 && memcmp(term, "harbour", 7) == 0 ? 20 : 1;
}

static void test_modes_and_weights(void)
{
  nn_summarizer z;
  nn_summary_opts o;
  int calls = 0;
  double plain;
  nn_summarizer_init(&z, &nn_default_allocator);
  nn_summary_opts_init(&o);
  o.mode = NN_SUMMARY_COVERAGE;
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK && z.g == 0);
  o.mode = NN_SUMMARY_AUTO;
  o.sentences = 4; /* all four candidates: coverage */
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK && z.g == 0);
  o.sentences = 3;
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_OK && z.g == 1);
  plain = nn_summary_at(&z, nn_summary_count(&z) - 3)->score; /* "Several houses near the harbour" */
  o.weight = weigh;
  o.weight_ud = &calls;
  /* a refused word stops the summary */
  CHECK(nn_summarize(&z, ARTICLE, strlen(ARTICLE), &o) == NN_EARG);
  CHECK(calls > 0);
  CHECK(nn_summarize(&z, "The harbour lights went out at the port tonight. Boats stayed in.", 65, &o) == NN_OK);
  /* a weighed word changes the scores */
  {
    static const char t[] = "The harbour road closed on Sunday after the storm. Police said the harbour road "
                            "would reopen soon. Engineers checked the bridges near the harbour and the road.";
    double before, after;
    o.weight = NULL;
    CHECK(nn_summarize(&z, t, strlen(t), &o) == NN_OK);
    before = nn_summary_at(&z, 1)->score;
    o.weight = weigh;
    CHECK(nn_summarize(&z, t, strlen(t), &o) == NN_OK);
    after = nn_summary_at(&z, 1)->score;
    CHECK(before > 0 && after > 0 && fabs(before - after) > 1e-9);
  }
  CHECK(plain > 0);
  nn_summarizer_free(&z);
}

static void test_fallback_and_quotes(void)
{
  nn_summarizer z;
  nn_summary_opts o;
  static const char quotes[] = "\"We will win the vote on Friday,\" she said. \"Nobody can stop this movement now.\"";
  nn_summarizer_init(&z, &nn_default_allocator);
  nn_summary_opts_init(&o);
  CHECK(nn_summarize(&z, "Hi there. Bye now.", 18, &o) == NN_OK);
  CHECK(z.candidates == 0 && count_selected(&z) == 2);
  CHECK(nn_summarize(&z, quotes, strlen(quotes), &o) == NN_OK && count_selected(&z) == 2);
  o.quotes = 0;
  CHECK(nn_summarize(&z, quotes, strlen(quotes), &o) == NN_OK && count_selected(&z) == 0);
  CHECK(nn_summary_at(&z, 0)->reason == NN_REASON_QUOTE);
  nn_summarizer_free(&z);
}

static void test_memory(void)
{
  failing f;
  nn_allocator alloc;
  nn_summarizer z;
  int limit, failed = 0, passed = 0;
  alloc.fn = failing_alloc;
  alloc.ud = &f;
  for (limit = 0; limit < 400 && !passed; limit += 3) {
    int r;
    f.left = limit;
    nn_summarizer_init(&z, &alloc);
    r = nn_summarize(&z, ARTICLE, strlen(ARTICLE), NULL);
    CHECK(r == NN_OK || r == NN_ENOMEM);
    if (r == NN_OK) passed++;
    else failed++;
    nn_summarizer_free(&z);
  }
  CHECK(failed > 0 && passed > 0);
}

static void test_long(void)
{
  static const char unit[] = "Engineers inspected bridge number one hundred near the river. ";
  size_t n = 20000, i, limited = 0;
  size_t len = n * (sizeof unit - 1);
  char *text = malloc(len);
  nn_summarizer z;
  nn_summary_opts o;
  if (!text) return;
  for (i = 0; i < n; i++) memcpy(text + i * (sizeof unit - 1), unit, sizeof unit - 1);
  nn_summarizer_init(&z, &nn_default_allocator);
  nn_summary_opts_init(&o);
  o.max_graph = 64;
  CHECK(nn_summarize(&z, text, len, &o) == NN_OK);
  CHECK(nn_summary_count(&z) == n);
  /* one candidate; the rest repeat it until the graph is full, then wait */
  for (i = 0; i < n; i++) limited += nn_summary_at(&z, i)->reason == NN_REASON_LIMIT;
  CHECK(z.candidates == 1 && count_selected(&z) == 1);
  CHECK(limited == 0);
  nn_summarizer_free(&z);
  free(text);
}

int main(void)
{
  test_structure();
  test_budgets();
  test_modes_and_weights();
  test_fallback_and_quotes();
  test_memory();
  test_long();
  return ctest_report("test_summary");
}
