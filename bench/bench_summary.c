/* The summary core over a news corpus: nn_summarize (3 sentences) and
 * nn_stats per article, against the sentence split (nn_sentences, all a
 * Lead-3 summary needs) and nn_article_parse (the structure pass both start
 * from) measured in the same run.  Articles are the corpus' form-feed separated texts; the first
 * figures are for those of 2.5 to 3.5 KB, then for all of them.  Times are
 * the process' CPU time, best of three rounds.
 *   bench_summary CORPUS */
#include "bench.h"

#include <string.h>

#include "newsnlp.h"

/* CPU time of the process: the machine may be shared, and the figure wanted
 * is what one core does. */
static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double best_cpu(int rounds, void (*fn)(void *), void *ctx)
{
  double best = 1e300;
  int i;
  for (i = 0; i < rounds; i++) {
    double t0 = cpu_now(), t;
    fn(ctx);
    t = cpu_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

typedef struct article {
  const char *s;
  size_t len;
} article;

typedef struct run {
  const article *articles;
  size_t count;
  nn_summarizer *z;
  size_t sink;
} run;

static void split(void *ctx)
{
  run *r = ctx;
  size_t i;
  nn_sentence_opts o;
  nn_sentence_opts_init(&o);
  o.lang = nn_sentences_lang("en", 2);
  for (i = 0; i < r->count; i++) {
    nn_sentence_iter it;
    nn_sentence t;
    nn_sentences_init(&it, r->articles[i].s, r->articles[i].len, &o);
    while (nn_sentences_next(&it, &t)) r->sink++;
  }
}

static void structure(void *ctx)
{
  run *r = ctx;
  size_t i;
  nn_sentence_opts o;
  nn_sentence_opts_init(&o);
  o.lang = nn_sentences_lang("en", 2);
  for (i = 0; i < r->count; i++) {
    if (nn_article_parse(&r->z->article, r->articles[i].s, r->articles[i].len, &o) != NN_OK) exit(1);
    r->sink += r->z->article.sentences.len;
  }
}

static void summarize(void *ctx)
{
  run *r = ctx;
  size_t i;
  nn_summary_opts o;
  nn_summary_opts_init(&o);
  o.sentence.lang = nn_sentences_lang("en", 2);
  for (i = 0; i < r->count; i++) {
    if (nn_summarize(r->z, r->articles[i].s, r->articles[i].len, &o) != NN_OK) exit(1);
    r->sink += nn_summary_count(r->z);
  }
}

static void stats(void *ctx)
{
  run *r = ctx;
  size_t i;
  nn_stats_opts o;
  nn_stats_result st;
  nn_stats_opts_init(&o);
  o.sentence.lang = nn_sentences_lang("en", 2);
  o.read_lang = NN_READ_EN;
  for (i = 0; i < r->count; i++) {
    if (nn_stats(&r->z->article, r->articles[i].s, r->articles[i].len, &o, &st) != NN_OK) exit(1);
    r->sink += st.words;
  }
}

static void measure(const char *label, const article *articles, size_t count, nn_summarizer *z)
{
  static const struct {
    const char *name;
    void (*fn)(void *);
  } rows[] = {
    { "sentence split (nn_sentences)", split },
    { "structure (nn_article_parse)", structure },
    { "nn_summarize", summarize },
    { "nn_stats", stats },
  };
  size_t i, bytes = 0;
  double base = 0;
  run r;
  for (i = 0; i < count; i++) bytes += articles[i].len;
  if (count == 0) return;
  printf("summary (C core), %s: %zu articles, %.0f bytes each on average\n", label, count,
         (double)bytes / (double)count);
  r.articles = articles;
  r.count = count;
  r.z = z;
  r.sink = 0;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    double t = best_cpu(3, rows[i].fn, &r);
    if (i == 0) base = t;
    printf("  %-30s %9.0f articles/s  %7.1f MB/s  %6.2fx the time of the split\n", rows[i].name,
           (double)count / t, (double)bytes / t / 1e6, t / base);
  }
}

int main(int argc, char **argv)
{
  size_t len, n = 0, sized = 0, cap;
  char *text, *p, *end;
  article *all, *mid;
  nn_summarizer z;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_summary CORPUS\n");
    return 2;
  }
  text = bench_load(argv[1], &len);
  cap = len / 2 + 2;
  all = malloc(cap * sizeof *all);
  mid = malloc(cap * sizeof *mid);
  if (!all || !mid) return 1;
  for (p = text, end = text + len; p < end && n < cap;) {
    char *ff = strstr(p, "\f\n");
    size_t l = ff ? (size_t)(ff - p) : (size_t)(end - p);
    all[n].s = p;
    all[n].len = l;
    if (l >= 2500 && l <= 3500) mid[sized++] = all[n];
    n++;
    p += l + (ff ? 2 : 0);
  }
  nn_summarizer_init(&z, &nn_default_allocator);
  measure("articles of 2.5-3.5 KB", mid, sized, &z);
  measure("all articles", all, n, &z);
  nn_summarizer_free(&z);
  free(all);
  free(mid);
  free(text);
  return 0;
}
