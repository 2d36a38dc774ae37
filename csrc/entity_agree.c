/* Agreement across the document: a one-word name takes the kind of the
 * full name it shortens (Abe <- Shinzo Abe, Pirelli <- Pirelli SpA), an
 * acronym the kind of the name it stands for (AKP <- Agence Kampuchea
 * Presse (AKP), or the initials of a longer name), and the weakly typed
 * names of a list the kind of its strongly typed ones (Clinton and Dole). */
#include <string.h>

#include "nn_entity_doc.h"

#define TOK(i) NN_DOC_TOK(d, i)
#define TY(i) nn_doc_type(d, i)
#define IS(i, c) NN_DOC_IS(d, i, c)

/* One occurrence of a word inside a mention of two words or more. */
typedef struct word_use {
  size_t mention;
  size_t pos;  /* the word's place in the mention */
  size_t next; /* the next use of the same word, or SIZE_MAX */
} word_use;

#define NONE ((size_t)-1)

/* work: word_use records; work2: the first use of each word (by id). */
static int index_words(nn_entity_doc *d)
{
  size_t k, i, n = NN_DOC_NMENTS(d);
  int r;
  d->work.len = d->work2.len = 0;
  for (k = 0; k < n; k++) {
    const nn_emention *m = &NN_DOC_MENT(d, k);
    if (m->end - m->first < 2) continue;
    for (i = m->first; i < m->end; i++) {
      const nn_etype *t = TY(i);
      word_use u;
      uint32_t id;
      size_t *heads;
      r = nn_strmap_intern(&d->words, d->forms.data + t->w.low_off, t->w.low_len, &id);
      if (r < 0) return r;
      if (r == 1) {
        size_t none = NONE;
        r = nn_buf_append(&d->work2, (const char *)&none, sizeof none);
        if (r != NN_OK) return r;
      }
      heads = (size_t *)(void *)d->work2.data;
      u.mention = k;
      u.pos = i - m->first;
      u.next = heads[id];
      heads[id] = d->work.len / sizeof u;
      r = nn_buf_append(&d->work, (const char *)&u, sizeof u);
      if (r != NN_OK) return r;
    }
  }
  return NN_OK;
}

/* Lower-case acronyms and the group each stands for: defined ones
 * ("Agence Kampuchea Presse ( AKP )", the last definition wins), then the
 * capital initials of long mentions (the first such mention wins).
 * work3 holds the group (+1, 0 = none) by acronym id. */
static int index_acronyms(nn_entity_doc *d)
{
  size_t k, i, n = NN_DOC_NMENTS(d);
  int pass, r;
  d->work3.len = 0;
  for (pass = 0; pass < 2; pass++) {
    for (k = 0; k < n; k++) {
      const nn_emention *m = &NN_DOC_MENT(d, k);
      uint32_t id;
      size_t *groups, acr;
      if (m->end - m->first < 2) continue;
      d->phrase.len = 0;
      if (pass == 0) {
        acr = nn_doc_defined_acronym(d, m);
        if (!acr) continue;
        r = nn_buf_append(&d->phrase, d->forms.data + TY(acr)->w.low_off, TY(acr)->w.low_len);
      } else {
        r = NN_OK;
        for (i = m->first; i < m->end && r == NN_OK; i++) {
          const nn_etype *t = TY(i);
          size_t len = 1;
          if (!(t->w.shape & NN_SH_CAP)) continue;
          /* the first character, lower-cased */
          while (len < t->w.low_len && ((unsigned char)d->forms.data[t->w.low_off + len] & 0xC0) == 0x80)
            len++;
          r = nn_buf_append(&d->phrase, d->forms.data + t->w.low_off, len);
        }
        if (r == NN_OK && d->phrase.len < 2) continue;
      }
      if (r != NN_OK) return r;
      r = nn_strmap_intern(&d->acronyms, d->phrase.data, d->phrase.len, &id);
      if (r < 0) return r;
      if (r == 1) {
        size_t zero = 0;
        r = nn_buf_append(&d->work3, (const char *)&zero, sizeof zero);
        if (r != NN_OK) return r;
      }
      groups = (size_t *)(void *)d->work3.data;
      if (pass == 0 || groups[id] == 0) groups[id] = (size_t)m->key + 1;
    }
  }
  return NN_OK;
}

/* Votes for a one-word group from the long names that contain its word. */
static void short_form_votes(nn_entity_doc *d, uint32_t key, nn_egroup *g)
{
  const nn_emention *m0 = &NN_DOC_MENT(d, g->first_mention);
  const nn_etype *t = TY(m0->first);
  const word_use *uses = (const word_use *)(const void *)d->work.data;
  const size_t *heads = (const size_t *)(const void *)d->work2.data;
  int64_t id = nn_strmap_find(&d->words, d->forms.data + t->w.low_off, t->w.low_len);
  size_t u;
  if (id < 0) return;
  for (u = heads[id]; u != NONE; u = uses[u].next) {
    const nn_emention *mm = &NN_DOC_MENT(d, uses[u].mention);
    const nn_egroup *long_group = &NN_DOC_GROUP(d, mm->key);
    size_t len = mm->end - mm->first;
    double score;
    int best;
    if (mm->key == key) continue;
    best = nn_doc_best_kind(long_group->votes, &score);
    if (best == NN_V_PER && score >= 1 && (uses[u].pos == 0 || uses[u].pos == len - 1))
      g->votes[NN_V_PER] += 5;
    else if ((best == NN_V_ORG || best == NN_V_MISC || best == NN_V_LOC) && score >= 2 &&
             uses[u].pos == 0 && g->own < 2)
      g->votes[best] += 3;
  }
}

/* An acronym group takes +3 for the kind of the name it stands for. */
static int acronym_votes(nn_entity_doc *d, uint32_t key, nn_egroup *g)
{
  const nn_emention *m0 = &NN_DOC_MENT(d, g->first_mention);
  const size_t *groups = (const size_t *)(const void *)d->work3.data;
  size_t klen;
  const char *ktext = nn_strmap_key(&d->keys, key, &klen);
  int64_t id;
  int r;
  if (!(m0->flags & NN_EM_ACRONYM)) return NN_OK;
  d->phrase.len = 0;
  r = nn_entity_append_lower(&d->phrase, ktext, klen);
  if (r != NN_OK) return r;
  id = nn_strmap_find(&d->acronyms, d->phrase.data, d->phrase.len);
  if (id >= 0 && groups[id] != 0 && groups[id] - 1 != key) {
    int best = nn_doc_best_kind(NN_DOC_GROUP(d, groups[id] - 1).votes, NULL);
    if (best >= 0) g->votes[best] += 3;
  }
  return NN_OK;
}

/* Are the tokens between two mentions ",", "and", "or", ", and" or ", or"? */
static int list_gap(const nn_entity_doc *d, size_t a, size_t b)
{
  if (b == a + 1) return IS(a, NN_C_COMMA) || IS(a, NN_C_AND) || IS(a, NN_C_OR);
  if (b == a + 2) return IS(a, NN_C_COMMA) && (IS(a + 1, NN_C_AND) || IS(a + 1, NN_C_OR));
  return 0;
}

/* In a list of names, a weakly typed name (best score under 2) takes +2 for
 * the kind most of the strongly typed ones have. */
static void coordination(nn_entity_doc *d)
{
  size_t n = NN_DOC_NMENTS(d), a = 0;
  while (a < n) {
    size_t b = a + 1, k;
    int counts[NN_V__COUNT] = { 0 }, order[NN_V__COUNT], norder = 0, best = -1, c;
    while (b < n && NN_DOC_MENT(d, b).sent == NN_DOC_MENT(d, a).sent &&
           list_gap(d, NN_DOC_MENT(d, b - 1).end, NN_DOC_MENT(d, b).first))
      b++;
    if (b - a >= 2) {
      for (k = a; k < b; k++) {
        double score;
        int t = nn_doc_best_kind(NN_DOC_GROUP(d, NN_DOC_MENT(d, k).key).votes, &score);
        if (t >= 0 && score >= 2) {
          if (counts[t]++ == 0) order[norder++] = t;
        }
      }
      /* the most frequent kind; on a tie the one seen first */
      for (c = 0; c < norder; c++)
        if (best < 0 || counts[order[c]] > counts[best]) best = order[c];
      if (best >= 0) {
        for (k = a; k < b; k++) {
          nn_egroup *g = &NN_DOC_GROUP(d, NN_DOC_MENT(d, k).key);
          double score;
          if (nn_doc_best_kind(g->votes, &score) < 0 || score < 2) g->votes[best] += 2;
        }
      }
    }
    a = b;
  }
}

int nn_doc_agree(nn_entity_doc *d)
{
  size_t k, ngroups = d->groups.len / sizeof(nn_egroup);
  int r;
  r = index_words(d);
  if (r != NN_OK) return r;
  r = index_acronyms(d);
  if (r != NN_OK) return r;
  for (k = 0; k < ngroups; k++) {
    nn_egroup *g = &NN_DOC_GROUP(d, k);
    if (g->ntoks >= 2) continue;
    short_form_votes(d, (uint32_t)k, g);
    r = acronym_votes(d, (uint32_t)k, g);
    if (r != NN_OK) return r;
  }
  if (d->english) coordination(d); /* lists are read with "and", "or" */
  return NN_OK;
}
