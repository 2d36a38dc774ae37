/* libFuzzer harness: the term pipeline, n-grams, the language guess,
 * collocations and corpus building on any text.  The first byte picks the
 * language and the options; the rest is the text.  Invariants: terms and
 * n-grams are non-empty valid UTF-8 and never stopwords at the edges; an
 * n-gram has n words; counts add up; word offsets lie in the text, in
 * order; a guess is a valid code with a confidence in [0, 1]; collocations
 * come best first; a corpus of the text survives a save and a load. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nn_termres res;
static int ready;

static const char *const langs[] = { NULL, "und", "en", "de", "fr", "ru", "it", "zh" };

static void check_keys(const nn_freqmap *m, unsigned spaces)
{
  uint64_t total = 0;
  size_t i, k;
  for (i = 0; i < m->map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&m->map, (uint32_t)i, &len);
    unsigned n = 0;
    if (len == 0 || nn_utf8_invalid_offset(key, len) != len) abort();
    for (k = 0; k < len; k++) n += key[k] == ' ';
    if (spaces != (unsigned)-1 && n != spaces) abort();
    if (m->rec[i].count == 0) abort();
    total += m->rec[i].count;
  }
  if (total != m->total) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data + 1;
  size_t n = size ? size - 1 : 0, i;
  nn_termopts o;
  nn_freqmap counts, words;
  nn_langguess g;
  nn_buf scratch;
  unsigned order;
  if (!ready) {
    if (nn_termres_init(&res, &nn_default_allocator) != NN_OK) abort();
    ready = 1;
  }
  if (size == 0) return 0;
  memset(&o, 0, sizeof o);
  o.lang = langs[data[0] & 7];
  o.stem = (data[0] >> 3) & 1;
  o.numbers = (data[0] >> 4) & 1;
  o.stop_mode = (data[0] >> 5) % 3;
  order = 1 + (data[0] >> 6);
  nn_freqmap_init(&counts, &nn_default_allocator, 0);
  nn_freqmap_init(&words, &nn_default_allocator, 0);
  nn_buf_init(&scratch, &nn_default_allocator);

  if (nn_terms_count(&res, &o, text, n, &scratch, &counts, &g) != NN_OK) abort();
  check_keys(&counts, (unsigned)-1);
  if (!nn_language_code_valid(g.code, strlen(g.code))) abort();
  nn_freqmap_clear(&counts);
  if (nn_terms_ngrams(&res, &o, text, n, order, &scratch, &words, &counts, &g) != NN_OK) abort();
  check_keys(&counts, order - 1);

  if (nn_language_guess(&res, text, n, 0, &g) != NN_OK) abort();
  if (!nn_language_code_valid(g.code, strlen(g.code))) abort();
  if (!(g.confidence >= 0 && g.confidence <= 1)) abort();
  if ((strcmp(g.code, "und") == 0) != (g.confidence == 0)) abort();

  /* Word offsets: in the text, in order, raw where they say. */
  {
    nn_wordstream ws;
    nn_word batch[16];
    size_t k, next = 0;
    if (nn_wordstream_init(&ws, o.lang, (o.numbers ? NN_WORDS_NUMBERS : 0) | NN_WORDS_GAPS,
                           text, n) != NN_OK)
      abort();
    while ((k = nn_wordstream_next(&ws, batch, 16)) > 0)
      for (i = 0; i < k; i++) {
        if (batch[i].offset < next || batch[i].raw_len == 0 ||
            batch[i].offset + batch[i].raw_len > n || batch[i].raw != text + batch[i].offset)
          abort();
        next = batch[i].offset + batch[i].raw_len;
      }
  }

  /* A corpus of the text, with collocations. */
  {
    nn_corpus c, d;
    nn_corpus_settings set;
    nn_buf f1, f2;
    nn_collocation *col;
    nn_collocation_opts co;
    size_t ncol;
    memset(&set, 0, sizeof set);
    if (o.lang) strcpy(set.lang, o.lang);
    set.stem = o.stem && o.lang;
    set.numbers = o.numbers;
    set.ngrams = 3;
    set.stop_mode = o.stop_mode;
    if (nn_corpus_init(&c, &nn_default_allocator, &set) != NN_OK) abort();
    if (nn_corpus_add(&c, &res, text, n, text, n < 8 ? n : 8, &g) != NN_OK) abort();
    if (nn_corpus_add(&c, &res, text, n, NULL, 0, &g) != NN_OK) abort();
    check_keys(&c.terms, (unsigned)-1);
    co.min_count = 1;
    co.min_n = 2;
    co.max_n = 3;
    co.top = 0;
    if (nn_collocations_rank(&c.ngrams, &co, &col, &ncol) != NN_OK) abort();
    for (i = 0; i < ncol; i++) {
      if (!(col[i].llr >= 0) || col[i].n < 2 || col[i].n > 3) abort();
      if (i && col[i - 1].llr < col[i].llr) abort();
    }
    nn_free(&nn_default_allocator, col, ncol * sizeof *col);
    nn_buf_init(&f1, &nn_default_allocator);
    nn_buf_init(&f2, &nn_default_allocator);
    if (nn_corpus_save(&c, &f1) != NN_OK) abort();
    if (nn_corpus_load(&d, &nn_default_allocator, f1.data, f1.len) != NN_OK) abort();
    if (nn_corpus_save(&d, &f2) != NN_OK) abort();
    if (!fuzz_same_bytes(f1.data, f1.len, f2.data, f2.len)) abort();
    nn_buf_free(&f1);
    nn_buf_free(&f2);
    nn_corpus_free(&c);
    nn_corpus_free(&d);
  }
  nn_freqmap_free(&counts);
  nn_freqmap_free(&words);
  nn_buf_free(&scratch);
  return 0;
}
