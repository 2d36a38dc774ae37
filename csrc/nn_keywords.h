/* Keyphrases: the phrases that say what an article is about.
 *
 * The default method ("posfreq") reads English with the lexicon
 * (nn_lexicon.h): a rule-based tagger gives every token a part of speech,
 * noun phrases of one to three words are the candidates, and a phrase scores
 *
 *     sum over its words w of sqrt(tf(w))  /  sqrt(1 + first)
 *
 * where tf(w) counts the nouns, names and adjectives of the article with w's
 * stem and `first` is the word index of the phrase's first occurrence.  Near
 * duplicates are one phrase: the same stems ("oil spill", "oil spills"), a
 * name and its last word ("Hun Sen", "Sen"), a title and the name after it
 * ("Prime Minister Hun Sen", "Mr. Hun Sen" give "Hun Sen"), a possessive and
 * its noun ("Japan's", "Japan").  A phrase's text is the form it most often
 * has in the article.
 *
 * Other methods share the candidates and differ in the score: "textrank"
 * (PageRank over a co-occurrence graph of the words), "yake" (YAKE's word
 * statistics) and "tfidf" (phrase frequency times the mean inverse document
 * frequency of its words, from a corpus when one is given; without one the
 * phrase frequency alone).
 *
 * Languages without a lexicon use stopword-delimited candidates (runs of
 * words between stopwords, punctuation and numbers) with the same scores,
 * from the language's stopword list and stemmer (given by the caller).  The
 * result says which candidate method was used.
 *
 * The article structure of nn_article.h is used: a detected title boosts the
 * phrases that share its words, and bylines, datelines and boilerplate lines
 * give no phrases.
 *
 * Time and memory are linear in the input.  A context (nn_keywords) keeps its
 * buffers between calls, and a vocabulary: what the lexicon (or the stopword
 * list and stemmer) says of each word form seen, kept while the language,
 * the lexicon, the stopword list and the presence of a stemmer stay the
 * same.  A caller that changes what its stemmer does for the same language
 * calls nn_keywords_trim first.  Nothing is global. */
#ifndef NN_KEYWORDS_H
#define NN_KEYWORDS_H

#include "nn_article.h"
#include "nn_core.h"
#include "nn_lexicon.h"
#include "nn_strmap.h"
#include "nn_wordlist.h"

/* Scoring methods. */
typedef enum nn_kw_method {
  NN_KW_POSFREQ = 0, /* "posfreq": word frequency and first position (the default) */
  NN_KW_TEXTRANK,    /* "textrank": PageRank over word co-occurrence */
  NN_KW_YAKE,        /* "yake": YAKE word statistics */
  NN_KW_TFIDF,       /* "tfidf": phrase frequency times inverse document frequency */
  NN_KW__COUNT
} nn_kw_method;

/* The name of a method ("posfreq", ...), or NULL; and the method called name[0..len), or -1. */
const char *nn_kw_method_name(int method);
int nn_kw_method_of(const char *name, size_t len);

/* How the candidates were found (nn_keywords.candidates). */
typedef enum nn_kw_candidates {
  NN_KWC_LEXICON = 0, /* "lexicon": noun phrases from the tagger (English) */
  NN_KWC_STOPWORDS    /* "stopwords": runs between stopwords (other languages) */
} nn_kw_candidates;

const char *nn_kw_candidates_name(int c);

/* Document frequencies from a corpus: *df receives how many of the corpus's
 * documents hold the word w[0..n) (lower case, as the article writes it; the
 * corpus reads it through its own term pipeline).  NN_OK or a negative
 * nn_status, which the extraction returns. */
typedef int (*nn_kw_df_fn)(void *ud, const char *w, size_t n, uint64_t *df);

/* A stemmer: *out (valid until the next call) and *outlen receive the stem
 * of the lower-case word w[0..n).  NN_OK or a negative nn_status. */
typedef int (*nn_kw_stem_fn)(void *ud, const char *w, size_t n, const char **out, size_t *outlen);

typedef struct nn_keywords_opts {
  size_t top;              /* how many phrases at most; 0: all */
  int method;              /* nn_kw_method */
  int candidates;          /* nn_kw_candidates: NN_KWC_STOPWORDS even where a lexicon exists */
  const char *lang;        /* language code ("en", "de", ...), required */
  size_t lang_len;
  const char *title;       /* the article's title, or NULL to find it in the text */
  size_t title_len;
  int structure;           /* nonzero: read the article structure (title, byline, dateline,
                              boilerplate) from the text; zero: every line is body text */
  const nn_wordlist *stopwords; /* for a language without a lexicon (NULL: none), else unused */
  nn_kw_df_fn df;          /* corpus document frequencies, or NULL */
  void *df_ud;
  uint64_t corpus_docs;    /* the number of documents of the corpus */
  nn_kw_stem_fn stem;      /* the language's stemmer, for languages without a lexicon;
                              NULL: words are their own stems */
  void *stem_ud;
} nn_keywords_opts;

/* Defaults: top 10, posfreq, structure on, no language. */
void nn_keywords_opts_init(nn_keywords_opts *o);

/* One keyphrase of the result. */
typedef struct nn_keyphrase {
  size_t text;      /* offset of its text in nn_keywords.text */
  size_t text_len;
  double score;     /* relative to the best phrase: 1 for the first, then down to 0 */
  size_t count;     /* occurrences in the article (merged near duplicates included) */
  size_t start;     /* the first occurrence: input bytes [start, stop) */
  size_t stop;
} nn_keyphrase;

/* A context: scratch buffers reused from call to call, and the last result. */
typedef struct nn_keywords {
  const nn_allocator *alloc;
  /* the last result */
  nn_buf phrases;     /* nn_keyphrase records, best first */
  size_t count;
  nn_buf text;        /* the phrases' texts */
  int method;         /* the method used */
  int candidates;     /* nn_kw_candidates used */
  /* scratch */
  nn_article article;
  nn_buf tokens, sents, words, stems, cands, occ, cand_slots, sentlist, scratch, order, graph;
  nn_buf word_ids, stem_ids;       /* vocabulary ids -> indexes of the call */
  nn_buf doc_forms;                /* the text's forms as written -> indexes */
  size_t word_id_count, stem_id_count, doc_form_count;
  nn_strmap surface_map, pair_map;
  /* The vocabulary: what the lexicon says of each word form seen, kept from
   * call to call (most words of an article were in the ones before), for as
   * long as the language settings stay the same and it stays small. */
  nn_strmap word_map, stem_map;    /* lower-case forms; stems */
  nn_buf vwords, vstems;           /* their records */
  nn_buf fcache;                   /* recent forms as written -> words */
  uint32_t gen;                    /* the current call's mark in the records */
  const void *vocab_key[3];        /* lexicon, stopword list, stemmer of the vocabulary */
  char vocab_lang[8];
} nn_keywords;

void nn_keywords_init(nn_keywords *k, const nn_allocator *a);
void nn_keywords_free(nn_keywords *k);
/* Frees the scratch memory and the vocabulary, keeping the last result and
 * the context usable (after a big call, or to forget the vocabulary). */
void nn_keywords_trim(nn_keywords *k);

/* Finds the keyphrases of s[0..len) into k (k->phrases, k->count, k->text).
 * Returns NN_OK; NN_EARG for a missing or malformed language code, an
 * unknown method or kind of candidates; NN_ENOMEM or NN_ETOOBIG; or what a
 * callback returned.  Invalid UTF-8 is read as symbols: it never forms part
 * of a phrase. */
int nn_keywords_extract(nn_keywords *k, const char *s, size_t len, const nn_keywords_opts *o);

/* The i-th keyphrase of the last result (i < k->count). */
static inline const nn_keyphrase *nn_keywords_get(const nn_keywords *k, size_t i)
{
  return (const nn_keyphrase *)(const void *)k->phrases.data + i;
}

#endif
