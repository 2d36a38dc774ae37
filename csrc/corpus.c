/* Corpus statistics, merging and the corpus file format; see nn_corpus.h.
 *
 * File format, version 1 (all integers little-endian):
 *
 *   offset  size  field
 *   0       8     magic: 0x89 'N' 'N' 'C' '\r' '\n' 0x1A '\n'
 *   8       4     format version (1)
 *   12      4     flags, reserved: 0
 *   16      8     body length L
 *   24      L     body
 *   24+L    4     CRC-32 (ISO-HDLC, as zlib) of bytes 0 .. 24+L-1
 *
 * The body is a sequence of unsigned LEB128 varints and strings.  A string
 * list is a varint count followed by the strings in strictly increasing
 * bytewise order, each front-coded against the one before: varint shared
 * prefix length, varint suffix length, suffix bytes.
 *
 *   settings   string lang ("" = guessed per document), varint stem,
 *              varint numbers, varint n-gram order, varint stopword mode,
 *              string list: the extra or replacing stopwords
 *   docs       varint number of documents
 *   languages  string list of codes, each followed by varint documents
 *   ids        string list of document ids
 *   terms      string list, each followed by varint collection frequency
 *              and varint document frequency
 *   n-grams    only when the order is not 0: three string lists, each
 *              string followed by a varint count: words, candidates, inner
 *              bigrams (see nn_collocations.h)
 *
 * Everything is sorted and nothing depends on insertion order, so equal
 * models give byte-identical files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn_checksum.h"
#include "nn_corpus.h"
#include "nn_utf8.h"

int nn_corpus_init(nn_corpus *c, const nn_allocator *a, const nn_corpus_settings *set)
{
  size_t n = strlen(set->lang);
  if (n && !nn_language_code_valid(set->lang, n)) return NN_EARG;
  if (set->stem && n == 0) return NN_EARG;
  if (set->ngrams != 0 && set->ngrams != 2 && set->ngrams != 3) return NN_EARG;
  if (set->stop_mode < NN_STOP_BUILTIN || set->stop_mode > NN_STOP_NONE) return NN_EARG;
  c->alloc = a;
  c->set = *set;
  c->set.stem = set->stem != 0;
  c->set.numbers = set->numbers != 0;
  nn_strmap_init(&c->stopwords, a);
  c->docs = 0;
  nn_freqmap_init(&c->terms, a, 1);
  nn_freqmap_init(&c->ids, a, 0);
  nn_freqmap_init(&c->langs, a, 0);
  nn_ngrams_init(&c->ngrams, a, set->ngrams ? set->ngrams : 2);
  c->broken = 0;
  c->cache = NULL;
  c->cache_mem = NULL;
  c->cache_slots = 0;
  c->cache_gen = 0;
  c->cache_next_gen = 0;
  c->cache_nlangs = 0;
  nn_buf_init(&c->scratch, a);
  c->pipe.res = NULL;
  return NN_OK;
}

void nn_corpus_free(nn_corpus *c)
{
  nn_strmap_free(&c->stopwords);
  nn_freqmap_free(&c->terms);
  nn_freqmap_free(&c->ids);
  nn_freqmap_free(&c->langs);
  nn_ngrams_free(&c->ngrams);
  if (c->cache_mem) nn_free(c->alloc, c->cache_mem, (c->cache_slots + 2) * sizeof *c->cache);
  c->cache = NULL;
  c->cache_mem = NULL;
  c->cache_slots = 0;
  nn_buf_free(&c->scratch);
  if (c->pipe.res) nn_pipeline_free(&c->pipe);
  c->docs = 0;
}

int nn_corpus_add_stopword(nn_corpus *c, const char *w, size_t n)
{
  uint32_t id;
  int rc = nn_strmap_intern(&c->stopwords, w, n, &id);
  return rc < 0 ? rc : NN_OK;
}

void nn_corpus_termopts(const nn_corpus *c, const char *lang, nn_termopts *o)
{
  o->lang = lang;
  o->stem = c->set.stem;
  o->numbers = c->set.numbers;
  o->gaps = c->set.ngrams != 0;
  o->stop_mode = c->set.stop_mode;
  o->extra = &c->stopwords;
}

/* ---- adding documents ---------------------------------------------------------------- */

/* Counts a word whose term and n-gram word ids are known. */
static int count_ids(nn_corpus *c, uint32_t term, uint32_t word, int stop, int gap)
{
  int rc;
  if (c->set.ngrams) {
    if (gap || word == NN_TERMCACHE_NONE) nn_ngrams_gap(&c->ngrams);
    if (word != NN_TERMCACHE_NONE && (rc = nn_ngrams_word_id(&c->ngrams, word, stop)) != NN_OK)
      return rc;
  }
  return term == NN_TERMCACHE_NONE ? NN_OK : nn_freqmap_add_id(&c->terms, term);
}

/* Loads for short keys: fixed-size copies compile to single moves. */
static uint64_t load64(const char *s)
{
  uint64_t v;
  memcpy(&v, s, 8);
  return v;
}

static uint64_t load32(const char *s)
{
  uint32_t v;
  memcpy(&v, s, 4);
  return v;
}

/* Two words that together cover every byte of s[0..n) (n <= 20): equal
 * lengths and equal words mean equal keys.  Reads only inside s. */
static inline void cover(const char *s, size_t n, uint64_t w[3])
{
  unsigned char c[3];
  w[2] = 0;
  if (n >= 8) {
    w[0] = load64(s);
    w[1] = load64(s + n - 8);
    if (n > 16) w[2] = load64(s + 8);
  } else if (n >= 4) {
    w[0] = load32(s);
    w[1] = load32(s + n - 4);
  } else {
    c[0] = (unsigned char)s[0];
    c[1] = (unsigned char)s[n / 2];
    c[2] = (unsigned char)s[n - 1];
    w[0] = (uint64_t)c[0] | (uint64_t)c[1] << 8 | (uint64_t)c[2] << 16;
    w[1] = 0;
  }
}

/* The hash of a token: a multiply-xorshift mix of its cover words; its low
 * bits choose the token's set. */
static inline uint64_t cache_hash(const uint64_t w[3], size_t n)
{
  uint64_t h = (w[0] ^ 0x9E3779B97F4A7C15ULL) * 0xD6E8FEB86659FD93ULL;
  h ^= (w[1] + n) * 0xA0761D6478BD642FULL;
  h ^= w[2] * 0xE7037ED1A0B428DBULL;
  h ^= h >> 32;
  h *= 0x8EBC6AF09C88C6E3ULL;
  h ^= h >> 29;
  return h;
}



/* Counts a word the cache does not know, and caches it in the less used
 * slot of its set (if any). */
static int add_new_word(nn_corpus *c, nn_pipeline *p, nn_word *w, nn_termcache_slot *set)
{
  uint32_t term = NN_TERMCACHE_NONE, word = NN_TERMCACHE_NONE;
  int rc;
  if ((rc = nn_pipeline_word(p, w)) != NN_OK) return rc;
  /* Intern without counting; count_ids counts, as for a cache hit. */
  if (!w->stop && w->term_len > 0 &&
      (rc = nn_freqmap_add(&c->terms, w->term, w->term_len, 0, &term)) != NN_OK)
    return rc;
  if (c->set.ngrams && w->folded_len > 0 &&
      (rc = nn_freqmap_add(&c->ngrams.words, w->folded, w->folded_len, 0, &word)) != NN_OK)
    return rc;
  if (set) {
    nn_termcache_slot *victim, *other;
    if (set[0].gen != c->cache_gen) victim = &set[0];
    else if (set[1].gen != c->cache_gen) victim = &set[1];
    else victim = set[0].hits <= set[1].hits ? &set[0] : &set[1];
    /* The other slot ages, so that a word used long ago gives way in time. */
    other = victim == &set[0] ? &set[1] : &set[0];
    other->hits = (uint8_t)(other->hits >> 1);
    victim->term = term;
    victim->word = word;
    victim->gen = c->cache_gen;
    victim->len = (uint8_t)(w->raw_len | (w->stop ? NN_TERMCACHE_STOP : 0));
    victim->hits = 0;
    memcpy(victim->key, w->raw, w->raw_len);
  }
  return count_ids(c, term, word, w->stop, w->gap);
}

/* The slot of set that holds the token with cover words cw, or NULL. */
static inline nn_termcache_slot *cache_find(const nn_corpus *c, nn_termcache_slot *set,
                                            const uint64_t cw[3], size_t n)
{
  int k;
  for (k = 0; k < 2; k++) {
    nn_termcache_slot *sl = &set[k];
    uint64_t sw[3];
    if (sl->gen != c->cache_gen || (sl->len & ~NN_TERMCACHE_STOP) != n) continue;
    cover(sl->key, n, sw);
    if (sw[0] == cw[0] && sw[1] == cw[1] && sw[2] == cw[2]) return sl;
  }
  return NULL;
}

static int cache_for(nn_corpus *c, const char *lang);

/* Counts a batch of words of a document: first the cache sets of the whole
 * batch are computed and fetched, then the counters of the hits, and only
 * then does the counting run, in text order.  Waiting on memory one token
 * after another is what costs most otherwise. */
static int add_batch(void *ud, nn_pipeline *p, nn_word *batch, size_t k)
{
  nn_corpus *c = ud;
  nn_termcache_slot *set[NN_WORD_BATCH];
  uint64_t cw[NN_WORD_BATCH][3];
  uint32_t term[NN_WORD_BATCH], word[NN_WORD_BATCH];
  uint8_t stop[NN_WORD_BATCH], hit[NN_WORD_BATCH];
  size_t i, mask;
  int rc;
  if ((rc = cache_for(c, p->lang)) != NN_OK) return rc;
  mask = (c->cache_slots - 1) & ~(size_t)1;
  for (i = 0; i < k; i++) {
    set[i] = NULL;
    if (batch[i].raw_len > NN_TERMCACHE_KEY) continue;
    cover(batch[i].raw, batch[i].raw_len, cw[i]);
    set[i] = &c->cache[(size_t)cache_hash(cw[i], batch[i].raw_len) & mask];
    NN_PREFETCH(set[i]);
  }
  for (i = 0; i < k; i++) {
    nn_termcache_slot *sl;
    hit[i] = 0;
    if (!set[i] || !(sl = cache_find(c, set[i], cw[i], batch[i].raw_len))) continue;
    /* Copied now: a miss earlier in the batch may take the slot. */
    hit[i] = 1;
    term[i] = sl->term;
    word[i] = sl->word;
    stop[i] = (sl->len & NN_TERMCACHE_STOP) != 0;
    /* Saturating early keeps the slots of frequent words clean. */
    if (sl->hits < NN_TERMCACHE_HITS) sl->hits++;
    if (term[i] != NN_TERMCACHE_NONE) NN_PREFETCH(&c->terms.rec[term[i]]);
  }
  if (!c->set.ngrams) {
    /* The common case, without n-grams: hits only touch their counts. */
    for (i = 0; i < k; i++) {
      if (!hit[i]) rc = add_new_word(c, p, &batch[i], set[i]);
      else if (term[i] != NN_TERMCACHE_NONE) rc = nn_freqmap_add_id(&c->terms, term[i]);
      if (rc != NN_OK) return rc;
    }
    return NN_OK;
  }
  for (i = 0; i < k; i++) {
    rc = hit[i] ? count_ids(c, term[i], word[i], stop[i], batch[i].gap)
                : add_new_word(c, p, &batch[i], set[i]);
    if (rc != NN_OK) return rc;
  }
  return NN_OK;
}

/* Readies the token cache for documents in language lang, growing it with
 * the vocabulary. */
static int cache_for(nn_corpus *c, const char *lang)
{
  size_t want = c->cache_slots ? c->cache_slots : NN_TERMCACHE_MIN;
  while (want < NN_TERMCACHE_MAX && want < 2 * c->terms.map.count) want *= 2;
  if (want > NN_TERMCACHE_MAX) want = NN_TERMCACHE_MAX;
  size_t i;
  if (!c->cache || want != c->cache_slots) {
    /* Two spare slots to align the sets on 64-byte lines. */
    size_t bytes = (want + 2) * sizeof *c->cache;
    void *mem = nn_alloc(c->alloc, bytes);
    if (!mem) {
      if (!c->cache) return NN_ENOMEM;
    } else {
      nn_termcache_slot *fresh = (nn_termcache_slot *)(((uintptr_t)mem + 63u) & ~(uintptr_t)63u);
      memset(mem, 0, bytes);
      if (c->cache) {
        /* Move the cached words over: dropping them would cost a miss each. */
        size_t mask = (want - 1) & ~(size_t)1;
        for (i = 0; i < c->cache_slots; i++) {
          const nn_termcache_slot *old = &c->cache[i];
          uint64_t cw[3];
          nn_termcache_slot *set;
          if (old->gen == 0) continue;
          cover(old->key, old->len & ~NN_TERMCACHE_STOP, cw);
          set = &fresh[(size_t)cache_hash(cw, old->len & ~NN_TERMCACHE_STOP) & mask];
          if (set[0].gen == 0) set[0] = *old;
          else if (set[1].gen == 0) set[1] = *old;
        }
        nn_free(c->alloc, c->cache_mem, (c->cache_slots + 2) * sizeof *c->cache);
      }
      c->cache_mem = mem;
      c->cache = fresh;
      c->cache_slots = want;
    }
  }
  for (i = 0; i < c->cache_nlangs; i++)
    if (strcmp(c->cache_langs[i].code, lang) == 0) {
      c->cache_gen = c->cache_langs[i].gen;
      return NN_OK;
    }
  /* A language not seen yet gets a new generation; when the table is full or
   * the generations wrap, every slot is emptied and numbering starts over. */
  if (c->cache_nlangs == sizeof c->cache_langs / sizeof c->cache_langs[0] ||
      c->cache_next_gen == UINT16_MAX) {
    memset(c->cache, 0, c->cache_slots * sizeof *c->cache);
    c->cache_next_gen = 0;
    c->cache_nlangs = 0;
  }
  i = c->cache_nlangs++;
  memcpy(c->cache_langs[i].code, lang, sizeof c->cache_langs[i].code);
  c->cache_langs[i].gen = ++c->cache_next_gen;
  c->cache_gen = c->cache_langs[i].gen;
  return NN_OK;
}

int nn_corpus_add(nn_corpus *c, nn_termres *res, const char *s, size_t n, const char *id,
                  size_t idlen, nn_langguess *used)
{
  nn_termopts o;
  int rc;
  if (c->broken) return NN_EARG;
  if (id && nn_strmap_find(&c->ids.map, id, idlen) >= 0) return NN_EDUPLICATE;
  if (c->docs == UINT64_MAX) return NN_ETOOBIG;
  nn_corpus_termopts(c, c->set.lang[0] ? c->set.lang : NULL, &o);
  /* From here on a failure leaves partial counts. */
  c->docs++;
  nn_freqmap_next_document(&c->terms);
  nn_ngrams_gap(&c->ngrams);
  /* The kept pipeline belongs to one nn_termres. */
  if (c->pipe.res && c->pipe.res != res) nn_pipeline_free(&c->pipe);
  rc = nn_terms_process_keep(res, &o, s, n, &c->scratch, &c->pipe, add_batch, c, used);
  if (rc == NN_OK && id) rc = nn_freqmap_add(&c->ids, id, idlen, 1, NULL);
  if (rc == NN_OK) rc = nn_freqmap_add(&c->langs, used->code, strlen(used->code), 1, NULL);
  if (rc != NN_OK) c->broken = 1;
  return rc;
}

int nn_corpus_count(const nn_corpus *c, nn_termres *res, const char *s, size_t n,
                    nn_buf *scratch, nn_freqmap *out, nn_langguess *used)
{
  nn_termopts o;
  nn_freqmap_clear(out);
  nn_corpus_termopts(c, c->set.lang[0] ? c->set.lang : NULL, &o);
  return nn_terms_count(res, &o, s, n, scratch, out, used);
}

int nn_corpus_term(const nn_corpus *c, nn_termres *res, const char *w, size_t n, nn_buf *scratch,
                   int *is_stop)
{
  nn_termopts o;
  nn_pipeline p;
  nn_word word;
  int rc;
  scratch->len = 0;
  nn_corpus_termopts(c, c->set.lang[0] ? c->set.lang : NN_LANG_UNDETERMINED, &o);
  if ((rc = nn_pipeline_init(&p, res, &o)) != NN_OK) return rc;
  word.raw = w;
  word.raw_len = n;
  rc = nn_pipeline_word(&p, &word);
  if (rc == NN_OK) {
    *is_stop = word.stop;
    rc = nn_buf_append(scratch, word.term, word.term_len);
  }
  nn_pipeline_free(&p);
  return rc;
}

/* ---- statistics ---------------------------------------------------------------------- */

double nn_corpus_idf(const nn_corpus *c, uint64_t df)
{
  return log(((double)c->docs + 1.0) / ((double)df + 1.0)) + 1.0;
}

typedef struct score_rec {
  nn_scored_term t;
  const char *key;
  size_t len;
} score_rec;

static int compare_score(const void *pa, const void *pb)
{
  const score_rec *a = pa, *b = pb;
  int c;
  if (a->t.score != b->t.score) return a->t.score > b->t.score ? -1 : 1;
  c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
  if (c != 0) return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Sorts recs[0..kept) and hands back the best `top` (0: all). */
static int finish_ranking(const nn_allocator *a, score_rec *recs, size_t recs_len, size_t kept,
                          size_t top, nn_scored_term **out, size_t *count)
{
  nn_scored_term *res = NULL;
  size_t i;
  nn_sort(recs, kept, sizeof *recs, compare_score);
  if (top && kept > top) kept = top;
  if (kept) {
    res = nn_alloc(a, kept * sizeof *res);
    if (!res) {
      nn_free(a, recs, recs_len * sizeof *recs);
      return NN_ENOMEM;
    }
    for (i = 0; i < kept; i++) res[i] = recs[i].t;
  }
  nn_free(a, recs, recs_len * sizeof *recs);
  *out = res;
  *count = kept;
  return NN_OK;
}

static int alloc_recs(const nn_allocator *a, size_t n, score_rec **recs)
{
  size_t bytes;
  *recs = NULL;
  if (n == 0) return NN_OK;
  if (nn_mul_overflows(n, sizeof **recs, &bytes)) return NN_ETOOBIG;
  *recs = nn_alloc(a, bytes);
  return *recs ? NN_OK : NN_ENOMEM;
}

int nn_corpus_tfidf(const nn_corpus *c, const nn_freqmap *text, int sublinear, size_t top,
                    nn_scored_term **out, size_t *count)
{
  size_t n = text->map.count, i;
  score_rec *recs;
  int rc;
  *out = NULL;
  *count = 0;
  if ((rc = alloc_recs(c->alloc, n, &recs)) != NN_OK || n == 0) return rc;
  for (i = 0; i < n; i++) {
    size_t len;
    const char *key = nn_strmap_key(&text->map, (uint32_t)i, &len);
    uint64_t df;
    double tf = (double)text->rec[i].count, idf;
    nn_freqmap_get(&c->terms, key, len, &df);
    idf = nn_corpus_idf(c, df);
    recs[i].t.id = (uint32_t)i;
    recs[i].t.score = (sublinear ? 1.0 + log(tf) : tf) * idf;
    recs[i].t.aux = idf;
    recs[i].key = key;
    recs[i].len = len;
  }
  return finish_ranking(c->alloc, recs, n, n, top, out, count);
}

int nn_corpus_keyness(const nn_corpus *c, const nn_freqmap *text, double min_llr, size_t top,
                      nn_scored_term **out, size_t *count)
{
  size_t n = text->map.count, i, kept = 0;
  double ct = (double)text->total, d = (double)c->terms.total;
  score_rec *recs;
  int rc;
  *out = NULL;
  *count = 0;
  if ((rc = alloc_recs(c->alloc, n, &recs)) != NN_OK || n == 0) return rc;
  for (i = 0; i < n; i++) {
    size_t len;
    const char *key = nn_strmap_key(&text->map, (uint32_t)i, &len);
    double a = (double)text->rec[i].count;
    double b = (double)nn_freqmap_get(&c->terms, key, len, NULL);
    double e1, e2, g2;
    /* Over-represented only: a / ct > b / d. */
    if (!(a * d > b * ct)) continue;
    e1 = ct * (a + b) / (ct + d);
    e2 = d * (a + b) / (ct + d);
    g2 = 2.0 * ((a > 0 ? a * log(a / e1) : 0) + (b > 0 ? b * log(b / e2) : 0));
    if (g2 < min_llr) continue;
    recs[kept].t.id = (uint32_t)i;
    recs[kept].t.score = g2;
    /* Log ratio (effect size); a term absent from the corpus counts as half an occurrence. */
    recs[kept].t.aux = log2((a / ct) / ((b > 0 ? b : 0.5) / d));
    recs[kept].key = key;
    recs[kept].len = len;
    kept++;
  }
  return finish_ranking(c->alloc, recs, n, kept, top, out, count);
}

double nn_corpus_bm25(const nn_corpus *c, const nn_freqmap *query, const nn_freqmap *doc,
                      double k1, double b)
{
  double dl = (double)doc->total, avgdl, score = 0, N = (double)c->docs;
  size_t i;
  avgdl = c->docs ? (double)c->terms.total / N : dl;
  if (avgdl <= 0) avgdl = 1;
  for (i = 0; i < query->map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&query->map, (uint32_t)i, &len);
    uint64_t df;
    double tf = (double)nn_freqmap_get(doc, key, len, NULL), idf;
    if (tf <= 0) continue;
    nn_freqmap_get(&c->terms, key, len, &df);
    idf = log(1.0 + (N - (double)df + 0.5) / ((double)df + 0.5));
    score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl));
  }
  return score;
}

/* ---- memory -------------------------------------------------------------------------- */

static size_t strmap_memory(const nn_strmap *m)
{
  return m->slot_count * sizeof *m->slots + m->entry_cap * sizeof *m->entries + m->keys.cap;
}

static size_t freqmap_memory(const nn_freqmap *f)
{
  return strmap_memory(&f->map) + f->cap * sizeof *f->rec;
}

size_t nn_corpus_memory(const nn_corpus *c)
{
  size_t n = sizeof *c + strmap_memory(&c->stopwords) + freqmap_memory(&c->terms) +
             freqmap_memory(&c->ids) + freqmap_memory(&c->langs) +
             freqmap_memory(&c->ngrams.words) + c->ngrams.grams.cap * sizeof(nn_gram) +
             c->ngrams.inner.cap * sizeof(nn_gram) + c->scratch.cap;
  if (c->cache_mem) n += (c->cache_slots + 2) * sizeof *c->cache;
  if (c->pipe.res) n += c->pipe.fold.cap;
  return n;
}

/* ---- merging ------------------------------------------------------------------------- */

static int same_settings(const nn_corpus *a, const nn_corpus *b)
{
  size_t i;
  if (strcmp(a->set.lang, b->set.lang) != 0 || a->set.stem != b->set.stem ||
      a->set.numbers != b->set.numbers || a->set.ngrams != b->set.ngrams ||
      a->set.stop_mode != b->set.stop_mode || a->stopwords.count != b->stopwords.count)
    return 0;
  for (i = 0; i < a->stopwords.count; i++) {
    size_t len;
    const char *w = nn_strmap_key(&a->stopwords, (uint32_t)i, &len);
    if (nn_strmap_find(&b->stopwords, w, len) < 0) return 0;
  }
  return 1;
}

static int merge_freqs(nn_freqmap *dst, const nn_freqmap *src)
{
  size_t i;
  int rc;
  for (i = 0; i < src->map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&src->map, (uint32_t)i, &len);
    rc = nn_freqmap_add_stats(dst, key, len, src->rec[i].count, src->rec[i].df, NULL);
    if (rc != NN_OK) return rc;
  }
  return NN_OK;
}

/* Adds the n-grams of src to dst: words by text, n-grams through a table
 * from src word ids to dst word ids. */
static int merge_gramtab(nn_gramtab *dst, const nn_gramtab *src, const uint32_t *to_dst)
{
  size_t i;
  int rc;
  for (i = 0; i < src->cap; i++) {
    const nn_gram *g = &src->slots[i];
    uint32_t w[3];
    if (!g->used) continue;
    w[0] = to_dst[g->w[0]];
    w[1] = to_dst[g->w[1]];
    w[2] = g->w[2] == NN_GRAM_NONE ? NN_GRAM_NONE : to_dst[g->w[2]];
    if ((rc = nn_gramtab_add(dst, w, g->count)) != NN_OK) return rc;
  }
  return NN_OK;
}

static int merge_ngrams(nn_ngrams *dst, const nn_ngrams *src)
{
  const nn_allocator *a = dst->words.map.alloc;
  size_t n = src->words.map.count, i, bytes;
  uint32_t *to_dst;
  int rc;
  if (nn_mul_overflows(n, sizeof *to_dst, &bytes)) return NN_ETOOBIG;
  if (n == 0) return NN_OK;
  if (!(to_dst = nn_alloc(a, bytes))) return NN_ENOMEM;
  for (i = 0, rc = NN_OK; i < n && rc == NN_OK; i++) {
    size_t len;
    const char *key = nn_strmap_key(&src->words.map, (uint32_t)i, &len);
    rc = nn_freqmap_add_stats(&dst->words, key, len, src->words.rec[i].count, 0, &to_dst[i]);
  }
  if (rc == NN_OK) rc = merge_gramtab(&dst->grams, &src->grams, to_dst);
  if (rc == NN_OK) rc = merge_gramtab(&dst->inner, &src->inner, to_dst);
  nn_free(a, to_dst, bytes);
  return rc;
}

int nn_corpus_merge(nn_corpus *dst, const nn_corpus *src)
{
  size_t i;
  int rc;
  if (dst->broken || src->broken) return NN_EARG;
  if (dst == src) return NN_EDUPLICATE;
  if (!same_settings(dst, src)) return NN_EMISMATCH;
  for (i = 0; i < src->ids.map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&src->ids.map, (uint32_t)i, &len);
    if (nn_strmap_find(&dst->ids.map, key, len) >= 0) return NN_EDUPLICATE;
  }
  if (dst->docs + src->docs < dst->docs) return NN_ETOOBIG;
  if ((rc = merge_freqs(&dst->terms, &src->terms)) != NN_OK ||
      (rc = merge_freqs(&dst->ids, &src->ids)) != NN_OK ||
      (rc = merge_freqs(&dst->langs, &src->langs)) != NN_OK) {
    dst->broken = 1;
    return rc;
  }
  if (dst->set.ngrams && (rc = merge_ngrams(&dst->ngrams, &src->ngrams)) != NN_OK) {
    dst->broken = 1;
    return rc;
  }
  dst->docs += src->docs;
  /* Document frequencies of the next document start afresh. */
  nn_freqmap_next_document(&dst->terms);
  return NN_OK;
}

/* ---- writing ------------------------------------------------------------------------- */

static int put_varint(nn_buf *b, uint64_t v)
{
  unsigned char tmp[10];
  size_t n = 0;
  do {
    unsigned char byte = (unsigned char)(v & 0x7F);
    v >>= 7;
    tmp[n++] = (unsigned char)(byte | (v ? 0x80 : 0));
  } while (v);
  return nn_buf_append(b, (const char *)tmp, n);
}

static int put_le(nn_buf *b, uint64_t v, size_t bytes)
{
  unsigned char tmp[8];
  size_t i;
  for (i = 0; i < bytes; i++) tmp[i] = (unsigned char)(v >> (8 * i));
  return nn_buf_append(b, (const char *)tmp, bytes);
}

static int put_string(nn_buf *b, const char *s, size_t n)
{
  int rc = put_varint(b, n);
  return rc != NN_OK ? rc : nn_buf_append(b, s, n);
}

/* Which counts follow each string of a list. */
enum { WITH_NOTHING, WITH_COUNT, WITH_COUNT_DF };

/* Writes key front-coded against prev (the string before it in a list). */
static int put_front_coded(nn_buf *b, const char *prev, size_t plen, const char *key, size_t len)
{
  size_t shared = 0;
  int rc;
  while (shared < len && shared < plen && key[shared] == prev[shared]) shared++;
  if ((rc = put_varint(b, shared)) != NN_OK || (rc = put_varint(b, len - shared)) != NN_OK)
    return rc;
  return nn_buf_append(b, key + shared, len - shared);
}

/* Writes the keys of a map in sorted order, front-coded, each followed by
 * the counts that `with` names. */
static int put_list(nn_buf *b, const nn_strmap *map, const nn_freqmap *counts, int with)
{
  const nn_allocator *a = map->alloc;
  uint32_t *ids = NULL;
  size_t i, plen = 0, n = map->count;
  const char *prev = "";
  int rc;
  if ((rc = nn_sorted_ids(map, &ids)) != NN_OK) return rc;
  rc = put_varint(b, n);
  for (i = 0; i < n && rc == NN_OK; i++) {
    size_t len;
    const char *key = nn_strmap_key(map, ids[i], &len);
    if ((rc = put_front_coded(b, prev, plen, key, len)) != NN_OK) break;
    if (with >= WITH_COUNT) rc = put_varint(b, counts->rec[ids[i]].count);
    if (rc == NN_OK && with == WITH_COUNT_DF) rc = put_varint(b, counts->rec[ids[i]].df);
    prev = key;
    plen = len;
  }
  nn_free(a, ids, n * sizeof *ids);
  return rc;
}

/* Writes the n-grams of a table as a list of texts with counts. */
static int put_grams(nn_buf *b, const nn_ngrams *g, const nn_gramtab *t)
{
  const nn_allocator *a = t->alloc;
  nn_buf blob;
  nn_gramref *refs;
  size_t i, n = t->count;
  int rc;
  nn_buf_init(&blob, a);
  if ((rc = nn_ngrams_sorted(g, t, &blob, &refs)) != NN_OK) {
    nn_buf_free(&blob);
    return rc;
  }
  rc = put_varint(b, n);
  for (i = 0; i < n && rc == NN_OK; i++) {
    const char *prev = i ? blob.data + refs[i - 1].offset : "";
    size_t plen = i ? refs[i - 1].len : 0;
    rc = put_front_coded(b, prev, plen, blob.data + refs[i].offset, refs[i].len);
    if (rc == NN_OK) rc = put_varint(b, refs[i].count);
  }
  nn_free(a, refs, n * sizeof *refs);
  nn_buf_free(&blob);
  return rc;
}

static int write_body(const nn_corpus *c, nn_buf *b)
{
  int rc;
  if ((rc = put_string(b, c->set.lang, strlen(c->set.lang))) != NN_OK ||
      (rc = put_varint(b, (uint64_t)c->set.stem)) != NN_OK ||
      (rc = put_varint(b, (uint64_t)c->set.numbers)) != NN_OK ||
      (rc = put_varint(b, c->set.ngrams)) != NN_OK ||
      (rc = put_varint(b, (uint64_t)c->set.stop_mode)) != NN_OK ||
      (rc = put_list(b, &c->stopwords, NULL, WITH_NOTHING)) != NN_OK ||
      (rc = put_varint(b, c->docs)) != NN_OK ||
      (rc = put_list(b, &c->langs.map, &c->langs, WITH_COUNT)) != NN_OK ||
      (rc = put_list(b, &c->ids.map, NULL, WITH_NOTHING)) != NN_OK ||
      (rc = put_list(b, &c->terms.map, &c->terms, WITH_COUNT_DF)) != NN_OK)
    return rc;
  if (c->set.ngrams &&
      ((rc = put_list(b, &c->ngrams.words.map, &c->ngrams.words, WITH_COUNT)) != NN_OK ||
       (rc = put_grams(b, &c->ngrams, &c->ngrams.grams)) != NN_OK ||
       (rc = put_grams(b, &c->ngrams, &c->ngrams.inner)) != NN_OK))
    return rc;
  return NN_OK;
}

int nn_corpus_save(const nn_corpus *c, nn_buf *out)
{
  size_t start = out->len, body;
  int rc;
  uint32_t crc;
  if (c->broken) return NN_EARG;
  if ((rc = nn_buf_append(out, NN_CORPUS_MAGIC, NN_CORPUS_MAGIC_LEN)) != NN_OK ||
      (rc = put_le(out, NN_CORPUS_FORMAT_VERSION, 4)) != NN_OK ||
      (rc = put_le(out, 0, 4)) != NN_OK || (rc = put_le(out, 0, 8)) != NN_OK)
    return rc;
  body = out->len;
  if ((rc = write_body(c, out)) != NN_OK) return rc;
  /* Now that its length is known, fill in the body length. */
  {
    uint64_t len = (uint64_t)(out->len - body);
    size_t i;
    for (i = 0; i < 8; i++) out->data[start + 16 + i] = (char)(unsigned char)(len >> (8 * i));
  }
  crc = nn_crc32(0, out->data + start, out->len - start);
  return put_le(out, crc, 4);
}

int nn_corpus_digest(const nn_corpus *c, uint64_t *digest)
{
  nn_buf b;
  int rc;
  if (c->broken) return NN_EARG;
  nn_buf_init(&b, c->alloc);
  rc = write_body(c, &b);
  if (rc == NN_OK) *digest = nn_fnv1a64(NN_FNV1A64_INIT, b.data, b.len);
  nn_buf_free(&b);
  return rc;
}

/* ---- reading ------------------------------------------------------------------------- */

typedef struct reader {
  const unsigned char *p;
  size_t n, at;
  nn_buf prev;    /* the previous string of the current list */
  size_t shared;  /* the prefix the last string shares with the one before */
} reader;

static int get_varint(reader *r, uint64_t *v)
{
  uint64_t x = 0;
  unsigned shift = 0;
  for (;;) {
    unsigned char byte;
    if (r->at >= r->n) return NN_EFORMAT;
    byte = r->p[r->at++];
    if (shift == 63 && (byte & 0x7E)) return NN_EFORMAT; /* beyond 64 bits */
    x |= (uint64_t)(byte & 0x7F) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
    if (shift > 63) return NN_EFORMAT;
  }
  /* One encoding per value: no superfluous zero bytes at the end. */
  if (shift > 0 && r->p[r->at - 1] == 0) return NN_EFORMAT;
  *v = x;
  return NN_OK;
}

static int get_flag(reader *r, uint64_t max, uint64_t *v)
{
  int rc = get_varint(r, v);
  if (rc == NN_OK && *v > max) return NN_EFORMAT;
  return rc;
}

static int get_string(reader *r, const char **s, size_t *len)
{
  uint64_t n;
  int rc = get_varint(r, &n);
  if (rc != NN_OK) return rc;
  if (n > r->n - r->at) return NN_EFORMAT;
  *s = (const char *)r->p + r->at;
  *len = (size_t)n;
  r->at += (size_t)n;
  return NN_OK;
}

/* Reads the next front-coded string of a list into r->prev, which holds
 * the previous one. */
static int get_list_string(reader *r, int first)
{
  uint64_t shared, suffix;
  int rc;
  if ((rc = get_varint(r, &shared)) != NN_OK || (rc = get_varint(r, &suffix)) != NN_OK) return rc;
  if (shared > r->prev.len || (first && shared != 0)) return NN_EFORMAT;
  if (suffix > r->n - r->at) return NN_EFORMAT;
  r->shared = (size_t)shared;
  r->prev.len = (size_t)shared;
  if ((rc = nn_buf_append(&r->prev, (const char *)r->p + r->at, (size_t)suffix)) != NN_OK)
    return rc;
  r->at += (size_t)suffix;
  return NN_OK;
}

/* Reads a string list, checking that it is strictly increasing (so sorted
 * and without duplicates: the canonical form), and calls item for each. */
static int read_list(reader *r, nn_buf *last, int (*item)(void *, reader *, const char *, size_t),
                     void *ud)
{
  uint64_t count, k;
  int rc;
  if ((rc = get_varint(r, &count)) != NN_OK) return rc;
  if (count > r->n - r->at) return NN_EFORMAT; /* each item takes at least one byte */
  last->len = 0;
  r->prev.len = 0;
  for (k = 0; k < count; k++) {
    size_t len, plen = last->len;
    if ((rc = get_list_string(r, k == 0)) != NN_OK) return rc;
    len = r->prev.len;
    if (k > 0) {
      const char *a = last->data, *b = r->prev.data;
      size_t shared = 0, m = plen < len ? plen : len;
      /* Strictly increasing, and front-coded with the longest shared prefix:
       * the one encoding of the list, so that files are canonical. */
      while (shared < m && a[shared] == b[shared]) shared++;
      if (shared == m ? plen >= len : (unsigned char)a[shared] > (unsigned char)b[shared])
        return NN_EFORMAT;
      if (shared != r->shared) return NN_EFORMAT;
    }
    last->len = 0;
    if ((rc = nn_buf_append(last, r->prev.data, len)) != NN_OK) return rc;
    if ((rc = item(ud, r, len ? r->prev.data : "", len)) != NN_OK) return rc;
  }
  return NN_OK;
}

typedef struct load_ctx {
  nn_corpus *c;
  nn_freqmap *map;
  nn_gramtab *grams;
  int with;
  uint64_t sum;  /* of counts, or of documents for languages */
} load_ctx;

/* An n-gram of known words: 2 or 3 of them among the candidates (as the
 * order allows), 2 among the inner bigrams. */
static int load_gram(void *ud, reader *r, const char *s, size_t len)
{
  load_ctx *x = ud;
  nn_ngrams *g = &x->c->ngrams;
  uint32_t w[3];
  uint64_t count;
  unsigned n;
  int rc;
  if ((rc = get_varint(r, &count)) != NN_OK) return rc;
  if (count == 0) return NN_EFORMAT;
  n = nn_ngrams_parse(g, s, len, w);
  if (n == 0 || n > g->order || (x->grams == &g->inner && (n != 2 || g->order != 3)))
    return NN_EFORMAT;
  return nn_gramtab_add(x->grams, w, count);
}

static int load_stopword(void *ud, reader *r, const char *s, size_t len)
{
  load_ctx *x = ud;
  (void)r;
  if (nn_utf8_invalid_offset(s, len) != len) return NN_EFORMAT;
  return nn_corpus_add_stopword(x->c, s, len);
}

static int load_counted(void *ud, reader *r, const char *s, size_t len)
{
  load_ctx *x = ud;
  uint64_t count = 1, df = 0;
  int rc;
  if (x->with >= WITH_COUNT && (rc = get_varint(r, &count)) != NN_OK) return rc;
  if (x->with == WITH_COUNT_DF) {
    if ((rc = get_varint(r, &df)) != NN_OK) return rc;
    /* A term occurs in at least one document, at least once in each. */
    if (df == 0 || df > count || df > x->c->docs) return NN_EFORMAT;
  }
  if (count == 0) return NN_EFORMAT;
  if (x->map == &x->c->langs && !nn_language_code_valid(s, len)) return NN_EFORMAT;
  /* N-gram words are joined by spaces, so they hold none. */
  if (x->map == &x->c->ngrams.words && (len == 0 || memchr(s, ' ', len))) return NN_EFORMAT;
  if (x->map != &x->c->ids && nn_utf8_invalid_offset(s, len) != len) return NN_EFORMAT;
  if (x->sum + count < count) return NN_EFORMAT;
  x->sum += count;
  return nn_freqmap_add_stats(x->map, s, len, count, df, NULL);
}

static int read_body(nn_corpus *c, const nn_allocator *a, reader *r)
{
  nn_corpus_settings set;
  const char *lang;
  size_t langlen;
  uint64_t stem, numbers, order, mode;
  nn_buf last;
  load_ctx x;
  int rc;
  memset(&set, 0, sizeof set);
  if ((rc = get_string(r, &lang, &langlen)) != NN_OK) return rc;
  if (langlen && !nn_language_code_valid(lang, langlen)) return NN_EFORMAT;
  memcpy(set.lang, lang, langlen);
  if ((rc = get_flag(r, 1, &stem)) != NN_OK || (rc = get_flag(r, 1, &numbers)) != NN_OK ||
      (rc = get_flag(r, 3, &order)) != NN_OK || (rc = get_flag(r, NN_STOP_NONE, &mode)) != NN_OK)
    return rc;
  set.stem = (int)stem;
  set.numbers = (int)numbers;
  set.ngrams = (unsigned)order;
  set.stop_mode = (int)mode;
  if (nn_corpus_init(c, a, &set) != NN_OK) return NN_EFORMAT;
  nn_buf_init(&last, a);
  x.c = c;
  x.sum = 0;
  rc = read_list(r, &last, load_stopword, &x);
  if (rc == NN_OK) rc = get_varint(r, &c->docs);
  if (rc == NN_OK) {
    x.map = &c->langs;
    x.with = WITH_COUNT;
    x.sum = 0;
    rc = read_list(r, &last, load_counted, &x);
    /* Every document has exactly one language. */
    if (rc == NN_OK && x.sum != c->docs) rc = NN_EFORMAT;
  }
  if (rc == NN_OK) {
    x.map = &c->ids;
    x.with = WITH_NOTHING;
    x.sum = 0;
    rc = read_list(r, &last, load_counted, &x);
    if (rc == NN_OK && x.sum > c->docs) rc = NN_EFORMAT;
  }
  if (rc == NN_OK) {
    x.map = &c->terms;
    x.with = WITH_COUNT_DF;
    x.sum = 0;
    rc = read_list(r, &last, load_counted, &x);
  }
  if (rc == NN_OK && set.ngrams) {
    x.map = &c->ngrams.words;
    x.with = WITH_COUNT;
    x.sum = 0;
    rc = read_list(r, &last, load_counted, &x);
    x.grams = &c->ngrams.grams;
    if (rc == NN_OK) rc = read_list(r, &last, load_gram, &x);
    x.grams = &c->ngrams.inner;
    if (rc == NN_OK) rc = read_list(r, &last, load_gram, &x);
  }
  nn_buf_free(&last);
  if (rc == NN_OK && r->at != r->n) rc = NN_EFORMAT;
  if (rc == NN_OK) nn_freqmap_next_document(&c->terms);
  return rc;
}

static uint64_t get_le(const unsigned char *p, size_t bytes)
{
  uint64_t v = 0;
  size_t i;
  for (i = 0; i < bytes; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

int nn_corpus_load(nn_corpus *c, const nn_allocator *a, const char *data, size_t n)
{
  const unsigned char *u = (const unsigned char *)data;
  uint64_t version, flags, body;
  reader r;
  int rc;
  memset(c, 0, sizeof *c);
  if (n < NN_CORPUS_MAGIC_LEN)
    return memcmp(data, NN_CORPUS_MAGIC, n) == 0 ? NN_ETRUNCATED : NN_EFORMAT;
  if (memcmp(data, NN_CORPUS_MAGIC, NN_CORPUS_MAGIC_LEN) != 0) return NN_EFORMAT;
  if (n < NN_CORPUS_HEADER_LEN) return NN_ETRUNCATED;
  version = get_le(u + 8, 4);
  flags = get_le(u + 12, 4);
  body = get_le(u + 16, 8);
  if (version == 0) return NN_EFORMAT;
  if (version > NN_CORPUS_FORMAT_VERSION) return NN_EVERSION;
  if (flags != 0) return NN_EFORMAT;
  if (body > n - NN_CORPUS_HEADER_LEN || n - NN_CORPUS_HEADER_LEN - body < NN_CORPUS_TRAILER_LEN)
    return NN_ETRUNCATED;
  if (n - NN_CORPUS_HEADER_LEN - body > NN_CORPUS_TRAILER_LEN) return NN_EFORMAT;
  if (nn_crc32(0, data, n - NN_CORPUS_TRAILER_LEN) != (uint32_t)get_le(u + n - 4, 4))
    return NN_ECHECKSUM;
  r.p = u + NN_CORPUS_HEADER_LEN;
  r.n = (size_t)body;
  r.at = 0;
  nn_buf_init(&r.prev, a);
  rc = read_body(c, a, &r);
  nn_buf_free(&r.prev);
  if (rc != NN_OK && c->alloc) nn_corpus_free(c);
  return rc;
}
