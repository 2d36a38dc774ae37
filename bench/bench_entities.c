/* Entity finding and value extraction speed, per article: nn_entities_find
 * and nn_values_find on every article of the corpus, and on its articles
 * of 2.5 to 3.5 KB ("3 KB articles"), against the two passes they build on,
 * measured in the same run: the tokenizer alone (nn_tokenizer_next over the
 * article) and the sentence splitter alone.
 *
 *   bench_entities CORPUS
 *
 * Articles are separated by a line holding a form feed.  One finder is
 * reused across articles, as a long-running program would.  Prints
 * articles/s and MB/s (best of several rounds, process CPU time) and the
 * ratio of each time to the tokenizer's. */
#include "bench.h"

#include <string.h>
#include <time.h>

#include "newsnlp.h"

typedef struct article {
  const char *text;
  size_t len;
} article;

typedef struct job {
  const article *items;
  size_t count, bytes;
  size_t found;
  nn_entities finder;
  nn_values values;
} job;

static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double best_cpu(int rounds, void (*fn)(void *), void *ctx)
{
  double best = 1e30;
  int i;
  for (i = 0; i < rounds; i++) {
    double t0 = cpu_now(), t;
    fn(ctx);
    t = cpu_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

static void run_tokens(void *ctx)
{
  job *j = ctx;
  size_t i, n = 0;
  for (i = 0; i < j->count; i++) {
    nn_tokenizer t;
    nn_token tok;
    nn_tokenizer_opts opts = NN_TOKENIZER_OPTS_DEFAULT;
    opts.lang = "en";
    opts.possessive = NN_POSSESSIVE_SPLIT;
    if (nn_tokenizer_init(&t, j->items[i].text, j->items[i].len, &opts) != NN_OK) exit(1);
    while (nn_tokenizer_next(&t, &tok)) n++;
  }
  j->found = n;
}

static void run_sentences(void *ctx)
{
  job *j = ctx;
  size_t i, n = 0;
  nn_sentence_opts opts;
  nn_sentence_opts_init(&opts);
  opts.lang = nn_sentences_lang("en", 2);
  for (i = 0; i < j->count; i++) {
    nn_sentence_iter it;
    nn_sentence sent;
    nn_sentences_init(&it, j->items[i].text, j->items[i].len, &opts);
    while (nn_sentences_next(&it, &sent)) n++;
  }
  j->found = n;
}

static void run_entities(void *ctx)
{
  job *j = ctx;
  size_t i, n = 0;
  for (i = 0; i < j->count; i++) {
    long r = nn_entities_find(&j->finder, j->items[i].text, j->items[i].len, NULL);
    if (r < 0) exit(1);
    n += (size_t)r;
  }
  j->found = n;
}

static void run_values(void *ctx)
{
  job *j = ctx;
  size_t i, n = 0;
  for (i = 0; i < j->count; i++) {
    long r = nn_values_find(&j->values, j->items[i].text, j->items[i].len, NULL);
    if (r < 0) exit(1);
    n += (size_t)r;
  }
  j->found = n;
}

static void report(const char *title, job *j)
{
  static const struct {
    const char *name;
    void (*fn)(void *);
  } runs[] = {
    { "tokenizer (baseline)", run_tokens },
    { "sentence splitter", run_sentences },
    { "nn_entities_find", run_entities },
    { "nn_values_find", run_values },
  };
  double base = 0;
  size_t k;
  printf("%s: %zu articles, %.1f KB on average\n", title, j->count,
         j->count ? (double)j->bytes / (double)j->count / 1000.0 : 0.0);
  for (k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    double t = best_cpu(5, runs[k].fn, j);
    if (k == 0) base = t;
    printf("  %-22s %9.0f articles/s %8.1f MB/s %9zu found  %6.2fx the tokenizer's time\n",
           runs[k].name, (double)j->count / t, (double)j->bytes / t / 1e6, j->found, t / base);
  }
}

int main(int argc, char **argv)
{
  size_t len, i, n = 0, cap = 1024, start = 0;
  char *text;
  article *all, *mid;
  job j;
  size_t nmid = 0, bytes_all = 0, bytes_mid = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_entities CORPUS\n");
    return 2;
  }
  text = bench_load(argv[1], &len);
  all = malloc(cap * sizeof *all);
  if (!all) return 1;
  for (i = 0; i <= len; i++) {
    if (i == len || (text[i] == '\f' && (i == 0 || text[i - 1] == '\n'))) {
      if (i > start) {
        if (n == cap) {
          cap *= 2;
          all = realloc(all, cap * sizeof *all);
          if (!all) return 1;
        }
        all[n].text = text + start;
        all[n].len = i - start;
        bytes_all += i - start;
        n++;
      }
      start = i + 1;
      if (start < len && text[start] == '\n') start++;
    }
  }
  mid = malloc((n + 1) * sizeof *mid);
  if (!mid) return 1;
  for (i = 0; i < n; i++)
    if (all[i].len >= 2500 && all[i].len <= 3500) {
      mid[nmid++] = all[i];
      bytes_mid += all[i].len;
    }
  printf("entities and values: %s (%zu bytes)\n", argv[1], len);
  memset(&j, 0, sizeof j);
  nn_entities_init(&j.finder, &nn_default_allocator);
  nn_values_init(&j.values, &nn_default_allocator);
  j.items = mid;
  j.count = nmid;
  j.bytes = bytes_mid;
  report("articles of 2.5 to 3.5 KB", &j);
  j.items = all;
  j.count = n;
  j.bytes = bytes_all;
  report("all articles", &j);
  nn_entities_free(&j.finder);
  nn_values_free(&j.values);
  free(all);
  free(mid);
  free(text);
  return 0;
}
