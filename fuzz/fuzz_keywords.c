/* libFuzzer harness: keyphrase extraction.  The first input byte picks the
 * method, the kind of candidates (lexicon or stopwords), whether the article
 * structure is read, whether a title is given (the first line of the rest)
 * and how many phrases are asked for.
 *
 * Invariants: no more phrases than asked; scores between 0 and 1, the first
 * 1, never increasing; counts at least 1; the first occurrence lies inside
 * the input on character boundaries; a phrase's text is valid UTF-8, never
 * empty, without white space at either end or doubled, and each of its
 * space-separated words occurs in the input; the same call on the same
 * context, or on a fresh one, gives the same phrases (the vocabulary kept
 * between calls changes nothing); the English lexicon's candidates and a
 * fallback language both hold these. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of the result, to compare two calls. */
typedef struct snapshot {
  nn_buf bytes;
} snapshot;

static void take(const nn_keywords *k, nn_buf *out)
{
  size_t i;
  out->len = 0;
  for (i = 0; i < k->count; i++) {
    const nn_keyphrase *p = nn_keywords_get(k, i);
    if (nn_buf_append(out, k->text.data + p->text, p->text_len) != NN_OK) abort();
    if (nn_buf_append(out, (const char *)&p->score, sizeof p->score) != NN_OK) abort();
    if (nn_buf_append(out, (const char *)&p->count, sizeof p->count) != NN_OK) abort();
    if (nn_buf_append(out, (const char *)&p->start, sizeof p->start) != NN_OK) abort();
  }
}

static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
  size_t i;
  if (m == 0 || m > n) return m == 0;
  for (i = 0; i + m <= n; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return 1;
  return 0;
}

static void check(const nn_keywords *k, const nn_keywords_opts *o, const char *s, size_t size,
                  const unsigned char *unit_start)
{
  size_t i;
  double last = 2.0;
  if (o->top && k->count > o->top) abort();
  for (i = 0; i < k->count; i++) {
    const nn_keyphrase *p = nn_keywords_get(k, i);
    const char *text = k->text.data + p->text;
    size_t j, w = 0;
    if (!(p->score >= 0.0 && p->score <= 1.0) || p->score > last) abort();
    if (i == 0 && p->score != 1.0) abort();
    last = p->score;
    if (p->count < 1) abort();
    if (p->start >= p->stop || p->stop > size) abort();
    if (!unit_start[p->start] || !unit_start[p->stop]) abort();
    if (p->text_len == 0 || p->text + p->text_len > k->text.len) abort();
    if (nn_utf8_invalid_offset(text, p->text_len) != p->text_len) abort();
    if (text[0] == ' ' || text[p->text_len - 1] == ' ') abort();
    for (j = 0; j <= p->text_len; j++) {
      if (j < p->text_len && text[j] != ' ') continue;
      if (j == w) abort(); /* two spaces */
      if (!contains(s, size, text + w, j - w)) abort();
      w = j + 1;
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s;
  unsigned char *unit_start, *space;
  nn_keywords k, fresh;
  nn_keywords_opts o;
  nn_buf first, second;
  const nn_wordlist *stop = nn_wordlist_get("stopwords", "de");
  unsigned pick;
  if (size == 0) return 0;
  pick = data[0];
  data++;
  size--;
  s = (const char *)data;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  nn_keywords_opts_init(&o);
  o.method = (int)(pick % NN_KW__COUNT);
  o.structure = (pick >> 2) & 1;
  o.top = (pick >> 3) & 3 ? ((pick >> 3) & 3) * 5 : 0;
  if (pick & 0x20) {
    /* stopword candidates, German list (when present), words as stems */
    o.lang = "de";
    o.lang_len = 2;
    o.candidates = NN_KWC_STOPWORDS;
    o.stopwords = stop;
  } else {
    o.lang = "en";
    o.lang_len = 2;
  }
  if (pick & 0x40) {
    const char *nl = memchr(s, '\n', size);
    o.title = s;
    o.title_len = nl ? (size_t)(nl - s) : size;
  }
  nn_keywords_init(&k, &nn_default_allocator);
  nn_keywords_init(&fresh, &nn_default_allocator);
  nn_buf_init(&first, &nn_default_allocator);
  nn_buf_init(&second, &nn_default_allocator);
  /* a call on other text first, so that the vocabulary holds words */
  if (nn_keywords_extract(&k, "Oil spill in Alaska. The oil spill spread.", 42, &o) != NN_OK)
    abort();
  if (nn_keywords_extract(&k, s, size, &o) != NN_OK) abort();
  check(&k, &o, s, size, unit_start);
  take(&k, &first);
  if (nn_keywords_extract(&fresh, s, size, &o) != NN_OK) abort();
  take(&fresh, &second);
  if (!fuzz_same_bytes(first.data, first.len, second.data, second.len)) abort();
  if (nn_keywords_extract(&k, s, size, &o) != NN_OK) abort();
  take(&k, &second);
  if (!fuzz_same_bytes(first.data, first.len, second.data, second.len)) abort();
  nn_buf_free(&first);
  nn_buf_free(&second);
  nn_keywords_free(&k);
  nn_keywords_free(&fresh);
  free(unit_start);
  free(space);
  return 0;
}
