/* The Snowball stemmers behind newsnlp language codes; see nn_stem.h. */
#include <limits.h>
#include <string.h>

#include <libstemmer.h>

#include "nn_language.h"
#include "nn_stem.h"

void nn_stemmers_init(nn_stemmers *c)
{
  size_t i;
  for (i = 0; i < NN_STEMMERS_MAX; i++) c->stemmer[i] = NULL;
}

void nn_stemmers_free(nn_stemmers *c)
{
  size_t i;
  for (i = 0; i < NN_STEMMERS_MAX; i++) {
    sb_stemmer_delete(c->stemmer[i]);
    c->stemmer[i] = NULL;
  }
}

/* The position of a language's algorithm in sb_stemmer_list(), or -1. */
static int algorithm_index(const char *code)
{
  const nn_language *lang = nn_language_find(code, strlen(code));
  const char **names = sb_stemmer_list();
  int i;
  if (!lang) return -1;
  for (i = 0; names[i] && i < NN_STEMMERS_MAX; i++)
    if (strcmp(names[i], lang->name) == 0) return i;
  return -1;
}

const char *nn_stemmer_name(const char *code)
{
  int i = algorithm_index(code);
  return i < 0 ? NULL : sb_stemmer_list()[i];
}

struct sb_stemmer *nn_stemmers_get(nn_stemmers *c, const char *code, int *status)
{
  int i = algorithm_index(code);
  *status = NN_OK;
  if (i < 0) return NULL;
  if (!c->stemmer[i]) {
    /* The name is in libstemmer's own list, so NULL can only mean no memory. */
    c->stemmer[i] = sb_stemmer_new(sb_stemmer_list()[i], "UTF_8");
    if (!c->stemmer[i]) *status = NN_ENOMEM;
  }
  return c->stemmer[i];
}

int nn_stem(struct sb_stemmer *s, const char *w, size_t n, const char **out, size_t *outlen)
{
  const sb_symbol *r;
  int len;
  if (n > (size_t)INT_MAX) {
    *out = w;
    *outlen = n;
    return NN_OK;
  }
  r = sb_stemmer_stem(s, (const sb_symbol *)w, (int)n);
  if (!r) return NN_ENOMEM;
  len = sb_stemmer_length(s);
  *out = (const char *)r;
  *outlen = len > 0 ? (size_t)len : 0;
  return NN_OK;
}
