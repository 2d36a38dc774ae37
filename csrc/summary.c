/* Extractive summaries: a lead-weighted TextRank (see nn_summary.h).
 *
 * The text is read once by the article parser; each candidate sentence is
 * then read once for its words, which are interned so that sentences are
 * sorted arrays of word ids.  Set overlaps (fragments, duplicates) and
 * cosines are merges of those arrays.  The graph is dense over the
 * candidates, which max_graph bounds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nn_stats.h"
#include "nn_summary.h"
#include "nn_utf8.h"
#include "nn_wordlist.h"
#include "unicode_data.h"

#define DATELINE_KEEP 20      /* a dateline is left out when more than this follows */
#define FRAGMENT_WORDS 3      /* a candidate has at least this many content words */
#define DUP_SHARE 0.8         /* a sentence mostly made of an earlier one's words */
#define DUP_CONTAINED 0.9     /* an earlier sentence of DUP_LONG words or more inside this one */
#define DUP_LONG 8
#define PR_ITERATIONS 30
#define PR_TOLERANCE 1e-6
#define THETA_LEDE 0.5        /* redundancy threshold in lede mode ... */
#define THETA_COVERAGE 0.8    /* ... and in coverage mode */
#define KEY_MAX 256           /* longer words are cut to this many bytes */

/* ---- options and names ---------------------------------------------------------------- */

void nn_summary_opts_init(nn_summary_opts *o)
{
  memset(o, 0, sizeof *o);
  nn_sentence_opts_init(&o->sentence);
  o->sentences = 3;
  o->lead = 2.0;
  o->mode = NN_SUMMARY_AUTO;
  o->quotes = 1;
  o->damping = 0.85;
  o->max_graph = 512;
}

const char *nn_summary_reason_name(int reason)
{
  static const char *const names[] = { NULL, "title", "byline", "header", "boilerplate",
                                       "fragment", "duplicate", "quote", "limit" };
  return reason >= 0 && (size_t)reason < sizeof names / sizeof names[0] ? names[reason] : NULL;
}

/* ---- the summarizer ------------------------------------------------------------------- */

/* What is known of a word of the text, by id. */
typedef struct term_info {
  unsigned char content; /* not a function word, and not one letter */
  unsigned char feature; /* content, without digits: a dimension of the vectors */
  unsigned char weighed; /* weight below is set */
  uint32_t mark;         /* scratch: the sentence being compared holds the word */
  double weight;         /* the caller's weight (IDF), 1 without one */
  double dense;          /* scratch: the weight in the vector being compared */
} term_info;

/* A distinct content word of a sentence. */
typedef struct item {
  uint32_t id;
  uint32_t tf;
  double w; /* its normalised vector weight; 0 unless a feature */
} item;

/* Per sentence, beside the public record. */
typedef struct rec {
  nn_summary_sentence pub;
  size_t quoted; /* words inside quotation (with quotes excluded) ... */
  size_t qwords; /* ... of so many words */
  size_t para;   /* paragraph index, or (size_t)-1 for a line outside the body */
  size_t cand;   /* candidate index, or (size_t)-1 */
} rec;

void nn_summarizer_init(nn_summarizer *z, const nn_allocator *a)
{
  memset(z, 0, sizeof *z);
  z->alloc = a;
  nn_article_init(&z->article, a);
  nn_strmap_init(&z->terms, a);
  nn_strmap_init(&z->builtin, a);
  nn_buf_init(&z->term_info, a);
  nn_buf_init(&z->sentences, a);
  nn_buf_init(&z->items, a);
  nn_buf_init(&z->graph, a);
  nn_buf_init(&z->scratch, a);
  nn_buf_init(&z->recent, a);
  z->builtin_lang = -2;
}

void nn_summarizer_free(nn_summarizer *z)
{
  nn_article_free(&z->article);
  nn_strmap_free(&z->terms);
  nn_strmap_free(&z->builtin);
  nn_buf_free(&z->term_info);
  nn_buf_free(&z->sentences);
  nn_buf_free(&z->items);
  nn_buf_free(&z->graph);
  nn_buf_free(&z->scratch);
  nn_buf_free(&z->recent);
  z->builtin_lang = -2;
}

/* The function words of data/function_words for the language (every list
 * without one), kept until the language changes. */
static int builtin_function_words(nn_summarizer *z, int lang)
{
  size_t i, k;
  if (z->builtin_lang == lang) return NN_OK;
  nn_strmap_clear(&z->builtin);
  z->builtin_lang = -2;
  for (i = 0; i < nn_wordlists_count; i++) {
    const nn_wordlist *w = &nn_wordlists[i];
    const char *code = lang >= 0 ? nn_sentences_lang_code(lang) : NULL;
    if (strcmp(w->kind, "function_words") != 0) continue;
    if (code && strcmp(w->name, code) != 0) continue;
    for (k = 0; k < w->count; k++) {
      size_t n;
      const char *t = nn_wordlist_item(w, k, &n);
      uint32_t id;
      int r = nn_strmap_intern(&z->builtin, t, n, &id);
      if (r < 0) return r;
    }
  }
  z->builtin_lang = lang;
  return NN_OK;
}

/* ---- words ---------------------------------------------------------------------------- */

static inline int32_t char_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
  int32_t cp;
  if (s[i] < 0x80) {
    *n = 1;
    return s[i];
  }
  *n = nn_utf8_decode(s + i, len - i, &cp);
  return cp;
}

/* Letters, marks and digits make words (ASCII by table). */
static const unsigned char ascii_word[128] = {
  ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
  ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
  ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
  ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
  ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* 0: not a word character; 1: a letter or mark; 2: a digit. */
static inline int word_class(int32_t cp)
{
  int gc;
  if (cp < 0x80) return cp >= 0 ? ascii_word[cp] : 0;
  gc = nn_uniprop_of(cp)->gc;
  if (gc == NN_GC_ND) return 2;
  return gc != NN_GC_CN && gc <= NN_GC_ME;
}

/* Reads the word that starts at i: its lower-case form (’ written ') into
 * key, *digit set when it holds a digit, *chars its characters.  Returns its
 * end. */
static size_t read_word(const unsigned char *s, size_t b, size_t i, unsigned char *key, size_t *keylen,
                        int *digit, size_t *chars)
{
  size_t k = 0, n;
  *digit = 0;
  *chars = 0;
  while (i < b) {
    int32_t cp;
    int wc;
    if (s[i] < 0x80 && (wc = ascii_word[s[i]]) != 0) { /* the common case: ASCII letters and digits */
      if (k < KEY_MAX) key[k++] = (unsigned char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
      if (wc == 2) *digit = 1;
      (*chars)++;
      i++;
      continue;
    }
    cp = char_at(s, b, i, &n);
    wc = word_class(cp);
    if (!wc) {
      /* an apostrophe between two word characters joins them: don't, O’Neill */
      size_t m;
      if ((cp == '\'' || cp == 0x2019) && *chars > 0 && i + n < b && word_class(char_at(s, b, i + n, &m))) {
        if (k < KEY_MAX) key[k++] = '\'';
        i += n;
        continue;
      }
      break;
    }
    if (wc == 2) *digit = 1;
    (*chars)++;
    if (cp < 0x80) {
      if (k < KEY_MAX) key[k++] = (unsigned char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else {
      unsigned char enc[4];
      size_t e = nn_utf8_encode(utf8proc_tolower(cp), enc);
      if (k + e <= KEY_MAX) {
        memcpy(key + k, enc, e);
        k += e;
      }
    }
    i += n;
  }
  *keylen = k;
  return i;
}

/* The id of a word, with what is known of it set on first sight. */
static int word_id(nn_summarizer *z, const nn_strmap *fw, const unsigned char *key, size_t n, int digit,
                   size_t chars, uint32_t *id)
{
  int r = nn_strmap_intern(&z->terms, (const char *)key, n, id);
  if (r < 0) return r;
  if (r == 1) {
    term_info t;
    memset(&t, 0, sizeof t);
    t.content = nn_strmap_find(fw, (const char *)key, n) < 0 && (chars > 1 || digit);
    t.feature = t.content && !digit;
    t.weight = 1.0;
    t.mark = 0;
    t.dense = 0;
    if ((r = nn_buf_append(&z->term_info, (const char *)&t, sizeof t)) < 0) return r;
  }
  return NN_OK;
}

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Most words are short: those of at most eight bytes are looked up first in
 * a direct-mapped cache keyed by their bytes as one integer (words hold no
 * NUL byte, so the zero padding keeps lengths apart).  Slots of an earlier
 * text carry an older generation. */
#define RECENT_BITS 10
typedef struct recent_slot {
  uint64_t key;
  uint32_t id;
  uint32_t generation;
} recent_slot;

static int recent_start(nn_summarizer *z)
{
  size_t bytes = sizeof(recent_slot) << RECENT_BITS;
  int r;
  if (z->recent.len < bytes) {
    if ((r = nn_buf_reserve(&z->recent, bytes)) < 0) return r;
    memset(z->recent.data, 0, bytes);
    z->recent.len = bytes;
    z->generation = 0;
  }
  if (++z->generation == 0) { /* wrapped: forget everything */
    memset(z->recent.data, 0, bytes);
    z->generation = 1;
  }
  return NN_OK;
}

/* Appends the distinct content words of s[a..b) to z->items (sorted by id,
 * with their counts); returns how many, or a negative status. */
static long sentence_items(nn_summarizer *z, const nn_strmap *fw, const unsigned char *s, size_t a, size_t b)
{
  unsigned char key[KEY_MAX];
  size_t i = a, n, count, k, out = 0;
  uint32_t *ids;
  int r;
  z->scratch.len = 0;
  while (i < b) {
    int32_t cp = char_at(s, b, i, &n);
    if (word_class(cp)) {
      size_t keylen, chars;
      int digit;
      uint32_t id;
      i = read_word(s, b, i, key, &keylen, &digit, &chars);
      if (keylen <= 8) {
        uint64_t k64 = 0;
        recent_slot *slot;
        memcpy(&k64, key, keylen);
        slot = &((recent_slot *)(void *)z->recent.data)[(k64 * 0x9E3779B97F4A7C15ULL) >> (64 - RECENT_BITS)];
        if (slot->generation == z->generation && slot->key == k64) {
          id = slot->id;
        } else {
          if ((r = word_id(z, fw, key, keylen, digit, chars, &id)) < 0) return r;
          slot->key = k64;
          slot->id = id;
          slot->generation = z->generation;
        }
      } else if ((r = word_id(z, fw, key, keylen, digit, chars, &id)) < 0) {
        return r;
      }
      if (((const term_info *)(const void *)z->term_info.data)[id].content &&
          (r = nn_buf_append(&z->scratch, (const char *)&id, sizeof id)) < 0)
        return r;
    } else {
      i += n;
    }
  }
  count = z->scratch.len / sizeof(uint32_t);
  ids = (uint32_t *)(void *)z->scratch.data;
  if (count > 48) {
    nn_sort(ids, count, sizeof *ids, cmp_u32);
  } else {
    for (k = 1; k < count; k++) {
      uint32_t v = ids[k];
      size_t p = k;
      while (p > 0 && ids[p - 1] > v) {
        ids[p] = ids[p - 1];
        p--;
      }
      ids[p] = v;
    }
  }
  for (k = 0; k < count; k++) {
    item it;
    if (k > 0 && ids[k] == ids[k - 1]) {
      ((item *)(void *)(z->items.data + z->items.len))[-1].tf++;
      continue;
    }
    it.id = ids[k];
    it.tf = 1;
    it.w = 0;
    if ((r = nn_buf_append(&z->items, (const char *)&it, sizeof it)) < 0) return r;
    out++;
  }
  return (long)out;
}

/* How many of the items a[0..n) carry the mark. */
static size_t marked(const term_info *ti, const item *a, size_t n, uint32_t mark)
{
  size_t i, common = 0;
  for (i = 0; i < n; i++) common += ti[a[i].id].mark == mark;
  return common;
}

/* The dot product of the items a[0..n) with the vector spread in ti[].dense. */
static double dot_dense(const term_info *ti, const item *a, size_t n)
{
  size_t i;
  double dot = 0;
  for (i = 0; i < n; i++) dot += a[i].w * ti[a[i].id].dense;
  return dot;
}

/* ---- records -------------------------------------------------------------------------- */

static int add_rec(nn_summarizer *z, size_t start, size_t stop, int reason, size_t para)
{
  rec r;
  memset(&r, 0, sizeof r);
  r.pub.start = start;
  r.pub.stop = stop;
  r.pub.reason = reason;
  r.para = para;
  r.cand = (size_t)-1;
  return nn_buf_append(&z->sentences, (const char *)&r, sizeof r);
}

static int cmp_rec(const void *a, const void *b)
{
  const rec *x = a, *y = b;
  return x->pub.start < y->pub.start ? -1 : x->pub.start > y->pub.start;
}

/* Every sentence and line of the article, in document order, with the
 * reasons the structure gives. */
static int build_records(nn_summarizer *z, const unsigned char *s, int quotes)
{
  const nn_article *a = &z->article;
  const nn_article_paragraph *paras = (const nn_article_paragraph *)(const void *)a->paragraphs.data;
  const nn_article_boilerplate *boiler = (const nn_article_boilerplate *)(const void *)a->boilerplate.data;
  const nn_sentence *sents = (const nn_sentence *)(const void *)a->sentences.data;
  size_t np = a->paragraphs.len / sizeof *paras, nb = a->boilerplate.len / sizeof *boiler, i, k;
  int r;
  z->sentences.len = 0;
  if (a->title.stop > a->title.start && (r = add_rec(z, a->title.start, a->title.stop, NN_REASON_TITLE, (size_t)-1)) < 0)
    return r;
  if (a->byline.stop > a->byline.start &&
      (r = add_rec(z, a->byline.start, a->byline.stop, NN_REASON_BYLINE, (size_t)-1)) < 0)
    return r;
  for (i = 0; i < nb; i++)
    if ((r = add_rec(z, boiler[i].start, boiler[i].stop, NN_REASON_BOILERPLATE, (size_t)-1)) < 0) return r;
  for (i = 0; i < np; i++) {
    nn_quote_state q;
    nn_quote_init(&q);
    for (k = paras[i].first_sentence; k < paras[i].first_sentence + paras[i].sentence_count; k++) {
      const nn_sentence *t = &sents[k];
      int reason = (t->flags & NN_SENTENCE_HEADER) ? NN_REASON_HEADER
                   : (t->flags & NN_SENTENCE_BOILERPLATE) ? NN_REASON_BOILERPLATE : NN_REASON_NONE;
      if ((r = add_rec(z, t->start, t->stop, reason, i)) < 0) return r;
      if (!quotes) {
        rec *last = (rec *)(void *)(z->sentences.data + z->sentences.len) - 1;
        size_t quoted;
        last->qwords = nn_count_words((const char *)s, t->start, t->stop, &q, &quoted);
        last->quoted = quoted;
      }
    }
  }
  nn_sort(z->sentences.data, z->sentences.len / sizeof(rec), sizeof(rec), cmp_rec);
  return NN_OK;
}

size_t nn_summary_count(const nn_summarizer *z) { return z->sentences.len / sizeof(rec); }

const nn_summary_sentence *nn_summary_at(const nn_summarizer *z, size_t i)
{
  return &((const rec *)(const void *)z->sentences.data)[i].pub;
}

/* ---- ranking -------------------------------------------------------------------------- */

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

/* Weighted PageRank over the m x m similarities (symmetric, zero diagonal);
 * leaves c_i = m r_i in c.  Each step spreads the rank of node j over its
 * edges in proportion to their weights: in_i = sum_j sim_ij r_j / deg_j. */
static void pagerank(const double *sim, size_t m, double d, double *c, double *deg, double *share)
{
  size_t i, j, it;
  for (i = 0; i < m; i++) {
    double sum = 0;
    for (j = 0; j < m; j++) sum += sim[i * m + j];
    deg[i] = sum;
    c[i] = 1.0 / (double)m;
  }
  for (it = 0; it < PR_ITERATIONS; it++) {
    double dangling = 0, change = 0, base;
    for (j = 0; j < m; j++) {
      if (deg[j] > 0) {
        share[j] = c[j] / deg[j];
      } else {
        share[j] = 0;
        dangling += c[j];
      }
    }
    base = (1 - d) / (double)m + d * dangling / (double)m;
    for (i = 0; i < m; i++) {
      const double *row = sim + i * m;
      double in0 = 0, in1 = 0, in2 = 0, in3 = 0, in, v;
      /* four sums, so that the additions need not wait on each other */
      for (j = 0; j + 4 <= m; j += 4) {
        in0 += row[j] * share[j];
        in1 += row[j + 1] * share[j + 1];
        in2 += row[j + 2] * share[j + 2];
        in3 += row[j + 3] * share[j + 3];
      }
      for (; j < m; j++) in0 += row[j] * share[j];
      in = (in0 + in1) + (in2 + in3);
      v = base + d * in;
      change += fabs(v - c[i]);
      c[i] = v; /* the shares were taken before the step: a Jacobi iteration */
    }
    if (change < PR_TOLERANCE) break;
  }
  for (i = 0; i < m; i++) c[i] *= (double)m;
}

typedef struct ranked {
  double score;
  size_t cand;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
  const ranked *x = a, *y = b;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  return x->cand < y->cand ? -1 : x->cand > y->cand;
}

/* The budgets as they fill. */
typedef struct budget {
  size_t sentences, words, chars; /* limits, 0 = none */
  size_t n, w, c;                 /* used */
} budget;

static int fits(const budget *b, const nn_summary_sentence *t)
{
  if (b->sentences && b->n + 1 > b->sentences) return 0;
  if (b->words && b->w + t->words > b->words) return 0;
  if (b->chars && b->c + t->chars + (b->n > 0) > b->chars) return 0;
  return 1;
}

static void take(budget *b, nn_summary_sentence *t)
{
  b->c += t->chars + (b->n > 0);
  b->n++;
  b->w += t->words;
  t->selected = 1;
}

static int full(const budget *b) { return b->sentences && b->n >= b->sentences; }

int nn_summarize(nn_summarizer *z, const char *str, size_t len, const nn_summary_opts *opts)
{
  const unsigned char *s = (const unsigned char *)str;
  nn_summary_opts defaults;
  const nn_strmap *fw;
  rec *recs;
  item *items;
  size_t nrec, i, j, m = 0, title_count = 0, title_item = 0, *cand_rec;
  double *sim, *c, *deg, *next, g, k, theta;
  ranked *order;
  budget bud;
  int r;

  if (!opts) {
    nn_summary_opts_init(&defaults);
    opts = &defaults;
  }
  if (!str) len = 0;
  z->candidates = 0;
  z->g = 0;
  z->sentences.len = z->items.len = z->term_info.len = 0;
  nn_strmap_clear(&z->terms);
  if ((r = recent_start(z)) < 0) return r;
  if ((r = nn_article_parse(&z->article, str, len, &opts->sentence)) < 0) return r;
  if ((r = build_records(z, s, opts->quotes)) < 0) return r;
  if (opts->function_words) {
    fw = opts->function_words;
  } else {
    if ((r = builtin_function_words(z, opts->sentence.lang)) < 0) return r;
    fw = &z->builtin;
  }

  /* the title's words */
  {
    const char *t = opts->title;
    size_t a = 0, b = opts->title_len;
    long n;
    if (!t && z->article.title.stop > z->article.title.start) {
      t = str;
      a = z->article.title.start;
      b = z->article.title.stop;
    }
    if (t) {
      if ((n = sentence_items(z, fw, (const unsigned char *)t, a, b)) < 0) return (int)n;
      title_count = (size_t)n;
    }
  }

  /* words, fragments, quotes, duplicates: the candidates */
  recs = (rec *)(void *)z->sentences.data;
  nrec = z->sentences.len / sizeof(rec);
  for (i = 0; i < nrec; i++) {
    nn_summary_sentence *t = &recs[i].pub;
    long n;
    if (z->article.dateline.stop > z->article.dateline.start && t->start == z->article.dateline.start &&
        t->stop > z->article.dateline.stop + DATELINE_KEEP) {
      t->start = z->article.dateline.stop;
      while (t->start < t->stop && (s[t->start] == ' ' || s[t->start] == '\t' || s[t->start] == '\n'))
        t->start++;
    }
    if (opts->words || opts->chars) { /* only the budgets read them */
      t->words = nn_count_words(str, t->start, t->stop, NULL, NULL);
      t->chars = nn_count_chars(str, t->start, t->stop);
    }
    if (t->reason != NN_REASON_NONE) continue;
    if (m >= opts->max_graph) {
      t->reason = NN_REASON_LIMIT;
      continue;
    }
    t->item = z->items.len / sizeof(item);
    if ((n = sentence_items(z, fw, s, t->start, t->stop)) < 0) return (int)n;
    t->count = t->content = (size_t)n;
    items = (item *)(void *)z->items.data;
    if (t->content < FRAGMENT_WORDS) {
      t->reason = NN_REASON_FRAGMENT;
    } else {
      term_info *ti = (term_info *)(void *)z->term_info.data;
      uint32_t mark = (uint32_t)i + 1;
      for (j = t->item; j < t->item + t->count; j++) ti[items[j].id].mark = mark;
      if (title_count > 0 && title_count == t->count &&
          marked(ti, items + title_item, title_count, mark) == title_count)
        t->reason = NN_REASON_TITLE;
      else if (!opts->quotes && recs[i].qwords > 0 && recs[i].quoted * 2 >= recs[i].qwords)
        t->reason = NN_REASON_QUOTE;
      for (j = 0; j < i && t->reason == NN_REASON_NONE; j++) {
        const nn_summary_sentence *e = &recs[j].pub;
        size_t ov;
        if (recs[j].cand == (size_t)-1) continue;
        ov = marked(ti, items + e->item, e->count, mark);
        if ((double)ov >= DUP_SHARE * (double)t->count ||
            (e->count >= DUP_LONG && (double)ov >= DUP_CONTAINED * (double)e->count)) {
          t->reason = NN_REASON_DUPLICATE;
          break;
        }
      }
    }
    if (t->reason == NN_REASON_NONE) recs[i].cand = m++;
  }
  z->candidates = m;

  bud.sentences = opts->sentences;
  bud.words = opts->words;
  bud.chars = opts->chars;
  bud.n = bud.w = bud.c = 0;
  if (m == 0) {
    /* no candidate: the first sentences that are neither structure nor quotes */
    for (i = 0; i < nrec && !full(&bud); i++) {
      nn_summary_sentence *t = &recs[i].pub;
      if (t->reason != NN_REASON_FRAGMENT && t->reason != NN_REASON_DUPLICATE) continue;
      if (!opts->quotes && recs[i].qwords > 0 && recs[i].quoted * 2 >= recs[i].qwords) continue;
      if (fits(&bud, t)) take(&bud, t);
    }
    return NN_OK;
  }

  /* scratch: the candidates' records, similarities, ranks */
  {
    size_t mm, need;
    if (nn_mul_overflows(m, m, &mm) || nn_mul_overflows(mm + 4 * m, sizeof(double), &need)) return NN_ETOOBIG;
    z->graph.len = 0;
    if ((r = nn_buf_reserve(&z->graph, need + m * (sizeof(size_t) + sizeof(ranked)) + 16)) < 0) return r;
    sim = (double *)(void *)z->graph.data;
    c = sim + mm;
    deg = c + m;
    next = deg + m;
    order = (ranked *)(void *)(next + m);
    cand_rec = (size_t *)(void *)(order + m);
  }
  for (i = 0; i < nrec; i++)
    if (recs[i].cand != (size_t)-1) cand_rec[recs[i].cand] = i;

  /* vectors: 1 + ln tf, times the caller's weight, normalised */
  items = (item *)(void *)z->items.data;
  for (i = 0; i < m; i++) {
    nn_summary_sentence *t = &recs[cand_rec[i]].pub;
    double norm = 0;
    for (j = t->item; j < t->item + t->count; j++) {
      term_info *ti = &((term_info *)(void *)z->term_info.data)[items[j].id];
      items[j].w = 0;
      if (!ti->feature) continue;
      if (opts->weight && !ti->weighed) {
        size_t n;
        const char *key = nn_strmap_key(&z->terms, items[j].id, &n);
        double w = opts->weight(opts->weight_ud, key, n);
        if (!(w >= 0) || isinf(w)) return NN_EARG;
        ti = &((term_info *)(void *)z->term_info.data)[items[j].id];
        ti->weight = w;
        ti->weighed = 1;
      }
      items[j].w = (1.0 + log((double)items[j].tf)) * ti->weight;
      norm += items[j].w * items[j].w;
    }
    if (norm > 0) {
      norm = sqrt(norm);
      for (j = t->item; j < t->item + t->count; j++) items[j].w /= norm;
    }
  }
  {
    term_info *ti = (term_info *)(void *)z->term_info.data;
    for (i = 0; i < m; i++) {
      const nn_summary_sentence *a = &recs[cand_rec[i]].pub;
      sim[i * m + i] = 0;
      for (j = a->item; j < a->item + a->count; j++) ti[items[j].id].dense = items[j].w;
      for (j = i + 1; j < m; j++) {
        const nn_summary_sentence *b = &recs[cand_rec[j]].pub;
        sim[i * m + j] = sim[j * m + i] = dot_dense(ti, items + b->item, b->count);
      }
      for (j = a->item; j < a->item + a->count; j++) ti[items[j].id].dense = 0;
    }
  }
  pagerank(sim, m, opts->damping, c, deg, next);

  /* the lede weight, from the budget in sentences */
  if (opts->sentences) {
    k = (double)opts->sentences;
  } else if (opts->words || opts->chars) {
    double words = 0, chars = 0, kw = HUGE_VAL, kc = HUGE_VAL;
    for (i = 0; i < m; i++) {
      words += (double)recs[cand_rec[i]].pub.words;
      chars += (double)recs[cand_rec[i]].pub.chars + 1;
    }
    if (opts->words && words > 0) kw = (double)opts->words / (words / (double)m);
    if (opts->chars && chars > 0) kc = (double)opts->chars / (chars / (double)m);
    k = kw < kc ? kw : kc;
    if (k < 1) k = 1;
  } else {
    k = (double)m;
  }
  if (opts->mode == NN_SUMMARY_LEDE) g = 1;
  else if (opts->mode == NN_SUMMARY_COVERAGE) g = 0;
  else {
    double gk = clamp01(4.0 - k), gr = clamp01((0.40 - k / (double)m) / 0.10);
    g = gk > gr ? gk : gr;
  }
  z->g = g;
  for (i = 0; i < m; i++) {
    double score = c[i] * pow(1.0 + (double)i, -opts->lead * g);
    recs[cand_rec[i]].pub.score = score;
    order[i].score = score;
    order[i].cand = i;
  }
  nn_sort(order, m, sizeof *order, cmp_ranked);

  /* selection: by score, without near repeats, within the budgets */
  theta = THETA_LEDE + (THETA_COVERAGE - THETA_LEDE) * (1 - g);
  for (i = 0; i < m && !full(&bud); i++) {
    nn_summary_sentence *t = &recs[cand_rec[order[i].cand]].pub;
    int redundant = 0;
    if (!fits(&bud, t)) continue;
    for (j = 0; j < i && !redundant; j++) {
      size_t other = order[j].cand;
      if (recs[cand_rec[other]].pub.selected && sim[order[i].cand * m + other] > theta) redundant = 1;
    }
    if (!redundant) take(&bud, t);
  }
  for (i = 0; i < m && !full(&bud); i++) {
    nn_summary_sentence *t = &recs[cand_rec[order[i].cand]].pub;
    if (!t->selected && fits(&bud, t)) take(&bud, t);
  }
  return NN_OK;
}
