/* Entities from mentions: the mentions of one name (the same text up to
 * case, the same kind) make one entity; a one-word person joins the one
 * longer person whose first or last word it is (Abe -> Shinzo Abe), an
 * acronym joins the name it was defined for or the one name of its kind
 * whose initials it spells (AKP -> Agence Kampuchea Presse).  Entities come
 * most salient first: more mentions, then an earlier first mention. */
#include <stdlib.h>
#include <string.h>

#include "nn_entity_doc.h"

#define TOK(i) NN_DOC_TOK(d, i)
#define TY(i) nn_doc_type(d, i)

#define NONE ((size_t)-1)
#define AMBIGUOUS ((size_t)-2)

typedef struct erec {
  uint32_t key;        /* the group key: the entity's text */
  int type;            /* NN_V_* */
  size_t count;
  size_t first_start;  /* byte offset of the first mention */
  size_t words;        /* space-separated words of the text */
  size_t parent;       /* the entity it joins, or NONE */
  size_t out;          /* its index in the output */
  double salience;
} erec;

static const int kind_of_vote[NN_V__COUNT] = { NN_ENTITY_PLACE, NN_ENTITY_OTHER,
                                               NN_ENTITY_ORGANIZATION, NN_ENTITY_PERSON };

/* d->phrase = lower case of the key text, then a separator and tag bytes. */
static int name_key(nn_entity_doc *d, const char *text, size_t len, char tag1, char tag2)
{
  int r;
  d->phrase.len = 0;
  r = nn_entity_append_lower(&d->phrase, text, len);
  if (r == NN_OK) r = nn_buf_append_byte(&d->phrase, 0);
  if (r == NN_OK) r = nn_buf_append_byte(&d->phrase, (unsigned char)tag1);
  if (r == NN_OK && tag2) r = nn_buf_append_byte(&d->phrase, (unsigned char)tag2);
  return r;
}

/* Registers entity e under the link key in d->phrase: work2 holds, by key
 * id, the one entity so registered, or AMBIGUOUS. */
static int register_link(nn_entity_doc *d, size_t e)
{
  uint32_t id;
  size_t *slots;
  int r = nn_strmap_intern(&d->words, d->phrase.data, d->phrase.len, &id);
  if (r < 0) return r;
  if (r == 1) {
    r = nn_buf_append(&d->work2, (const char *)&e, sizeof e);
    if (r != NN_OK) return r;
    return NN_OK;
  }
  slots = (size_t *)(void *)d->work2.data;
  if (slots[id] != e) slots[id] = AMBIGUOUS;
  return NN_OK;
}

static size_t find_link(nn_entity_doc *d)
{
  int64_t id = nn_strmap_find(&d->words, d->phrase.data, d->phrase.len);
  return id < 0 ? NONE : ((const size_t *)(const void *)d->work2.data)[id];
}

/* Words of a key text: [start, end) pairs of its space-separated parts. */
static void first_last_word(const char *s, size_t n, size_t *fe, size_t *ls)
{
  const char *sp = memchr(s, ' ', n);
  size_t k = n;
  *fe = sp ? (size_t)(sp - s) : n;
  while (k > 0 && s[k - 1] != ' ') k--;
  *ls = k;
}

static int cmp_salience(const void *a, const void *b)
{
  const erec *x = *(const erec *const *)a, *y = *(const erec *const *)b;
  if (x->salience != y->salience) return x->salience > y->salience ? -1 : 1;
  return x < y ? -1 : x > y;
}

typedef struct alias_ref {
  size_t entity;
  const char *text;
  size_t len;
} alias_ref;

static int cmp_alias(const void *a, const void *b)
{
  const alias_ref *x = (const alias_ref *)a, *y = (const alias_ref *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c;
  if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
  c = memcmp(x->text, y->text, n);
  if (c != 0) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

long nn_doc_records(nn_entity_doc *d, nn_entities *out)
{
  size_t k, n = NN_DOC_NMENTS(d), nrec, nout = 0;
  erec *recs;
  erec **order;
  alias_ref *aliases;
  size_t nalias = 0, *counts;
  int r;

  /* 1. One record per (case-folded key, kind). */
  nn_strmap_clear(&d->names);
  d->work.len = 0;
  for (k = 0; k < n; k++) {
    nn_emention *m = &NN_DOC_MENT(d, k);
    size_t klen;
    const char *ktext = nn_strmap_key(&d->keys, m->key, &klen);
    uint32_t id;
    r = name_key(d, ktext, klen, (char)('0' + m->type), 0);
    if (r != NN_OK) return r;
    r = nn_strmap_intern(&d->names, d->phrase.data, d->phrase.len, &id);
    if (r < 0) return r;
    if (r == 1) {
      erec e;
      size_t w;
      memset(&e, 0, sizeof e);
      e.key = m->key;
      e.type = m->type;
      e.first_start = TOK(m->first).start;
      e.parent = NONE;
      e.words = 1;
      for (w = 0; w < klen; w++) e.words += ktext[w] == ' ';
      r = nn_buf_append(&d->work, (const char *)&e, sizeof e);
      if (r != NN_OK) return r;
    }
    recs = (erec *)(void *)d->work.data;
    recs[id].count++;
    m->entity = id;
  }
  recs = (erec *)(void *)d->work.data;
  nrec = d->work.len / sizeof(erec);

  /* 2. Link keys: first and last words of long persons, initials of long
   * names by kind, defined acronyms. */
  nn_strmap_clear(&d->words);
  d->work2.len = 0;
  for (k = 0; k < nrec; k++) {
    size_t klen, fe, ls, j;
    const char *ktext = nn_strmap_key(&d->keys, recs[k].key, &klen);
    if (recs[k].words < 2) continue;
    first_last_word(ktext, klen, &fe, &ls);
    if (recs[k].type == NN_V_PER) {
      r = name_key(d, ktext, fe, 'w', 0);
      if (r == NN_OK) r = register_link(d, k);
      if (r == NN_OK) r = name_key(d, ktext + ls, klen - ls, 'w', 0);
      if (r == NN_OK) r = register_link(d, k);
      if (r != NN_OK) return r;
    }
    /* initials: the first character of each capitalized word */
    d->phrase2.len = 0;
    for (j = 0; j < klen; j = (j < klen ? j : klen)) {
      size_t e = j;
      while (e < klen && ktext[e] != ' ') e++;
      if (e > j) {
        uint32_t nchars;
        size_t c = 1;
        while (j + c < e && ((unsigned char)ktext[j + c] & 0xC0) == 0x80) c++;
        if (nn_entity_shape(ktext + j, c, &nchars) & NN_SH_CAP) {
          r = nn_buf_append(&d->phrase2, ktext + j, c);
          if (r != NN_OK) return r;
        }
      }
      j = e + 1;
      if (e >= klen) break;
    }
    if (d->phrase2.len >= 2) {
      r = name_key(d, d->phrase2.data, d->phrase2.len, 'i', (char)('0' + recs[k].type));
      if (r == NN_OK) r = register_link(d, k);
      if (r != NN_OK) return r;
    }
  }
  for (k = 0; k < n; k++) { /* defined acronyms: the last definition wins */
    const nn_emention *m = &NN_DOC_MENT(d, k);
    size_t acr = nn_doc_defined_acronym(d, m);
    uint32_t id;
    size_t *slots;
    if (!acr) continue;
    r = name_key(d, d->s + TOK(acr).start, TOK(acr).len, 'a', 0);
    if (r != NN_OK) return r;
    r = nn_strmap_intern(&d->words, d->phrase.data, d->phrase.len, &id);
    if (r < 0) return r;
    if (r == 1) {
      r = nn_buf_append(&d->work2, (const char *)&m->entity, sizeof m->entity);
      if (r != NN_OK) return r;
    }
    slots = (size_t *)(void *)d->work2.data;
    slots[id] = m->entity;
  }
  recs = (erec *)(void *)d->work.data;

  /* 3. Parents of one-word records. */
  for (k = 0; k < nrec; k++) {
    size_t klen, p;
    const char *ktext = nn_strmap_key(&d->keys, recs[k].key, &klen);
    uint32_t sh, nchars;
    if (recs[k].words != 1) continue;
    if (recs[k].type == NN_V_PER) {
      r = name_key(d, ktext, klen, 'w', 0);
      if (r != NN_OK) return r;
      p = find_link(d);
      if (p != NONE && p != AMBIGUOUS && p != k) recs[k].parent = p;
      continue;
    }
    sh = nn_entity_shape(ktext, klen, &nchars);
    if (!(sh & (NN_SH_ALLCAPS | NN_SH_ALL_ALPHA))) continue;
    r = name_key(d, ktext, klen, 'a', 0);
    if (r != NN_OK) return r;
    p = find_link(d);
    if (p != NONE && p != k) {
      recs[k].parent = p;
      continue;
    }
    if (nchars < 2) continue;
    r = name_key(d, ktext, klen, 'i', (char)('0' + recs[k].type));
    if (r != NN_OK) return r;
    p = find_link(d);
    if (p != NONE && p != AMBIGUOUS && p != k) recs[k].parent = p;
  }
  /* 4. Merge, in record order; a parent takes the kind of a member that
   * has more mentions. */
  for (k = 0; k < nrec; k++) {
    erec *e = &recs[k], *p;
    if (e->parent == NONE) continue;
    p = &recs[e->parent];
    if (p->parent != NONE) { /* parents are long names, which never join another */
      e->parent = NONE;
      continue;
    }
    if (e->type != p->type && e->count > p->count) p->type = e->type;
    p->count += e->count;
    if (e->first_start < p->first_start) p->first_start = e->first_start;
  }

  /* 5. Order by salience. */
  r = nn_buf_reserve(&d->work3, nrec * sizeof(erec *));
  if (r != NN_OK) return r;
  order = (erec **)(void *)d->work3.data;
  for (k = 0; k < nrec; k++) {
    erec *e = &recs[k];
    if (e->parent != NONE) continue;
    e->salience = (double)e->count + 1.0 - (d->len ? (double)e->first_start / (double)d->len : 0);
    order[nout++] = e;
  }
  qsort(order, nout, sizeof *order, cmp_salience);
  for (k = 0; k < nout; k++) order[k]->out = k;

  /* 6. Output: entities, their spans (mentions are in text order), aliases. */
  r = nn_buf_reserve(&out->entities, nout * sizeof(nn_entity));
  if (r == NN_OK) r = nn_buf_reserve(&out->spans, n * sizeof(nn_entity_span));
  if (r == NN_OK) r = nn_buf_reserve(&out->mentions, n * sizeof(nn_entity_mention));
  if (r == NN_OK) r = nn_buf_reserve(&d->phrase2, (nout + 1) * sizeof(size_t));
  if (r != NN_OK) return r;
  counts = (size_t *)(void *)d->phrase2.data;
  memset(counts, 0, (nout + 1) * sizeof(size_t));
  for (k = 0; k < n; k++) {
    const nn_emention *m = &NN_DOC_MENT(d, k);
    const erec *e = &recs[m->entity];
    if (e->parent != NONE) e = &recs[e->parent];
    counts[e->out + 1]++;
  }
  for (k = 0; k < nout; k++) counts[k + 1] += counts[k];
  for (k = 0; k < nout; k++) {
    nn_entity ent;
    const erec *e = order[k];
    size_t klen;
    const char *ktext = nn_strmap_key(&d->keys, e->key, &klen);
    ent.text = out->strings.len;
    ent.text_len = klen;
    r = nn_buf_append(&out->strings, ktext, klen);
    if (r != NN_OK) return r;
    ent.kind = kind_of_vote[e->type];
    ent.count = e->count;
    ent.span = counts[k];
    ent.span_count = counts[k + 1] - counts[k];
    ent.alias = 0;
    ent.alias_count = 0;
    ent.salience = e->salience;
    memcpy(out->entities.data + out->entities.len, &ent, sizeof ent);
    out->entities.len += sizeof ent;
  }
  out->spans.len = n * sizeof(nn_entity_span);
  /* Aliases: every mention's text and every merged record's text. */
  r = nn_buf_reserve(&d->work3, nrec * sizeof(erec *) + (n + nrec) * sizeof(alias_ref));
  if (r != NN_OK) return r;
  order = (erec **)(void *)d->work3.data;
  aliases = (alias_ref *)(void *)(d->work3.data + nrec * sizeof(erec *));
  for (k = 0; k < n; k++) {
    const nn_emention *m = &NN_DOC_MENT(d, k);
    const erec *e = &recs[m->entity];
    nn_entity_span *sp;
    nn_entity_mention em;
    size_t start = TOK(m->first).start, stop = TOK(m->end - 1).start + TOK(m->end - 1).len;
    if (e->parent != NONE) e = &recs[e->parent];
    sp = (nn_entity_span *)(void *)out->spans.data + counts[e->out]++;
    sp->start = start;
    sp->stop = stop;
    em.start = start;
    em.stop = stop;
    em.kind = kind_of_vote[e->type];
    em.entity = e->out;
    memcpy(out->mentions.data + out->mentions.len, &em, sizeof em);
    out->mentions.len += sizeof em;
    aliases[nalias].entity = e->out;
    aliases[nalias].text = d->s + start;
    aliases[nalias].len = stop - start;
    nalias++;
  }
  for (k = 0; k < nrec; k++) {
    const erec *e = &recs[k];
    size_t klen;
    if (e->parent == NONE) continue;
    aliases[nalias].entity = recs[e->parent].out;
    aliases[nalias].text = nn_strmap_key(&d->keys, e->key, &klen);
    aliases[nalias].len = klen;
    nalias++;
  }
  qsort(aliases, nalias, sizeof *aliases, cmp_alias);
  for (k = 0; k < nalias; k++) {
    nn_entity *ent = (nn_entity *)(void *)out->entities.data + aliases[k].entity;
    nn_entity_alias a;
    if (k > 0 && cmp_alias(&aliases[k - 1], &aliases[k]) == 0) continue;
    if (aliases[k].len == ent->text_len &&
        memcmp(aliases[k].text, out->strings.data + ent->text, ent->text_len) == 0)
      continue;
    if (ent->alias_count == 0) ent->alias = out->aliases.len / sizeof a;
    a.text = out->strings.len;
    a.len = aliases[k].len;
    r = nn_buf_append(&out->strings, aliases[k].text, aliases[k].len);
    if (r == NN_OK) r = nn_buf_append(&out->aliases, (const char *)&a, sizeof a);
    if (r != NN_OK) return r;
    ent->alias_count++;
  }
  return (long)nout;
}
