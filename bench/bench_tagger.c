/* Taxonomy tagging in C: load time of a 100,000-phrase taxonomy and tagging
 * throughput, against the tokenizer alone (the floor: tagging reads every
 * token) measured in the same run.
 *
 *   bench_tagger CORPUS [MULTI]
 *
 * The taxonomy is made at run time from the corpus itself, so that its
 * phrases do occur: runs of 1 to 3 consecutive word tokens picked at
 * pseudo-random positions (a fixed seed), distinct without regard to case, 20
 * per tag, written in the text format and loaded with nn_tagger_parse.  Like
 * an editor's taxonomy it holds no function words: a run with one of the
 * corpus's COMMON most frequent words, or a word under 3 bytes, is skipped.
 * Such a taxonomy holds nearly every content word of the corpus (a third of
 * the tokens match): the worst case.  A third taxonomy, of names with their
 * aliases (make_names), is closer to a newsroom's, with sparse matches.
 * Times are process CPU time, best of ROUNDS (the machine is shared);
 * wall-clock figures beside. */
#include "bench.h"

#include <string.h>

#include "newsnlp.h"

#define ROUNDS 5
#define PHRASES 100000
#define PER_TAG 20
#define COMMON 300

typedef struct timing {
  double cpu, wall;
} timing;

static double cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct job {
  const char *s;
  size_t len;
  const size_t *art;  /* article starts, narticles + 1 entries (the last is len) */
  size_t narticles;
  const char *taxonomy;
  size_t taxonomy_len;
  nn_tagger_opts topts;
  nn_tagger *tagger;
  nn_allocator alloc;
  size_t allocations;
  size_t result;
  nn_buf matches, results;
} job;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  job *j = ud;
  if (nsize > 0) j->allocations++;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static void die(const char *what, int st)
{
  fprintf(stderr, "bench_tagger: %s: %s\n", what, nn_status_message(st));
  exit(1);
}

static void measure(void (*fn)(job *), job *j, timing *best)
{
  double c0 = cpu_now(), w0 = bench_now(), c, w;
  fn(j);
  c = cpu_now() - c0;
  w = bench_now() - w0;
  if (c < best->cpu) best->cpu = c;
  if (w < best->wall) best->wall = w;
}

static void run_load(job *j)
{
  size_t line;
  const char *why;
  int st;
  nn_tagger_free(j->tagger);
  st = nn_tagger_new(&j->tagger, &j->topts, &j->alloc);
  if (st != NN_OK) die("new", st);
  st = nn_tagger_parse(j->tagger, j->taxonomy, j->taxonomy_len, &line, &why);
  if (st != NN_OK) {
    fprintf(stderr, "bench_tagger: taxonomy line %zu: %s\n", line, why ? why : "?");
    exit(1);
  }
  st = nn_tagger_compile(j->tagger);
  if (st != NN_OK) die("compile", st);
  j->result = nn_tagger_phrase_count(j->tagger);
}

static void run_tokens(job *j)
{
  nn_tokenizer t;
  nn_token tok;
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  size_t n = 0;
  o.possessive = NN_POSSESSIVE_STRIP;
  nn_tokenizer_init(&t, j->s, j->len, &o);
  while (nn_tokenizer_next(&t, &tok)) n++;
  j->result = n;
}

static void run_match(job *j)
{
  int st = nn_tagger_match(j->tagger, j->s, j->len, 0, &j->matches, NULL);
  if (st != NN_OK) die("match", st);
  j->result = j->matches.len / sizeof(nn_tag_match);
}

static void run_tag_articles(job *j)
{
  size_t a, n = 0;
  nn_tag_options o = NN_TAG_OPTIONS_DEFAULT;
  j->allocations = 0;
  for (a = 0; a < j->narticles; a++) {
    int st = nn_tagger_tag(j->tagger, j->s + j->art[a], j->art[a + 1] - j->art[a], &o,
                           &j->matches, &j->results);
    if (st != NN_OK) die("tag", st);
    n += j->results.len / sizeof(nn_tag_result);
  }
  j->result = n;
}

/* Articles are separated by a line holding a form feed. */
static size_t *split_articles(const char *s, size_t len, size_t *count)
{
  size_t cap = 1024, n = 0, p = 0;
  size_t *starts = malloc(cap * sizeof *starts);
  if (!starts) exit(1);
  starts[n++] = 0;
  while (p < len) {
    const char *ff = memchr(s + p, '\f', len - p);
    if (!ff) break;
    p = (size_t)(ff - s) + 1;
    if (p < len && s[p] == '\n') p++;
    if (n + 1 >= cap) {
      cap *= 2;
      starts = realloc(starts, cap * sizeof *starts);
      if (!starts) exit(1);
    }
    starts[n++] = p;
  }
  if (starts[n - 1] == len) n--;
  starts[n] = len;
  *count = n;
  return starts;
}

/* b = s[0..n) with ASCII letters in lower case. */
static void fold_ascii(nn_buf *b, const char *s, size_t n)
{
  size_t i;
  b->len = 0;
  if (nn_buf_reserve(b, n) != NN_OK) exit(1);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    b->data[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  b->len = n;
}

static int by_count_desc(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x > y ? -1 : x < y;
}

/* The taxonomy text: PHRASES distinct runs of 1-3 word tokens of s. */
static char *make_taxonomy(const char *s, size_t len, int dense, size_t *out_len)
{
  nn_tokenizer t;
  nn_token tok;
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token *toks;
  size_t ntok = 0, cap = 1 << 20, made = 0;
  uint64_t rng = 0x243F6A8885A308D3ULL;
  nn_strmap seen, words;
  nn_buf out, phrase, out_word;
  size_t *freq = NULL, *sorted, *occ_start, *occ, *fill, freq_cap = 0, threshold, k, tries = 0;
  uint32_t *word_of;
  o.possessive = NN_POSSESSIVE_STRIP;
  toks = malloc(cap * sizeof *toks);
  if (!toks) exit(1);
  nn_tokenizer_init(&t, s, len, &o);
  while (nn_tokenizer_next(&t, &tok)) {
    if (ntok == cap) {
      cap *= 2;
      toks = realloc(toks, cap * sizeof *toks);
      if (!toks) exit(1);
    }
    toks[ntok++] = tok;
  }
  nn_strmap_init(&seen, &nn_default_allocator);
  nn_buf_init(&out, &nn_default_allocator);
  nn_buf_init(&phrase, &nn_default_allocator);
  nn_buf_init(&out_word, &nn_default_allocator);
  /* Word frequencies (ASCII case folded), and the COMMON most frequent. */
  nn_strmap_init(&words, &nn_default_allocator);
  word_of = malloc(ntok * sizeof *word_of);
  if (!word_of) exit(1);
  for (k = 0; k < ntok; k++) {
    uint32_t id;
    if (toks[k].kind != NN_TOKEN_WORD) continue;
    fold_ascii(&phrase, s + toks[k].start, toks[k].len);
    if (nn_strmap_intern(&words, phrase.data, phrase.len, &id) < 0) exit(1);
    if (id >= freq_cap) {
      size_t old = freq_cap;
      freq_cap = old ? old * 2 : 4096;
      freq = realloc(freq, freq_cap * sizeof *freq);
      if (!freq) exit(1);
      memset(freq + old, 0, (freq_cap - old) * sizeof *freq);
    }
    freq[id]++;
    word_of[k] = id;
  }
  sorted = malloc(words.count * sizeof *sorted);
  if (!sorted) exit(1);
  memcpy(sorted, freq, words.count * sizeof *sorted);
  qsort(sorted, words.count, sizeof *sorted, by_count_desc);
  threshold = words.count > COMMON ? sorted[COMMON - 1] : (size_t)-1;
  free(sorted);
  /* The occurrences of each word, by word. */
  occ_start = calloc(words.count + 1, sizeof *occ_start);
  fill = calloc(words.count, sizeof *fill);
  occ = malloc(ntok * sizeof *occ);
  if (!occ_start || !fill || !occ) exit(1);
  for (k = 0; k < words.count; k++) occ_start[k + 1] = occ_start[k] + freq[k];
  for (k = 0; k < ntok; k++)
    if (toks[k].kind == NN_TOKEN_WORD) occ[occ_start[word_of[k]] + fill[word_of[k]]++] = k;
  while (made < PHRASES) {
    size_t at, n;
    uint32_t id;
    int64_t wid;
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    if (++tries > (size_t)PHRASES * 1000) {
      fprintf(stderr, "bench_tagger: the corpus has too few distinct phrases\n");
      exit(1);
    }
    /* Dense: a run at a random place of the text, so frequent words come
     * up often.  Vocabulary: a run at a random occurrence of a word drawn
     * from the distinct words, as likely rare as frequent. */
    if (dense) {
      at = (size_t)(rng >> 33) % ntok;
    } else {
      size_t w = (size_t)(rng >> 33) % words.count;
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      at = occ[occ_start[w] + (size_t)(rng >> 33) % freq[w]];
    }
    n = 1 + (size_t)((rng >> 20) % 5) / 2; /* 1, 1, 2, 2, 3 tokens */
    if (at + n > ntok) continue;
    phrase.len = 0;
    for (k = 0; k < n; k++) {
      const nn_token *w = &toks[at + k];
      if (w->kind != NN_TOKEN_WORD || w->len < 3) break;
      fold_ascii(&out_word, s + w->start, w->len);
      wid = nn_strmap_find(&words, out_word.data, out_word.len);
      if (wid < 0 || freq[wid] >= threshold) break;
      if (k > 0) nn_buf_append_byte(&phrase, ' ');
      nn_buf_append(&phrase, s + w->start, w->len);
    }
    if (k < n) continue;
    fold_ascii(&out_word, phrase.data, phrase.len);
    if (nn_strmap_intern(&seen, out_word.data, out_word.len, &id) != 1) continue;
    if (made % PER_TAG == 0) {
      char head[32];
      int hn = snprintf(head, sizeof head, "%sTag %05zu:", made ? "\n" : "", made / PER_TAG + 1);
      nn_buf_append(&out, head, (size_t)hn);
    } else {
      nn_buf_append_byte(&out, ';');
    }
    nn_buf_append_byte(&out, ' ');
    nn_buf_append(&out, phrase.data, phrase.len);
    made++;
  }
  nn_buf_append_byte(&out, '\n');
  nn_strmap_free(&seen);
  nn_strmap_free(&words);
  free(freq);
  free(word_of);
  free(occ_start);
  free(occ);
  free(fill);
  nn_buf_free(&phrase);
  nn_buf_free(&out_word);
  free(toks);
  *out_len = out.len;
  return out.data;
}

/* A name word: an upper-case ASCII letter, then one or more lower-case ones. */
static int name_word(const char *s, const nn_token *t)
{
  size_t i;
  if (t->kind != NN_TOKEN_WORD || t->len < 2 || s[t->start] < 'A' || s[t->start] > 'Z') return 0;
  for (i = 1; i < t->len; i++)
    if (s[t->start + i] < 'a' || s[t->start + i] > 'z') return 0;
  return 1;
}

/* The names taxonomy, closer to a newsroom's (people, places,
 * organizations; sparse matches): a tag for each distinct run of 2 or 3
 * name words that follows a word starting in lower case (not at the start
 * of a sentence), in order of first occurrence, with the name as a phrase
 * and, for 3 words, the first and last word and the case-sensitive
 * initials.  Possessives are kept, as newsnlp.each_token keeps them, so
 * that tagger_bench.lua builds the same taxonomy. */
static char *make_names(const char *s, size_t len, size_t *out_len, size_t *ntags)
{
  nn_tokenizer t;
  nn_token tok, run[4];
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  nn_strmap seen;
  nn_buf out, name;
  size_t n = 0, k;
  int prev_lower = 0, run_ok = 0, more = 1;
  nn_strmap_init(&seen, &nn_default_allocator);
  nn_buf_init(&out, &nn_default_allocator);
  nn_buf_init(&name, &nn_default_allocator);
  *ntags = 0;
  nn_tokenizer_init(&t, s, len, &o);
  while (more) {
    int is_name;
    more = nn_tokenizer_next(&t, &tok);
    is_name = more && name_word(s, &tok);
    if (is_name) {
      if (n == 0) run_ok = prev_lower;
      if (n < 4) run[n] = tok;
      n++;
      prev_lower = 0;
      continue;
    }
    if (n >= 2 && n <= 3 && run_ok) {
      uint32_t id;
      name.len = 0;
      for (k = 0; k < n; k++) {
        if (k > 0) nn_buf_append_byte(&name, ' ');
        nn_buf_append(&name, s + run[k].start, run[k].len);
      }
      if (nn_strmap_intern(&seen, name.data, name.len, &id) == 1) {
        nn_buf_append(&out, name.data, name.len);
        nn_buf_append(&out, ": ", 2);
        nn_buf_append(&out, name.data, name.len);
        if (n == 3) {
          char initials[3];
          nn_buf_append(&out, "; ", 2);
          nn_buf_append(&out, s + run[0].start, run[0].len);
          nn_buf_append_byte(&out, ' ');
          nn_buf_append(&out, s + run[2].start, run[2].len);
          for (k = 0; k < 3; k++) initials[k] = s[run[k].start];
          nn_buf_append(&out, "; \"", 3);
          nn_buf_append(&out, initials, 3);
          nn_buf_append_byte(&out, '"');
        }
        nn_buf_append_byte(&out, '\n');
        (*ntags)++;
      }
    }
    n = 0;
    prev_lower = more && tok.kind == NN_TOKEN_WORD && s[tok.start] >= 'a' && s[tok.start] <= 'z';
  }
  nn_strmap_free(&seen);
  nn_buf_free(&name);
  *out_len = out.len;
  return out.data;
}

static double mbs(size_t len, double seconds)
{
  return (double)len / seconds / 1e6;
}

static void line(const char *name, size_t len, const timing *t, const timing *base,
                 size_t n, const char *unit)
{
  printf("  %-38s %8.1f MB/s cpu %8.1f MB/s wall  %5.2fx tokenizer  (%zu %s)\n", name,
         mbs(len, t->cpu), mbs(len, t->wall), base->cpu / t->cpu, n, unit);
}

enum { VOCABULARY, DENSE, NAMES };

static void bench_taxonomy(job *j, int kind, const char *lang)
{
  timing tok = { 1e30, 1e30 }, load = { 1e30, 1e30 }, load_stem = { 1e30, 1e30 },
         match = { 1e30, 1e30 }, tag = { 1e30, 1e30 }, match_stem = { 1e30, 1e30 },
         tag_stem = { 1e30, 1e30 };
  size_t ntok = 0, nphrases = 0, nmatch = 0, ntags = 0, nmatch_stem = 0, ntags_stem = 0,
         allocs = 0, allocs_stem = 0;
  int r;
  if (kind == NAMES) {
    size_t ntags;
    j->taxonomy = make_names(j->s, j->len, &j->taxonomy_len, &ntags);
    printf("names taxonomy: %zu tags (%zu bytes), runs of 2-3 capitalized words within "
           "sentences, with aliases\n", ntags, j->taxonomy_len);
  } else {
    j->taxonomy = make_taxonomy(j->s, j->len, kind == DENSE, &j->taxonomy_len);
    printf("%s taxonomy: %d phrases in %d tags (%zu bytes), %s\n",
           kind == DENSE ? "dense" : "vocabulary", PHRASES, PHRASES / PER_TAG, j->taxonomy_len,
           kind == DENSE ? "runs of 1-3 words at random places of the text"
                         : "runs of 1-3 words at a random occurrence of random distinct words");
  }
  for (r = 0; r < ROUNDS; r++) {
    measure(run_tokens, j, &tok);
    ntok = j->result;
    j->topts.lang = NULL;
    j->topts.stem = 0;
    measure(run_load, j, &load);
    nphrases = j->result;
    measure(run_match, j, &match);
    nmatch = j->result;
    measure(run_tag_articles, j, &tag);
    ntags = j->result;
    allocs = j->allocations;
    j->topts.lang = lang;
    j->topts.stem = 1;
    measure(run_load, j, &load_stem);
    measure(run_match, j, &match_stem);
    nmatch_stem = j->result;
    measure(run_tag_articles, j, &tag_stem);
    ntags_stem = j->result;
    allocs_stem = j->allocations;
  }
  printf("  load (parse + compile), %zu phrases:    %7.1f ms cpu %7.1f ms wall\n", nphrases,
         load.cpu * 1e3, load.wall * 1e3);
  printf("  load with stemming (lang=%s):          %7.1f ms cpu %7.1f ms wall\n", lang,
         load_stem.cpu * 1e3, load_stem.wall * 1e3);
  line("nn_tokenizer_next alone (baseline)", j->len, &tok, &tok, ntok, "tokens");
  line("nn_tagger_match, whole corpus", j->len, &match, &tok, nmatch, "matches");
  line("nn_tagger_tag, per article", j->len, &tag, &tok, ntags, "tags");
  line("nn_tagger_match, stemming", j->len, &match_stem, &tok, nmatch_stem, "matches");
  line("nn_tagger_tag, stemming, per article", j->len, &tag_stem, &tok, ntags_stem, "tags");
  printf("  allocations while tagging %zu articles: %zu; with stemming %zu\n", j->narticles,
         allocs, allocs_stem);
  nn_tagger_free(j->tagger);
  j->tagger = NULL;
  free((void *)j->taxonomy);
}

static void bench_corpus(const char *path, const char *lang)
{
  job j;
  memset(&j, 0, sizeof j);
  j.alloc.fn = counting_alloc;
  j.alloc.ud = &j;
  j.s = bench_load(path, &j.len);
  j.art = split_articles(j.s, j.len, &j.narticles);
  nn_buf_init(&j.matches, &nn_default_allocator);
  nn_buf_init(&j.results, &nn_default_allocator);
  printf("%s (%zu bytes, %zu articles), best of %d\n", path, j.len, j.narticles, ROUNDS);
  bench_taxonomy(&j, VOCABULARY, lang);
  bench_taxonomy(&j, DENSE, lang);
  bench_taxonomy(&j, NAMES, lang);
  nn_buf_free(&j.matches);
  nn_buf_free(&j.results);
  free((void *)j.art);
  free((void *)j.s);
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: bench_tagger CORPUS [MULTI]\n");
    return 2;
  }
  printf("== tagger (newsnlp %s)\n", NN_VERSION);
  bench_corpus(argv[1], "en");
  return 0;
}
