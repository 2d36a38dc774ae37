/* The term pipeline: word tokens become terms by case folding, stripping
 * English possessives and Romance elisions, stopword removal and (on
 * request) Snowball stemming.
 *
 *   text -> word tokens (nn_tokenize.h) -> fold -> strip -> stopword? -> stem -> term
 *
 * Folding is Unicode full case folding with canonical composition (NFC),
 * invisible characters (soft hyphens, zero-width spaces, direction marks)
 * removed, so "Straße", "STRASSE" and "Stra\u00ADße" are one term "strasse";
 * typographic apostrophes (U+2019) become U+0027.  It is the text
 * normalizer's folding (nn_normalize.h), with an ASCII fast path.
 *
 * Each word also says whether a gap separates it from the previous word: a
 * sentence boundary, punctuation, or any token that is not a word (a number
 * when numbers are not terms, a symbol).  N-grams never span a gap; an
 * intra-word hyphen ("state-owned") is not a gap. */
#ifndef NN_TERMS_H
#define NN_TERMS_H

#include "nn_core.h"
#include "nn_freqmap.h"
#include "nn_language.h"
#include "nn_stem.h"
#include "nn_strmap.h"
#include "nn_sentences.h"
#include "nn_tokenize.h"

/* Resources shared by pipelines: the stemmers and the stopword profiles.
 * Not thread-safe (the stemmers keep state): one per thread or Lua state. */
typedef struct nn_termres {
  const nn_allocator *alloc;
  nn_stemmers stemmers;
  nn_langdb langdb;
} nn_termres;

int nn_termres_init(nn_termres *r, const nn_allocator *a);
void nn_termres_free(nn_termres *r);

/* Stores the case folding of s[0..n) in out (replacing what it held); see
 * above.  Invalid UTF-8 becomes U+FFFD.  Returns NN_OK or NN_ENOMEM /
 * NN_ETOOBIG. */
int nn_term_fold(nn_buf *out, const char *s, size_t n);

/* Where stopwords come from. */
typedef enum nn_stopmode {
  NN_STOP_BUILTIN = 0, /* the built-in list of the language, plus `extra` words */
  NN_STOP_CUSTOM = 1,  /* the `extra` words only (they replace the list) */
  NN_STOP_NONE = 2     /* no stopwords */
} nn_stopmode;

/* Pipeline options. */
typedef struct nn_termopts {
  const char *lang;         /* a language code, or "und" */
  int stem;                 /* stem with the language's Snowball stemmer, if it has one */
  int numbers;              /* numbers are terms (else they are gaps) */
  int gaps;                 /* mark gaps, sentence boundaries included (n-grams need them; counting does not) */
  int stop_mode;            /* nn_stopmode */
  const nn_strmap *extra;   /* folded stopwords added to or replacing the list; may be NULL */
} nn_termopts;

/* One word as the pipeline sees it.  nn_wordstream_next fills in raw, offset,
 * gap and number; nn_pipeline_word the rest, on demand (a caller that has
 * seen the same token before can skip it).  The strings point into buffers
 * that stay valid until the next word. */
typedef struct nn_word {
  const char *raw;      /* the token in the text */
  size_t raw_len;
  size_t offset;        /* of raw in the text, 0-based */
  const char *folded;   /* case-folded, possessive and elision stripped */
  size_t folded_len;
  const char *term;     /* stemmed when stemming, else the folded form */
  size_t term_len;
  int stop;             /* a stopword: not a term */
  int gap;              /* a gap lies between this word and the previous one */
  int number;           /* a number token (only reported when numbers are terms) */
} nn_word;

typedef struct nn_pipeline {
  nn_termres *res;
  char lang[NN_LANG_CODE_MAX + 1];
  unsigned rules;              /* NN_LANG_* */
  int stop_mode;
  uint32_t stop_bit;           /* the language's bit in res->langdb masks, 0 if none */
  const nn_strmap *extra;
  struct sb_stemmer *stemmer;  /* NULL when not stemming */
  int numbers;
  nn_buf fold;                 /* scratch: the folded word */
} nn_pipeline;

/* Sets up a pipeline for opts (opts->lang must be a valid code or "und").
 * Returns NN_OK or NN_ENOMEM. */
int nn_pipeline_init(nn_pipeline *p, nn_termres *res, const nn_termopts *opts);
void nn_pipeline_free(nn_pipeline *p); /* sets p->res to NULL */

/* Whether the pipeline stems (the language has a stemmer and stem was asked). */
static inline int nn_pipeline_stems(const nn_pipeline *p)
{
  return p->stemmer != NULL;
}

/* Folds, strips, classifies and stems the word token w->raw: fills in
 * folded, term and stop.  Returns NN_OK or an allocation status. */
int nn_pipeline_word(nn_pipeline *p, nn_word *w);

/* The word tokens of a text, in batches: an iterator over the shared token
 * stream.  lang chooses the tokenizer's abbreviation list and the sentence
 * splitter's rules; NULL or "und" reads the text language-neutrally.  With
 * NN_WORDS_GAPS each word says whether a gap precedes it: punctuation, a
 * symbol, a number (unless numbers are words), a blank line or a sentence
 * boundary (from the sentence splitter, nn_sentences.h, walking the text
 * beside the tokenizer).  Without it the tokenizer hands over words only,
 * which is faster, and gap is always 0.  Only raw, offset, gap and number
 * of the words are filled in. */
#define NN_WORDS_NUMBERS 1u /* numbers are words */
#define NN_WORDS_GAPS 2u    /* mark gaps, sentence boundaries included */

typedef struct nn_wordstream {
  nn_tokenizer tok;
  unsigned flags;
  int gap;               /* before the next word */
  nn_sentence_iter sit;  /* with NN_WORDS_GAPS */
  size_t sent_stop;      /* the end of the current sentence */
  int sent_more;         /* the splitter may have more sentences */
} nn_wordstream;

int nn_wordstream_init(nn_wordstream *ws, const char *lang, unsigned flags, const char *s,
                       size_t n);
size_t nn_wordstream_next(nn_wordstream *ws, nn_word *out, size_t max);

/* The batch size of nn_terms_process. */
#define NN_WORD_BATCH 64
/* Without a language, texts are processed in the language guessed from
 * their first words: at most NN_GUESS_WORDS, fewer once the evidence is
 * settled (nn_langscore_settled). */
#define NN_GUESS_WORDS 1000

typedef int (*nn_batch_fn)(void *ud, nn_pipeline *p, nn_word *words, size_t count);

/* Runs the pipeline of opts over a text, handing its words to fn in
 * batches (raw, offset, gap and number filled in; fn calls
 * nn_pipeline_word as needed).  With opts->lang NULL the language is
 * guessed first from the words ahead, kept in scratch, so the text is read
 * once.  used receives the language.  Returns NN_OK, an allocation status,
 * or what fn returned. */
int nn_terms_process(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                     nn_buf *scratch, nn_batch_fn fn, void *ud, nn_langguess *used);

/* The same, keeping the pipeline in *keep from one call to the next while
 * the language stays the same (documents of an archive).  Set keep->res to
 * NULL before the first call; free it with nn_pipeline_free when its res
 * is not NULL.  The settings in opts must not change between calls. */
int nn_terms_process_keep(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                          nn_buf *scratch, nn_pipeline *keep, nn_batch_fn fn, void *ud,
                          nn_langguess *used);

/* Counts the terms (words that are not stopwords) of s[0..n) into out. */
int nn_terms_count(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                   nn_buf *scratch, nn_freqmap *out, nn_langguess *used);

#define NN_NGRAM_MAX 8

/* Counts the n-grams of `order` words (1 to NN_NGRAM_MAX) of s[0..n) into
 * out: terms joined by one space, with no gap inside and no stopword at
 * either edge (stopwords inside are kept: "bank of japan").  words is
 * scratch, cleared here. */
int nn_terms_ngrams(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                    unsigned order, nn_buf *scratch, nn_freqmap *words, nn_freqmap *out,
                    nn_langguess *used);

/* Guesses the language of s[0..n) from stopword profiles and scripts (see
 * nn_language.h), reading words until the evidence is settled
 * (nn_langscore_settled), at most max_words of them (0: no limit). */
int nn_language_guess(nn_termres *res, const char *s, size_t n, size_t max_words,
                      nn_langguess *g);

/* Adds the evidence of words already read (raw filled in) to sc. */
int nn_langscore_words(nn_termres *res, nn_langscore *sc, const nn_word *w, size_t count);

#endif
