/* Keyphrase extraction speed, in articles per second on one core.
 *
 *   bench_keywords CORPUS
 *
 * CORPUS holds articles separated by lines with a form feed.  Two sets are
 * timed: the articles of 2 to 4 KB (news stories of about 3 KB) and all the
 * articles.  For each: nn_keywords_extract with every method, and, measured
 * in the same run as baselines, the stages it is built on: the tokenizer
 * alone and the article structure (nn_article_parse) alone.  Figures are
 * best of several rounds of process CPU time (less disturbed by other jobs
 * than wall time, also printed). */
#include "bench.h"

#include <string.h>
#include <time.h>

#include "newsnlp.h"

typedef struct article {
  const char *text;
  size_t len;
} article;

typedef struct job {
  const article *arts;
  size_t count;
  size_t bytes;
  int method;
  int structure;
  nn_keywords *k;
  nn_article *a;
  size_t out; /* keeps the work observable */
} job;

static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_keywords(void *ctx)
{
  job *j = ctx;
  nn_keywords_opts o;
  size_t i;
  nn_keywords_opts_init(&o);
  o.lang = "en";
  o.lang_len = 2;
  o.method = j->method;
  o.structure = j->structure;
  for (i = 0; i < j->count; i++) {
    if (nn_keywords_extract(j->k, j->arts[i].text, j->arts[i].len, &o) != NN_OK) {
      fprintf(stderr, "bench: keyword extraction failed\n");
      exit(1);
    }
    j->out += j->k->count;
  }
}

static void run_tokens(void *ctx)
{
  job *j = ctx;
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  size_t i;
  o.lang = "en";
  o.possessive = NN_POSSESSIVE_SPLIT;
  for (i = 0; i < j->count; i++) {
    nn_tokenizer t;
    nn_token tok;
    nn_tokenizer_init(&t, j->arts[i].text, j->arts[i].len, &o);
    while (nn_tokenizer_next(&t, &tok)) j->out++;
  }
}

static void run_article(void *ctx)
{
  job *j = ctx;
  nn_sentence_opts o;
  size_t i;
  nn_sentence_opts_init(&o);
  o.lang = nn_sentences_lang("en", 2);
  for (i = 0; i < j->count; i++) {
    if (nn_article_parse(j->a, j->arts[i].text, j->arts[i].len, &o) != NN_OK) exit(1);
    j->out += j->a->sentences.len;
  }
}

/* Best CPU and wall time of `rounds` runs. */
static void timed(int rounds, void (*fn)(void *), job *j, double *cpu, double *wall)
{
  int r;
  *cpu = *wall = 1e30;
  for (r = 0; r < rounds; r++) {
    double c0 = cpu_now(), w0 = bench_now(), c, w;
    fn(j);
    c = cpu_now() - c0;
    w = bench_now() - w0;
    if (c < *cpu) *cpu = c;
    if (w < *wall) *wall = w;
  }
}

static void report(const char *name, const job *j, double cpu, double wall, double base)
{
  printf("  %-28s %9.0f articles/s  %6.1f MB/s  (wall %9.0f articles/s)", name,
         (double)j->count / cpu, (double)j->bytes / cpu / 1e6, (double)j->count / wall);
  if (base > 0) printf("  %5.2fx the time of the tokenizer", cpu / base);
  printf("\n");
}

static void bench_set(const char *title, const article *arts, size_t count, nn_keywords *k,
                      nn_article *a)
{
  job j;
  double cpu, wall, tok_cpu;
  size_t i;
  int m;
  memset(&j, 0, sizeof j);
  j.arts = arts;
  j.count = count;
  j.k = k;
  j.a = a;
  for (i = 0; i < count; i++) j.bytes += arts[i].len;
  printf("%s: %zu articles, %.0f bytes on average\n", title, count,
         count ? (double)j.bytes / (double)count : 0.0);
  if (!count) return;
  timed(5, run_tokens, &j, &tok_cpu, &wall);
  report("tokenizer (baseline)", &j, tok_cpu, wall, 0);
  timed(5, run_article, &j, &cpu, &wall);
  report("article structure", &j, cpu, wall, tok_cpu);
  for (m = 0; m < NN_KW__COUNT; m++) {
    char name[64];
    j.method = m;
    j.structure = 1;
    timed(5, run_keywords, &j, &cpu, &wall);
    snprintf(name, sizeof name, "keywords (%s)", nn_kw_method_name(m));
    report(name, &j, cpu, wall, tok_cpu);
  }
  j.method = NN_KW_POSFREQ;
  j.structure = 0;
  timed(5, run_keywords, &j, &cpu, &wall);
  report("keywords (posfreq, structure off)", &j, cpu, wall, tok_cpu);
}

int main(int argc, char **argv)
{
  size_t len, i, start = 0, n_all = 0, n_mid = 0;
  char *text;
  article *all, *mid;
  nn_keywords k;
  nn_article a;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_keywords CORPUS\n");
    return 2;
  }
  text = bench_load(argv[1], &len);
  all = malloc((len / 2 + 2) * sizeof *all);
  mid = malloc((len / 2 + 2) * sizeof *mid);
  if (!all || !mid) return 1;
  /* articles: the text between lines that hold a form feed */
  for (i = 0; i <= len; i++) {
    if (i == len || text[i] == '\f') {
      size_t s = start, e = i;
      while (s < e && (text[s] == '\n' || text[s] == '\r')) s++;
      while (e > s && (text[e - 1] == '\n' || text[e - 1] == '\r')) e--;
      if (e > s) {
        all[n_all].text = text + s;
        all[n_all++].len = e - s;
        if (e - s >= 2048 && e - s <= 4096) mid[n_mid++] = all[n_all - 1];
      }
      start = i + 1;
    }
  }
  nn_keywords_init(&k, &nn_default_allocator);
  nn_article_init(&a, &nn_default_allocator);
  printf("corpus: %s\n", argv[1]);
  bench_set("articles of 2 to 4 KB", mid, n_mid, &k, &a);
  bench_set("all articles", all, n_all, &k, &a);
  nn_keywords_free(&k);
  nn_article_free(&a);
  free(all);
  free(mid);
  free(text);
  return 0;
}
