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
  nn_buf_init(&d->word_slots, a);
  nn_buf_init(&d->type_slots, a);
  nn_buf_init(&d->word_data, a);

  nn_strmap_init(&d->keys, a);
  nn_strmap_init(&d->names, a);
  nn_strmap_init(&d->words, a);
  nn_strmap_init(&d->acronyms, a);
  nn_article_init(&d->article, a);
  nn_buf_init(&d->masked, a);
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
  nn_buf_free(&d->word_slots);
  nn_buf_free(&d->type_slots);
  nn_buf_free(&d->word_data);

  nn_strmap_free(&d->keys);
  nn_strmap_free(&d->names);
  nn_strmap_free(&d->words);
  nn_strmap_free(&d->acronyms);
  nn_article_free(&d->article);
  nn_buf_free(&d->masked);
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

/* Points *s at a copy of the text whose boilerplate lines are spaces, when it
 * has any: offsets stay those of the text, and nothing there reads as a name. */
static int mask_boilerplate(nn_entity_doc *d, const char **s, size_t len, int lang)
{
  const nn_article_boilerplate *b;
  size_t i, n;
  nn_sentence_opts so;
  int r;
  nn_sentence_opts_init(&so);
  so.lang = lang == NN_ENTITY_LANG_EN ? nn_sentences_lang("en", 2) : NN_LANG_NEUTRAL;
  if ((r = nn_article_parse(&d->article, *s, len, &so)) != NN_OK) return r;
  n = d->article.boilerplate.len / sizeof *b;
  if (n == 0) return NN_OK;
  b = (const nn_article_boilerplate *)(const void *)d->article.boilerplate.data;
  d->masked.len = 0;
  if ((r = nn_buf_append(&d->masked, *s, len)) != NN_OK) return r;
  for (i = 0; i < n; i++) {
    size_t k;
    for (k = b[i].start; k < b[i].stop && k < len; k++)
      if (d->masked.data[k] != '\n') d->masked.data[k] = ' ';
  }
  *s = d->masked.data;
  return NN_OK;
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
  if (opts && opts->structure && (r = mask_boilerplate(d, &s, len, lang)) != NN_OK) return r;
  r = nn_doc_read(d, s, len, lang);
  if (r == NN_OK) r = nn_doc_mentions(d);
  if (r == NN_OK) r = nn_doc_types(d);
  e->lang = d->english ? NN_ENTITY_LANG_EN : NN_ENTITY_LANG_NONE;
  if (r != NN_OK) return r;
  return nn_doc_records(d, e);
}

/* ---- types ---------------------------------------------------------------------------- */

/* Appends a form (lower or title case) of the text at forms[from..from+n)
 * to doc->forms; stores its place. */
static int add_form(nn_entity_doc *d, size_t from, size_t n, int title, uint32_t *off,
                    uint32_t *len)
{
  size_t at = d->forms.len;
  int r;
  /* A character's case mapping takes at most 3 bytes for 2, so with this
   * room the buffer does not move while it reads from itself. */
  if (n > ((size_t)-1 - 8) / 2) return NN_ETOOBIG;
  r = nn_buf_reserve(&d->forms, 2 * n + 8);
  if (r != NN_OK) return r;
  r = title ? nn_entity_append_title(&d->forms, d->forms.data + from, n)
            : nn_entity_append_lower(&d->forms, d->forms.data + from, n);
  if (d->forms.len > UINT32_MAX) return NN_ETOOBIG;
  *off = (uint32_t)at;
  *len = (uint32_t)(d->forms.len - at);
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

/* The code of a word or mark the rules name. */
static int word_code(const char *s, size_t n)
{
  static const struct {
    const char *text;
    int code;
  } codes[] = {
    { "of", NN_C_OF }, { "for", NN_C_FOR }, { "and", NN_C_AND }, { "in", NN_C_IN },
    { "on", NN_C_ON }, { "or", NN_C_OR }, { "the", NN_C_THE }, { "The", NN_C_THE_CAP },
    { "THE", NN_C_THE_CAP }, { "who", NN_C_WHO }, { "I", NN_C_I }, { ",", NN_C_COMMA },
    { ":", NN_C_COLON }, { "-", NN_C_DASH }, { "--", NN_C_DASH },
    { "\342\200\223", NN_C_DASH }, { "\342\200\224", NN_C_DASH }, { "\"", NN_C_QUOTE },
    { "\342\200\234", NN_C_QUOTE }, { "(", NN_C_LPAREN }, { ")", NN_C_RPAREN },
    { "&", NN_C_AMP }, { ".", NN_C_PERIOD }, { "!", NN_C_EXCL }, { "?", NN_C_QUEST },
    { "No.", NN_C_NUMERO }, { "No", NN_C_NUMERO },
  };
  size_t i;
  if (n > 3) return NN_C_NONE;
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (strlen(codes[i].text) == n && memcmp(codes[i].text, s, n) == 0) return codes[i].code;
  return NN_C_NONE;
}

static int little_endian(void)
{
  const uint16_t one = 1;
  unsigned char first;
  memcpy(&first, &one, 1);
  return first == 1;
}

/* Up to 8 bytes of s as a little-endian number, the same value wherever
 * the bytes lie; in one load when 8 bytes can be read (s + 8 <= end). */
static uint64_t load_bytes(const unsigned char *s, size_t n, const unsigned char *end)
{
  uint64_t w = 0;
  size_t i;
  if (n > 0 && end - s >= 8 && little_endian()) {
    memcpy(&w, s, 8);
    return n >= 8 ? w : w & (((uint64_t)1 << (8 * n)) - 1);
  }
  for (i = n; i > 0; i--) w = (w << 8) | s[i - 1];
  return w;
}

/* A hash of a token text s[0..n), 8 bytes at a time (most texts take one
 * step); bytes up to end may be read. */
static uint64_t text_hash(const char *s, size_t n, const char *end)
{
  const uint64_t k = 0x9E3779B97F4A7C15ULL;
  const unsigned char *u = (const unsigned char *)s, *e = (const unsigned char *)end;
  uint64_t h = (uint64_t)n * k;
  while (n > 8) {
    h = (h ^ load_bytes(u, 8, e)) * k;
    h ^= h >> 31;
    u += 8;
    n -= 8;
  }
  h = (h ^ load_bytes(u, n, e)) * k;
  return h ^ (h >> 29);
}

/* The kept words are a hash table of their own: a slot leads straight to
 * the word, which holds its hash, its text and its data together. */
#define KEPT(d) ((nn_ekept *)(void *)(d)->word_data.data)
#define KEPT_COUNT(d) ((d)->word_data.len / sizeof(nn_ekept))

static int same_text(const char *a, const char *b, size_t n)
{
  size_t i;
  if (n > 16) return memcmp(a, b, n) == 0;
  for (i = 0; i < n; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

/* The same, for a document text a (a + 8 may be read up to a_end) and b
 * (up to b_end): short texts compare in one step. */
static int same_text_fast(const char *a, const char *a_end, const char *b, const char *b_end,
                          size_t n)
{
  if (n <= 8)
    return load_bytes((const unsigned char *)a, n, (const unsigned char *)a_end) ==
           load_bytes((const unsigned char *)b, n, (const unsigned char *)b_end);
  return same_text(a, b, n);
}

#define KSLOTS(d) ((nn_kslot *)(void *)(d)->word_slots.data)
#define KSLOT_COUNT(d) ((d)->word_slots.len / sizeof(nn_kslot))

/* The index of the kept word s[0..n) (readable up to end) with hash h, or -1. */
static int64_t kept_find(const nn_entity_doc *d, const char *s, size_t n, uint64_t h,
                         const char *end)
{
  const nn_kslot *slots = KSLOTS(d);
  uint64_t prefix;
  size_t mask, i;
  if (d->word_slots.len == 0) return -1;
  prefix = load_bytes((const unsigned char *)s, n < 8 ? n : 8, (const unsigned char *)end);
  mask = KSLOT_COUNT(d) - 1;
  for (i = (size_t)h & mask; slots[i].word; i = (i + 1) & mask) {
    const nn_kslot *k = &slots[i];
    if (k->hash == h && k->len == n && k->prefix == prefix &&
        (n <= 8 || same_text(d->forms.data + KEPT(d)[k->word - 1].key_off + 8, s + 8, n - 8)))
      return (int64_t)(k->word - 1);
  }
  return -1;
}

/* Doubles the slots (load at most one half) and places every word again. */
static int kept_grow(nn_entity_doc *d)
{
  size_t nslots = KSLOT_COUNT(d), i, mask, want = nslots ? nslots * 2 : 1024;
  nn_kslot *old, *slots;
  nn_buf fresh;
  int r;
  if (want > ((size_t)-1 >> 2) / sizeof(nn_kslot)) return NN_ETOOBIG;
  nn_buf_init(&fresh, d->alloc);
  r = nn_buf_reserve(&fresh, want * sizeof(nn_kslot));
  if (r != NN_OK) return r;
  slots = (nn_kslot *)(void *)fresh.data;
  memset(slots, 0, want * sizeof(nn_kslot));
  fresh.len = want * sizeof(nn_kslot);
  mask = want - 1;
  old = KSLOTS(d);
  for (i = 0; i < nslots; i++) {
    size_t j;
    if (!old[i].word) continue;
    j = (size_t)old[i].hash & mask;
    while (slots[j].word) j = (j + 1) & mask;
    slots[j] = old[i];
  }
  nn_buf_free(&d->word_slots);
  d->word_slots = fresh;
  return NN_OK;
}

/* The kept word of s[0..n) (readable up to end) with hash h, looked up in
 * the data when new. */
static int intern_word(nn_entity_doc *d, const char *s, size_t n, uint64_t h, const char *end,
                       uint32_t *id_out)
{
  nn_ekept k;
  nn_eword *w = &k.w;
  int64_t found = kept_find(d, s, n, h, end);
  size_t count = KEPT_COUNT(d), mask, j;
  const char *key, *low, *title;
  nn_kslot slot;
  int r;
  if (found >= 0) {
    *id_out = (uint32_t)found;
    return NN_OK;
  }
  if (n > UINT32_MAX || count >= UINT32_MAX - 1 || d->forms.len > UINT32_MAX - n)
    return NN_ETOOBIG;
  if ((count + 1) * 2 > KSLOT_COUNT(d)) {
    r = kept_grow(d);
    if (r != NN_OK) return r;
  }
  slot.hash = h;
  slot.prefix = load_bytes((const unsigned char *)s, n < 8 ? n : 8, (const unsigned char *)end);
  slot.len = (uint32_t)n;
  slot.word = (uint32_t)(count + 1);
  memset(&k, 0, sizeof k);
  k.key_off = (uint32_t)d->forms.len;
  k.key_len = (uint32_t)n;
  /* s may lie in d->forms, which grows: copy it first, then read the copy. */
  r = nn_buf_append(&d->forms, s, n);
  if (r != NN_OK) return r;
  key = d->forms.data + k.key_off;
  w->shape = nn_entity_shape(key, n, &w->nchars);
  w->code = (uint8_t)word_code(key, n);
  w->exact = nn_entity_lookup(key, n);
  r = add_form(d, k.key_off, n, 0, &w->low_off, &w->low_len);
  if (r == NN_OK) r = add_form(d, k.key_off, n, 1, &w->title_off, &w->title_len);
  if (r != NN_OK) return r;
  key = d->forms.data + k.key_off;
  low = d->forms.data + w->low_off;
  title = d->forms.data + w->title_off;
  w->low = (w->low_len == n && memcmp(low, key, n) == 0) ? w->exact
                                                          : nn_entity_lookup(low, w->low_len);
  w->title = (w->title_len == n && memcmp(title, key, n) == 0)
               ? w->exact
               : nn_entity_lookup(title, w->title_len);
  w->level_ = w->low ? (uint8_t)NN_EW_LEVEL(w->low->word) : 99;
  if ((w->shape & NN_SH_HYPHEN) && w->level_ == 99)
    w->hyphen_common_ = (uint8_t)hyphen_parts_common(low, w->low_len);
  r = nn_buf_append(&d->word_data, (const char *)&k, sizeof k);
  if (r != NN_OK) return r;
  mask = KSLOT_COUNT(d) - 1;
  j = (size_t)h & mask;
  while (KSLOTS(d)[j].word) j = (j + 1) & mask;
  KSLOTS(d)[j] = slot;
  *id_out = (uint32_t)count;
  return NN_OK;
}

/* The document's types have a small table of their own, which stays in
 * cache while the document is read: the kept words are looked up once per
 * distinct text, not once per token. */
static int64_t doc_type_find(const nn_entity_doc *d, const char *s, size_t n, uint64_t h,
                             const char *s_end)
{
  const char *text_end = d->s + d->len;
  const uint32_t *slots = (const uint32_t *)(const void *)d->type_slots.data;
  size_t mask, i;
  if (d->type_slots.len == 0) return -1;
  mask = d->type_slots.len / sizeof(uint32_t) - 1;
  for (i = (size_t)h & mask; slots[i]; i = (i + 1) & mask) {
    const nn_etype *t = &NN_DOC_TYPE(d, slots[i] - 1);
    if (t->hash == h && t->text_len == n && same_text_fast(d->s + t->text, text_end, s, s_end, n))
      return (int64_t)(slots[i] - 1);
  }
  return -1;
}

static int doc_types_grow(nn_entity_doc *d)
{
  size_t count = d->types.len / sizeof(nn_etype), nslots = d->type_slots.len / sizeof(uint32_t);
  size_t want = nslots ? nslots * 2 : 512, i, mask;
  uint32_t *slots;
  int r;
  if (want > ((size_t)-1 >> 2) / sizeof(uint32_t)) return NN_ETOOBIG;
  d->type_slots.len = 0;
  r = nn_buf_reserve(&d->type_slots, want * sizeof(uint32_t));
  if (r != NN_OK) return r;
  slots = (uint32_t *)(void *)d->type_slots.data;
  memset(slots, 0, want * sizeof(uint32_t));
  d->type_slots.len = want * sizeof(uint32_t);
  mask = want - 1;
  for (i = 0; i < count; i++) {
    size_t j = (size_t)NN_DOC_TYPE(d, i).hash & mask;
    while (slots[j]) j = (j + 1) & mask;
    slots[j] = (uint32_t)(i + 1);
  }
  return NN_OK;
}

/* The document's type of the token text d->s[start..start+n).  A new type
 * gets its word data later, in resolve_types. */
static int intern_type(nn_entity_doc *d, size_t start, size_t n, uint32_t *id_out)
{
  nn_etype t;
  uint64_t h = text_hash(d->s + start, n, d->s + d->len);
  int64_t found = doc_type_find(d, d->s + start, n, h, d->s + d->len);
  size_t count = d->types.len / sizeof t, mask, j;
  int r;
  if (found >= 0) {
    *id_out = (uint32_t)found;
    return NN_OK;
  }
  if (count >= UINT32_MAX - 1 || n > UINT32_MAX) return NN_ETOOBIG;
  if ((count + 1) * 2 > d->type_slots.len / sizeof(uint32_t)) {
    r = doc_types_grow(d);
    if (r != NN_OK) return r;
  }
  r = nn_buf_reserve(&d->types, sizeof t);
  if (r != NN_OK) return r;
  {
    nn_etype *tp = (nn_etype *)(void *)(d->types.data + d->types.len);
    d->types.len += sizeof t;
    tp->hash = h;
    tp->text = start;
    tp->text_len = (uint32_t)n;
    tp->lower_id = tp->title_id = -2;
    tp->capn_ = tp->lown_ = 0;
  }
  mask = d->type_slots.len / sizeof(uint32_t) - 1;
  j = (size_t)h & mask;
  while (((uint32_t *)(void *)d->type_slots.data)[j]) j = (j + 1) & mask;
  ((uint32_t *)(void *)d->type_slots.data)[j] = (uint32_t)(count + 1);
  *id_out = (uint32_t)count;
  return NN_OK;
}

#define AHEAD 8

/* Gives every type of the document its word data, from the kept words or
 * looked up.  The kept words are many and mostly out of cache: the look-ups
 * of the document's types run together, each prefetching those of a few
 * types ahead, so that their memory reads overlap. */
static int resolve_types(nn_entity_doc *d)
{
  size_t i, n = d->types.len / sizeof(nn_etype);
  uint32_t *found;
  int r = nn_buf_reserve(&d->work, n * sizeof(uint32_t));
  if (r != NN_OK) return r;
  found = (uint32_t *)(void *)d->work.data; /* kept word + 1, or 0 */
  for (i = 0; i < n; i++) {
    const nn_etype *t = &NN_DOC_TYPE(d, i);
    int64_t w;
    if (i + AHEAD < n && d->word_slots.len)
      NN_PREFETCH(&KSLOTS(d)[(size_t)NN_DOC_TYPE(d, i + AHEAD).hash & (KSLOT_COUNT(d) - 1)]);
    w = kept_find(d, d->s + t->text, t->text_len, t->hash, d->s + d->len);
    found[i] = (uint32_t)(w + 1);
  }
  for (i = 0; i < n; i++) {
    nn_etype *t = &NN_DOC_TYPE(d, i);
    uint32_t wid;
    if (i + AHEAD < n && found[i + AHEAD]) NN_PREFETCH(&KEPT(d)[found[i + AHEAD] - 1]);
    if (found[i]) {
      wid = found[i] - 1;
    } else {
      r = intern_word(d, d->s + t->text, t->text_len, t->hash, d->s + d->len, &wid);
      if (r != NN_OK) return r;
      found = (uint32_t *)(void *)d->work.data;
    }
    t->w = KEPT(d)[wid].w;
  }
  return NN_OK;
}

/* Copies the most read fields of each token's type into the token. */
static void copy_type_fields(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d);
  for (i = 0; i < n; i++) {
    nn_etok *t = &NN_DOC_TOK(d, i);
    const nn_etype *ty = &NN_DOC_TYPE(d, t->type);
    t->shape = ty->w.shape;
    t->code = ty->w.code;
    t->level = (uint8_t)nn_type_level(d, ty);
    t->wflags = (uint16_t)(d->english ? nn_ee_word(ty->w.exact) & 0xFFFFu : 0);
  }
}

/* The document's type of the text s[0..n), or -1. */
static int64_t find_type(nn_entity_doc *d, const char *s, size_t n)
{
  return doc_type_find(d, s, n, text_hash(s, n, s + n), s + n);
}

int64_t nn_doc_lower_type(nn_entity_doc *d, uint32_t id)
{
  nn_etype *t = &NN_DOC_TYPE(d, id);
  if (t->lower_id == -2) t->lower_id = find_type(d, d->forms.data + t->w.low_off, t->w.low_len);
  return t->lower_id;
}

int64_t nn_doc_title_type(nn_entity_doc *d, uint32_t id)
{
  nn_etype *t = &NN_DOC_TYPE(d, id);
  if (t->title_id == -2)
    t->title_id = find_type(d, d->forms.data + t->w.title_off, t->w.title_len);
  return t->title_id;
}

/* ---- tokens --------------------------------------------------------------------------- */

static int push_token(nn_entity_doc *d, const nn_token *tok, unsigned flags)
{
  nn_etok *t;
  uint32_t id;
  int r = intern_type(d, tok->start, tok->len, &id);
  if (r == NN_OK) r = nn_buf_reserve(&d->toks, sizeof *t);
  if (r != NN_OK) return r;
  t = (nn_etok *)(void *)(d->toks.data + d->toks.len);
  d->toks.len += sizeof *t;
  t->start = tok->start;
  t->len = tok->len;
  t->type = id;
  t->sent = 0;
  t->tflags = tok->flags;
  t->kind = tok->kind;
  t->flags = (uint8_t)flags;
  return NN_OK;
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

/* ---- language ------------------------------------------------------------------------- */

/* English unless the text has at least 20 lower-case words and fewer than
 * three in five are English words (the lexicon's or the function words):
 * English prose and results tables alike pass; German, French or Spanish
 * text does not. */
static int looks_english(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d), lower = 0, known = 0;
  for (i = 0; i < n; i++) {
    const nn_etok *t = &NN_DOC_TOK(d, i);
    if (!(t->shape & NN_SH_LOWER) || !(t->shape & NN_SH_ALPHA)) continue;
    lower++;
    if (t->level <= 50) known++;
  }
  return lower < 20 || known * 5 >= lower * 3;
}

/* ---- sentences ------------------------------------------------------------------------ */

#define CODE(i) (NN_DOC_TOK(d, (i)).code)

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
    if (first && (t->shape & NN_SH_ALPHA)) {
      t->flags |= NN_ET_INITIAL;
      first = 0;
    }
    if (i + 1 < st->end) {
      int c = CODE(i);
      int opener = c == NN_C_QUOTE || c == NN_C_LPAREN;
      if (c == NN_C_COLON || c == NN_C_DASH ||
          (opener && (i == st->first || CODE(i - 1) == NN_C_COLON || CODE(i - 1) == NN_C_COMMA)))
        NN_DOC_TOK(d, i + 1).flags |= NN_ET_INITIAL;
    }
  }
}

/* The case mode of a sentence: capitals (60% of its words of two letters
 * or more), title case (most of its common words capitalized, or every word
 * and no final punctuation nor digit; or, for a headline, the first line of
 * the text ending without punctuation, 60% of its words capitalized with two
 * or more after the first), or normal. */
static int case_mode(nn_entity_doc *d, const nn_esent *st, int headline)
{
  size_t i, words = 0, upper = 0, common = 0, common_cap = 0, seen = 0, caps = 0, later_caps = 0;
  int all_cap = 1, digit = 0, final_punct;
  for (i = st->first; i < st->end; i++) {
    const nn_etok *t = &NN_DOC_TOK(d, i);
    if (t->shape & NN_SH_DIGIT) digit = 1;
    if (!(t->shape & NN_SH_LETTERS2)) continue;
    words++;
    if (t->shape & NN_SH_ALLCAPS) upper++;
    if (!(t->shape & NN_SH_CAP)) all_cap = 0;
    if (t->shape & NN_SH_CAP) caps++, later_caps += seen > 0;
    if (seen++ > 0 && t->level <= 35 && !(t->flags & NN_ET_INITIAL)) {
      common++;
      if (t->shape & NN_SH_CAP) common_cap++;
    }
  }
  if (words < 2) return NN_MODE_NORMAL;
  if (upper * 5 >= words * 3) return NN_MODE_CAPS;
  {
    int c = CODE(st->end - 1);
    final_punct = c == NN_C_PERIOD || c == NN_C_EXCL || c == NN_C_QUEST || c == NN_C_COLON ||
                  c == NN_C_COMMA;
  }
  if ((common >= 2 && common_cap * 5 >= common * 3 && (common_cap >= 3 || all_cap)) ||
      (all_cap && !final_punct && !digit) ||
      (headline && !final_punct && caps * 5 >= words * 3 && later_caps >= 2))
    return NN_MODE_TITLE;
  return NN_MODE_NORMAL;
}

static int read_sentences(nn_entity_doc *d)
{
  nn_sentence_opts sopts;
  const nn_sentence *sv;
  size_t nsent, k, i = 0, ntok = NN_DOC_NTOKS(d), line = 0;
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
      /* lines that hold text, counted from 0 */
      if (NN_DOC_TOK(d, st.first).flags & NN_ET_LINE_START) line += st.first > 0;
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
  if (d->pairs.len == 0 || a < 0 || b < 0) return 0;
  mask = d->pairs.len / sizeof(uint64_t) - 1;
  key = pair_key((uint32_t)a, (uint32_t)b);
  for (i = pair_slot(key, mask);; i = (i + 1) & mask) {
    if (slots[i] == key) return 1;
    if (slots[i] == 0) return 0;
  }
}

static int gather_evidence(nn_entity_doc *d)
{
  size_t i, n = NN_DOC_NTOKS(d), slots = 64, bytes, caps = 0;
  int r;
  for (i = 0; i < n; i++) caps += (NN_DOC_TOK(d, i).shape & NN_SH_CAP) != 0;
  while (slots < 2 * caps + 2) {
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
    if (!(t->shape & (NN_SH_LOW_FIRST | NN_SH_CAP))) continue;
    if (NN_DOC_SENT(d, t->sent).mode != NN_MODE_NORMAL) continue;
    if (t->shape & NN_SH_LOW_FIRST) {
      NN_DOC_TYPE(d, t->type).lown_++;
    } else if (!(t->flags & NN_ET_INITIAL)) {
      NN_DOC_TYPE(d, t->type).capn_++;
      if (i + 1 < n && NN_DOC_TOK(d, i + 1).sent == t->sent &&
          (NN_DOC_TOK(d, i + 1).shape & NN_SH_CAP))
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
      if (CODE(i) == NN_C_DASH || CODE(i) == NN_C_COLON) break;
      words++;
      if (!(nn_ee_word(nn_entity_lookup(d->forms.data + nn_doc_type(d, i)->w.low_off,
                                        nn_doc_type(d, i)->w.low_len)) & NN_EW_SPORT))
        all_sport = 0;
    }
    if (words > 0 && words <= 3 && all_sport) {
      d->sport_tag_end = i;
      return 1;
    }
    if (head->end > head->first) {
      const nn_etype *t = nn_doc_type(d, head->first);
      const char *low = d->forms.data + t->w.low_off;
      const char *dash = memchr(low, '-', t->w.low_len);
      if (dash && (nn_ee_word(nn_entity_lookup(low, (size_t)(dash - low))) & NN_EW_SPORT)) return 1;
    }
  }
  for (i = 0; i < n; i++) {
    const nn_etok *t = &NN_DOC_TOK(d, i);
    if (t->shape & NN_SH_LOWER) {
      lower++;
      if (t->wflags & NN_EW_SPORTS) hits++;
    }
    if (t->shape & NN_SH_SCORE) scores++;
  }
  return lower >= 30 && hits * 25 >= lower && scores >= 2;
}

/* ---- the document --------------------------------------------------------------------- */

/* The types kept between documents are dropped when they grow past these
 * (a long-running program reading many documents keeps a bounded cache). */
#define MAX_KEPT_WORDS ((size_t)1 << 18)
#define MAX_KEPT_FORMS ((size_t)16 << 20)

int nn_doc_read(nn_entity_doc *d, const char *s, size_t len, int lang)
{
  size_t k, nsent;
  int r;
  d->s = s;
  d->len = len;
  d->toks.len = d->sents.len = d->ments.len = d->types.len = 0;
  memset(d->memo, 0, sizeof d->memo);
  d->sentbuf.len = d->groups.len = 0;
  if (KEPT_COUNT(d) > MAX_KEPT_WORDS || d->forms.len > MAX_KEPT_FORMS) {
    memset(d->word_slots.data, 0, d->word_slots.len);
    d->word_data.len = d->forms.len = 0;
  }
  if (d->type_slots.len) memset(d->type_slots.data, 0, d->type_slots.len);
  nn_strmap_clear(&d->keys);
  nn_strmap_clear(&d->names);
  nn_strmap_clear(&d->words);
  nn_strmap_clear(&d->acronyms);
  /* The tokens are read with English data first; a text found not to be
   * English is read again without it. */
  d->english = lang != NN_ENTITY_LANG_NONE;
  r = read_tokens(d);
  if (r == NN_OK) r = resolve_types(d);
  if (r != NN_OK) return r;
  copy_type_fields(d);
  if (lang == NN_ENTITY_LANG_AUTO && !looks_english(d)) {
    d->english = 0;
    d->toks.len = d->types.len = 0;
    memset(d->type_slots.data, 0, d->type_slots.len);
    r = read_tokens(d);
    if (r == NN_OK) r = resolve_types(d);
    if (r != NN_OK) return r;
    copy_type_fields(d);
  }
  r = read_sentences(d);
  if (r != NN_OK) return r;
  nsent = NN_DOC_NSENTS(d);
  for (k = 0; k < nsent; k++) mark_initials(d, &NN_DOC_SENT(d, k));
  for (k = 0; k < nsent; k++) {
    nn_esent *st = &NN_DOC_SENT(d, k);
    /* the first line of a text that goes on after it is a headline */
    int headline = k == 0 && d->english && nsent > 1 &&
                   (NN_DOC_TOK(d, NN_DOC_SENT(d, 1).first).flags & NN_ET_LINE_START);
    st->mode = case_mode(d, st, headline);
  }
  r = gather_evidence(d);
  if (r != NN_OK) return r;
  d->sport_tag_end = 0;
  d->sports = is_sports(d);
  return NN_OK;
}
