/* Word lists compiled from data/<kind>/<name>.txt by tools/gen_wordlists.lua:
 * abbreviations, stopwords, gazetteers and the like, per language.  Items are
 * sorted bytewise, so membership is a binary search. */
#ifndef NN_WORDLIST_H
#define NN_WORDLIST_H

#include "nn_core.h"

typedef struct nn_wordlist {
  const char *kind;         /* the data/ subfolder, e.g. "abbreviations" */
  const char *name;         /* the file name without .txt, e.g. "en" */
  const char *blob;         /* items, each followed by a NUL */
  const uint32_t *offsets;  /* count + 1 offsets into blob */
  size_t count;
} nn_wordlist;

extern const nn_wordlist nn_wordlists[];
extern const size_t nn_wordlists_count;

/* The list data/<kind>/<name>.txt, or NULL. */
const nn_wordlist *nn_wordlist_get(const char *kind, const char *name);

/* Item i (0-based) and its length. */
static inline const char *nn_wordlist_item(const nn_wordlist *w, size_t i, size_t *len)
{
  *len = (size_t)(w->offsets[i + 1] - w->offsets[i]) - 1;
  return w->blob + w->offsets[i];
}

/* Whether s[0..n) is an item of w. */
int nn_wordlist_contains(const nn_wordlist *w, const char *s, size_t n);

#endif
