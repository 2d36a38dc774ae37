/* The kind of each mention: votes from the mention and its context, then
 * agreement across the document (same text, short forms, acronyms, lists).
 * The weights are round numbers set by hand; a tie goes to the kind first
 * in the order LOC, MISC, ORG, PER. */
#include <string.h>

#include "nn_entity_doc.h"
#include "nn_tokenize.h"

#define TOK(i) NN_DOC_TOK(d, i)
#define TY(i) nn_doc_type(d, i)
#define IS(i, c) NN_DOC_IS(d, i, c)

static uint32_t word_flags(const nn_entity_doc *d, const nn_entity_entry *e)
{
  return d->english ? nn_ee_word(e) : 0;
}

static uint32_t cue_bits(const nn_entity_doc *d, const nn_entity_entry *e)
{
  return d->english ? nn_ee_gaz(e) & 0xFF000000u : 0;
}

int nn_doc_best_kind(const double *v, double *score)
{
  int k, best = -1;
  double s = 0;
  for (k = 0; k < NN_V__COUNT; k++)
    if (v[k] > 0 && (best < 0 || v[k] > s)) best = k, s = v[k];
  if (score) *score = s;
  return best;
}

static int is_locative(const nn_entity_doc *d, size_t i)
{
  return (word_flags(d, TY(i)->w.exact) & NN_EW_LOCATIVE) != 0;
}

/* The noun class of a lower-case word (spokesman: person, agency:
 * organization, village: place). */
static unsigned noun_class(const nn_entity_doc *d, size_t i)
{
  return d->english ? NN_EW_NOUN(nn_ee_word(TY(i)->w.exact)) : 0;
}

static int of_inside(const nn_entity_doc *d, const nn_emention *m, size_t i)
{
  return i + 1 < m->end && (IS(i + 1, NN_C_OF) || IS(i + 1, NN_C_FOR));
}

/* ---- the mention's own votes ---------------------------------------------------------- */

static int mention_votes(nn_entity_doc *d, nn_emention *m)
{
  const nn_esent *st = &NN_DOC_SENT(d, m->sent);
  double *v = m->votes;
  int caps = (m->flags & NN_EM_CAPS) != 0, r;
  size_t n = m->end - m->first, i, first = m->first;
  /* the head word: "Pier" of "Pier No. 9" */
  size_t last = m->end - ((m->flags & NN_EM_NUMBERED) ? 3 : 1);
  uint32_t g, loc_major = NN_EG_COUNTRY | NN_EG_CONTINENT | NN_EG_REGION;
  const nn_etype *tf = TY(first), *tl = TY(last);

  /* The gazetteer, for the whole mention. */
  r = nn_doc_phrase_gaz(d, first, m->end, caps, &g, NULL);
  if (r != NN_OK) return r;
  m->gaz = g;
  if (g & NN_EG_PLACE) {
    v[NN_V_LOC] += (g & loc_major) ? 4 : (g & NN_EG_CITY) ? 3 : 2;
    if (g & loc_major) m->flags |= NN_EM_LOC_MAJOR;
  }
  /* A state or city that WordNet also knows as a kind of thing or people
   * (Iowa: a people, a language) is the place. */
  if ((g & NN_EG_OTHER) &&
      !((g & (NN_EG_COUNTRY | NN_EG_REGION | NN_EG_CONTINENT | NN_EG_CITY | NN_EG_SUBDIVISION)) &&
        !(g & NN_EG_OTHER & ~(NN_EG_WN_OTHER_CLASS | NN_EG_WN_PERSON_CLASS))))
    v[NN_V_MISC] += (g & (NN_EG_DEMONYM | NN_EG_WN_ADJECTIVE)) ? 3.5 : 2.5;
  if (g & NN_EG_ORG) v[NN_V_ORG] += 2.5;
  if (g & NN_EG_PERSON) v[NN_V_PER] += 1.5;
  /* A name the data knows with its possessive: Moody's, Standard & Poor's. */
  if (m->end < st->end && (TOK(m->end).flags & NN_ET_POSSESSIVE) &&
      !(TOK(m->end).flags & NN_ET_SPACE_BEFORE)) {
    r = nn_doc_phrase_text(d, &d->phrase, first, m->end, 0);
    if (r == NN_OK) r = nn_buf_append(&d->phrase, "'s", 2);
    if (r != NN_OK) return r;
    if (nn_ee_gaz(nn_entity_lookup(d->phrase.data, d->phrase.len)) & NN_EG_ORG) v[NN_V_ORG] += 2.5;
  }
  if (n >= 2) { /* Iraqi Kurds, Bosnian Serb */
    int all = 1;
    for (i = first; i < m->end && all; i++) {
      uint32_t wg;
      r = nn_doc_phrase_gaz(d, i, i + 1, caps, &wg, NULL);
      if (r != NN_OK) return r;
      if (!(wg & NN_EG_DEMONYM)) all = 0;
    }
    if (all) v[NN_V_MISC] += 4;
  }
  if (n >= 2) { /* West German, South African: a nationality */
    uint32_t lg, fg;
    r = nn_doc_phrase_gaz(d, last, m->end, caps, &lg, NULL);
    if (r != NN_OK) return r;
    /* No one's name ends in a capital letter alone or a country (Class A,
     * Statistics Canada) */
    if ((lg & loc_major) || (TY(last)->w.nchars == 1 && (TOK(last).shape & NN_SH_ALLCAPS)))
      m->flags |= NN_EM_NOT_PERSON;
    /* ... and a compass word before a country names a region (Western Europe) */
    if ((lg & loc_major) && (word_flags(d, tf->w.exact) & NN_EW_NEVER_ALONE)) v[NN_V_LOC] += 0.5;
    if ((lg & NN_EG_DEMONYM) && !(lg & NN_EG_GIVEN)) v[NN_V_MISC] += 2;
    /* A nationality or a place that is no given or family name opening the
     * name: no person's name (European Monetary System, London Interbank
     * Offered Rate). */
    r = nn_doc_phrase_gaz(d, first, first + 1, caps, &fg, NULL);
    if (r != NN_OK) return r;
    if ((fg & (NN_EG_DEMONYM | NN_EG_COUNTRY | NN_EG_CITY | NN_EG_CONTINENT | NN_EG_REGION |
               NN_EG_SUBDIVISION)) &&
        !(fg & (NN_EG_GIVEN | NN_EG_FAMILY)))
      m->flags |= NN_EM_PLACE_FIRST;
  }

  /* Cue words inside the mention. */
  for (i = first; i < m->end; i++) {
    const nn_etype *t = TY(i);
    uint32_t c = cue_bits(d, t->w.exact);
    unsigned oc, lc, mc;
    int is_first = i == first, is_last = i == last;
    if (caps) c |= d->english ? nn_ee_fold(t->w.low) & 0xFF000000u : 0;
    oc = NN_EC_ORG(c);
    lc = NN_EC_PLACE(c);
    mc = NN_EC_OTHER(c);
    if (oc && n >= 2 &&
        (oc == NN_CUE_ANY || (oc == NN_CUE_LAST && is_last) ||
         (oc == NN_CUE_EDGE && (is_last || is_first)) ||
         (oc == NN_CUE_HEAD && (is_last || of_inside(d, m, i)))))
      v[NN_V_ORG] += 4;
    if (lc && n >= 2 &&
        ((lc == NN_PLACE_CUE_LAST && is_last) || (lc == NN_PLACE_CUE_FIRST && is_first) ||
         (lc == NN_PLACE_CUE_HEAD && (is_last || of_inside(d, m, i)))))
      v[NN_V_LOC] += 3.5;
    if (mc && n >= 2 &&
        ((mc == NN_OTHER_CUE_LAST && is_last) || mc == NN_OTHER_CUE_ANY ||
         (mc == NN_OTHER_CUE_HEAD && of_inside(d, m, i))))
      v[NN_V_MISC] += 4.5;
    if (mc == NN_OTHER_CUE_ANY && n == 1) v[NN_V_MISC] += 3;
  }
  /* St. Louis, Mt. Kenya, Ft. Worth: no person's name */
  if (n >= 2 && ((word_flags(d, tf->w.exact) | word_flags(d, tf->w.title)) & NN_EW_NAME_PREFIX))
    v[NN_V_LOC] += 2.5;
  /* A legal form at the end says company whatever else does ("lead manager
   * Morgan Guaranty Ltd"). */
  if (n >= 2 && d->english && (nn_ee_gaz(tl->w.exact) & NN_EG_LEGAL_FORM)) v[NN_V_ORG] += 4;
  /* Two-word cues at the end: Air Force, Grand Prix, Grand Slam (the head
   * word and the one before it, inside the name). */
  if (last > first && d->english &&
      ((nn_ee_gaz(TY(last - 1)->w.exact) | nn_ee_fold(TY(last - 1)->w.low)) & NN_EG_CUE_PREFIX)) {
    uint32_t c;
    r = nn_doc_phrase_text(d, &d->phrase, last - 1, m->end, 0);
    if (r != NN_OK) return r;
    c = cue_bits(d, nn_entity_lookup(d->phrase.data, d->phrase.len));
    if (NN_EC_ORG(c) == NN_CUE_LAST) v[NN_V_ORG] += 4.5;
    if (NN_EC_OTHER(c) == NN_OTHER_CUE_LAST) v[NN_V_MISC] += 4.5;
  }
  /* Clubs, in sports reports. */
  if (d->sports && n >= 2 &&
      ((cue_bits(d, tl->w.exact) | cue_bits(d, tl->w.title) | cue_bits(d, tf->w.title)) & NN_EC_CLUB))
    v[NN_V_ORG] += 4;

  /* People: a title before, a given name or an Asian family name first. */
  if (m->flags & NN_EM_TITLE_CUE) v[NN_V_PER] += 5;
  if (first > st->first && d->english && (nn_ee_gaz(TY(first - 1)->w.exact) & NN_EG_TITLE))
    v[NN_V_PER] += 5;
  if (n >= 2) {
    uint32_t fg = nn_ee_gaz(tf->w.title) & NN_EG_NAMES;
    int common = 0, shaped = 1;
    if (fg & NN_EG_GIVEN)
      v[NN_V_PER] += (g & (NN_EG_PLACE | NN_EG_ORG | NN_EG_OTHER)) ? 1 : 3;
    else if (fg & NN_EG_FAMILY)
      v[NN_V_PER] += 1.5;
    for (i = first; i < m->end; i++) {
      if (nn_type_level(d, TY(i)) <= 35) common = 1;
      if (!(TOK(i).shape & NN_SH_NAME_SHAPE)) shaped = 0;
    }
    if (n <= 4 && !common && shaped && !(m->flags & NN_EM_PLACE_FIRST)) v[NN_V_PER] += 0.5;
  }

  if (d->english) {
    /* The noun before: "spokesman X", "agency X", "the village of X". */
    if (first > st->first) {
      size_t k = first - 1;
      if (IS(k, NN_C_OF) && k > st->first) {
        if (noun_class(d, k - 1) == NN_NOUN_PLACE) v[NN_V_LOC] += 2;
      } else {
        unsigned nc = noun_class(d, k);
        uint32_t wf = word_flags(d, TY(k)->w.exact);
        if (nc && (TOK(k).shape & NN_SH_LOWER) && (!(wf & NN_EW_VERB) || (wf & NN_EW_ROLE_NOUN)))
          v[nc == NN_NOUN_PERSON ? NN_V_PER : nc == NN_NOUN_ORG ? NN_V_ORG : NN_V_LOC] += 2;
      }
    }
    /* The noun after: "Interfax news agency". */
    if (m->end < st->end && (TOK(m->end).shape & NN_SH_LOWER)) {
      size_t k = m->end;
      if ((word_flags(d, TY(k)->w.exact) & NN_EW_ORG_MODIFIER) && k + 1 < st->end) k++;
      if (noun_class(d, k) == NN_NOUN_ORG) v[NN_V_ORG] += 1.5;
    }
    /* "X, who", "X who", "X, 35,". */
    if (m->end < st->end) {
      size_t k = m->end;
      if (IS(k, NN_C_WHO) || (IS(k, NN_C_COMMA) && k + 1 < st->end && IS(k + 1, NN_C_WHO))) v[NN_V_PER] += 2;
      if (k + 2 < st->end && IS(k, NN_C_COMMA) && IS(k + 2, NN_C_COMMA) && (TOK(k + 1).shape & NN_SH_TWO_DIGITS))
        v[NN_V_PER] += 2;
    }
    if (tl->w.shape & NN_SH_BASED) v[NN_V_MISC] += 6;
    if (n >= 2 && !caps) {
      for (i = first; i < m->end; i++) {
        uint32_t sh = TOK(i).shape;
        if ((sh & NN_SH_ALLCAPS) && (sh & NN_SH_ALL_ALPHA) && TY(i)->w.nchars >= 2) {
          v[NN_V_ORG] += 1;
          break;
        }
      }
    }
    /* A stock symbol in a wire headline: "FLUOR <FLR> WINS ...". */
    if (first > st->first && m->end < st->end && TOK(first - 1).len == 1 && TOK(m->end).len == 1 &&
        d->s[TOK(first - 1).start] == '<' && d->s[TOK(m->end).start] == '>')
      v[NN_V_ORG] += 3;
    for (i = first; i < m->end; i++)
      if (IS(i, NN_C_AMP)) {
        v[NN_V_ORG] += 3;
        break;
      }
    /* "at Angkor Wat": more than a name's bare look and the fallback (1.1). */
    if (first > st->first && is_locative(d, first - 1) && (TOK(first - 1).shape & NN_SH_LOWER))
      v[NN_V_LOC] += 1.5;
  }

  /* A place name in a sports report is a team, unless it is a country or a
   * region, the dateline, or follows a preposition of place or "(". */
  if (d->sports && !(m->flags & NN_EM_DATELINE) && !(g & loc_major) &&
      !(first > st->first && (is_locative(d, first - 1) || IS(first - 1, NN_C_LPAREN))))
    m->flags |= NN_EM_TEAM;

  /* A table row of a sports report: "Name 3 2 1 0 7 4 10". */
  if (d->sports && first == st->first && m->end < st->end && (TOK(m->end).shape & NN_SH_NUMERIC)) {
    size_t nums = 0;
    for (i = m->end; i < st->end; i++)
      if (TOK(i).shape & NN_SH_NUMERIC) nums++;
    if (nums >= 2) {
      if (n >= 2 && (nn_ee_gaz(tf->w.title) & NN_EG_GIVEN))
        v[NN_V_PER] += 1;
      else
        v[NN_V_ORG] += 2.5;
    }
  }
  return NN_OK;
}

/* ---- datelines ------------------------------------------------------------------------ */

/* The last token of the line (within the sentence) that token i is on. */
static size_t line_last(const nn_entity_doc *d, size_t i, size_t end)
{
  while (i + 1 < end && !(TOK(i + 1).flags & NN_ET_LINE_START)) i++;
  return i;
}

/* "LONDON 1996-08-30", "ATHENS, June 29 -", "WASHINGTON (Reuters) -",
 * "LA CORUNA , Spain 1996-08-31": a place in capitals opening one of the
 * first five lines. */
static void mark_datelines(nn_entity_doc *d)
{
  size_t k, n = NN_DOC_NMENTS(d);
  for (k = 0; k < n; k++) {
    nn_emention *m = &NN_DOC_MENT(d, k);
    const nn_esent *st = &NN_DOC_SENT(d, m->sent);
    size_t last;
    int has_rest, dated;
    if (st->line > 4) continue;
    has_rest = m->end < st->end && !(TOK(m->end).flags & NN_ET_LINE_START);
    last = has_rest ? line_last(d, m->end, st->end) : m->end - 1;
    dated = has_rest && (TOK(last).shape & NN_SH_ISO_DATE);
    if (m->first == st->first && ((m->flags & NN_EM_CAPS) || (TOK(m->first).shape & NN_SH_ALLCAPS &&
                                                               (m->end - m->first == 1 ||
                                                                (TOK(m->end - 1).shape & NN_SH_ALLCAPS))))) {
      if (has_rest && (dated || IS(m->end, NN_C_COMMA) || IS(m->end, NN_C_LPAREN))) {
        m->votes[NN_V_LOC] += 10;
        m->flags |= NN_EM_DATELINE;
      }
    } else if (m->first >= st->first + 2 && IS(m->first - 1, NN_C_COMMA) && dated) {
      size_t j;
      int all = 1;
      for (j = 0; j < n && all; j++) {
        const nn_emention *o = &NN_DOC_MENT(d, j);
        if (o->sent == m->sent && o->first == st->first && !(o->flags & NN_EM_DATELINE)) all = 0;
      }
      if (all) {
        m->votes[NN_V_LOC] += 10;
        m->flags |= NN_EM_DATELINE;
      }
    }
  }
}

/* ---- the document --------------------------------------------------------------------- */

static void fallback_votes(const nn_emention *m, double *v)
{
  if (m->flags & NN_EM_ACRONYM) v[NN_V_ORG] += 0.8;
  if (m->end - m->first < 2)
    v[NN_V_ORG] += 0.3;
  else if (m->flags & NN_EM_NUMBERED) /* a numbered pier, gate, reactor */
    v[NN_V_LOC] += 0.5;
  else if (m->flags & NN_EM_NOT_PERSON)
    v[NN_V_ORG] += 0.3;
  else if (!(m->flags & NN_EM_PLACE_FIRST))
    v[NN_V_PER] += 0.6;
}

/* Does the acronym a (letters only, lower case) abbreviate the words: its
 * first letter starts the first capitalized word, and its letters appear in
 * order in the words (Schwartz and Hearst's test, simplified)? */
static int acronym_of(nn_entity_doc *d, size_t acr, const nn_emention *m)
{
  const char *a = d->s + TOK(acr).start;
  size_t alen = TOK(acr).len, i, k, pos = 0, letters = 0;
  const char *text;
  size_t tlen;
  char c0 = 0;
  int r;
  for (i = m->first; i < m->end; i++)
    if (TOK(i).shape & NN_SH_CAP) {
      c0 = d->forms.data[TY(i)->w.low_off];
      break;
    }
  if (!c0) return 0;
  r = nn_doc_phrase_text(d, &d->phrase, m->first, m->end, 1);
  if (r != NN_OK) return 0;
  text = d->phrase.data;
  tlen = d->phrase.len;
  for (k = 0; k < alen; k++) {
    char c = a[k];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (!(c >= 'a' && c <= 'z')) continue;
    if (letters++ == 0 && c != c0) return 0;
    while (pos < tlen && text[pos] != c) pos++;
    if (pos >= tlen) return 0;
    pos++;
  }
  return letters >= 2;
}

/* Is mention m followed by "( ACRONYM )" that abbreviates it?  The
 * acronym's token, or 0. */
size_t nn_doc_defined_acronym(nn_entity_doc *d, const nn_emention *m)
{
  const nn_esent *st = &NN_DOC_SENT(d, m->sent);
  size_t j = m->end;
  if (m->end - m->first < 2 || j + 2 >= st->end) return 0;
  if (!IS(j, NN_C_LPAREN) || !IS(j + 2, NN_C_RPAREN) || !(TOK(j + 1).shape & NN_SH_ALLCAPS)) return 0;
  return acronym_of(d, j + 1, m) ? j + 1 : 0;
}

int nn_doc_types(nn_entity_doc *d)
{
  size_t k, n = NN_DOC_NMENTS(d), ngroups = d->groups.len / sizeof(nn_egroup);
  int r;
  mark_datelines(d);
  for (k = 0; k < n; k++) {
    r = mention_votes(d, &NN_DOC_MENT(d, k));
    if (r != NN_OK) return r;
  }
  /* Group votes: the sum over the group's mentions, a dateline at half weight
   * (its place reading is a convention of the wire, not of the name). */
  for (k = 0; k < n; k++) {
    const nn_emention *m = &NN_DOC_MENT(d, k);
    nn_egroup *g = &NN_DOC_GROUP(d, m->key);
    int c;
    double w = (m->flags & NN_EM_DATELINE) ? 0.5 : 1.0;
    for (c = 0; c < NN_V__COUNT; c++) g->votes[c] += w * m->votes[c];
  }
  for (k = 0; k < ngroups; k++) {
    nn_egroup *g = &NN_DOC_GROUP(d, k);
    nn_doc_best_kind(g->votes, &g->own);
    fallback_votes(&NN_DOC_MENT(d, g->first_mention), g->votes);
  }
  r = nn_doc_agree(d);
  if (r != NN_OK) return r;
  for (k = 0; k < n; k++) {
    nn_emention *m = &NN_DOC_MENT(d, k);
    const double *v = (m->flags & NN_EM_DATELINE) ? m->votes : NN_DOC_GROUP(d, m->key).votes;
    int t = nn_doc_best_kind(v, NULL);
    if (t < 0) t = NN_V_MISC;
    if ((m->flags & NN_EM_TEAM) && t == NN_V_LOC) t = NN_V_ORG;
    m->type = t;
  }
  return NN_OK;
}
