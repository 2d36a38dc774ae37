/* Lookups in the compiled word lists. */
#include <string.h>

#include "nn_wordlist.h"

const nn_wordlist *nn_wordlist_get(const char *kind, const char *name)
{
  size_t i;
  for (i = 0; i < nn_wordlists_count; i++)
    if (strcmp(nn_wordlists[i].kind, kind) == 0 && strcmp(nn_wordlists[i].name, name) == 0)
      return &nn_wordlists[i];
  return NULL;
}

/* Bytewise comparison of s[0..n) with a NUL-terminated item of length len. */
static int compare(const char *s, size_t n, const char *item, size_t len)
{
  int c = memcmp(s, item, n < len ? n : len);
  if (c != 0) return c;
  return n < len ? -1 : n > len;
}

int nn_wordlist_contains(const nn_wordlist *w, const char *s, size_t n)
{
  size_t lo = 0, hi = w->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2, len;
    const char *item = nn_wordlist_item(w, mid, &len);
    int c = compare(s, n, item, len);
    if (c == 0) return 1;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return 0;
}
