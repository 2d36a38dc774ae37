/* Text statistics: words, characters, quotation, syllables and readability.
 *
 * Words are runs of characters other than white space that hold at least one
 * letter or digit ("41-year-old", "don't", "3.5%" are one word each; a lone
 * "-" or "—" is none), the count a word processor gives.  Characters are
 * Unicode code points.
 *
 * Quotation is followed character by character (nn_quote_state), from the
 * marks' Unicode properties and their neighbours:
 *   - “ ” „ « » ‹ › and the straight " open and close double quotations:
 *     “ opens (and closes what „ opened, as German writes „so“), ” closes
 *     (or opens when nothing is open, as Swedish writes ”så”), « and » close
 *     what the other opened ("« oui »", "»ja«"), " opens or closes;
 *   - ‘ ‚ open a single quotation; ' and ’ are apostrophes between letters
 *     ("don't") and after a word when no single quotation is open
 *     ("Jones' car"), else they close an open one, or open one before a word.
 * A paragraph break resets the state (the caller starts a new one): news
 * style opens each paragraph of a long quotation again.
 *
 * Syllables are counted per language (nn_syllables): vowel groups, with the
 * rules each language needs (see stats.c).  Every function is linear. */
#ifndef NN_STATS_H
#define NN_STATS_H

#include "nn_core.h"
#include "nn_article.h"

/* ---- words and quotation ---- */

typedef struct nn_quote_state {
  int32_t double_open; /* the mark that opened the double quotation, or 0 */
  int single_open;
} nn_quote_state;

void nn_quote_init(nn_quote_state *q);
/* Reads the character cp between prev and next (0 at either end of the
 * text); updates the state. */
void nn_quote_step(nn_quote_state *q, int32_t prev, int32_t cp, int32_t next);
static inline int nn_quote_inside(const nn_quote_state *q)
{
  return q->double_open != 0 || q->single_open;
}

/* The words of s[a..b) (see above), and how many of them start inside a
 * quotation, the state going on from *q (NULL: no quotation count). */
size_t nn_count_words(const char *s, size_t a, size_t b, nn_quote_state *q, size_t *quoted);

/* The code points of s[a..b) (an invalid sequence counts as one). */
size_t nn_count_chars(const char *s, size_t a, size_t b);

/* ---- syllables and readability ---- */

/* How syllables are counted, and which readability index a language has. */
typedef enum nn_read_lang {
  NN_READ_NONE = 0, /* no counter: no index */
  NN_READ_EN,       /* Flesch reading ease and Flesch-Kincaid grade */
  NN_READ_DE,       /* Amstad */
  NN_READ_ES,       /* Fernández Huerta */
  NN_READ_FR,       /* Kandel-Moles */
  NN_READ_IT,       /* Gulpease (letters, not syllables) */
  NN_READ_NL,       /* Flesch-Douma */
  NN_READ_PT,       /* Martins et al. */
  NN_READ_RU        /* Oborneva */
} nn_read_lang;

/* The nn_read_lang of a language code ("en", ...), NN_READ_NONE if none. */
nn_read_lang nn_read_lang_of(const char *code, size_t len);

/* The syllables of the word s[0..n) in language l (at least 1 for a word
 * with a letter; a word without letters, such as "2014", counts 1). */
size_t nn_syllables(const char *s, size_t n, nn_read_lang l);

/* ---- the statistics of a text ---- */

typedef struct nn_stats_opts {
  nn_sentence_opts sentence; /* language of the splitter and cues */
  nn_read_lang read_lang;    /* syllables and index (NN_READ_NONE: neither) */
  size_t long_sentence;      /* a sentence of more words is long (default 25) */
  int whole_text;            /* 0: the article's body only (no title, byline,
                                boilerplate lines, header or furniture sentences) */
} nn_stats_opts;

void nn_stats_opts_init(nn_stats_opts *o);

typedef struct nn_stats_result {
  size_t characters;     /* code points of the text counted */
  size_t letters;        /* letters (for Gulpease) */
  size_t words;
  size_t sentences;
  size_t paragraphs;
  size_t syllables;      /* 0 without a counter */
  size_t polysyllables;  /* words of three syllables or more */
  size_t long_sentences; /* of more than long_sentence words */
  size_t quoted_words;   /* words that start inside a quotation */
  size_t longest_sentence; /* in words */
} nn_stats_result;

/* Counts s[0..len) into *out, using the article parser a (reused).  NN_OK,
 * or NN_ENOMEM / NN_ETOOBIG. */
int nn_stats(nn_article *a, const char *s, size_t len, const nn_stats_opts *o, nn_stats_result *out);

/* The readability index of the language from the counts (NN_READ_NONE or no
 * word or sentence: returns 0 and sets *name to NULL).  English gives the
 * Flesch reading ease here and the Flesch-Kincaid grade in *grade (NAN for
 * the other languages). */
double nn_readability(const nn_stats_result *st, nn_read_lang l, const char **name, double *grade);

#endif
