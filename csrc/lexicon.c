/* Lookups in the compiled lexicons; see nn_lexicon.h. */
#include <string.h>

#include "nn_lexicon.h"

extern const nn_lexicon nn_lexicon_en;

const nn_lexicon *nn_lexicon_get(const char *lang, size_t len)
{
  /* "en" and any regional tag of it ("en-GB", "en_US"). */
  if (len >= 2 && (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
      (len == 2 || lang[2] == '-' || lang[2] == '_'))
    return &nn_lexicon_en;
  return NULL;
}

const nn_lexentry *nn_lexicon_find_hashed(const nn_lexicon *lx, const char *s, size_t n,
                                          uint32_t hash)
{
  uint32_t b = hash & lx->bucket_mask, i, end = lx->buckets[b + 1];
  if (n == 0 || n > 255) return NULL;
  for (i = lx->buckets[b]; i < end; i++) {
    const nn_lexentry *e = &lx->entries[i];
    if ((e->form & 0xFFu) == n && memcmp(lx->forms + (e->form >> 8), s, n) == 0) return e;
  }
  return NULL;
}

const nn_lexentry *nn_lexicon_find(const nn_lexicon *lx, const char *s, size_t n)
{
  if (n == 0 || n > 255) return NULL;
  return nn_lexicon_find_hashed(lx, s, n, nn_lexicon_hash(s, n));
}

const char *nn_lexicon_stem(const nn_lexicon *lx, const nn_lexentry *e, size_t *keep,
                            size_t *append_len)
{
  const char *add = lx->stem_appends[e->stem_edit >> 4];
  *keep = (e->form & 0xFFu) - (e->stem_edit & 0x0Fu);
  *append_len = strlen(add);
  return add;
}

const char *nn_lexicon_lemma(const nn_lexicon *lx, const nn_lexentry *e, size_t *keep,
                             size_t *append_len)
{
  const char *add = lx->lemma_appends[e->lemma_append];
  *keep = (e->form & 0xFFu) - e->lemma_strip;
  *append_len = strlen(add);
  return add;
}

const char *nn_lexicon_lexname(const nn_lexicon *lx, const nn_lexentry *e)
{
  return e->lexname < lx->lexname_count ? lx->lexnames[e->lexname] : NULL;
}

const char *nn_word_class_name(int wc)
{
  static const char *const names[NN_WC__COUNT] = { "",    "DET",  "PRON",  "PREP", "CONJ",
                                                    "TO",  "AUX",  "MODAL", "ADV",  "NUM" };
  return wc >= 0 && wc < NN_WC__COUNT ? names[wc] : NULL;
}
