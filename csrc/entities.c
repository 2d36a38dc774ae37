/* The entity finder's document: tokens, their types, sentences and their
 * case modes, the capitalization evidence of the whole text; and the
 * public entry points (nn_entities.h). */
#include <string.h>

#include "nn_entity_doc.h"
#include "nn_sentences.h"
#include "nn_tokenize.h"

static const char *const kind_names[] = { "person", "organization", "place", "other" };

const char *nn_entity_kind_name(int kind)
{
  return kind >= 0 && kind < 4 ? kind_names[kind] : NULL;
}

static void doc_init(nn_entity_doc *d, const nn_allocator *a)
{
  memset(d, 0, sizeof *d);
  d->alloc = a;
  nn_buf_init(&d->toks, a);
  nn_buf_init(&d->types, a);
  nn_buf_init(&d->sents, a);
  nn_buf_init(&d->ments, a);
  nn_buf_init(&d->forms, a);
  nn_buf_init(&d->phrase, a);
  nn_buf_init(&d->phrase2, a);
  nn_buf_init(&d->pairs, a);
  nn_buf_init(&d->sentbuf, a);
  nn_buf_init(&d->groups, a);
  nn_buf_init(&d->work, a);
  nn_buf_init(&d->work2, a);
  nn_buf_init(&d->work3, a);
  nn_strmap_init(&d->type_map, a);
  nn_strmap_init(&d->keys, a);
  nn_strmap_init(&d->names, a);
  nn_strmap_init(&d->words, a);
  nn_strmap_init(&d->acronyms, a);
}

static void doc_free(nn_entity_doc *d)
{
  nn_buf_free(&d->toks);
  nn_buf_free(&d->types);
  nn_buf_free(&d->sents);
  nn_buf_free(&d->ments);
  nn_buf_free(&d->forms);
  nn_buf_free(&d->phrase);
  nn_buf_free(&d->phrase2);
  nn_buf_free(&d->pairs);
  nn_buf_free(&d->sentbuf);
  nn_buf_free(&d->groups);
  nn_buf_free(&d->work);
  nn_buf_free(&d->work2);
  nn_buf_free(&d->work3);
  nn_strmap_free(&d->type_map);
  nn_strmap_free(&d->keys);
  nn_strmap_free(&d->names);
  nn_strmap_free(&d->words);
  nn_strmap_free(&d->acronyms);
}

void nn_entities_init(nn_entities *e, const nn_allocator *a)
{
  e->alloc = a;
  e->lang = NN_ENTITY_LANG_EN;
  nn_buf_init(&e->entities, a);
  nn_buf_init(&e->spans, a);
  nn_buf_init(&e->aliases, a);
  nn_buf_init(&e->strings, a);
  nn_buf_init(&e->mentions, a);
  e->doc = NULL;
}

void nn_entities_free(nn_entities *e)
{
  nn_buf_free(&e->entities);
  nn_buf_free(&e->spans);
  nn_buf_free(&e->aliases);
  nn_buf_free(&e->strings);
  nn_buf_free(&e->mentions);
  if (e->doc) {
    doc_free((nn_entity_doc *)e->doc);
    nn_free(e->alloc, e->doc, sizeof(nn_entity_doc));
    e->doc = NULL;
  }
}

long nn_entities_find(nn_entities *e, const char *s, size_t len, const nn_entity_opts *opts)
{
  nn_entity_doc *d;
  int lang = opts ? opts->lang : NN_ENTITY_LANG_AUTO;
  int r;
  if (lang < NN_ENTITY_LANG_AUTO || lang > NN_ENTITY_LANG_NONE) return NN_EARG;
  e->entities.len = e->spans.len = e->aliases.len = e->strings.len = e->mentions.len = 0;
  if (!e->doc) {
    d = (nn_entity_doc *)nn_alloc(e->alloc, sizeof *d);
    if (!d) return NN_ENOMEM;
    doc_init(d, e->alloc);
    e->doc = d;
  }
  d = (nn_entity_doc *)e->doc;
  r = nn_doc_read(d, s, len, lang);
  if (r == NN_OK) r = nn_doc_mentions(d);
  if (r == NN_OK) r = nn_doc_types(d);
  e->lang = d->english ? NN_ENTITY_LANG_EN : NN_ENTITY_LANG_NONE;
  if (r != NN_OK) return r;
  return nn_doc_records(d, e);
}

/* ---- types ---------------------------------------------------------------------------- */

/* Appends a form (lower or title case) of s[0..n) to doc->forms; stores its
 * place. */
static int add_form(nn_entity_doc *d, const char *s, size_t n, int title, size_t *off, size_t *len)
{
  size_t at = d->forms.len;
  int r = title ? nn_entity_append_title(&d->forms, s, n) : nn_entity_append_lower(&d->forms, s, n);
  *off = at;
  *len = d->forms.len - at;
  return r;
}

/* Is every "-"-separated part of the lower-case text a common word? */
static int hyphen_parts_common(const char *s, size_t n)
{
  size_t i = 0, parts = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '-') j++;
    if (j > i) {
      const nn_entity_entry *e = nn_entity_lookup(s + i, j - i);
      if (!e || NN_EW_LEVEL(e->word) > 50) return 0;
      parts++;
    }
    i = j + 1;
  }
  return parts > 0;
}

static int new_type(nn_entity_doc *d, const char *s, size_t n)
{
  nn_etype t;
  int r = nn_buf_reserve(&d->types, sizeof t);
  const char *low, *title;
  if (r != NN_OK) return r;
  memset(&t, 0, sizeof t);
  t.shape = nn_entity_shape(s, n, &t.nchars);
  t.exact = nn_entity_lookup(s, n);
  r = add_form(d, s, n, 0, &t.low_off, &t.low_len);
  if (r == NN_OK) r = add_form(d, s, n, 1, &t.title_off, &t.title_len);
  if (r != NN_OK) return r;
  low = d->forms.data + t.low_off;
  title = d->forms.data + t.title_off;
  t.low = (t.low_len == n && memcmp(low, s, n) == 0) ? t.exact : nn_entity_lookup(low, t.low_len);
  t.title = (t.title_len == n && memcmp(title, s, n) == 0) ? t.exact
                                                            : nn_entity_lookup(title, t.title_len);
  t.level = 99;
  if (d->english && t.low) t.level = (uint8_t)NN_EW_LEVEL(t.low->word);
  if (d->english && (t.shape & NN_SH_HYPHEN) && t.level == 99)
    t.hyphen_common = (uint8_t)hyphen_parts_common(low, t.low_len);
  t.lower_id = t.title_id = -1;
  memcpy(d->types.data + d->types.len, &t, sizeof t);
  d->types.len += sizeof t;
  return NN_OK;
}

/* ---- tokens --------------------------------------------------------------------------- */

static int push_token(nn_entity_doc *d, const nn_token *tok, unsigned flags)
{
  nn_etok t;
  uint32_t id;
  int r = nn_strmap_intern(&d->type_map, d->s + tok->start, tok->len, &id);
  if (r < 0) return r;
  if (r == 1) {
    r = new_type(d, d->s + tok->start, tok->len);
    if (r != NN_OK) return r;
  }
  t.start = tok->start;
  t.len = tok->len;
  t.type = id;
  t.sent = 0;
  t.tflags = tok->flags;
  t.kind = tok->kind;
  t.flags = (uint8_t)flags;
  return nn_buf_append(&d->toks, (const char *)&t, sizeof t);
}

/* Is tok the one character c? */
static int tok_is_char(const nn_entity_doc *d, const nn_token *tok, char c)
{
  return tok->len == 1 && d->s[tok->start] == c;
}

/* An initial: one upper-case ASCII letter. */
static int tok_is_initial(const nn_entity_doc *d, const nn_token *tok)
{
  return tok->len == 1 && tok->kind == NN_TOKEN_WORD && d->s[tok->start] >= 'A' &&
         d->s[tok->start] <= 'Z';
}

/* The tokens of the text, possessives split off ("Cambodia's" -> Cambodia
 * 's; CoNLL-style "England 's" gives the same two tokens), an initial kept
 * with its period ("J." of "J. Ratcliffe"). */
static int read_tokens(nn_entity_doc *d)
{
  nn_tokenizer it;
  nn_tokenizer_opts opts = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token cur, next;
  int have, have_next, r;
  size_t prev_end = 0;
  opts.lang = d->english ? "en" : NULL;
  opts.possessive = NN_POSSESSIVE_SPLIT;
  r = nn_tokenizer_init(&it, d->s, d->len, &opts);
  if (r != NN_OK) return r;
  have = nn_tokenizer_next(&it, &cur);
  while (have) {
    unsigned flags = 0;
    size_t k;
    int line_start = prev_end == 0;
    for (k = prev_end; k < cur.start; k++)
      if (d->s[k] == '\n') line_start = 1;
    have_next = nn_tokenizer_next(&it, &next);
    if (have_next && !(next.flags & NN_TF_SPACE_BEFORE)) {
      int possessive = tok_is_char(d, &cur, '\'') && (cur.flags & NN_TF_SPACE_BEFORE) &&
                       !line_start && tok_is_char(d, &next, 's');
      int initial = tok_is_initial(d, &cur) && tok_is_char(d, &next, '.');
      if (possessive || initial) {
        cur.len = next.start + next.len - cur.start;
        cur.kind = possessive ? NN_TOKEN_WORD : NN_TOKEN_ABBREVIATION;
        cur.flags = (uint16_t)((cur.flags & ~(NN_TF_SPACE_AFTER | NN_TF_NEWLINE_AFTER |
                                              NN_TF_PARAGRAPH_AFTER)) |
                               (next.flags & (NN_TF_SPACE_AFTER | NN_TF_NEWLINE_AFTER |
                                              NN_TF_PARAGRAPH_AFTER)));
        if (possessive) flags |= NN_ET_POSSESSIVE;
        have_next = nn_tokenizer_next(&it, &next);
      }
    }
    prev_end = cur.start + cur.len;
    if (cur.flags & NN_TF_SPACE_BEFORE) flags |= NN_ET_SPACE_BEFORE;
    if (line_start) flags |= NN_ET_LINE_START;
    if ((cur.flags & NN_TF_POSSESSIVE) &&
        (d->s[cur.start] == '\'' ||
         (cur.len >= 3 && memcmp(d->s + cur.start, "\342\200\231", 3) == 0)))
      flags |= NN_ET_POSSESSIVE;
    r = push_token(d, &cur, flags);
    if (r != NN_OK) return r;
    cur = next;
    have = have_next;
  }
  return NN_OK;
}

/* Resolves, for every type, the types of its lower- and title-case forms. */
static void link_forms(nn_entity_doc *d)
{
  size_t i, n = d->types.len / sizeof(nn_etype);
  for (i = 0; i < n; i++) {
    nn_etype *t = &NN_DOC_TYPE(d, i);
    t->lower_id = nn_strmap_find(&d->type_map, d->forms.data + t->low_off, t->low_len);
    t->title_id = nn_strmap_find(&d->type_map, d->forms.data + t->title_off, t->title_len);
  }
}

/* ---- language ------------------------------------------------------------------------- */

/* English unless the text has at least 20 lower-case words and fewer than
 * three in five are English words (the lexicon's or the function words):
 * English prose and results tables alike pass; German, French or Spanish
 * text does not. */
static int looks_english(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d), lower = 0, known = 0;
  for (i = 0; i < n; i++) {
    const nn_etype *t = nn_doc_type(d, i);
    if (!(t->shape & NN_SH_LOWER) || !(t->shape & NN_SH_ALPHA)) continue;
    lower++;
    if (t->level <= 50) known++;
  }
  return lower < 20 || known * 5 >= lower * 3;
}

/* ---- sentences ------------------------------------------------------------------------ */

static int is_text(const nn_entity_doc *d, size_t i, const char *lit)
{
  return nn_doc_tok_is(d, i, lit, strlen(lit));
}

static int is_dash(const nn_entity_doc *d, size_t i)
{
  return is_text(d, i, "-") || is_text(d, i, "--") || is_text(d, i, "\342\200\224") ||
         is_text(d, i, "\342\200\223");
}

/* Marks the tokens that start a sentence or a clause where English
 * capitalizes: the first word, the word after ":" or a dash, and a word
 * after an opening quote or bracket that opens the sentence or follows ":"
 * or ",". */
static void mark_initials(nn_entity_doc *d, const nn_esent *st)
{
  size_t i;
  int first = 1;
  for (i = st->first; i < st->end; i++) {
    nn_etok *t = &NN_DOC_TOK(d, i);
    if (first && (nn_doc_type(d, i)->shape & NN_SH_ALPHA)) {
      t->flags |= NN_ET_INITIAL;
      first = 0;
    }
    if (i + 1 < st->end) {
      int colon_dash = is_text(d, i, ":") || is_dash(d, i);
      int opener = is_text(d, i, "\"") || is_text(d, i, "\342\200\234") || is_text(d, i, "(");
      if (colon_dash ||
          (opener && (i == st->first || is_text(d, i - 1, ":") || is_text(d, i - 1, ","))))
        NN_DOC_TOK(d, i + 1).flags |= NN_ET_INITIAL;
    }
  }
}

static int case_mode(nn_entity_doc *d, const nn_esent *st)
{
  size_t i, words = 0, upper = 0, common = 0, common_cap = 0, seen = 0;
  int all_cap = 1, digit = 0, final_punct;
  for (i = st->first; i < st->end; i++) {
    const nn_etype *t = nn_doc_type(d, i);
    if (t->shape & NN_SH_DIGIT) digit = 1;
    if (!(t->shape & NN_SH_LETTERS2)) continue;
    words++;
    if (t->shape & NN_SH_ALLCAPS) upper++;
    if (!(t->shape & NN_SH_CAP)) all_cap = 0;
    if (seen++ > 0 && d->english && t->level <= 35 && !(NN_DOC_TOK(d, i).flags & NN_ET_INITIAL)) {
      common++;
      if (t->shape & NN_SH_CAP) common_cap++;
    }
  }
  if (words < 2) return NN_MODE_NORMAL;
  if (upper * 5 >= words * 3) return NN_MODE_CAPS;
  final_punct = is_text(d, st->end - 1, ".") || is_text(d, st->end - 1, "!") ||
                is_text(d, st->end - 1, "?") || is_text(d, st->end - 1, ":") ||
                is_text(d, st->end - 1, ",");
  if ((common >= 2 && common_cap * 5 >= common * 3 && (common_cap >= 3 || all_cap)) ||
      (all_cap && !final_punct && !digit))
    return NN_MODE_TITLE;
  return NN_MODE_NORMAL;
}

static int read_sentences(nn_entity_doc *d)
{
  nn_sentence_opts sopts;
  const nn_sentence *sv;
  size_t nsent, k, i = 0, ntok = NN_DOC_NTOKS(d), line = 0, scanned = 0;
  long r;
  nn_sentence_opts_init(&sopts);
  if (d->english) sopts.lang = nn_sentences_lang("en", 2);
  r = nn_sentences_split(d->s, d->len, &sopts, &d->sentbuf);
  if (r < 0) return (int)r;
  sv = (const nn_sentence *)(const void *)d->sentbuf.data;
  nsent = d->sentbuf.len / sizeof *sv;
  for (k = 0; k < nsent && i < ntok; k++) {
    nn_esent st;
    int rr;
    if (NN_DOC_TOK(d, i).start >= sv[k].stop) continue;
    /* The splitter's sentence, cut at line breaks: a headline, a dateline,
     * a table row or a list line is a unit of its own even when the
     * splitter reads on. */
    while (i < ntok && (NN_DOC_TOK(d, i).start < sv[k].stop || k + 1 == nsent)) {
      st.first = i;
      do {
        NN_DOC_TOK(d, i).sent = (uint32_t)(d->sents.len / sizeof(nn_esent));
        i++;
      } while (i < ntok && (NN_DOC_TOK(d, i).start < sv[k].stop || k + 1 == nsent) &&
               !(NN_DOC_TOK(d, i).flags & NN_ET_LINE_START));
      st.end = i;
      for (; scanned < NN_DOC_TOK(d, st.first).start; scanned++)
        if (d->s[scanned] == '\n') line++;
      st.line = line;
      st.mode = NN_MODE_NORMAL;
      rr = nn_buf_append(&d->sents, (const char *)&st, sizeof st);
      if (rr != NN_OK) return rr;
    }
  }
  if (i < ntok) { /* tokens after the last sentence (cannot happen; kept safe) */
    nn_esent st;
    st.first = i;
    st.end = ntok;
    st.line = line;
    st.mode = NN_MODE_NORMAL;
    for (; i < ntok; i++) NN_DOC_TOK(d, i).sent = (uint32_t)(d->sents.len / sizeof(nn_esent));
    return nn_buf_append(&d->sents, (const char *)&st, sizeof st);
  }
  return NN_OK;
}

/* ---- evidence ------------------------------------------------------------------------- */

/* The set of capitalized pairs "A B" seen in normal text with A not
 * sentence-initial: open addressing over uint64 keys (0 = empty). */
static uint64_t pair_key(uint32_t a, uint32_t b)
{
  return ((uint64_t)a << 32 | b) + 1;
}

static size_t pair_slot(uint64_t key, size_t mask)
{
  uint64_t h = key * 0x9E3779B97F4A7C15ULL;
  return (size_t)(h >> 20) & mask;
}

static void pair_add(nn_entity_doc *d, uint32_t a, uint32_t b)
{
  uint64_t *slots = (uint64_t *)(void *)d->pairs.data;
  size_t mask = d->pairs.len / sizeof(uint64_t) - 1;
  uint64_t key = pair_key(a, b);
  size_t i;
  for (i = pair_slot(key, mask);; i = (i + 1) & mask) {
    if (slots[i] == key) return;
    if (slots[i] == 0) {
      slots[i] = key;
      return;
    }
  }
}

int nn_doc_pair_seen(const nn_entity_doc *d, int64_t a, int64_t b)
{
  const uint64_t *slots = (const uint64_t *)(const void *)d->pairs.data;
  size_t mask, i;
  uint64_t key;
  if (a < 0 || b < 0 || d->pairs.len == 0) return 0;
  mask = d->pairs.len / sizeof(uint64_t) - 1;
  key = pair_key((uint32_t)a, (uint32_t)b);
  for (i = pair_slot(key, mask);; i = (i + 1) & mask) {
    if (slots[i] == key) return 1;
    if (slots[i] == 0) return 0;
  }
}

static int gather_evidence(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d), slots = 64, bytes;
  int r;
  while (slots < 2 * n + 2) {
    if (slots > ((size_t)-1 >> 2) / sizeof(uint64_t)) return NN_ETOOBIG;
    slots *= 2;
  }
  bytes = slots * sizeof(uint64_t);
  d->pairs.len = 0;
  r = nn_buf_reserve(&d->pairs, bytes);
  if (r != NN_OK) return r;
  memset(d->pairs.data, 0, bytes);
  d->pairs.len = bytes;
  for (i = 0; i < n; i++) {
    const nn_etok *t = &NN_DOC_TOK(d, i);
    nn_etype *ty = &NN_DOC_TYPE(d, t->type);
    if (NN_DOC_SENT(d, t->sent).mode != NN_MODE_NORMAL) continue;
    if (ty->shape & NN_SH_LOW_FIRST) {
      ty->lown++;
    } else if ((ty->shape & NN_SH_CAP) && !(t->flags & NN_ET_INITIAL)) {
      ty->capn++;
      if (i + 1 < n && NN_DOC_TOK(d, i + 1).sent == t->sent &&
          (nn_doc_type(d, i + 1)->shape & NN_SH_CAP))
        pair_add(d, t->type, NN_DOC_TOK(d, i + 1).type);
    }
  }
  return NN_OK;
}

/* ---- sports --------------------------------------------------------------------------- */

/* A sports report: the headline opens with one to three sport names before
 * "-" or ":" ("SOCCER - ...", "Boxing-Bruno quits"), or the text has at
 * least 30 lower-case words, 4% of them sports words, and two scores. */
static int is_sports(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d), lower = 0, hits = 0, scores = 0;
  if (!d->english || NN_DOC_NSENTS(d) == 0) return 0;
  {
    const nn_esent *head = &NN_DOC_SENT(d, 0);
    size_t words = 0;
    int all_sport = 1;
    for (i = head->first; i < head->end; i++) {
      if (is_dash(d, i) || is_text(d, i, ":")) break;
      words++;
      if (!(nn_ee_word(nn_entity_lookup(d->forms.data + nn_doc_type(d, i)->low_off,
                                        nn_doc_type(d, i)->low_len)) & NN_EW_SPORT))
        all_sport = 0;
    }
    if (words > 0 && words <= 3 && all_sport) return 1;
    if (head->end > head->first) {
      const nn_etype *t = nn_doc_type(d, head->first);
      const char *low = d->forms.data + t->low_off;
      const char *dash = memchr(low, '-', t->low_len);
      if (dash && (nn_ee_word(nn_entity_lookup(low, (size_t)(dash - low))) & NN_EW_SPORT)) return 1;
    }
  }
  for (i = 0; i < n; i++) {
    const nn_etype *t = nn_doc_type(d, i);
    if (t->shape & NN_SH_LOWER) {
      lower++;
      if (nn_ee_word(t->exact) & NN_EW_SPORTS) hits++;
    }
    if (t->shape & NN_SH_SCORE) scores++;
  }
  return lower >= 30 && hits * 25 >= lower && scores >= 2;
}

/* ---- the document --------------------------------------------------------------------- */

int nn_doc_read(nn_entity_doc *d, const char *s, size_t len, int lang)
{
  size_t k, nsent;
  int r;
  d->s = s;
  d->len = len;
  d->toks.len = d->types.len = d->sents.len = d->ments.len = d->forms.len = 0;
  d->sentbuf.len = d->groups.len = 0;
  nn_strmap_clear(&d->type_map);
  nn_strmap_clear(&d->keys);
  nn_strmap_clear(&d->names);
  nn_strmap_clear(&d->words);
  nn_strmap_clear(&d->acronyms);
  /* The tokens are read with English data first; a text found not to be
   * English is read again without it. */
  d->english = lang != NN_ENTITY_LANG_NONE;
  r = read_tokens(d);
  if (r != NN_OK) return r;
  if (lang == NN_ENTITY_LANG_AUTO && !looks_english(d)) {
    d->english = 0;
    d->toks.len = d->types.len = d->forms.len = 0;
    nn_strmap_clear(&d->type_map);
    r = read_tokens(d);
    if (r != NN_OK) return r;
  }
  link_forms(d);
  r = read_sentences(d);
  if (r != NN_OK) return r;
  nsent = NN_DOC_NSENTS(d);
  for (k = 0; k < nsent; k++) mark_initials(d, &NN_DOC_SENT(d, k));
  for (k = 0; k < nsent; k++) NN_DOC_SENT(d, k).mode = case_mode(d, &NN_DOC_SENT(d, k));
  r = gather_evidence(d);
  if (r != NN_OK) return r;
  d->sports = is_sports(d);
  return NN_OK;
}
