/* Entities from mentions: the mentions of one name (the same text up to
 * case, the same kind) make one entity; a one-word person joins the one
 * longer person whose first or last word it is (Abe -> Shinzo Abe), an
 * acronym joins the name it was defined for or the one name of its kind
 * whose initials it spells (AKP -> Agence Kampuchea Presse), a company's
 * shorter name joins the one full name with its legal form (Altex -> Altex
 * Industries Inc).  Entities come most salient first: more mentions, then
 * an earlier first mention. */
#include <stdlib.h>
#include <string.h>

#include "nn_entity_doc.h"
#include "nn_utf8.h"
#include "unicode_data.h"

#define TOK(i) NN_DOC_TOK(d, i)

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
  size_t alias_count;  /* distinct aliases */
  int company;         /* joins its parent as a shorter name of a company */
  int surname;         /* a person whose last name stands alone too (Boesky) */
  double salience;
} erec;

static const int kind_of_vote[NN_V__COUNT] = { NN_ENTITY_PLACE, NN_ENTITY_OTHER,
                                               NN_ENTITY_ORGANIZATION, NN_ENTITY_PERSON };

/* d->phrase = the lower case of text, a NUL and one or two tag bytes. */
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
static int register_link(nn_entity_doc *d, size_t e, int last_wins)
{
  uint32_t id;
  size_t *slots;
  int r = nn_strmap_intern(&d->words, d->phrase.data, d->phrase.len, &id);
  if (r < 0) return r;
  if (r == 1) return nn_buf_append(&d->work2, (const char *)&e, sizeof e);
  slots = (size_t *)(void *)d->work2.data;
  if (last_wins)
    slots[id] = e;
  else if (slots[id] != e)
    slots[id] = AMBIGUOUS;
  return NN_OK;
}

static size_t find_link(nn_entity_doc *d)
{
  int64_t id = nn_strmap_find(&d->words, d->phrase.data, d->phrase.len);
  return id < 0 ? NONE : ((const size_t *)(const void *)d->work2.data)[id];
}

/* Is the first character of s[0..n) an upper-case letter? */
static int upper_first(const char *s, size_t n)
{
  int32_t cp;
  const nn_uniprop *p;
  if (n == 0) return 0;
  if ((unsigned char)s[0] < 0x80) return s[0] >= 'A' && s[0] <= 'Z';
  nn_utf8_decode((const unsigned char *)s, n, &cp);
  if (cp < 0) return 0;
  p = nn_uniprop_of(cp);
  return p->gc == NN_GC_LU || p->gc == NN_GC_LT;
}

/* Is s[0..n) all letters, or all its letters upper case (an acronym)? */
static int alpha_or_caps(const char *s, size_t n)
{
  size_t i = 0;
  int all_alpha = 1, letters = 0, all_upper = 1;
  while (i < n) {
    int32_t cp;
    size_t k = nn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    const nn_uniprop *p = nn_uniprop_of(cp < 0 ? 0xFFFD : cp);
    if (cp >= 0 && (p->flags & NN_UF_ALPHABETIC)) {
      letters++;
      if (!(p->flags & NN_UF_UPPERCASE)) all_upper = 0;
    } else {
      all_alpha = 0;
    }
    i += k;
  }
  return n > 0 && (all_alpha || (letters > 0 && all_upper));
}

static int cmp_salience(const void *a, const void *b)
{
  const erec *x = *(const erec *const *)a, *y = *(const erec *const *)b;
  if (x->salience != y->salience) return x->salience > y->salience ? -1 : 1;
  return x < y ? -1 : x > y;
}

typedef struct alias_ref {
  size_t entity; /* output index */
  const char *text;
  size_t len;
} alias_ref;

static int cmp_alias(const void *a, const void *b)
{
  const alias_ref *x = (const alias_ref *)a, *y = (const alias_ref *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->text, y->text, n);
  if (c != 0) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

/* Sorts a few aliases in place (insertion sort; qsort for many). */
static void sort_aliases(alias_ref *a, size_t n)
{
  size_t i, j;
  if (n > 16) {
    nn_sort(a, n, sizeof *a, cmp_alias);
    return;
  }
  for (i = 1; i < n; i++) {
    alias_ref x = a[i];
    for (j = i; j > 0 && cmp_alias(&a[j - 1], &x) > 0; j--) a[j] = a[j - 1];
    a[j] = x;
  }
}

/* 1. One record per (case-folded key, kind); work holds the records.
 * work3 caches, per group and kind, the record (+1, 0 = none). */
static int make_records(nn_entity_doc *d, size_t n)
{
  size_t k, ngroups = d->groups.len / sizeof(nn_egroup), bytes;
  size_t *by_group;
  int r;
  if (ngroups > ((size_t)-1 / NN_V__COUNT) / sizeof(size_t)) return NN_ETOOBIG;
  bytes = ngroups * NN_V__COUNT * sizeof(size_t);
  d->work3.len = 0;
  r = nn_buf_reserve(&d->work3, bytes);
  if (r != NN_OK) return r;
  if (bytes > 0) memset(d->work3.data, 0, bytes);
  nn_strmap_clear(&d->names);
  d->work.len = 0;
  for (k = 0; k < n; k++) {
    nn_emention *m = &NN_DOC_MENT(d, k);
    erec *recs;
    size_t id;
    by_group = (size_t *)(void *)d->work3.data + (size_t)m->key * NN_V__COUNT + (size_t)m->type;
    if (*by_group) {
      id = *by_group - 1;
    } else {
      size_t klen;
      const char *ktext = nn_strmap_key(&d->keys, m->key, &klen);
      uint32_t nid;
      r = name_key(d, ktext, klen, (char)('0' + m->type), 0);
      if (r != NN_OK) return r;
      r = nn_strmap_intern(&d->names, d->phrase.data, d->phrase.len, &nid);
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
      id = nid;
      *by_group = id + 1;
    }
    recs = (erec *)(void *)d->work.data;
    recs[id].count++;
    m->entity = id;
  }
  return NN_OK;
}

/* The organization cue bits of a word, any case; the legal form's bit
 * included.  Uses d->phrase2. */
static int org_cue_of(nn_entity_doc *d, const char *w, size_t n, uint32_t *bits)
{
  const nn_entity_entry *e;
  int r;
  d->phrase2.len = 0;
  r = nn_entity_append_lower(&d->phrase2, w, n);
  if (r != NN_OK) return r;
  e = nn_entity_lookup(d->phrase2.data, d->phrase2.len);
  *bits = e ? nn_ee_fold(e) & (NN_EG_LEGAL_FORM | (7u << NN_EC_SHIFT)) : 0;
  return NN_OK;
}

/* Company names: "Altex Industries Inc" is also "Altex Industries" (its
 * legal forms left out) and "Altex" (when the words after the first are all
 * organization cues).  Without an "and" or "&" before its legal forms
 * ("Varga Lynch and Co") a company is named after people: that key is
 * tagged apart, for link_records to keep a person who is written of as one
 * (Ivan Boesky, Boesky) out of the firm. */
static int link_company(nn_entity_doc *d, size_t k, const char *ktext, size_t klen)
{
  size_t core = klen, fe;
  int r, cues = 1, founders = 0;
  uint32_t bits;
  const char *sp;
  for (;;) {
    size_t w = core;
    while (w > 0 && ktext[w - 1] != ' ') w--;
    if (w == 0) break;
    if (core < klen && ((core - w == 3 && memcmp(ktext + w, "and", 3) == 0) ||
                        (core - w == 1 && ktext[w] == '&'))) {
      core = w - 1;
      founders = 1;
      continue;
    }
    r = org_cue_of(d, ktext + w, core - w, &bits);
    if (r != NN_OK) return r;
    if (!(bits & NN_EG_LEGAL_FORM)) break;
    core = w - 1;
  }
  if (core == klen) return NN_OK;
  if (core > 0 && ktext[core - 1] == ',') core--; /* Petroleos de Venezuela, S.A. */
  d->founder_keys += founders;
  r = name_key(d, ktext, core, 'c', founders ? 'f' : 0);
  if (r == NN_OK) r = register_link(d, k, 0);
  if (r != NN_OK) return r;
  sp = memchr(ktext, ' ', core);
  if (!sp) return NN_OK;
  fe = (size_t)(sp - ktext);
  while (cues && sp) {
    const char *w = sp + 1, *next = memchr(w, ' ', (size_t)(ktext + klen - w));
    size_t wl = next ? (size_t)(next - w) : (size_t)(ktext + klen - w);
    r = org_cue_of(d, w, wl, &bits);
    if (r != NN_OK) return r;
    cues = bits != 0;
    sp = next;
  }
  if (!cues) return NN_OK;
  r = name_key(d, ktext, fe, 'c', 0);
  if (r == NN_OK) r = register_link(d, k, 0);
  return r;
}

/* 2. Link keys: first and last words of long persons, company names
 * without their legal forms, initials of long names by kind, defined
 * acronyms (the last definition wins). */
static int make_links(nn_entity_doc *d, size_t n, size_t nrec)
{
  size_t k;
  int r;
  nn_strmap_clear(&d->words);
  d->work2.len = 0;
  d->founder_keys = 0;
  for (k = 0; k < nrec; k++) {
    const erec *rec = &((const erec *)(const void *)d->work.data)[k];
    size_t klen, j, fe, ls;
    const char *ktext;
    if (rec->words < 2) continue;
    ktext = nn_strmap_key(&d->keys, rec->key, &klen);
    if (rec->type == NN_V_ORG && d->english) {
      r = link_company(d, k, ktext, klen);
      if (r != NN_OK) return r;
    }
    if (rec->type == NN_V_PER) {
      const char *sp = memchr(ktext, ' ', klen);
      fe = sp ? (size_t)(sp - ktext) : klen;
      ls = klen;
      while (ls > 0 && ktext[ls - 1] != ' ') ls--;
      r = name_key(d, ktext, fe, 'w', 0);
      if (r == NN_OK) r = register_link(d, k, 0);
      if (r == NN_OK) r = name_key(d, ktext + ls, klen - ls, 'w', 0);
      if (r == NN_OK) r = register_link(d, k, 0);
      if (r != NN_OK) return r;
    }
    /* initials: the first character of each capitalized word */
    d->phrase2.len = 0;
    for (j = 0; j < klen;) {
      size_t e = j;
      while (e < klen && ktext[e] != ' ') e++;
      if (e > j && upper_first(ktext + j, e - j)) {
        size_t c = 1;
        while (j + c < e && ((unsigned char)ktext[j + c] & 0xC0) == 0x80) c++;
        r = nn_buf_append(&d->phrase2, ktext + j, c);
        if (r != NN_OK) return r;
      }
      j = e + 1;
    }
    if (d->phrase2.len >= 2) {
      r = name_key(d, d->phrase2.data, d->phrase2.len, 'i', (char)('0' + rec->type));
      if (r == NN_OK) r = register_link(d, k, 0);
      if (r != NN_OK) return r;
    }
  }
  for (k = 0; k < n; k++) {
    const nn_emention *m = &NN_DOC_MENT(d, k);
    size_t acr = nn_doc_defined_acronym(d, m);
    if (!acr) continue;
    r = name_key(d, d->s + TOK(acr).start, TOK(acr).len, 'a', 0);
    if (r == NN_OK) r = register_link(d, m->entity, 1);
    if (r != NN_OK) return r;
  }
  return NN_OK;
}

/* 3. Parents of company names and one-word records, then 4. the merge, in
 * record order; a parent takes the kind of a member that has more mentions,
 * unless the member is a company's shorter name. */
static int link_records(nn_entity_doc *d, size_t nrec)
{
  erec *recs = (erec *)(void *)d->work.data;
  size_t k;
  int r;
  for (k = 0; k < nrec && d->founder_keys > 0; k++) {
    size_t klen, p;
    const char *ktext = nn_strmap_key(&d->keys, recs[k].key, &klen);
    if (recs[k].type != NN_V_PER || recs[k].words != 1) continue;
    r = name_key(d, ktext, klen, 'w', 0);
    if (r != NN_OK) return r;
    p = find_link(d);
    if (p != NONE && p != AMBIGUOUS && p != k) recs[p].surname = 1;
  }
  for (k = 0; k < nrec; k++) {
    size_t klen, p;
    const char *ktext;
    ktext = nn_strmap_key(&d->keys, recs[k].key, &klen);
    if (recs[k].type != NN_V_PER || recs[k].words >= 2) {
      r = name_key(d, ktext, klen, 'c', 0);
      if (r != NN_OK) return r;
      p = find_link(d);
      if (p == NONE && d->founder_keys > 0 && !(recs[k].type == NN_V_PER && recs[k].surname)) {
        r = name_key(d, ktext, klen, 'c', 'f');
        if (r != NN_OK) return r;
        p = find_link(d);
      }
      if (p != NONE && p != AMBIGUOUS && p != k) {
        recs[k].parent = p;
        recs[k].company = 1;
        continue;
      }
    }
    if (recs[k].words != 1) continue;
    if (recs[k].type == NN_V_PER) {
      r = name_key(d, ktext, klen, 'w', 0);
      if (r != NN_OK) return r;
      p = find_link(d);
      if (p != NONE && p != AMBIGUOUS && p != k) recs[k].parent = p;
      continue;
    }
    if (!alpha_or_caps(ktext, klen)) continue;
    r = name_key(d, ktext, klen, 'a', 0);
    if (r != NN_OK) return r;
    p = find_link(d);
    if (p != NONE && p != k) {
      recs[k].parent = p;
      continue;
    }
    r = name_key(d, ktext, klen, 'i', (char)('0' + recs[k].type));
    if (r != NN_OK) return r;
    /* two characters at least: the key's lower case, NUL and two tags */
    if (d->phrase.len < 5) continue;
    p = find_link(d);
    if (p != NONE && p != AMBIGUOUS && p != k) recs[k].parent = p;
  }
  for (k = 0; k < nrec; k++) {
    erec *e = &recs[k], *p;
    if (e->parent == NONE) continue;
    p = &recs[e->parent];
    if (p->parent != NONE) { /* no chains: a name that joins another is no parent */
      e->parent = NONE;
      continue;
    }
    /* A name with its legal form says it is a company, however often the
     * shorter one is read as something else ("an offer from Chrysler"). */
    if (e->type != p->type && e->count > p->count && !e->company) p->type = e->type;
    p->count += e->count;
    if (e->first_start < p->first_start) p->first_start = e->first_start;
  }
  return NN_OK;
}

long nn_doc_records(nn_entity_doc *d, nn_entities *out)
{
  size_t k, n = NN_DOC_NMENTS(d), nrec, nout = 0, nalias = 0, *counts, *starts;
  erec *recs, **order;
  alias_ref *aliases;
  int r;

  r = make_records(d, n);
  if (r == NN_OK) r = make_links(d, n, d->work.len / sizeof(erec));
  if (r == NN_OK) r = link_records(d, d->work.len / sizeof(erec));
  if (r != NN_OK) return r;
  recs = (erec *)(void *)d->work.data;
  nrec = d->work.len / sizeof(erec);

  /* 5. Order by salience. */
  d->work3.len = 0;
  r = nn_buf_reserve(&d->work3, nrec * sizeof(erec *));
  if (r != NN_OK) return r;
  order = (erec **)(void *)d->work3.data;
  for (k = 0; k < nrec; k++) {
    erec *e = &recs[k];
    if (e->parent != NONE) continue;
    e->salience = (double)e->count + 1.0 - (d->len ? (double)e->first_start / (double)d->len : 0);
    order[nout++] = e;
  }
  if (nout > 1) nn_sort(order, nout, sizeof *order, cmp_salience);
  for (k = 0; k < nout; k++) order[k]->out = k;

  /* 6. Spans (mentions are in text order) and the distinct aliases: every
   * mention's text and every merged record's text. */
  r = nn_buf_reserve(&out->entities, nout * sizeof(nn_entity));
  if (r == NN_OK) r = nn_buf_reserve(&out->spans, n * sizeof(nn_entity_span));
  if (r == NN_OK) r = nn_buf_reserve(&out->mentions, n * sizeof(nn_entity_mention));
  if (r == NN_OK) r = nn_buf_reserve(&d->phrase2, 2 * (nout + 1) * sizeof(size_t));
  if (r == NN_OK) r = nn_buf_reserve(&d->work2, (n + nrec) * sizeof(alias_ref));
  if (r != NN_OK) return r;
  counts = (size_t *)(void *)d->phrase2.data;
  starts = counts + nout + 1;
  memset(counts, 0, (nout + 1) * sizeof(size_t));
  for (k = 0; k < n; k++) {
    const erec *e = &recs[NN_DOC_MENT(d, k).entity];
    if (e->parent != NONE) e = &recs[e->parent];
    counts[e->out + 1]++;
  }
  for (k = 0; k < nout; k++) counts[k + 1] += counts[k];
  memcpy(starts, counts, (nout + 1) * sizeof(size_t));
  aliases = (alias_ref *)(void *)d->work2.data;
  nn_strmap_clear(&d->acronyms); /* now: (entity, alias) pairs seen */
  for (k = 0; k < n + nrec; k++) {
    const erec *e;
    const char *text;
    size_t len, o;
    uint32_t id;
    if (k < n) {
      const nn_emention *m = &NN_DOC_MENT(d, k);
      size_t start = TOK(m->first).start, stop = TOK(m->end - 1).start + TOK(m->end - 1).len;
      nn_entity_span *sp;
      nn_entity_mention *em;
      e = &recs[m->entity];
      if (e->parent != NONE) e = &recs[e->parent];
      sp = (nn_entity_span *)(void *)out->spans.data + counts[e->out]++;
      sp->start = start;
      sp->stop = stop;
      em = (nn_entity_mention *)(void *)(out->mentions.data + out->mentions.len);
      out->mentions.len += sizeof *em;
      em->start = start;
      em->stop = stop;
      em->kind = kind_of_vote[e->type];
      em->entity = e->out;
      text = d->s + start;
      len = stop - start;
    } else {
      const erec *member = &recs[k - n];
      if (member->parent == NONE) continue;
      e = &recs[member->parent];
      text = nn_strmap_key(&d->keys, member->key, &len);
    }
    o = e->out;
    d->phrase.len = 0;
    r = nn_buf_append(&d->phrase, (const char *)&o, sizeof o);
    if (r == NN_OK) r = nn_buf_append(&d->phrase, text, len);
    if (r != NN_OK) return r;
    r = nn_strmap_intern(&d->acronyms, d->phrase.data, d->phrase.len, &id);
    if (r < 0) return r;
    if (r == 0) continue;
    {
      size_t klen;
      const char *ktext = nn_strmap_key(&d->keys, e->key, &klen);
      if (len == klen && memcmp(text, ktext, len) == 0) continue; /* the name itself */
    }
    aliases[nalias].entity = o;
    aliases[nalias].text = text;
    aliases[nalias].len = len;
    nalias++;
  }
  out->spans.len = n * sizeof(nn_entity_span);

  /* The entities, with their aliases grouped and sorted. */
  memset(counts, 0, (nout + 1) * sizeof(size_t));
  for (k = 0; k < nalias; k++) counts[aliases[k].entity + 1]++;
  for (k = 0; k < nout; k++) counts[k + 1] += counts[k];
  r = nn_buf_reserve(&d->work2, 2 * (n + nrec) * sizeof(alias_ref));
  if (r != NN_OK) return r;
  aliases = (alias_ref *)(void *)d->work2.data;
  if (n + nrec == 0) return (long)nout; /* nothing to group, and work2 may hold no memory */
  {
    alias_ref *grouped = aliases + n + nrec;
    size_t *fill = starts; /* reused: where each entity's next alias goes */
    memcpy(fill, counts, (nout + 1) * sizeof(size_t));
    for (k = 0; k < nalias; k++) grouped[fill[aliases[k].entity]++] = aliases[k];
    for (k = 0; k < nout; k++) {
      nn_entity ent;
      const erec *e = order[k];
      size_t klen, a;
      const char *ktext = nn_strmap_key(&d->keys, e->key, &klen);
      size_t first = counts[k], count = counts[k + 1] - counts[k];
      ent.text = out->strings.len;
      ent.text_len = klen;
      r = nn_buf_append(&out->strings, ktext, klen);
      if (r != NN_OK) return r;
      ent.kind = kind_of_vote[e->type];
      ent.count = e->count;
      ent.span = ent.span_count = 0; /* set below */
      ent.salience = e->salience;
      sort_aliases(grouped + first, count);
      ent.alias = out->aliases.len / sizeof(nn_entity_alias);
      ent.alias_count = count;
      for (a = 0; a < count; a++) {
        nn_entity_alias al;
        al.text = out->strings.len;
        al.len = grouped[first + a].len;
        r = nn_buf_append(&out->strings, grouped[first + a].text, al.len);
        if (r == NN_OK) r = nn_buf_append(&out->aliases, (const char *)&al, sizeof al);
        if (r != NN_OK) return r;
      }
      memcpy(out->entities.data + out->entities.len, &ent, sizeof ent);
      out->entities.len += sizeof ent;
    }
  }
  /* The spans of entity k start where the mention counts left them. */
  {
    nn_entity *ents = (nn_entity *)(void *)out->entities.data;
    size_t at = 0;
    for (k = 0; k < nout; k++) {
      ents[k].span = at;
      ents[k].span_count = ents[k].count;
      at += ents[k].count;
    }
  }
  return (long)nout;
}
