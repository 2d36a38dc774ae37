/* Classifier benchmark: training (recording texts, then fitting with
 * cross-validation) and prediction on up to 10,000 articles of CORPUS.
 *
 *   bench_classifier CORPUS [ignored...]
 *
 * The corpus has no tags, so the benchmark derives them: the 90 words of 4 or
 * more letters that head the most titles (first lines) become the tags, and an
 * article carries those of its title's words that are tags.  That gives a
 * skewed multi-label problem of the usual size (a few common tags, many rare).
 * The baseline, measured in the same run, is a plain pass that lowercases and
 * counts the corpus's ASCII words; the ratios say how many such passes
 * training and prediction cost. */
#include "bench.h"

#include <ctype.h>
#include <string.h>

#include "newsnlp.h"

#define MAX_ARTICLES 10000
#define TAGS 90
#define MAX_TAGS_PER_ARTICLE 8

typedef struct article {
  const char *text;
  size_t len;
  const char *tags[MAX_TAGS_PER_ARTICLE];
  size_t tag_lens[MAX_TAGS_PER_ARTICLE];
  size_t tag_count;
} article;

typedef struct bench {
  article *articles;
  size_t count;
  size_t bytes;
  nn_classifier *c;
  nn_tag_score *out;
  size_t words; /* from the baseline */
  size_t decided;
} bench;

/* The title words, counted with a small open-addressing table. */
typedef struct word_slot {
  char word[24];
  size_t count;
} word_slot;

#define SLOTS 65536

static size_t slot_of(word_slot *slots, const char *w, size_t n)
{
  uint64_t h = nn_hash_bytes(w, n);
  size_t i = (size_t)h & (SLOTS - 1);
  while (slots[i].word[0] && (strlen(slots[i].word) != n || memcmp(slots[i].word, w, n) != 0))
    i = (i + 1) & (SLOTS - 1);
  return i;
}

/* Calls fn for each lowercased word of 4 to 23 letters in the first line. */
static void title_words(const char *text, size_t len, void (*fn)(void *, const char *, size_t),
                        void *ud)
{
  char w[24];
  size_t i, n = 0;
  for (i = 0; i <= len; i++) {
    int ch = i < len ? (unsigned char)text[i] : '\n';
    if (isalpha(ch)) {
      if (n < sizeof w - 1) w[n] = (char)tolower(ch);
      n++;
      continue;
    }
    if (n >= 4 && n < sizeof w) fn(ud, w, n);
    n = 0;
    if (ch == '\n') break;
  }
}

static void count_word(void *ud, const char *w, size_t n)
{
  word_slot *slots = ud;
  size_t i = slot_of(slots, w, n);
  if (!slots[i].word[0]) memcpy(slots[i].word, w, n);
  slots[i].count++;
}

typedef struct tagger {
  word_slot *slots;
  article *a;
} tagger;

static void tag_word(void *ud, const char *w, size_t n)
{
  tagger *t = ud;
  size_t i = slot_of(t->slots, w, n), k;
  if (!t->slots[i].word[0] || t->slots[i].count == 0) return; /* not a tag */
  for (k = 0; k < t->a->tag_count; k++)
    if (t->a->tag_lens[k] == n && memcmp(t->a->tags[k], w, n) == 0) return;
  if (t->a->tag_count < MAX_TAGS_PER_ARTICLE) {
    t->a->tags[t->a->tag_count] = t->slots[i].word;
    t->a->tag_lens[t->a->tag_count++] = n;
  }
}

static int by_count(const void *pa, const void *pb)
{
  const word_slot *x = pa, *y = pb;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return strcmp(x->word, y->word);
}

static void derive_tags(bench *b, word_slot *slots)
{
  static word_slot sorted[SLOTS];
  size_t i, k = 0;
  tagger t;
  for (i = 0; i < b->count; i++) title_words(b->articles[i].text, b->articles[i].len, count_word, slots);
  memcpy(sorted, slots, sizeof sorted);
  qsort(sorted, SLOTS, sizeof *sorted, by_count);
  /* Keep only the TAGS most common words in the table (count 0 marks the rest). */
  for (i = 0; i < SLOTS; i++) slots[i].count = 0;
  for (k = 0; k < TAGS && sorted[k].count > 0; k++) {
    size_t at = slot_of(slots, sorted[k].word, strlen(sorted[k].word));
    slots[at].count = sorted[k].count;
  }
  t.slots = slots;
  for (i = 0; i < b->count; i++) {
    t.a = &b->articles[i];
    title_words(t.a->text, t.a->len, tag_word, &t);
  }
}

static void run_baseline(void *ud)
{
  bench *b = ud;
  size_t i, j, words = 0;
  for (i = 0; i < b->count; i++) {
    const article *a = &b->articles[i];
    int in = 0;
    for (j = 0; j < a->len; j++) {
      int alnum = isalnum((unsigned char)a->text[j]);
      if (alnum && !in) words++;
      in = alnum;
    }
  }
  b->words = words;
}

static void run_train(void *ud)
{
  bench *b = ud;
  size_t i;
  int status;
  nn_classifier_free(b->c);
  b->c = nn_classifier_new(&nn_default_allocator, NULL, &status);
  if (!b->c) exit(1);
  for (i = 0; i < b->count; i++) {
    const article *a = &b->articles[i];
    if (nn_classifier_train(b->c, a->text, a->len, a->tags, a->tag_lens, a->tag_count) != NN_OK)
      exit(1);
  }
  if (nn_classifier_fit(b->c) != NN_OK) exit(1);
}

static void run_predict(void *ud)
{
  bench *b = ud;
  size_t i, count, decided = 0;
  for (i = 0; i < b->count; i++) {
    if (nn_classifier_predict(b->c, b->articles[i].text, b->articles[i].len, 0, b->out, &count) != NN_OK)
      exit(1);
    decided += count;
  }
  b->decided = decided;
}

/* Processor time of this process: on a busy machine, wall time overstates. */
static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
  static word_slot slots[SLOTS];
  size_t len, start = 0, i, tagged = 0;
  char *corpus;
  bench b;
  double t_base, t_train, t_predict, cpu_train;

  if (argc < 2) {
    fprintf(stderr, "usage: bench_classifier CORPUS\n");
    return 2;
  }
  corpus = bench_load(argv[1], &len);
  memset(&b, 0, sizeof b);
  b.articles = calloc(MAX_ARTICLES, sizeof *b.articles);
  if (!b.articles) return 1;
  for (i = 0; i <= len && b.count < MAX_ARTICLES; i++) {
    if (i == len || corpus[i] == '\f') {
      size_t s = start, e = i;
      while (s < e && isspace((unsigned char)corpus[s])) s++;
      if (e > s) {
        b.articles[b.count].text = corpus + s;
        b.articles[b.count].len = e - s;
        b.bytes += e - s;
        b.count++;
      }
      start = i + 1;
    }
  }
  derive_tags(&b, slots);
  for (i = 0; i < b.count; i++) tagged += b.articles[i].tag_count > 0;

  t_base = bench_best(3, run_baseline, &b);
  cpu_train = cpu_now();
  t_train = bench_best(1, run_train, &b);
  cpu_train = cpu_now() - cpu_train;
  b.out = calloc(nn_classifier_tag_count(b.c) + 1, sizeof *b.out);
  if (!b.out) return 1;
  t_predict = bench_best(3, run_predict, &b);

  printf("classifier: %zu articles (%.1f MB), %zu tags, %zu articles tagged, %zu terms, %zu weights\n",
         b.count, (double)b.bytes / 1e6, nn_classifier_tag_count(b.c), tagged,
         nn_classifier_term_count(b.c), nn_classifier_weight_count(b.c));
  printf("  baseline (count ASCII words)  %8.0f articles/s  %7.1f MB/s\n",
         (double)b.count / t_base, (double)b.bytes / 1e6 / t_base);
  printf("  train (record + fit, 5 folds) %8.0f articles/s  %7.2f s (%.2f s processor time) %6.1fx baseline time\n",
         (double)b.count / t_train, t_train, cpu_train, t_train / t_base);
  printf("  predict (decided tags)        %8.0f articles/s  %7.1f MB/s %6.1fx baseline time\n",
         (double)b.count / t_predict, (double)b.bytes / 1e6 / t_predict, t_predict / t_base);
  nn_classifier_free(b.c);
  free(b.out);
  free(b.articles);
  free(corpus);
  return 0;
}
