/* A corpus: the term statistics of an archive of articles (document
 * frequencies, collection frequencies, optional n-gram counts), built from
 * texts with the term pipeline, mergeable, and saved in a canonical,
 * versioned, checksummed file (the format is described in corpus.c and in
 * doc/corpus-format.md).
 *
 * Memory is proportional to the vocabulary (and the document ids), never to
 * the text added: documents are counted and forgotten.
 *
 * Exact merging: the model is a set of sums (per-term counts, document
 * counts), so merging shards adds them, and any split of an archive into
 * shards merged in any order gives the same model and the same saved file
 * as one build. */
#ifndef NN_CORPUS_H
#define NN_CORPUS_H

#include "nn_collocations.h"
#include "nn_core.h"
#include "nn_freqmap.h"
#include "nn_terms.h"

#define NN_CORPUS_FORMAT_VERSION 1u
#define NN_CORPUS_MAGIC "\211NNC\r\n\032\n"
#define NN_CORPUS_MAGIC_LEN 8u
#define NN_CORPUS_HEADER_LEN 24u
#define NN_CORPUS_TRAILER_LEN 4u

typedef struct nn_corpus_settings {
  char lang[NN_LANG_CODE_MAX + 1]; /* "" when each document's language is guessed */
  int stem;                        /* requires lang */
  int numbers;
  unsigned ngrams;                 /* 0, or the n-gram order (2, 3) counted for collocations */
  int stop_mode;                   /* nn_stopmode */
} nn_corpus_settings;

/* A cache of what the pipeline made of frequent raw tokens: most tokens of
 * news text are frequent words, and a hit skips folding, the stopword
 * lookup, stemming and the lookup of the term, leaving one hash of the
 * token.  Two-way set-associative (a set is one 64-byte cache line), the
 * less used slot of a set giving way.  Each language has its own
 * generation number, so the slots of other languages never match (and stay
 * for when documents in their language come back).  It grows with the vocabulary from 4096 to 131072
 * slots (128 KB to 4 MB). */
#define NN_TERMCACHE_MIN 4096u
#define NN_TERMCACHE_MAX 131072u
#define NN_TERMCACHE_KEY 20u
#define NN_TERMCACHE_NONE UINT32_MAX
#define NN_TERMCACHE_STOP 0x80u /* in len: a stopword */
#define NN_TERMCACHE_HITS 15u   /* where the hit counts saturate */

typedef struct nn_termcache_slot {
  uint32_t term;   /* id in terms, or NN_TERMCACHE_NONE (stopword, empty) */
  uint32_t word;   /* id in ngrams.words, or NN_TERMCACHE_NONE */
  uint16_t gen;    /* valid when equal to the generation of the current language */
  uint8_t len;     /* the key length, | NN_TERMCACHE_STOP */
  uint8_t hits;    /* saturating at NN_TERMCACHE_HITS: how much the slot is used */
  char key[NN_TERMCACHE_KEY];
} nn_termcache_slot;

typedef struct nn_corpus {
  const nn_allocator *alloc;
  nn_corpus_settings set;
  nn_strmap stopwords;  /* extra or replacing stopwords, folded */
  uint64_t docs;
  nn_freqmap terms;     /* count = collection frequency; df */
  nn_freqmap ids;       /* document ids */
  nn_freqmap langs;     /* documents per language */
  nn_ngrams ngrams;     /* when set.ngrams */
  int broken;           /* an operation failed half-way: counts are partial */
  /* Not part of the model: */
  nn_termcache_slot *cache;             /* allocated on first use, 64-byte aligned */
  void *cache_mem;                      /* the allocation */
  size_t cache_slots;                   /* a power of two */
  uint16_t cache_gen;                   /* the generation of the current language */
  uint16_t cache_next_gen;              /* the last generation handed out */
  size_t cache_nlangs;
  struct {
    char code[NN_LANG_CODE_MAX + 1];
    uint16_t gen;
  } cache_langs[16];                    /* the generation of each language seen */
  nn_buf scratch;                       /* words read ahead for a language guess */
  nn_pipeline pipe;                     /* kept from one document to the next (res NULL: none) */
} nn_corpus;

/* Checks the settings and starts an empty corpus (NN_EARG when stem is
 * asked without a language or ngrams is not 0, 2 or 3). */
int nn_corpus_init(nn_corpus *c, const nn_allocator *a, const nn_corpus_settings *set);
void nn_corpus_free(nn_corpus *c);

/* Adds a folded stopword (before any document). */
int nn_corpus_add_stopword(nn_corpus *c, const char *w, size_t n);

/* The pipeline options of the corpus for a document in language lang. */
void nn_corpus_termopts(const nn_corpus *c, const char *lang, nn_termopts *o);

/* Adds a document.  id (may be NULL) must be new: NN_EDUPLICATE otherwise.
 * used receives the language used. */
int nn_corpus_add(nn_corpus *c, nn_termres *res, const char *s, size_t n, const char *id,
                  size_t idlen, nn_langguess *used);

/* Counts the terms of a text with the corpus pipeline into out (cleared);
 * scratch is working memory. */
int nn_corpus_count(const nn_corpus *c, nn_termres *res, const char *s, size_t n,
                    nn_buf *scratch, nn_freqmap *out, nn_langguess *used);

/* The term of a single word under the corpus pipeline (folded, stripped,
 * stemmed) in scratch; *is_stop when it is a stopword. */
int nn_corpus_term(const nn_corpus *c, nn_termres *res, const char *w, size_t n, nn_buf *scratch,
                   int *is_stop);

/* Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, with N
 * the number of documents; positive, and defined for unseen terms. */
double nn_corpus_idf(const nn_corpus *c, uint64_t df);

/* Adds src to dst.  NN_EMISMATCH when their settings differ, NN_EDUPLICATE
 * when they share a document id; dst is unchanged then. */
int nn_corpus_merge(nn_corpus *dst, const nn_corpus *src);

/* Appends the file image of the corpus to out. */
int nn_corpus_save(const nn_corpus *c, nn_buf *out);

/* Reads a file image into c (initialised here; freed on failure).  Returns
 * NN_OK, NN_EFORMAT, NN_EVERSION, NN_ETRUNCATED, NN_ECHECKSUM or NN_ENOMEM. */
int nn_corpus_load(nn_corpus *c, const nn_allocator *a, const char *data, size_t n);

/* The bytes of memory the corpus holds: its maps, counts, n-gram tables,
 * token cache and working buffers. */
size_t nn_corpus_memory(const nn_corpus *c);

/* A 64-bit digest of the model (FNV-1a of its canonical body): equal for
 * equal models, whatever order they were built in. */
int nn_corpus_digest(const nn_corpus *c, uint64_t *digest);

/* Ranked terms of a text against the corpus. */
typedef struct nn_scored_term {
  uint32_t id;    /* in the text's frequency map */
  double score;
  double aux;     /* tf-idf: idf; keyness: log2 ratio of relative frequencies */
} nn_scored_term;

/* tf-idf of each term of text: tf * idf, or (1 + ln tf) * idf when sublinear.
 * Best first, ties by term; *out from the corpus allocator (free with
 * nn_free(a, *out, *count * sizeof **out)). */
int nn_corpus_tfidf(const nn_corpus *c, const nn_freqmap *text, int sublinear, size_t top,
                    nn_scored_term **out, size_t *count);

/* Terms over-represented in text against the corpus, by Dunning's G2,
 * keeping those with G2 >= min_llr.  Best first. */
int nn_corpus_keyness(const nn_corpus *c, const nn_freqmap *text, double min_llr, size_t top,
                      nn_scored_term **out, size_t *count);

/* Okapi BM25 of query terms against a document's term counts, with the
 * corpus for idf and the average document length. */
double nn_corpus_bm25(const nn_corpus *c, const nn_freqmap *query, const nn_freqmap *doc,
                      double k1, double b);

#endif
