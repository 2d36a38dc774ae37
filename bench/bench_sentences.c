/* Sentence segmentation speed: the news-aware splitter (nn_sentences_next)
 * and the UAX #29 boundaries (nn_sentbreak_next) against ICU's sentence
 * BreakIterator (ubrk_open(UBRK_SENTENCE), reading the UTF-8 text through a
 * UText, so no conversion is timed), on the same corpus in the same run.
 *
 *   bench_sentences CORPUS [MULTI]
 *
 * Prints MB/s (10^6 bytes per second, best of several rounds) measured on
 * the process's CPU time, which other jobs on a shared machine disturb less
 * than wall time (also printed), the number of sentences each found, and the
 * ratios to ICU (on CPU time). */
#include "bench.h"

#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "newsnlp.h"

typedef struct job {
  const char *text;
  size_t len;
  size_t count;
} job;

static void run_splitter(void *ctx)
{
  job *j = ctx;
  nn_sentence_iter it;
  nn_sentence sent;
  nn_sentence_opts opts;
  size_t n = 0;
  nn_sentence_opts_init(&opts);
  nn_sentences_init(&it, j->text, j->len, &opts);
  while (nn_sentences_next(&it, &sent)) n++;
  j->count = n;
}

static void run_splitter_en(void *ctx)
{
  job *j = ctx;
  nn_sentence_iter it;
  nn_sentence sent;
  nn_sentence_opts opts;
  size_t n = 0;
  nn_sentence_opts_init(&opts);
  opts.lang = nn_sentences_lang("en", 2);
  nn_sentences_init(&it, j->text, j->len, &opts);
  while (nn_sentences_next(&it, &sent)) n++;
  j->count = n;
}

static void run_uax29(void *ctx)
{
  job *j = ctx;
  size_t pos = 0, n = 0;
  while (pos < j->len) {
    pos = nn_sentbreak_next(j->text, j->len, pos);
    n++;
  }
  j->count = n;
}

static void run_icu(void *ctx)
{
  job *j = ctx;
  UErrorCode status = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, j->text, (int64_t)j->len, &status);
  UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &status);
  size_t n = 0;
  ubrk_setUText(bi, ut, &status);
  if (U_FAILURE(status)) {
    fprintf(stderr, "bench: ICU failed: %s\n", u_errorName(status));
    exit(1);
  }
  while (ubrk_next(bi) != UBRK_DONE) n++;
  ubrk_close(bi);
  utext_close(ut);
  j->count = n;
}

static double mbps(size_t bytes, double seconds) { return (double)bytes / seconds / 1e6; }

static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct timing {
  double cpu, wall;
  size_t count;
} timing;

/* Best CPU time and best wall time of `rounds` runs. */
static timing measure(int rounds, void (*fn)(void *), job *j)
{
  timing t = { 1e30, 1e30, 0 };
  int i;
  for (i = 0; i < rounds; i++) {
    double c0 = cpu_now(), w0 = bench_now(), c, w;
    fn(j);
    c = cpu_now() - c0;
    w = bench_now() - w0;
    if (c < t.cpu) t.cpu = c;
    if (w < t.wall) t.wall = w;
  }
  t.count = j->count;
  return t;
}

static void report(const char *name, const char *unit, size_t len, timing t, const timing *icu)
{
  printf("  %-34s %8.1f MB/s (wall %6.1f)  %8zu %s", name, mbps(len, t.cpu), mbps(len, t.wall),
         t.count, unit);
  if (icu) printf("  %5.2fx ICU", icu->cpu / t.cpu);
  printf("\n");
}

static void bench_corpus(const char *path, int rounds)
{
  job j;
  timing icu, split, split_en, uax;
  j.text = bench_load(path, &j.len);
  printf("sentences: %s (%zu bytes)\n", path, j.len);
  icu = measure(rounds, run_icu, &j);
  split = measure(rounds, run_splitter, &j);
  split_en = measure(rounds, run_splitter_en, &j);
  uax = measure(rounds, run_uax29, &j);
  report("ICU BreakIterator (UBRK_SENTENCE)", "sentences", j.len, icu, NULL);
  report("nn_sentbreak (UAX #29)", "segments", j.len, uax, &icu);
  report("nn_sentences (no language)", "sentences", j.len, split, &icu);
  report("nn_sentences (lang = en)", "sentences", j.len, split_en, &icu);
  free((void *)j.text);
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: bench_sentences CORPUS [MULTI]\n");
    return 2;
  }
  bench_corpus(argv[1], 5);
  if (argc > 2) bench_corpus(argv[2], 5);
  return 0;
}
