/* Word boundaries, tokens and counting in C, against ICU's word
 * BreakIterator (ubrk_open(UBRK_WORD, ...)) on the same text in the same run.
 *
 *   bench_tokens CORPUS [MULTI]
 *
 * Each figure is the best of ROUNDS runs, the runs of newsnlp and ICU
 * interleaved so that both see the same machine.  Times are process CPU
 * time (the machine is shared; CPU time is what is least disturbed by other
 * processes); wall-clock figures are printed next to them. */
#include "bench.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "newsnlp.h"

#define ROUNDS 7

typedef struct job {
  const char *s;
  size_t len;
  size_t result;        /* tokens, segments or boundaries, to keep the work alive */
  nn_count_opts copts;
  size_t allocations;   /* counted by the counting allocator */
} job;

static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_tokens(void *ctx)
{
  job *j = ctx;
  nn_tokenizer t;
  nn_token tok;
  size_t n = 0;
  nn_tokenizer_init(&t, j->s, j->len, NULL);
  while (nn_tokenizer_next(&t, &tok)) n++;
  j->result = n;
}

static void run_words(void *ctx)
{
  job *j = ctx;
  nn_tokenizer t;
  nn_token tok;
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  size_t n = 0;
  o.kinds = NN_TOKEN_WORDLIKE;
  nn_tokenizer_init(&t, j->s, j->len, &o);
  while (nn_tokenizer_next(&t, &tok)) n++;
  j->result = n;
}

static void run_segments(void *ctx)
{
  job *j = ctx;
  size_t p = 0, n = 0;
  while (p < j->len) {
    p = nn_wordbreak_next(j->s, j->len, p);
    n++;
  }
  j->result = n;
}

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  job *j = ud;
  if (nsize > 0) j->allocations++;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static void run_count(void *ctx)
{
  job *j = ctx;
  nn_allocator a = { counting_alloc, j };
  nn_counter c;
  j->allocations = 0;
  nn_count_init(&c, &a);
  if (nn_count_text(&c, j->s, j->len, &j->copts) != NN_OK) {
    fprintf(stderr, "bench: counting failed\n");
    exit(1);
  }
  j->result = c.map.count;
  nn_count_free(&c);
}

/* ICU: every boundary of the text, read as UTF-8 through UText. */
static void run_icu(void *ctx)
{
  job *j = ctx;
  UErrorCode status = U_ZERO_ERROR;
  UText *text = utext_openUTF8(NULL, j->s, (int64_t)j->len, &status);
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &status);
  size_t n = 0;
  if (U_FAILURE(status)) {
    fprintf(stderr, "bench: ICU: %s\n", u_errorName(status));
    exit(1);
  }
  ubrk_setUText(bi, text, &status);
  while (ubrk_next(bi) != UBRK_DONE) n++;
  ubrk_close(bi);
  utext_close(text);
  j->result = n;
}

/* ICU as a tokenizer would drive it: every boundary and its rule status,
 * which tells words, numbers and ideographs from spaces and punctuation. */
static void run_icu_status(void *ctx)
{
  job *j = ctx;
  UErrorCode status = U_ZERO_ERROR;
  UText *text = utext_openUTF8(NULL, j->s, (int64_t)j->len, &status);
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &status);
  size_t n = 0;
  if (U_FAILURE(status)) {
    fprintf(stderr, "bench: ICU: %s\n", u_errorName(status));
    exit(1);
  }
  ubrk_setUText(bi, text, &status);
  while (ubrk_next(bi) != UBRK_DONE)
    if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE) n++;
  ubrk_close(bi);
  utext_close(text);
  j->result = n;
}

typedef struct timing {
  double cpu, wall;
} timing;

static void measure(void (*fn)(void *), job *j, timing *best)
{
  double c0 = cpu_now(), w0 = bench_now(), c, w;
  fn(j);
  c = cpu_now() - c0;
  w = bench_now() - w0;
  if (c < best->cpu) best->cpu = c;
  if (w < best->wall) best->wall = w;
}

static double mbs(size_t len, double seconds)
{
  return (double)len / seconds / 1e6;
}

static void report(const char *name, size_t len, const timing *t, const timing *icu, size_t n,
                   const char *unit)
{
  printf("  %-34s %8.1f MB/s cpu %8.1f MB/s wall  %6.1fx ICU  (%zu %s)\n", name,
         mbs(len, t->cpu), mbs(len, t->wall), icu->cpu / t->cpu, n, unit);
}

static void bench_corpus(const char *path)
{
  job j;
  timing tokens = { 1e30, 1e30 }, words = { 1e30, 1e30 }, segments = { 1e30, 1e30 },
         count = { 1e30, 1e30 }, count_fold = { 1e30, 1e30 }, icu = { 1e30, 1e30 },
         icu_status = { 1e30, 1e30 };
  size_t ntokens = 0, nwords = 0, nsegments = 0, nkeys = 0, nkeys_fold = 0, nicu = 0, allocs = 0,
         nicu_words = 0;
  int r;
  memset(&j, 0, sizeof j);
  j.s = bench_load(path, &j.len);
  j.copts.tokens.kinds = NN_TOKEN_WORDLIKE;
  printf("%s (%zu bytes), best of %d\n", path, j.len, ROUNDS);
  for (r = 0; r < ROUNDS; r++) {
    measure(run_tokens, &j, &tokens);
    ntokens = j.result;
    measure(run_icu, &j, &icu);
    nicu = j.result;
    measure(run_icu_status, &j, &icu_status);
    nicu_words = j.result;
    measure(run_words, &j, &words);
    nwords = j.result;
    measure(run_segments, &j, &segments);
    nsegments = j.result;
    j.copts.casefold = 0;
    measure(run_count, &j, &count);
    nkeys = j.result;
    j.copts.casefold = 1;
    measure(run_count, &j, &count_fold);
    nkeys_fold = j.result;
    allocs = j.allocations;
  }
  printf("  %-34s %8.1f MB/s cpu %8.1f MB/s wall  %6.1fx ICU  (%zu boundaries)\n",
         "ICU word BreakIterator (baseline)", mbs(j.len, icu.cpu), mbs(j.len, icu.wall), 1.0, nicu);
  printf("  %-34s %8.1f MB/s cpu %8.1f MB/s wall  %6.1fx ICU  (%zu word-like)\n",
         "ICU, with ubrk_getRuleStatus", mbs(j.len, icu_status.cpu), mbs(j.len, icu_status.wall),
         icu.cpu / icu_status.cpu, nicu_words);
  report("nn_wordbreak_next (UAX #29)", j.len, &segments, &icu, nsegments, "segments");
  report("nn_tokenizer_next, all tokens", j.len, &tokens, &icu, ntokens, "tokens");
  report("nn_tokenizer_next, word-like", j.len, &words, &icu, nwords, "words");
  report("nn_count_text", j.len, &count, &icu, nkeys, "distinct words");
  report("nn_count_text, casefold", j.len, &count_fold, &icu, nkeys_fold, "distinct words");
  printf("  allocations: none while tokenizing; %zu while counting %zu words (the map growing)\n",
         allocs, nwords);
  free((void *)j.s);
}

int main(int argc, char **argv)
{
  int i;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_tokens CORPUS [MULTI]\n");
    return 2;
  }
  printf("== tokens (newsnlp %s, Unicode %s; ICU %s)\n", NN_VERSION, NN_UNICODE_VERSION,
         U_ICU_VERSION);
  for (i = 1; i < argc; i++) bench_corpus(argv[i]);
  return 0;
}
