/* Stemming with the Snowball library (libstemmer), every language it offers.
 *
 * Snowball stemmer objects allocate on their own (malloc) and keep state
 * between calls, so they are neither shareable between threads nor global:
 * an nn_stemmers cache holds one stemmer per language, created on first use,
 * and its owner (a Lua userdata in the binding) frees it. */
#ifndef NN_STEM_H
#define NN_STEM_H

#include "nn_core.h"

struct sb_stemmer;

/* Room for every algorithm of libstemmer's list (29 in Snowball 2.2). */
#define NN_STEMMERS_MAX 64

typedef struct nn_stemmers {
  struct sb_stemmer *stemmer[NN_STEMMERS_MAX]; /* by position in sb_stemmer_list() */
} nn_stemmers;

void nn_stemmers_init(nn_stemmers *c);
void nn_stemmers_free(nn_stemmers *c);

/* The Snowball algorithm name of a newsnlp language code ("en" -> "english"),
 * or NULL when libstemmer has no stemmer for it. */
const char *nn_stemmer_name(const char *code);

/* The stemmer for a language code, created on first use.  Returns NULL with
 * *status NN_OK when there is no stemmer for the language, or NULL with
 * NN_ENOMEM when creating it failed. */
struct sb_stemmer *nn_stemmers_get(nn_stemmers *c, const char *code, int *status);

/* Stems the UTF-8 word w[0..n).  *out points into the stemmer's own memory,
 * valid until its next use.  Returns NN_OK or NN_ENOMEM; a word too long for
 * libstemmer's int sizes is returned unchanged. */
int nn_stem(struct sb_stemmer *s, const char *w, size_t n, const char **out, size_t *outlen);

#endif
