/* Name words and mentions: which capitalized tokens are name words (with
 * the evidence of the document), the runs they make, and how runs split at
 * titles and leading demonyms into mentions. */
#include <string.h>

#include "nn_entity_doc.h"
#include "nn_tokenize.h"

#define TOK(i) NN_DOC_TOK(d, i)
#define TY(i) nn_doc_type(d, i)
#define IS(i, c) NN_DOC_IS(d, i, c)

/* Longest gazetteer phrase, in tokens (the data has none longer). */
#define MAX_PHRASE_TOKENS 9
#define MAX_TITLE_TOKENS 4

/* Gazetteer classes that make a capitalized word a name wherever it stands. */
#define STRONG_GAZ                                                                              \
  (NN_EG_COUNTRY | NN_EG_CITY | NN_EG_DEMONYM | NN_EG_REGION | NN_EG_CONTINENT | NN_EG_GIVEN | \
   NN_EG_ORGANIZATION | NN_EG_WN_ORGANIZATION)

static int mode_of(const nn_entity_doc *d, size_t i)
{
  return NN_DOC_SENT(d, TOK(i).sent).mode;
}

/* Word classes count only with the English data. */
static uint32_t word_flags(const nn_entity_doc *d, const nn_entity_entry *e)
{
  return d->english ? nn_ee_word(e) : 0;
}

static uint32_t cue_bits(const nn_entity_doc *d, const nn_entity_entry *e)
{
  return d->english ? nn_ee_gaz(e) & 0xFF000000u : 0;
}

/* ---- phrases -------------------------------------------------------------------------- */

int nn_doc_phrase_text(nn_entity_doc *d, nn_buf *out, size_t first, size_t end, int lower)
{
  size_t i;
  int r;
  out->len = 0;
  for (i = first; i < end; i++) {
    const nn_etype *t = TY(i);
    if (i > first && (TOK(i).flags & NN_ET_SPACE_BEFORE)) {
      r = nn_buf_append_byte(out, ' ');
      if (r != NN_OK) return r;
    }
    if (lower)
      r = nn_buf_append(out, d->forms.data + t->w.low_off, t->w.low_len);
    else
      r = nn_buf_append(out, d->s + TOK(i).start, TOK(i).len);
    if (r != NN_OK) return r;
  }
  return NN_OK;
}

/* Every letter of the tokens is upper case (and there is one)? */
static int phrase_allcaps(const nn_entity_doc *d, size_t first, size_t end)
{
  size_t i;
  int letters = 0;
  for (i = first; i < end; i++) {
    uint32_t sh = TOK(i).shape;
    if (!(sh & NN_SH_ALPHA)) continue;
    if (!(sh & NN_SH_ALLCAPS)) return 0;
    letters = 1;
  }
  return letters;
}

int nn_doc_phrase_gaz(nn_entity_doc *d, size_t first, size_t end, int caps, uint32_t *gaz,
                      int *prefix)
{
  const nn_entity_entry *exact, *low;
  uint32_t g, pre;
  int allcaps, r;
  if (end - first == 1) {
    const nn_etype *t = TY(first);
    exact = t->w.exact;
    allcaps = (t->w.shape & NN_SH_ALLCAPS) != 0;
    g = nn_ee_gaz(exact);
    pre = g & NN_EG_PREFIX;
    g &= NN_EG_NAMES;
    if (caps || allcaps) {
      if (caps || !g) g |= nn_ee_fold(t->w.low) & NN_EG_NAMES;
      pre |= nn_ee_fold(t->w.low) & NN_EG_PREFIX;
    }
  } else {
    nn_phrase_memo *memo = &d->memo[(first * 31 + end * 7 + (size_t)caps) % NN_PHRASE_MEMO];
    const nn_etype *t0 = TY(first);
    /* No phrase starts with the first word and a space: nothing to look up. */
    if ((TOK(first + 1).flags & NN_ET_SPACE_BEFORE) && !(nn_ee_gaz(t0->w.exact) & NN_EG_PREFIX) &&
        !((caps || !(t0->w.shape & NN_SH_ALPHA) || (t0->w.shape & NN_SH_ALLCAPS)) &&
          (nn_ee_fold(t0->w.low) & NN_EG_PREFIX))) {
      *gaz = 0;
      if (prefix) *prefix = 0;
      return NN_OK;
    }
    if (memo->end == end && memo->first == first && memo->caps == (caps != 0)) {
      *gaz = memo->gaz;
      if (prefix) *prefix = memo->prefix;
      return NN_OK;
    }
    r = nn_doc_phrase_text(d, &d->phrase, first, end, 0);
    if (r != NN_OK) return r;
    exact = nn_entity_lookup(d->phrase.data, d->phrase.len);
    allcaps = phrase_allcaps(d, first, end);
    g = nn_ee_gaz(exact);
    pre = g & NN_EG_PREFIX;
    g &= NN_EG_NAMES;
    if (caps || allcaps) {
      r = nn_doc_phrase_text(d, &d->phrase, first, end, 1);
      if (r != NN_OK) return r;
      low = nn_entity_lookup(d->phrase.data, d->phrase.len);
      if (caps || !g) g |= nn_ee_fold(low) & NN_EG_NAMES;
      pre |= nn_ee_fold(low) & NN_EG_PREFIX;
    }
    memo->first = first;
    memo->end = end;
    memo->caps = caps != 0;
    memo->gaz = g;
    memo->prefix = pre != 0;
  }
  *gaz = g;
  if (prefix) *prefix = pre != 0;
  return NN_OK;
}

int nn_doc_title_at(nn_entity_doc *d, size_t k, size_t end, int caps)
{
  const nn_etype *t = TY(k);
  uint32_t bits;
  size_t len, best = 0;
  if (!d->english) return 0;
  bits = nn_ee_gaz(t->w.exact);
  if (caps) bits |= nn_ee_fold(t->w.low);
  if (bits & NN_EG_TITLE) best = 1;
  if (!(bits & NN_EG_TITLE_PREFIX)) return (int)best;
  for (len = 2; len <= MAX_TITLE_TOKENS && k + len <= end; len++) {
    const nn_entity_entry *e;
    int r = nn_doc_phrase_text(d, &d->phrase, k, k + len, 0);
    if (r != NN_OK) return r;
    e = nn_entity_lookup(d->phrase.data, d->phrase.len);
    bits = nn_ee_gaz(e);
    if (caps) {
      r = nn_doc_phrase_text(d, &d->phrase, k, k + len, 1);
      if (r != NN_OK) return r;
      bits |= nn_ee_fold(nn_entity_lookup(d->phrase.data, d->phrase.len));
    }
    if (bits & NN_EG_TITLE) best = len;
    if (!(bits & NN_EG_TITLE_PREFIX)) break;
  }
  return (int)best;
}

/* ---- name words ----------------------------------------------------------------------- */

/* Could the capitalized token i, at a sentence start or in a headline, be a
 * name word?  The document's own writing decides first, then the
 * gazetteer, then the lexicon of common words. */
static int namey(nn_entity_doc *d, size_t i, const nn_esent *st)
{
  const nn_etok *tok = &TOK(i);
  const nn_etype *t = TY(i);
  uint32_t id = tok->type;
  uint32_t capn, lown, strong;
  int caps = st->mode == NN_MODE_CAPS;
  if (!(t->w.shape & NN_SH_ALPHA) || !(t->w.shape & NN_SH_ALPHA_FIRST)) return 0;
  if ((word_flags(d, t->w.low) & NN_EW_FUNCTION) ||
      ((word_flags(d, t->w.exact) | word_flags(d, t->w.title)) & NN_EW_CALENDAR))
    return 0;
  if (i + 1 < st->end && (TOK(i + 1).shape & NN_SH_CAP)) {
    const nn_etype *nx = TY(i + 1);
    uint32_t nid = TOK(i + 1).type;
    int64_t tt = nn_doc_title_type(d, id), nt = nn_doc_title_type(d, nid);
    (void)nx;
    if (nn_doc_pair_seen(d, id, nid) || nn_doc_pair_seen(d, id, nt) ||
        nn_doc_pair_seen(d, tt, nid) || nn_doc_pair_seen(d, tt, nt))
      return 1;
  }
  /* ... or after one ("City Council" seen makes "Council" after "City" one) */
  if (i > st->first && (TOK(i - 1).shape & NN_SH_CAP)) {
    uint32_t pid = TOK(i - 1).type;
    int64_t pt = nn_doc_title_type(d, pid), tt = nn_doc_title_type(d, id);
    if (nn_doc_pair_seen(d, pid, id) || nn_doc_pair_seen(d, pid, tt) ||
        nn_doc_pair_seen(d, pt, id) || nn_doc_pair_seen(d, pt, tt))
      return 1;
  }
  /* ... or opens a run that ends in a company's legal form ("Grand
   * Metropolitan PLC", "General Motors Corp"). */
  {
    size_t j;
    for (j = i + 1; j < st->end && j <= i + 3 && (TOK(j).shape & NN_SH_CAP); j++)
      if (d->english && (nn_ee_gaz(TY(j)->w.exact) & NN_EG_LEGAL_FORM)) return 1;
  }
  /* ... or opens a title of several words before a name ("Chief Operating
   * Officer Arvo Tennant" at a sentence start), which the run then loses.
   * (A failed allocation reads as no title here; splitting meets it again.) */
  if (d->english && st->mode == NN_MODE_NORMAL) {
    int len = nn_doc_title_at(d, i, st->end, caps);
    if (len > 1 && i + (size_t)len < st->end && (TOK(i + (size_t)len).shape & NN_SH_CAP)) return 1;
  }
  capn = nn_type_capn(d, t);
  {
    int64_t tt = nn_doc_title_type(d, id), lt = nn_doc_lower_type(d, id);
    if (tt >= 0 && tt != id) capn += nn_type_capn(d, &NN_DOC_TYPE(d, tt));
    lown = lt >= 0 ? nn_type_lown(d, &NN_DOC_TYPE(d, lt)) : 0;
  }
  if (capn > lown) return 1;
  if (lown > 0 && capn == 0) return 0;
  strong = nn_ee_gaz(t->w.exact) | nn_ee_gaz(t->w.title);
  if (caps || ((t->w.shape & NN_SH_ALLCAPS) && !(nn_ee_gaz(t->w.exact) & NN_EG_NAMES)))
    strong |= nn_ee_fold(t->w.low);
  if (strong & STRONG_GAZ) return 1;
  if (!d->english) return 0; /* no lexicon: a word needs evidence */
  if (nn_type_hyphen_common(d, t)) return 0;
  if (nn_type_level(d, t) <= 50) return 0;
  if (caps && t->w.nchars <= 4 && capn == 0) return 0;
  return 1;
}

static int candidate(nn_entity_doc *d, size_t i, const nn_esent *st)
{
  const nn_etok *tok = &TOK(i);
  const nn_etype *t = TY(i);
  if (tok->kind != NN_TOKEN_WORD && tok->kind != NN_TOKEN_ABBREVIATION) return 0;
  if (i < d->sport_tag_end) return 0; /* "GOLF - ...", "SOCCER - ..." */
  if (tok->flags & NN_ET_POSSESSIVE) return 0;
  if (t->w.shape & NN_SH_CONTRACTION) return 0;
  /* St. Louis; Harbor St. (a street after a name: a place cue) */
  if ((word_flags(d, t->w.exact) | word_flags(d, t->w.title)) & NN_EW_NAME_PREFIX)
    return (i + 1 < st->end && (TOK(i + 1).shape & NN_SH_CAP)) ||
           (i > st->first && (TOK(i - 1).flags & NN_ET_CAND));
  if (!(t->w.shape & NN_SH_CAP)) return 0;
  /* March, MARCH (not DEC: three capitals may be an acronym) */
  if ((word_flags(d, t->w.exact) & NN_EW_CALENDAR) ||
      (t->w.nchars > 3 && (word_flags(d, t->w.title) & NN_EW_CALENDAR)) || IS(i, NN_C_I))
    return 0;
  if (st->mode == NN_MODE_NORMAL && !(tok->flags & NN_ET_INITIAL)) {
    if ((word_flags(d, t->w.low) & NN_EW_FUNCTION) && t->w.nchars > 1 && !(t->w.shape & NN_SH_ALLCAPS))
      return 0;
    return 1;
  }
  return namey(d, i, st);
}

/* Gazetteer phrases of two tokens or more hold together: their tokens are
 * all name words ("Trinidad and Tobago", "Rio de Janeiro", "West Indian").
 * The longest phrase that ends in a capitalized token wins. */
static int glue_phrases(nn_entity_doc *d, const nn_esent *st)
{
  int caps = st->mode == NN_MODE_CAPS;
  size_t i = st->first;
  while (i < st->end) {
    size_t best = 0, j;
    if (TOK(i).shape & NN_SH_CAP) {
      for (j = i; j < st->end && j < i + MAX_PHRASE_TOKENS; j++) {
        uint32_t g;
        int prefix, r = nn_doc_phrase_gaz(d, i, j + 1, caps, &g, &prefix);
        if (r != NN_OK) return r;
        if (j > i && g && (TOK(j).shape & NN_SH_CAP)) best = j + 1 - i;
        /* Walk on while a longer phrase may start here; a word glued to the
         * next word (no space) may be the first part of a phrase word. */
        if (!prefix && !(j + 1 < st->end && !(TOK(j + 1).flags & NN_ET_SPACE_BEFORE) &&
                         (TOK(j).shape & NN_SH_ALPHA) && (TOK(j + 1).shape & NN_SH_ALPHA)))
          break;
      }
    }
    if (best >= 2) {
      for (j = i; j < i + best; j++) TOK(j).flags |= NN_ET_CAND;
      i += best;
    } else {
      i++;
    }
  }
  return NN_OK;
}

/* A head word of a name that goes on with "of"/"for": Bank (of England),
 * Gulf (of Mexico), Treaty (of Rome). */
static int of_head(const nn_entity_doc *d, size_t i)
{
  const nn_etype *t = TY(i);
  uint32_t g = cue_bits(d, t->w.exact), tg = cue_bits(d, t->w.title);
  return NN_EC_ORG(g) == NN_CUE_HEAD || NN_EC_PLACE(g) == NN_PLACE_CUE_HEAD ||
         NN_EC_OTHER(g) == NN_OTHER_CUE_HEAD || NN_EC_ORG(tg) == NN_CUE_HEAD ||
         NN_EC_PLACE(tg) == NN_PLACE_CUE_HEAD;
}

/* Does the cue of the last word say a name ends here (Prince Edward Island)? */
static int ends_with_cue(const nn_entity_doc *d, size_t i)
{
  const nn_etype *t = TY(i);
  uint32_t g[2];
  int k;
  g[0] = cue_bits(d, t->w.exact);
  g[1] = cue_bits(d, t->w.title);
  for (k = 0; k < 2; k++) {
    unsigned o = NN_EC_ORG(g[k]), p = NN_EC_PLACE(g[k]), x = NN_EC_OTHER(g[k]);
    if ((o >= NN_CUE_LAST && o <= NN_CUE_HEAD) || p == NN_PLACE_CUE_LAST ||
        p == NN_PLACE_CUE_HEAD || x != 0)
      return 1;
  }
  return 0;
}

/* ---- mentions ------------------------------------------------------------------------- */

/* The key of a mention: its text, with words in capitals title-cased where
 * a headline or a shouted name would otherwise differ from the body's
 * writing (LONDON -> London), so that the forms share their votes. */
static int mention_key(nn_entity_doc *d, size_t a, size_t b, int caps, uint32_t *key)
{
  size_t i;
  int r, all_caps = 1;
  nn_buf *k = &d->phrase2;
  k->len = 0;
  for (i = a; i < b; i++) {
    uint32_t sh = TOK(i).shape;
    if ((sh & NN_SH_ALPHA) && !(sh & NN_SH_ALLCAPS)) all_caps = 0;
  }
  for (i = a; i < b; i++) {
    const nn_etype *t = TY(i);
    int title;
    if (caps)
      title = t->w.nchars > 3 || nn_type_capn(d, t) == 0;
    else
      title = (t->w.shape & NN_SH_ALLCAPS) &&
              (t->w.nchars > 4 || (all_caps && b - a > 1 && !(t->w.shape & NN_SH_PERIOD)));
    if (i > a && (TOK(i).flags & NN_ET_SPACE_BEFORE)) {
      r = nn_buf_append_byte(k, ' ');
      if (r != NN_OK) return r;
    }
    if (title)
      r = nn_buf_append(k, d->forms.data + t->w.title_off, t->w.title_len);
    else
      r = nn_buf_append(k, d->s + TOK(i).start, TOK(i).len);
    if (r != NN_OK) return r;
  }
  r = nn_strmap_intern(&d->keys, k->data, k->len, key);
  if (r < 0) return r;
  if (r == 1) {
    nn_egroup g;
    memset(&g, 0, sizeof g);
    g.first_mention = NN_DOC_NMENTS(d);
    g.ntoks = b - a;
    r = nn_buf_append(&d->groups, (const char *)&g, sizeof g);
    if (r != NN_OK) return r;
  }
  return NN_OK;
}

static size_t count_periods(const nn_entity_doc *d, size_t i)
{
  size_t k, n = 0;
  for (k = 0; k < TOK(i).len; k++) n += d->s[TOK(i).start + k] == '.';
  return n;
}

/* Adds the mention [a, b) unless it is a word that is never a name alone:
 * a function word, a title, a single letter, North, Women ... */
static int emit(nn_entity_doc *d, size_t a, size_t b, unsigned cues, const nn_esent *st)
{
  nn_emention m;
  int caps = st->mode == NN_MODE_CAPS, r;
  if (b - a == 1) {
    const nn_etype *t = TY(a);
    size_t letters = t->w.nchars, k = TOK(a).len;
    if ((word_flags(d, t->w.low) & NN_EW_FUNCTION) && !(t->w.shape & NN_SH_ALLCAPS)) return NN_OK;
    if (d->english && (nn_ee_gaz(t->w.exact) & NN_EG_TITLE)) return NN_OK;
    while (k > 0 && d->s[TOK(a).start + k - 1] == '.') k--, letters--;
    if (letters == 1) return NN_OK;
    if ((word_flags(d, t->w.title) | word_flags(d, t->w.exact)) & NN_EW_NEVER_ALONE) return NN_OK;
    if (d->english && (nn_ee_gaz(t->w.exact) & NN_EG_LEGAL_FORM)) return NN_OK; /* Corp, Inc */
  }
  memset(&m, 0, sizeof m);
  m.first = a;
  m.end = b;
  m.sent = TOK(a).sent;
  m.flags = cues;
  if (b - a >= 3 && IS(b - 2, NN_C_NUMERO) && TOK(b - 1).kind == NN_TOKEN_NUMBER) m.flags |= NN_EM_NUMBERED;
  if (caps) m.flags |= NN_EM_CAPS;
  if (b - a == 1 && !caps && (TOK(a).shape & NN_SH_ALLCAPS)) {
    size_t n = TY(a)->w.nchars - count_periods(d, a);
    if (n >= 2 && n <= 6) m.flags |= NN_EM_ACRONYM;
  }
  r = mention_key(d, a, b, caps, &m.key);
  if (r != NN_OK) return r;
  return nn_buf_append(&d->ments, (const char *)&m, sizeof m);
}

/* A leading demonym of one or two words is a mention of its own when what
 * follows is a person or a place (Australian | Tom Moody, Jewish | West
 * Bank), not when it is part of the name (Bosnian Serb, Scottish National
 * Party).  Its length, or 0. */
static int demonym_prefix(nn_entity_doc *d, size_t a, size_t b, int caps, size_t *len)
{
  size_t l;
  *len = 0;
  for (l = 2; l >= 1; l--) {
    uint32_t g, rest, first;
    int r, title;
    if (b - a <= l) continue;
    r = nn_doc_phrase_gaz(d, a, a + l, caps, &g, NULL);
    if (r != NN_OK) return r;
    if (!(g & NN_EG_DEMONYM) || (g & (NN_EG_PLACE | NN_EG_ORG | NN_EG_GIVEN))) continue;
    r = nn_doc_phrase_gaz(d, a + l, b, caps, &rest, NULL);
    if (r != NN_OK) return r;
    if (rest & NN_EG_OTHER) return NN_OK;
    r = nn_doc_phrase_gaz(d, a + l, a + l + 1, caps, &first, NULL);
    if (r != NN_OK) return r;
    title = nn_doc_title_at(d, a + l, b, caps);
    if (title < 0) return title;
    if (title > 0 || (first & NN_EG_GIVEN) || (rest & (NN_EG_PLACE | NN_EG_PERSON))) *len = l;
    return NN_OK;
  }
  return NN_OK;
}

/* Splits the run [i, j) at titles and a leading demonym, drops a leading
 * "The", and adds the mentions. */
static int split_run(nn_entity_doc *d, size_t i, size_t j, const nn_esent *st)
{
  int caps = st->mode == NN_MODE_CAPS, r;
  uint32_t whole;
  size_t k = i, start = i;
  unsigned pending = 0;
  int first_title = nn_doc_title_at(d, i, j, caps);
  if (first_title < 0) return first_title;
  if ((size_t)first_title == j - i) return NN_OK; /* a title alone: "the Prime Minister said" */
  r = nn_doc_phrase_gaz(d, i, j, caps, &whole, NULL);
  if (r != NN_OK) return r;
  if (whole & NN_EG_NAMES & ~(NN_EG_PERSON | NN_EG_GIVEN | NN_EG_FAMILY))
    return emit(d, i, j, 0, st);
  while (k <= j) {
    size_t a, b;
    unsigned cues;
    if (k < j) {
      int len = k == i ? first_title : nn_doc_title_at(d, k, j, caps);
      if (len < 0) return len;
      /* A title that opens a name ending in a cue word stays (Prince
       * Edward Island), and one inside a company's name (Data General Corp). */
      if (len == 0 ||
          (j - k > (size_t)len && (k == start ? ends_with_cue(d, j - 1)
                                              : (nn_ee_gaz(TY(j - 1)->w.exact) & NN_EG_LEGAL_FORM) != 0))) {
        k++;
        continue;
      }
      a = start;
      b = k;
      cues = pending;
      pending = 0;
      start = k + (size_t)len;
      k = start;
      if (start < j) pending = NN_EM_TITLE_CUE;
    } else {
      a = start;
      b = j;
      cues = pending;
      k = j + 1;
    }
    /* "of the" left by a title that ends before it: what follows names an
     * office, not the person (Secretary | of the Treasury) */
    if (a < b && !(TOK(a).shape & NN_SH_CAP)) {
      size_t p;
      while (a < b && !(TOK(a).shape & NN_SH_CAP)) a++;
      cues &= ~NN_EM_TITLE_CUE;
      /* ... unless a person's given name follows the office: Secretary of
       * Energy | Spencer Abraham */
      for (p = a + 1; d->english && p + 1 < b; p++)
        if ((TOK(p).shape & NN_SH_CAP) && (nn_ee_gaz(TY(p)->w.title) & NN_EG_GIVEN) &&
            !(nn_ee_gaz(TY(p - 1)->w.title) & NN_EG_GIVEN)) {
          a = p;
          cues |= NN_EM_TITLE_CUE;
          break;
        }
    }
    if (a >= b) {
      /* two titles in a row: the cue waits for the name */
      pending |= cues;
      continue;
    }
    while (a < b && IS(a, NN_C_THE_CAP)) {
      uint32_t g;
      r = nn_doc_phrase_gaz(d, a, b, caps, &g, NULL);
      if (r != NN_OK) return r;
      if (g) break;
      a++;
    }
    if (a >= b) continue;
    if (b - a >= 2) {
      size_t len;
      r = demonym_prefix(d, a, b, caps, &len);
      if (r != NN_OK) return r;
      if (len) {
        r = emit(d, a, a + len, 0, st);
        if (r != NN_OK) return r;
        a += len;
      }
    }
    r = emit(d, a, b, cues, st);
    if (r != NN_OK) return r;
  }
  return NN_OK;
}

/* Is the run of name words from i on all legal forms ("Morgan Stanley and
 * Co Inc", "Petroleos de Venezuela, S.A."), so that "and" or a comma
 * before it joins it to the name? */
static int legal_forms_after(const nn_entity_doc *d, size_t i, size_t end)
{
  if (!d->english) return 0;
  for (; i < end && (TOK(i).flags & NN_ET_CAND); i++)
    if (!(nn_ee_gaz(TY(i)->w.exact) & NN_EG_LEGAL_FORM)) return 0;
  return 1;
}

/* Does a comma at j join the legal forms after it ("Cargill, Inc.")?  Not
 * forms in capitals that read as an acronym after a comma ("American
 * Soybean Association, ASA"). */
static int comma_legal_form(const nn_entity_doc *d, size_t j, size_t end)
{
  uint32_t sh;
  if (!IS(j, NN_C_COMMA) || j + 1 >= end) return 0;
  sh = TOK(j + 1).shape;
  if ((sh & NN_SH_ALLCAPS) && !(sh & NN_SH_PERIOD)) return 0;
  return legal_forms_after(d, j + 1, end);
}

/* Does "No. 9" at j number the one-word run i before it, a common noun
 * written as a name ("Pier No. 9", "Reactor No. 4"; not "U.S. No. 2 wheat",
 * nor the grade in "New York Cotton Exchange No 2 futures")? */
static int numbered_after(nn_entity_doc *d, size_t i, size_t j, size_t end)
{
  const nn_etype *head;
  if (!d->english || j != i + 1 || !IS(j, NN_C_NUMERO) || j + 1 >= end || TOK(j + 1).kind != NN_TOKEN_NUMBER ||
      !(TOK(j).flags & NN_ET_SPACE_BEFORE) || !(TOK(j + 1).flags & NN_ET_SPACE_BEFORE))
    return 0;
  head = TY(j - 1);
  return (TOK(j - 1).shape & NN_SH_CAP) && !(head->w.shape & NN_SH_ALLCAPS) &&
         nn_type_level(d, head) <= 50 && !((nn_ee_gaz(head->w.exact) | nn_ee_gaz(head->w.title)) & STRONG_GAZ);
}

/* The runs of name words in a sentence, with what may join them: "&", "and"
 * before legal forms, name particles (van der), and "of"/"for" (then "and",
 * "in", "on") after a head word (Organisation for Security and Cooperation in
 * Europe). */
static int sentence_mentions(nn_entity_doc *d, const nn_esent *st)
{
  size_t i = st->first, end = st->end;
  int r;
  while (i < end) {
    size_t j, k;
    int has_of = 0, has_head, numbered = 0;
    if (!(TOK(i).flags & NN_ET_CAND)) {
      i++;
      continue;
    }
    has_head = of_head(d, i);
    j = i + 1;
    while (j < end) {
      size_t to = j;
      if (TOK(j).flags & NN_ET_CAND) {
        to = j + 1;
      } else if (numbered_after(d, i, j, end)) {
        to = j + 2; /* and the name ends */
        numbered = 1;
      } else if (j + 1 < end && (TOK(j + 1).flags & NN_ET_CAND) &&
                 (IS(j, NN_C_AMP) ||
                  (IS(j, NN_C_AND) && legal_forms_after(d, j + 1, end)) || comma_legal_form(d, j, end))) {
        to = j + 2;
      } else {
        if (d->english && mode_of(d, j) == NN_MODE_NORMAL) {
          k = j;
          while (k < end && (word_flags(d, TY(k)->w.low) & NN_EW_PARTICLE) &&
                 !(TOK(k).shape & NN_SH_CAP))
            k++;
          if (k > j && k < end && (TOK(k).flags & NN_ET_CAND) && k - j <= 2) to = k + 1;
        }
        if (to == j && d->english) {
          int of_for = IS(j, NN_C_OF) || IS(j, NN_C_FOR);
          int joiner = IS(j, NN_C_AND) || IS(j, NN_C_IN) || IS(j, NN_C_ON);
          if (((of_for && of_head(d, j - 1)) || (joiner && has_of && has_head)) && j + 1 < end &&
              ((TOK(j + 1).flags & NN_ET_CAND) ||
               (IS(j + 1, NN_C_THE) && j + 2 < end && (TOK(j + 2).flags & NN_ET_CAND))))
            to = (TOK(j + 1).flags & NN_ET_CAND) ? j + 2 : j + 3;
        }
        if (to == j && d->english && IS(j, NN_C_OF) && j + 1 < end) {
          k = j + 1;
          if (IS(k, NN_C_THE) && k + 1 < end) k++;
          if ((TOK(k).flags & NN_ET_CAND) && of_head(d, j - 1)) to = k + 1;
        }
        if (to == j) break;
      }
      for (k = j; k < to; k++) {
        if (IS(k, NN_C_OF) || IS(k, NN_C_FOR)) has_of = 1;
        if (of_head(d, k)) has_head = 1;
      }
      j = to;
      if (numbered) break;
    }
    r = split_run(d, i, j, st);
    if (r != NN_OK) return r;
    i = j;
  }
  return NN_OK;
}

int nn_doc_mentions(nn_entity_doc *d)
{
  size_t k, i, nsent = NN_DOC_NSENTS(d);
  int r;
  for (k = 0; k < nsent; k++) {
    const nn_esent *st = &NN_DOC_SENT(d, k);
    for (i = st->first; i < st->end; i++)
      if (candidate(d, i, st)) TOK(i).flags |= NN_ET_CAND;
    r = glue_phrases(d, st);
    if (r != NN_OK) return r;
    r = sentence_mentions(d, st);
    if (r != NN_OK) return r;
  }
  return NN_OK;
}
