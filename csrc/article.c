/* Paragraphs and article structure (see nn_article.h).
 *
 * The text is read once into lines (trimmed spans, with their paragraph
 * block); each line then gets a role: title, byline, boilerplate, or body.
 * Body lines of one block make a paragraph, which the sentence splitter then
 * reads.  Every step is a pass over the lines or a bounded look at one. */
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NN_NO_SIMD)
#include <emmintrin.h>
#define ARTICLE_SSE2 1
#endif

#include "nn_article.h"
#include "nn_utf8.h"
#include "sentence_data.h"
#include "unicode_data.h"

#define TITLE_MAX 300     /* bytes of a title line */
#define TITLE_WORDS 30
#define BYLINE_MAX 120
#define CUE_LINE_MAX 200  /* a prefix or contains cue only marks short lines */
#define LINK_MAX 150      /* a line listed under a section cue */
#define LINK_WORDS 20
#define HEADING_MAX 120
#define HEADING_WORDS 15
#define DATELINE_MAX 100
#define BYLINE_LOOKAHEAD 3 /* lines after the title searched for the byline */
#define HEADER_SENTENCES 24 /* the header zone ends within the first sentences ... */
#define HEADER_MAX 400      /* ... each no longer than this */
#define HEADER_WORDS 14     /* a byline or timestamp sentence */
#define NAME_WORDS 10       /* a line of names */
#define PIECE_TOKENS 5      /* a piece such as "By ." or "| ." */
#define AGENCY_MAX 40       /* bytes inside the parentheses of an agency */

/* ---- characters and lines ------------------------------------------------------------- */

static int32_t char_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
  int32_t cp;
  if (s[i] < 0x80) {
    *n = 1;
    return s[i];
  }
  *n = nn_utf8_decode(s + i, len - i, &cp);
  return cp;
}

static int is_white(int32_t cp) { return (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE) != 0; }

/* Finds the line that starts at pos: its end (*end, before the line break)
 * and where the next line starts (*next).  *sep is set when a paragraph
 * separator (U+2029) ends it.  Line breaks are LF, CR, CR LF, NEL (C2 85),
 * LS and PS (E2 80 A8, E2 80 A9): a lead byte is never inside another
 * character's maximal subpart, so matching their bytes finds what decoding
 * character by character would.  Sixteen (with SSE2) or eight bytes at a
 * time skip ASCII without a CR or LF. */
static void next_line(const unsigned char *s, size_t len, size_t pos, size_t *end, size_t *next,
                      int *sep)
{
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  size_t i = pos;
  *sep = 0;
  while (i < len) {
    unsigned char b;
#ifdef ARTICLE_SSE2
    if (len - i >= 16) {
      /* sixteen at a time: LF, CR and bytes that are not ASCII */
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                                 v);
      unsigned m = (unsigned)_mm_movemask_epi8(hit);
      if (!m) {
        i += 16;
        continue;
      }
      i += (size_t)__builtin_ctz(m);
    } else
#endif
    if (len - i >= 8) {
      uint64_t w, lf, cr;
      memcpy(&w, s + i, 8);
      lf = w ^ (ones * '\n');
      cr = w ^ (ones * '\r');
      /* a byte is flagged when it is LF, CR or not ASCII */
      if ((((lf - ones) & ~lf) | ((cr - ones) & ~cr) | w) & highs) {
        /* find it byte by byte below */
      } else {
        i += 8;
        continue;
      }
    }
    b = s[i];
    if (b == '\n') {
      *end = i;
      *next = i + 1;
      return;
    }
    if (b == '\r') {
      *end = i;
      *next = i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
      return;
    }
    if (b == 0xC2 && i + 1 < len && s[i + 1] == 0x85) {
      *end = i;
      *next = i + 2;
      return;
    }
    if (b == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
      *sep = s[i + 2] == 0xA9;
      *end = i;
      *next = i + 3;
      return;
    }
    i++;
    if (b >= 0x80) /* continuation bytes never start a break */
      while (i < len && (s[i] & 0xC0) == 0x80) i++;
  }
  *end = *next = len;
}

/* Trims white space from both ends of s[*a..*b). */
static void trim(const unsigned char *s, size_t *a, size_t *b)
{
  size_t i = *a, j = *b;
  while (i < j) {
    size_t n;
    int32_t cp = char_at(s, j, i, &n);
    if (!is_white(cp)) break;
    i += n;
  }
  while (j > i) {
    size_t k = j - 1, n;
    int32_t cp;
    while (k > i && j - k < 4 && (s[k] & 0xC0) == 0x80) k--;
    cp = char_at(s, j, k, &n);
    if (k + n != j || !is_white(cp)) break;
    j = k;
  }
  *a = i;
  *b = j;
}

/* Does the line s[a..b) end like a paragraph: a terminator, maybe closed by
 * quotes or brackets? */
static int ends_final(const unsigned char *s, size_t a, size_t b)
{
  while (b > a) {
    size_t k = b - 1, n;
    int32_t cp;
    const nn_uniprop *p;
    while (k > a && b - k < 4 && (s[k] & 0xC0) == 0x80) k--;
    cp = char_at(s, b, k, &n);
    p = nn_uniprop_of(cp);
    if (p->sb == NN_SB_ATERM || p->sb == NN_SB_STERM || cp == 0x2026) return 1;
    if (!((p->flags & NN_UF_QUOTATION_MARK) || p->gc == NN_GC_PE || p->gc == NN_GC_PF)) return 0;
    b = k;
  }
  return 0;
}

/* ---- paragraphs ----------------------------------------------------------------------- */

nn_para_layout nn_paragraphs_layout(const char *str, size_t len)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t pos = 0, blank_gaps = 0, final_breaks = 0, open_breaks = 0;
  int seen_text = 0, gap = 0, prev_final = 0;
  while (pos < len) {
    size_t end, next, a, b;
    int sep;
    next_line(s, len, pos, &end, &next, &sep);
    a = pos;
    b = end;
    trim(s, &a, &b);
    if (a == b) {
      gap = 1;
    } else {
      if (seen_text) {
        if (gap) blank_gaps++;
        else if (prev_final) final_breaks++;
        else open_breaks++;
      }
      seen_text = 1;
      gap = 0;
      prev_final = ends_final(s, a, b);
    }
    if (sep) gap = 1;
    pos = next;
  }
  if (blank_gaps > 0) return final_breaks <= blank_gaps ? NN_PARA_BLANK : NN_PARA_LINE;
  /* No blank line: lines that end like paragraphs are paragraphs; lines
   * that mostly stop mid-sentence are wrapped text, one paragraph. */
  return final_breaks >= open_breaks ? NN_PARA_LINE : NN_PARA_BLANK;
}

void nn_paragraphs_init(nn_para_iter *it, const char *s, size_t len, nn_para_layout layout)
{
  it->s = (const unsigned char *)s;
  it->len = s ? len : 0;
  it->pos = 0;
  it->layout = layout == NN_PARA_AUTO ? nn_paragraphs_layout(s, it->len) : layout;
}

int nn_paragraphs_next(nn_para_iter *it, nn_span *out)
{
  const unsigned char *s = it->s;
  size_t len = it->len, first = 0, last = 0;
  int found = 0;
  while (it->pos < len) {
    size_t end, next, a, b;
    int sep;
    next_line(s, len, it->pos, &end, &next, &sep);
    a = it->pos;
    b = end;
    trim(s, &a, &b);
    it->pos = next;
    if (a == b) {
      if (found) break;
      continue;
    }
    if (!found) first = a;
    last = b;
    found = 1;
    if (sep || it->layout == NN_PARA_LINE) break;
  }
  if (!found) return 0;
  out->start = first;
  out->stop = last;
  return 1;
}

/* ---- cues ----------------------------------------------------------------------------- */

const char *nn_article_cue_text(int cue)
{
  return cue >= 0 && (size_t)cue < nn_boilercue_count ? nn_boilercues[cue].text : NULL;
}

/* Lower case for ASCII, Latin-1 and Cyrillic letters, byte length kept (as
 * tools/gen_sentence_data.lua folds the cues).  Returns the folded length. */
static size_t fold(const unsigned char *s, size_t n, unsigned char *out)
{
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  size_t i = 0;
  while (i < n) {
    unsigned char b;
    if (n - i >= 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & highs)) {
        /* eight ASCII bytes: 0x20 added to those from 'A' to 'Z' */
        uint64_t ge_a = w + ones * (0x80 - 'A'), gt_z = w + ones * (0x80 - 'Z' - 1);
        w |= ((ge_a & ~gt_z) & highs) >> 2;
        memcpy(out + i, &w, 8);
        i += 8;
        continue;
      }
    }
    b = s[i];
    if (b >= 'A' && b <= 'Z') {
      out[i] = (unsigned char)(b + 32);
      i++;
    } else if (i + 1 < n && b == 0xC3 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E && s[i + 1] != 0x97) {
      out[i] = b;
      out[i + 1] = (unsigned char)(s[i + 1] + 0x20);
      i += 2;
    } else if (i + 1 < n && b == 0xD0 && s[i + 1] >= 0x90 && s[i + 1] <= 0x9F) {
      out[i] = 0xD0;
      out[i + 1] = (unsigned char)(s[i + 1] + 0x20);
      i += 2;
    } else if (i + 1 < n && b == 0xD0 && s[i + 1] >= 0xA0 && s[i + 1] <= 0xAF) {
      out[i] = 0xD1;
      out[i + 1] = (unsigned char)(s[i + 1] - 0x20);
      i += 2;
    } else if (i + 1 < n && b == 0xD0 && s[i + 1] >= 0x80 && s[i + 1] <= 0x8F) {
      out[i] = 0xD1;
      out[i + 1] = (unsigned char)(s[i + 1] + 0x10);
      i += 2;
    } else {
      out[i] = b;
      i++;
    }
  }
  return n;
}

static int cue_applies(const nn_boilercue *c, int lang)
{
  return lang < 0 || c->lang == (unsigned)lang;
}

static int find_bytes(const unsigned char *h, size_t hn, const char *needle, size_t nn)
{
  const unsigned char *p = h, *end = h + hn;
  if (nn < 2 || nn > hn) return nn == 1 && memchr(h, needle[0], hn) != NULL;
  while ((size_t)(end - p) >= nn && (p = memchr(p, needle[0], (size_t)(end - p) - nn + 1)) != NULL) {
    if (p[1] == (unsigned char)needle[1] && memcmp(p, needle, nn) == 0) return 1;
    p++;
  }
  return 0;
}

/* ---- lines and their roles ------------------------------------------------------------ */

enum { ROLE_BODY, ROLE_BLANK, ROLE_TITLE, ROLE_BYLINE, ROLE_BOILER };

typedef struct line {
  size_t start, stop; /* trimmed; start == stop for a blank line */
  size_t block;       /* paragraph block */
  int role;
  int cue;
} line;

static size_t count_words(const unsigned char *s, size_t a, size_t b)
{
  size_t words = 0, i = a;
  int in_word = 0;
  while (i < b) {
    size_t n;
    int32_t cp = char_at(s, b, i, &n);
    int w = !is_white(cp);
    if (w && !in_word) words++;
    in_word = w;
    i += n;
  }
  return words;
}

static int has_letter(const unsigned char *s, size_t a, size_t b)
{
  size_t i = a;
  while (i < b) {
    size_t n;
    int32_t cp = char_at(s, b, i, &n);
    int gc = nn_uniprop_of(cp)->gc;
    if (gc >= NN_GC_LU && gc <= NN_GC_LO) return 1;
    i += n;
  }
  return 0;
}

static int last_byte_is(const unsigned char *s, size_t a, size_t b, const char *set)
{
  return b > a && strchr(set, s[b - 1]) != NULL && s[b - 1] != 0;
}

static int has_lower(const unsigned char *s, size_t a, size_t b);

/* A headline: short, no final comma or colon, and no final period unless
 * it is written in capitals ("TALKS WITH U.S." ends with an abbreviation). */
static int title_like(const unsigned char *s, const line *l)
{
  size_t n = l->stop - l->start;
  return n <= TITLE_MAX && has_letter(s, l->start, l->stop) &&
         !last_byte_is(s, l->start, l->stop, ",;:") &&
         !(last_byte_is(s, l->start, l->stop, ".") && has_lower(s, l->start, l->stop)) &&
         count_words(s, l->start, l->stop) <= TITLE_WORDS;
}

/* A line listed under a section cue: a short headline. */
static int link_like(const unsigned char *s, const line *l)
{
  return l->stop - l->start <= LINK_MAX && has_letter(s, l->start, l->stop) &&
         !last_byte_is(s, l->start, l->stop, ".,;:") &&
         count_words(s, l->start, l->stop) <= LINK_WORDS;
}

static int heading_like(const unsigned char *s, size_t a, size_t b)
{
  return b - a <= HEADING_MAX && !ends_final(s, a, b) && !last_byte_is(s, a, b, ",;:") &&
         count_words(s, a, b) <= HEADING_WORDS;
}

static int starts_lower(const unsigned char *s, size_t a, size_t b)
{
  size_t n;
  return a < b && nn_uniprop_of(char_at(s, b, a, &n))->gc == NN_GC_LL;
}

static int is_upper_at(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int gc;
  if (i >= len) return 0;
  gc = nn_uniprop_of(char_at(s, len, i, &n))->gc;
  return gc == NN_GC_LU || gc == NN_GC_LT;
}

static int has_lower(const unsigned char *s, size_t a, size_t b)
{
  size_t i = a;
  while (i < b) {
    size_t n;
    int32_t cp = char_at(s, b, i, &n);
    if (nn_uniprop_of(cp)->gc == NN_GC_LL) return 1;
    i += n;
  }
  return 0;
}

/* "By Jane Doe", "Von Anna Berg": a byline cue, a space, a capital, a few
 * words.  A line in capitals is a byline only after a title: as the first
 * line it is a headline ("DI GIORGIO TO EVALUATE OFFER"). */
static int byline_like(const unsigned char *s, const line *l, int lang, int after_title)
{
  unsigned char buf[BYLINE_MAX + 1];
  size_t n = l->stop - l->start, i;
  if (n > BYLINE_MAX || ends_final(s, l->start, l->stop) || count_words(s, l->start, l->stop) > 12)
    return 0;
  if (!after_title && !has_lower(s, l->start, l->stop)) return 0;
  fold(s + l->start, n, buf);
  for (i = 0; i < nn_boilercue_count; i++) {
    const nn_boilercue *c = &nn_boilercues[i];
    if (c->match != NN_CUE_BYLINE || !cue_applies(c, lang)) continue;
    if (n > (size_t)c->len + 1 && memcmp(buf, c->text, c->len) == 0 && buf[c->len] == ' ' &&
        is_upper_at(s, l->stop, l->start + c->len + 1))
      return 1;
  }
  return 0;
}

/* ---- datelines ------------------------------------------------------------------------ */

/* A word in capitals at i (letters in capitals, with . ' - inside): returns
 * its end, or i.  *letters counts its capital letters. */
static size_t caps_word(const unsigned char *s, size_t len, size_t i, size_t *letters)
{
  size_t j = i;
  *letters = 0;
  while (j < len) {
    size_t n;
    int32_t cp = char_at(s, len, j, &n);
    int gc = nn_uniprop_of(cp)->gc;
    if (gc == NN_GC_LU) (*letters)++;
    else if (!(j > i && (cp == '.' || cp == '\'' || cp == '-' || cp == 0x2019 || gc == NN_GC_MN)))
      break;
    j += n;
  }
  return *letters ? j : i;
}

/* A dash of a dateline at i, with the white space before it: returns the
 * end of the dash, or i. */
static size_t dateline_dash(const unsigned char *s, size_t len, size_t i)
{
  size_t j = i, n;
  int32_t cp;
  while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
  if (j == i || j >= len) return i;
  cp = char_at(s, len, j, &n);
  if (cp == '-') {
    j++;
    if (j < len && s[j] == '-') j++;
  } else if (cp == 0x2014 || cp == 0x2013) {
    j += n;
  } else {
    return i;
  }
  if (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') return i;
  return j;
}

/* The dateline at the start of s[a..b), or a zero-length span. */
static nn_span find_dateline(const unsigned char *s, size_t a, size_t b)
{
  nn_span none = { a, a }, found;
  size_t end = b - a > DATELINE_MAX ? a + DATELINE_MAX : b, i = a, j, letters, most = 0, d;
  int words = 0;
  /* the place: words in capitals ("PHNOM PENH", "ST. LOUIS") */
  for (;;) {
    j = caps_word(s, end, i, &letters);
    if (j == i) break;
    if (letters > most) most = letters;
    words++;
    i = j;
    if (i + 1 < end && s[i] == ' ' && is_upper_at(s, end, i + 1)) {
      size_t k = caps_word(s, end, i + 1, &letters);
      if (k > i + 1) {
        i++;
        continue;
      }
    }
    break;
  }
  if (words == 0 || most < 2) return none;
  /* a qualifier: ", Ore.", ", June 29", ", Calif., Jan. 5" */
  if (i < end && s[i] == ',') {
    j = i + 1;
    while (j < end && s[j] != '(' && s[j] != '\n' && dateline_dash(s, end, j) == j) {
      size_t n;
      int32_t cp = char_at(s, end, j, &n);
      int gc = nn_uniprop_of(cp)->gc;
      if (!(gc <= NN_GC_ND || cp == ' ' || cp == '.' || cp == ',' || gc == NN_GC_MN)) return none;
      j += n;
    }
    i = j;
    while (i > a && s[i - 1] == ' ') i--;
  }
  /* an agency: "(Reuters)", "(AP)" */
  j = i;
  while (j < end && s[j] == ' ') j++;
  if (j < end && s[j] == '(') {
    size_t k = j + 1;
    while (k < end && s[k] != ')' && s[k] != '(' && s[k] != '\n') k++;
    if (k >= end || s[k] != ')' || k == j + 1) return none;
    i = k + 1;
  }
  d = dateline_dash(s, end, i);
  if (d == i) return none;
  /* a sentence follows, not more capitals ("IRAQ CREDIT SWITCHED - USDA") */
  if (!has_lower(s, d, b - d > DATELINE_MAX ? d + DATELINE_MAX : b)) return none;
  found.start = a;
  found.stop = d;
  return found;
}

/* The first cue of language l and kind `match` or after (the generator
 * sorts the cues by language, kind and text). */
static size_t cue_lower_bound(unsigned l, unsigned match)
{
  size_t a = 0, b = nn_boilercue_count;
  while (a < b) {
    size_t m = a + (b - a) / 2;
    const nn_boilercue *c = &nn_boilercues[m];
    if (c->lang < l || (c->lang == l && c->match < match)) a = m + 1;
    else b = m;
  }
  return a;
}

/* The cues of kind `match` for a language (every language when lang < 0):
 * ranges of nn_boilercues. */
typedef struct cue_ranges {
  size_t lo[NN_SENT_MAX_LANGS], hi[NN_SENT_MAX_LANGS];
  size_t count;
} cue_ranges;

static void cue_ranges_of(cue_ranges *r, int lang, unsigned match)
{
  size_t l, first = lang < 0 ? 0 : (size_t)lang, last = lang < 0 ? nn_sent_lang_count : (size_t)lang + 1;
  r->count = 0;
  for (l = first; l < last && r->count < NN_SENT_MAX_LANGS; l++) {
    size_t lo = cue_lower_bound((unsigned)l, match), hi = cue_lower_bound((unsigned)l, match + 1);
    if (lo < hi) {
      r->lo[r->count] = lo;
      r->hi[r->count] = hi;
      r->count++;
    }
  }
}

/* The cues a line is matched against (kinds LINE, PREFIX, CONTAINS and
 * SECTION), per language in the order of nn_boilercues: the first cue that
 * matches is the one the line gets. */
typedef struct line_cues {
  size_t lo[NN_SENT_MAX_LANGS][NN_CUE_SECTION + 2]; /* lo[l][k]..lo[l][k + 1]: kind k */
  size_t count;
} line_cues;

static void line_cues_of(line_cues *lc, int lang)
{
  size_t l, first = lang < 0 ? 0 : (size_t)lang, last = lang < 0 ? nn_sent_lang_count : (size_t)lang + 1;
  unsigned k;
  lc->count = 0;
  for (l = first; l < last && lc->count < NN_SENT_MAX_LANGS; l++, lc->count++)
    for (k = 0; k <= NN_CUE_SECTION + 1; k++) lc->lo[lc->count][k] = cue_lower_bound((unsigned)l, k);
}

/* The first cue of [lo, hi) (sorted by text) whose text starts with byte c. */
static size_t cue_first_byte(size_t lo, size_t hi, unsigned char c)
{
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    if ((unsigned char)nn_boilercues[m].text[0] < c) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/* The boilerplate cue the line s[a..b) matches, or -1; *section is set for a
 * section header. */
static int match_cue(const unsigned char *s, size_t a, size_t b, const line_cues *lc, int *section)
{
  unsigned char buf[CUE_LINE_MAX + 1];
  size_t n = b - a, whole, r;
  unsigned k;
  *section = 0;
  if (n > CUE_LINE_MAX) return -1; /* a long line is text, whatever it starts with */
  fold(s + a, n, buf);
  /* the line without a final colon, period or dash, for whole-line cues */
  whole = n;
  while (whole > 0 && (buf[whole - 1] == ':' || buf[whole - 1] == '.' || buf[whole - 1] == ' ' ||
                       buf[whole - 1] == '-'))
    whole--;
  for (r = 0; r < lc->count; r++) {
    for (k = NN_CUE_LINE; k <= NN_CUE_SECTION; k++) {
      size_t i = lc->lo[r][k], hi = lc->lo[r][k + 1];
      if (k != NN_CUE_CONTAINS) {
        /* cues that start the line: only those with its first byte */
        if (n == 0) continue;
        for (i = cue_first_byte(i, hi, buf[0]); i < hi && (unsigned char)nn_boilercues[i].text[0] == buf[0];
             i++) {
          const nn_boilercue *c = &nn_boilercues[i];
          if (k == NN_CUE_PREFIX ? n >= c->len && memcmp(buf, c->text, c->len) == 0
                                 : whole == c->len && memcmp(buf, c->text, c->len) == 0) {
            *section = k == NN_CUE_SECTION;
            return (int)i;
          }
        }
      } else {
        for (; i < hi; i++)
          if (find_bytes(buf, n, nn_boilercues[i].text, nn_boilercues[i].len)) return (int)i;
      }
    }
  }
  return -1;
}

/* Is s[a..b) (folded) an agency cue? */
static int is_agency(const unsigned char *s, size_t a, size_t b, int lang)
{
  unsigned char buf[AGENCY_MAX];
  size_t i, k, n = b - a;
  cue_ranges r;
  if (n == 0 || n > AGENCY_MAX) return 0;
  fold(s + a, n, buf);
  cue_ranges_of(&r, lang, NN_CUE_AGENCY);
  for (k = 0; k < r.count; k++)
    for (i = r.lo[k]; i < r.hi[k]; i++)
      if (nn_boilercues[i].len == n && memcmp(buf, nn_boilercues[i].text, n) == 0) return 1;
  return 0;
}

/* An opening or closing parenthesis at i, also in the Penn Treebank spelling
 * "-LRB-" / "-RRB-" of tokenized text: returns its end, or i. */
static size_t paren_at(const unsigned char *s, size_t len, size_t i, int open)
{
  const char *ptb = open ? "-LRB-" : "-RRB-";
  if (i < len && s[i] == (open ? '(' : ')')) return i + 1;
  if (len - i >= 5 && memcmp(s + i, ptb, 5) == 0) return i + 5;
  return i;
}

/* Could s[a..b) be the place (and date) of a dateline: words that start with
 * a capital ("Rome", "LONDON, England", "SALEM, Ore., June 5"), at most
 * seven, the numbers of a date among them? */
static int place_like(const unsigned char *s, size_t a, size_t b)
{
  size_t i = a, words = 0;
  while (i < b) {
    size_t n;
    int32_t cp;
    while (i < b && (s[i] == ' ' || s[i] == ',')) i++;
    if (i >= b) break;
    cp = char_at(s, b, i, &n);
    if (++words > 7) return 0;
    if (nn_uniprop_of(cp)->gc == NN_GC_ND) {
      if (words == 1) return 0;
    } else if (!is_upper_at(s, b, i)) {
      return 0;
    }
    while (i < b && s[i] != ' ' && s[i] != ',') {
      cp = char_at(s, b, i, &n);
      if (!(nn_uniprop_of(cp)->gc <= NN_GC_ND || cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019))
        return 0;
      i += n;
    }
  }
  return 1;
}

/* A dateline that names a news agency: "[PLACE] (AGENCY) [dash]" at the start
 * of s[a..b), the agency from data/boilerplate, with a dash or not ("(CNN)The
 * ..."); text must follow.  Returns the span, or a zero-length one. */
static nn_span find_agency_dateline(const unsigned char *s, size_t a, size_t b, int lang)
{
  nn_span none = { a, a }, found;
  size_t end = b - a > DATELINE_MAX ? a + DATELINE_MAX : b, i = a, open, inner, close, j, d;
  while (i < end && s[i] != '(' && !(s[i] == '-' && paren_at(s, end, i, 1) > i)) i++;
  if (i >= end) return none;
  if (!place_like(s, a, i)) return none;
  open = paren_at(s, end, i, 1);
  inner = open;
  while (inner < end && s[inner] == ' ') inner++;
  for (j = inner; j < end && s[j] != ')' && s[j] != '(' && s[j] != '\n'; j++)
    if (s[j] == '-' && paren_at(s, end, j, 0) > j) break;
  close = j;
  while (close > inner && s[close - 1] == ' ') close--;
  if (j >= end || paren_at(s, end, j, 0) == j || !is_agency(s, inner, close, lang)) return none;
  j = paren_at(s, end, j, 0);
  d = dateline_dash(s, end, j);
  if (d == j && j < end && s[j] == '-' && j + 1 < end && (s[j + 1] == ' ' || s[j + 1] == '-')) {
    d = j + 1; /* "(CNN)- " */
    if (d < end && s[d] == '-') d++;
  }
  while (d < b && (s[d] == ' ' || s[d] == '\t')) d++;
  if (d >= b || !has_letter(s, d, b)) return none;
  found.start = a;
  found.stop = d;
  while (found.stop > found.start && (s[found.stop - 1] == ' ' || s[found.stop - 1] == '\t')) found.stop--;
  return found;
}

/* ---- sentences: the header zone and furniture ------------------------------------------ */

/* Does the folded text h[0..n) hold the cue text c at i, followed (for a
 * prefix of a word) by a character that is not a letter? */
static int cue_at(const unsigned char *h, size_t n, size_t i, const nn_boilercue *c, int word_end)
{
  if (n - i < c->len || memcmp(h + i, c->text, c->len) != 0) return 0;
  if (!word_end || i + c->len == n) return 1;
  return !((h[i + c->len] >= 'a' && h[i + c->len] <= 'z') || h[i + c->len] >= 0x80);
}

/* Does the sentence s[a..b) start with a furniture cue (after opening
 * quotes or brackets)?  x: the cues of kind SENTENCE. */
static int sentence_furniture(const unsigned char *s, size_t a, size_t b, const cue_ranges *x)
{
  unsigned char buf[256], c;
  size_t k, r, i = a;
  while (i < b && (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '[')) i++;
  if (i >= b) return 0;
  c = s[i];
  if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
  for (r = 0; r < x->count; r++) {
    for (k = x->lo[r]; k < x->hi[r]; k++) {
      const nn_boilercue *cue = &nn_boilercues[k];
      size_t n = cue->len;
      if ((unsigned char)cue->text[0] != c || n > b - i) continue;
      fold(s + i, n, buf);
      if (memcmp(buf, cue->text, n) == 0) return 1;
    }
  }
  return 0;
}

/* What the header rules read in a sentence. */
typedef struct sentence_shape {
  size_t words;        /* separated by white space */
  size_t tokens;       /* runs of letters and digits */
  size_t prose3;       /* words in lower case of three letters or more, not calendar words */
  size_t prose4;       /* the same, of four letters or more */
  size_t lower;        /* words that start in lower case */
  int attached_end;    /* a terminator right after the last word */
  int timestamp;       /* a clock time, a time zone, or a month next to a year */
} sentence_shape;

/* Is the word s[a..b) a day, month or time zone (any letter case)? *zone is
 * set when it is written in capitals (EST, GMT). */
static int calendar_word(const unsigned char *s, size_t a, size_t b, int lang, int *zone)
{
  char word[16];
  size_t i, n = b - a;
  int caps = 1;
  const nn_sentword *w;
  *zone = 0;
  if (n < 2 || n >= sizeof word) return 0;
  for (i = 0; i < n; i++) {
    unsigned char c = s[a + i];
    if (c >= 0x80) return 0;
    if (c >= 'a' && c <= 'z') caps = 0;
    word[i] = (char)c;
  }
  w = nn_sentword_find(word, n);
  if (!w || !(lang < 0 ? w->calendar : (w->calendar >> lang) & 1)) {
    /* "january", "JANUARY" read as "January" */
    word[0] = (char)(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 32 : word[0]);
    for (i = 1; i < n; i++) word[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 : word[i]);
    w = nn_sentword_find(word, n);
    if (!w || !(lang < 0 ? w->calendar : (w->calendar >> lang) & 1)) return 0;
    caps = 0;
  }
  *zone = caps && n >= 3;
  return 1;
}

static void read_shape(const unsigned char *s, size_t a, size_t b, int lang, sentence_shape *sh)
{
  size_t i = a, tokens = 0, last_calendar = (size_t)-1, last_year = (size_t)-1;
  int in_word = 0;
  memset(sh, 0, sizeof *sh);
  while (i < b) {
    size_t n, t = i, letters = 0, digits = 0;
    int32_t cp = char_at(s, b, i, &n);
    const nn_uniprop *p = nn_uniprop_of(cp);
    int white = (p->flags & NN_UF_WHITE_SPACE) != 0, zone;
    if (!white && !in_word) sh->words++;
    in_word = !white;
    if (p->gc == NN_GC_CN || p->gc > NN_GC_ND) {
      i += n;
      continue;
    }
    /* a token: letters, marks and digits */
    while (i < b) {
      cp = char_at(s, b, i, &n);
      p = nn_uniprop_of(cp);
      if (p->gc == NN_GC_ND) digits++;
      else if (p->gc <= NN_GC_LO && p->gc != NN_GC_CN) letters++;
      else if (!(p->gc >= NN_GC_MN && p->gc <= NN_GC_ME)) break;
      i += n;
    }
    tokens++;
    if (letters == 0 && digits == 4 && (s[t] == '1' || s[t] == '2')) last_year = tokens;
    if (letters == 0 && digits <= 2 && i + 3 <= b && s[i] == ':' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
        s[i + 2] >= '0' && s[i + 2] <= '9' && (i + 3 == b || s[i + 3] < '0' || s[i + 3] > '9'))
      sh->timestamp = 1; /* 12:41 */
    if (letters > 0 && digits == 0 && calendar_word(s, t, i, lang, &zone)) {
      if (zone) sh->timestamp = 1;
      last_calendar = tokens;
    } else if (letters > 0 && nn_uniprop_of(char_at(s, b, t, &n))->gc == NN_GC_LL) {
      sh->lower++;
      if (letters >= 3 && digits == 0) sh->prose3++;
      if (letters >= 4 && digits == 0) sh->prose4++;
    }
    if (last_calendar != (size_t)-1 && last_year != (size_t)-1 &&
        (last_calendar > last_year ? last_calendar - last_year : last_year - last_calendar) <= 2)
      sh->timestamp = 1; /* 2 January 2014, January 2, 2014 */
  }
  sh->tokens = tokens;
  /* the end: a terminator, maybe closed, right after a letter or digit */
  i = b;
  while (i > a) {
    size_t k = i - 1, n;
    int32_t cp;
    const nn_uniprop *p;
    while (k > a && i - k < 4 && (s[k] & 0xC0) == 0x80) k--;
    cp = char_at(s, i, k, &n);
    p = nn_uniprop_of(cp);
    if (p->sb == NN_SB_ATERM || p->sb == NN_SB_STERM || cp == 0x2026) {
      if (k > a) {
        size_t m = k - 1;
        while (m > a && k - m < 4 && (s[m] & 0xC0) == 0x80) m--;
        sh->attached_end = nn_uniprop_of(char_at(s, k, m, &n))->gc <= NN_GC_ND;
      }
      break;
    }
    if (!((p->flags & NN_UF_QUOTATION_MARK) || p->gc == NN_GC_PE || p->gc == NN_GC_PF)) break;
    i = k;
  }
}

/* Does s[a..b) start with a cue of the ranges r (folded), as a whole word?
 * A byline cue must be followed by dots or spaces and a capital, or, when
 * any_case, any letter. */
static int starts_with_cue(const unsigned char *s, size_t a, size_t b, const cue_ranges *r, int any_case)
{
  unsigned char buf[64];
  size_t n = b - a > sizeof buf ? sizeof buf : b - a, i, k;
  fold(s + a, n, buf);
  for (k = 0; k < r->count; k++) {
    for (i = r->lo[k]; i < r->hi[k]; i++) {
      const nn_boilercue *c = &nn_boilercues[i];
      size_t j = a + c->len;
      if ((unsigned char)c->text[0] != buf[0] || c->len > n || !cue_at(buf, n, 0, c, 1)) continue;
      if (c->match != NN_CUE_BYLINE) return 1;
      /* "By Jane", "By . Jane": a capital after the cue, dots and spaces */
      if (j >= b || (s[j] != ' ' && s[j] != '.')) continue;
      while (j < b && (s[j] == ' ' || s[j] == '.')) j++;
      if (is_upper_at(s, b, j) || (any_case && j < b && has_letter(s, j, j + 1))) return 1;
    }
  }
  return 0;
}

/* Does s[a..b) end with a period? */
static int ends_with_dot(const unsigned char *s, size_t a, size_t b)
{
  return b > a && s[b - 1] == '.';
}

/* The cue kinds the header zone reads, for one language (or all). */
typedef struct header_cues {
  cue_ranges header, byline, furniture;
  const line_cues *lines;
  int ready; /* header and byline are found when first needed */
} header_cues;

/* Counts the words of s[a..b) separated by ASCII white space, up to limit. */
static size_t quick_words(const unsigned char *s, size_t a, size_t b, size_t limit)
{
  size_t i, words = 0;
  int in_word = 0;
  for (i = a; i < b && words <= limit; i++) {
    int w = s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r';
    words += w && !in_word;
    in_word = w;
  }
  return words;
}

/* Is the sentence s[a..b), near the top of the body, a header line? */
static int header_like(const unsigned char *s, size_t a, size_t b, int lang, header_cues *cues)
{
  sentence_shape sh;
  int section;
  /* every rule wants a short line: most first sentences stop here */
  if (b - a > HEADER_MAX || quick_words(s, a, b, HEADER_WORDS) > HEADER_WORDS) return 0;
  if (!cues->ready) {
    cue_ranges_of(&cues->header, lang, NN_CUE_HEADER);
    cue_ranges_of(&cues->byline, lang, NN_CUE_BYLINE);
    cues->ready = 1;
  }
  if (starts_with_cue(s, a, b, &cues->header, 0)) return 1; /* "Updated: ..." */
  if (match_cue(s, a, b, cues->lines, &section) >= 0) return 1;
  read_shape(s, a, b, lang, &sh);
  if (sh.words <= HEADER_WORDS && sh.prose3 < 2 &&
      (sh.timestamp || starts_with_cue(s, a, b, &cues->byline, 0)))
    return 1;
  /* a byline ended by a detached period, as the fields of some pages are
   * ("By jane doe for the courier ."), whatever its letter case */
  if (sh.words <= HEADER_WORDS && !sh.attached_end && ends_with_dot(s, a, b) &&
      starts_with_cue(s, a, b, &cues->byline, 1))
    return 1;
  /* pieces ("By .", "| ."), unless a short sentence ("Who is he?") */
  if (sh.tokens <= PIECE_TOKENS && !(sh.attached_end && sh.lower > 0)) return 1;
  /* names ("Daily Mail Reporter .", "Jane Doe and John Roe for MailOnline",
   * "Associated Press.") */
  return sh.words <= NAME_WORDS && ((!sh.attached_end && sh.prose4 < 2) || sh.lower == 0);
}

/* Flags the header zone and furniture sentences; finds the dateline at the
 * first sentence of prose.  Without any sentence of prose there is no header
 * zone. */
static void mark_sentences(nn_article *a, const unsigned char *s, int lang, const line_cues *lc)
{
  nn_sentence *sents = (nn_sentence *)(void *)a->sentences.data;
  const nn_article_paragraph *paras = (const nn_article_paragraph *)(const void *)a->paragraphs.data;
  size_t npara = a->paragraphs.len / sizeof *paras, i, p;
  header_cues cues;
  int zone = 1;
  cue_ranges_of(&cues.furniture, lang, NN_CUE_SENTENCE);
  cues.lines = lc;
  cues.ready = 0;
  for (p = 0; p < npara; p++) {
    for (i = paras[p].first_sentence; i < paras[p].first_sentence + paras[p].sentence_count; i++) {
      nn_sentence *t = &sents[i];
      int furniture_cue = sentence_furniture(s, t->start, t->stop, &cues.furniture);
      if (zone && i < HEADER_SENTENCES && header_like(s, t->start, t->stop, lang, &cues)) {
        t->flags |= NN_SENTENCE_HEADER;
        if (a->header.stop == a->header.start) a->header.start = t->start;
        a->header.stop = t->stop;
      } else if (furniture_cue) {
        t->flags |= NN_SENTENCE_BOILERPLATE; /* among header lines, it does not end the zone */
      } else if (zone) {
        zone = 0;
        a->dateline = find_dateline(s, t->start, paras[p].stop);
        if (a->dateline.stop <= a->dateline.start)
          a->dateline = find_agency_dateline(s, t->start, paras[p].stop, lang);
      }
    }
  }
  if (zone) {
    /* no sentence of prose: the short lines are the text, not its header */
    size_t n = a->sentences.len / sizeof *sents;
    for (i = 0; i < n; i++) sents[i].flags &= ~NN_SENTENCE_HEADER;
    a->header.start = a->header.stop = 0;
  }
}

/* ---- the article ---------------------------------------------------------------------- */

void nn_article_init(nn_article *a, const nn_allocator *alloc)
{
  memset(a, 0, sizeof *a);
  nn_buf_init(&a->paragraphs, alloc);
  nn_buf_init(&a->sentences, alloc);
  nn_buf_init(&a->boilerplate, alloc);
  nn_buf_init(&a->lines, alloc);
}

void nn_article_free(nn_article *a)
{
  nn_buf_free(&a->paragraphs);
  nn_buf_free(&a->sentences);
  nn_buf_free(&a->boilerplate);
  nn_buf_free(&a->lines);
}

/* The lines of the text, and its paragraph layout (as nn_paragraphs_layout
 * finds it, from the same pass), then each line's paragraph block. */
static int read_lines(nn_article *a, const unsigned char *s, size_t len)
{
  size_t pos = 0, block = 0, blank_gaps = 0, final_breaks = 0, open_breaks = 0, count, i;
  int gap = 1, seen_text = 0, prev_final = 0;
  line *lines;
  while (pos < len) {
    size_t end, next;
    int sep, r;
    line *l;
    if (a->lines.cap - a->lines.len < sizeof *l && (r = nn_buf_reserve(&a->lines, sizeof *l)) != NN_OK)
      return r;
    l = (line *)(void *)(a->lines.data + a->lines.len);
    a->lines.len += sizeof *l;
    next_line(s, len, pos, &end, &next, &sep);
    l->start = pos;
    l->stop = end;
    trim(s, &l->start, &l->stop);
    l->cue = -1;
    l->block = (size_t)sep; /* the separator, until the blocks are known */
    if (l->start == l->stop) {
      l->role = ROLE_BLANK;
      gap = 1;
    } else {
      l->role = ROLE_BODY;
      if (seen_text) {
        if (gap) blank_gaps++;
        else if (prev_final) final_breaks++;
        else open_breaks++;
      }
      seen_text = 1;
      gap = 0;
      prev_final = ends_final(s, l->start, l->stop);
    }
    if (sep) gap = 1;
    pos = next;
  }
  if (blank_gaps > 0) a->layout = final_breaks <= blank_gaps ? NN_PARA_BLANK : NN_PARA_LINE;
  else a->layout = final_breaks >= open_breaks ? NN_PARA_LINE : NN_PARA_BLANK;
  lines = (line *)(void *)a->lines.data;
  count = a->lines.len / sizeof *lines;
  gap = 1;
  for (i = 0; i < count; i++) {
    int sep = lines[i].block != 0;
    if (lines[i].role == ROLE_BLANK) {
      gap = 1;
    } else {
      if (gap || a->layout == NN_PARA_LINE) block++;
      gap = 0;
    }
    lines[i].block = block;
    if (sep) gap = 1;
  }
  return NN_OK;
}

/* Moves boilerplate lines to ROLE_BOILER: cue lines, and the short lines
 * listed under a section cue. */
static void mark_boilerplate(line *lines, size_t count, const unsigned char *s, const line_cues *lc)
{
  size_t i;
  int in_section = 0;
  for (i = 0; i < count; i++) {
    line *l = &lines[i];
    int section, cue;
    if (l->role == ROLE_BLANK) continue;
    cue = match_cue(s, l->start, l->stop, lc, &section);
    if (cue >= 0) {
      l->role = ROLE_BOILER;
      l->cue = cue;
      in_section = section;
    } else if (in_section && link_like(s, l)) {
      l->role = ROLE_BOILER;
    } else {
      in_section = 0;
    }
  }
}

static int add_paragraph(nn_article *a, const unsigned char *s, size_t start, size_t stop,
                         const nn_sentence_opts *opts, int one_line)
{
  nn_article_paragraph p;
  nn_sentence_iter it;
  nn_sentence sent;
  int r;
  p.start = start;
  p.stop = stop;
  p.first_sentence = a->sentences.len / sizeof(nn_sentence);
  p.sentence_count = 0;
  p.flags = one_line && heading_like(s, start, stop) ? NN_PARAGRAPH_HEADING : 0;
  nn_sentences_init(&it, (const char *)s + start, stop - start, opts);
  while (nn_sentences_next(&it, &sent)) {
    sent.start += start;
    sent.stop += start;
    if ((r = nn_buf_append(&a->sentences, (const char *)&sent, sizeof sent)) < 0) return r;
    p.sentence_count++;
  }
  return nn_buf_append(&a->paragraphs, (const char *)&p, sizeof p);
}

int nn_article_parse(nn_article *a, const char *str, size_t len, const nn_sentence_opts *opts)
{
  const unsigned char *s = (const unsigned char *)str;
  nn_sentence_opts neutral;
  line_cues lc;
  line *lines;
  size_t count, i, first = (size_t)-1, looked = 0;
  int lang, r;

  if (!opts) {
    nn_sentence_opts_init(&neutral);
    opts = &neutral;
  }
  lang = opts->lang >= 0 && (size_t)opts->lang < nn_sent_lang_count ? opts->lang : -1;
  a->paragraphs.len = a->sentences.len = a->boilerplate.len = a->lines.len = 0;
  a->title.start = a->title.stop = a->byline.start = a->byline.stop = 0;
  a->dateline.start = a->dateline.stop = a->header.start = a->header.stop = 0;
  if (!s) len = 0;
  if ((r = read_lines(a, s, len)) < 0) return r;
  lines = (line *)(void *)a->lines.data;
  count = a->lines.len / sizeof(line);
  line_cues_of(&lc, lang);
  mark_boilerplate(lines, count, s, &lc);

  /* The title: the first line left, when it reads like one and text follows. */
  for (i = 0; i < count; i++) {
    if (lines[i].role != ROLE_BODY) continue;
    if (first == (size_t)-1) {
      first = i;
      if (!title_like(s, &lines[i]) || byline_like(s, &lines[i], lang, 0) ||
          find_dateline(s, lines[i].start, lines[i].stop).stop > lines[i].start)
        break;
    } else {
      /* wrapped text goes on in lower case: the first line is not a title */
      if (lines[i].block == lines[first].block && starts_lower(s, lines[i].start, lines[i].stop))
        break;
      lines[first].role = ROLE_TITLE;
      a->title.start = lines[first].start;
      a->title.stop = lines[first].stop;
      break;
    }
  }
  /* The byline: among the next few lines. */
  for (i = first == (size_t)-1 ? count : first; i < count && looked < BYLINE_LOOKAHEAD; i++) {
    if (lines[i].role != ROLE_BODY) continue;
    looked++;
    if (byline_like(s, &lines[i], lang, a->title.stop > 0)) {
      lines[i].role = ROLE_BYLINE;
      a->byline.start = lines[i].start;
      a->byline.stop = lines[i].stop;
      break;
    }
  }

  /* Boilerplate records, and paragraphs of the body lines of each block. */
  for (i = 0; i < count;) {
    if (lines[i].role == ROLE_BOILER) {
      nn_article_boilerplate b;
      b.start = lines[i].start;
      b.stop = lines[i].stop;
      b.cue = lines[i].cue;
      if ((r = nn_buf_append(&a->boilerplate, (const char *)&b, sizeof b)) < 0) return r;
      i++;
    } else if (lines[i].role == ROLE_BODY) {
      size_t j = i + 1, last = i;
      while (j < count && lines[j].block == lines[i].block &&
             (lines[j].role == ROLE_BODY || lines[j].role == ROLE_BLANK)) {
        if (lines[j].role == ROLE_BODY) last = j;
        j++;
      }
      if ((r = add_paragraph(a, s, lines[i].start, lines[last].stop, opts, last == i)) < 0) return r;
      lines = (line *)(void *)a->lines.data;
      i = last + 1;
    } else {
      i++;
    }
  }
  mark_sentences(a, s, lang, &lc);
  if (a->dateline.stop <= a->dateline.start) a->dateline.start = a->dateline.stop = 0;
  return NN_OK;
}
