/* Corpus building speed: the articles of a news corpus added one by one to
 * an nn_corpus, single core, against a baseline measured in the same run
 * (tokenizing alone), so that ratios hold on a noisy machine.
 *
 *   bench_corpus CORPUS [MULTI]
 *
 * Articles are separated by a line holding a form feed.  Prints MB/s for:
 * tokenizing only; a corpus with lang = "en"; with stemming; with the
 * language guessed per article; with n-gram counts for collocations.
 * Times are the best of three runs in CPU time of the process (the machine
 * is shared; wall time measures the neighbours too). */
#include "bench.h" /* first: it sets _POSIX_C_SOURCE */

#include <string.h>

#include "newsnlp.h"

/* The best of `rounds` runs of fn(ctx), in seconds of process CPU time. */
static double cpu_best(int rounds, void (*fn)(void *), void *ctx)
{
  double best = 1e30;
  int i;
  for (i = 0; i < rounds; i++) {
    struct timespec a, b;
    double t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    fn(ctx);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
    if (t < best) best = t;
  }
  return best;
}

typedef struct article {
  const char *s;
  size_t n;
} article;

typedef struct run {
  const article *a;
  size_t count;
  nn_termres *res;
  nn_corpus_settings set;
  size_t tokens;
  uint64_t terms;
} run;

/* The baseline: the word stream the corpus reads (the shared tokenizer,
 * English abbreviations, possessives stripped), and nothing else. */
static void tokenize_only(void *ud)
{
  run *r = ud;
  size_t i, words = 0, k;
  nn_word batch[NN_WORD_BATCH];
  for (i = 0; i < r->count; i++) {
    nn_wordstream ws;
    nn_wordstream_init(&ws, "en", 0, r->a[i].s, r->a[i].n);
    while ((k = nn_wordstream_next(&ws, batch, NN_WORD_BATCH)) > 0) words += k;
  }
  r->tokens = words;
}

static void build(void *ud)
{
  run *r = ud;
  nn_corpus c;
  nn_langguess g;
  size_t i;
  if (nn_corpus_init(&c, &nn_default_allocator, &r->set) != NN_OK) exit(1);
  for (i = 0; i < r->count; i++)
    if (nn_corpus_add(&c, r->res, r->a[i].s, r->a[i].n, NULL, 0, &g) != NN_OK) exit(1);
  r->terms = c.terms.map.count;
  nn_corpus_free(&c);
}

/* Splits the text at form-feed lines. */
static article *split(char *text, size_t len, size_t *count)
{
  size_t cap = 1024, n = 0, start = 0, i;
  article *a = malloc(cap * sizeof *a);
  for (i = 0; i <= len; i++) {
    if (i == len || text[i] == '\f') {
      if (n == cap) a = realloc(a, (cap *= 2) * sizeof *a);
      if (!a) exit(1);
      a[n].s = text + start;
      a[n].n = i - start;
      if (a[n].n) n++;
      start = i + 1;
    }
  }
  *count = n;
  return a;
}

static double mbps(size_t bytes, double seconds)
{
  return (double)bytes / 1e6 / seconds;
}

int main(int argc, char **argv)
{
  size_t len, count;
  char *text;
  article *a;
  run r;
  nn_termres res;
  double base, t;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_corpus CORPUS [MULTI]\n");
    return 2;
  }
  text = bench_load(argv[1], &len);
  a = split(text, len, &count);
  if (nn_termres_init(&res, &nn_default_allocator) != NN_OK) return 1;
  (void)bench_best; /* wall-clock timing: see cpu_best */
  memset(&r, 0, sizeof r);
  r.a = a;
  r.count = count;
  r.res = &res;
  printf("bench_corpus: %s, %zu articles, %.1f MB\n", argv[1], count, (double)len / 1e6);
  base = cpu_best(3, tokenize_only, &r);
  printf("  word stream only (baseline)   %8.1f MB/s  (%zu words)\n", mbps(len, base), r.tokens);

  strcpy(r.set.lang, "en");
  t = cpu_best(3, build, &r);
  printf("  corpus, lang=en               %8.1f MB/s  %5.2fx tokenizing time  (%llu terms)\n",
         mbps(len, t), t / base, (unsigned long long)r.terms);
  r.set.stem = 1;
  t = cpu_best(3, build, &r);
  printf("  corpus, lang=en, stem         %8.1f MB/s  %5.2fx\n", mbps(len, t), t / base);
  r.set.stem = 0;
  r.set.lang[0] = '\0';
  t = cpu_best(3, build, &r);
  printf("  corpus, language guessed      %8.1f MB/s  %5.2fx\n", mbps(len, t), t / base);
  strcpy(r.set.lang, "en");
  r.set.ngrams = 3;
  t = cpu_best(1, build, &r);
  printf("  corpus, lang=en, ngrams=3     %8.1f MB/s  %5.2fx\n", mbps(len, t), t / base);
  (void)argc;
  nn_termres_free(&res);
  free(a);
  free(text);
  return 0;
}
