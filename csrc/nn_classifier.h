/* Learned tags: a multi-label text classifier trained on tagged articles.
 *
 * Each text becomes terms through the shared term pipeline (nn_terms.h), then
 * a sparse vector of term weights (sublinear TF times smoothed IDF,
 * L2-normalized); each tag gets a one-vs-rest linear SVM
 * (nn_linear.h).  k-fold cross-validation inside the training data gives every
 * tag a sigmoid that turns its margin into a probability (the score) and the
 * margin threshold that maximizes its F1 (SCutFBR), so rare tags get
 * thresholds of their own; the threshold is drawn toward 0 (the SVM's own
 * boundary) the more positive texts a tag has, which holds up better on
 * articles written after the training ones.
 *
 * Training only records the examples; the model is fitted when it is first
 * needed (nn_classifier_fit, or a prediction or save after new examples).
 * A classifier is not safe for use from two threads at once: prediction uses
 * scratch space inside it.
 *
 * The model file format (version 1) is described above nn_classifier_save in
 * classifier.c; nn_classifier_load checks everything and returns NN_EFORMAT,
 * NN_EVERSION, NN_ECHECKSUM or NN_ETRUNCATED for a file it cannot use. */
#ifndef NN_CLASSIFIER_H
#define NN_CLASSIFIER_H

#include "nn_core.h"

/* How the tags of a prediction are decided. */
typedef enum nn_threshold_kind {
  NN_THRESHOLD_CV = 0,     /* per-tag margin thresholds chosen by cross-validation */
  NN_THRESHOLD_MARGIN = 1, /* the SVM's own decision: margin >= 0 */
  NN_THRESHOLD_SCORE = 2   /* score (probability) >= min_score */
} nn_threshold_kind;

/* Where the terms of a text come from: recorded in model files, so that a
 * model always sees text cut the way it was trained on. */
typedef enum nn_features_kind {
  NN_FEATURES_TERMS = 1 /* the shared term pipeline (nn_terms.h) over word-like,
                           hashtag and mention tokens: folded; in a language,
                           stopwords out, optionally stemmed */
} nn_features_kind;

typedef struct nn_classifier_options {
  double cost;          /* the SVM's C (> 0): higher fits the training data closer */
  int balanced;         /* scale C per tag by inverse class frequency */
  int threshold;        /* nn_threshold_kind */
  double min_score;     /* for NN_THRESHOLD_SCORE, in [0, 1] */
  unsigned folds;       /* cross-validation folds, 2 .. NN_CLASSIFIER_MAX_FOLDS */
  double fbr;           /* SCutFBR: below this cross-validated F1 a tag is decided
                           only for texts scoring above all held-out ones; [0, 1] */
  unsigned min_df;      /* terms seen in fewer training texts are ignored, >= 1 */
  int bigrams;          /* also use pairs of adjacent terms */
  int features;         /* nn_features_kind */
  char language[4];     /* "und" (no language: folding only), a code of
                           nn_language.h (its stopwords, possessives and
                           elisions), or "" (each text's own, guessed) */
  int stem;             /* stem terms with the language's Snowball stemmer */
} nn_classifier_options;

#define NN_CLASSIFIER_MAX_FOLDS 50
/* Longer terms are skipped (runs of letters this long are not words). */
#define NN_CLASSIFIER_MAX_TERM 100
/* Tag names are 1 to this many bytes. */
#define NN_CLASSIFIER_MAX_TAG 1024

/* cost 1, not balanced, CV thresholds, min_score 0.5, 5 folds, fbr 0.1,
 * min_df 2, no bigrams, NN_FEATURES_TERMS, language "und", no stemming. */
void nn_classifier_options_init(nn_classifier_options *o);
/* NN_OK, or NN_EARG when an option is out of its range. */
int nn_classifier_options_check(const nn_classifier_options *o);

typedef struct nn_classifier nn_classifier;

/* Creates an empty classifier; NULL when out of memory or when the options
 * are invalid (*status tells which, when status is not NULL). */
nn_classifier *nn_classifier_new(const nn_allocator *a, const nn_classifier_options *o,
                                 int *status);
void nn_classifier_free(nn_classifier *c);

/* Records one example: the text and its tags (each 1 .. NN_CLASSIFIER_MAX_TAG
 * bytes; repeats count once; none makes a negative example for every tag).
 * Invalid UTF-8 makes no term.  NN_OK, NN_ENOMEM, NN_ETOOBIG, or NN_EARG
 * for a bad tag or a classifier loaded from a file (it holds no examples). */
int nn_classifier_train(nn_classifier *c, const char *text, size_t len,
                        const char *const *tags, const size_t *tag_lens, size_t tag_count);

/* Fits the model to the examples recorded so far (nothing to do when it is
 * up to date).  NN_OK, NN_ENOMEM or NN_ETOOBIG. */
int nn_classifier_fit(nn_classifier *c);
/* Whether the model reflects every example (a loaded model always does). */
int nn_classifier_fitted(const nn_classifier *c);

typedef struct nn_tag_score {
  uint32_t tag;  /* the tag's index, see nn_classifier_tag */
  double score;  /* the estimated probability that the tag applies, 0..1 */
  double margin; /* the SVM margin the score comes from */
} nn_tag_score;

/* Scores a text, fitting first when needed.  With top == 0, stores the tags
 * the model decides on (at least one when the model has tags), best first;
 * otherwise the min(top, tags) best ranked.  out has room for
 * nn_classifier_tag_count(c) entries; *count receives how many were stored.
 * NN_OK, NN_ENOMEM or NN_ETOOBIG. */
int nn_classifier_predict(nn_classifier *c, const char *text, size_t len, size_t top,
                          nn_tag_score *out, size_t *count);

size_t nn_classifier_tag_count(const nn_classifier *c);
/* The name of tag i (< nn_classifier_tag_count) and its length. */
const char *nn_classifier_tag(const nn_classifier *c, size_t i, size_t *len);
/* How many training texts carried tag i. */
size_t nn_classifier_tag_documents(const nn_classifier *c, size_t i);
/* The number of texts the model learned from. */
size_t nn_classifier_document_count(const nn_classifier *c);
/* The number of terms (features) of the fitted model, 0 before fitting. */
size_t nn_classifier_term_count(const nn_classifier *c);
/* The number of non-zero weights of the fitted model. */
size_t nn_classifier_weight_count(const nn_classifier *c);
const nn_classifier_options *nn_classifier_options_of(const nn_classifier *c);

/* Appends the model file to out, fitting first when needed.  NN_OK,
 * NN_ENOMEM or NN_ETOOBIG. */
int nn_classifier_save(nn_classifier *c, nn_buf *out);

/* Reads a model file from data[0..len).  Stores the classifier in *out and
 * returns NN_OK, or returns NN_EFORMAT, NN_EVERSION, NN_ECHECKSUM,
 * NN_ETRUNCATED or NN_ENOMEM and stores NULL. */
int nn_classifier_load(const nn_allocator *a, const char *data, size_t len,
                       nn_classifier **out);

#endif
