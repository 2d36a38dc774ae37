/* News-aware sentence segmentation (see nn_sentences.h for the rules).
 *
 * The scan runs through ordinary bytes with a table test and stops only at
 * terminators, line breaks and non-ASCII characters (and at spaces while a
 * numbered list is open).  At a terminator it reads the run of terminators,
 * the closing quotes and brackets, the white space and the opening
 * punctuation that follow, then decides from the word before and the word
 * after.  Every look-behind is bounded by a constant; every look-ahead either
 * is bounded or consumes what it reads (the scan resumes after it), and the
 * few facts that need a longer view (is this run of text a link? is there a
 * terminator before the paragraph ends? how wide is the paragraph?) are
 * cached for the range they cover, so time stays linear on any input. */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "nn_sentences.h"
#include "nn_sentbreak.h"
#include "nn_utf8.h"
#include "sentence_data.h"
#include "unicode_data.h"

/* Look-behind and look-ahead limits, in bytes. */
#define TOKEN_MAX 32    /* the word before a period */
#define WORD_MAX 64     /* the word after a boundary */
#define FRAGMENT_SPAN 80 /* how far back a sentence is checked for content */
#define ITEM_SPAN 64    /* how far a list item is checked for content */
#define WRAP_MIN_LINE 40 /* a wrapped line is at least this long */

/* ---- characters ---------------------------------------------------------------------- */

typedef struct uchar {
  int32_t cp;
  size_t n;
  const nn_uniprop *p;
} uchar;

static inline void read_char(const unsigned char *s, size_t len, size_t i, uchar *c)
{
  if (s[i] < 0x80) {
    c->cp = s[i];
    c->n = 1;
  } else {
    c->n = nn_utf8_decode(s + i, len - i, &c->cp);
  }
  c->p = nn_uniprop_of(c->cp); /* invalid input reads as U+FFFF: no class */
}

static inline int is_space(const uchar *c) { return (c->p->flags & NN_UF_WHITE_SPACE) != 0; }

static inline int is_line_break(int32_t cp)
{
  return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028;
}

static inline int is_terminator(const uchar *c)
{
  return c->p->sb == NN_SB_ATERM || c->p->sb == NN_SB_STERM || c->cp == 0x2026;
}

static inline int is_upper(const uchar *c) { return c->p->gc == NN_GC_LU || c->p->gc == NN_GC_LT; }
static inline int is_lower(const uchar *c) { return c->p->gc == NN_GC_LL; }
static inline int is_letter(const uchar *c)
{
  return c->p->gc >= NN_GC_LU && c->p->gc <= NN_GC_LO;
}
static inline int is_mark(const uchar *c) { return c->p->gc >= NN_GC_MN && c->p->gc <= NN_GC_ME; }
static inline int is_digit(const uchar *c) { return c->p->gc == NN_GC_ND; }

/* Closing punctuation that stays with the sentence before it: quotes (the
 * German “ closes), closing brackets. */
static inline int is_closer(const uchar *c)
{
  return (c->p->flags & NN_UF_QUOTATION_MARK) || c->p->gc == NN_GC_PE || c->p->gc == NN_GC_PF;
}

/* Opening punctuation before the first word of a sentence, Spanish ¿ ¡ too. */
static inline int is_opener(const uchar *c)
{
  return (c->p->flags & NN_UF_QUOTATION_MARK) || c->p->gc == NN_GC_PS || c->p->gc == NN_GC_PI ||
         c->cp == 0xBF || c->cp == 0xA1;
}

static int is_bullet(int32_t cp)
{
  switch (cp) {
  case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA: case 0x25AB: case 0x25CF:
  case 0x25CB: case 0x25A0: case 0x25A1: case 0x25BA: case 0x25B8: case 0x27A2: case 0x27A4:
  case 0x2713: case 0x2714: case 0x2610: case 0x2611: case 0x2219:
    return 1;
  default:
    return 0;
  }
}

static inline int ascii_space(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The start of the character that ends at i (i > lo), or i when the bytes
 * before i are not one whole character. */
static size_t char_before(const unsigned char *s, size_t lo, size_t i)
{
  size_t k = i - 1;
  int32_t cp;
  while (k > lo && i - k < 4 && (s[k] & 0xC0) == 0x80) k--;
  if (nn_utf8_decode(s + k, i - k, &cp) != i - k) return i - 1;
  return k;
}

static void read_before(const unsigned char *s, size_t lo, size_t i, uchar *c, size_t *at)
{
  *at = char_before(s, lo, i);
  read_char(s, i, *at, c);
}

/* Moves hi back over white space, not below lo. */
static size_t trim_back(const unsigned char *s, size_t lo, size_t hi)
{
  while (hi > lo) {
    size_t k;
    uchar c;
    if (s[hi - 1] < 0x80) {
      if (!ascii_space(s[hi - 1])) break;
      hi--;
      continue;
    }
    read_before(s, lo, hi, &c, &k);
    if (k + c.n != hi || !is_space(&c)) break;
    hi = k;
  }
  return hi;
}

/* Skips white space from p; counts line breaks (CR LF is one) in *breaks and
 * sets *para for a paragraph separator (U+2029). */
static size_t skip_space(const unsigned char *s, size_t len, size_t p, int *breaks, int *para)
{
  while (p < len) {
    uchar c;
    if (s[p] == ' ' || s[p] == '\t') {
      p++;
      continue;
    }
    read_char(s, len, p, &c);
    if (!is_space(&c)) break;
    p += c.n;
    if (c.cp == '\r') {
      if (p < len && s[p] == '\n') p++;
      (*breaks)++;
    } else if (is_line_break(c.cp)) {
      (*breaks)++;
    } else if (c.cp == 0x2029) {
      *para = 1;
    }
  }
  return p;
}

/* Skips white space other than line breaks. */
static size_t skip_blank(const unsigned char *s, size_t len, size_t p)
{
  while (p < len) {
    uchar c;
    read_char(s, len, p, &c);
    if (!is_space(&c) || is_line_break(c.cp) || c.cp == 0x2029) break;
    p += c.n;
  }
  return p;
}

/* ---- languages and abbreviations ------------------------------------------------------ */

int nn_sentences_lang(const char *code, size_t len)
{
  size_t i;
  for (i = 0; i < nn_sent_lang_count; i++)
    if (strlen(nn_sent_lang_codes[i]) == len && memcmp(nn_sent_lang_codes[i], code, len) == 0)
      return (int)i;
  return NN_LANG_NEUTRAL;
}

size_t nn_sentences_lang_count(void) { return nn_sent_lang_count; }

const char *nn_sentences_lang_code(int lang)
{
  return lang >= 0 && (size_t)lang < nn_sent_lang_count ? nn_sent_lang_codes[lang] : NULL;
}

void nn_abbrev_set_init(nn_abbrev_set *set, const nn_allocator *a)
{
  nn_strmap_init(&set->words, a);
  nn_buf_init(&set->classes, a);
}

void nn_abbrev_set_free(nn_abbrev_set *set)
{
  nn_strmap_free(&set->words);
  nn_buf_free(&set->classes);
}

int nn_abbrev_set_add(nn_abbrev_set *set, const char *s, size_t n, int cls)
{
  uint32_t id;
  int r;
  if (n < 2 || n > 255 || s[n - 1] != '.' || cls < NN_ABBREV_FINAL || cls > NN_ABBREV_TITLE)
    return NN_EARG;
  r = nn_strmap_intern(&set->words, s, n, &id);
  if (r < 0) return r;
  if (r == 1) {
    r = nn_buf_append_byte(&set->classes, (unsigned char)cls);
    if (r < 0) return r; /* the word stays, with no class: it reads as NONE */
  } else {
    set->classes.data[id] = (char)cls;
  }
  return NN_OK;
}

void nn_sentence_opts_init(nn_sentence_opts *opts)
{
  opts->lang = NN_LANG_NEUTRAL;
  opts->abbrevs = NULL;
}

/* The class of the abbreviation s[0..n) (with its period): the caller's set
 * first, then the data for the language (or for all of them). */
static int abbrev_lookup(const nn_sentence_iter *it, const char *s, size_t n)
{
  const nn_sentword *w;
  if (it->opts.abbrevs) {
    int64_t id = nn_strmap_find(&it->opts.abbrevs->words, s, n);
    if (id >= 0 && (size_t)id < it->opts.abbrevs->classes.len)
      return (unsigned char)it->opts.abbrevs->classes.data[id];
  }
  w = nn_sentword_find(s, n);
  if (!w) return NN_ABBREV_NONE;
  return it->opts.lang >= 0 ? w->abbrev[it->opts.lang] : w->neutral;
}

static int is_starter_word(const nn_sentence_iter *it, const char *s, size_t n)
{
  const nn_sentword *w = nn_sentword_find(s, n);
  if (!w) return 0;
  return it->opts.lang >= 0 ? (w->starter >> it->opts.lang) & 1 : w->starter != 0;
}

/* Characters of the word before a period: letters, marks, digits, inner
 * periods and hyphens, and the ordinal signs of "N°", "n.º". */
static inline int is_token_char(const uchar *c)
{
  return is_letter(c) || is_mark(c) || is_digit(c) || c->cp == '.' || c->cp == '-' ||
         c->cp == 0xB0 || c->cp == 0xBA || c->cp == 0xAA;
}

/* The start of the word that ends at p (the offset of its period), or
 * (size_t)-1 when it is longer than TOKEN_MAX. */
static size_t token_start(const unsigned char *s, size_t lo, size_t p)
{
  size_t t = p;
  while (t > lo) {
    size_t k;
    uchar c;
    read_before(s, lo, t, &c, &k);
    if (!is_token_char(&c)) break;
    if (p - k > TOKEN_MAX) return (size_t)-1;
    t = k;
  }
  return t;
}

/* The shape of a word without a list entry: a single letter (an initial) or
 * letters in groups of one or two between periods (U.S, a.m, Ph.D). */
static int abbrev_shape(const unsigned char *s, size_t ts, size_t p)
{
  size_t i = ts;
  int groups = 0, in_group = 0;
  while (i < p) {
    uchar c;
    read_char(s, p, i, &c);
    if (is_letter(&c)) {
      if (++in_group > 2) return NN_ABBREV_NONE;
    } else if (is_mark(&c) && in_group > 0) {
      /* part of the letter before */
    } else if (c.cp == '.' && in_group > 0) {
      groups++;
      in_group = 0;
    } else {
      return NN_ABBREV_NONE;
    }
    i += c.n;
  }
  if (in_group == 0) return NN_ABBREV_NONE;
  if (groups == 0) return in_group == 1 ? NN_ABBREV_AMBIGUOUS : NN_ABBREV_NONE;
  return NN_ABBREV_AMBIGUOUS;
}

/* Is s[a..b) a word in capitals (at least two letters)? */
static int in_capitals(const unsigned char *s, size_t a, size_t b)
{
  size_t i;
  if (b - a < 2) return 0;
  for (i = a; i < b; i++)
    if (s[i] < 'A' || s[i] > 'Z') return 0;
  return 1;
}

/* The class of the word s[ts..p] whose period is at p.  caps_next: the next
 * word is in capitals too, as in datelines ("ST. LOUIS"). */
static int token_class(const nn_sentence_iter *it, size_t ts, size_t p, int caps_next)
{
  const unsigned char *s = it->s;
  const char *key = (const char *)s + ts;
  size_t n = p + 1 - ts, i;
  int cls;
  /* Two words with a space inside the abbreviation: "z. B.", "т. е.". */
  if (ts >= 3 && s[ts - 1] == ' ' && s[ts - 2] == '.' && n <= 8) {
    size_t pts = token_start(s, ts - 2 > 8 ? ts - 2 - 8 : 0, ts - 2);
    if (pts != (size_t)-1 && pts < ts - 2) {
      cls = abbrev_lookup(it, (const char *)s + pts, p + 1 - pts);
      if (cls) return cls;
    }
  }
  cls = abbrev_lookup(it, key, n);
  if (cls) return cls;
  /* Capitals before capitals, as in datelines: "ST. LOUIS" reads as "St.". */
  if (caps_next && n >= 3 && n <= TOKEN_MAX) {
    char title[TOKEN_MAX + 1];
    int caps = 1;
    for (i = 0; i + 1 < n; i++) {
      if (key[i] < 'A' || key[i] > 'Z') caps = 0;
      title[i] = (char)(i > 0 && key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
    }
    title[n - 1] = '.';
    if (caps) {
      cls = abbrev_lookup(it, title, n);
      if (cls) return cls;
    }
  }
  return abbrev_shape(s, ts, p);
}

/* ---- the word after a candidate boundary ---------------------------------------------- */

enum { NEXT_END, NEXT_LOWER, NEXT_UPPER, NEXT_CASELESS, NEXT_DIGIT, NEXT_OTHER };

typedef struct next_word {
  size_t at;   /* its first character, after opening punctuation */
  size_t end;  /* the end of its letters (bounded by WORD_MAX) */
  int kind;
  int dotted;  /* a period follows its letters: an initial or abbreviation */
} next_word;

static void read_next_word(const nn_sentence_iter *it, size_t p, next_word *w)
{
  const unsigned char *s = it->s;
  size_t len = it->len;
  uchar c;
  while (p < len) {
    read_char(s, len, p, &c);
    if (!is_opener(&c)) break;
    p += c.n;
  }
  w->at = w->end = p;
  w->dotted = 0;
  if (p >= len) {
    w->kind = NEXT_END;
    return;
  }
  read_char(s, len, p, &c);
  if (is_lower(&c)) w->kind = NEXT_LOWER;
  else if (is_upper(&c)) w->kind = NEXT_UPPER;
  else if (is_letter(&c)) w->kind = NEXT_CASELESS;
  else if (is_digit(&c)) w->kind = NEXT_DIGIT;
  else w->kind = NEXT_OTHER;
  if (!is_letter(&c)) return;
  while (p < len && p - w->at <= WORD_MAX) {
    read_char(s, len, p, &c);
    if (!is_letter(&c) && !is_mark(&c) &&
        !((c.cp == '\'' || c.cp == 0x2019) && p + c.n < len && p > w->at)) break;
    if (w->kind == NEXT_LOWER && is_upper(&c)) w->kind = NEXT_UPPER; /* "iPhone", "eBay" */
    p += c.n;
  }
  w->end = p;
  w->dotted = p < len && s[p] == '.';
}

static int next_is_starter(const nn_sentence_iter *it, const next_word *w)
{
  return !w->dotted && w->end - w->at <= WORD_MAX &&
         is_starter_word(it, (const char *)it->s + w->at, w->end - w->at);
}

/* A day, month or time zone: "at 8 p.m. Monday", "at 9 a.m. EST". */
static int next_is_calendar(const nn_sentence_iter *it, const next_word *w)
{
  const nn_sentword *e;
  if (w->dotted || w->end - w->at > WORD_MAX) return 0;
  e = nn_sentword_find((const char *)it->s + w->at, w->end - w->at);
  if (!e) return 0;
  return it->opts.lang >= 0 ? (e->calendar >> it->opts.lang) & 1 : e->calendar != 0;
}

/* "Mr." after an ambiguous abbreviation: names start sentences too. */
static int next_is_title(const nn_sentence_iter *it, const next_word *w)
{
  return w->dotted && w->end - w->at <= WORD_MAX &&
         abbrev_lookup(it, (const char *)it->s + w->at, w->end + 1 - w->at) == NN_ABBREV_TITLE;
}

/* Is s[a..b) a Roman numeral in capitals ("II", "XIV")? */
static int is_roman(const unsigned char *s, size_t a, size_t b)
{
  size_t i;
  if (b == a || b - a > 7 || (b - a == 1 && s[a] == 'I')) return 0; /* "I" is a pronoun */
  for (i = a; i < b; i++)
    if (!strchr("IVXLCDM", s[i]) || s[i] == 0) return 0;
  return 1;
}

/* ---- sentence content ----------------------------------------------------------------- */

/* Counts words of letters in s[lo..hi), up to `enough`; words followed by a
 * period (initials, abbreviations) and words with digits do not count. */
static int count_words(const unsigned char *s, size_t lo, size_t hi, int enough)
{
  int count = 0, in_word = 0, digits = 0;
  size_t i = lo;
  while (i < hi && count < enough) {
    uchar c;
    read_char(s, hi, i, &c);
    if (is_letter(&c) || is_mark(&c) ||
        (in_word && (c.cp == '\'' || c.cp == 0x2019 || c.cp == '-'))) {
      in_word = 1;
    } else if (is_digit(&c)) {
      digits = in_word = 1;
    } else {
      if (in_word && !digits && c.cp != '.') count++;
      in_word = digits = 0;
    }
    i += c.n;
  }
  if (in_word && !digits) count++;
  return count;
}

/* Does the sentence hold a capital letter before p?  Text written all in
 * lower case carries no case information: a lower-case word after a period
 * says nothing there.  The search resumes where it stopped. */
static int sentence_has_upper(nn_sentence_iter *it, size_t p)
{
  const unsigned char *s = it->s;
  size_t i = it->upper_to > it->sent_start ? it->upper_to : it->sent_start;
  while (i < p && !it->has_upper) {
    if (s[i] < 0x80) {
      it->has_upper = s[i] >= 'A' && s[i] <= 'Z';
      i++;
    } else {
      uchar c;
      read_char(s, p, i, &c);
      it->has_upper = is_upper(&c);
      i += c.n;
    }
  }
  if (i > it->upper_to) it->upper_to = i;
  return it->has_upper;
}

/* Would the sentence that ends with the word at ts be a fragment, with fewer
 * than two ordinary words ("At 5 a.m." before "Mr. Smith went ...")? */
static int is_fragment(const nn_sentence_iter *it, size_t ts)
{
  if (ts - it->sent_start > FRAGMENT_SPAN) return 0;
  return count_words(it->s, it->sent_start, ts, 2) < 2;
}

/* Is p inside a run of non-space text that holds a URL or an e-mail address?
 * The answer is kept for the whole run. */
static int in_link(nn_sentence_iter *it, size_t p)
{
  const unsigned char *s = it->s;
  size_t lo = p, hi = p, i;
  if (p >= it->link_lo && p < it->link_hi) return it->link;
  while (lo > 0 && !ascii_space(s[lo - 1])) lo--;
  while (hi < it->len && !ascii_space(s[hi])) hi++;
  it->link = 0;
  for (i = lo; i < hi && !it->link; i++) {
    if (s[i] == '@') it->link = 1;
    else if (s[i] == ':' && hi - i > 2 && s[i + 1] == '/' && s[i + 2] == '/') it->link = 1;
    else if ((s[i] == 'w' || s[i] == 'W') && hi - i > 3 && (s[i + 1] | 32) == 'w' &&
             (s[i + 2] | 32) == 'w' && s[i + 3] == '.')
      it->link = 1;
  }
  it->link_lo = lo;
  it->link_hi = hi;
  return it->link;
}

/* ---- lists ---------------------------------------------------------------------------- */

/* List styles: bullets and dashes, or 4 + kind * 4 + punctuation for
 * enumerations (kind: 1 digits, 2 lower-case letter, 3 capital letter;
 * punctuation: 0 "1.", 1 "1)", 2 "1.)", 3 "(1)"). */
enum { LIST_NONE = 0, LIST_BULLET = 1, LIST_DASH = 2 };

/* An enumeration marker at p ("1.", "2)", "3.)", "(a)", "b."), followed by
 * white space: returns its end, or p. */
static size_t enumeration(const unsigned char *s, size_t len, size_t p, int *style,
                          unsigned long *value)
{
  size_t q = p;
  int paren = 0, kind, punct;
  unsigned long v = 0;
  if (q < len && s[q] == '(') {
    paren = 1;
    q++;
  }
  if (q < len && s[q] >= '0' && s[q] <= '9') {
    size_t d = q;
    while (q < len && s[q] >= '0' && s[q] <= '9' && q - d < 4) v = v * 10 + (unsigned long)(s[q++] - '0');
    if (q - d > 3) return p;
    kind = 1;
  } else if (q < len && ((s[q] | 32) >= 'a' && (s[q] | 32) <= 'z')) {
    kind = s[q] >= 'a' ? 2 : 3;
    v = (unsigned long)((s[q] | 32) - 'a' + 1);
    q++;
  } else {
    return p;
  }
  if (q >= len) return p;
  if (paren) {
    if (s[q] != ')') return p;
    punct = 3;
    q++;
  } else if (s[q] == '.' && q + 1 < len && s[q + 1] == ')') {
    punct = 2;
    q += 2;
  } else if (s[q] == '.') {
    punct = 0;
    q++;
  } else if (s[q] == ')') {
    punct = 1;
    q++;
  } else {
    return p;
  }
  if (q < len && !ascii_space(s[q])) return p;
  *style = 4 + kind * 4 + punct;
  *value = v;
  return q;
}

/* A list marker at the start of a sentence or line: a bullet (with an
 * enumeration after it, "• 9."), a dash or star and a space, or an
 * enumeration.  Returns its end, or p. */
static size_t list_marker(const unsigned char *s, size_t len, size_t p, int *style,
                          unsigned long *value)
{
  uchar c;
  if (p >= len) return p;
  read_char(s, len, p, &c);
  if (is_bullet(c.cp)) {
    size_t q = p + c.n, r = skip_blank(s, len, q), e;
    int sub;
    unsigned long v;
    e = enumeration(s, len, r, &sub, &v);
    *style = LIST_BULLET;
    *value = 0;
    return e > r ? e : q;
  }
  if ((c.cp == '-' || c.cp == '*' || c.cp == '+') && p + 1 < len && s[p + 1] == ' ') {
    *style = LIST_DASH;
    *value = 0;
    return p + 1;
  }
  return enumeration(s, len, p, style, value);
}

/* After white space inside a list item: does the next item of the same list
 * begin at r ("1) one thing 2) another")?  The current item must hold some
 * words first, so that initials ("A. B. Smith") are not items. */
static int series_continues(const nn_sentence_iter *it, size_t r)
{
  int style;
  unsigned long value;
  if (enumeration(it->s, it->len, r, &style, &value) == r) return 0;
  if (style != it->series_style || value != it->series_value + 1) return 0;
  if (r - it->series_item > ITEM_SPAN) return 1;
  return count_words(it->s, it->series_item, r, 2) >= 2;
}

/* ---- lines ---------------------------------------------------------------------------- */

static void new_paragraph(nn_sentence_iter *it)
{
  it->series_style = LIST_NONE;
}

/* Measures the paragraph from the line that holds p to the next blank line:
 * its longest line and its number of lines. */
static void measure_block(nn_sentence_iter *it, size_t p)
{
  const unsigned char *s = it->s;
  size_t len = it->len, i = p, width = 0, lines = 0;
  while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r') i--;
  for (;;) {
    const unsigned char *nl = memchr(s + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - s) : len, w = e - i, j;
    if (w > 0 && s[e - 1] == '\r') w--;
    if (w > width) width = w;
    lines++;
    if (!nl) {
      i = len;
      break;
    }
    j = e + 1;
    while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\f' || s[j] == '\v'))
      j++;
    if (j >= len || s[j] == '\n') {
      i = e;
      break;
    }
    i = e + 1;
  }
  it->block_end = i > p ? i : p + 1;
  it->block_width = width;
  it->block_lines = lines;
}

/* Does a terminator come at or after r before the paragraph ends? */
static int terminator_ahead(nn_sentence_iter *it, size_t r)
{
  const unsigned char *s = it->s;
  size_t len = it->len, i = r;
  int found = 0;
  if (r >= it->term_from && r <= it->term_at && it->term_at > 0) return it->term_found;
  while (i < len) {
    unsigned char b = s[i];
    if (b == '.' || b == '!' || b == '?') {
      found = 1;
      break;
    }
    if (b == '\n') {
      size_t j = i + 1;
      while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\f' || s[j] == '\v'))
        j++;
      if (j >= len || s[j] == '\n') break;
      i++;
    } else if (b >= 0x80) {
      uchar c;
      read_char(s, len, i, &c);
      if (is_terminator(&c)) {
        found = 1;
        break;
      }
      if (c.cp == 0x2029) break;
      i += c.n;
    } else {
      i++;
    }
  }
  it->term_from = r;
  it->term_at = i;
  it->term_found = found;
  return found;
}

/* Is the line that ends at p (with the next line at r) full, so that the
 * line break only wraps text?  Greedy wrapping breaks a line when the next
 * word would not fit, so a wrapped line plus the next line's first word is
 * longer than the paragraph's longest line.  Lines in capitals are headings. */
static int line_is_full(nn_sentence_iter *it, size_t p, size_t r)
{
  const unsigned char *s = it->s;
  size_t len = it->len, ls = p, i;
  if (p >= it->block_end) measure_block(it, p);
  if (it->block_lines < 3) return 0;
  while (ls > 0 && s[ls - 1] != '\n' && s[ls - 1] != '\r') ls--;
  if (p - ls < WRAP_MIN_LINE) return 0;
  for (i = r; i < len && !ascii_space(s[i]) && i - r < WORD_MAX; i++) {}
  if (p - ls + 1 + (i - r) <= it->block_width) return 0;
  for (i = ls; i < p;) {
    uchar c;
    read_char(s, p, i, &c);
    if (is_lower(&c)) return 1;
    i += c.n;
  }
  return 0;
}

/* A line break at p (the next line begins at q).  Returns 1 when it ends the
 * sentence (*stop, it->pos set), 0 to go on from *next. */
static int at_line_break(nn_sentence_iter *it, size_t p, size_t q, size_t *stop, size_t *next)
{
  const unsigned char *s = it->s;
  size_t len = it->len, r = skip_blank(s, len, q);
  int style;
  unsigned long value;
  uchar c;
  *stop = trim_back(s, it->sent_start, p);
  if (r >= len) {
    it->pos = len;
    it->sent_flags |= NN_SENTENCE_PARAGRAPH_END;
    return 1;
  }
  read_char(s, len, r, &c);
  if (is_line_break(c.cp) || c.cp == 0x2029) { /* a blank line */
    it->pos = r;
    it->sent_flags |= NN_SENTENCE_PARAGRAPH_END;
    new_paragraph(it);
    return 1;
  }
  if (list_marker(s, len, r, &style, &value) == r) {
    next_word w;
    read_next_word(it, r, &w);
    if ((w.kind == NEXT_LOWER || line_is_full(it, p, r)) && terminator_ahead(it, r)) {
      it->sent_flags |= NN_SENTENCE_MULTILINE;
      *next = r;
      return 0;
    }
  }
  it->pos = r;
  it->sent_flags |= NN_SENTENCE_LINE_END;
  return 1;
}

/* ---- terminators ---------------------------------------------------------------------- */

/* A period, "!" or "?" directly followed by a capitalized word: "rose.Wages",
 * "1,000.That", but not "Jane.Doe@example.com", "Mr.Smith" or "U.S.A". */
static int missing_space(nn_sentence_iter *it, size_t p, size_t e)
{
  const unsigned char *s = it->s;
  size_t len = it->len, k;
  uchar before, a, b;
  if (p <= it->sent_start || e >= len) return 0;
  read_before(s, it->sent_start, p, &before, &k);
  if (s[p] == '.' && e - p == 1 ? !(is_lower(&before) || is_digit(&before))
                                : !(is_letter(&before) || is_digit(&before)))
    return 0;
  read_char(s, len, e, &a);
  if (!is_upper(&a) || e + a.n >= len) return 0;
  read_char(s, len, e + a.n, &b);
  if (!is_lower(&b)) return 0;
  if (in_link(it, p)) return 0;
  if (s[p] == '.' && e - p == 1) {
    size_t ts = token_start(s, it->sent_start, p);
    if (ts != (size_t)-1 && (p - ts < 2 || token_class(it, ts, p, 0) != NN_ABBREV_NONE)) return 0;
  }
  return 1;
}

/* A period after a word, followed by white space and the word w: the
 * abbreviation, number and case rules.  Returns 1 for a boundary. */
static int period_ends_sentence(nn_sentence_iter *it, size_t p, const next_word *w)
{
  const unsigned char *s = it->s;
  size_t ts = token_start(s, it->sent_start, p), i, digits = 0;
  int number = 1;
  if (w->kind == NEXT_LOWER) return 0;
  if (ts == (size_t)-1 || ts == p) return 1;
  if (ts > 0 && (s[ts - 1] == '@' || s[ts - 1] == '/')) return 1; /* the end of a link */
  for (i = ts; i < p && number; i++) {
    if (s[i] >= '0' && s[i] <= '9') digits++;
    else if (s[i] != '.' && s[i] != ',') number = 0;
  }
  if (number && digits > 0) {
    /* "am 3. Oktober": an ordinal where the language writes them so. */
    if (it->opts.lang >= 0 && (nn_sent_lang_options[it->opts.lang] & NN_SENT_OPTION_ORDINAL_DOT) &&
        digits == p - ts && digits <= 3 && w->kind == NEXT_UPPER && !next_is_starter(it, w))
      return 0;
    return 1;
  }
  switch (token_class(it, ts, p, in_capitals(s, w->at, w->end))) {
  case NN_ABBREV_NONE:
    return 1;
  case NN_ABBREV_TITLE:
    return 0;
  case NN_ABBREV_NUMBER:
    /* "No. 9", "Vol. II", "approx. $5"; before a word, a plain period,
     * unless the abbreviation is a single letter: an initial too ("S."). */
    if (w->kind != NEXT_UPPER && w->kind != NEXT_CASELESS) return 0;
    if (is_roman(s, w->at, w->end)) return 0;
    if (abbrev_shape(s, ts, p) == NN_ABBREV_AMBIGUOUS && p - ts <= 4 && !memchr(s + ts, '.', p - ts))
      return (next_is_starter(it, w) || next_is_title(it, w)) && !is_fragment(it, ts);
    return !is_fragment(it, ts);
  case NN_ABBREV_AMBIGUOUS:
    return w->kind == NEXT_UPPER && (next_is_starter(it, w) || next_is_title(it, w)) &&
           !is_fragment(it, ts);
  default: /* NN_ABBREV_FINAL: a day, month or time zone, or another
              * abbreviation ("Co. Ltd."), goes on; another word starts anew */
    if (w->kind == NEXT_UPPER && (next_is_calendar(it, w) || (w->dotted && !next_is_title(it, w))))
      return 0;
    if (w->kind == NEXT_OTHER || w->kind == NEXT_END) return 0;
    return !is_fragment(it, ts);
  }
}

/* A quote mark standing alone after a sentence's closing punctuation, with
 * blanks on both sides ("another chance. ' But the", text whose quotes were
 * detached from their words): it closes the sentence before it.  Returns
 * the end of the quote, or k.  Marks that only open (U+2018, U+201C) stay
 * with the next sentence. */
static size_t detached_quote(const unsigned char *s, size_t len, size_t k)
{
  size_t b;
  uchar c;
  if (k >= len || (s[k] != ' ' && s[k] != '\t')) return k;
  b = skip_blank(s, len, k);
  if (b >= len) return k;
  read_char(s, len, b, &c);
  if (c.cp != '\'' && c.cp != '"' && c.cp != 0x2019 && c.cp != 0x201D) return k;
  if (b + c.n < len) {
    uchar after;
    read_char(s, len, b + c.n, &after);
    if (!is_space(&after)) return k;
  }
  return b + c.n;
}

enum { T_PERIOD, T_STRONG, T_ELLIPSIS, T_SPLIT, T_NEVER, T_CJK };

/* A terminator at p.  Returns 1 when a sentence ends here (*stop, it->pos
 * set), 0 to go on from *next. */
static int at_terminator(nn_sentence_iter *it, size_t p, size_t *stop, size_t *next)
{
  const unsigned char *s = it->s;
  size_t len = it->len, q = p, run_end, k, w;
  int dots = 0, ellipses = 0, sterms = 0, others = 0, cjk = 0, spaced = 0, attached = 0;
  int kind, breaks = 0, para = 0, brk;
  next_word nw;
  uchar c;

  /* The run of terminators, and spaced dots ". . ." after a dot. */
  while (q < len) {
    read_char(s, len, q, &c);
    if (c.cp == '.') dots++;
    else if (c.cp == 0x2026) ellipses++;
    else if (c.p->sb == NN_SB_STERM) sterms++;
    else if (c.p->sb == NN_SB_ATERM) others++;
    else break;
    if (c.cp >= 0x3000) cjk = 1;
    q += c.n;
  }
  /* A full-width period between digits is a decimal point: "３．５". */
  if (cjk && !sterms && q < len) {
    read_char(s, len, q, &c);
    if (is_digit(&c)) cjk = 0;
  }
  if ((size_t)dots == q - p) {
    while (q + 1 < len && s[q] == ' ' && s[q + 1] == '.') {
      q += 2;
      dots++;
      spaced = 1;
      while (q < len && s[q] == '.') {
        q++;
        dots++;
      }
    }
  }
  run_end = q;
  if (p > it->sent_start) {
    if (s[p - 1] < 0x80) {
      attached = !ascii_space(s[p - 1]);
    } else {
      read_before(s, it->sent_start, p, &c, &k);
      attached = !is_space(&c);
    }
  }
  /* "[...]" marks an omission. */
  if (!sterms && !others && !spaced && ((dots == 3 && !ellipses) || (ellipses == 1 && !dots)) &&
      p > 0 && (s[p - 1] == '[' || s[p - 1] == '(') && run_end < len &&
      (s[run_end] == ']' || s[run_end] == ')')) {
    *next = run_end;
    return 0;
  }
  if (cjk) kind = T_CJK;
  else if (sterms) kind = T_STRONG;
  else if (spaced) kind = dots >= 4 ? (attached ? T_SPLIT : T_STRONG) : dots == 3 ? T_NEVER : T_STRONG;
  else if ((dots == 3 && !ellipses) || (ellipses == 1 && !dots)) kind = T_ELLIPSIS;
  else if (dots + ellipses * 3 >= 2) kind = T_STRONG;
  else kind = T_PERIOD;

  /* Closing quotes and brackets; a French closing guillemet after a space. */
  k = run_end;
  while (k < len) {
    read_char(s, len, k, &c);
    if (!is_closer(&c)) break;
    k += c.n;
  }
  if (k < len && (s[k] == ' ' || s[k] >= 0xC2)) {
    size_t b = skip_blank(s, len, k);
    if (b > k && b < len) {
      read_char(s, len, b, &c);
      if ((c.cp == 0xBB || c.cp == 0x203A) && (b + c.n >= len || ascii_space(s[b + c.n])))
        k = b + c.n;
    }
  }

  k = detached_quote(s, len, k);

  w = skip_space(s, len, k, &breaks, &para);
  if (w >= len || para || breaks >= 2) { /* the paragraph ends: always a boundary */
    *stop = k;
    it->pos = w;
    it->sent_flags |= NN_SENTENCE_TERMINATED | NN_SENTENCE_PARAGRAPH_END;
    if (para || breaks >= 2) new_paragraph(it);
    return 1;
  }
  if (w == k) { /* no space follows */
    if (kind == T_CJK ||
        ((kind == T_PERIOD || kind == T_STRONG) && k == run_end && missing_space(it, p, run_end))) {
      *stop = k;
      it->pos = k;
      it->sent_flags |= NN_SENTENCE_TERMINATED;
      return 1;
    }
    *next = k;
    return 0;
  }

  read_next_word(it, w, &nw);
  if (nw.kind == NEXT_LOWER && !sentence_has_upper(it, p) &&
      count_words(s, p - it->sent_start > FRAGMENT_SPAN ? p - FRAGMENT_SPAN : it->sent_start, p, 3) >= 3)
    nw.kind = NEXT_UPPER; /* text in lower case: "the usda said. top 52.50" */
  switch (kind) {
  case T_CJK: brk = 1; break;
  case T_NEVER: brk = 0; break;
  case T_STRONG: brk = nw.kind != NEXT_LOWER; break;
  case T_ELLIPSIS: brk = nw.kind == NEXT_UPPER || nw.kind == NEXT_CASELESS; break;
  case T_SPLIT:
    /* "word. . . . Next": the sentence ended at the first period; the
     * ellipsis marks what was left out before the next one. */
    if (nw.kind == NEXT_UPPER || nw.kind == NEXT_CASELESS) {
      *stop = p + 1;
      it->pos = p + 1;
      it->sent_flags |= NN_SENTENCE_TERMINATED;
      return 1;
    }
    brk = 0;
    break;
  default:
    brk = attached ? period_ends_sentence(it, p, &nw) : nw.kind != NEXT_LOWER;
  }
  if (brk) {
    *stop = k;
    it->pos = w;
    it->sent_flags |= NN_SENTENCE_TERMINATED;
    return 1;
  }
  if (breaks) it->sent_flags |= NN_SENTENCE_MULTILINE;
  *next = w;
  return 0;
}

/* ---- the iterator --------------------------------------------------------------------- */

void nn_sentences_init(nn_sentence_iter *it, const char *s, size_t len,
                       const nn_sentence_opts *opts)
{
  memset(it, 0, sizeof *it);
  it->s = (const unsigned char *)s;
  it->len = s ? len : 0;
  if (opts) it->opts = *opts;
  else nn_sentence_opts_init(&it->opts);
  if (it->opts.lang < 0 || (size_t)it->opts.lang >= nn_sent_lang_count)
    it->opts.lang = NN_LANG_NEUTRAL;
}

/* Bytes the scan stops at; spaces too while an enumerated list is open. */
static const unsigned char stop_plain[128] = {
  ['\n'] = 1, ['\r'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
};
static const unsigned char stop_list[128] = {
  ['\n'] = 1, ['\r'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [' '] = 1, ['\t'] = 1,
};

/* Skips bytes that cannot matter (ASCII other than . ! ? CR LF) eight at a
 * time: a word holds a byte of interest when one of these tests finds it. */
#define ONES ((uint64_t)0x0101010101010101u)
#define HIGHS ((uint64_t)0x8080808080808080u)
#define HAS_ZERO(v) (((v) - ONES) & ~(v) & HIGHS)
static size_t skip_plain(const unsigned char *s, size_t len, size_t p)
{
#if defined(__SSE2__)
  const __m128i dot = _mm_set1_epi8('.'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i bang = _mm_set1_epi8('!'), query = _mm_set1_epi8('?');
  while (len - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_cmpeq_epi8(x, lf)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, bang)));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(hit, _mm_cmpeq_epi8(x, query)), x));
    if (mask) return p + (size_t)__builtin_ctz((unsigned)mask);
    p += 16;
  }
#endif
  while (len - p >= 8) {
    uint64_t x;
    memcpy(&x, s + p, 8);
    if ((x & HIGHS) | HAS_ZERO(x ^ (ONES * '.')) | HAS_ZERO(x ^ (ONES * '\n')) |
        HAS_ZERO(x ^ (ONES * '!')) | HAS_ZERO(x ^ (ONES * '?')) | HAS_ZERO(x ^ (ONES * '\r')))
      break;
    p += 8;
  }
  return p;
}

int nn_sentences_next(nn_sentence_iter *it, nn_sentence *out)
{
  const unsigned char *s = it->s;
  size_t len = it->len, p, stop, next;
  int breaks = 0, para = 0, style = 0;
  unsigned long value = 0;

  p = skip_space(s, len, it->pos, &breaks, &para);
  if (para || breaks >= 2) new_paragraph(it);
  if (p >= len) {
    it->pos = len;
    return 0;
  }
  it->sent_start = p;
  it->sent_flags = 0;
  it->has_upper = 0;
  next = list_marker(s, len, p, &style, &value);
  if (next > p) {
    it->sent_flags |= NN_SENTENCE_LIST_ITEM;
    it->series_style = style;
    it->series_value = value;
    it->series_item = next;
    p = next;
  }
  for (;;) {
    const unsigned char *stops = it->series_style >= 4 ? stop_list : stop_plain;
    unsigned char b;
    uchar c;
    if (stops == stop_plain) p = skip_plain(s, len, p);
    while (p < len && s[p] < 0x80 && !stops[s[p]]) p++;
    if (p >= len) {
      stop = trim_back(s, it->sent_start, len);
      it->pos = len;
      it->sent_flags |= NN_SENTENCE_PARAGRAPH_END;
      break;
    }
    b = s[p];
    if (b == '.' || b == '!' || b == '?') {
      if (at_terminator(it, p, &stop, &next)) break;
      p = next;
      continue;
    }
    if (b == '\n' || b == '\r') {
      size_t q = p + 1;
      if (b == '\r' && q < len && s[q] == '\n') q++;
      if (at_line_break(it, p, q, &stop, &next)) break;
      p = next;
      continue;
    }
    if (b == ' ' || b == '\t') {
      if (series_continues(it, p + 1)) {
        stop = trim_back(s, it->sent_start, p);
        it->pos = p + 1;
        break;
      }
      p++;
      continue;
    }
    read_char(s, len, p, &c);
    if (is_terminator(&c)) {
      if (at_terminator(it, p, &stop, &next)) break;
      p = next;
    } else if (c.cp == 0x2029) {
      stop = trim_back(s, it->sent_start, p);
      it->pos = p + c.n;
      it->sent_flags |= NN_SENTENCE_PARAGRAPH_END;
      new_paragraph(it);
      break;
    } else if (is_line_break(c.cp)) {
      if (at_line_break(it, p, p + c.n, &stop, &next)) break;
      p = next;
    } else if (is_bullet(c.cp) && p > it->sent_start) {
      uchar before;
      size_t k;
      read_before(s, it->sent_start, p, &before, &k);
      if (is_space(&before)) {
        stop = trim_back(s, it->sent_start, p);
        it->pos = p;
        break;
      }
      p += c.n;
    } else if (is_space(&c) && it->series_style >= 4 && series_continues(it, p + c.n)) {
      stop = trim_back(s, it->sent_start, p);
      it->pos = p + c.n;
      break;
    } else {
      p += c.n;
    }
  }
  out->start = it->sent_start;
  out->stop = stop;
  out->flags = it->sent_flags;
  return 1;
}

long nn_sentences_split(const char *s, size_t len, const nn_sentence_opts *opts, nn_buf *out)
{
  nn_sentence_iter it;
  nn_sentence sent;
  long count = 0;
  nn_sentences_init(&it, s, len, opts);
  while (nn_sentences_next(&it, &sent)) {
    int r = nn_buf_append(out, (const char *)&sent, sizeof sent);
    if (r < 0) return r;
    count++;
  }
  return count;
}

int nn_sentence_join_lines(const char *str, size_t start, size_t stop, nn_buf *out)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = start, run = start;
  int r;
  while (i < stop) {
    uchar c;
    size_t j;
    int breaks = 0, para = 0;
    read_char(s, stop, i, &c);
    if (!is_space(&c)) {
      i += c.n;
      continue;
    }
    j = skip_space(s, stop, i, &breaks, &para);
    if (breaks || para) {
      if ((r = nn_buf_append(out, str + run, i - run)) < 0) return r;
      if ((r = nn_buf_append_byte(out, ' ')) < 0) return r;
      run = j;
    }
    i = j;
  }
  return nn_buf_append(out, str + run, stop - run);
}
