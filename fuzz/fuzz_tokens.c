/* libFuzzer harness for the tokenizer and the counter.
 *
 * Invariants: tokens come in order, never overlap, lie inside the input, are
 * never empty and never hold whitespace; with the default options the gaps
 * between them hold whitespace only (tokens and whitespace tile the input);
 * an "invalid" token is exactly one ill-formed subpart and ill-formed bytes
 * are in no other token; the flags describe the bytes (ASCII, space after);
 * the fast paths give exactly what the general scanners give, with every
 * option set; every option set keeps the invariants; counting sees exactly
 * the word-like tokens, and gives each key the count a direct recount finds,
 * also over two texts and with stopwords; counting, which takes most words
 * as the scanner reads them (nn_tokenizer_fill_keys), gives the keys, in the
 * same order, and the counts of counting the general scanners' tokens. */
#include <stdlib.h>
#include <string.h>

#include "newsnlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bytes of the whitespace code point at i (White_Space, U+200B, U+FEFF), or 0. */
static size_t space_at(const uint8_t *s, size_t size, size_t i, int zero_width)
{
  int32_t cp;
  size_t n = nn_utf8_decode(s + i, size - i, &cp);
  if (cp == NN_UTF8_INVALID) return 0;
  if (zero_width && (cp == 0x200B || cp == 0xFEFF)) return n;
  return (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE) ? n : 0;
}

/* Checks one token stream; returns how many tokens it had. */
static size_t check_stream(const uint8_t *data, size_t size, const nn_tokenizer_opts *opts,
                           int tiles, nn_token *out, size_t out_cap)
{
  nn_tokenizer t;
  nn_token tok;
  size_t end = 0, count = 0, i;
  if (nn_tokenizer_init(&t, (const char *)data, size, opts) != NN_OK) abort();
  while (nn_tokenizer_next(&t, &tok)) {
    int32_t cp;
    size_t n, e = tok.start + tok.len;
    int ascii = 1;
    if (tok.len == 0 || tok.start < end || e > size || tok.kind >= NN_TOKEN__COUNT) abort();
    if (tiles) {
      for (i = end; i < tok.start; i += n)  /* the gap: whitespace only */
        if ((n = space_at(data, size, i, 1)) == 0) abort();
    }
    for (i = tok.start; i < e; i += n) {     /* the token: no whitespace */
      n = nn_utf8_decode(data + i, size - i, &cp);
      if (i + n > e) abort();                /* a code point cut in two */
      if (cp == NN_UTF8_INVALID && tok.kind != NN_TOKEN_INVALID) abort();
      if (cp != NN_UTF8_INVALID && (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE)) abort();
      if (data[i] >= 0x80) ascii = 0;
    }
    if (tok.kind == NN_TOKEN_INVALID) {
      n = nn_utf8_decode(data + tok.start, size - tok.start, &cp);
      if (cp != NN_UTF8_INVALID || n != tok.len) abort();
    }
    if (ascii != ((tok.flags & NN_TF_ASCII) != 0)) abort();
    if (ascii) {
      /* The content flags of an ASCII token say what its bytes hold. */
      int upper = 0, lower = 0, digit = 0, apos = 0;
      for (i = tok.start; i < e; i++) {
        upper |= data[i] >= 'A' && data[i] <= 'Z';
        lower |= data[i] >= 'a' && data[i] <= 'z';
        digit |= data[i] >= '0' && data[i] <= '9';
        apos |= data[i] == '\'';
      }
      if (((tok.flags & NN_TF_HAS_LETTER) != 0) != (upper || lower)) abort();
      if (((tok.flags & NN_TF_HAS_DIGIT) != 0) != digit) abort();
      if (((tok.flags & NN_TF_ALL_CAPS) != 0) != (upper && !lower)) abort();
      if (((tok.flags & NN_TF_LOWERCASE) != 0) != (lower && !upper)) abort();
      if (((tok.flags & NN_TF_CAPITALIZED) != 0) !=
          (data[tok.start] >= 'A' && data[tok.start] <= 'Z'))
        abort();
      if ((tok.flags & NN_TF_APOSTROPHE) && !apos) abort();
    }
    if (tiles && ((tok.flags & NN_TF_SPACE_AFTER) != 0) != (e < size && space_at(data, size, e, 1) > 0))
      abort();
    if ((tok.flags & NN_TF_POSSESSIVE) && opts->possessive == NN_POSSESSIVE_KEEP &&
        (tok.suffix_len == 0 || tok.suffix_len >= tok.len))
      abort();
    if (out && count < out_cap) out[count] = tok;
    end = e;
    count++;
  }
  if (tiles) {
    size_t n;
    for (i = end; i < size; i += n)
      if ((n = space_at(data, size, i, 1)) == 0) abort();
  }
  return count;
}

static int same_token(const nn_token *a, const nn_token *b)
{
  return a->start == b->start && a->len == b->len && a->kind == b->kind &&
         a->suffix_len == b->suffix_len && a->flags == b->flags;
}

/* The fast paths give the tokens of the general scanners with these options. */
static void check_fast_paths(const uint8_t *data, size_t size, const nn_tokenizer_opts *opts)
{
  nn_tokenizer fast, ref;
  nn_token a, b;
  int more;
  if (nn_tokenizer_init(&fast, (const char *)data, size, opts) != NN_OK) abort();
  if (nn_tokenizer_init(&ref, (const char *)data, size, opts) != NN_OK) abort();
  ref.reference = 1;
  do {
    more = nn_tokenizer_next(&fast, &a);
    if (more != nn_tokenizer_next(&ref, &b)) abort();
    if (more && !same_token(&a, &b)) abort();
  } while (more);
}

/* nn_tokenizer_fill_keys gives the batches of nn_tokenizer_fill, each token
 * either as its record or as its bytes (folded when asked, marked). */
static void check_keys(const uint8_t *data, size_t size, const nn_tokenizer_opts *opts,
                       int casefold)
{
  nn_tokenizer a, b;
  nn_token_keys keys;
  unsigned n, k;
  if (nn_tokenizer_init(&a, (const char *)data, size, opts) != NN_OK) abort();
  if (nn_tokenizer_init(&b, (const char *)data, size, opts) != NN_OK) abort();
  do {
    n = nn_tokenizer_fill_keys(&a, &keys, casefold);
    if (n != nn_tokenizer_fill(&b)) abort();
    for (k = 0; k < n; k++) {
      const nn_token *r = &b.batch[k];
      size_t i, klen = keys.len[k];
      if (klen == 0) {
        if (!same_token(&a.batch[k], r)) abort();
        continue;
      }
      if (klen != r->len || klen > 16 || !(r->flags & NN_TF_ASCII)) abort();
      for (i = 0; i < 16; i++) {
        unsigned char got = (unsigned char)(keys.words[k][i / 8] >> (8 * (i % 8))), want = 0;
        if (i < klen) {
          want = data[r->start + i];
          if (casefold && want >= 'A' && want <= 'Z') want = (unsigned char)(want + 32);
          if (i == klen - 1) want |= 0x80;
        }
        if (got != want) abort();
      }
    }
    a.head = a.count;
    b.head = b.count;
  } while (n != 0);
}

/* Counting gives the keys, in the same id order, and the counts of
 * counting the general scanners' tokens one by one (casefolded when asked,
 * skipped below min_chars characters). */
static void check_recount(const uint8_t *data, size_t size, const nn_count_opts *o)
{
  nn_counter c;
  nn_strmap ref;
  nn_tokenizer t;
  nn_token tok;
  nn_buf key;
  uint64_t *counts = calloc(size + 1, sizeof *counts);
  size_t id;
  if (!counts) abort();
  nn_count_init(&c, &nn_default_allocator);
  nn_strmap_init(&ref, &nn_default_allocator);
  nn_buf_init(&key, &nn_default_allocator);
  if (nn_count_text(&c, (const char *)data, size, o) != NN_OK) abort();
  if (nn_tokenizer_init(&t, (const char *)data, size, &o->tokens) != NN_OK) abort();
  t.reference = 1;
  while (nn_tokenizer_next(&t, &tok)) {
    uint32_t kid;
    size_t i, chars = 0;
    key.len = 0;
    if (o->casefold ? nn_token_casefold((const char *)data + tok.start, tok.len, &key) != NN_OK
                    : nn_buf_append(&key, (const char *)data + tok.start, tok.len) != NN_OK)
      abort();
    for (i = 0; i < key.len; i++) chars += ((unsigned char)key.data[i] & 0xC0) != 0x80;
    if (chars < o->min_chars) continue;
    if (nn_strmap_intern(&ref, key.data ? key.data : "", key.len, &kid) < 0) abort();
    counts[kid]++;
  }
  if (c.map.count != ref.count) abort();
  for (id = 0; id < ref.count; id++) {
    size_t na, nb;
    const char *ka = nn_strmap_key(&c.map, (uint32_t)id, &na);
    const char *kb = nn_strmap_key(&ref, (uint32_t)id, &nb);
    if (na != nb || memcmp(ka, kb, na) != 0 || c.counts[id] != counts[id]) abort();
  }
  free(counts);
  nn_buf_free(&key);
  nn_strmap_free(&ref);
  nn_count_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nn_tokenizer_opts opts = NN_TOKENIZER_OPTS_DEFAULT;
  nn_tokenizer t;
  nn_token tok, *fast = malloc((size + 1) * sizeof *fast);
  nn_count_opts copts;
  nn_counter counter;
  size_t n, k = 0, wordlike = 0, counted = 0, id;
  if (!fast) abort();

  /* Default options: the tokens and whitespace tile the input. */
  n = check_stream(data, size, &opts, 1, fast, size + 1);

  /* The fast paths agree with the general scanners, token for token. */
  if (nn_tokenizer_init(&t, (const char *)data, size, &opts) != NN_OK) abort();
  t.reference = 1;
  while (nn_tokenizer_next(&t, &tok)) {
    if (k >= n || !same_token(&tok, &fast[k])) abort();
    if ((NN_TOKEN_WORDLIKE >> tok.kind) & 1u) wordlike++;
    k++;
  }
  if (k != n) abort();

  /* The same with other options: a language list, possessives split or
   * stripped, hyphens split, some kinds only. */
  {
    static const nn_tokenizer_opts others[] = {
      { "en", NN_POSSESSIVE_SPLIT, 0, 0 },
      { NULL, NN_POSSESSIVE_STRIP, 1, 0 },
      { NULL, NN_POSSESSIVE_KEEP, 0, NN_TOKEN_WORDLIKE },
      { "de", NN_POSSESSIVE_KEEP, 1, (1u << NN_TOKEN_NUMBER) | (1u << NN_TOKEN_PUNCT) },
    };
    size_t o;
    for (o = 0; o < sizeof others / sizeof others[0]; o++) check_fast_paths(data, size, &others[o]);
  }

  /* Every other option set keeps the invariants; a language list too. */
  opts.split_hyphens = 1;
  check_stream(data, size, &opts, 1, NULL, 0);
  opts.split_hyphens = 0;
  opts.possessive = NN_POSSESSIVE_SPLIT;
  if (check_stream(data, size, &opts, 1, NULL, 0) < n) abort();
  opts.possessive = NN_POSSESSIVE_STRIP;
  check_stream(data, size, &opts, 0, NULL, 0);
  opts.possessive = NN_POSSESSIVE_KEEP;
  opts.lang = "en";
  check_stream(data, size, &opts, 1, NULL, 0);
  opts.lang = NULL;
  opts.kinds = NN_TOKEN_WORDLIKE;
  if (check_stream(data, size, &opts, 0, NULL, 0) != wordlike) abort();

  /* Counting, casefolded, sees every word-like token once. */
  memset(&copts, 0, sizeof copts);
  copts.tokens.kinds = NN_TOKEN_WORDLIKE;
  copts.casefold = 1;
  nn_count_init(&counter, &nn_default_allocator);
  if (nn_count_text(&counter, (const char *)data, size, &copts) != NN_OK) abort();
  for (id = counter.stopwords; id < counter.map.count; id++) counted += counter.counts[id];
  if (counted != wordlike) abort();
  {
    /* Each key's count is what a direct recount finds: fold every word-like
     * token and look it up. */
    uint64_t *expected = calloc(counter.map.count + 1, sizeof *expected);
    nn_buf key;
    if (!expected) abort();
    nn_buf_init(&key, &nn_default_allocator);
    opts.kinds = NN_TOKEN_WORDLIKE;
    if (nn_tokenizer_init(&t, (const char *)data, size, &opts) != NN_OK) abort();
    while (nn_tokenizer_next(&t, &tok)) {
      int64_t found;
      key.len = 0;
      if (nn_token_casefold((const char *)data + tok.start, tok.len, &key) != NN_OK) abort();
      found = nn_strmap_find(&counter.map, key.data ? key.data : "", key.len);
      if (found < 0) abort();
      expected[found]++;
    }
    for (id = 0; id < counter.map.count; id++)
      if (expected[id] != counter.counts[id]) abort();
    nn_buf_free(&key);
    free(expected);
  }
  nn_count_free(&counter);

  /* Counting reads most words as the scanner finds them: the same keys, in
   * the same order, as counting the general scanners' tokens, with every
   * option set. */
  {
    static const nn_tokenizer_opts others[] = {
      { NULL, NN_POSSESSIVE_KEEP, 0, NN_TOKEN_WORDLIKE },
      { NULL, NN_POSSESSIVE_KEEP, 0, 0 },
      { "en", NN_POSSESSIVE_SPLIT, 0, NN_TOKEN_WORDLIKE },
      { "de", NN_POSSESSIVE_STRIP, 1, (1u << NN_TOKEN_NUMBER) | (1u << NN_TOKEN_ABBREVIATION) },
    };
    size_t o;
    for (o = 0; o < 2 * sizeof others / sizeof others[0]; o++) {
      memset(&copts, 0, sizeof copts);
      copts.tokens = others[o % 4];
      copts.casefold = (int)(o / 4);
      copts.min_chars = o % 3 == 2 ? 3 : 0;
      check_recount(data, size, &copts);
      check_keys(data, size, &copts.tokens, copts.casefold);
    }
    memset(&copts, 0, sizeof copts);
    copts.tokens.kinds = NN_TOKEN_WORDLIKE;
  }

  /* Counting the text twice into one counter, as written, with stopwords
   * (the first word-like token and "the"): every other key twice its
   * recount, the stopwords nothing. */
  {
    uint64_t *expected;
    size_t rounds;
    nn_count_init(&counter, &nn_default_allocator);
    copts.casefold = 0;
    if (nn_tokenizer_init(&t, (const char *)data, size, &opts) != NN_OK) abort();
    if (nn_tokenizer_next(&t, &tok) &&
        nn_count_stopword(&counter, (const char *)data + tok.start, tok.len, 0) != NN_OK)
      abort();
    if (nn_count_stopword(&counter, "the", 3, 0) != NN_OK) abort();
    for (rounds = 0; rounds < 2; rounds++)
      if (nn_count_text(&counter, (const char *)data, size, &copts) != NN_OK) abort();
    expected = calloc(counter.map.count + 1, sizeof *expected);
    if (!expected) abort();
    if (nn_tokenizer_init(&t, (const char *)data, size, &opts) != NN_OK) abort();
    while (nn_tokenizer_next(&t, &tok)) {
      int64_t found = nn_strmap_find(&counter.map, (const char *)data + tok.start, tok.len);
      if (found < 0) abort();
      if ((size_t)found >= counter.stopwords) expected[found] += 2;
    }
    for (id = 0; id < counter.map.count; id++)
      if (expected[id] != counter.counts[id]) abort();
    free(expected);
    nn_count_free(&counter);
  }
  free(fast);
  return 0;
}
