/* libFuzzer harness for the taxonomy tagger.
 *
 * Input: one option byte, then a taxonomy in the text format, a NUL byte,
 * and the text.  When the taxonomy does not parse, each of its lines becomes
 * a phrase of a tag of its own instead; a few slices of the text are added
 * as phrases too, so that matches happen.
 *
 * Invariants: every match lies inside the text, starts and ends on
 * character boundaries, begins at the (elision-trimmed) start of a token
 * and ends at the end of a token, covers as many tokens as its phrase has,
 * and each of those tokens has the key of the phrase's token at the same
 * place (the case-kept key too for a case-sensitive phrase); matches come
 * in text order and, unless overlapping, never overlap; every
 * leftmost-longest match is among the overlapping ones; tag results count
 * every match once, group them under their tag in text order, and have
 * scores in (0, 1] adding up to 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "newsnlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TOKENS 4096

typedef struct token_at {
  size_t start, stop; /* the compared part */
  nn_token tok;
} token_at;

/* The keys of the tokens of p[0..n), concatenated with their lengths. */
static void phrase_keys(nn_tagger *t, const char *p, size_t n, int cased, nn_buf *out,
                        nn_buf *key, size_t *ntokens)
{
  nn_tokenizer tz;
  nn_tokenizer_opts o;
  nn_token tok;
  out->len = 0;
  *ntokens = 0;
  nn_tagger_tokenizer_opts(t, &o);
  if (nn_tokenizer_init(&tz, p, n, &o) != NN_OK) abort();
  while (nn_tokenizer_next(&tz, &tok)) {
    size_t start, len;
    uint32_t klen;
    if (nn_tagger_token_key(t, p, &tok, cased, key, &start, &len) != NN_OK) abort();
    klen = (uint32_t)key->len;
    if (nn_buf_append(out, (const char *)&klen, sizeof klen) != NN_OK ||
        nn_buf_append(out, key->data, key->len) != NN_OK)
      abort();
    (*ntokens)++;
  }
}

static void check_match(nn_tagger *t, const char *s, const token_at *toks, size_t ntok,
                        const nn_tag_match *m, nn_buf *want, nn_buf *got, nn_buf *key)
{
  size_t first, k, nphrase, plen;
  const char *phrase = nn_tagger_phrase_text(t, m->phrase, &plen);
  int cased;
  if (!phrase || nn_tagger_phrase_tag(t, m->phrase) != m->tag) abort();
  for (first = 0; first < ntok && toks[first].start < m->start; first++) {
  }
  if (first == ntok || toks[first].start != m->start || first != m->token) abort();
  if (first + m->ntokens > ntok || toks[first + m->ntokens - 1].stop != m->stop) abort();
  for (cased = 0; cased <= nn_tagger_phrase_case_sensitive(t, m->phrase); cased++) {
    phrase_keys(t, phrase, plen, cased, want, key, &nphrase);
    if (nphrase != m->ntokens) abort();
    got->len = 0;
    for (k = 0; k < m->ntokens; k++) {
      size_t start, len;
      uint32_t klen;
      if (nn_tagger_token_key(t, s, &toks[first + k].tok, cased, key, &start, &len) != NN_OK)
        abort();
      klen = (uint32_t)key->len;
      if (nn_buf_append(got, (const char *)&klen, sizeof klen) != NN_OK ||
          nn_buf_append(got, key->data, key->len) != NN_OK)
        abort();
    }
    if (!fuzz_same_bytes(got->data, got->len, want->data, want->len)) abort();
  }
}

/* The taxonomy of the input, not compiled yet: the text format, or one
 * tag per line when that does not parse. */
static nn_tagger *build(const uint8_t *tax, size_t tlen, unsigned flags)
{
  nn_tagger *t = NULL;
  nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;
  size_t line, i, p;
  const char *why;
  uint32_t tag;
  int st;
  if (flags & 1) o.lang = (flags & 4) ? "fr" : "en";
  if (flags & 2) o.stem = o.lang != NULL;
  if (nn_tagger_new(&t, &o, &nn_default_allocator) != NN_OK) abort();
  st = nn_tagger_parse(t, (const char *)tax, tlen, &line, &why);
  if (st == NN_OK) return t;
  if (st != NN_EFORMAT && st != NN_EUTF8) abort();
  nn_tagger_free(t);
  if (nn_tagger_new(&t, &o, &nn_default_allocator) != NN_OK) abort();
  for (p = 0, i = 0; p < tlen; i++) {
    size_t e = p;
    char name[32];
    int n;
    while (e < tlen && tax[e] != '\n') e++;
    n = snprintf(name, sizeof name, "line %zu", i);
    if (nn_tagger_add_tag(t, name, (size_t)n, 1.0 + (double)(i % 3), &tag) < 0) abort();
    st = nn_tagger_add_phrase(t, tag, (const char *)tax + p, e - p, (int)(i % 2), &why);
    if (st != NN_OK && st != NN_EARG) abort();
    p = e + 1;
  }
  return t;
}

/* Adds runs of 1 to 3 tokens of the text as phrases, so that matches happen. */
static void add_slices(nn_tagger *t, const char *s, const token_at *toks, size_t ntok,
                       unsigned flags)
{
  uint32_t tag;
  const char *why;
  size_t k;
  if (ntok == 0) return;
  if (nn_tagger_add_tag(t, "slices", 6, 2.0, &tag) < 0) abort();
  for (k = 0; k < 6; k++) {
    size_t a = (k * 7 + flags) % ntok, b = a + k % 3;
    int st;
    if (b >= ntok) b = ntok - 1;
    st = nn_tagger_add_phrase(t, tag, s + toks[a].tok.start,
                              toks[b].tok.start + toks[b].tok.len - toks[a].tok.start,
                              (int)(k == 5), &why);
    if (st != NN_OK && st != NN_EARG) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const uint8_t *nul;
  const char *s;
  size_t tlen, len, ntok = 0, i, n, on, nr, total;
  unsigned flags;
  nn_tagger *t;
  nn_tokenizer tz;
  nn_tokenizer_opts to;
  nn_token tok;
  token_at *toks;
  nn_buf m, mo, r, want, got, key;
  nn_tag_options tagopts = NN_TAG_OPTIONS_DEFAULT;
  unsigned char *unit_start, *space;
  double sum;
  if (size < 1) return 0;
  flags = data[0];
  data++;
  size--;
  nul = memchr(data, 0, size);
  tlen = nul ? (size_t)(nul - data) : size;
  s = nul ? (const char *)nul + 1 : "";
  len = nul ? size - tlen - 1 : 0;

  t = build(data, tlen, flags);
  toks = malloc(MAX_TOKENS * sizeof *toks);
  if (!toks || !fuzz_units((const uint8_t *)s, len, &unit_start, &space)) abort();
  nn_buf_init(&key, &nn_default_allocator);
  nn_tagger_tokenizer_opts(t, &to);
  if (nn_tokenizer_init(&tz, s, len, &to) != NN_OK) abort();
  while (nn_tokenizer_next(&tz, &tok) && ntok < MAX_TOKENS) {
    toks[ntok].tok = tok;
    if (nn_tagger_token_key(t, s, &tok, 0, &key, &toks[ntok].start, &i) != NN_OK) abort();
    toks[ntok].stop = toks[ntok].start + i;
    ntok++;
  }
  add_slices(t, s, toks, ntok, flags);
  if (nn_tagger_compile(t) != NN_OK) abort();
  nn_buf_init(&m, &nn_default_allocator);
  nn_buf_init(&mo, &nn_default_allocator);
  nn_buf_init(&r, &nn_default_allocator);
  nn_buf_init(&want, &nn_default_allocator);
  nn_buf_init(&got, &nn_default_allocator);

  if (nn_tagger_match(t, s, len, 0, &m, &i) != NN_OK) abort();
  if (ntok < MAX_TOKENS && i != ntok) abort();
  if (nn_tagger_match(t, s, len, 1, &mo, NULL) != NN_OK) abort();
  n = m.len / sizeof(nn_tag_match);
  on = mo.len / sizeof(nn_tag_match);
  if (ntok < MAX_TOKENS) {
    const nn_tag_match *a = (const nn_tag_match *)(void *)m.data;
    const nn_tag_match *b = (const nn_tag_match *)(void *)mo.data;
    size_t j = 0;
    for (i = 0; i < n; i++) {
      if (a[i].start >= a[i].stop || a[i].stop > len) abort();
      if (!unit_start[a[i].start] || !unit_start[a[i].stop]) abort();
      if (i > 0 && a[i].start < a[i - 1].stop &&
          !(a[i].start == a[i - 1].start && a[i].stop == a[i - 1].stop))
        abort();
      check_match(t, s, toks, ntok, &a[i], &want, &got, &key);
      /* Among the overlapping matches, which are in the same order. */
      while (j < on && !(b[j].start == a[i].start && b[j].stop == a[i].stop &&
                         b[j].phrase == a[i].phrase && b[j].tag == a[i].tag))
        j++;
      if (j == on) abort();
    }
    for (i = 0; i < on; i++) {
      if (i > 0 && b[i].start < b[i - 1].start) abort();
      check_match(t, s, toks, ntok, &b[i], &want, &got, &key);
    }
  }

  tagopts.overlapping = (flags >> 3) & 1;
  if (nn_tagger_tag(t, s, len, &tagopts, &m, &r) != NN_OK) abort();
  nr = r.len / sizeof(nn_tag_result);
  total = 0;
  sum = 0.0;
  for (i = 0; i < nr; i++) {
    const nn_tag_result *x = (const nn_tag_result *)(void *)r.data + i;
    const nn_tag_match *a = (const nn_tag_match *)(void *)m.data;
    size_t k;
    if (x->count == 0 || x->first != total || !(x->score > 0.0 && x->score <= 1.0 + 1e-12))
      abort();
    for (k = 0; k < x->count; k++) {
      if (a[x->first + k].tag != x->tag) abort();
      if (k > 0 && a[x->first + k].start < a[x->first + k - 1].start) abort();
    }
    if (i > 0 && x->score > ((const nn_tag_result *)(void *)r.data)[i - 1].score) abort();
    total += x->count;
    sum += x->score;
  }
  if (total != m.len / sizeof(nn_tag_match)) abort();
  if (total != (tagopts.overlapping ? on : n)) abort();
  if (nr > 0 && fabs(sum - 1.0) > 1e-9) abort();

  free(unit_start);
  free(space);
  free(toks);
  nn_buf_free(&m);
  nn_buf_free(&mo);
  nn_buf_free(&r);
  nn_buf_free(&want);
  nn_buf_free(&got);
  nn_buf_free(&key);
  nn_tagger_free(t);
  return 0;
}
