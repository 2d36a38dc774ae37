/* The term pipeline; see nn_terms.h. */
#include <stdint.h>
#include <string.h>

#include "nn_normalize.h"
#include "nn_terms.h"
#include "nn_utf8.h"
#include "unicode_data.h"

int nn_termres_init(nn_termres *r, const nn_allocator *a)
{
  r->alloc = a;
  nn_stemmers_init(&r->stemmers);
  return nn_langdb_init(&r->langdb, a);
}

void nn_termres_free(nn_termres *r)
{
  nn_stemmers_free(&r->stemmers);
  nn_langdb_free(&r->langdb);
}

/* ---- folding ------------------------------------------------------------------------- */

int nn_term_fold(nn_buf *out, const char *s, size_t n)
{
  nn_normalize_options o;
  size_t i, bad;
  int rc, changed;
  out->len = 0;
  if (nn_ascii_prefix(s, n) == n) {
    char *d;
    if ((rc = nn_buf_reserve(out, n)) != NN_OK) return rc;
    d = out->data;
    for (i = 0; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out->len = n;
    return NN_OK;
  }
  /* The text normalizer's NFC with full case folding, typographic
   * apostrophes as ', invisible characters dropped, invalid UTF-8 as
   * U+FFFD: the same folding as newsnlp.normalize. */
  nn_normalize_options_init(&o);
  o.casefold = 1;
  o.quotes = 1;
  o.invisible = 1;
  if ((rc = nn_normalize(s, n, &o, out, &changed, &bad)) != NN_OK) return rc;
  return changed ? NN_OK : nn_buf_append(out, s, n);
}

/* ---- word rules ---------------------------------------------------------------------- */

/* Elided clitics, written before an apostrophe (from the grammars of each
 * language): French articles, pronouns and conjunctions; Italian articles,
 * articulated prepositions and adjectives; Catalan articles and pronouns. */
static const char *const elisions_fr[] = {
  "c", "d", "j", "l", "m", "n", "qu", "s", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
  "presqu", "quelqu", NULL
};
static const char *const elisions_it[] = {
  "l", "un", "d", "c", "m", "n", "s", "t", "v", "dell", "dall", "nell", "sull", "all",
  "coll", "quell", "quest", "bell", "buon", "sant", "nessun", "tutt", NULL
};
static const char *const elisions_ca[] = { "l", "d", "m", "n", "s", "t", NULL };

static const char *const *elision_list(const char *lang)
{
  if (strcmp(lang, "fr") == 0) return elisions_fr;
  if (strcmp(lang, "it") == 0) return elisions_it;
  if (strcmp(lang, "ca") == 0) return elisions_ca;
  return NULL;
}

/* Strips an elided clitic ("l'" of "l'homme"); returns the new start. */
static size_t strip_elision(const char *lang, const char *w, size_t n)
{
  const char *const *list = elision_list(lang);
  const char *apos = memchr(w, '\'', n < 8 ? n : 8);
  size_t k, at;
  if (!list || !apos) return 0;
  at = (size_t)(apos - w);
  if (at == 0 || at + 1 >= n) return 0;
  for (k = 0; list[k]; k++)
    if (strlen(list[k]) == at && memcmp(list[k], w, at) == 0) return at + 1;
  return 0;
}

/* ---- the pipeline -------------------------------------------------------------------- */

int nn_pipeline_init(nn_pipeline *p, nn_termres *res, const nn_termopts *opts)
{
  const char *lang = opts->lang ? opts->lang : NN_LANG_UNDETERMINED;
  size_t n = strlen(lang), k;
  const nn_language *info = nn_language_find(lang, n);
  int status = NN_OK;
  p->res = res;
  if (n > NN_LANG_CODE_MAX) n = NN_LANG_CODE_MAX;
  memcpy(p->lang, lang, n);
  p->lang[n] = '\0';
  p->rules = info ? info->rules : 0;
  p->stop_mode = opts->stop_mode;
  p->extra = opts->extra;
  p->numbers = opts->numbers;
  p->stop_bit = 0;
  for (k = 0; k < res->langdb.nlists; k++)
    if (strcmp(res->langdb.code[k], p->lang) == 0) p->stop_bit = (uint32_t)1 << k;
  p->stemmer = NULL;
  if (opts->stem) {
    p->stemmer = nn_stemmers_get(&res->stemmers, p->lang, &status);
    if (status != NN_OK) return status;
  }
  nn_buf_init(&p->fold, res->alloc);
  return NN_OK;
}

void nn_pipeline_free(nn_pipeline *p)
{
  nn_buf_free(&p->fold);
  p->res = NULL;
}

static int is_stopword(const nn_pipeline *p, const char *w, size_t n)
{
  if (p->stop_mode == NN_STOP_NONE) return 0;
  if (p->extra && p->extra->count && nn_strmap_find(p->extra, w, n) >= 0) return 1;
  if (p->stop_mode == NN_STOP_BUILTIN && p->stop_bit) {
    int64_t id = nn_strmap_find(&p->res->langdb.words, w, n);
    return id >= 0 && (p->res->langdb.mask[id] & p->stop_bit) != 0;
  }
  return 0;
}

int nn_pipeline_word(nn_pipeline *p, nn_word *w)
{
  const char *f;
  size_t n, start;
  int rc, full_stop;
  p->fold.len = 0;
  if ((rc = nn_term_fold(&p->fold, w->raw, w->raw_len)) != NN_OK) return rc;
  f = p->fold.data ? p->fold.data : "";
  n = p->fold.len;
  /* A listed contraction is a stopword whole ("let's", "c'est"). */
  full_stop = (p->rules & (NN_LANG_POSSESSIVE | NN_LANG_ELISION)) && memchr(f, '\'', n) &&
              is_stopword(p, f, n);
  /* English possessives: Cambodia's, and the plural workers'. */
  if ((p->rules & NN_LANG_POSSESSIVE) && n > 2 && f[n - 2] == '\'' && f[n - 1] == 's') n -= 2;
  else if ((p->rules & NN_LANG_POSSESSIVE) && n > 1 && f[n - 1] == '\'') n -= 1;
  start = (p->rules & NN_LANG_ELISION) ? strip_elision(p->lang, f, n) : 0;
  w->folded = f + start;
  w->folded_len = n - start;
  w->stop = full_stop || is_stopword(p, w->folded, w->folded_len);
  w->term = w->folded;
  w->term_len = w->folded_len;
  if (p->stemmer && !w->stop && w->folded_len > 0) {
    rc = nn_stem(p->stemmer, w->folded, w->folded_len, &w->term, &w->term_len);
    if (rc != NN_OK) return rc;
  }
  return NN_OK;
}

/* ---- running over a text ------------------------------------------------------------- */

/* Token kinds that are words for terms; number-like kinds are words only
 * when numbers are terms; every other kind (punctuation, symbols, URLs,
 * e-mail addresses, emoji, invalid bytes) is a gap. */
#define WORD_KINDS                                                                     \
  (NN_TOKEN_WORDLIKE | (1u << NN_TOKEN_HASHTAG) | (1u << NN_TOKEN_MENTION))
#define NUMBER_KINDS                                                                   \
  ((1u << NN_TOKEN_NUMBER) | (1u << NN_TOKEN_ORDINAL) | (1u << NN_TOKEN_TIME) |        \
   (1u << NN_TOKEN_DATE) | (1u << NN_TOKEN_MONEY) | (1u << NN_TOKEN_PERCENT))

int nn_wordstream_init(nn_wordstream *ws, const char *lang, unsigned flags, const char *s,
                       size_t n)
{
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  int known = lang && strcmp(lang, NN_LANG_UNDETERMINED) != 0;
  /* The tokenizer's abbreviation list of the language.  Possessives stay
   * in the token: the pipeline strips them, after looking up contractions
   * such as "let's" whole. */
  if (known) o.lang = lang;
  o.possessive = NN_POSSESSIVE_KEEP;
  ws->flags = flags;
  ws->gap = (flags & NN_WORDS_GAPS) != 0;
  ws->sent_stop = 0;
  ws->sent_more = (flags & NN_WORDS_GAPS) != 0;
  if (!(flags & NN_WORDS_GAPS))
    o.kinds = WORD_KINDS | ((flags & NN_WORDS_NUMBERS) ? NUMBER_KINDS : 0);
  if (ws->sent_more) {
    nn_sentence_opts so;
    nn_sentence_opts_init(&so);
    if (known) so.lang = nn_sentences_lang(lang, strlen(lang));
    nn_sentences_init(&ws->sit, s, n, &so);
  }
  return nn_tokenizer_init(&ws->tok, s, n, &o);
}

/* Whether a word at offset starts a new sentence: moves the sentence
 * iterator up to the sentence that holds it. */
static int new_sentence(nn_wordstream *ws, size_t offset)
{
  nn_sentence sent;
  int moved = 0;
  while (offset >= ws->sent_stop && ws->sent_more) {
    ws->sent_more = nn_sentences_next(&ws->sit, &sent);
    if (ws->sent_more) ws->sent_stop = sent.stop;
    moved = 1;
  }
  return moved;
}

size_t nn_wordstream_next(nn_wordstream *ws, nn_word *out, size_t max)
{
  nn_token tok;
  size_t k = 0;
  int numbers = (ws->flags & NN_WORDS_NUMBERS) != 0;
  while (k < max && nn_tokenizer_next(&ws->tok, &tok)) {
    uint32_t bit = 1u << tok.kind;
    nn_word *w;
    if ((ws->flags & NN_WORDS_GAPS) && new_sentence(ws, tok.start)) ws->gap = 1;
    if (!(bit & WORD_KINDS) && !(numbers && (bit & NUMBER_KINDS))) {
      ws->gap = 1;
      continue;
    }
    w = &out[k++];
    w->raw = ws->tok.s + tok.start;
    w->raw_len = tok.len;
    w->offset = tok.start;
    w->gap = ws->gap;
    w->number = (bit & NUMBER_KINDS) != 0;
    w->folded = w->term = NULL;
    w->folded_len = w->term_len = 0;
    w->stop = 0;
    /* A blank line ends a paragraph, and a heading without punctuation. */
    ws->gap = (ws->flags & NN_WORDS_GAPS) && (tok.flags & NN_TF_PARAGRAPH_AFTER);
  }
  return k;
}

/* Adds the evidence of one word to a language score: its letters, and,
 * when it is written in a script with stopword profiles, its folded form. */
static int score_word(nn_termres *res, nn_langscore *sc, nn_buf *fold, const char *w, size_t n)
{
  int rc, script = nn_langscore_letters(sc, w, n);
  if (!nn_langdb_has_script(&res->langdb, script)) return NN_OK;
  fold->len = 0;
  if ((rc = nn_term_fold(fold, w, n)) != NN_OK) return rc;
  if (fold->len) nn_langscore_stopword(&res->langdb, sc, fold->data, fold->len);
  return NN_OK;
}

int nn_language_guess(nn_termres *res, const char *s, size_t n, size_t max_words,
                      nn_langguess *g)
{
  nn_tokenizer t;
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token tok;
  nn_langscore sc;
  nn_buf fold;
  size_t words = 0;
  int rc;
  o.kinds = NN_TOKEN_WORDLIKE | (1u << NN_TOKEN_INVALID);
  if ((rc = nn_tokenizer_init(&t, s, n, &o)) != NN_OK) return rc;
  nn_langscore_init(&sc);
  nn_buf_init(&fold, res->alloc);
  while ((max_words == 0 || words < max_words) && nn_tokenizer_next(&t, &tok)) {
    if (tok.kind == NN_TOKEN_INVALID) {
      sc.invalid += tok.len;
      continue;
    }
    words++;
    if ((rc = score_word(res, &sc, &fold, s + tok.start, tok.len)) != NN_OK) break;
    /* Reading on would not change the answer. */
    if (words % NN_WORD_BATCH == 0 && nn_langscore_settled(&res->langdb, &sc)) break;
  }
  nn_buf_free(&fold);
  if (rc == NN_OK) nn_langscore_decide(&res->langdb, &sc, g);
  return rc;
}

int nn_langscore_words(nn_termres *res, nn_langscore *sc, const nn_word *w, size_t count)
{
  nn_buf fold;
  size_t i;
  int rc = NN_OK;
  nn_buf_init(&fold, res->alloc);
  for (i = 0; i < count && rc == NN_OK; i++) {
    /* The guess reads words, not numbers. */
    if (w[i].number) continue;
    rc = score_word(res, sc, &fold, w[i].raw, w[i].raw_len);
  }
  nn_buf_free(&fold);
  return rc;
}

int nn_terms_process(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                     nn_buf *scratch, nn_batch_fn fn, void *ud, nn_langguess *used)
{
  return nn_terms_process_keep(res, opts, s, n, scratch, NULL, fn, ud, used);
}

int nn_terms_process_keep(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                          nn_buf *scratch, nn_pipeline *keep, nn_batch_fn fn, void *ud,
                          nn_langguess *used)
{
  nn_wordstream ws;
  nn_word batch[NN_WORD_BATCH];
  nn_termopts o = *opts;
  nn_pipeline local, *p = keep ? keep : &local;
  size_t k, ahead = 0, i;
  unsigned flags = (o.numbers ? NN_WORDS_NUMBERS : 0) | (o.gaps ? NN_WORDS_GAPS : 0);
  int rc;
  if (o.lang) {
    size_t len = strlen(o.lang);
    if (len > NN_LANG_CODE_MAX) return NN_EARG;
    memcpy(used->code, o.lang, len + 1);
    used->confidence = 1;
    if ((rc = nn_wordstream_init(&ws, o.lang, flags, s, n)) != NN_OK) return rc;
  } else {
    /* Read the words ahead that the guess needs, language-neutrally, a
     * batch at a time until the evidence is settled. */
    nn_word *look;
    nn_langscore sc;
    size_t bytes = NN_GUESS_WORDS * sizeof *look;
    if ((rc = nn_wordstream_init(&ws, NULL, flags, s, n)) != NN_OK) return rc;
    scratch->len = 0;
    if ((rc = nn_buf_reserve(scratch, bytes)) != NN_OK) return rc;
    look = (nn_word *)(void *)scratch->data;
    nn_langscore_init(&sc);
    while (ahead < NN_GUESS_WORDS) {
      size_t want = NN_GUESS_WORDS - ahead < NN_WORD_BATCH ? NN_GUESS_WORDS - ahead : NN_WORD_BATCH;
      k = nn_wordstream_next(&ws, look + ahead, want);
      if (k == 0) break;
      if ((rc = nn_langscore_words(res, &sc, look + ahead, k)) != NN_OK) return rc;
      ahead += k;
      if (nn_langscore_settled(&res->langdb, &sc)) break;
    }
    nn_langscore_decide(&res->langdb, &sc, used);
    o.lang = used->code;
  }
  /* A kept pipeline serves while the language stays the same. */
  if (!keep || !keep->res || strcmp(keep->lang, o.lang) != 0) {
    if (keep && keep->res) nn_pipeline_free(keep);
    if ((rc = nn_pipeline_init(p, res, &o)) != NN_OK) {
      p->res = NULL;
      return rc;
    }
  }
  for (i = 0; i < ahead && rc == NN_OK; i += k) {
    k = ahead - i < NN_WORD_BATCH ? ahead - i : NN_WORD_BATCH;
    rc = fn(ud, p, (nn_word *)(void *)scratch->data + i, k);
  }
  while (rc == NN_OK && (k = nn_wordstream_next(&ws, batch, NN_WORD_BATCH)) > 0)
    rc = fn(ud, p, batch, k);
  if (!keep) nn_pipeline_free(p);
  return rc;
}

static int count_terms(void *ud, nn_pipeline *p, nn_word *w, size_t count)
{
  size_t i;
  int rc;
  for (i = 0; i < count; i++) {
    if ((rc = nn_pipeline_word(p, &w[i])) != NN_OK) return rc;
    if (w[i].stop || w[i].term_len == 0) continue;
    if ((rc = nn_freqmap_add(ud, w[i].term, w[i].term_len, 1, NULL)) != NN_OK) return rc;
  }
  return NN_OK;
}

int nn_terms_count(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                   nn_buf *scratch, nn_freqmap *out, nn_langguess *used)
{
  return nn_terms_process(res, opts, s, n, scratch, count_terms, out, used);
}

typedef struct ngram_state {
  unsigned order;
  nn_freqmap *words, *out;
  uint32_t window[NN_NGRAM_MAX];  /* ids in words, most recent last */
  uint8_t stop[NN_NGRAM_MAX];
  unsigned filled;
  nn_buf key;
} ngram_state;

static int count_ngram(ngram_state *st, const nn_word *w)
{
  uint32_t id;
  unsigned k;
  int rc;
  if (w->gap) st->filled = 0;
  if (w->term_len == 0) {
    st->filled = 0;
    return NN_OK;
  }
  if ((rc = nn_freqmap_add(st->words, w->term, w->term_len, 1, &id)) != NN_OK) return rc;
  if (st->filled == st->order) {
    for (k = 1; k < st->filled; k++) {
      st->window[k - 1] = st->window[k];
      st->stop[k - 1] = st->stop[k];
    }
    st->filled--;
  }
  st->window[st->filled] = id;
  st->stop[st->filled] = (uint8_t)(w->stop != 0);
  st->filled++;
  if (st->filled < st->order || st->stop[0] || w->stop) return NN_OK;
  st->key.len = 0;
  for (k = 0; k < st->order; k++) {
    size_t len;
    const char *t = nn_strmap_key(&st->words->map, st->window[k], &len);
    if (k && (rc = nn_buf_append_byte(&st->key, ' ')) != NN_OK) return rc;
    if ((rc = nn_buf_append(&st->key, t, len)) != NN_OK) return rc;
  }
  return nn_freqmap_add(st->out, st->key.data, st->key.len, 1, NULL);
}

static int count_ngrams(void *ud, nn_pipeline *p, nn_word *w, size_t count)
{
  size_t i;
  int rc;
  for (i = 0; i < count; i++) {
    if ((rc = nn_pipeline_word(p, &w[i])) != NN_OK) return rc;
    if ((rc = count_ngram(ud, &w[i])) != NN_OK) return rc;
  }
  return NN_OK;
}

int nn_terms_ngrams(nn_termres *res, const nn_termopts *opts, const char *s, size_t n,
                    unsigned order, nn_buf *scratch, nn_freqmap *words, nn_freqmap *out,
                    nn_langguess *used)
{
  ngram_state st;
  nn_termopts o;
  int rc;
  if (order < 1 || order > NN_NGRAM_MAX) return NN_EARG;
  nn_freqmap_clear(words);
  st.order = order;
  st.words = words;
  st.out = out;
  st.filled = 0;
  nn_buf_init(&st.key, res->alloc);
  o = *opts;
  o.gaps = 1;
  rc = nn_terms_process(res, &o, s, n, scratch, count_ngrams, &st, used);
  nn_buf_free(&st.key);
  return rc;
}
