/* Collocations: word n-grams that occur together more often than chance,
 * ranked by Dunning's log-likelihood ratio (G2), with their pointwise mutual
 * information.
 *
 * Counting keeps, for n-grams up to `order` (2 or 3) inside stretches of
 * text without punctuation or sentence boundaries:
 *   - every word (stopwords too), case-folded and unstemmed: the marginals;
 *   - candidates: n-grams whose first and last words are not stopwords
 *     ("prime minister", "bank of japan");
 *   - with order 3, the bigrams with exactly one stopword edge ("bank of",
 *     "of japan"), which a trigram's score needs as marginals.
 * N-grams are keyed by the ids of their words, in an open-addressing table
 * whose slots hold key and count together (one memory access per lookup,
 * where string keys would take three); their text, the words joined by one
 * space, is built only to rank, save and merge them. */
#ifndef NN_COLLOCATIONS_H
#define NN_COLLOCATIONS_H

#include "nn_core.h"
#include "nn_freqmap.h"

#define NN_GRAM_NONE UINT32_MAX

/* One n-gram: word ids (w[2] is NN_GRAM_NONE for a bigram) and its count. */
typedef struct nn_gram {
  uint32_t w[3];
  uint32_t used;  /* 0: an empty slot */
  uint64_t count;
} nn_gram;

typedef struct nn_gramtab {
  const nn_allocator *alloc;
  nn_gram *slots;
  size_t cap;     /* a power of two, or 0 */
  size_t count;   /* n-grams held */
} nn_gramtab;

void nn_gramtab_init(nn_gramtab *t, const nn_allocator *a);
void nn_gramtab_free(nn_gramtab *t);
/* Adds n to the count of the n-gram of word ids w (NN_OK, NN_ENOMEM, NN_ETOOBIG). */
int nn_gramtab_add(nn_gramtab *t, const uint32_t w[3], uint64_t n);
/* The count of the n-gram w, 0 when absent. */
uint64_t nn_gramtab_get(const nn_gramtab *t, const uint32_t w[3]);

typedef struct nn_ngrams {
  unsigned order;     /* 2 or 3 */
  nn_freqmap words;   /* unigrams; total = number of words */
  nn_gramtab grams;   /* candidates */
  nn_gramtab inner;   /* order 3: bigrams with one stopword edge */
  /* The window: the previous words since the last gap, most recent last. */
  uint32_t prev[2];
  uint8_t prev_stop[2];
  unsigned filled;
} nn_ngrams;

void nn_ngrams_init(nn_ngrams *g, const nn_allocator *a, unsigned order);
void nn_ngrams_free(nn_ngrams *g);

/* A gap (punctuation, a sentence boundary, the end of a document): no
 * n-gram spans it. */
static inline void nn_ngrams_gap(nn_ngrams *g)
{
  g->filled = 0;
}

/* Counts one word (case-folded, without spaces) and the n-grams it ends;
 * stores the word's id in g->words when id is not NULL. */
int nn_ngrams_word(nn_ngrams *g, const char *w, size_t len, int stop, uint32_t *id);

/* The same for a word already in g->words, by id. */
int nn_ngrams_word_id(nn_ngrams *g, uint32_t id, int stop);

/* Appends the text of an n-gram (its words joined by one space) to out. */
int nn_ngrams_text(const nn_ngrams *g, const nn_gram *gram, nn_buf *out);

/* Parses the text of an n-gram into word ids (words must be in g->words);
 * returns the number of words (2 or 3), or 0 when the text is not an
 * n-gram of known words. */
unsigned nn_ngrams_parse(const nn_ngrams *g, const char *text, size_t len, uint32_t w[3]);

/* The count of an n-gram given as text (candidates first, then inner). */
uint64_t nn_ngrams_count(const nn_ngrams *g, const char *text, size_t len);

/* The n-grams of a table sorted by text (the canonical order of saved
 * files): texts are appended to blob, and *refs (allocated from the table's
 * allocator, t->count entries; free with nn_free) gives each one's place. */
typedef struct nn_gramref {
  size_t offset, len;  /* of the text in blob */
  uint64_t count;
} nn_gramref;

int nn_ngrams_sorted(const nn_ngrams *g, const nn_gramtab *t, nn_buf *blob, nn_gramref **refs);

/* Dunning's G2 for a 2x2 contingency table: k11 joint occurrences, k12 and
 * k21 the rest of each marginal, k22 everything else.  Never negative. */
double nn_llr(double k11, double k12, double k21, double k22);

typedef struct nn_collocation {
  size_t slot;     /* in g->grams.slots */
  unsigned n;      /* words */
  uint64_t count;
  double llr;      /* G2; for trigrams the smaller of its two splits */
  double pmi;      /* log2 of observed over expected */
} nn_collocation;

typedef struct nn_collocation_opts {
  uint64_t min_count; /* at least this many occurrences */
  unsigned min_n, max_n;
  size_t top;         /* at most this many; 0 for all */
} nn_collocation_opts;

/* Scores every candidate and sorts by G2, best first (ties by text).  The
 * result array comes from the words map's allocator: free it with
 * nn_free(a, *out, *count * sizeof **out).  Only positively associated
 * n-grams are kept. */
int nn_collocations_rank(const nn_ngrams *g, const nn_collocation_opts *o, nn_collocation **out,
                         size_t *count);

#endif
